"""Feed documents (RSS, Atom, JSON Feed) as entries; feedparser is the reference, lxml the fast path."""

from reader.parsing.common import ParsedFeed, parse_ttl
from reader.parsing.feed import parse_feed, parse_feed_details

__all__ = ["ParsedFeed", "parse_feed", "parse_feed_details", "parse_ttl"]
