"""The fast path for plain RSS 2.0: lxml, giving exactly what feedparser would, or None."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from reader.models import FeedEntry
from reader.parsing.common import ParsedFeed, hash_guid, parse_ttl, skip_days, skip_hours, text_or_none
from reader.parsing.fast import NotPlain, absolute_url, one_word, plain, simple_html, xml_root

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
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:([+-])(\d{2})(\d{2})|GMT|UTC|UT)\Z"
)
_MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}


def parse_rss_fast(
    body: bytes, content_type: str | None = None
) -> tuple[str | None, str | None, list[FeedEntry]] | None:
    """A plain RSS 2.0 feed parsed with lxml exactly as feedparser would; None for anything else."""
    parsed = rss_fast(body, content_type)
    return parsed.as_tuple() if parsed is not None else None


def rss_fast(body: bytes, content_type: str | None) -> ParsedFeed | None:
    """parse_rss_fast with the channel's polling hints."""
    root = xml_root(body, content_type, (b"<rss",))
    if root is None:
        return None
    try:
        title, link, entries = _read_rss(root)
    except NotPlain:
        return None
    channel = root[0]
    return ParsedFeed(
        title,
        link,
        entries,
        ttl_minutes=parse_ttl(_first_text(channel, "ttl")),
        skip_hours=skip_hours(channel.find("skipHours")),
        skip_days=skip_days(channel.find("skipDays")),
    )


def _first_text(element: Any, tag: str) -> str | None:
    """The text of element's first child named tag, or None."""
    child = element.find(tag)
    return None if child is None else child.text


def _read_rss(root: Any) -> tuple[str | None, str | None, list[FeedEntry]]:
    if root.tag != "rss" or root.get("version") != "2.0" or len(root) != 1 or root[0].tag != "channel":
        raise NotPlain
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
            value = plain(child)
            if tag == "title":
                title = value
            else:
                link = absolute_url(value)
        elif tag == _ATOM_LINK and child.get("rel") == "self" and len(child) == 0:
            continue
        else:
            raise NotPlain
    return text_or_none(title), text_or_none(link), entries


def _read_item(item: Any) -> FeedEntry:
    fields: dict[str, Any] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str) or tag in _ITEM_SKIP:
            continue
        if tag not in _ITEM_READ or tag in fields:
            raise NotPlain
        fields[tag] = child
    if "link" not in fields or (_DC_CREATOR in fields and "author" in fields):
        raise NotPlain
    url = absolute_url(plain(fields["link"]))
    guid = _guid(fields.get("guid"))
    title = plain(fields["title"]) if "title" in fields else None
    published = _rfc822(plain(fields["pubDate"])) if "pubDate" in fields else None
    author = fields.get("author", fields.get(_DC_CREATOR))
    summary = simple_html(fields["description"]) if "description" in fields else None
    content = simple_html(fields[_CONTENT_ENCODED]) if _CONTENT_ENCODED in fields else None
    title = text_or_none(title) or ""
    return FeedEntry(
        guid=text_or_none(guid) or url or hash_guid(title, published),
        title=title,
        url=url,
        author=text_or_none(plain(author)) if author is not None else None,
        published=published,
        summary=text_or_none(summary),
        content=content or None,
    )


def _guid(element: Any) -> str | None:
    if element is None:
        return None
    text = plain(element, ("isPermaLink",)).strip()
    permalink = element.get("isPermaLink")
    if permalink not in (None, "false", "true"):
        raise NotPlain
    if permalink != "false":
        return absolute_url(text)  # feedparser resolves a permalink guid against the feed URL
    return one_word(text)


def _rfc822(text: str) -> datetime:
    """An RFC 822 date in UTC, read as feedparser reads it (a -0000 zone is UTC too)."""
    match = _RFC822.match(text.strip())
    if not match:
        raise NotPlain
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    try:
        moment = datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second))
    except ValueError as exc:  # 31 Feb, hour 24: feedparser decides
        raise NotPlain from exc
    if sign:
        offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
        moment = moment - offset if sign == "+" else moment + offset
    return moment.replace(tzinfo=UTC)
