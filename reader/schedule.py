"""When a feed is next due, and what its status is, after a poll: pure decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from reader.models import PollResult

MAX_BACKOFF = timedelta(hours=24)


@dataclass(frozen=True)
class FeedState:
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
    wait = interval
    if result.max_age is not None:
        wait = max(wait, min(timedelta(seconds=result.max_age), MAX_BACKOFF))
    return FeedState("ok", 0, now + wait, None)
