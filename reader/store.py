"""The SQLite store: the only code that speaks SQL, with its helpers article_rows.py (inserting a
poll's entries), story_rows.py (joining copies of a story) and migrations.py (schema versions).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from reader.errors import NotFoundError, StoreError
from reader.migrations import migrate
from reader.models import (
    Article,
    ArticleFilter,
    ArticleRow,
    Copy,
    Enrichment,
    Entity,
    Feed,
    FeedRequest,
    PollResult,
)
from reader.schedule import FeedState
from reader.stamps import from_iso, iso

EVERYTHING = ArticleFilter()
P = ParamSpec("P")
T = TypeVar("T")


def _numbers(text: str | None) -> tuple[int, ...]:
    """A stored comma-separated list of numbers ("" or NULL: none)."""
    return tuple(int(part) for part in text.split(",") if part) if text else ()


def _joined(numbers: Sequence[int]) -> str | None:
    """numbers as stored: comma-separated, NULL for none."""
    return ",".join(map(str, numbers)) or None


def _explain(error: sqlite3.Error) -> str:
    """A database error in words a user can act on."""
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return "the database is read-only: check the file's permissions (or use another --db)"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full: nothing more could be stored (what was stored before is kept)"
    if "unable to open" in text:
        return "cannot open the database file: check that its folder is writable"
    return f"database error: {text}"


# How many other articles tell the same story as article `a`.
COPIES = (
    "(SELECT count(*) FROM articles c WHERE c.story_id = coalesce(a.story_id, a.id))"
    " - (a.story_id IS NOT NULL) AS copies"
)
ROW_COLUMNS = f"a.id, a.title, a.feed_title, a.published, a.read, a.saved, a.url, {COPIES}"


def _row(r: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        r["id"],
        r["title"],
        r["feed_title"],
        from_iso(r["published"]),
        bool(r["read"]),
        bool(r["saved"]),
        r["url"],
        r["copies"],
    )


def _translated(method: Callable[P, T]) -> Callable[P, T]:
    """Turn sqlite3 errors into StoreError with a message a user can act on."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            raise StoreError(_explain(error)) from error

    return wrapper


class Store:
    """Feeds, articles and entities in one SQLite file; one connection per thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        # Every open connection with the thread that owns it; those of finished threads are closed.
        self._connections: dict[int, tuple[threading.Thread, sqlite3.Connection]] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {self.path.parent}: {error.strerror}") from error
        self._migrate()

    # -- connections -------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            try:
                db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            except sqlite3.Error as error:
                raise StoreError(f"cannot open database {self.path}: {error}") from error
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
            with self._lock:
                self._close_finished_threads()
                self._connections[threading.get_ident()] = (threading.current_thread(), db)
        return db

    def _close_finished_threads(self) -> None:
        """Close the connections of threads that have ended (a UI runs a new thread per worker)."""
        for ident, (thread, db) in list(self._connections.items()):
            if not thread.is_alive():
                db.close()
                del self._connections[ident]

    @property
    def open_connections(self) -> int:
        """How many connections are open now."""
        with self._lock:
            return len(self._connections)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    @_translated
    def _migrate(self) -> None:
        migrate(self._connection(), self.path)

    def close(self) -> None:
        """Close every connection this store opened."""
        with self._lock:
            for _thread, db in self._connections.values():
                db.close()
            self._connections.clear()
        self._local = threading.local()

    # -- feeds -------------------------------------------------------------------------------

    @staticmethod
    def _feed(row: sqlite3.Row) -> Feed:
        keys = row.keys()
        return Feed(
            id=row["id"],
            url=row["url"],
            title=row["title"],
            site_url=row["site_url"],
            folder=row["folder"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            last_fetched=from_iso(row["last_fetched"]),
            status=row["status"],
            error=row["error"],
            failures=row["failures"],
            next_due=from_iso(row["next_due"]),
            article_count=row["article_count"] if "article_count" in keys else 0,
            unread_count=row["unread_count"] if "unread_count" in keys else 0,
        )

    @_translated
    def add_feed(
        self, url: str, title: str | None = None, folder: str | None = None, now: datetime | None = None
    ) -> tuple[Feed, bool]:
        """Subscribe to `url`; returns the feed and whether it was new."""
        now = now or datetime.now(UTC)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO feeds (url, title, folder, added) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (url) DO NOTHING",
                (url, title, folder, iso(now)),
            )
            created = cursor.rowcount == 1
        return self.feed(url), created

    @_translated
    def feed(self, key: int | str) -> Feed:
        """The feed with this id or URL; raises NotFoundError."""
        db = self._connection()
        column = "id" if isinstance(key, int) or str(key).isdigit() else "url"
        row = db.execute(f"SELECT * FROM feeds WHERE {column} = ?", (key,)).fetchone()
        if row is None:
            raise NotFoundError(f"no feed {key}")
        return self._feed(row)

    @_translated
    def feeds(self) -> list[Feed]:
        """Every subscription with its article and unread counts, by folder then title."""
        rows = (
            self._connection()
            .execute(
                """SELECT feeds.*,
                      (SELECT count(*) FROM articles WHERE feed_id = feeds.id) AS article_count,
                      (SELECT count(*) FROM articles WHERE feed_id = feeds.id AND NOT read) AS unread_count
               FROM feeds ORDER BY coalesce(folder, ''), coalesce(title, url) COLLATE NOCASE"""
            )
            .fetchall()
        )
        return [self._feed(row) for row in rows]

    @_translated
    def remove_feed(self, key: int | str) -> tuple[Feed, int]:
        """Unsubscribe; unsaved articles go, saved ones stay. Returns the feed and articles kept."""
        feed = self.feed(key)
        with self._transaction() as db:
            db.execute("DELETE FROM articles WHERE feed_id = ? AND NOT saved", (feed.id,))
            kept = db.execute("SELECT count(*) FROM articles WHERE feed_id = ?", (feed.id,)).fetchone()[0]
            db.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
        return feed, kept

    @_translated
    def feed_requests(self, now: datetime, include_all: bool = False) -> list[FeedRequest]:
        """Feeds due for a poll (all but gone ones with include_all), with their validators."""
        sql = (
            "SELECT id, url, etag, last_modified, ttl_minutes, skip_hours, skip_days"
            " FROM feeds WHERE status != 'gone'"
        )
        params: tuple[Any, ...] = ()
        if not include_all:
            sql += " AND (next_due IS NULL OR next_due <= ?)"
            params = (iso(now),)
        rows = self._connection().execute(sql + " ORDER BY id", params).fetchall()
        return [
            FeedRequest(
                r["id"],
                r["url"],
                r["etag"],
                r["last_modified"],
                ttl_minutes=r["ttl_minutes"],
                skip_hours=_numbers(r["skip_hours"]),
                skip_days=_numbers(r["skip_days"]),
            )
            for r in rows
        ]

    @_translated
    def poll_feeds_by_id(self, ids: Sequence[int]) -> dict[int, Feed]:
        """The feeds with these ids (without article counts), in one query; missing ones are left out."""
        db = self._connection()
        found: dict[int, Feed] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = db.execute(f"SELECT * FROM feeds WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((row["id"], self._feed(row)) for row in rows)
        return found

    @_translated
    def record_poll(self, result: PollResult, state: FeedState, now: datetime) -> list[int]:
        """Store a poll's new entries and the feed's new state in one transaction; returns new ids."""
        return self.record_polls([(result, state)], now)

    @_translated
    def record_polls(self, polls: Sequence[tuple[PollResult, FeedState]], now: datetime) -> list[int]:
        """Store several polls (entries and new feed states) in ONE transaction; returns new article ids.

        A not-modified or failed poll costs one UPDATE of its feed row; new entries are inserted.
        """
        new_ids: list[int] = []
        if not polls:
            return new_ids
        stamp = iso(now)
        with self._transaction() as db:
            for result, state in polls:
                new_ids.extend(self._record_one(db, result, state, now, stamp))
            # Queued for the search index, which is built when next searched or after enrichment.
            queued = [(new_id,) for new_id in new_ids]
            db.executemany("INSERT OR IGNORE INTO fts_pending (article_id) VALUES (?)", queued)
        return new_ids

    def _record_one(
        self, db: sqlite3.Connection, result: PollResult, state: FeedState, now: datetime, stamp: str | None
    ) -> list[int]:
        db.execute(
            """UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url),
                   etag = CASE WHEN ? IN ('ok', 'not-modified') THEN coalesce(?, etag) ELSE etag END,
                   last_modified = CASE WHEN ? IN ('ok', 'not-modified')
                                        THEN coalesce(?, last_modified) ELSE last_modified END,
                   last_fetched = ?, status = ?, error = ?, failures = ?, next_due = ?
               WHERE id = ?""",
            (
                result.title,
                result.site_url,
                result.status,
                result.etag,
                result.status,
                result.last_modified,
                stamp,
                state.status,
                state.error,
                state.failures,
                iso(state.next_due),
                result.feed_id,
            ),
        )
        if result.status != "ok" and not (result.new_url and result.new_url != result.url):
            return []  # the common warm case: only the feed row changed, in that one statement
        if result.status == "ok":
            db.execute(
                "UPDATE feeds SET ttl_minutes = ?, skip_hours = ?, skip_days = ? WHERE id = ?",
                (result.ttl_minutes, _joined(result.skip_hours), _joined(result.skip_days), result.feed_id),
            )
        row = db.execute("SELECT title FROM feeds WHERE id = ?", (result.feed_id,)).fetchone()
        if row is None:
            return []
        title = row["title"]
        if result.new_url and result.new_url != result.url:
            taken = db.execute("SELECT 1 FROM feeds WHERE url = ?", (result.new_url,)).fetchone()
            if not taken:
                db.execute("UPDATE feeds SET url = ? WHERE id = ?", (result.new_url, result.feed_id))
        from reader.article_rows import store_entries  # a refresh that gets only 304s never needs it

        return store_entries(db, result.feed_id, title or result.url, result.entries, now)

    # -- enrichment --------------------------------------------------------------------------

    @_translated
    def pending_enrichment(self, limit: int = 1000, ids: Sequence[int] | None = None) -> list[Article]:
        """Articles not yet cleaned and tagged, newest first."""
        sql = "SELECT * FROM articles WHERE enrich_status = 'pending'"
        params: list[Any] = []
        if ids is not None:
            sql += f" AND id IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        rows = self._connection().execute(sql + " ORDER BY sort_date DESC LIMIT ?", (*params, limit))
        return [self._article(row, ()) for row in rows.fetchall()]

    @_translated
    def pending_count(self) -> int:
        """How many articles wait to be cleaned and tagged."""
        row = self._connection().execute("SELECT count(*) FROM articles WHERE enrich_status = 'pending'")
        return int(row.fetchone()[0])

    @_translated
    def store_enrichment(self, article_id: int, enrichment: Enrichment) -> None:
        """Keep an article's cleaned body and entities, and how they were obtained."""
        import json

        from reader.story_rows import join_copies

        paragraphs = json.dumps(list(enrichment.paragraphs), ensure_ascii=False)
        entities = enrichment.entities
        with self._transaction() as db:
            db.execute(
                """UPDATE articles SET markdown = ?, paragraphs = ?, enrich_status = ?, enrich_note = ?
                   WHERE id = ?""",
                (enrichment.markdown, paragraphs, enrichment.status, enrichment.note, article_id),
            )
            db.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT OR REPLACE INTO entities (article_id, text, label, count, position)"
                " VALUES (?, ?, ?, ?, ?)",
                [(article_id, e.text, e.label, e.mentions, i) for i, e in enumerate(entities)],
            )
            if enrichment.status == "done":
                join_copies(db, article_id, enrichment.paragraphs)

    # -- articles ----------------------------------------------------------------------------

    @staticmethod
    def _article(row: sqlite3.Row, entities: tuple[Entity, ...]) -> Article:
        import json  # not at the top: polling reads no article, and would pay for the import at start-up

        paragraphs = tuple(json.loads(row["paragraphs"])) if row["paragraphs"] else ()
        return Article(
            id=row["id"],
            feed_id=row["feed_id"],
            feed_title=row["feed_title"],
            title=row["title"],
            url=row["url"],
            guid=row["guid"],
            author=row["author"],
            published=from_iso(row["published"]),
            summary=row["content"] or row["summary"],
            read=bool(row["read"]),
            saved=bool(row["saved"]),
            markdown=row["markdown"],
            paragraphs=paragraphs,
            enrich_status=row["enrich_status"],
            enrich_note=row["enrich_note"],
            entities=entities,
        )

    @_translated
    def article(self, article_id: int) -> Article:
        """One article with its entities; raises NotFoundError."""
        db = self._connection()
        row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id}")
        entities = tuple(
            Entity(r["text"], r["label"], r["count"])
            for r in db.execute(
                "SELECT text, label, count FROM entities WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        )
        return self._article(row, entities)

    def _where(self, selection: ArticleFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if selection.unread:
            clauses.append("NOT a.read")
        if selection.saved:
            clauses.append("a.saved")
        if selection.feed_id is not None:
            clauses.append("a.feed_id = ?")
            params.append(selection.feed_id)
        elif not selection.saved:
            # One story shown once: its first copy stands for all. The unary + keeps SQLite walking
            # the date index (and stopping after one window) instead of sorting every story first.
            clauses.append("+a.story_id IS NULL")
        if selection.entity:
            clauses.append("a.id IN (SELECT article_id FROM entities WHERE text = ? COLLATE NOCASE)")
            params.append(selection.entity)
        if selection.query:
            self.flush_index()
            clauses.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(selection.query))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @_translated
    def count(self, selection: ArticleFilter = EVERYTHING) -> int:
        """How many articles match."""
        where, params = self._where(selection)
        return int(
            self._connection().execute(f"SELECT count(*) FROM articles a{where}", params).fetchone()[0]
        )

    @_translated
    def rows(
        self,
        selection: ArticleFilter = EVERYTHING,
        offset: int = 0,
        limit: int = 100,
        total: int | None = None,
    ) -> list[ArticleRow]:
        """A window of the article list, newest first.

        Given the list's `total`, a window in the older half is read from the oldest end, so that a
        jump to the end of a long list skips as few index entries as a jump to its start.
        """
        where, params = self._where(selection)
        columns = f"SELECT {ROW_COLUMNS} FROM articles a"
        from_end = total is not None and offset > total // 2
        if from_end and total is not None:
            skip = max(total - offset - limit, 0)
            take = min(limit, total - offset)
            sql = f"{columns}{where} ORDER BY a.sort_date ASC, a.id ASC LIMIT ? OFFSET ?"
            found = list(self._connection().execute(sql, (*params, take, skip)))[::-1]
        else:
            sql = f"{columns}{where} ORDER BY a.sort_date DESC, a.id DESC LIMIT ? OFFSET ?"
            found = list(self._connection().execute(sql, (*params, limit, offset)))
        return [_row(r) for r in found]

    @_translated
    def position(self, article_id: int, selection: ArticleFilter = EVERYTHING) -> int | None:
        """The row index of an article in the filtered list, or None when it is not in it."""
        where, params = self._where(selection)
        joiner = " AND " if where else " WHERE "
        db = self._connection()
        if (
            db.execute(f"SELECT 1 FROM articles a{where}{joiner}a.id = ?", (*params, article_id)).fetchone()
            is None
        ):
            return None
        row = db.execute(
            f"""SELECT count(*) FROM articles a{where}{joiner}
                (a.sort_date, a.id) > (SELECT sort_date, id FROM articles WHERE id = ?)""",
            (*params, article_id),
        ).fetchone()
        return int(row[0])

    @_translated
    def next_unread(
        self, article_id: int | None, selection: ArticleFilter = EVERYTHING, forward: bool = True
    ) -> int | None:
        """The nearest unread article after (or before) `article_id` in the filtered list."""
        where, params = self._where(selection)
        clauses = [where.removeprefix(" WHERE ")] if where else []
        clauses.append("NOT a.read")
        if article_id is not None:
            direction = "<" if forward else ">"
            clauses.append(
                f"(a.sort_date, a.id) {direction} (SELECT sort_date, id FROM articles WHERE id = ?)"
            )
            params.append(article_id)
        order = "DESC" if forward else "ASC"
        row = (
            self._connection()
            .execute(
                f"SELECT a.id FROM articles a WHERE {' AND '.join(clauses)}"
                f" ORDER BY a.sort_date {order}, a.id {order} LIMIT 1",
                params,
            )
            .fetchone()
        )
        return int(row[0]) if row else None

    @_translated
    def search(self, query: str, limit: int = 100) -> list[ArticleRow]:
        """Full-text search over title and body, best match first."""
        self.flush_index()
        sql = f"""SELECT {ROW_COLUMNS}
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0), a.sort_date DESC LIMIT ?"""
        return [_row(r) for r in self._connection().execute(sql, (fts_query(query), limit))]

    @_translated
    def flush_index(self) -> int:
        """Index the articles queued since the last flush, in one transaction; returns how many."""
        db = self._connection()
        if db.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone() is None:
            return 0
        with self._transaction() as tx:
            cursor = tx.execute(
                """INSERT INTO articles_fts (rowid, title, body)
                   SELECT a.id, a.title, coalesce(a.markdown, a.summary, '')
                   FROM fts_pending p JOIN articles a ON a.id = p.article_id"""
            )
            tx.execute("DELETE FROM fts_pending")
        return cursor.rowcount

    @_translated
    def set_read(self, article_id: int, read: bool = True) -> None:
        """Mark an article read or unread."""
        self._update_flag(article_id, "read", read)

    @_translated
    def set_saved(self, article_id: int, saved: bool = True) -> None:
        """Keep an article for offline reading, or release it."""
        self._update_flag(article_id, "saved", saved)

    def _update_flag(self, article_id: int, column: str, value: bool) -> None:
        # Read or unread is the story's: its copies in other feeds go with it. Saved is per article.
        where = (
            "coalesce(story_id, id) = (SELECT coalesce(story_id, id) FROM articles WHERE id = ?)"
            if column == "read"
            else "id = ?"
        )
        with self._transaction() as db:
            cursor = db.execute(f"UPDATE articles SET {column} = ? WHERE {where}", (int(value), article_id))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article {article_id}")

    @_translated
    def copies(self, article_id: int) -> list[Copy]:
        """The other articles of the same story (its copies in other feeds), oldest first."""
        rows = self._connection().execute(
            """SELECT b.id, b.feed_title, b.title, b.url FROM articles a JOIN articles b
                 ON coalesce(b.story_id, b.id) = coalesce(a.story_id, a.id) AND b.id != a.id
               WHERE a.id = ? ORDER BY b.sort_date, b.id""",
            (article_id,),
        )
        return [Copy(r["id"], r["feed_title"], r["title"], r["url"]) for r in rows]


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query: every word must appear, prefix match on the last."""
    words = [w.replace('"', '""') for w in query.split() if w.strip('"')]
    if not words:
        return '""'
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)
