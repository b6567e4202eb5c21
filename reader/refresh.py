"""The one refresh pipeline: poll feeds, store items, then fetch, clean and tag new articles."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from reader.client import make_client, make_poll_client
from reader.config import NetworkConfig
from reader.models import Article, Enrichment, Entity, Feed, FeedError
from reader.poller import poll_feeds
from reader.runlock import refresh_lock
from reader.sanitize import strip_control
from reader.schedule import decide
from reader.store import Store

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from reader.wire import WireClient

# Polling runs on threads (reader.poller); the enrichment stage runs on an event loop. asyncio and
# the enrichment code (lxml, the cleaner, spaCy) are imported only when that stage runs, so that
# `refresh --no-enrich` starts fast and stays small.

# A feed item whose own content has at least this many words is taken as the full article.
FULL_TEXT_WORDS = 150
# How many pending articles are read from the store and worked on at a time.
ENRICH_WINDOW = 200
# At most this many fetched feeds wait to be parsed and stored; past that the poll threads wait.
# Measured on 200 feeds x 50 items, cold: 4 waiting took 1.05 s at 41 MB peak, 8 0.8 s at 42 MB,
# 16 0.74 s at 44.5 MB, 32 0.7 s at 51 MB.
BACKLOG = 16


class Progress(NamedTuple):
    """How far a refresh has got: stage is "poll" or "enrich"."""

    stage: str
    done: int
    total: int
    message: str = ""


class RefreshSummary:
    """What one refresh did, counted as it goes."""

    def __init__(
        self,
        *,
        feeds: int = 0,
        updated: int = 0,
        not_modified: int = 0,
        new_articles: int = 0,
        enriched: int = 0,
        fell_back: int = 0,
        poll_seconds: float = 0.0,
        enrich_seconds: float = 0.0,
    ) -> None:
        self.feeds = feeds
        self.updated = updated
        self.not_modified = not_modified
        self.failures: list[FeedError] = []
        self.new_articles = new_articles
        self.enriched = enriched
        self.fell_back = fell_back
        self.poll_seconds = poll_seconds
        self.enrich_seconds = enrich_seconds

    def line(self) -> str:
        """The one-line summary printed at the end of a refresh."""
        text = (
            f"{_counted(self.feeds, 'feed')}: {self.updated} updated, {self.not_modified} unchanged, "
            f"{len(self.failures)} failed; {_counted(self.new_articles, 'new article')}"
            f" ({self.poll_seconds:.1f} s)"
        )
        handled = self.enriched + self.fell_back
        if handled:
            rate = handled / self.enrich_seconds if self.enrich_seconds > 0 else 0.0
            text += (
                f"; {self.enriched} cleaned, {self.fell_back} from the feed's own text"
                f" ({self.enrich_seconds:.1f} s, {rate:.{1 if rate < 10 else 0}f} articles/s)"
            )
        return text


ProgressCallback = Callable[[Progress], None]


def _counted(count: int, noun: str) -> str:
    """ "1 feed", "2 feeds"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _tag(paragraphs: list[str]) -> tuple[list[Entity], str | None]:
    if not paragraphs:
        return [], None
    from reader import entities

    try:
        found = entities.extract("\n\n".join(paragraphs))
    except entities.EntitiesUnavailable as error:
        return [], f"entities unavailable: {error}"
    return [e for e in found if any(c.isalnum() for c in e.text)], None


def enrich_from_page(
    html: str | None, url: str | None, feed_html: str | None, why: str | None = None
) -> Enrichment:
    """Clean a fetched page (or, failing that, the feed's own text) and extract its entities."""
    from reader import cleaner
    from reader.feedtext import feed_paragraphs, paragraphs_to_markdown

    notes: list[str] = []
    paragraphs: list[str] = []
    markdown = ""
    status = "done"
    if html is not None:
        page = cleaner.clean(html, url)
        if page.is_article and page.paragraphs:
            paragraphs = [strip_control(p) for p in page.paragraphs]
            markdown = strip_control(page.markdown)
        else:
            why = f"the page is not an article ({page.reason or 'no text found'})"
    if not paragraphs:
        status = "fallback"
        paragraphs = feed_paragraphs(feed_html)
        markdown = paragraphs_to_markdown(paragraphs)
        notes.append(f"showing the feed's own text: {why or 'no page to fetch'}")
    found, problem = _tag(paragraphs)
    if problem:
        notes.append(problem)
    return Enrichment(markdown, paragraphs, found, status, "; ".join(notes) or None)


def enrich_from_feed(article: Article) -> Enrichment | None:
    """The feed's own content when it is the full article, else None (the page must be fetched)."""
    from reader.feedtext import feed_paragraphs, paragraphs_to_markdown

    paragraphs = feed_paragraphs(article.summary)
    if _words(paragraphs) < FULL_TEXT_WORDS:
        return None
    found, problem = _tag(paragraphs)
    return Enrichment(paragraphs_to_markdown(paragraphs), paragraphs, found, "done", problem)


class Refresher:
    """Runs refreshes against one store with one set of network settings."""

    def __init__(
        self,
        store: Store,
        network: NetworkConfig | None = None,
        *,
        client_factory: Callable[[], httpx.AsyncClient] | None = None,
        poll_client_factory: Callable[[int], httpx.Client | WireClient] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.network = network or NetworkConfig()
        self._client_factory = client_factory or (
            lambda: make_client(
                jobs=self.network.jobs, per_host=self.network.per_host, timeout=self.network.timeout
            )
        )
        self._poll_client_factory = poll_client_factory or (
            lambda jobs: make_poll_client(
                jobs=jobs, per_host=self.network.per_host, timeout=self.network.timeout
            )
        )
        self._clock = clock
        self._cpu_pool: ThreadPoolExecutor | None = None

    def refresh(
        self,
        *,
        include_all: bool = False,
        enrich: bool = True,
        jobs: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> RefreshSummary:
        """Poll the due feeds (every feed with include_all), store new items, then enrich them. Blocking.

        Polling runs on threads; the enrichment, when asked for, on an event loop of its own.
        A store failure (disk full, read-only database) stops the refresh and is raised as the
        StoreError. BusyError: another process is refreshing this database (two would fetch and
        clean the same articles twice).
        """
        with refresh_lock(self.store.path):
            summary = RefreshSummary()
            self._poll(summary, include_all, jobs or self.network.jobs, progress, None)
            if enrich:
                import asyncio

                asyncio.run(self._enrich_stage(summary, progress))
            return summary

    async def run(
        self,
        *,
        include_all: bool = False,
        enrich: bool = True,
        jobs: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> RefreshSummary:
        """refresh() for a caller on an event loop: polling runs on a thread, the loop stays free.

        Cancelling it sends no further poll request; the polls in flight end on their own.
        """
        import asyncio

        stop = threading.Event()
        try:
            with refresh_lock(self.store.path):
                summary = RefreshSummary()
                await asyncio.to_thread(
                    self._poll, summary, include_all, jobs or self.network.jobs, progress, stop
                )
                if enrich:
                    await self._enrich_stage(summary, progress)
                return summary
        finally:
            stop.set()

    def _poll(
        self,
        summary: RefreshSummary,
        include_all: bool,
        jobs: int,
        progress: ProgressCallback | None,
        stop: threading.Event | None,
    ) -> None:
        """Poll the feeds and store what they bring, a transaction for each batch of results."""
        started = time.monotonic()
        requests = self.store.feed_requests(self._clock(), include_all=include_all)
        summary.feeds = len(requests)
        feeds: dict[int, Feed] | None = None  # read once the first requests are out
        interval = timedelta(minutes=self.network.refresh_minutes)
        done = 0
        if progress:
            progress(Progress("poll", 0, len(requests)))
        with (
            self._poll_client_factory(jobs) as client,
            contextlib.closing(
                poll_feeds(
                    client, requests, jobs=jobs, per_host=self.network.per_host, backlog=BACKLOG, stop=stop
                )
            ) as batches,
        ):
            for batch in batches:
                if feeds is None:
                    feeds = self.store.poll_feeds_by_id([r.feed_id for r in requests])
                now = self._clock()
                polled = [
                    (result, feeds.get(result.feed_id) or Feed(result.feed_id, result.url))
                    for result in batch
                ]
                states = [(result, decide(result, feed.failures, now, interval)) for result, feed in polled]
                summary.new_articles += len(self.store.record_polls(states, now))
                for result, feed in polled:
                    if result.status == "ok":
                        summary.updated += 1
                    elif result.status == "not-modified":
                        summary.not_modified += 1
                    else:
                        summary.failures.append(
                            FeedError(result.url, feed.title, result.error or result.status)
                        )
                    done += 1
                    if progress:
                        progress(Progress("poll", done, len(requests), feed.display_title))
        summary.poll_seconds = time.monotonic() - started

    async def _enrich_stage(self, summary: RefreshSummary, progress: ProgressCallback | None) -> None:
        """Clean and tag the articles waiting for it, then index them for search."""
        # New articles wait for the search index until enriched (so each is indexed once, with its
        # cleaned text) or until the next search, which indexes whatever waits first.
        async with self._client_factory() as client:
            await self._enrich(client, summary, progress)
        self.store.flush_index()

    async def _enrich(
        self,
        client: httpx.AsyncClient,
        summary: RefreshSummary,
        progress: ProgressCallback | None,
    ) -> None:
        import asyncio

        from reader.fetch import fetch_page

        started = time.monotonic()
        total = self.store.pending_count()  # the new ones and any backlog a stopped run left
        gate = asyncio.Semaphore(self.network.enrich_jobs)
        loop = asyncio.get_running_loop()
        cpu = self._cpu()
        done = 0

        async def enrich_one(article: Article) -> Enrichment:
            result = await loop.run_in_executor(cpu, enrich_from_feed, article)
            if result is None and article.url:
                async with gate:
                    page = await fetch_page(client, article.url)
                result = await loop.run_in_executor(
                    cpu,
                    enrich_from_page,
                    page.html,
                    page.final_url or article.url,
                    article.summary,
                    page.error,
                )
            elif result is None:
                result = await loop.run_in_executor(cpu, enrich_from_page, None, None, article.summary, None)
            return result

        async def one(article: Article) -> None:
            nonlocal done
            try:
                result = await enrich_one(article)
            except Exception as error:  # a hostile page must not stop the other articles
                result = Enrichment("", [], [], "failed", f"could not clean this article: {error}")
            self.store.store_enrichment(article.id, result)
            if result.status == "done":
                summary.enriched += 1
            else:
                summary.fell_back += 1
            done += 1
            if progress:
                progress(Progress("enrich", done, total, article.title))

        if progress and total:
            progress(Progress("enrich", 0, total))
        # Newest first, a window at a time, so a large backlog is never all in memory. Every article
        # handled leaves the pending state (done, fallback or failed), so the loop ends.
        while done < total and (window := self.store.pending_enrichment(limit=ENRICH_WINDOW)):
            await asyncio.gather(*(one(article) for article in window))
        summary.enrich_seconds = time.monotonic() - started

    def _cpu(self) -> ThreadPoolExecutor:
        """The one thread cleaning and tagging runs on: spaCy and lxml are CPU-bound, one worker keeps
        the model single-threaded."""
        if self._cpu_pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._cpu_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")
        return self._cpu_pool

    def close(self) -> None:
        """Stop the enrichment worker thread."""
        if self._cpu_pool is not None:
            self._cpu_pool.shutdown(wait=False, cancel_futures=True)
