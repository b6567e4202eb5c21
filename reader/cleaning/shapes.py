"""Widgets told by their shape, not their names: captions under images and tables of contents."""

from __future__ import annotations

from typing import Any

KEEP_TAGS = frozenset(("html", "body", "main", "article"))
_CAPTION_WORDS = 40
_TOC_LABEL_WORDS = 5


def outermost(elements: list[Any]) -> list[Any]:
    """The elements not inside another one of them."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def contents_lists(doc: Any) -> list[Any]:
    """Tables of contents: lists whose every item is one link to an anchor on the page (with their label)."""
    found = []
    for lst in doc.iter("ul", "ol"):
        items = [li for li in lst if li.tag == "li"]
        if len(items) < 2 or not all(_is_anchor_item(li) for li in items):
            continue
        box = lst.getparent()
        others = [c for c in box if c is not lst and isinstance(c.tag, str)] if box is not None else []
        label = " ".join(c.text_content() for c in others).split()
        keep_box = box is None or box.tag in KEEP_TAGS or len(label) > _TOC_LABEL_WORDS or len(others) > 1
        found.append(lst if keep_box else box)
    return outermost(found)


def _is_anchor_item(li: Any) -> bool:
    links = li.findall(".//a")
    return (
        len(links) == 1
        and (links[0].get("href") or "").startswith("#")
        and " ".join(links[0].text_content().split()) == " ".join(li.text_content().split())
    )


def image_captions(doc: Any) -> list[Any]:
    """Paragraphs set wholly in italics right under an image: captions without caption markup."""
    found = []
    for img in doc.iter("img"):
        box = img
        parent = box.getparent()
        while parent is not None and parent.tag not in KEEP_TAGS and not parent.text_content().strip():
            box, parent = parent, parent.getparent()
        caption = box.getnext()
        if caption is not None and caption.tag in ("p", "div") and _all_italic(caption):
            found.append(caption)
    return found


def _all_italic(el: Any) -> bool:
    children = [c for c in el if isinstance(c.tag, str)]
    return (
        len(children) == 1
        and children[0].tag in ("em", "i")
        and not (el.text or "").strip()
        and not (children[0].tail or "").strip()
        and 0 < len(el.text_content().split()) <= _CAPTION_WORDS
    )
