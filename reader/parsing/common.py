"""What every feed parser here shares: the parsed feed's shape and a few value readers."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, NamedTuple

from reader.models import FeedEntry

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ParsedFeed(NamedTuple):
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


def parse_ttl(value: object) -> int | None:
    """An RSS <ttl> as a positive number of minutes, or None."""
    text = text_or_none(value)
    if text is None or not text.isdigit():
        return None
    minutes = int(text)
    return minutes if minutes > 0 else None


def skip_hours(element: Any) -> tuple[int, ...]:
    """The UTC hours (0-23) of a <skipHours> element, sorted; () for None."""
    if element is None:
        return ()
    hours = set()
    for child in element.iter("hour"):
        text = (child.text or "").strip()
        if text.isdigit() and 0 <= int(text) <= 24:
            hours.add(int(text) % 24)  # some feeds write 1-24; 24 is midnight
    return tuple(sorted(hours))


def skip_days(element: Any) -> tuple[int, ...]:
    """The weekdays (Monday = 0) of a <skipDays> element, sorted; () for None."""
    if element is None:
        return ()
    days = set()
    for child in element.iter("day"):
        name = (child.text or "").strip().lower()
        if name in _WEEKDAYS:
            days.add(_WEEKDAYS.index(name))
    return tuple(sorted(days))


def hash_guid(title: str, published: datetime | None) -> str:
    """A stable guid for an entry with neither id nor link."""
    stamp = published.isoformat() if published else ""
    return "sha1:" + hashlib.sha1(f"{title}\n{stamp}".encode()).hexdigest()


def text_or_none(value: object) -> str | None:
    """A stripped non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
