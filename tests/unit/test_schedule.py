"""decide(): status, backoff and when a feed is next due, from a poll result alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from reader.models import PollResult
from reader.schedule import MAX_BACKOFF, decide

NOW = datetime(2026, 6, 3, 12, 30, tzinfo=UTC)  # a Wednesday
INTERVAL = timedelta(minutes=30)


def ok(status: str = "ok", **hints: Any) -> PollResult:
    """A successful poll result carrying the given hints."""
    return PollResult(feed_id=1, url="http://x/feed", status=status, **hints)


def due_after(result: PollResult, interval: timedelta = INTERVAL) -> timedelta:
    """How long after NOW decide() makes the feed due."""
    state = decide(result, 0, NOW, interval)
    assert state.next_due is not None
    return state.next_due - NOW


def test_plain_ok_is_due_after_the_interval() -> None:
    state = decide(ok(), 3, NOW, INTERVAL)
    assert (state.status, state.failures, state.error, state.next_due) == ("ok", 0, None, NOW + INTERVAL)


@pytest.mark.parametrize("status", ["ok", "not-modified"])
def test_max_age_longer_than_the_interval_wins(status: str) -> None:
    assert due_after(ok(status, max_age=7200.0)) == timedelta(hours=2)


def test_hints_shorter_than_the_interval_do_not_shorten_it() -> None:
    assert due_after(ok(max_age=60.0, expires_in=60.0, ttl_minutes=1)) == INTERVAL


def test_expires_used_without_max_age() -> None:
    assert due_after(ok("not-modified", expires_in=5400.0)) == timedelta(minutes=90)


def test_max_age_overrides_expires() -> None:
    assert due_after(ok(max_age=3600.0, expires_in=7200.0)) == timedelta(hours=1)
    assert due_after(ok(max_age=0.0, expires_in=7200.0)) == INTERVAL


def test_ttl_in_minutes() -> None:
    assert due_after(ok(ttl_minutes=180)) == timedelta(hours=3)


def test_longest_hint_wins() -> None:
    assert due_after(ok(max_age=3600.0, ttl_minutes=240)) == timedelta(hours=4)
    assert due_after(ok(expires_in=18000.0, ttl_minutes=60)) == timedelta(hours=5)


@pytest.mark.parametrize(
    "hints", [{"max_age": 10.0**9}, {"expires_in": 10.0**9}, {"ttl_minutes": 10**7}], ids=str
)
def test_each_hint_capped_at_a_day(hints: dict[str, Any]) -> None:
    assert due_after(ok(**hints)) == MAX_BACKOFF


def test_a_configured_interval_longer_than_the_hints_stands() -> None:
    assert due_after(ok(ttl_minutes=60), interval=timedelta(hours=6)) == timedelta(hours=6)


def test_errors_ignore_freshness_hints() -> None:
    failed = PollResult(1, "http://x/", "error", error="HTTP 500", max_age=86400.0, ttl_minutes=600)
    first = decide(failed, 0, NOW, INTERVAL)
    assert (first.status, first.failures, first.next_due) == ("error", 1, NOW + INTERVAL)
    second = decide(failed, 1, NOW, INTERVAL)
    assert (second.status, second.next_due) == ("backing-off", NOW + 2 * INTERVAL)


def test_backoff_is_capped_and_retry_after_respected() -> None:
    failed = PollResult(1, "http://x/", "error", error="HTTP 503", retry_after=90000.0)
    assert decide(failed, 20, NOW, INTERVAL).next_due == NOW + timedelta(seconds=90000)
    plain = PollResult(1, "http://x/", "error", error="HTTP 500")
    assert decide(plain, 20, NOW, INTERVAL).next_due == NOW + MAX_BACKOFF


def test_gone_is_never_due() -> None:
    state = decide(PollResult(1, "http://x/", "gone"), 0, NOW, INTERVAL)
    assert state.status == "gone" and state.next_due is None and state.error


def test_skip_hours_move_the_due_time_to_the_next_allowed_hour() -> None:
    # Due at 13:00 UTC; 13, 14 and 15 are skipped, so the feed is next read at 16:00.
    assert due_after(ok(skip_hours=(13, 14, 15)), timedelta(minutes=30)) == timedelta(hours=3, minutes=30)


def test_skip_hours_outside_the_due_hour_change_nothing() -> None:
    assert due_after(ok(skip_hours=(0, 1, 2))) == INTERVAL


def test_skip_days_move_the_due_time_to_the_next_allowed_day() -> None:
    # Wednesday 12:30 + 30 min is Wednesday 13:00; Wednesday skipped, so Thursday 00:00.
    assert due_after(ok(skip_days=(2,))) == timedelta(hours=11, minutes=30)


def test_skipping_is_capped_at_a_day() -> None:
    assert due_after(ok(skip_hours=tuple(range(24)))) == MAX_BACKOFF
    assert due_after(ok(skip_days=(2, 3, 4))) == MAX_BACKOFF


def test_skip_hours_in_another_time_zone_are_read_in_utc() -> None:
    from datetime import timezone

    local = NOW.astimezone(timezone(timedelta(hours=-5)))  # 07:30 there, 12:30 UTC
    state = decide(ok(skip_hours=(13,)), 0, local, INTERVAL)
    assert state.next_due == NOW + timedelta(hours=1, minutes=30)


def test_naive_times_are_taken_as_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    state = decide(ok(skip_hours=(13,)), 0, naive, INTERVAL)
    assert state.next_due == naive + timedelta(hours=1, minutes=30)
