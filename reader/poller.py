"""Polling feeds: conditional GETs, feed parsing (RSS, Atom, JSON Feed) and bounded concurrency."""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import html
import json
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from reader.client import CappedResponse, HostLimiter, get_capped, http_status_message
from reader.errors import FetchError
from reader.models import FeedEntry, FeedRequest, PollResult

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"
)
JSON_FEED_PREFIX = "https://jsonfeed.org/version/"
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: title, site link, entries, and the RSS channel's polling hints."""

    title: str | None
    site_url: str | None
    entries: list[FeedEntry]
    ttl_minutes: int | None = None
    skip_hours: tuple[int, ...] = ()  # UTC hours 0-23
    skip_days: tuple[int, ...] = ()  # UTC weekdays, Monday = 0
    warning: str | None = None  # the feed was broken but its items could be read

    def as_tuple(self) -> tuple[str | None, str | None, list[FeedEntry]]:
        """The (title, site link, entries) triple parse_feed returns."""
        return self.title, self.site_url, self.entries


# --- parsing -----------------------------------------------------------------------------------------


def parse_feed(
    data: bytes, url: str, content_type: str | None = None
) -> tuple[str | None, str | None, list[FeedEntry]]:
    """Feed title, site link, entries. Raises FetchError('not a feed: ...' / 'malformed feed: ...')."""
    return parse_feed_details(data, url, content_type).as_tuple()


def parse_feed_details(data: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The feed with its <ttl>/<skipHours>/<skipDays> hints; raises FetchError as parse_feed does."""
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if _looks_like_json(body, content_type):
        return ParsedFeed(*_parse_json_feed(body))
    if _HTML_START.match(body[:4096]):
        raise FetchError("not a feed: HTML page")
    fast = _rss_fast(body, content_type)
    if fast is not None:
        return fast
    return _parse_xml_feed_details(body, url, content_type)


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
    return _parse_xml_feed_details(body, url, content_type).as_tuple()


def _parse_xml_feed_details(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    """_parse_xml_feed with the channel's polling hints."""
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
        _text(feed.get("title")),
        _text(feed.get("link")),
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
    return _skip_hours(channel.find("skipHours")), _skip_days(channel.find("skipDays"))


def parse_ttl(value: object) -> int | None:
    """An RSS <ttl> as a positive number of minutes, or None."""
    text = _text(value)
    if text is None or not text.isdigit():
        return None
    minutes = int(text)
    return minutes if minutes > 0 else None


def _skip_hours(element: Any) -> tuple[int, ...]:
    """The UTC hours (0-23) of a <skipHours> element, sorted; () for None."""
    if element is None:
        return ()
    hours = set()
    for child in element.iter("hour"):
        text = (child.text or "").strip()
        if text.isdigit() and 0 <= int(text) <= 24:
            hours.add(int(text) % 24)  # some feeds write 1-24; 24 is midnight
    return tuple(sorted(hours))


def _skip_days(element: Any) -> tuple[int, ...]:
    """The weekdays (Monday = 0) of a <skipDays> element, sorted; () for None."""
    if element is None:
        return ()
    days = set()
    for child in element.iter("day"):
        name = (child.text or "").strip().lower()
        if name in _WEEKDAYS:
            days.add(_WEEKDAYS.index(name))
    return tuple(sorted(days))


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


# --- the fast path for plain RSS 2.0 -----------------------------------------------------------------
#
# feedparser spends ~18 ms on a 50-item feed, most of it in its HTML sanitizer, and it holds the GIL
# all along. Most RSS 2.0 feeds are plain: absolute links, RFC 822 dates, text titles and HTML that
# is already in the form the sanitizer writes back. For those lxml gives the very FeedEntry values
# feedparser would, some ten times faster. Whatever the fast path is not sure of (namespaces it does
# not know, entities, relative URLs, attributes, other HTML, Atom, RSS 1.0...) makes it return None,
# and feedparser parses the whole feed. tests/unit/test_poller.py checks the two agree on a corpus.

_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
# Item children the fast path reads, and those it may skip (feedparser keeps them in fields we ignore).
_ITEM_READ = frozenset(
    {"title", "link", "guid", "pubDate", "description", "author", _CONTENT_ENCODED, _DC_CREATOR}
)
_ITEM_SKIP = frozenset({"category", "comments"})
# Channel children that cannot change the feed's title or link as feedparser reads them.
_CHANNEL_SKIP = frozenset(
    {
        "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
        "lastBuildDate", "category", "generator", "docs", "ttl", "rating", "skipHours", "skipDays",
        "cloud",
    }
)  # fmt: skip
_PLAIN_TEXT = re.compile(r"[^<>&]*\Z")
_ABSOLUTE_URL = re.compile(r"https?://[^\s<>&\"'\\]+\Z")
# HTML exactly as feedparser's sanitizer writes it back (bar <br> -> <br />): text without markup
# characters, a few bare tags, links with one absolute href. Possessive, so a near-miss fails fast.
_SIMPLE_HTML = re.compile(
    r"""(?:[^<>&]++
          | </?(?:p|em|strong|b|i|ul|ol|li|blockquote|h[1-6])>
          | <a\ href="https?://[^\s<>&"'\\]+"> | </a>
          | <br\ ?/?>
        )*+\Z""",
    re.VERBOSE,
)
_BR = re.compile(r"<br ?/?>")
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:([+-])(\d{2})(\d{2})|GMT|UTC|UT)\Z"
)
_MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}
_NO_SPACE = re.compile(r"\S+\Z")
_XML_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class _NotPlain(Exception):
    """The feed needs feedparser."""


def parse_rss_fast(
    body: bytes, content_type: str | None = None
) -> tuple[str | None, str | None, list[FeedEntry]] | None:
    """A plain RSS 2.0 feed parsed with lxml exactly as feedparser would; None for anything else."""
    parsed = _rss_fast(body, content_type)
    return parsed.as_tuple() if parsed is not None else None


def _rss_fast(body: bytes, content_type: str | None) -> ParsedFeed | None:
    """parse_rss_fast with the channel's polling hints."""
    if not body.startswith((b"<?xml", b"<rss")) or b"<!DOCTYPE" in body[:2048] or b"<!ENTITY" in body:
        return None
    if not _utf8_as_feedparser_reads_it(body, content_type):
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    try:
        title, link, entries = _read_rss(root)
    except _NotPlain:
        return None
    channel = root[0]
    return ParsedFeed(
        title,
        link,
        entries,
        ttl_minutes=parse_ttl(_first_text(channel, "ttl")),
        skip_hours=_skip_hours(channel.find("skipHours")),
        skip_days=_skip_days(channel.find("skipDays")),
    )


def _first_text(element: Any, tag: str) -> str | None:
    """The text of element's first child named tag, or None."""
    child = element.find(tag)
    return None if child is None else child.text


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


def _read_rss(root: Any) -> tuple[str | None, str | None, list[FeedEntry]]:
    if root.tag != "rss" or root.get("version") != "2.0" or len(root) != 1 or root[0].tag != "channel":
        raise _NotPlain
    channel = root[0]
    title: str | None = None
    link: str | None = None
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for child in channel:
        tag = child.tag
        if not isinstance(tag, str) or tag in _CHANNEL_SKIP:
            continue
        if tag == "item":
            entries.append(_read_item(child))
        elif tag in ("title", "link") and tag not in seen:
            seen.add(tag)
            value = _plain(child)
            if tag == "title":
                title = value
            else:
                link = _url(value)
        elif tag == _ATOM_LINK and child.get("rel") == "self" and len(child) == 0:
            continue
        else:
            raise _NotPlain
    return _text(title), _text(link), entries


def _read_item(item: Any) -> FeedEntry:
    fields: dict[str, Any] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ITEM_SKIP:
            continue
        if tag not in _ITEM_READ or tag in fields:
            raise _NotPlain
        fields[tag] = child
    if "link" not in fields or (_DC_CREATOR in fields and "author" in fields):
        raise _NotPlain
    url = _url(_plain(fields["link"]))
    guid = _guid(fields.get("guid"))
    title = _plain(fields["title"]) if "title" in fields else None
    published = _rfc822(_plain(fields["pubDate"])) if "pubDate" in fields else None
    author = fields.get("author", fields.get(_DC_CREATOR))
    summary = _html(fields["description"]) if "description" in fields else None
    content = _html(fields[_CONTENT_ENCODED]) if _CONTENT_ENCODED in fields else None
    title = _text(title) or ""
    return FeedEntry(
        guid=_text(guid) or url or _hash_guid(title, published),
        title=title,
        url=url,
        author=_text(_plain(author)) if author is not None else None,
        published=published,
        summary=_text(summary),
        content=content or None,
    )


def _plain(element: Any, attributes: tuple[str, ...] = ()) -> str:
    """An element's text when it is plain (no children, no markup characters, no other attributes)."""
    if len(element) or (element.attrib and any(key not in attributes for key in element.attrib)):
        raise _NotPlain
    text = element.text or ""
    if not _PLAIN_TEXT.match(text):
        raise _NotPlain
    return text


def _url(text: str) -> str:
    stripped = text.strip()
    if not _ABSOLUTE_URL.match(stripped):
        raise _NotPlain  # feedparser would resolve a relative URL
    return stripped


def _guid(element: Any) -> str | None:
    if element is None:
        return None
    text = _plain(element, ("isPermaLink",)).strip()
    permalink = element.get("isPermaLink")
    if permalink not in (None, "false", "true"):
        raise _NotPlain
    if permalink != "false":
        return _url(text)  # feedparser resolves a permalink guid against the feed URL
    if not _NO_SPACE.match(text):
        raise _NotPlain
    return text


def _html(element: Any) -> str:
    if len(element) or element.keys():
        raise _NotPlain
    text = (element.text or "").strip()
    if not _SIMPLE_HTML.match(text):
        raise _NotPlain
    return _BR.sub("<br />", text)


def _rfc822(text: str) -> datetime:
    """An RFC 822 date in UTC, read as feedparser reads it (a -0000 zone is UTC too)."""
    match = _RFC822.match(text.strip())
    if not match:
        raise _NotPlain
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    try:
        moment = datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second))
    except ValueError as exc:  # 31 Feb, hour 24: feedparser decides
        raise _NotPlain from exc
    if sign:
        offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
        moment = moment - offset if sign == "+" else moment + offset
    return moment.replace(tzinfo=UTC)


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
        expires_in=_expires_in(response),
        ttl_minutes=request.ttl_minutes,
        skip_hours=request.skip_hours,
        skip_days=request.skip_days,
    )


async def _parsed(request: FeedRequest, response: CappedResponse) -> PollResult:
    """The result for a 2xx: the feed parsed off the event loop."""
    parsed = await asyncio.to_thread(
        parse_feed_details, response.content, response.url, response.headers.get("content-type")
    )
    return PollResult(
        feed_id=request.feed_id,
        url=request.url,
        status="ok",
        http_status=response.status,
        new_url=response.permanent_redirect_url,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        title=parsed.title,
        site_url=parsed.site_url,
        entries=parsed.entries,
        max_age=parse_max_age(response.headers.get("cache-control")),
        expires_in=_expires_in(response),
        ttl_minutes=parsed.ttl_minutes,
        skip_hours=parsed.skip_hours,
        skip_days=parsed.skip_days,
        error=parsed.warning,
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


def parse_expires(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from now until an Expires header's HTTP date; None when unparseable or not in the future."""
    when = _http_date(value)
    if when is None:
        return None
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return seconds if seconds > 0 else None


def _http_date(value: str | None) -> datetime | None:
    """An HTTP date as an aware datetime (naive taken as UTC), or None."""
    if not value or not value.strip():
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _expires_in(response: CappedResponse) -> float | None:
    """A response's Expires as seconds from now, measured against its Date header when it has one."""
    # RFC 9111 4.2.1: freshness is Expires minus Date, which a skewed local clock does not disturb.
    return parse_expires(response.headers.get("expires"), _http_date(response.headers.get("date")))


async def poll_feeds(
    client: httpx.AsyncClient | Sequence[httpx.AsyncClient],
    requests: Sequence[FeedRequest],
    *,
    jobs: int = 32,
    per_host: int = 4,
    on_result: Callable[[PollResult], Awaitable[None] | None] | None = None,
    keep_results: bool = True,
) -> list[PollResult]:
    """Poll every feed concurrently (jobs overall, per_host per host); results come back in INPUT order.

    With keep_results=False nothing is returned (each result is dropped once on_result has had it),
    so a big refresh never holds every feed's entries at once.

    on_result is called with each result as it finishes (completion order), for progress display;
    when it returns an awaitable, the poll's slot is held until that is done (backpressure).
    One failing or hanging feed never stops the others: each poll ends at the client's timeout.
    client may be several clients: each poll goes to the least busy one. (httpcore's pool does work
    quadratic in its connections on every request, so a few pools of 8 beat one pool of 32.)
    """
    gate = asyncio.Semaphore(max(1, jobs))
    hosts = HostLimiter(per_host)
    pool = [client] if isinstance(client, httpx.AsyncClient) else list(client)
    busy = [0] * len(pool)

    async def one(request: FeedRequest) -> PollResult:
        # The host slot is taken first so feeds waiting on a busy host don't hold global slots.
        async with hosts.semaphore(_safe_url(request.url)), gate:
            index = busy.index(min(busy))
            busy[index] += 1
            try:
                result = await poll_feed(pool[index], request)
            finally:
                busy[index] -= 1
            if on_result is not None and (pending := on_result(result)) is not None:
                await pending
        return result if keep_results else None  # type: ignore[return-value]

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(request)) for request in requests]
    return [task.result() for task in tasks] if keep_results else []


def _safe_url(url: str) -> str:
    """url if httpx can parse it, else '' (the bad URL is reported by poll_feed itself)."""
    try:
        httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return ""
    return url
