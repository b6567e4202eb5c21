"""Prepare the parsed page: remove scripts and widgets, then find the article node."""

from __future__ import annotations

import copy
from typing import Any

from reader.cleaning.patterns import BODY_CLASS, JUNK_CLASS, PAYWALL_CLASS

_REMOVE_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "template",
    "canvas",
    "button",
)
_KEEP_TAGS = frozenset(("html", "body", "main", "article"))


def _attrs(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _holds_body(el: Any) -> bool:
    """Whether el is, or wraps, the element that carries the article body or headline."""
    for sub in el.iter():
        if not isinstance(sub.tag, str):
            continue
        if sub.tag == "h1" or sub.get("itemprop") == "articleBody" or BODY_CLASS.search(_attrs(sub)):
            return True
    return False


def _is_junk(el: Any) -> bool:
    if el.tag in _KEEP_TAGS:
        return False
    tokens = _attrs(el).split()
    return any(JUNK_CLASS.search(t) for t in tokens) and not _holds_body(el)


def _is_hidden(el: Any) -> bool:
    """Whether el is marked hidden (and does not wrap the article body)."""
    hidden = el.get("hidden") is not None or el.get("aria-hidden") == "true"
    return hidden and not _holds_body(el)


def prune(doc: Any) -> bool:
    """Remove scripts, embeds and junk-classed widgets in place; True if paywall markup was seen."""
    paywall = False
    for el in list(doc.iter(*_REMOVE_TAGS)):
        _drop(el)
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        attrs = _attrs(el)
        if PAYWALL_CLASS.search(attrs):
            paywall = True
        if _is_hidden(el) or (attrs.strip() and _is_junk(el)):
            _drop(el)
    return paywall


def _drop(el: Any) -> None:
    """Remove el but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def readability_root(doc: Any) -> Any | None:
    """Readability's article subtree for the page, or None if it fails."""
    from lxml import html as lxml_html
    from readability import Document

    try:
        summary = Document(copy.deepcopy(doc)).summary(html_partial=True)
        return lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        return None


def fallback_root(doc: Any) -> Any:
    """A container holding every paragraph and subheading of the page, in order."""
    from lxml import html as lxml_html

    root = lxml_html.Element("div")
    for el in doc.iter("p", "h2", "h3", "blockquote"):
        if el.getparent() is not None and not any(a.tag in ("p", "blockquote") for a in el.iterancestors()):
            root.append(copy.deepcopy(el))
    return root
