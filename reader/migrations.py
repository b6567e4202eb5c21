"""The store's schema versions: schema.sql for a new database, numbered migrations for older ones."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from reader.errors import StoreError

SCHEMA_VERSION = 4
# Pages of 8 KiB for new databases: a refresh adds rows to nine indexes, each touching a leaf page,
# and every touched page is written to the log; 200 feeds x 50 items stored in 0.36-0.45 s instead of
# 0.50-0.58 s with SQLite's default 4 KiB, in the same cache memory. Existing files keep theirs.
PAGE_SIZE = 8192


def _current_schema() -> str:
    from importlib import resources  # only when a database is created or upgraded

    return resources.files("reader").joinpath("schema.sql").read_text(encoding="utf-8")


# Version 2: new articles are queued for the full-text index and indexed in one batch (after a poll,
# or before the next search) instead of one index segment per write transaction.
_MIGRATION_2 = """
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
DROP TRIGGER articles_fts_delete;
CREATE TABLE fts_pending (article_id INTEGER PRIMARY KEY);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, markdown, summary ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    DELETE FROM fts_pending WHERE article_id = old.id;
END;
"""

# Schema version -> the SQL script that brings the previous version to it. A new database gets
# schema.sql (the current version) in one go.
# Version 3: an article knows the first copy of its story in another feed (story_id).
_MIGRATION_3 = """
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
CREATE INDEX articles_by_story ON articles (story_id);
CREATE TABLE story_sketch (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX story_sketch_by_hash ON story_sketch (hash);
CREATE INDEX story_sketch_by_article ON story_sketch (article_id);
"""

# Version 4: new articles are queued for the index in bulk, not by a trigger per row; the saved-list
# index is partial; feeds keep their RSS polling hints (ttl, skipHours, skipDays) for after a 304.
_MIGRATION_4 = """
DROP TRIGGER articles_fts_insert;
DROP INDEX articles_saved_by_date;
CREATE INDEX articles_saved_by_date ON articles (sort_date DESC, id DESC) WHERE saved;
ALTER TABLE feeds ADD COLUMN ttl_minutes INTEGER;
ALTER TABLE feeds ADD COLUMN skip_hours TEXT;
ALTER TABLE feeds ADD COLUMN skip_days TEXT;
"""

MIGRATIONS: dict[int, Callable[[], str]] = {
    2: lambda: _MIGRATION_2,
    3: lambda: _MIGRATION_3,
    4: lambda: _MIGRATION_4,
}


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Put db in WAL mode and bring it to SCHEMA_VERSION; raise StoreError for a foreign or newer file."""
    if db.execute("PRAGMA page_count").fetchone()[0] == 0:
        # A new file takes its page size from its first write, the switch to WAL below.
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise StoreError(f"{path}: cannot switch the database to WAL mode")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer version (schema {version} > {SCHEMA_VERSION})")
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(f"{path} is not a reader database")
    steps = (
        [(SCHEMA_VERSION, _current_schema())]
        if version == 0
        else [(target, MIGRATIONS[target]()) for target in range(version + 1, SCHEMA_VERSION + 1)]
    )
    for target, script in steps:
        try:
            db.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {target};\nCOMMIT;")
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
