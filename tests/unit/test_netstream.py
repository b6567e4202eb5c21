"""The HTTP client runs httpcore on plain asyncio streams, and still behaves as httpx does."""

from __future__ import annotations

import httpx

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
