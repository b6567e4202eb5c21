"""Feed discovery: whether an address is a feed, or a page whose <link rel="alternate"> name feeds."""

from __future__ import annotations

import asyncio
import codecs
import re
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

import httpx

from reader.client import get_capped, http_status_message
from reader.errors import FetchError
from reader.parsing import parse_feed
from reader.poller import FEED_ACCEPT

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)

_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

FeedLink = tuple[str, str | None]


class DiscoveryResult(NamedTuple):
    """What an address turned out to be.

    kind is "feed" (the address is a feed: feeds holds it alone, with its title), "page" (an HTML
    page: feeds holds its feed links in document order, maybe none) or "unknown" (neither a feed
    nor HTML; reason says why it did not parse as a feed).
    """

    url: str
    kind: str
    feeds: tuple[FeedLink, ...] = ()
    reason: str | None = None


def feed_links(html: str, base_url: str) -> list[FeedLink]:
    """The (absolute URL, title) of each feed a page names in <link rel="alternate">, deduplicated."""
    root = _parse_html(html)
    if root is None:
        return []
    base = _base_of(root, base_url)
    found: list[FeedLink] = []
    seen: set[str] = set()
    for link in root.iter("link"):
        url = _feed_url(link, base)
        if url is None or url in seen:
            continue
        seen.add(url)
        title = " ".join((link.get("title") or "").split()) or None
        found.append((url, title))
    return found


def _parse_html(html: str) -> Any:
    """The root element of an HTML document (lenient), or None when there is nothing to read."""
    from lxml import etree

    if not html.strip():
        return None
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    try:
        return etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _base_of(root: Any, base_url: str) -> str:
    """The URL relative links resolve against: the page's first <base href>, else base_url."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return _join(base_url, href) or base_url
    return base_url


def _feed_url(link: Any, base: str) -> str | None:
    """The absolute http(s) URL of a <link> naming a feed, or None for any other link."""
    rels = (link.get("rel") or "").lower().split()
    mime = (link.get("type") or "").split(";")[0].strip().lower()
    href = (link.get("href") or "").strip()
    if "alternate" not in rels or mime not in FEED_TYPES or not href:
        return None
    if mime == "application/json" and ("/wp-json/" in href or "oembed" in href.lower()):
        return None  # WordPress names its REST API and oEmbed this way; they are not JSON Feeds
    return _join(base, href)


def _join(base: str, href: str) -> str | None:
    """href resolved against base, if the result is an http(s) URL with a host and no controls."""
    href = _TAB_OR_NEWLINE.sub("", href).replace(" ", "%20")  # as browsers read an href
    if _CONTROL.search(href):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host, say
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


async def discover(client: httpx.AsyncClient, url: str) -> DiscoveryResult:
    """Fetch url and say whether it is a feed or a page linking to feeds; raises FetchError only."""
    response = await get_capped(client, url, headers={"Accept": FEED_ACCEPT})
    if not 200 <= response.status < 300:
        raise FetchError(http_status_message(response.status))
    content_type = response.headers.get("content-type")
    try:
        title, _, _ = await asyncio.to_thread(parse_feed, response.content, response.url, content_type)
    except Exception as error:  # FetchError says why; anything else is the parser's, not the user's
        if not _is_html(response.content, content_type):
            reason = str(error) if isinstance(error, FetchError) else f"unreadable: {type(error).__name__}"
            return DiscoveryResult(url, "unknown", reason=reason)
        text = response.content.decode(_charset(content_type), "replace")
        return DiscoveryResult(url, "page", tuple(feed_links(text, response.url)))
    return DiscoveryResult(url, "feed", ((url, title),))


def _is_html(body: bytes, content_type: str | None) -> bool:
    """Whether a response is an HTML page, by its type or its first bytes."""
    mime = (content_type or "").split(";")[0].strip().lower()
    return mime in _HTML_TYPES or bool(_HTML_START.match(body.lstrip(b"\xef\xbb\xbf")[:4096]))


def _charset(content_type: str | None) -> str:
    """The charset a Content-Type names, if Python knows it; else UTF-8."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            name = value.strip().strip("\"'")
            try:
                return codecs.lookup(name).name
            except LookupError:
                break
    return "utf-8"
