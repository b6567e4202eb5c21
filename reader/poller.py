"""Polling feeds: conditional GETs on threads, bounded per host, and what each poll found.

Polls run on plain threads with a blocking client (reader.wire): a poll is mostly waiting on the
network, and a refresh that only gets 304s then needs no event loop at all. Parsing is reader.parsing.
"""

from __future__ import annotations

import collections
import queue
import re
import threading
from collections.abc import Callable, Generator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from reader.client import CappedResponse, get_capped_sync, host_of, http_status_message
from reader.errors import FetchError
from reader.models import FeedRequest, PollResult

if TYPE_CHECKING:
    import httpx

    from reader.wire import WireClient

    Client = httpx.Client | WireClient

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"
)
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


# --- polling -----------------------------------------------------------------------------------------


class _Fetched(NamedTuple):
    """A 2xx answer to a poll, waiting to be parsed."""

    request: FeedRequest
    response: CappedResponse


def poll_feed(client: Client, request: FeedRequest) -> PollResult:
    """Fetch one feed conditionally and report what happened; never raises. Blocking."""
    fetched = _fetch(client, request)
    return _parse(fetched) if isinstance(fetched, _Fetched) else fetched


def _fetch(client: Client, request: FeedRequest) -> PollResult | _Fetched:
    """The result of a poll, or for a 2xx the answer to parse; never raises."""
    return _never_raising(request, _fetch_or_raise, client, request)


def _parse(fetched: _Fetched) -> PollResult:
    """The result of a 2xx answer: the feed parsed; never raises."""
    return _never_raising(fetched.request, _parsed, fetched.request, fetched.response)


Outcome = TypeVar("Outcome")


def _never_raising(request: FeedRequest, step: Callable[..., Outcome], *args: object) -> Outcome | PollResult:
    """step(*args), any error it raises turned into the error result of request's poll."""
    try:
        return step(*args)
    except FetchError as exc:
        return _error(request, str(exc))
    except Exception as exc:  # the contract: a poll never raises
        return _error(request, f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0])


def _fetch_or_raise(client: Client, request: FeedRequest) -> PollResult | _Fetched:
    """The body of _fetch; may raise FetchError."""
    response = get_capped_sync(client, request.url, headers=_conditional_headers(request))
    status = response.status
    if status == 304:
        return _not_modified(request, response)
    if 200 <= status < 300:
        return _Fetched(request, response)
    base = _error(request, http_status_message(status), http_status=status)
    if status == 410:
        return base._replace(status="gone")
    if status in (429, 503):
        return base._replace(retry_after=parse_retry_after(response.headers.get("retry-after")))
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


def _parsed(request: FeedRequest, response: CappedResponse) -> PollResult:
    """The result for a 2xx: the feed parsed."""
    from reader.parsing import parse_feed_details  # not imported by refreshes that only get 304s

    parsed = parse_feed_details(response.content, response.url, response.headers.get("content-type"))
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


def poll_feeds(
    client: Client,
    requests: Sequence[FeedRequest],
    *,
    jobs: int = 32,
    per_host: int = 4,
    backlog: int = 4,
    stop: threading.Event | None = None,
) -> Generator[list[PollResult], None, None]:
    """Poll every feed on `jobs` threads (per_host at most per host); yield the results in batches.

    Each batch holds the results finished since the last one was taken, in completion order, so a
    caller storing each batch in one transaction stores as many as arrived meanwhile. Feeds are
    parsed on the caller's thread as their batch is taken. At most `backlog` bodies wait to be
    parsed; past that the poll threads wait (backpressure), so a fast network never piles every
    feed's entries up in memory ahead of a slower disk.

    One failing or hanging feed never stops the others: each poll ends at the client's deadline.
    Stopping early (the caller leaves the loop, or sets stop) sends no further request; polls in
    flight end on their own and their results are dropped.
    """
    if not requests:
        return
    dispatch = _Dispatcher(requests, per_host)
    finished: queue.SimpleQueue[PollResult | _Fetched] = queue.SimpleQueue()
    # Bodies waiting to be parsed: past `backlog` of them, a poll thread waits before handing its
    # answer over. 304s and failures weigh nothing and wait in any number.
    room = threading.Semaphore(max(1, backlog))

    def poll() -> None:
        while (request := dispatch.next()) is not None:
            try:
                outcome = _fetch(client, request)
            finally:
                dispatch.done(request)
            if isinstance(outcome, _Fetched):
                room.acquire()
                if dispatch.cancelled:
                    return
            finished.put(outcome)

    threads = [
        threading.Thread(target=poll, name="poll", daemon=True)
        for _ in range(min(max(1, jobs), len(requests)))
    ]
    for thread in threads:
        thread.start()
    left = len(requests)
    try:
        while left:
            try:
                outcomes = [finished.get(timeout=0.1 if stop is not None else None)]
            except queue.Empty:
                if stop is not None and stop.is_set():
                    return
                continue
            while True:
                try:
                    outcomes.append(finished.get_nowait())
                except queue.Empty:
                    break
            left -= len(outcomes)
            # Parsed here, by the caller's thread: a parsing thread of its own, contending for the GIL
            # with the poll threads and the store, made a cold refresh 0.1-0.2 s slower.
            batch = [_parse(outcome) if isinstance(outcome, _Fetched) else outcome for outcome in outcomes]
            if bodies := sum(1 for outcome in outcomes if isinstance(outcome, _Fetched)):
                room.release(bodies)
            yield batch
    finally:
        dispatch.cancel()
        room.release(len(threads))  # wake any poll thread waiting for room, to see the cancel


class _Dispatcher:
    """Hands the poll threads their requests, never more than per_host at once for one host."""

    def __init__(self, requests: Sequence[FeedRequest], per_host: int) -> None:
        self._per_host = max(1, per_host)
        # Waiting requests by host, hosts in the order their first request came.
        self._waiting: dict[str, collections.deque[FeedRequest]] = {}
        for request in requests:
            self._waiting.setdefault(host_of(request.url), collections.deque()).append(request)
        self._busy: collections.Counter[str] = collections.Counter()
        self._changed = threading.Condition()
        self.cancelled = False

    def next(self) -> FeedRequest | None:
        """The next request whose host has a free slot, waiting for one; None when none is left."""
        with self._changed:
            while not self.cancelled and self._waiting:
                for host, waiting in self._waiting.items():
                    if self._busy[host] < self._per_host:
                        request = waiting.popleft()
                        if not waiting:
                            del self._waiting[host]
                        self._busy[host] += 1
                        return request
                self._changed.wait()
            return None

    def done(self, request: FeedRequest) -> None:
        """The poll of request has ended: its host slot is free."""
        with self._changed:
            self._busy[host_of(request.url)] -= 1
            self._changed.notify()

    def cancel(self) -> None:
        """Hand out no more requests."""
        with self._changed:
            self.cancelled = True
            self._changed.notify_all()
