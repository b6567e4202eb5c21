"""When a feed is next due, and what its status is, after a poll: pure decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from reader.models import PollResult

MAX_BACKOFF = timedelta(hours=24)
_HOUR = timedelta(hours=1)


class FeedState(NamedTuple):
    """What a poll result makes of a feed's stored state."""

    status: str
    failures: int
    next_due: datetime | None
    error: str | None


def decide(result: PollResult, failures: int, now: datetime, interval: timedelta) -> FeedState:
    """Status, failure count and next due time for a feed after `result`."""
    if result.status == "gone":
        return FeedState("gone", failures + 1, None, result.error or "HTTP 410 Gone: the feed was removed")
    if result.status == "error":
        failures += 1
        wait = min(interval * (2 ** (failures - 1)), MAX_BACKOFF)
        if result.retry_after is not None:
            wait = max(wait, timedelta(seconds=result.retry_after))
        status = "backing-off" if failures > 1 else "error"
        return FeedState(status, failures, now + wait, result.error)
    # An ok result's error is a warning (a broken feed read anyway): shown, but no back-off.
    return FeedState("ok", 0, _skip_forward(result, now, now + fresh_for(result, interval)), result.error)


def fresh_for(result: PollResult, interval: timedelta) -> timedelta:
    """How long an ok/not-modified result stays fresh: the longest of interval, max-age/Expires and ttl.

    Cache-Control max-age overrides Expires (RFC 9111); each hint counts for at most MAX_BACKOFF.
    """
    wait = interval
    freshness = result.max_age if result.max_age is not None else result.expires_in
    if freshness is not None:
        wait = max(wait, min(timedelta(seconds=freshness), MAX_BACKOFF))
    if result.ttl_minutes is not None:
        wait = max(wait, min(timedelta(minutes=result.ttl_minutes), MAX_BACKOFF))
    return wait


def _skip_forward(result: PollResult, now: datetime, due: datetime) -> datetime:
    """due, moved to the start of the first UTC hour outside the feed's skipHours/skipDays.

    Never later than now + MAX_BACKOFF (nor than due, if that is already later): a feed that skips
    every hour is still polled once a day. Naive datetimes are taken as UTC.
    """
    if not result.skip_hours and not result.skip_days:
        return due
    latest = max(_utc(due), _utc(now) + MAX_BACKOFF)
    moved = _utc(due)
    while _skipped(result, moved):
        moved = moved.replace(minute=0, second=0, microsecond=0) + _HOUR
        if moved >= latest:
            moved = latest
            break
    return moved.astimezone(due.tzinfo) if due.tzinfo is not None else moved.replace(tzinfo=None)


def _utc(when: datetime) -> datetime:
    """when in UTC (a naive one taken as UTC already)."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _skipped(result: PollResult, when: datetime) -> bool:
    """Whether the feed asks not to be read at this UTC moment (its hour or weekday)."""
    return when.hour in result.skip_hours or when.weekday() in result.skip_days
