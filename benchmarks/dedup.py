#!/usr/bin/env python3
"""Story-grouping benchmark: how well "one story shown once" groups copies, and what it costs.

    /tmp/venv/bin/python benchmarks/dedup.py                  # fixtures + 10,000 synthetic articles
    /tmp/venv/bin/python benchmarks/dedup.py --scale 2000     # a quicker cost figure
    /tmp/venv/bin/python benchmarks/dedup.py --scale 0        # fixtures only

Quality: the hand-written fixtures in benchmarks/stories/*.json (each article names its true
story; stories told by one article are distinct "hard negatives") are loaded into a fresh
temporary Store the way one refresh does it: every feed's items stored with `Store.record_polls`,
then every article cleaned with `Store.store_enrichment(..., Enrichment(..., "done"))`, newest
first (the order of `Store.pending_enrichment`). The groups are read back with `Store.copies`.
Scores are pairwise: a pair of articles is positive when both belong to one true story; precision
is the share of grouped pairs that are true, recall the share of true pairs that are grouped. Every
wrong merge and missed pair is listed with what links (or fails to link) the two: the same
normalised URL, the same headline of >= TITLE_WORDS words, or the shingle containment of the texts.

Cost: N synthetic articles (--scale, 50 feeds over 3 days, ~300 random words each, 10% of them
copies of an article in another feed published up to 48 hours later, with a new lead paragraph and
the last paragraph dropped) are stored, then cleaned; the time of the storing (record_polls) and of
the cleaning-stage grouping (the store_enrichment calls; the enrichments are precomputed, no spaCy
and no cleaner) are printed separately, with how many synthetic copy pairs were grouped.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.keys import title_key, url_key
from reader.models import Enrichment, FeedEntry, PollResult
from reader.schedule import FeedState
from reader.store import Store
from reader.stories import TITLE_WORDS, containment, same_story, shingled

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "stories"
OK = FeedState("ok", 0, None, None)


@dataclass(frozen=True)
class Item:
    """One fixture article: its true story and what its feed and its cleaned page carry."""

    key: str
    story: str
    feed: str
    title: str
    url: str
    published: datetime
    paragraphs: tuple[str, ...]
    note: str


def load_fixtures(folder: Path) -> tuple[dict[str, tuple[str, str]], list[Item]]:
    """Feeds (key -> title, url) and articles from every JSON file in `folder`."""
    feeds: dict[str, tuple[str, str]] = {}
    items: list[Item] = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        feeds.update({f["key"]: (f["title"], f["url"]) for f in data["feeds"]})
        items.extend(
            Item(
                a["key"],
                a["story"],
                a["feed"],
                a["title"],
                a["url"],
                datetime.fromisoformat(a["published"]),
                tuple(a["paragraphs"]),
                a.get("note", ""),
            )
            for a in data["articles"]
        )
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise SystemExit("duplicate article keys in the fixtures")
    return feeds, items


def refresh(
    store: Store, feeds: dict[str, tuple[str, str]], items: list[Item], now: datetime
) -> dict[str, int]:
    """Store every feed's items in one refresh, then clean them newest first; returns key -> id."""
    feed_ids = {key: store.add_feed(url, title, now=now)[0].id for key, (title, url) in feeds.items()}
    polls = []
    for key, (title, url) in feeds.items():
        mine = sorted((i for i in items if i.feed == key), key=lambda i: i.published, reverse=True)
        entries = [
            FeedEntry(i.key, i.title, i.url, published=i.published, summary=i.paragraphs[0]) for i in mine
        ]
        polls.append((PollResult(feed_ids[key], url, "ok", 200, title=title, entries=entries), OK))
    store.record_polls(polls, now)
    by_guid = {item.key: item for item in items}
    ids: dict[str, int] = {}
    for article in store.pending_enrichment(limit=len(items) + 1):
        assert article.guid is not None
        item = by_guid[article.guid]
        ids[item.key] = article.id
        body = list(item.paragraphs)
        store.store_enrichment(article.id, Enrichment("\n\n".join(body), body, [], "done"))
    return ids


def pairs_of(groups: dict[str, str]) -> set[tuple[str, str]]:
    """Every unordered pair of keys that share a group."""
    members: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        members[group].append(key)
    return {tuple(sorted(p)) for m in members.values() for p in itertools.combinations(m, 2)}  # type: ignore[misc]


def link(a: Item, b: Item) -> str:
    """What the grouping rules see between two articles."""
    reasons = []
    if a.feed == b.feed:
        reasons.append("same feed")
    if url_key(a.url) == url_key(b.url):
        reasons.append("same url")
    words = title_key(a.title)
    if words == title_key(b.title):
        count = len(words.split())
        short = "" if count >= TITLE_WORDS else ", too short to join"
        reasons.append(f"same headline ({count} words{short})")
    first, second = shingled(a.paragraphs), shingled(b.paragraphs)
    share = containment(first.all, second.all)
    reasons.append(f"containment {share:.2f}{' (same_story)' if same_story(first, second) else ''}")
    hours = abs((a.published - b.published).total_seconds()) / 3600
    reasons.append(f"{hours:.0f} h apart")
    return ", ".join(reasons)


def score(truth: set[tuple[str, str]], found: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(truth & found)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def quality(folder: Path) -> None:
    feeds, items = load_fixtures(folder)
    by_key = {item.key: item for item in items}
    stories = Counter(item.story for item in items)
    multi = sum(1 for n in stories.values() if n > 1)
    now = max(item.published for item in items) + timedelta(hours=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "dedup.db")
        try:
            ids = refresh(store, feeds, items, now)
            keys = {article_id: key for key, article_id in ids.items()}
            # An article's predicted group: the smallest id among it and its copies.
            groups = {key: str(min([ids[key], *(c.id for c in store.copies(ids[key]))])) for key in ids}
            for key in ids:  # copies() must be symmetric: every member sees the same group
                assert all(groups[keys[c.id]] == groups[key] for c in store.copies(ids[key]))
        finally:
            store.close()
    truth = pairs_of({item.key: item.story for item in items})
    found = pairs_of(groups)
    precision, recall, f1 = score(truth, found)
    print(
        f"fixtures: {len(items)} articles in {len(feeds)} feeds, {len(stories)} true stories "
        f"({multi} with 2-4 copies, {len(stories) - multi} single), {len(truth)} true pairs"
    )
    print(f"grouped pairs {len(found)}, correct {len(truth & found)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    wrong, missed = sorted(found - truth), sorted(truth - found)
    print(f"\nwrong merges ({len(wrong)}):")
    for a, b in wrong:
        print(f"  {a} '{by_key[a].title}'  +  {b} '{by_key[b].title}'\n      {link(by_key[a], by_key[b])}")
    print(f"\nmissed pairs ({len(missed)}):")
    for a, b in missed:
        print(f"  {a} [{by_key[a].note}]  +  {b} [{by_key[b].note}]\n      {link(by_key[a], by_key[b])}")


def synthetic(n: int, feeds: int, seed: int) -> tuple[list[tuple[int, FeedEntry, list[str]]], dict[str, str]]:
    """N articles (feed index, entry, paragraphs) over 3 days, and each article's true story (a guid)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = list({"".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(12000)})
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf-like, as real text

    def words(count: int) -> str:
        return " ".join(rng.choices(vocabulary, weights, k=count)).capitalize() + "."

    start = datetime(2026, 11, 23, tzinfo=UTC)
    span = timedelta(days=3).total_seconds()
    articles: list[tuple[int, FeedEntry, list[str]]] = []
    story: dict[str, str] = {}
    for i in range(n):
        guid = f"syn-{i}"
        if i >= 10 and rng.random() < 0.1:  # a copy of an earlier original, in another feed
            feed, entry, body = articles[rng.randrange(len(articles))]
            while entry.guid.startswith("copy"):
                feed, entry, body = articles[rng.randrange(len(articles))]
            assert entry.published is not None
            guid = f"copy-{i}"
            moment = min(
                entry.published + timedelta(hours=rng.uniform(0, 48)), start + timedelta(seconds=span)
            )
            other = rng.choice([f for f in range(feeds) if f != feed])
            paragraphs = [words(30), *body[:-1]]
            story[guid] = entry.guid
            feed = other
        else:
            feed = rng.randrange(feeds)
            moment = start + timedelta(seconds=rng.uniform(0, span))
            paragraphs = [words(50) for _ in range(6)]
        title = words(8)
        new = FeedEntry(
            guid, title, f"https://feed{feed}.example/{guid}", published=moment, summary=paragraphs[0]
        )
        articles.append((feed, new, paragraphs))
        story.setdefault(guid, guid)
    return articles, story


def cost(n: int, feeds: int, seed: int) -> None:
    articles, true_story = synthetic(n, feeds, seed)
    copies = sum(1 for guid, first in true_story.items() if guid != first)
    bodies = {entry.guid: Enrichment("\n\n".join(p), p, [], "done") for _, entry, p in articles}
    per_feed: dict[int, list[FeedEntry]] = defaultdict(list)
    for feed, entry, _ in articles:
        per_feed[feed].append(entry)
    now = datetime(2026, 11, 26, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cost.db"
        store = Store(path)
        try:
            urls = {f: f"https://feed{f}.example/rss" for f in range(feeds)}
            ids = {f: store.add_feed(url, f"Feed {f}", now=now)[0].id for f, url in urls.items()}
            polls = [
                (
                    PollResult(
                        ids[f],
                        urls[f],
                        "ok",
                        200,
                        title=f"Feed {f}",
                        entries=sorted(per_feed[f], key=lambda e: e.published or now, reverse=True),
                    ),
                    OK,
                )
                for f in range(feeds)
            ]
            began = time.perf_counter()
            for poll in polls:  # one transaction per feed, as feeds finish polling
                store.record_poll(*poll, now)
            stored = time.perf_counter() - began
            pending = store.pending_enrichment(limit=n + 1)
            work = [(article.id, bodies[article.guid or ""]) for article in pending]
            began = time.perf_counter()
            for article_id, enrichment in work:
                store.store_enrichment(article_id, enrichment)
            cleaned = time.perf_counter() - began
        finally:
            store.close()
        db = sqlite3.connect(path)
        story = dict(db.execute("SELECT guid, coalesce(story_id, id) FROM articles").fetchall())
        db.close()
    truth = pairs_of(true_story)
    found = pairs_of({guid: str(s) for guid, s in story.items()})
    precision, recall, _ = score(truth, found)
    print(f"\ncost: {n} synthetic articles in {feeds} feeds over 3 days, {copies} of them copies")
    print(f"storing (record_poll per feed):     {stored:8.2f} s  {n / stored:9.0f} articles/s")
    print(f"cleaning-stage grouping (store_enrichment): {cleaned:8.2f} s  {n / cleaned:9.0f} articles/s")
    print(f"synthetic story pairs grouped: {len(truth & found)}/{len(truth)}, wrongly {len(found - truth)}")
    print(f"synthetic precision {precision:.3f}  recall {recall:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="folder of *.json fixture files")
    parser.add_argument(
        "--scale", type=int, default=10000, help="synthetic articles for the cost figure (0: none)"
    )
    parser.add_argument("--feeds", type=int, default=50, help="feeds the synthetic articles are spread over")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic articles")
    args = parser.parse_args(argv)
    quality(args.fixtures)
    if args.scale > 0:
        cost(args.scale, args.feeds, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
