"""The text of a feed item's own HTML (its summary or content), as paragraphs and Markdown."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from reader.sanitize import strip_control

_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "br", "tr"}
_SPACE = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def feed_paragraphs(html: str | None) -> list[str]:
    """Plain-text paragraphs of a feed item's HTML; script, style and control characters dropped."""
    if not html or not html.strip():
        return []
    html = strip_control(html)
    if "<" not in html:
        return [p for p in (_SPACE.sub(" ", block).strip() for block in re.split(r"\n\s*\n", html)) if p]
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("//script|//style|//iframe|//noscript"):
        bad.drop_tree()
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        if text:
            parts.append(text)
        current.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                flush()
            if element.text:
                current.append(element.text)
        else:
            if tag in _BLOCKS:
                flush()
            if element.tail and element is not root:
                current.append(element.tail)
    flush()
    return parts


def escape_markdown(text: str) -> str:
    """Escape the characters Markdown would read as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Plain paragraphs as Markdown text, escaped so they render as written."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs)
