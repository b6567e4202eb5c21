-- Schema version 1, as the first release wrote it (frozen for the migration test). Dates are ISO 8601 text in UTC; sort_date orders the article list.
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
    UNIQUE (feed_id, guid)
);
CREATE INDEX articles_by_date ON articles (sort_date DESC, id DESC);
CREATE INDEX articles_unread_by_date ON articles (read, sort_date DESC, id DESC);
CREATE INDEX articles_saved_by_date ON articles (saved, sort_date DESC, id DESC);
CREATE INDEX articles_by_feed ON articles (feed_id, sort_date DESC, id DESC);
CREATE INDEX articles_pending ON articles (enrich_status, sort_date DESC);
CREATE INDEX articles_url_key ON articles (url_key);
CREATE INDEX articles_title_key ON articles (title_key);

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


CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body)
    VALUES (new.id, new.title, coalesce(new.markdown, new.summary, ''));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, markdown, summary ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, body)
    VALUES (new.id, new.title, coalesce(new.markdown, new.summary, ''));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
