"""The fast path for plain Atom 1.0: lxml, giving exactly what feedparser would, or None."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from reader.models import FeedEntry
from reader.parsing.common import ParsedFeed, text_or_none
from reader.parsing.fast import NotPlain, absolute_url, bare, one_word, plain, simple_html, xml_root

_ATOM = "{http://www.w3.org/2005/Atom}"
_FEED, _ENTRY, _LINK, _TITLE = f"{_ATOM}feed", f"{_ATOM}entry", f"{_ATOM}link", f"{_ATOM}title"
_ID, _UPDATED, _PUBLISHED, _AUTHOR = f"{_ATOM}id", f"{_ATOM}updated", f"{_ATOM}published", f"{_ATOM}author"
_SUMMARY, _CONTENT = f"{_ATOM}summary", f"{_ATOM}content"
_NAME, _EMAIL, _URI = f"{_ATOM}name", f"{_ATOM}email", f"{_ATOM}uri"
# Feed children that cannot change the feed's title or link as feedparser reads them.
_FEED_SKIP = frozenset(
    f"{_ATOM}{tag}"
    for tag in (
        "id", "updated", "subtitle", "author", "contributor", "generator", "icon", "logo", "rights",
        "category",
    )
)  # fmt: skip
_ENTRY_READ = frozenset({_TITLE, _ID, _UPDATED, _PUBLISHED, _AUTHOR, _SUMMARY, _CONTENT})
_ENTRY_SKIP = frozenset({f"{_ATOM}category"})
_LINK_ATTRIBUTES = ("href", "rel", "type", "hreflang", "title", "length")
_TEXT_TYPES = (None, "text", "html")
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})\Z")


def atom_fast(body: bytes, content_type: str | None) -> ParsedFeed | None:
    """A plain Atom feed parsed with lxml exactly as feedparser would; None for anything else."""
    root = xml_root(body, content_type, (b"<feed",))
    if root is None or root.tag != _FEED:
        return None
    try:
        return _read_feed(root)
    except NotPlain:
        return None


def _read_feed(root: Any) -> ParsedFeed:
    title: str | None = None
    links: list[str] = []
    entries: list[FeedEntry] = []
    for child in root:
        tag = child.tag
        if not isinstance(tag, str) or tag in _FEED_SKIP:
            continue
        if tag == _ENTRY:
            entries.append(_read_entry(child))
        elif tag == _TITLE and title is None:
            title = _text_construct(child, html=False)
        elif tag == _LINK:
            links.extend(_alternate(child))
        else:
            raise NotPlain
    if len(links) != 1:  # none: feedparser takes the feed's id for its link; several: the last one
        raise NotPlain
    return ParsedFeed(text_or_none(title), links[0], entries)


def _read_entry(entry: Any) -> FeedEntry:
    fields: dict[str, Any] = {}
    links: list[str] = []
    for child in entry:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ENTRY_SKIP:
            continue
        if tag == _LINK:
            links.extend(_alternate(child))
        elif tag in _ENTRY_READ and tag not in fields:
            fields[tag] = child
        else:
            raise NotPlain
    if len(links) != 1 or _ID not in fields:
        raise NotPlain
    dated = fields.get(_PUBLISHED, fields.get(_UPDATED))
    summary = _text_construct(fields[_SUMMARY], html=True) if _SUMMARY in fields else None
    content = _text_construct(fields[_CONTENT], html=True) if _CONTENT in fields else None
    title = _text_construct(fields[_TITLE], html=False) if _TITLE in fields else None
    return FeedEntry(
        guid=one_word(plain(fields[_ID]).strip()),
        title=text_or_none(title) or "",
        url=links[0],
        author=_author(fields[_AUTHOR]) if _AUTHOR in fields else None,
        published=_rfc3339(plain(dated)) if dated is not None else None,
        summary=text_or_none(summary if summary is not None else content),  # feedparser's fallback
        content=content or None,
    )


def _alternate(link: Any) -> list[str]:
    """[href] for an alternate link, [] for links of other kinds (self, replies, enclosure...)."""
    bare(link, _LINK_ATTRIBUTES)
    if link.get("rel", "alternate") != "alternate":
        return []
    if link.get("type") not in (None, "text/html"):
        raise NotPlain
    return [absolute_url(link.get("href") or "")]


def _text_construct(element: Any, *, html: bool) -> str:
    """An Atom text construct: plain text, or (where html) escaped HTML feedparser keeps as it is."""
    kind = element.get("type")
    if kind not in _TEXT_TYPES or element.get("src") is not None:
        raise NotPlain
    if kind == "html" and html:
        return simple_html(element, ("type",))
    return plain(element, ("type",))


def _author(author: Any) -> str | None:
    """feedparser's author: the name, with the email in brackets when there is one."""
    parts: dict[str, str] = {}
    for child in author:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in (_NAME, _EMAIL, _URI) or child.tag in parts:
            raise NotPlain
        parts[child.tag] = plain(child).strip()
    name, email = parts.get(_NAME), parts.get(_EMAIL)
    if not name:
        raise NotPlain
    return f"{name} ({email})" if email else name


def _rfc3339(text: str) -> datetime:
    """An RFC 3339 date in UTC to the second, as feedparser keeps it."""
    stripped = text.strip()
    if not _RFC3339.match(stripped):
        raise NotPlain
    try:
        moment = datetime.fromisoformat(stripped)
    except ValueError as exc:
        raise NotPlain from exc
    return moment.astimezone(UTC).replace(microsecond=0)
