"""Any feed document to entries: JSON Feed, then the fast RSS and Atom paths, then feedparser."""

from __future__ import annotations

import re

from reader.errors import FetchError
from reader.models import FeedEntry
from reader.parsing.atom import atom_fast
from reader.parsing.common import ParsedFeed
from reader.parsing.generic import parse_with_feedparser
from reader.parsing.jsonfeed import parse_json_feed
from reader.parsing.rss import rss_fast

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def parse_feed(
    data: bytes, url: str, content_type: str | None = None
) -> tuple[str | None, str | None, list[FeedEntry]]:
    """Feed title, site link, entries. Raises FetchError('not a feed: ...' / 'malformed feed: ...')."""
    return parse_feed_details(data, url, content_type).as_tuple()


def parse_feed_details(data: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The feed with its <ttl>/<skipHours>/<skipDays> hints; raises FetchError as parse_feed does."""
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if _looks_like_json(body, content_type):
        return ParsedFeed(*parse_json_feed(body))
    if _HTML_START.match(body[:4096]):
        raise FetchError("not a feed: HTML page")
    fast = rss_fast(body, content_type) or atom_fast(body, content_type)
    return fast if fast is not None else parse_with_feedparser(body, url, content_type)


def _looks_like_json(body: bytes, content_type: str | None) -> bool:
    """Whether the body should be read as JSON (by type, or by a leading brace)."""
    if body.startswith((b"{", b"[")):
        return True
    mime = (content_type or "").split(";")[0].strip().lower()
    return mime.endswith("json") and not body.startswith(b"<")
