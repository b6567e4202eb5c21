"""What the lxml fast paths (rss.py, atom.py) share: the checks that a feed is plain.

feedparser spends ~18 ms on a 50-item feed, most of it in its HTML sanitizer, and it holds the GIL
all along. Most feeds are plain: absolute links, well-formed dates, text titles and HTML that is
already in the form the sanitizer writes back. For those lxml gives the very FeedEntry values
feedparser would, some ten times faster. Whatever a fast path is not sure of (namespaces it does not
know, entities, relative URLs, attributes, other HTML...) raises NotPlain, and feedparser parses the
whole feed. tests/unit/test_poller.py (RSS) and tests/unit/test_atom_fast.py check the two agree
on a corpus of items.
"""

from __future__ import annotations

import re
from typing import Any

_ABSOLUTE_URL = re.compile(r"https?://[^\s<>&\"'\\]+\Z")
# HTML exactly as feedparser's sanitizer writes it back (bar <br> -> <br />): text without markup
# characters, a few bare tags, links with one absolute href. The tags are removed and what is left
# must hold no markup character: the same test as a full match of text and tags, a fifth the cost.
_SIMPLE_TAG = re.compile(
    r"""</?(?:p|em|strong|b|i|ul|ol|li|blockquote|h[1-6])>
      | <a\ href="https?://[^\s<>&"'\\]+"> | </a>
      | <br\ ?/?>""",
    re.VERBOSE,
)
_BR = re.compile(r"<br ?/?>")
_NO_SPACE = re.compile(r"\S+\Z")
_XML_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class NotPlain(Exception):
    """The feed needs feedparser."""


def xml_root(body: bytes, content_type: str | None, starts: tuple[bytes, ...]) -> Any | None:
    """The parsed root of a document both lxml and feedparser would read alike, else None.

    starts: the root tags the document may open with (after an XML declaration). No DTD, no
    entity declarations and no xml:base (which feedparser applies to links) are allowed.
    """
    if not body.startswith((b"<?xml", *starts)) or b"<!DOCTYPE" in body[:2048] or b"<!ENTITY" in body:
        return None
    if b"xml:base" in body or not _utf8_as_feedparser_reads_it(body, content_type):
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _utf8_as_feedparser_reads_it(body: bytes, content_type: str | None) -> bool:
    """Whether lxml and feedparser decode body the same way (UTF-8 everywhere, or plain ASCII)."""
    declared = _XML_DECL_ENCODING.match(body)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return False
    mime, _, params = (content_type or "").partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if charset and charset not in ("utf-8", "utf8"):
        return False
    # RFC 3023, which feedparser follows: text/* without a charset is US-ASCII.
    return bool(charset) or not mime.strip().lower().startswith("text/") or body.isascii()


def bare(element: Any, attributes: tuple[str, ...] = ()) -> None:
    """Raise NotPlain unless element has no children and no attributes but those named."""
    if len(element) or (element.attrib and any(key not in attributes for key in element.attrib)):
        raise NotPlain


def plain(element: Any, attributes: tuple[str, ...] = ()) -> str:
    """An element's text when it is plain (no children, no markup characters, no other attributes)."""
    bare(element, attributes)
    text = element.text or ""
    if not is_markup_free(text):
        raise NotPlain
    return text


def is_markup_free(text: str) -> bool:
    """Whether text holds none of <, > and &."""
    return "<" not in text and ">" not in text and "&" not in text


def absolute_url(text: str) -> str:
    """text, stripped, when it is an absolute http(s) URL (feedparser would resolve any other)."""
    stripped = text.strip()
    if not _ABSOLUTE_URL.match(stripped):
        raise NotPlain
    return stripped


def one_word(text: str) -> str:
    """text when it is one run of non-space characters (an id feedparser keeps as it is)."""
    if not _NO_SPACE.match(text):
        raise NotPlain
    return text


def simple_html(element: Any, attributes: tuple[str, ...] = ()) -> str:
    """An element's escaped HTML when feedparser's sanitizer would give it back unchanged."""
    bare(element, attributes)
    text = (element.text or "").strip()
    if is_markup_free(text):
        return text
    if not is_markup_free(_SIMPLE_TAG.sub("", text)):
        raise NotPlain
    return _BR.sub("<br />", text) if "<br" in text else text
