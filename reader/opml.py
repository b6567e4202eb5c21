"""Reading and writing OPML subscription lists; pure functions, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from reader.errors import ReaderError

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


class Outline(NamedTuple):
    """One subscription in an OPML file; folder is "A/B" for an outline nested two folders deep."""

    url: str
    title: str | None = None
    folder: str | None = None
    site_url: str | None = None


def parse_opml(data: bytes | str) -> list[Outline]:
    """The feeds in an OPML document, first occurrence of each URL kept; raises ReaderError on junk."""
    root = _parse_xml(data)
    if _local_name(root.tag) != "opml":
        raise ReaderError(f"not an OPML file: root element is <{_local_name(root.tag)}>")
    body = next((child for child in root if _local_name(child.tag) == "body"), None)
    if body is None:
        raise ReaderError("not an OPML file: no <body> element")
    seen: set[str] = set()
    outlines: list[Outline] = []
    for outline in _walk(body, ()):
        if outline.url not in seen:
            seen.add(outline.url)
            outlines.append(outline)
    return outlines


def _parse_xml(data: bytes | str) -> etree._Element:
    """Parse XML safely: no entity expansion, no DTD loading, no network."""
    if isinstance(data, str):
        data = _XML_DECLARATION.sub("", data, count=1).encode("utf-8")
    if not data.strip():
        raise ReaderError("not an OPML file: empty document")
    if b"<!ENTITY" in data:
        # As defusedxml does: no entity declarations at all (libxml2 expands them in attributes).
        raise ReaderError("not an OPML file: entity declarations are not allowed")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"not an OPML file: {_first_line(str(exc))}") from exc
    if root is None:
        raise ReaderError("not an OPML file: no root element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ReaderError("not an OPML file: entity declarations are not allowed")
    return root


def _walk(parent: etree._Element, path: tuple[str, ...]) -> Iterator[Outline]:
    """Yield the feed outlines under parent, with folder paths from the enclosing outlines' titles."""
    for element in parent:
        if not isinstance(element.tag, str) or _local_name(element.tag) != "outline":
            continue
        attrs = {str(key).lower(): str(value).strip() for key, value in element.attrib.items()}
        title = attrs.get("text") or attrs.get("title") or None
        url = attrs.get("xmlurl")
        if url:
            feed_title = title if title != url else None
            yield Outline(url, feed_title, "/".join(path) or None, attrs.get("htmlurl") or None)
        if len(element):
            yield from _walk(element, (*path, title) if title else path)


def _local_name(tag: object) -> str:
    """An element's tag without any namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _first_line(text: str) -> str:
    """The first line of a message."""
    return text.strip().splitlines()[0] if text.strip() else "unreadable XML"


@dataclass
class _Folder:
    """A folder being built by to_opml: its feeds and subfolders, in first-seen order."""

    feeds: list[Outline] = field(default_factory=list)
    children: dict[str, _Folder] = field(default_factory=dict)


def to_opml(outlines: Iterable[Outline], title: str = "wirereader subscriptions") -> str:
    """An OPML 2.0 document with the outlines grouped in (possibly nested) folders."""
    tree = _Folder()
    for outline in outlines:
        _folder_for(tree, outline.folder).feeds.append(outline)
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    _write_folder(etree.SubElement(root, "body"), tree)
    data: bytes = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return data.decode("utf-8")


def _folder_for(tree: _Folder, folder: str | None) -> _Folder:
    """The node for a folder path like "A/B", created as needed."""
    node = tree
    for name in (part.strip() for part in (folder or "").split("/")):
        if name:
            node = node.children.setdefault(name, _Folder())
    return node


def _write_folder(parent: etree._Element, node: _Folder) -> None:
    """Append node's feeds, then its subfolders, under parent."""
    for outline in node.feeds:
        attrs = {"type": "rss", "text": outline.title or outline.url, "xmlUrl": outline.url}
        if outline.title:
            attrs["title"] = outline.title
        if outline.site_url:
            attrs["htmlUrl"] = outline.site_url
        etree.SubElement(parent, "outline", attrs)
    for name, child in node.children.items():
        _write_folder(etree.SubElement(parent, "outline", text=name, title=name), child)
