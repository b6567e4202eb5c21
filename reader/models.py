"""Plain values passed between the parts of the reader; no I/O here.

They are NamedTuples, not frozen dataclasses: on Python 3.11 a frozen dataclass compiles six methods
when its class is made, and these thirteen, with the dataclasses module, were over a third of the
start-up of a refresh that finds nothing new. A NamedTuple compiles one. Change a value with
`value._replace(field=...)`. The annotations are evaluated (no `from __future__ import annotations`):
typing would compile each one given as a string, a third of what making these classes costs.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

FEED_STATUSES = ("new", "ok", "error", "gone", "backing-off")


class Feed(NamedTuple):
    """A subscription and what the last poll of it found."""

    id: int
    url: str
    title: str | None = None
    site_url: str | None = None
    folder: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    status: str = "new"
    error: str | None = None
    failures: int = 0
    next_due: datetime | None = None
    article_count: int = 0
    unread_count: int = 0

    @property
    def display_title(self) -> str:
        """The feed's title, or its URL before the first poll."""
        return self.title or self.url


class Entity(NamedTuple):
    """A named thing mentioned in an article: canonical text, OntoNotes label, how often it is mentioned."""

    text: str
    label: str
    mentions: int = 1


class Article(NamedTuple):
    """A stored feed item, with its cleaned body and entities once enriched."""

    id: int
    feed_id: int | None
    feed_title: str
    title: str
    url: str | None = None
    guid: str | None = None
    author: str | None = None
    published: datetime | None = None
    summary: str | None = None
    read: bool = False
    saved: bool = False
    markdown: str | None = None
    paragraphs: tuple[str, ...] = ()
    enrich_status: str = "pending"
    enrich_note: str | None = None
    entities: tuple[Entity, ...] = ()


class ArticleRow(NamedTuple):
    """The few columns the article list shows for one row."""

    id: int
    title: str
    feed_title: str
    published: datetime | None
    read: bool
    saved: bool
    url: str | None = None
    copies: int = 0  # other feeds' copies of the same story


class CleanedArticle(NamedTuple):
    """The article body the cleaner found in a page, and the page's metadata."""

    title: str | None
    paragraphs: list[str]
    text: str
    markdown: str
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    is_article: bool = True
    reason: str | None = None


class FeedEntry(NamedTuple):
    """One item as the feed carries it, before it is stored."""

    guid: str
    title: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    summary: str | None = None
    content: str | None = None


class FeedRequest(NamedTuple):
    """What the poller needs to fetch one feed politely."""

    feed_id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    # The polling hints of the feed's last full read, carried over to a 304 (see PollResult).
    ttl_minutes: int | None = None
    skip_hours: tuple[int, ...] = ()
    skip_days: tuple[int, ...] = ()


class PollResult(NamedTuple):
    """What one poll of one feed found; the caller stores it.

    status is "ok" (entries parsed), "not-modified" (304), "gone" (410) or "error". error is why it
    failed, or, on an ok result, a warning (a malformed feed whose items could still be read).
    """

    feed_id: int
    url: str
    status: str
    http_status: int | None = None
    new_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_url: str | None = None
    entries: Sequence[FeedEntry] = ()
    error: str | None = None
    retry_after: float | None = None
    max_age: float | None = None
    expires_in: float | None = None  # seconds from the response's Date until its Expires
    ttl_minutes: int | None = None  # the RSS channel's <ttl>
    skip_hours: tuple[int, ...] = ()  # the RSS channel's <skipHours>, UTC hours 0-23
    skip_days: tuple[int, ...] = ()  # the RSS channel's <skipDays>, UTC weekdays, Monday = 0


class PageResult(NamedTuple):
    """An article page fetch: its HTML, or why there is none."""

    url: str
    html: str | None
    status: int | None = None
    final_url: str | None = None
    error: str | None = None


class FeedError(NamedTuple):
    """A feed that failed during a refresh, named with the reason."""

    url: str
    title: str | None
    message: str


class ArticleFilter(NamedTuple):
    """Which articles a list or count shows."""

    unread: bool = False
    saved: bool = False
    feed_id: int | None = None
    entity: str | None = None
    query: str | None = None


class Copy(NamedTuple):
    """Another feed's copy of the same story."""

    id: int
    feed_title: str
    title: str
    url: str | None


class Enrichment(NamedTuple):
    """An article's cleaned body and entities, and how they were obtained.

    status is "done" (the page or the feed's full text was cleaned), "fallback" (the feed's teaser,
    because the page could not be used; note says why) or "failed".
    """

    markdown: str
    paragraphs: list[str]
    entities: list[Entity]
    status: str
    note: str | None = None
