-- Schema version 4 (the current one; store.py migrates older files). Dates are ISO 8601 text in UTC; sort_date orders the article list.
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    site_url TEXT,
    folder TEXT,
    etag TEXT,
    last_modified TEXT,
    last_fetched TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_due TEXT,
    -- The polling hints of the feed's last full read (RSS <ttl>, <skipHours>, <skipDays>): a 304
    -- carries no body, so they are kept to schedule the polls after it. Hours and days are
    -- comma-separated numbers (UTC hours 0-23, weekdays with Monday = 0).
    ttl_minutes INTEGER,
    skip_hours TEXT,
    skip_days TEXT,
    added TEXT NOT NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
    feed_title TEXT NOT NULL,
    guid TEXT NOT NULL,
    url TEXT,
    url_key TEXT,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    author TEXT,
    published TEXT,
    added TEXT NOT NULL,
    sort_date TEXT NOT NULL,
    summary TEXT,
    content TEXT,
    read INTEGER NOT NULL DEFAULT 0,
    saved INTEGER NOT NULL DEFAULT 0,
    markdown TEXT,
    paragraphs TEXT,
    enrich_status TEXT NOT NULL DEFAULT 'pending',
    enrich_note TEXT,
    -- The first article of the same story in another feed; NULL when this one is the first.
    story_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    UNIQUE (feed_id, guid)
);
CREATE INDEX articles_by_date ON articles (sort_date DESC, id DESC);
CREATE INDEX articles_unread_by_date ON articles (read, sort_date DESC, id DESC);
-- Partial: few articles are saved, and a new article costs this index nothing.
CREATE INDEX articles_saved_by_date ON articles (sort_date DESC, id DESC) WHERE saved;
CREATE INDEX articles_by_feed ON articles (feed_id, sort_date DESC, id DESC);
CREATE INDEX articles_pending ON articles (enrich_status, sort_date DESC);
CREATE INDEX articles_url_key ON articles (url_key);
CREATE INDEX articles_title_key ON articles (title_key);
CREATE INDEX articles_by_story ON articles (story_id);

-- The smallest shingle hashes of each cleaned article: copies share several, so candidates for
-- "the same story" are found by index, however many articles are stored.
CREATE TABLE story_sketch (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX story_sketch_by_hash ON story_sketch (hash);
CREATE INDEX story_sketch_by_article ON story_sketch (article_id);

CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    count INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (article_id, text, label)
);
CREATE INDEX entities_by_text ON entities (text COLLATE NOCASE);

-- Full-text index over title and body (the cleaned Markdown, else the feed's summary).
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

-- New and changed articles wait in fts_pending and are indexed in one batch (Store.flush_index):
-- one index segment per refresh instead of one per write transaction. New articles are queued by
-- Store.record_polls in bulk (a trigger per inserted row cost some 40 % of the insert time); changed
-- ones by the trigger below.
CREATE TABLE fts_pending (article_id INTEGER PRIMARY KEY);

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, markdown, summary ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    DELETE FROM fts_pending WHERE article_id = old.id;
END;
