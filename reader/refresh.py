"""The one refresh pipeline: poll feeds, store items, then fetch, clean and tag new articles."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from reader import cleaner, entities
from reader.client import make_client
from reader.config import NetworkConfig
from reader.feedtext import feed_paragraphs, paragraphs_to_markdown
from reader.fetch import fetch_page
from reader.models import Article, Entity, FeedError, PollResult
from reader.poller import poll_feeds
from reader.schedule import decide
from reader.store import Store

# A feed item whose own content has at least this many words is taken as the full article.
FULL_TEXT_WORDS = 150


@dataclass(frozen=True)
class Progress:
    """How far a refresh has got: stage is "poll" or "enrich"."""

    stage: str
    done: int
    total: int
    message: str = ""


@dataclass
class RefreshSummary:
    """What one refresh did."""

    feeds: int = 0
    updated: int = 0
    not_modified: int = 0
    failures: list[FeedError] = field(default_factory=list)
    new_articles: int = 0
    enriched: int = 0
    fell_back: int = 0
    poll_seconds: float = 0.0
    enrich_seconds: float = 0.0

    def line(self) -> str:
        """The one-line summary printed at the end of a refresh."""
        text = (
            f"{self.feeds} feeds: {self.updated} updated, {self.not_modified} unchanged, "
            f"{len(self.failures)} failed; {self.new_articles} new articles"
        )
        if self.enriched or self.fell_back:
            text += f"; {self.enriched} cleaned, {self.fell_back} from the feed's own text"
        return text + f" ({self.poll_seconds + self.enrich_seconds:.1f} s)"


@dataclass(frozen=True)
class Enrichment:
    """An article's cleaned body and entities, and how they were obtained."""

    markdown: str
    paragraphs: list[str]
    entities: list[Entity]
    status: str
    note: str | None = None


ProgressCallback = Callable[[Progress], None]


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _tag(paragraphs: list[str]) -> tuple[list[Entity], str | None]:
    if not paragraphs:
        return [], None
    try:
        return entities.extract("\n\n".join(paragraphs)), None
    except entities.EntitiesUnavailable as error:
        return [], f"entities unavailable: {error}"


def enrich_from_page(
    html: str | None, url: str | None, feed_html: str | None, why: str | None = None
) -> Enrichment:
    """Clean a fetched page (or, failing that, the feed's own text) and extract its entities."""
    notes: list[str] = []
    paragraphs: list[str] = []
    markdown = ""
    status = "done"
    if html is not None:
        page = cleaner.clean(html, url)
        if page.is_article and page.paragraphs:
            paragraphs, markdown = page.paragraphs, page.markdown
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
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.network = network or NetworkConfig()
        self._client_factory = client_factory or (
            lambda: make_client(
                jobs=self.network.jobs, per_host=self.network.per_host, timeout=self.network.timeout
            )
        )
        self._clock = clock
        # spaCy and lxml are CPU-bound; one worker keeps the model single-threaded.
        self._cpu = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")

    async def run(
        self,
        *,
        include_all: bool = False,
        enrich: bool = True,
        jobs: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> RefreshSummary:
        """Poll the due feeds (every feed with include_all), store new items, then enrich them."""
        summary = RefreshSummary()
        async with self._client_factory() as client:
            new_ids = await self._poll(client, summary, include_all, jobs or self.network.jobs, progress)
            if enrich:
                await self._enrich(client, summary, new_ids, progress)
        return summary

    async def _poll(
        self,
        client: httpx.AsyncClient,
        summary: RefreshSummary,
        include_all: bool,
        jobs: int,
        progress: ProgressCallback | None,
    ) -> list[int]:
        started = time.monotonic()
        requests = self.store.feed_requests(self._clock(), include_all=include_all)
        summary.feeds = len(requests)
        interval = timedelta(minutes=self.network.refresh_minutes)
        new_ids: list[int] = []
        done = 0

        def record(result: PollResult) -> None:
            nonlocal done
            feed = self.store.feed(result.feed_id)
            state = decide(result, feed.failures, self._clock(), interval)
            new_ids.extend(self.store.record_poll(result, state, self._clock()))
            if result.status == "ok":
                summary.updated += 1
            elif result.status == "not-modified":
                summary.not_modified += 1
            else:
                summary.failures.append(FeedError(result.url, feed.title, result.error or result.status))
            done += 1
            if progress:
                progress(Progress("poll", done, len(requests), feed.display_title))

        if progress:
            progress(Progress("poll", 0, len(requests)))
        await poll_feeds(client, requests, jobs=jobs, per_host=self.network.per_host, on_result=record)
        summary.new_articles = len(new_ids)
        summary.poll_seconds = time.monotonic() - started
        return new_ids

    async def _enrich(
        self,
        client: httpx.AsyncClient,
        summary: RefreshSummary,
        new_ids: list[int],
        progress: ProgressCallback | None,
    ) -> None:
        started = time.monotonic()
        pending = self.store.pending_enrichment(limit=max(len(new_ids), 1) + 500)
        gate = asyncio.Semaphore(self.network.enrich_jobs)
        loop = asyncio.get_running_loop()
        done = 0

        async def enrich_one(article: Article) -> Enrichment:
            result = await loop.run_in_executor(self._cpu, enrich_from_feed, article)
            if result is None and article.url:
                async with gate:
                    page = await fetch_page(client, article.url)
                result = await loop.run_in_executor(
                    self._cpu,
                    enrich_from_page,
                    page.html,
                    page.final_url or article.url,
                    article.summary,
                    page.error,
                )
            elif result is None:
                result = await loop.run_in_executor(
                    self._cpu, enrich_from_page, None, None, article.summary, None
                )
            return result

        async def one(article: Article) -> None:
            nonlocal done
            try:
                result = await enrich_one(article)
            except Exception as error:  # a hostile page must not stop the other articles
                result = Enrichment("", [], [], "failed", f"could not clean this article: {error}")
            self.store.store_enrichment(
                article.id,
                markdown=result.markdown,
                paragraphs=result.paragraphs,
                entities=result.entities,
                status=result.status,
                note=result.note,
            )
            if result.status == "done":
                summary.enriched += 1
            else:
                summary.fell_back += 1
            done += 1
            if progress:
                progress(Progress("enrich", done, len(pending), article.title))

        if progress and pending:
            progress(Progress("enrich", 0, len(pending)))
        await asyncio.gather(*(one(article) for article in pending))
        summary.enrich_seconds = time.monotonic() - started

    def close(self) -> None:
        """Stop the enrichment worker thread."""
        self._cpu.shutdown(wait=False, cancel_futures=True)
