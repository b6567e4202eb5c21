"""Article page fetching against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from reader.client import make_client
from reader.fetch import decode_page, fetch_page
from tests.feedserver import FeedServer

PAGE = "<html><head><title>Caf\u00e9</title></head><body><p>\u201cQuoted\u201d \u20ac5 na\u00efve</p></body>"


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """A reader client with a short timeout."""
    async with make_client(timeout=0.5) as client:
        yield client


async def test_page_fetched_utf8(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/a", body=PAGE.encode("utf-8"), content_type="text/html; charset=utf-8")
    result = await fetch_page(client, feed_server.url("/a"))
    assert (result.html, result.status, result.error) == (PAGE, 200, None)
    assert result.final_url == feed_server.url("/a")


async def test_charset_from_content_type_latin1(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    text = "<p>Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu</p>"
    feed_server.route("/l1", body=text.encode("iso-8859-1"), content_type="text/html; charset=ISO-8859-1")
    result = await fetch_page(client, feed_server.url("/l1"))
    assert result.html == text


async def test_charset_from_meta_windows_1252(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body>\u201cQuoted\u201d \u20ac5</body></html>'
    feed_server.route("/w", body=page.encode("cp1252"), content_type="text/html")
    result = await fetch_page(client, feed_server.url("/w"))
    assert result.html == page


def test_latin1_label_read_as_windows_1252() -> None:
    assert decode_page("\u201cx\u201d".encode("cp1252"), "text/html; charset=iso-8859-1") == "\u201cx\u201d"


def test_meta_http_equiv_charset() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\u00e9</p>'
    assert decode_page(page.encode("latin-1")) == page


def test_undeclared_falls_back_to_utf8_with_replacement() -> None:
    assert decode_page(b"<p>ok \xff</p>", "text/html") == "<p>ok \ufffd</p>"
    assert decode_page(b"<p>\xc3\xa9</p>", "text/html; charset=bogus-charset") == "<p>\u00e9</p>"


async def test_plain_text_page(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/t", body="just text", content_type="text/plain")
    assert (await fetch_page(client, feed_server.url("/t"))).html == "just text"


async def test_403_is_paywall_error(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/pay", status=403, body="<p>subscribe</p>", content_type="text/html")
    result = await fetch_page(client, feed_server.url("/pay"))
    assert (result.html, result.status) == (None, 403)
    assert result.error == "HTTP 403 Forbidden (paywall or blocked)"


async def test_404_is_error(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    result = await fetch_page(client, feed_server.url("/nope"))
    assert (result.html, result.error) == (None, "HTTP 404 Not Found")


async def test_non_html_refused(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/pdf", body=b"%PDF-1.7", content_type="application/pdf")
    result = await fetch_page(client, feed_server.url("/pdf"))
    assert (result.html, result.error) == (None, "not a web page: application/pdf")


async def test_redirect_followed_and_final_url(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/short", status=302, headers={"Location": "/long"})
    feed_server.route("/long", body="<p>here</p>", content_type="text/html")
    result = await fetch_page(client, feed_server.url("/short"))
    assert result.html == "<p>here</p>" and result.final_url == feed_server.url("/long")
    assert result.url == feed_server.url("/short")


async def test_timeout_and_bad_scheme_never_raise(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    feed_server.route("/slow", body="late", delay=3)
    slow = await fetch_page(client, feed_server.url("/slow"))
    assert (slow.html, slow.error) == (None, "timed out after 0.5 s")
    ftp = await fetch_page(client, "ftp://example.org/x")
    assert ftp.error == "unsupported URL scheme 'ftp'"
    junk = await fetch_page(client, "http://")
    assert junk.html is None and junk.error
