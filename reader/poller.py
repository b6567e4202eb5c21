"""Polling feeds: conditional GETs, bounded concurrency, and what each poll found (see reader.parsing)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reader.client import CappedResponse, HostLimiter, get_capped, http_status_message
from reader.errors import FetchError
from reader.models import FeedRequest, PollResult

if TYPE_CHECKING:
    import httpx

    from reader.wire import WireClient

    Client = httpx.AsyncClient | WireClient

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"
)
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


# --- polling -----------------------------------------------------------------------------------------


async def poll_feed(client: Client, request: FeedRequest) -> PollResult:
    """Fetch one feed conditionally and report what happened; never raises."""
    try:
        return await _poll(client, request)
    except FetchError as exc:
        return _error(request, str(exc))
    except Exception as exc:  # the contract: a poll never raises
        return _error(request, f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0])


async def _poll(client: Client, request: FeedRequest) -> PollResult:
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


@functools.cache
def _parser() -> concurrent.futures.ThreadPoolExecutor:
    """The one thread feeds are parsed on, off the event loop.

    Parsing holds the GIL most of the time, so more threads would not parse faster; they would only
    hold more documents and entry lists in memory at once (about 2.5 MB at 32 connections).
    """
    return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")


async def _parsed(request: FeedRequest, response: CappedResponse) -> PollResult:
    """The result for a 2xx: the feed parsed off the event loop."""
    from reader.parsing import parse_feed_details  # not imported by refreshes that only get 304s

    parsed = await asyncio.get_running_loop().run_in_executor(
        _parser(), parse_feed_details, response.content, response.url, response.headers.get("content-type")
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
    when = _http_date(text)
    if when is None:
        return None
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
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _expires_in(response: CappedResponse) -> float | None:
    """A response's Expires as seconds from now, measured against its Date header when it has one."""
    # RFC 9111 4.2.1: freshness is Expires minus Date, which a skewed local clock does not disturb.
    expires = response.headers.get("expires")
    if not expires:
        return None
    return parse_expires(expires, _http_date(response.headers.get("date")))


async def poll_feeds(
    client: Client,
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
    """
    gate = asyncio.Semaphore(max(1, jobs))
    hosts = HostLimiter(per_host)

    async def one(request: FeedRequest) -> PollResult:
        # The host slot is taken first so feeds waiting on a busy host don't hold global slots.
        async with hosts.semaphore(request.url), gate:
            result = await poll_feed(client, request)
            if on_result is not None and (pending := on_result(result)) is not None:
                await pending
        return result if keep_results else None  # type: ignore[return-value]

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(request)) for request in requests]
    return [task.result() for task in tasks] if keep_results else []
