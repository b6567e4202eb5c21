"""A poll's entries as article rows: new ones inserted in bulk, changed ones updated, copies joined.

Part of the store (store.py calls it inside its write transaction); the only other module with SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from reader.keys import title_key, url_key
from reader.models import FeedEntry
from reader.stamps import iso
from reader.stories import TITLE_WORDS

# Copies of one story are looked for this many days either side of an article's date.
STORY_DAYS = 3
# Bound parameters per IN (...) list, well under SQLite's limit.
_CHUNK = 500
# The columns of a new row, in the order of _INSERT's placeholders.
_URL_KEY, _TITLE_KEY, _SORT_DATE, _STORY = 4, 6, 10, 13
_INSERT = """INSERT INTO articles (feed_id, feed_title, guid, url, url_key, title, title_key, author,
                                   published, added, sort_date, summary, content, story_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_UPDATE = "UPDATE articles SET title = ?, title_key = ?, summary = ?, content = ? WHERE id = ?"

Known = dict[str, tuple[int, str, str | None, str | None]]


def story_window(when: str) -> tuple[str, str]:
    """The stored dates (as the store writes them) STORY_DAYS either side of one."""
    moment = datetime.fromisoformat(when)
    day = timedelta(days=STORY_DAYS)
    return iso(moment - day) or "", iso(moment + day) or ""


def store_entries(
    db: sqlite3.Connection, feed_id: int, feed_title: str, entries: Sequence[FeedEntry], now: datetime
) -> list[int]:
    """Insert the feed's new entries and update its changed ones; the new article ids, in order.

    An entry repeated in one feed (the same guid twice) is stored once, with the last copy's title
    and text. A new article that has a copy in another feed (same address, or the same long
    headline within STORY_DAYS) joins that copy's story.
    """
    merged = _merged(entries)
    known = _known(db, feed_id, list(merged))
    added = iso(now)
    changes: list[tuple[Any, ...]] = []
    rows: list[list[Any]] = []
    for guid, entry in merged.items():
        title = entry.title or "(untitled)"
        existing = known.get(guid)
        if existing is None:
            published = iso(entry.published)
            rows.append(
                [
                    feed_id, feed_title, guid, entry.url, url_key(entry.url), title, title_key(title),
                    entry.author, published, added, published or added, entry.summary, entry.content, None,
                ]
            )  # fmt: skip
        elif existing[1:] != (title, entry.summary, entry.content):
            changes.append((title, title_key(title), entry.summary, entry.content, existing[0]))
    if changes:
        db.executemany(_UPDATE, changes)
    if not rows:
        return []
    _join_stories(db, feed_id, rows)
    # Inside the write transaction no one else inserts, so the new rows are those above the old end.
    (last,) = db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
    db.executemany(_INSERT, rows)
    return [row[0] for row in db.execute("SELECT id FROM articles WHERE id > ? ORDER BY id", (last,))]


def _merged(entries: Iterable[FeedEntry]) -> dict[str, FeedEntry]:
    """The entries by guid, a repeated one keeping its first fields but its last title and text."""
    merged: dict[str, FeedEntry] = {}
    for entry in entries:
        first = merged.get(entry.guid)
        merged[entry.guid] = (
            entry
            if first is None
            else first._replace(title=entry.title, summary=entry.summary, content=entry.content)
        )
    return merged


def _known(db: sqlite3.Connection, feed_id: int, guids: list[str]) -> Known:
    """The stored (id, title, summary, content) of those guids of a feed, in a few queries."""
    known: Known = {}
    for chunk in _chunks(guids):
        rows = db.execute(
            "SELECT guid, id, title, summary, content FROM articles"
            f" WHERE feed_id = ? AND guid IN ({_marks(chunk)})",
            (feed_id, *chunk),
        )
        known.update((r[0], (r[1], r[2], r[3], r[4])) for r in rows)
    return known


def _join_stories(db: sqlite3.Connection, feed_id: int, rows: list[list[Any]]) -> None:
    """Set each new row's story to the first article of another feed with its address or headline."""
    by_link = _first_story_by_link(db, feed_id, {row[_URL_KEY] for row in rows if row[_URL_KEY]})
    unmatched = []
    for row in rows:
        row[_STORY] = by_link.get(row[_URL_KEY])
        if row[_STORY] is None and row[_TITLE_KEY].count(" ") + 1 >= TITLE_WORDS:
            unmatched.append(row)
    if not unmatched:
        return
    dates = [row[_SORT_DATE] for row in unmatched]
    earliest, latest = story_window(min(dates))[0], story_window(max(dates))[1]
    candidates = _stories_by_title(db, feed_id, {row[_TITLE_KEY] for row in unmatched}, earliest, latest)
    for row in unmatched:
        found = candidates.get(row[_TITLE_KEY])
        if found:
            low, high = story_window(row[_SORT_DATE])
            row[_STORY] = next((story for when, story in found if low <= when <= high), None)


def _first_story_by_link(db: sqlite3.Connection, feed_id: int, keys: set[str]) -> dict[str, int]:
    """For each address key, the story of the first article of another feed that has it."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        rows = db.execute(
            "SELECT url_key, coalesce(story_id, id) FROM articles WHERE id IN ("
            f" SELECT min(id) FROM articles WHERE url_key IN ({_marks(chunk)}) AND feed_id IS NOT ?"
            " GROUP BY url_key)",
            (*chunk, feed_id),
        )
        found.update((key, story) for key, story in rows)
    return found


def _stories_by_title(
    db: sqlite3.Connection, feed_id: int, keys: set[str], earliest: str, latest: str
) -> dict[str, list[tuple[str, int]]]:
    """For each headline key, (date, story) of other feeds' articles between two dates, oldest id first."""
    found: dict[str, list[tuple[str, int]]] = {}
    for chunk in _chunks(sorted(keys)):
        rows = db.execute(
            "SELECT title_key, sort_date, coalesce(story_id, id) FROM articles"
            f" WHERE title_key IN ({_marks(chunk)}) AND feed_id IS NOT ? AND sort_date BETWEEN ? AND ?"
            " ORDER BY id",
            (*chunk, feed_id, earliest, latest),
        )
        for key, when, story in rows:
            found.setdefault(key, []).append((when, story))
    return found


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(chunk: Sequence[str]) -> str:
    return ",".join("?" * len(chunk))
