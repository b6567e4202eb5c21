"""Any RSS or Atom feed, read by feedparser: the reference parser, for feeds the fast paths refuse."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime
from typing import Any

from reader.errors import FetchError
from reader.models import FeedEntry
from reader.parsing.common import ParsedFeed, hash_guid, parse_ttl, skip_days, skip_hours, text_or_none


def parse_with_feedparser(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    """Parse RSS or Atom with feedparser, tolerating broken feeds that still yielded entries."""
    import feedparser  # imported on first use: most feeds take the fast path, and 304s parse nothing

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        _refuse_empty(parsed, content_type)
    feed = parsed.feed
    entries = [_entry_from_feedparser(entry) for entry in parsed.entries]
    # feedparser keeps <ttl> but only the last <hour>/<day> of the skip lists, so those are read apart.
    hours, days = _skip_lists_of(body) if b"<skip" in body else ((), ())
    return ParsedFeed(
        text_or_none(feed.get("title")),
        text_or_none(feed.get("link")),
        entries,
        ttl_minutes=parse_ttl(feed.get("ttl")),
        skip_hours=hours,
        skip_days=days,
        warning=_recovery_warning(parsed) if entries else None,
    )


def _recovery_warning(parsed: Any) -> str | None:
    """A note that a broken feed was read anyway, or None when it was well formed."""
    import feedparser

    harmless = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    problem = parsed.get("bozo_exception")
    if not parsed.bozo or isinstance(problem, harmless):
        return None
    return f"the feed is malformed; its readable items were kept ({_bozo_reason(problem)})"


def _skip_lists_of(body: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The <skipHours> and <skipDays> of an RSS document lxml can read, leniently; ((), ()) otherwise."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return (), ()
    channel = root.find("channel") if root is not None and root.tag == "rss" else None
    if channel is None:
        return (), ()
    return skip_hours(channel.find("skipHours")), skip_days(channel.find("skipDays"))


def _refuse_empty(parsed: Any, content_type: str | None) -> None:
    """Raise unless a feed with no entries is a well-formed, recognised feed."""
    import feedparser

    # Bozo reasons that don't make a recognised feed unusable (a wrong or missing Content-Type, say).
    harmless = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml") and not parsed.version:
        raise FetchError("not a feed: HTML page")
    if parsed.bozo and not (parsed.version and isinstance(parsed.get("bozo_exception"), harmless)):
        raise FetchError(f"malformed feed: {_bozo_reason(parsed.get('bozo_exception'))}")
    if not parsed.version:
        raise FetchError("not a feed: unrecognised format")


def _bozo_reason(exc: object) -> str:
    """One line saying why feedparser found the document broken."""
    if exc is None:
        return "unknown error"
    get_message = getattr(exc, "getMessage", None)
    text = str(get_message() if callable(get_message) else exc).strip()
    line = getattr(exc, "getLineNumber", None)
    if callable(line) and text:
        text = f"{text} (line {line()})"
    return text.splitlines()[0] if text else type(exc).__name__


def _entry_from_feedparser(entry: Any) -> FeedEntry:
    """A FeedEntry from one feedparser entry."""
    title = text_or_none(entry.get("title")) or ""
    link = text_or_none(entry.get("link"))
    published = _struct_to_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
    contents = [str(c.get("value") or "") for c in entry.get("content") or []]
    content = max(contents, key=len) if any(contents) else None
    return FeedEntry(
        guid=text_or_none(entry.get("id")) or link or hash_guid(title, published),
        title=title,
        url=link,
        author=text_or_none(entry.get("author")),
        published=published,
        summary=text_or_none(entry.get("summary")),
        content=content,
    )


def _struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    """A feedparser UTC struct_time as an aware UTC datetime."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
