"""The bundled demo: feeds and article pages from seeds/, loaded with no network at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from reader.errors import ReaderError
from reader.models import PollResult
from reader.parsing import parse_feed
from reader.refresh import enrich_from_page
from reader.schedule import FeedState
from reader.store import Store


def seeds_dir() -> Path:
    """Where the seeds live: inside the installed package, else beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if (candidate / "demo" / "manifest.json").is_file():
            return candidate
    raise ReaderError(
        f"the bundled demo is missing (looked in {here / '_seeds'} and {here.parent / 'seeds'})"
    )


class DemoSummary(NamedTuple):
    """What loading the demo added."""

    feeds: int
    articles: int


def load_demo(
    store: Store,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Subscribe to the demo feeds and store their items with cleaned pages and entities."""
    demo = seeds_dir() / "demo"
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = manifest["pages"]
    now = clock()
    added = 0
    new_ids: list[int] = []
    for spec in manifest["feeds"]:
        feed, _ = store.add_feed(spec["url"], folder=spec.get("folder"), now=now)
        title, site_url, entries = parse_feed((demo / spec["file"]).read_bytes(), spec["url"])
        result = PollResult(feed.id, feed.url, "ok", 200, title=title, site_url=site_url, entries=entries)
        # The demo feeds are not polled until the user asks: they are local copies.
        state = FeedState("ok", 0, now + timedelta(days=3650), None)
        new_ids.extend(store.record_poll(result, state, now))
        added += 1
    pending = store.pending_enrichment(limit=len(new_ids) or 1, ids=new_ids)
    for done, article in enumerate(pending, start=1):
        page_file = pages.get(article.url or "")
        html = (demo / page_file).read_text(encoding="utf-8") if page_file else None
        enriched = enrich_from_page(
            html, article.url, article.summary, None if page_file else "no bundled page"
        )
        store.store_enrichment(article.id, enriched)
        if progress:
            progress(done, len(pending))
    store.flush_index()
    return DemoSummary(added, len(new_ids))
