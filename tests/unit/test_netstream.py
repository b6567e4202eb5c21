"""The HTTP client runs httpcore on plain asyncio streams, and still behaves as httpx does."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest

from reader.client import get_capped, make_client
from reader.netstream import AsyncioBackend
from tests.feedserver import FeedServer


async def test_the_clients_pool_runs_on_the_asyncio_backend() -> None:
    # make_client swaps the pool inside httpx's transport; an httpx upgrade that moves it fails here.
    async with make_client() as client:
        transport = client._transport
        assert isinstance(transport, httpx.AsyncHTTPTransport)
        assert isinstance(transport._pool._network_backend, AsyncioBackend)


async def test_requests_reuse_the_connection_and_read_whole_bodies(feed_server: FeedServer) -> None:
    body = b"<rss>" + b"x" * 300_000 + b"</rss>"
    feed_server.route("/big.xml", body=body, content_type="application/rss+xml")
    async with make_client(timeout=2.0) as client:
        first = await get_capped(client, feed_server.url("/big.xml"))
        second = await get_capped(client, feed_server.url("/big.xml"))
    assert first.content == body and second.content == body and first.status == 200
    assert len({r.client_port for r in feed_server.requests_for("/big.xml")}) == 1


TLS = Path(__file__).resolve().parents[1] / "data" / "tls"  # a self-signed certificate for 127.0.0.1


def _server_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
    return context


async def test_https_works_over_the_asyncio_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import client as client_module

    trusting = ssl.create_default_context(cafile=str(TLS / "cert.pem"))
    monkeypatch.setattr(client_module, "_ssl_context", lambda: trusting)
    with FeedServer(tls=_server_context()) as server:
        server.route("/feed.xml", body=b"<rss>secure</rss>", content_type="application/rss+xml")
        async with make_client(timeout=2.0) as client:
            first = await get_capped(client, server.url("/feed.xml"))
            second = await get_capped(client, server.url("/feed.xml"))
    assert server.base_url.startswith("https://")
    assert first.content == second.content == b"<rss>secure</rss>"


async def test_an_untrusted_certificate_is_refused_with_a_clear_error() -> None:
    from reader.errors import FetchError

    with FeedServer(tls=_server_context()) as server:
        server.route("/feed.xml", body=b"<rss/>")
        async with make_client(timeout=2.0) as client:
            with pytest.raises(FetchError, match="could not connect: .*CERTIFICATE_VERIFY_FAILED"):
                await get_capped(client, server.url("/feed.xml"))


async def test_a_connection_the_server_closed_while_idle_is_not_reused(feed_server: FeedServer) -> None:
    import asyncio

    feed_server.route("/feed.xml", body=b"<rss>one</rss>", hang_up=True)
    async with make_client(timeout=2.0) as client:
        first = await get_capped(client, feed_server.url("/feed.xml"))
        await asyncio.sleep(0.2)  # the server has hung up by now
        second = await get_capped(client, feed_server.url("/feed.xml"))
    assert first.content == second.content == b"<rss>one</rss>"
    assert len({r.client_port for r in feed_server.requests_for("/feed.xml")}) == 2
