"""Polling feeds: conditional GETs, feed parsing (RSS, Atom, JSON Feed) and bounded concurrency."""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import html
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import httpx

from reader.client import CappedResponse, HostLimiter, get_capped, http_status_message
from reader.errors import FetchError
from reader.models import FeedEntry, FeedRequest, PollResult

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"
)
JSON_FEED_PREFIX = "https://jsonfeed.org/version/"
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
# Bozo reasons that don't make a recognised feed unusable (a wrong or missing Content-Type, say).
_HARMLESS_BOZO = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


# --- parsing -----------------------------------------------------------------------------------------


def parse_feed(
    data: bytes, url: str, content_type: str | None = None
) -> tuple[str | None, str | None, list[FeedEntry]]:
    """Feed title, site link, entries. Raises FetchError('not a feed: ...' / 'malformed feed: ...')."""
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if _looks_like_json(body, content_type):
        return _parse_json_feed(body)
    if _HTML_START.match(body[:4096]):
        raise FetchError("not a feed: HTML page")
    return _parse_xml_feed(body, url, content_type)


def _looks_like_json(body: bytes, content_type: str | None) -> bool:
    """Whether the body should be read as JSON (by type, or by a leading brace)."""
    if body.startswith((b"{", b"[")):
        return True
    mime = (content_type or "").split(";")[0].strip().lower()
    return mime.endswith("json") and not body.startswith(b"<")


def _parse_xml_feed(
    body: bytes, url: str, content_type: str | None
) -> tuple[str | None, str | None, list[FeedEntry]]:
    """Parse RSS or Atom with feedparser, tolerating broken feeds that still yielded entries."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        _refuse_empty(parsed, content_type)
    feed = parsed.feed
    entries = [_entry_from_feedparser(entry) for entry in parsed.entries]
    return _text(feed.get("title")), _text(feed.get("link")), entries


def _refuse_empty(parsed: Any, content_type: str | None) -> None:
    """Raise unless a feed with no entries is a well-formed, recognised feed."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml") and not parsed.version:
        raise FetchError("not a feed: HTML page")
    if parsed.bozo and not (parsed.version and isinstance(parsed.get("bozo_exception"), _HARMLESS_BOZO)):
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
    title = _text(entry.get("title")) or ""
    link = _text(entry.get("link"))
    published = _struct_to_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
    contents = [str(c.get("value") or "") for c in entry.get("content") or []]
    content = max(contents, key=len) if any(contents) else None
    return FeedEntry(
        guid=_text(entry.get("id")) or link or _hash_guid(title, published),
        title=title,
        url=link,
        author=_text(entry.get("author")),
        published=published,
        summary=_text(entry.get("summary")),
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


def _hash_guid(title: str, published: datetime | None) -> str:
    """A stable guid for an entry with neither id nor link."""
    stamp = published.isoformat() if published else ""
    return "sha1:" + hashlib.sha1(f"{title}\n{stamp}".encode()).hexdigest()


def _text(value: object) -> str | None:
    """A stripped non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _parse_json_feed(body: bytes) -> tuple[str | None, str | None, list[FeedEntry]]:
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
    return _text(doc.get("title")), _text(doc.get("home_page_url")), entries


def _entry_from_json(item: dict[str, Any], feed_author: str | None) -> FeedEntry:
    """A FeedEntry from one JSON Feed item."""
    title = _text(item.get("title")) or ""
    link = _text(item.get("url")) or _text(item.get("external_url"))
    published = _iso_datetime(item.get("date_published") or item.get("date_modified"))
    content = _text(item.get("content_html"))
    if content is None and _text(item.get("content_text")):
        content = "<p>" + html.escape(str(item["content_text"])) + "</p>"
    return FeedEntry(
        guid=_text(item.get("id")) or link or _hash_guid(title, published),
        title=title,
        url=link,
        author=_json_author(item) or feed_author,
        published=published,
        summary=_text(item.get("summary")),
        content=content,
    )


def _json_author(obj: dict[str, Any]) -> str | None:
    """The first author name of a JSON Feed object (1.1 'authors' or 1.0 'author')."""
    authors = obj.get("authors")
    candidates = authors if isinstance(authors, list) else [obj.get("author")]
    for author in candidates:
        if isinstance(author, dict) and _text(author.get("name")):
            return _text(author.get("name"))
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


# --- polling -----------------------------------------------------------------------------------------


async def poll_feed(client: httpx.AsyncClient, request: FeedRequest) -> PollResult:
    """Fetch one feed conditionally and report what happened; never raises."""
    try:
        return await _poll(client, request)
    except FetchError as exc:
        return _error(request, str(exc))
    except Exception as exc:  # the contract: a poll never raises
        return _error(request, f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0])


async def _poll(client: httpx.AsyncClient, request: FeedRequest) -> PollResult:
    """The body of poll_feed; may raise FetchError."""
    response = await get_capped(client, request.url, headers=_conditional_headers(request))
    status = response.status
    if status == 304:
        return _not_modified(request, response)
    if 200 <= status < 300:
        return await _parsed(request, response)
    base = _error(request, http_status_message(status), http_status=status)
    if status == 410:
        return replace(base, status="gone")
    if status in (429, 503):
        return replace(base, retry_after=parse_retry_after(response.headers.get("retry-after")))
    return base


def _conditional_headers(request: FeedRequest) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the stored validators."""
    headers = {"Accept": FEED_ACCEPT}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    return headers


def _not_modified(request: FeedRequest, response: CappedResponse) -> PollResult:
    """The result for a 304, keeping the old validators when none came back."""
    return PollResult(
        feed_id=request.feed_id,
        url=request.url,
        status="not-modified",
        http_status=304,
        new_url=response.permanent_redirect_url,
        etag=response.headers.get("etag") or request.etag,
        last_modified=response.headers.get("last-modified") or request.last_modified,
        max_age=parse_max_age(response.headers.get("cache-control")),
    )


async def _parsed(request: FeedRequest, response: CappedResponse) -> PollResult:
    """The result for a 2xx: the feed parsed off the event loop."""
    title, site_url, entries = await asyncio.to_thread(
        parse_feed, response.content, response.url, response.headers.get("content-type")
    )
    return PollResult(
        feed_id=request.feed_id,
        url=request.url,
        status="ok",
        http_status=response.status,
        new_url=response.permanent_redirect_url,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        title=title,
        site_url=site_url,
        entries=entries,
        max_age=parse_max_age(response.headers.get("cache-control")),
    )


def _error(request: FeedRequest, message: str, http_status: int | None = None) -> PollResult:
    """An error result that keeps the request's validators."""
    return PollResult(
        feed_id=request.feed_id,
        url=request.url,
        status="error",
        http_status=http_status,
        etag=request.etag,
        last_modified=request.last_modified,
        error=message,
    )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def parse_max_age(value: str | None) -> float | None:
    """The max-age of a Cache-Control header in seconds, or None."""
    match = _MAX_AGE.search(value or "")
    return float(match.group(1)) if match else None


async def poll_feeds(
    client: httpx.AsyncClient,
    requests: Sequence[FeedRequest],
    *,
    jobs: int = 32,
    per_host: int = 4,
    on_result: Callable[[PollResult], None] | None = None,
) -> list[PollResult]:
    """Poll every feed concurrently (jobs overall, per_host per host); results come back in INPUT order.

    on_result is called with each result as it finishes (completion order), for progress display.
    One failing or hanging feed never stops the others: each poll ends at the client's timeout.
    """
    gate = asyncio.Semaphore(max(1, jobs))
    hosts = HostLimiter(per_host)

    async def one(request: FeedRequest) -> PollResult:
        # The host slot is taken first so feeds waiting on a busy host don't hold global slots.
        async with hosts.semaphore(_safe_url(request.url)), gate:
            result = await poll_feed(client, request)
        if on_result is not None:
            on_result(result)
        return result

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(request)) for request in requests]
    return [task.result() for task in tasks]


def _safe_url(url: str) -> str:
    """url if httpx can parse it, else '' (the bad URL is reported by poll_feed itself)."""
    try:
        httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return ""
    return url
