"""Prepare the parsed page: remove scripts and widgets, then find the article node."""

from __future__ import annotations

import copy
import re
from typing import Any

from reader.cleaning.patterns import (
    BODY_CLASS,
    HEADER_CLASS,
    JUNK_CLASS,
    META_CLASS,
    META_MAX_WORDS,
    PAYWALL_CLASS,
)

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


def _over_attrs(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A per-class-token pattern rewritten to search the whole space-separated class and id string."""
    source = pattern.pattern.replace("(^|[-_])", r"(?:^|[-_\s])").replace("($|[-_])", r"(?:$|[-_\s])")
    source = source.replace("^(", r"(?:^|\s)(").replace(")$", r")(?:$|\s)")
    return re.compile(source, pattern.flags)


_JUNK = _over_attrs(JUNK_CLASS)
_META = _over_attrs(META_CLASS)
_HEADER = _over_attrs(HEADER_CLASS)
_BODY = _over_attrs(BODY_CLASS)
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (_JUNK, _META, _HEADER)), re.IGNORECASE)
_CANDIDATES = (
    "//*[@class or @id or @hidden or @aria-hidden or @data-component or @data-testid]"
    " | //figcaption | //header | //footer"
)
_SIGNUP_INPUTS = "//input[@type='email' or contains(@name, 'email') or contains(@placeholder, 'mail')]"
_WIDGET_WORDS = 60


def _attrs(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _component(el: Any) -> str:
    """The component names some frameworks put in data attributes (matched against junk names only)."""
    return f"{el.get('data-component') or ''} {el.get('data-testid') or ''}"


def _holds_body(el: Any, headline: bool = True) -> bool:
    """Whether el is, or wraps, the element that carries the article body (or, if headline, the h1)."""
    if headline and el.xpath("boolean(descendant-or-self::h1)"):
        return True
    if el.xpath("boolean(descendant-or-self::*[@itemprop='articleBody'])"):
        return True
    attrs = " ".join(el.xpath("descendant-or-self::*/@class | descendant-or-self::*/@id"))
    return bool(_BODY.search(attrs))


def _short(el: Any) -> bool:
    """Whether el holds few enough words to be a byline, caption or header widget."""
    return len(el.text_content().split()) <= META_MAX_WORDS


def _drop_reason(el: Any, tag: str) -> bool:
    """Whether el is a widget, hidden element, caption or story header to remove before extraction."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return not _holds_body(el)
    if tag in ("figcaption", "header"):
        return not _holds_body(el, headline=False)
    if tag == "footer":
        return _short(el) and not _holds_body(el, headline=False)
    if tag in _KEEP_TAGS:
        return False
    attrs = _attrs(el)
    if _JUNK.search(_component(el)):
        return not _holds_body(el)
    if not _ANY.search(attrs):
        return False
    if _JUNK.search(attrs):
        return not _holds_body(el)
    if _META.search(attrs) or _HEADER.search(attrs):
        return _short(el) and not _holds_body(el, headline=False)
    return False


def prune(doc: Any) -> bool:
    """Remove scripts, embeds, widgets, captions and story headers in place; True if paywall markup seen."""
    paywall = bool(PAYWALL_CLASS.search(" ".join(doc.xpath("//@class | //@id"))))
    for el in list(doc.iter(*_REMOVE_TAGS)):
        _drop(el)
    doomed = [el for el in doc.xpath(_CANDIDATES) if _drop_reason(el, el.tag)]
    for el in doomed:  # in document order, so an element inside an earlier one goes with it
        _drop(el)
    for el in _signup_boxes(doc):
        _drop(el)
    return paywall


def _signup_boxes(doc: Any) -> list[Any]:
    """The boxes around e-mail inputs (newsletter and comment forms): the largest ancestor still short."""
    boxes = []
    for field in doc.xpath(_SIGNUP_INPUTS):
        box = None
        for parent in field.iterancestors():
            if parent.tag in _KEEP_TAGS or len(parent.text_content().split()) > _WIDGET_WORDS:
                break
            box = parent
        if box is not None and not _holds_body(box):
            boxes.append(box)
    return _outermost(boxes)


def _drop(el: Any) -> None:
    """Remove el but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def _lean_document(doc: Any) -> Any:
    """A readability Document over an already pruned tree, skipping its own HTML cleaning pass."""
    from readability import Document

    class LeanDocument(Document):  # type: ignore[misc]
        """Readability minus lxml_html_clean: prune() has already removed scripts, styles and embeds."""

        def _parse(self, input: Any) -> Any:  # noqa: A002 - readability's own signature
            tree = copy.deepcopy(input)
            for el in tree.xpath("//*[@hidden] | //comment() | //processing-instruction()"):
                if el.getparent() is not None:
                    el.drop_tree()  # keeps the tail text
            self.encoding = "utf-8"
            return tree

    return LeanDocument(doc)


def readability_root(doc: Any) -> Any | None:
    """Readability's article subtree for the (pruned) page, or None if it fails."""
    from lxml import html as lxml_html
    from readability import Document

    try:
        try:
            summary = _lean_document(doc).summary(html_partial=True)
        except Exception:  # noqa: BLE001 - fall back to readability's own parsing
            summary = Document(copy.deepcopy(doc)).summary(html_partial=True)
        return lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        return None


def _outermost(elements: list[Any]) -> list[Any]:
    """The elements not inside another one of them."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def _p_words(doc: Any) -> int:
    """Words in the page's top-level paragraphs."""
    return sum(len(text.split()) for text in doc.xpath("//p[not(ancestor::p)]//text()"))


def body_root(doc: Any) -> Any | None:
    """The page's own article-body container (itemprop=articleBody or a body class) when it holds the text."""
    marked = [
        el
        for el in doc.xpath("//*[@class or @id or @itemprop or @property]")
        if isinstance(el.tag, str)
        and el.tag not in ("html", "body", "p", "span", "a", "li")
        and (
            el.get("itemprop") == "articleBody"
            or el.get("property") == "articleBody"
            or _BODY.search(_attrs(el))
        )
    ]
    if not marked:
        marked = list(doc.iter("article"))
    if not marked:
        return None
    counted = [(len(el.text_content().split()), el) for el in _outermost(marked)]
    words, best = max(counted, key=lambda pair: pair[0])
    parent, cls = best.getparent(), best.get("class")
    parts = [el for _, el in counted if el.getparent() is parent and el.get("class") == cls]
    if len(parts) > 1:  # one body split into sibling chunks around ads or embeds
        words = sum(n for n, el in counted if el in parts)
    if words < 50 or words < 0.5 * _p_words(doc):
        return None
    if len(parts) == 1:
        return best
    from lxml import html as lxml_html

    root = lxml_html.Element("div")
    for el in parts:
        root.append(copy.deepcopy(el))
    return root


def fallback_root(doc: Any) -> Any:
    """A container holding every paragraph and subheading of the page, in order."""
    from lxml import html as lxml_html

    root = lxml_html.Element("div")
    for el in doc.iter("p", "h2", "h3", "blockquote"):
        if el.getparent() is not None and not any(a.tag in ("p", "blockquote") for a in el.iterancestors()):
            root.append(copy.deepcopy(el))
    return root
