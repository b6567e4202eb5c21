"""The JSON the command line prints: its field names are a contract (add fields, never rename)."""

from __future__ import annotations

from typing import Any

from reader.models import Article, ArticleRow, CleanedArticle, Feed


def iso_text(value: Any) -> str | None:
    """A date as ISO 8601 text, None for none."""
    return value.isoformat() if value else None


def row_json(row: ArticleRow | Article) -> dict[str, Any]:
    """An article as `list` and `search` print it."""
    return {
        "id": row.id,
        "title": row.title,
        "url": row.url,
        "feed": row.feed_title,
        "published": iso_text(row.published),
        "read": row.read,
        "saved": row.saved,
        "copies": getattr(row, "copies", 0),
    }


def article_json(article: Article, copies: list[dict[str, Any]]) -> dict[str, Any]:
    """An article as `show` prints it."""
    return {
        **row_json(article),
        "feed_id": article.feed_id,
        "author": article.author,
        "markdown": article.markdown or "",
        "paragraphs": list(article.paragraphs),
        "entities": [{"text": e.text, "label": e.label, "count": e.mentions} for e in article.entities],
        "copies": copies,
        "enrich_status": article.enrich_status,
        "note": article.enrich_note,
    }


def feed_json(feed: Feed) -> dict[str, Any]:
    """A subscription as `feeds` prints it."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "folder": feed.folder,
        "last_fetched": iso_text(feed.last_fetched),
        "status": feed.status,
        "error": feed.error,
        "next_due": iso_text(feed.next_due),
        "articles": feed.article_count,
        "unread": feed.unread_count,
    }


def cleaned_json(page: CleanedArticle) -> dict[str, Any]:
    """A cleaned page as `clean` prints it."""
    return {
        "title": page.title,
        "paragraphs": page.paragraphs,
        "text": page.text,
        "markdown": page.markdown,
        "byline": page.byline,
        "published": page.published,
        "site": page.site,
        "canonical_url": page.canonical_url,
        "image": page.image,
        "is_article": page.is_article,
        "reason": page.reason,
    }
