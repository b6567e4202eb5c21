"""Feed discovery: <link rel="alternate"> on HTML strings, and discover() against a local server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from reader.client import make_client
from reader.discovery import DiscoveryResult, discover, feed_links
from reader.errors import FetchError
from tests.feedserver import FeedServer

BASE = "https://site.example/blog/post.html"


def page(head: str) -> str:
    return f"<!doctype html><html><head><title>Blog</title>{head}</head><body><p>Hi</p></body></html>"


# --- feed_links --------------------------------------------------------------------------------------


def test_relative_urls_resolved_against_the_page() -> None:
    html = page(
        '<link rel="alternate" type="application/rss+xml" href="feed.xml">'
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
        '<link rel="alternate" type="application/feed+json" href="//cdn.example/f.json">'
    )
    assert feed_links(html, BASE) == [
        ("https://site.example/blog/feed.xml", None),
        ("https://site.example/atom.xml", None),
        ("https://cdn.example/f.json", None),
    ]


def test_several_links_in_document_order_with_titles() -> None:
    html = page(
        '<link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom">'
        '<link rel="stylesheet" href="/s.css">'
        '<link rel="alternate" type="application/rss+xml" title="  Posts\n &raquo; All " href="/posts.rss">'
        '<link rel="alternate" type="application/json" title="JSON" href="/feed.json">'
    )
    assert feed_links(html, BASE) == [
        ("https://site.example/comments.atom", "Comments"),
        ("https://site.example/posts.rss", "Posts » All"),
        ("https://site.example/feed.json", "JSON"),
    ]


def test_wrong_types_and_rels_ignored() -> None:
    html = page(
        '<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">'
        '<link rel="alternate" href="/no-type.xml">'
        '<link rel="stylesheet" type="application/rss+xml" href="/not-alternate.xml">'
        '<link rel="alternate" type="application/rss+xml">'
        '<link rel="alternate" type="application/rss+xml" href="  ">'
        '<link rel="alternate" type="application/xml" href="/plain.xml">'
        '<a rel="alternate" type="application/rss+xml" href="/anchor.xml">feed</a>'
        '<link rel="alternate" type="application/rss+xml" href="mailto:me@site.example">'
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        '<link rel="alternate" type="application/rss+xml" href="ftp://site.example/f.xml">'
    )
    assert feed_links(html, BASE) == []


def test_rel_and_type_read_loosely() -> None:
    html = page(
        '<LINK REL="Alternate Home" TYPE="Application/RSS+XML; charset=utf-8" HREF="/a.xml">'
        "<link rel='alternate' type='application/atom+xml' href='/b.xml'/>"
    )
    assert feed_links(html, BASE) == [
        ("https://site.example/a.xml", None),
        ("https://site.example/b.xml", None),
    ]


def test_duplicates_removed_keeping_the_first() -> None:
    html = page(
        '<link rel="alternate" type="application/rss+xml" title="One" href="/feed">'
        '<link rel="alternate" type="application/atom+xml" title="Two" href="https://site.example/feed">'
        '<link rel="alternate" type="application/rss+xml" title="Three" href="/other">'
    )
    assert feed_links(html, BASE) == [
        ("https://site.example/feed", "One"),
        ("https://site.example/other", "Three"),
    ]


def test_base_element_changes_the_base() -> None:
    html = page(
        '<base href="https://static.example/x/"><link rel="alternate" type="application/rss+xml" href="f">'
    )
    assert feed_links(html, BASE) == [("https://static.example/x/f", None)]


def test_links_in_the_body_and_entities_in_hrefs() -> None:
    html = (
        "<html><body><p>text</p>"
        '<link rel="alternate" type="application/rss+xml" href="/feed?a=1&amp;b=2"></body></html>'
    )
    assert feed_links(html, BASE) == [("https://site.example/feed?a=1&b=2", None)]


def test_whitespace_and_controls_in_hrefs() -> None:
    html = page(
        '<link rel="alternate" type="application/rss+xml" href="/my\nfeed .xml">'
        '<link rel="alternate" type="application/rss+xml" href="/bad\x1b[31m.xml">'
    )
    assert feed_links(html, BASE) == [("https://site.example/myfeed%20.xml", None)]


def test_links_in_comments_ignored() -> None:
    html = page('<!-- <link rel="alternate" type="application/rss+xml" href="/old.xml"> -->')
    assert feed_links(html, BASE) == []


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   \n",
        "not html at all",
        "<<<>>>",
        "\x00\x01\x02",
        "<link rel=alternate type=application/rss+xml href=/unquoted.xml",
        '<?xml version="1.0" encoding="ISO-8859-1"?><html><head></head></html>',
        '<html><head><link rel="alternate" type="application/rss+xml" href="http://[::1"></head></html>',
        "\ud800 lone surrogate",
        "<" * 10000,
    ],
)
def test_junk_html_never_raises(junk: str) -> None:
    assert isinstance(feed_links(junk, BASE), list)


def test_unquoted_attributes_still_found() -> None:
    html = "<html><head><link rel=alternate type=application/rss+xml href=/unquoted.xml></head></html>"
    assert feed_links(html, BASE) == [("https://site.example/unquoted.xml", None)]


# --- discover, over HTTP -----------------------------------------------------------------------------

RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Site Feed</title>'
    "<link>https://site.example/</link><item><title>One</title><link>https://site.example/1</link>"
    "</item></channel></rss>"
)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """A reader client with a short timeout."""
    async with make_client(timeout=0.5) as client:
        yield client


async def test_a_feed_is_its_own_feed(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/feed.xml", body=RSS, content_type="application/rss+xml")
    url = feed_server.url("/feed.xml")
    assert await discover(client, url) == DiscoveryResult(url, "feed", ((url, "Site Feed"),))
    assert "application/rss+xml" in feed_server.last_request("/feed.xml").headers["accept"]


async def test_a_page_gives_its_links(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    html = page(
        '<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">'
        '<link rel="alternate" type="application/atom+xml" href="comments.atom">'
    )
    feed_server.route("/blog/", body=html, content_type="text/html; charset=utf-8")
    found = await discover(client, feed_server.url("/blog/"))
    assert found.kind == "page"
    assert found.feeds == (
        (feed_server.url("/feed.xml"), "Posts"),
        (feed_server.url("/blog/comments.atom"), None),
    )


async def test_links_resolve_against_the_redirected_page(
    client: httpx.AsyncClient, feed_server: FeedServer
) -> None:
    feed_server.route("/old", status=301, headers={"Location": "/new/"})
    feed_server.route("/new/", body=page('<link rel="alternate" type="application/rss+xml" href="f.xml">'))
    found = await discover(client, feed_server.url("/old"))
    assert found.url == feed_server.url("/old") and found.feeds == ((feed_server.url("/new/f.xml"), None),)


async def test_a_page_without_links(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/plain", body=page(""), content_type="text/html")
    assert await discover(client, feed_server.url("/plain")) == DiscoveryResult(
        feed_server.url("/plain"), "page", ()
    )


async def test_page_charset_from_the_header(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    html = page('<link rel="alternate" type="application/rss+xml" title="Caf\u00e9" href="/f.xml">')
    feed_server.route("/latin", body=html.encode("latin-1"), content_type="text/html; charset=ISO-8859-1")
    found = await discover(client, feed_server.url("/latin"))
    assert found.feeds == ((feed_server.url("/f.xml"), "Caf\u00e9"),)


async def test_neither_feed_nor_page(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/bad.xml", body="<rss><channel><title>Half", content_type="application/rss+xml")
    found = await discover(client, feed_server.url("/bad.xml"))
    assert found.kind == "unknown" and found.feeds == () and found.reason


async def test_http_errors_become_fetch_errors(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        await discover(client, feed_server.url("/missing"))


async def test_unreachable_becomes_a_fetch_error(client: httpx.AsyncClient) -> None:
    with pytest.raises(FetchError, match="could not connect"):
        await discover(client, "http://127.0.0.1:9/")


def test_wordpress_rest_api_links_are_not_taken_for_json_feeds() -> None:
    page = """<html><head>
    <link rel="alternate" type="application/json" href="https://blog.example/wp-json/wp/v2/posts/7">
    <link rel="alternate" type="application/json+oembed" href="https://blog.example/wp-json/oembed/1.0/embed">
    <link rel="alternate" type="application/rss+xml" href="https://blog.example/feed/">
    </head></html>"""
    assert feed_links(page, "https://blog.example/post") == [("https://blog.example/feed/", None)]
