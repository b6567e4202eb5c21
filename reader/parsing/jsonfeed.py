"""JSON Feed 1.0 and 1.1, which feedparser does not read."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

from reader.errors import FetchError
from reader.models import FeedEntry
from reader.parsing.common import hash_guid, text_or_none

JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


def parse_json_feed(body: bytes) -> tuple[str | None, str | None, list[FeedEntry]]:
    """Parse a JSON Feed 1.0/1.1 document."""
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FetchError(f"malformed feed: invalid JSON ({exc})") from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(JSON_FEED_PREFIX):
        raise FetchError("not a feed: JSON without a JSON Feed version")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FetchError("malformed feed: JSON Feed has no items list")
    feed_author = _json_author(doc)
    entries = [_entry_from_json(item, feed_author) for item in items if isinstance(item, dict)]
    return text_or_none(doc.get("title")), text_or_none(doc.get("home_page_url")), entries


def _entry_from_json(item: dict[str, Any], feed_author: str | None) -> FeedEntry:
    """A FeedEntry from one JSON Feed item."""
    title = text_or_none(item.get("title")) or ""
    link = text_or_none(item.get("url")) or text_or_none(item.get("external_url"))
    published = _iso_datetime(item.get("date_published") or item.get("date_modified"))
    content = text_or_none(item.get("content_html"))
    if content is None and text_or_none(item.get("content_text")):
        content = "<p>" + html.escape(str(item["content_text"])) + "</p>"
    return FeedEntry(
        guid=text_or_none(item.get("id")) or link or hash_guid(title, published),
        title=title,
        url=link,
        author=_json_author(item) or feed_author,
        published=published,
        summary=text_or_none(item.get("summary")),
        content=content,
    )


def _json_author(obj: dict[str, Any]) -> str | None:
    """The first author name of a JSON Feed object (1.1 'authors' or 1.0 'author')."""
    authors = obj.get("authors")
    candidates = authors if isinstance(authors, list) else [obj.get("author")]
    for author in candidates:
        if isinstance(author, dict) and text_or_none(author.get("name")):
            return text_or_none(author.get("name"))
    return None


def _iso_datetime(value: object) -> datetime | None:
    """An RFC 3339 date as an aware UTC datetime (naive ones taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
