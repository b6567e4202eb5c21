"""The refresh pipeline's poll stage against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.config import NetworkConfig
from reader.refresh import Refresher
from reader.store import Store
from tests.feedserver import FeedServer

RSS = "application/rss+xml"


def rss(n: int, items: int) -> bytes:
    body = "".join(
        f"<item><title>Story {n}.{i}</title><link>https://ex.org/{n}/{i}</link>"
        f'<guid isPermaLink="false">urn:{n}:{i}</guid><pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate>'
        f"<description>&lt;p&gt;Body {i}&lt;/p&gt;</description></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
        f"<link>https://ex.org/{n}</link>{body}</channel></rss>"
    ).encode()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "r.db")


async def refresh(store: Store, **options: object) -> object:
    refresher = Refresher(store, NetworkConfig(timeout=2.0, per_host=8))
    try:
        return await refresher.run(enrich=False, include_all=True, **options)  # type: ignore[arg-type]
    finally:
        refresher.close()


async def test_cold_then_warm_refresh_stores_everything_once(feed_server: FeedServer, store: Store) -> None:
    for n in range(12):
        feed_server.route(f"/{n}.xml", body=rss(n, 5), content_type=RSS, etag=f'"e{n}"')
        store.add_feed(feed_server.url(f"/{n}.xml"))
    feed_server.route("/gone.xml", status=404)
    store.add_feed(feed_server.url("/gone.xml"), title="Gone Feed")
    seen: list[tuple[str, int, int]] = []
    cold = await refresh(store, progress=lambda p: seen.append((p.stage, p.done, p.total)))
    assert (cold.feeds, cold.updated, cold.not_modified, cold.new_articles) == (13, 12, 0, 60)  # type: ignore[attr-defined]
    [failure] = cold.failures  # type: ignore[attr-defined]
    assert failure.title == "Gone Feed" and "404" in failure.message
    assert store.count() == 60 and seen[0] == ("poll", 0, 13) and seen[-1] == ("poll", 13, 13)
    assert {f.title for f in store.feeds()} >= {f"Feed {n}" for n in range(12)}
    warm = await refresh(store)
    assert (warm.updated, warm.not_modified, warm.new_articles) == (0, 12, 0)  # type: ignore[attr-defined]
    assert store.count() == 60
    assert feed_server.last_request("/3.xml").headers.get("if-none-match") == '"e3"'
    assert store.feed(feed_server.url("/3.xml")).last_fetched is not None


async def test_new_article_ids_reach_the_enrichment_queue(feed_server: FeedServer, store: Store) -> None:
    feed_server.route("/a.xml", body=rss(1, 3), content_type=RSS)
    store.add_feed(feed_server.url("/a.xml"))
    summary = await refresh(store)
    assert summary.new_articles == 3  # type: ignore[attr-defined]
    assert len(store.pending_enrichment()) == 3


async def test_a_store_error_during_the_poll_is_raised(
    feed_server: FeedServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.errors import StoreError

    feed_server.route("/a.xml", body=rss(1, 1), content_type=RSS)
    store.add_feed(feed_server.url("/a.xml"))

    def broken(*_args: object) -> list[int]:
        raise StoreError("database error: disk full")

    monkeypatch.setattr(store, "record_polls", broken)
    with pytest.raises(StoreError, match="disk full"):
        await refresh(store)


def test_a_refresh_that_only_polls_loads_only_what_polling_needs(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    # Polling runs on threads: a refresh that only polls needs no event loop (asyncio: ~40 ms).
    # Start-up is most of what a refresh that gets only 304s spends beyond the network: no
    # dataclass (making them compiles code), and nothing that only storing new articles needs.
    feed_server.route("/feed.xml", body=b"", status=304)
    Store(tmp_path / "x.db").add_feed(feed_server.url("/feed.xml"))
    code = (
        "import sys; from reader.cli import main; "
        f"main(['--db', {str(tmp_path / 'x.db')!r}, 'refresh', '--no-enrich']); "
        "heavy = [m for m in ('textual', 'spacy', 'readability', 'feedparser', 'reader.cleaner', "
        "'reader.ui', 'rich', 'httpx', 'asyncio', 'concurrent.futures', 'dataclasses', 'json', "
        "'reader.article_rows', 'reader.story_rows') if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


async def test_behind_a_proxy_feeds_are_polled_through_it(
    feed_server: FeedServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loopback server plays the proxy: a proxied request names the whole URL.
    feed_server.route("http://feeds.invalid/wire.xml", body=rss(1, 3), content_type=RSS)
    monkeypatch.setenv("HTTP_PROXY", feed_server.base_url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    store.add_feed("http://feeds.invalid/wire.xml")
    summary = await refresh(store)
    assert summary.updated == 1 and store.count() == 3  # type: ignore[attr-defined]
    assert feed_server.hits("http://feeds.invalid/wire.xml") == 1


def test_a_proxy_is_configured_only_by_a_non_empty_proxy_variable() -> None:
    from reader.client import proxy_configured

    assert not proxy_configured({"PATH": "/bin", "http_proxy": " ", "NO_PROXY": "example.org"})
    assert proxy_configured({"HTTPS_PROXY": "http://proxy.corp:3128"})
    assert proxy_configured({"all_proxy": "socks5://127.0.0.1:1080"})


async def test_articles_are_visible_to_readers_while_a_slow_feed_is_still_polled(
    feed_server: FeedServer, store: Store
) -> None:
    import asyncio

    for n in range(5):
        feed_server.route(f"/{n}.xml", body=rss(n, 4), content_type=RSS)
        store.add_feed(feed_server.url(f"/{n}.xml"))
    feed_server.route("/slow.xml", body=rss(9, 1), content_type=RSS, delay=1.5)
    store.add_feed(feed_server.url("/slow.xml"))
    reader = Store(store.path)  # as the UI or another process reads the database
    polling = asyncio.create_task(refresh(store))
    seen = 0
    while not polling.done() and seen < 20:
        await asyncio.sleep(0.05)
        seen = reader.count()
    assert seen == 20 and not polling.done()  # the fast feeds' articles, committed before the end
    await polling
    assert reader.count() == 21


async def test_a_slow_store_holds_the_poll_back_instead_of_queueing_everything(
    feed_server: FeedServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    import reader.refresh

    for n in range(30):
        feed_server.route(f"/{n}.xml", body=rss(n, 2), content_type=RSS)
        store.add_feed(feed_server.url(f"/{n}.xml"))
    monkeypatch.setattr(reader.refresh, "BACKLOG", 2)
    real = store.record_polls
    largest = 0
    lock = threading.Lock()

    def slow(polls: list[object], now: datetime) -> list[int]:
        nonlocal largest
        with lock:
            largest = max(largest, len(polls))
        time.sleep(0.02)
        return real(polls, now)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "record_polls", slow)
    summary = await refresh(store)
    assert summary.new_articles == 60 and store.count() == 60  # type: ignore[attr-defined]
    assert largest <= 2  # no more than the backlog ever waits for the store


async def test_a_backlog_larger_than_one_window_is_cleaned_in_one_refresh(
    feed_server: FeedServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.refresh
    from reader.models import Enrichment

    monkeypatch.setattr(reader.refresh, "ENRICH_WINDOW", 3)
    cleaned: list[str] = []

    def fake_enrich(html: object, url: object, feed_html: object, why: object = None) -> Enrichment:
        cleaned.append(str(url))
        return Enrichment("Body", ["Body"], [], "done")

    monkeypatch.setattr(reader.refresh, "enrich_from_page", fake_enrich)
    local = rss(1, 8).replace(b"https://ex.org/1/", feed_server.url("/page/").encode())
    feed_server.route("/big.xml", body=local, content_type=RSS)
    for i in range(8):
        feed_server.route(f"/page/{i}", body="<html><body><p>x</p></body></html>", content_type="text/html")
    store.add_feed(feed_server.url("/big.xml"))
    refresher = Refresher(store, NetworkConfig(timeout=2.0, per_host=8))
    try:
        summary = await refresher.run(include_all=True)
    finally:
        refresher.close()
    assert summary.enriched == 8 and len(cleaned) == 8
    assert all(url.startswith(feed_server.base_url) for url in cleaned)  # only the local server was asked
    assert feed_server.hits("/page/0") == 1
    assert store.pending_count() == 0


async def test_a_feeds_ttl_and_skip_hours_still_schedule_it_after_a_304(
    feed_server: FeedServer, store: Store
) -> None:
    hours = "".join(f"<hour>{h}</hour>" for h in range(0, 24, 2))
    link = b"<link>https://ex.org/1</link>"
    body = rss(1, 2).replace(link, link + f"<ttl>240</ttl><skipHours>{hours}</skipHours>".encode())
    feed_server.route("/hinted.xml", body=body, content_type=RSS, etag='"h1"')
    store.add_feed(feed_server.url("/hinted.xml"))
    await refresh(store)
    first = store.feed(feed_server.url("/hinted.xml"))
    warm = await refresh(store)
    assert warm.not_modified == 1  # type: ignore[attr-defined]
    after_304 = store.feed(feed_server.url("/hinted.xml"))
    assert first.last_fetched and first.next_due and after_304.last_fetched and after_304.next_due
    for feed in (first, after_304):
        # Four hours (the ttl, over the 60-minute default), then on to an odd UTC hour.
        assert feed.next_due - feed.last_fetched >= timedelta(hours=4)
        assert feed.next_due.hour % 2 == 1


async def test_articles_stored_without_enrichment_are_found_by_the_next_search(
    feed_server: FeedServer, store: Store
) -> None:
    feed_server.route("/a.xml", body=rss(7, 3), content_type=RSS)
    store.add_feed(feed_server.url("/a.xml"))
    await refresh(store)
    assert [r.title for r in store.search("Story 7.2")][:1] == ["Story 7.2"]


def test_the_summary_line_times_polling_and_enrichment_apart() -> None:
    from reader.refresh import RefreshSummary

    summary = RefreshSummary(
        feeds=3, updated=2, new_articles=40, enriched=30, fell_back=10, poll_seconds=1.24, enrich_seconds=2.0
    )
    assert summary.line() == (
        "3 feeds: 2 updated, 0 unchanged, 0 failed; 40 new articles (1.2 s); "
        "30 cleaned, 10 from the feed's own text (2.0 s, 20 articles/s)"
    )
    assert RefreshSummary(feeds=1, not_modified=1).line() == (
        "1 feed: 0 updated, 1 unchanged, 0 failed; 0 new articles (0.0 s)"
    )


async def test_a_second_refresh_of_one_database_is_refused_while_the_first_runs(
    feed_server: FeedServer, store: Store
) -> None:
    import asyncio

    from reader.errors import BusyError

    feed_server.route("/slow.xml", body=rss(1, 2), content_type=RSS, delay=1.0)
    store.add_feed(feed_server.url("/slow.xml"))
    first = asyncio.create_task(refresh(store))
    await asyncio.sleep(0.3)
    with pytest.raises(BusyError, match="another refresh of this database is running"):
        await refresh(Store(store.path))
    assert (await first).new_articles == 2  # type: ignore[attr-defined]
    assert (await refresh(store)).feeds == 1  # type: ignore[attr-defined]


def test_the_lock_is_held_across_processes_and_dropped_when_its_process_dies(tmp_path: Path) -> None:
    from reader.errors import BusyError
    from reader.runlock import refresh_lock

    database = tmp_path / "r.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from reader.runlock import refresh_lock\n"
            f"with refresh_lock(Path({str(database)!r})):\n    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(BusyError), refresh_lock(database):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=10)
    with refresh_lock(database):  # the killed holder left nothing behind
        pass


def test_a_slow_enrichment_rate_keeps_a_decimal() -> None:
    from reader.refresh import RefreshSummary

    summary = RefreshSummary(
        feeds=1, updated=1, new_articles=3, enriched=3, poll_seconds=0.1, enrich_seconds=2.5
    )
    assert summary.line().endswith("3 cleaned, 0 from the feed's own text (2.5 s, 1.2 articles/s)")
