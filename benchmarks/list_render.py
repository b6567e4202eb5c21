"""How long the UI takes to show its first screen, and how much memory it holds, with many stored articles.

    python benchmarks/list_render.py [--articles 100000] [--db PATH]

Builds (once, then reuses) a database of N articles in 200 feeds, then opens the real app headless
(App.run_test) and times: first screen with rows painted, a jump to the last article (G), and a
full-text search. Prints one line per figure and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.models import ArticleFilter, FeedEntry, PollResult  # noqa: E402
from reader.schedule import FeedState  # noqa: E402
from reader.store import Store  # noqa: E402

WORDS = ["market", "election", "council", "energy", "port", "copper", "rain", "budget", "court", "summit"]


def build(path: Path, articles: int) -> None:
    """Fill a database with `articles` items spread over 200 feeds."""
    store = Store(path)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    per_feed = articles // 200
    for f in range(200):
        feed, _ = store.add_feed(f"https://wire{f}.example/rss")
        entries = [
            FeedEntry(
                guid=f"{f}-{i}",
                title=" ".join(WORDS[(f + i + k) % len(WORDS)] for k in range(7)).capitalize(),
                url=f"https://wire{f}.example/{i}",
                published=now - timedelta(minutes=f + 200 * i),
                summary="<p>" + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(30)) + "</p>",
            )
            for i in range(per_feed)
        ]
        result = PollResult(feed.id, feed.url, "ok", 200, title=f"Wire {f}", entries=entries)
        store.record_poll(result, FeedState("ok", 0, None, None), now)
    store.close()


async def measure(path: Path) -> None:
    """Open the app on the database and time what a user waits for."""
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.article_list import ArticleList

    store = Store(path)
    started = time.perf_counter()
    app = ReaderApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        article_list = app.screen.query_one(ArticleList)
        while article_list.highlighted is None:
            await pilot.pause(0.005)
        first = time.perf_counter() - started
        print(f"first screen with rows: {first * 1000:.0f} ms ({article_list.total} articles)")
        jump = time.perf_counter()
        await pilot.press("G")
        while article_list.highlighted is None or article_list.cursor != article_list.total - 1:
            await pilot.pause(0.005)
        print(f"jump to the last article (G): {(time.perf_counter() - jump) * 1000:.0f} ms")
    query = time.perf_counter()
    hits = store.count(ArticleFilter(query="copper summit"))
    print(f"full-text count 'copper summit': {hits} hits in {(time.perf_counter() - query) * 1000:.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process: {peak:.0f} MB")
    store.close()


def main() -> None:
    """Parse arguments, build the database if needed, measure."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/wirereader-bench-{args.articles}.db")
    if not path.exists():
        began = time.perf_counter()
        build(path, args.articles)
        print(f"built {path} with {args.articles} articles in {time.perf_counter() - began:.1f} s")
    asyncio.run(measure(path))


if __name__ == "__main__":
    main()
