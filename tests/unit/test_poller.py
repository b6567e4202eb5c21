"""Poller tests against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from reader import __version__
from reader.client import (
    DEFAULT_USER_AGENT,
    MAX_BODY_BYTES,
    CappedResponse,
    get_capped,
    get_capped_sync,
    make_client,
    make_poll_client,
)
from reader.errors import FetchError
from reader.models import FeedRequest, PollResult
from reader.parsing import parse_feed, parse_feed_details, parse_ttl
from reader.poller import (
    parse_expires,
    parse_max_age,
    parse_retry_after,
    poll_feed,
    poll_feeds,
)
from reader.wire import WireClient
from tests.feedserver import FeedServer, RecordedRequest, Route

RSS = "application/rss+xml"
ReadFeed = Callable[[str], bytes]


Client = httpx.Client | WireClient


@pytest.fixture(params=["wire", "httpx"])
def client(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """Each client feeds are polled with, with a short timeout: the rules hold for both.

    "httpx" is the client used behind a proxy; NO_PROXY lets it reach the loopback server directly.
    """
    if request.param == "httpx":
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with make_poll_client(timeout=0.5) as client:
        assert isinstance(client, WireClient) == (request.param == "wire")
        yield client


@pytest.fixture(params=["wire", "httpx", "pages"])
async def any_client(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[object]:
    """Every client the reader fetches with: the two poll clients and the async one for pages."""
    if request.param == "pages":
        async with make_client(timeout=0.5) as pages:
            yield pages
        return
    if request.param == "httpx":
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with make_poll_client(timeout=0.5) as client:
        yield client


async def fetch(client: object, url: str, max_bytes: int = MAX_BODY_BYTES) -> CappedResponse:
    """get_capped for the async page client, get_capped_sync for a poll client."""
    if isinstance(client, httpx.AsyncClient):
        return await get_capped(client, url, max_bytes=max_bytes)
    assert isinstance(client, httpx.Client | WireClient)
    return await asyncio.to_thread(get_capped_sync, client, url, None, max_bytes)


def poll(client: Client, url: str, **validators: str) -> PollResult:
    """Poll one URL as feed 1."""
    return poll_feed(client, FeedRequest(1, url, **validators))


# --- parsing through the server ---------------------------------------------------------------------


def test_rss_parsed(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/rss", body=feed_bytes("rss.xml"), content_type=RSS)
    result = poll(client, feed_server.url("/rss"))
    assert result.status == "ok" and result.http_status == 200 and result.error is None
    assert (result.title, result.site_url) == ("Example Wire", "https://example.org/")
    first, second, third = result.entries
    assert first.guid == "urn:example:first" and first.url == "https://example.org/first"
    assert first.author == "Ada Writer"
    assert first.published == datetime(2025, 6, 3, 7, 30, tzinfo=UTC)
    assert first.summary == "Short summary of the first story."
    assert first.content == "<p>The <b>full</b> text of the first story.</p>"
    assert second.guid == "https://example.org/second" and second.content is None
    assert third.guid.startswith("sha1:") and third.url is None
    assert result.new_url is None


def test_atom_parsed(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/atom", body=feed_bytes("atom.xml"), content_type="application/atom+xml")
    result = poll(client, feed_server.url("/atom"))
    assert result.status == "ok"
    assert (result.title, result.site_url) == ("Atom Example", "https://atom.example.net/")
    (entry,) = result.entries
    assert entry.guid == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert entry.url == "https://atom.example.net/2025/06/one"
    assert entry.published == datetime(2025, 6, 3, 15, 0, tzinfo=UTC)
    assert entry.author == "Grace Atom"
    assert entry.content is not None and "<em>content</em>" in entry.content
    assert entry.summary == "Summary of entry one."


def test_json_feed_parsed(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/json", body=feed_bytes("feed.json"), content_type="application/feed+json")
    result = poll(client, feed_server.url("/json"))
    assert result.status == "ok"
    assert (result.title, result.site_url) == ("JSON Example", "https://json.example.com/")
    two, one = result.entries
    assert (two.guid, two.url, two.author) == ("2", "https://json.example.com/two", "Item Author")
    assert two.published == datetime(2025, 6, 3, 6, 0, tzinfo=UTC)
    assert two.content == "<p>Item two <strong>HTML</strong>.</p>" and two.summary == "Two in brief."
    assert one.guid == "1" and one.author == "Feed Author"
    assert one.content == "<p>Plain &lt;text&gt; one.</p>"


def test_json_feed_detected_without_content_type(feed_bytes: ReadFeed) -> None:
    title, _, entries = parse_feed(feed_bytes("feed.json"), "http://x/feed", "text/plain")
    assert title == "JSON Example" and len(entries) == 2


def test_json_that_is_not_a_feed_refused() -> None:
    with pytest.raises(FetchError, match="not a feed"):
        parse_feed(b'{"hello": "world"}', "http://x/", "application/json")


def test_empty_but_valid_feed_ok(feed_bytes: ReadFeed) -> None:
    assert parse_feed(feed_bytes("empty.xml"), "http://x/") == (
        "Nothing yet",
        "https://empty.example.org/",
        [],
    )


def test_entry_dates_are_aware_utc(feed_bytes: ReadFeed) -> None:
    for name in ("rss.xml", "atom.xml", "feed.json"):
        for entry in parse_feed(feed_bytes(name), "http://x/")[2]:
            assert entry.published is not None and entry.published.utcoffset() == timedelta(0)


def test_malformed_without_entries_is_error(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed
) -> None:
    feed_server.route("/bad", body=feed_bytes("malformed.xml"), content_type=RSS)
    result = poll(client, feed_server.url("/bad"))
    assert result.status == "error" and result.error is not None
    assert result.error.startswith("malformed feed: ") and "\n" not in result.error


def test_html_page_is_not_a_feed(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/page", body=feed_bytes("page.html"), content_type="text/html; charset=utf-8")
    result = poll(client, feed_server.url("/page"))
    assert (result.status, result.error) == ("error", "not a feed: HTML page")


def test_broken_feed_with_entries_accepted(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed
) -> None:
    feed_server.route("/broken", body=feed_bytes("broken.xml"), content_type="text/xml")
    result = poll(client, feed_server.url("/broken"))
    assert result.status == "ok" and result.title == "Broken but useful"
    assert [e.title for e in result.entries] == ["Survivor & friends"]
    assert result.error is not None and result.error.startswith("the feed is malformed; its readable items")


def test_a_well_formed_feed_carries_no_warning(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed
) -> None:
    feed_server.route("/atom", body=feed_bytes("atom.xml"), content_type="application/atom+xml")
    result = poll(client, feed_server.url("/atom"))
    assert (result.status, result.error) == ("ok", None)


# --- conditional requests, statuses, headers -------------------------------------------------------


def test_second_poll_sends_validators_and_gets_304(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed
) -> None:
    stamp = "Tue, 03 Jun 2025 10:00:00 GMT"
    feed_server.route("/rss", body=feed_bytes("rss.xml"), content_type=RSS, etag='"v1"', last_modified=stamp)
    first = poll(client, feed_server.url("/rss"))
    assert (first.status, first.etag, first.last_modified) == ("ok", '"v1"', stamp)
    second = poll(client, feed_server.url("/rss"), etag=first.etag or "", last_modified=stamp)
    sent = feed_server.last_request("/rss").headers
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == stamp
    assert (second.status, second.http_status, second.entries) == ("not-modified", 304, ())
    assert (second.etag, second.last_modified) == ('"v1"', stamp)


def test_304_without_validators_keeps_old_ones(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/same", status=304)
    result = poll(client, feed_server.url("/same"), etag='"old"', last_modified="yesterday")
    assert (result.status, result.etag, result.last_modified) == ("not-modified", '"old"', "yesterday")


def test_last_modified_only_gives_304(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    stamp = "Tue, 03 Jun 2025 10:00:00 GMT"
    feed_server.route("/lm", body=feed_bytes("rss.xml"), content_type=RSS, last_modified=stamp)
    result = poll(client, feed_server.url("/lm"), last_modified=stamp)
    assert result.status == "not-modified" and "if-none-match" not in feed_server.last_request("/lm").headers


def test_404_is_error_with_message(client: Client, feed_server: FeedServer) -> None:
    result = poll(client, feed_server.url("/missing"))
    assert (result.status, result.http_status, result.error) == ("error", 404, "HTTP 404 Not Found")


def test_500_is_error_with_message(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/boom", status=500, body="oops")
    result = poll(client, feed_server.url("/boom"))
    assert result.error == "HTTP 500 Internal Server Error"


def test_410_is_gone(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/gone", status=410)
    result = poll(client, feed_server.url("/gone"))
    assert (result.status, result.http_status) == ("gone", 410)


def test_429_retry_after_seconds(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/busy", status=429, headers={"Retry-After": "120"})
    result = poll(client, feed_server.url("/busy"))
    assert (result.status, result.retry_after) == ("error", 120.0)
    assert result.error == "HTTP 429 Too Many Requests"


def test_503_retry_after_http_date(client: Client, feed_server: FeedServer) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=600), usegmt=True)
    feed_server.route("/down", status=503, headers={"Retry-After": later})
    result = poll(client, feed_server.url("/down"))
    assert result.retry_after is not None and 590 <= result.retry_after <= 600


def test_retry_after_and_max_age_parsing() -> None:
    now = datetime(2025, 6, 3, 12, 0, tzinfo=UTC)
    assert parse_retry_after("Tue, 03 Jun 2025 12:01:00 GMT", now) == 60.0
    assert parse_retry_after("Tue, 03 Jun 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert parse_max_age("public, max-age=3600") == 3600.0
    assert parse_max_age("s-maxage=5, no-cache") is None and parse_max_age(None) is None


def test_max_age_reported(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/rss", body=feed_bytes("rss.xml"), headers={"Cache-Control": "public, max-age=900"})
    assert (poll(client, feed_server.url("/rss"))).max_age == 900.0


def _http_date(offset: timedelta) -> str:
    return format_datetime(datetime.now(UTC) + offset, usegmt=True)


def test_expires_reported(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/rss", body=feed_bytes("rss.xml"), headers={"Expires": _http_date(timedelta(hours=2))})
    result = poll(client, feed_server.url("/rss"))
    assert result.status == "ok" and result.max_age is None
    assert result.expires_in is not None and 7190 <= result.expires_in <= 7200


def test_expires_reported_on_304(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/same", status=304, headers={"Expires": _http_date(timedelta(minutes=10))})
    result = poll(client, feed_server.url("/same"), etag='"old"')
    assert result.status == "not-modified"
    assert result.expires_in is not None and 590 <= result.expires_in <= 600


@pytest.mark.parametrize("value", ["0", "-1", "never", "Thu, 01 Jan 1970 00:00:00 GMT"])
def test_expires_in_the_past_or_unparseable_ignored(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed, value: str
) -> None:
    feed_server.route("/rss", body=feed_bytes("rss.xml"), headers={"Expires": value})
    result = poll(client, feed_server.url("/rss"))
    assert result.status == "ok" and result.expires_in is None


def test_expires_measured_against_the_servers_date(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server whose clock is a day behind: Expires is an hour after *its* Date, so an hour fresh.
    server_now = datetime.now(UTC) - timedelta(days=1)
    expires = format_datetime(server_now + timedelta(hours=1), usegmt=True)
    feed_server.route("/skewed", body=feed_bytes("rss.xml"), headers={"Expires": expires})
    handler = feed_server._httpd.RequestHandlerClass
    monkeypatch.setattr(handler, "date_time_string", lambda *_: format_datetime(server_now, usegmt=True))
    result = poll(client, feed_server.url("/skewed"))
    assert result.expires_in is not None and 3590 <= result.expires_in <= 3600


def test_expires_and_ttl_parsing() -> None:
    now = datetime(2025, 6, 3, 12, 0, tzinfo=UTC)
    assert parse_expires("Tue, 03 Jun 2025 13:00:00 GMT", now) == 3600.0
    assert parse_expires("Tue, 03 Jun 2025 12:00:00 GMT", now) is None
    assert parse_expires("Tue, 03 Jun 2025 11:00:00 GMT", now) is None
    assert parse_expires("0", now) is None and parse_expires("", now) is None and parse_expires(None) is None
    assert parse_ttl("60") == 60 and parse_ttl(" 15 ") == 15
    assert parse_ttl("0") is None and parse_ttl("-5") is None and parse_ttl("1h") is None
    assert parse_ttl(None) is None


_HINTS = (
    "<ttl>90</ttl><skipHours><hour>0</hour><hour>23</hour><hour>24</hour><hour>x</hour></skipHours>"
    "<skipDays><day>Sunday</day><day> saturday </day><day>Someday</day></skipDays>"
)
_HINT_ITEM = "<title>One</title><link>https://ex.org/1</link><guid>https://ex.org/1</guid>"


def test_ttl_reported_from_the_fast_path(client: Client, feed_server: FeedServer) -> None:
    from reader.parsing.rss import parse_rss_fast

    data = _rss([_HINT_ITEM], channel_extra=_HINTS)
    assert parse_rss_fast(data, RSS) is not None
    feed_server.route("/fast", body=data, content_type=RSS)
    result = poll(client, feed_server.url("/fast"))
    assert result.status == "ok" and len(result.entries) == 1
    assert (result.ttl_minutes, result.skip_hours, result.skip_days) == (90, (0, 23), (5, 6))


def test_ttl_reported_from_the_feedparser_path(client: Client, feed_server: FeedServer) -> None:
    from reader.parsing.rss import parse_rss_fast

    data = _rss([_HINT_ITEM], channel_extra=_HINTS + "<image><url>https://ex.org/i.png</url></image>")
    assert parse_rss_fast(data, RSS) is None
    feed_server.route("/slow-path", body=data, content_type=RSS)
    result = poll(client, feed_server.url("/slow-path"))
    assert result.status == "ok" and len(result.entries) == 1
    assert (result.ttl_minutes, result.skip_hours, result.skip_days) == (90, (0, 23), (5, 6))


def test_both_paths_agree_on_ttl() -> None:
    from reader.parsing.generic import parse_with_feedparser

    data = _rss([_HINT_ITEM], channel_extra="<ttl> 45 </ttl>")
    fast = parse_feed_details(data, "https://ex.org/feed.xml", RSS)
    slow = parse_with_feedparser(data, "https://ex.org/feed.xml", RSS)
    assert fast == slow and fast.ttl_minutes == 45
    assert parse_feed(data, "https://ex.org/feed.xml", RSS) == fast.as_tuple()


def test_feeds_without_hints_report_none(feed_bytes: ReadFeed) -> None:
    for name in ("rss.xml", "atom.xml", "feed.json", "broken.xml"):
        parsed = parse_feed_details(feed_bytes(name), "http://x/")
        assert (parsed.ttl_minutes, parsed.skip_hours, parsed.skip_days) == (None, (), ()), name


def test_user_agent_and_encodings_sent(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/rss", body=feed_bytes("rss.xml"))
    poll(client, feed_server.url("/rss"))
    headers = feed_server.last_request("/rss").headers
    assert headers["user-agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith(f"wirereader/{__version__} (+https://")
    assert headers["accept-encoding"] == "gzip, deflate, br"


def test_timeout_is_error(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/slow", body=feed_bytes("rss.xml"), delay=3)
    result = poll(client, feed_server.url("/slow"))
    assert result.status == "error" and result.error == "timed out after 0.5 s"


def test_connection_refused_is_error(client: Client) -> None:
    with FeedServer() as dead:
        url = dead.url("/feed")
    result = poll(client, url)
    assert result.status == "error" and result.error is not None
    assert result.error.startswith("could not connect")


# --- redirects ---------------------------------------------------------------------------------------


def test_301_sets_new_url(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/old", status=301, headers={"Location": "/mid"})
    feed_server.route("/mid", status=308, headers={"Location": feed_server.url("/rss")})
    feed_server.route("/rss", body=feed_bytes("rss.xml"))
    result = poll(client, feed_server.url("/old"))
    assert result.status == "ok" and result.new_url == feed_server.url("/rss")
    assert result.url == feed_server.url("/old")


def test_302_sets_no_new_url(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/temp", status=302, headers={"Location": "/perm"})
    feed_server.route("/perm", status=301, headers={"Location": "/rss"})
    feed_server.route("/rss", body=feed_bytes("rss.xml"))
    result = poll(client, feed_server.url("/temp"))
    assert result.status == "ok" and result.new_url is None and len(result.entries) == 3


def test_redirect_loop_is_error(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/a", status=301, headers={"Location": "/b"})
    feed_server.route("/b", status=302, headers={"Location": "/a"})
    result = poll(client, feed_server.url("/a"))
    assert (result.status, result.error) == ("error", "redirect loop")


def test_too_many_redirects_is_error(client: Client, feed_server: FeedServer) -> None:
    for hop in range(7):
        feed_server.route(f"/r{hop}", status=307, headers={"Location": f"/r{hop + 1}"})
    result = poll(client, feed_server.url("/r0"))
    assert result.error == "too many redirects (more than 5)"


def test_redirect_to_ftp_is_error(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/ftp", status=301, headers={"Location": "ftp://files.example.org/feed.xml"})
    result = poll(client, feed_server.url("/ftp"))
    assert (result.status, result.error) == ("error", "unsupported URL scheme 'ftp'")


def test_bad_scheme_refused_without_request(client: Client) -> None:
    result = poll(client, "file:///etc/passwd")
    assert result.error == "unsupported URL scheme 'file'"


# --- size caps ---------------------------------------------------------------------------------------


def test_oversized_body_refused(client: Client, feed_server: FeedServer) -> None:
    feed_server.route("/huge", body=b"<rss>" + b" " * MAX_BODY_BYTES)
    result = poll(client, feed_server.url("/huge"))
    assert (result.status, result.error) == ("error", "response larger than 10 MB")


async def test_oversized_body_without_length_refused(any_client: object, feed_server: FeedServer) -> None:
    feed_server.route("/big", body=b"x" * 5000)
    with pytest.raises(FetchError, match="response larger than 1000 bytes"):
        await fetch(any_client, feed_server.url("/big"), max_bytes=1000)


def test_gzip_bomb_refused(client: Client, feed_server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * (MAX_BODY_BYTES + 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    feed_server.route("/bomb", body=bomb, content_type=RSS, headers={"Content-Encoding": "gzip"})
    result = poll(client, feed_server.url("/bomb"))
    assert (result.status, result.error) == ("error", "response larger than 10 MB")


def test_gzip_feed_decoded(client: Client, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/gz", body=gzip.compress(feed_bytes("rss.xml")), headers={"Content-Encoding": "gzip"})
    result = poll(client, feed_server.url("/gz"))
    assert result.status == "ok" and len(result.entries) == 3


async def test_brotli_feed_decoded(any_client: object, feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    import brotli

    feed_server.route("/br", body=brotli.compress(feed_bytes("atom.xml")), headers={"Content-Encoding": "br"})
    response = await fetch(any_client, feed_server.url("/br"))
    assert response.content == feed_bytes("atom.xml")
    with pytest.raises(FetchError, match="larger than 100 bytes"):
        await fetch(any_client, feed_server.url("/br"), max_bytes=100)


# --- many feeds --------------------------------------------------------------------------------------


def test_poll_feeds_hanging_feed_does_not_stop_others(
    client: Client, feed_server: FeedServer, feed_bytes: ReadFeed
) -> None:
    feed_server.route("/hang", body=b"", delay=5)
    for n in range(5):
        feed_server.route(f"/good{n}", body=feed_bytes("rss.xml"))
    paths = ["/hang"] + [f"/good{n}" for n in range(5)]
    requests = [FeedRequest(i, feed_server.url(p)) for i, p in enumerate(paths)]
    finished = [result for batch in poll_feeds(client, requests) for result in batch]
    assert sorted(r.feed_id for r in finished) == list(range(6))
    assert finished[-1].feed_id == 0  # the hanging one finishes last
    assert finished[-1].status == "error" and "timed out" in (finished[-1].error or "")
    assert all(r.status == "ok" and len(r.entries) == 3 for r in finished[:-1])


def test_per_host_concurrency_limited(feed_server: FeedServer, feed_bytes: ReadFeed) -> None:
    feed_server.route("/feed", body=feed_bytes("rss.xml"), delay=0.1)
    requests = [FeedRequest(i, feed_server.url(f"/feed?n={i}")) for i in range(8)]
    with make_poll_client(timeout=5) as client:
        results = [result for batch in poll_feeds(client, requests, jobs=32, per_host=2) for result in batch]
    assert len(results) == 8 and all(r.status == "ok" for r in results)
    assert feed_server.hits("/feed") == 8 and feed_server.peak_concurrency == 2


def test_a_busy_host_does_not_hold_back_the_feeds_of_other_hosts(feed_server: FeedServer) -> None:
    # Four slow feeds on one host name, four quick ones on another, one slot per host, two threads:
    # the second thread polls the quick host while the first waits on the slow one.
    feed_server.route("/slow", body=b"<rss/>", delay=0.3)
    feed_server.route("/quick", body=b"<rss/>")
    slow = [FeedRequest(i, feed_server.url(f"/slow?n={i}")) for i in range(4)]
    other = feed_server.url("/quick").replace("127.0.0.1", "localhost")
    quick = [FeedRequest(10 + i, f"{other}?n={i}") for i in range(4)]
    with make_poll_client(timeout=5) as client:
        order = [r.feed_id for batch in poll_feeds(client, slow + quick, jobs=2, per_host=1) for r in batch]
    assert sorted(order) == [0, 1, 2, 3, 10, 11, 12, 13]
    assert set(order[:5]) >= {10, 11, 12, 13}  # all quick ones done before the second slow one


def test_stopping_a_poll_sends_no_further_request(feed_server: FeedServer) -> None:
    feed_server.route("/feed", body=b"<rss/>", delay=0.2)
    requests = [FeedRequest(i, feed_server.url(f"/feed?n={i}")) for i in range(20)]
    stop = threading.Event()
    with make_poll_client(timeout=5) as client:
        for batch in poll_feeds(client, requests, jobs=2, per_host=2, stop=stop):
            assert batch
            stop.set()
        time.sleep(0.5)  # a poll in flight may finish; none may start
    assert feed_server.hits("/feed") <= 4


def test_the_client_per_host_limit_applies_to_single_gets(feed_server: FeedServer) -> None:
    feed_server.route("/x", body=b"ok", delay=0.1)
    with make_poll_client(timeout=5, per_host=1) as client, ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda _n: get_capped_sync(client, feed_server.url("/x")), range(3)))
    assert feed_server.peak_concurrency == 1


async def test_the_page_clients_per_host_limit_applies_to_single_gets(feed_server: FeedServer) -> None:
    feed_server.route("/x", body=b"ok", delay=0.1)
    async with make_client(timeout=5, per_host=1) as client:
        await asyncio.gather(*(get_capped(client, feed_server.url("/x")) for _ in range(3)))
    assert feed_server.peak_concurrency == 1


async def test_handler_route_varies_answer(any_client: object, feed_server: FeedServer) -> None:
    def answer(request: RecordedRequest) -> Route:
        return Route(status=200 if "ok" in request.path else 404, body=b"x")

    feed_server.route("/dyn", handler=answer)
    assert (await fetch(any_client, feed_server.url("/dyn?ok"))).status == 200
    assert (await fetch(any_client, feed_server.url("/dyn?no"))).status == 404
    assert feed_server.hits("/dyn") == 2


def test_xml_mislabelled_as_json_still_parsed(feed_bytes: ReadFeed) -> None:
    assert parse_feed(feed_bytes("atom.xml"), "http://x/", "application/json")[0] == "Atom Example"


def test_relative_links_resolved_against_feed_url() -> None:
    rss = b'<rss version="2.0"><channel><title>R</title><item><title>t</title><link>/p/1</link></item>'
    rss += b"</channel></rss>"
    entries = parse_feed(rss, "https://site.example/feed.xml", "application/rss+xml")[2]
    assert entries[0].url == "https://site.example/p/1"


# --- the lxml fast path agrees with feedparser ----------------------------------------------------------

_FAST_ITEMS = [
    # (item XML, whether the fast path should take a feed made of it)
    (
        '<title>Plain title</title><link>https://ex.org/a</link><guid isPermaLink="false">urn:a</guid>'
        "<pubDate>Tue, 03 Jun 2025 09:30:00 +0200</pubDate>"
        '<description>&lt;p&gt;One &lt;a href="https://ex.org/t"&gt;link&lt;/a&gt; &lt;em&gt;em&lt;/em&gt;'
        '&lt;br&gt;line&lt;/p&gt;\n&lt;p&gt;It\'s "quoted" — é ü&lt;/p&gt;</description>',
        True,
    ),
    (
        '<title>Don\'t "quote" me ü</title><link>https://ex.org/b</link><guid>https://ex.org/b#g</guid>'
        "<pubDate>Mon, 02 Jun 2025 12:00:00 GMT</pubDate><category>World</category>"
        "<author>ann@example.invalid (Ann Writer)</author>"
        "<description><![CDATA[<p>CDATA <strong>body</strong><br/>two</p>]]></description>",
        True,
    ),
    (
        "<title>  Spaced   title  </title><link> https://ex.org/c </link>"
        "<pubDate>1 Jun 2025 00:00:00 UT</pubDate>"
        "<dc:creator>Dee Creator</dc:creator><description>No markup at all.</description>"
        "<content:encoded><![CDATA[<h2>Head</h2><ul><li>one</li></ul><blockquote>q</blockquote>]]></content:encoded>",
        True,
    ),
    (
        "<title>No date</title><link>http://ex.org/d</link><description></description><comments>x</comments>",
        True,
    ),
    ("<link>https://ex.org/untitled</link><author>bob@x.org</author>", True),
    # everything below needs feedparser: the fast path must step aside
    ("<title>Entity &amp;amp; title</title><link>https://ex.org/e</link>", False),
    ("<title>Relative</title><link>/relative/link</link>", False),
    ("<title>Rel guid</title><link>https://ex.org/g</link><guid>g1</guid>", False),
    (
        "<title>Script</title><link>https://ex.org/s</link>"
        "<description>&lt;p&gt;x&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description>",
        False,
    ),
    (
        "<title>Attr</title><link>https://ex.org/h</link>"
        '<description>&lt;p class="x"&gt;styled&lt;/p&gt;</description>',
        False,
    ),
    (
        "<title>Rel href</title><link>https://ex.org/i</link>"
        '<description>&lt;a href="/x"&gt;rel&lt;/a&gt;</description>',
        False,
    ),
    (
        "<title>Amp body</title><link>https://ex.org/j</link><description>Fish &amp;amp; chips</description>",
        False,
    ),
    (
        "<title>Both authors</title><link>https://ex.org/k</link><author>a@b.c</author>"
        "<dc:creator>Dc</dc:creator>",
        False,
    ),
    ("<title>Odd date</title><link>https://ex.org/l</link><pubDate>2025-06-01T00:00:00Z</pubDate>", False),
    ('<title>Media</title><link>https://ex.org/m</link><media:thumbnail url="https://ex.org/t.jpg"/>', False),
    ('<title>Enclosure</title><link>https://ex.org/n</link><enclosure url="https://ex.org/a.mp3"/>', False),
    ("<title>Twice</title><title>Twice again</title><link>https://ex.org/o</link>", False),
    ('<title>No link</title><guid isPermaLink="false">urn:nolink</guid>', False),
]

_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"'
)


def _rss(items: list[str], channel_extra: str = "", title: str = "Fast Wire") -> bytes:
    body = "".join(f"<item>{item}</item>\n" for item in items)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" {_NAMESPACES}><channel>'
        f"<title>{title}</title><link>https://ex.org/</link><description>d</description>"
        f"{channel_extra}\n{body}</channel></rss>"
    ).encode()


def _feedparser_only(data: bytes, content_type: str | None = RSS) -> object:
    from reader.parsing.generic import parse_with_feedparser

    return parse_with_feedparser(data.lstrip(), "https://ex.org/feed.xml", content_type).as_tuple()


@pytest.mark.parametrize(("item", "fast"), _FAST_ITEMS, ids=[f"item{i}" for i in range(len(_FAST_ITEMS))])
def test_fast_path_agrees_with_feedparser_item_by_item(item: str, fast: bool) -> None:
    from reader.parsing.rss import parse_rss_fast

    data = _rss([item])
    assert (parse_rss_fast(data, RSS) is not None) is fast
    assert parse_feed(data, "https://ex.org/feed.xml", RSS) == _feedparser_only(data)


def test_fast_path_agrees_with_feedparser_on_whole_feeds() -> None:
    from reader.parsing.rss import parse_rss_fast

    plain = [item for item, fast in _FAST_ITEMS if fast]
    channel_cases = [
        ("", True),
        ('<atom:link href="https://ex.org/feed.xml" rel="self" type="application/rss+xml"/>', True),
        (
            "<ttl>60</ttl><lastBuildDate>Sat, 01 Jun 2024 12:00:00 +0000</lastBuildDate>"
            "<language>en</language>",
            True,
        ),
        (
            "<image><title>Logo</title><url>https://ex.org/l.png</url><link>https://ex.org/</link></image>",
            False,
        ),
        ('<atom:link href="https://ex.org/" rel="alternate"/>', False),
    ]
    for extra, fast in channel_cases:
        data = _rss(plain * 3, extra)
        assert (parse_rss_fast(data, RSS) is not None) is fast, extra
        got = parse_feed(data, "https://ex.org/feed.xml", RSS)
        assert got == _feedparser_only(data), extra
        assert len(got[2]) == len(plain) * 3
    # one item the fast path does not know sends the whole feed to feedparser
    mixed = _rss([*plain, _FAST_ITEMS[-3][0]])
    assert parse_rss_fast(mixed, RSS) is None
    assert parse_feed(mixed, "https://ex.org/feed.xml", RSS) == _feedparser_only(mixed)


@pytest.mark.parametrize(
    ("content_type", "declaration", "fast"),
    [
        ("application/rss+xml; charset=utf-8", "UTF-8", True),
        (None, "utf-8", True),
        ("text/xml", "UTF-8", False),  # RFC 3023: US-ASCII, and the title is not ASCII
        ("text/xml; charset=utf-8", "UTF-8", True),
        ("application/rss+xml; charset=iso-8859-1", "UTF-8", False),
        ("application/rss+xml", "ISO-8859-1", False),
    ],
)
def test_fast_path_only_where_both_decode_alike(
    content_type: str | None, declaration: str, fast: bool
) -> None:
    from reader.parsing.rss import parse_rss_fast

    data = _rss([_FAST_ITEMS[3][0]], title="Wire ü").replace(b"UTF-8", declaration.encode(), 1)
    if declaration.lower() != "utf-8":
        data = data.decode().encode(declaration)
    assert (parse_rss_fast(data, content_type) is not None) is fast
    assert parse_feed(data, "https://ex.org/feed.xml", content_type) == _feedparser_only(data, content_type)


def test_fast_path_agrees_with_feedparser_on_the_test_feeds(feed_bytes: ReadFeed) -> None:
    for name in ("rss.xml", "atom.xml", "broken.xml", "empty.xml"):
        data = feed_bytes(name)
        try:
            expected = _feedparser_only(data)
        except FetchError:
            continue
        assert parse_feed(data, "https://ex.org/feed.xml", RSS) == expected, name


def test_fast_path_on_a_generated_benchmark_feed() -> None:
    """Many varied items like the poll benchmark's (random words, links, emphasis, authors)."""
    import random

    from reader.parsing.rss import parse_rss_fast

    rng = random.Random(7)
    words = ["court", "ruling", "budget", "café", "naïve", "it's", '"quoted"', "data", "storm", "—", "league"]
    items = []
    for j in range(60):
        paras = []
        for _ in range(rng.randint(1, 4)):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(5, 30)))
            if rng.random() < 0.3:
                text += ' <a href="https://ex.org/topic/x">x</a>'
            if rng.random() < 0.3:
                text = "<em>lead</em> " + text
            paras.append(f"<p>{text}</p>")
        description = "\n".join(paras).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        author = f"<author>w{j}@example.invalid (Writer {j})</author>" if rng.random() < 0.5 else ""
        items.append(
            f"<title>Story {j} {rng.choice(words)}</title><link>https://ex.org/a/{j}</link>"
            f'<guid isPermaLink="false">urn:bench:{j}</guid>'
            f"<pubDate>{format_datetime(datetime(2025, 1, 1, tzinfo=UTC) - timedelta(hours=j * 7))}</pubDate>"
            f"{author}<description>{description}</description>"
        )
    data = _rss(items)
    assert parse_rss_fast(data, RSS) is not None
    assert parse_feed(data, "https://ex.org/feed.xml", RSS) == _feedparser_only(data)


def test_fast_path_fails_fast_on_a_long_near_miss() -> None:
    import time as _time

    from reader.parsing.rss import parse_rss_fast

    text = ("word " * 20000).replace("&", "") + "&amp;lt;"
    data = _rss([f"<title>t</title><link>https://ex.org/x</link><description>{text}</description>"])
    started = _time.monotonic()
    assert parse_rss_fast(data, RSS) is None
    assert _time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("name", "title", "entry_title", "url", "author", "published"),
    [
        (
            "rss1.xml",
            "Agency Wire (RSS 1.0)",
            "Grid operators agree winter reserve plan",
            "https://agency.example/2026/12/01/grid",
            "Mara Quist",
            "2026-12-01T08:15:00+00:00",
        ),
        (
            "rss091.xml",
            "Old Gazette",
            "Harbour bridge reopens after repairs",
            "https://gazette.example/news/bridge.html",
            None,
            None,
        ),
    ],
)
def test_rss_1_0_and_0_91_feeds_are_read(
    feed_bytes: ReadFeed,
    name: str,
    title: str,
    entry_title: str,
    url: str,
    author: str | None,
    published: str | None,
) -> None:
    feed_title, _, [entry] = parse_feed(feed_bytes(name), "https://ex.org/feed.xml", "application/xml")
    assert (feed_title, entry.title, entry.url, entry.author) == (title, entry_title, url, author)
    assert (entry.published.isoformat() if entry.published else None) == published
    assert entry.guid == url and entry.summary


# --- the same rules for every client, page fetches included ---------------------------------------


async def test_every_client_follows_redirects_by_the_same_rules(
    any_client: object, feed_server: FeedServer
) -> None:
    feed_server.route("/old", status=301, headers={"Location": "/mid"})
    feed_server.route("/mid", status=308, headers={"Location": feed_server.url("/rss")})
    feed_server.route("/rss", body=b"<rss/>")
    feed_server.route("/temp", status=302, headers={"Location": "/rss"})
    feed_server.route("/a", status=301, headers={"Location": "/b"})
    feed_server.route("/b", status=302, headers={"Location": "/a"})
    feed_server.route("/ftp", status=301, headers={"Location": "ftp://files.example.org/feed.xml"})
    moved = await fetch(any_client, feed_server.url("/old"))
    assert (moved.status, moved.permanent_redirect_url) == (200, feed_server.url("/rss"))
    assert (await fetch(any_client, feed_server.url("/temp"))).permanent_redirect_url is None
    with pytest.raises(FetchError, match="redirect loop"):
        await fetch(any_client, feed_server.url("/a"))
    with pytest.raises(FetchError, match="unsupported URL scheme 'ftp'"):
        await fetch(any_client, feed_server.url("/ftp"))


async def test_every_client_times_out_alike(any_client: object, feed_server: FeedServer) -> None:
    feed_server.route("/slow", body=b"late", delay=3)
    with pytest.raises(FetchError, match=r"^timed out after 0\.5 s$"):
        await fetch(any_client, feed_server.url("/slow"))


@pytest.fixture
def trickling_url() -> Iterator[str]:
    """A loopback server whose answer never ends: a byte of body every 0.2 s, for up to 6 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _address = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                for _ in range(30):
                    if done.wait(0.2):
                        break
                    try:
                        conn.sendall(b"x")
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    done.set()
    listener.close()


@pytest.mark.slow
async def test_every_client_gives_up_on_an_answer_that_never_ends(
    any_client: object, trickling_url: str
) -> None:
    # No silence reaches the 0.5 s read timeout; the whole exchange is cut at 4 timeouts.
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^timed out after 2 s$"):
        await fetch(any_client, trickling_url)
    assert 1.9 < time.monotonic() - started < 3.0
