"""The poll client (reader.wire) against real servers on 127.0.0.1, down to the bytes they send.

The client blocks; where the server runs on the test's event loop, the client runs on a thread.
"""

from __future__ import annotations

import asyncio
import base64
import socket
import ssl
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from reader.client import get_capped_sync, make_poll_client
from reader.errors import DeadlineExceeded, FetchError
from reader.wire import WireClient, open_socket
from tests.feedserver import FeedServer

TLS = Path(__file__).resolve().parents[1] / "data" / "tls"  # a self-signed certificate for 127.0.0.1
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

# Given the request number on its connection (0, 1, ...) and the request head, what to send back
# (a list: pieces sent 0.2 s apart); None closes the connection without answering.
Answer = Callable[[int, bytes], bytes | list[bytes] | None]


class RawServer:
    """A loopback server that answers each request head with the bytes a test chooses."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.heads: list[bytes] = []
        self.connections = 0
        self.port = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            for number in range(100):
                head = await reader.readuntil(b"\r\n\r\n")
                self.heads.append(head)
                reply = self.answer(number, head)
                if reply is None:
                    break
                pieces = reply if isinstance(reply, list) else [reply]
                for index, piece in enumerate(pieces):
                    if index:
                        await asyncio.sleep(0.2)
                    writer.write(piece)
                    await writer.drain()
                reply = b"".join(pieces)
                if b"Connection: close" in reply or b"HTTP/1.0" in reply[:9]:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


MakeServer = Callable[[Answer], RawServer]


@pytest.fixture
async def raw() -> AsyncIterator[MakeServer]:
    """Start RawServers for a test and stop them after it."""
    servers: list[RawServer] = []

    def make(answer: Answer) -> RawServer:
        server = RawServer(answer)
        servers.append(server)
        return server

    yield make
    for server in servers:
        await server.stop()


async def test_requests_reuse_the_connection_and_read_whole_bodies(feed_server: FeedServer) -> None:
    body = b"<rss>" + b"x" * 300_000 + b"</rss>"
    feed_server.route("/big.xml", body=body, content_type="application/rss+xml")
    with make_poll_client(timeout=2.0) as client:
        first = await asyncio.to_thread(get_capped_sync, client, feed_server.url("/big.xml"))
        second = await asyncio.to_thread(get_capped_sync, client, feed_server.url("/big.xml"))
    assert first.content == body and second.content == body and first.status == 200
    assert first.headers["content-type"] == "application/rss+xml"
    assert len({r.client_port for r in feed_server.requests_for("/big.xml")}) == 1


def _server_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
    return context


async def test_https_with_a_trusted_certificate() -> None:
    trusting = ssl.create_default_context(cafile=str(TLS / "cert.pem"))
    with FeedServer(tls=_server_context()) as server:
        server.route("/feed.xml", body=b"<rss>secure</rss>", content_type="application/rss+xml")
        with WireClient(timeout=2.0, ssl_context=trusting) as client:
            first = await asyncio.to_thread(get_capped_sync, client, server.url("/feed.xml"))
            second = await asyncio.to_thread(get_capped_sync, client, server.url("/feed.xml"))
    assert server.base_url.startswith("https://")
    assert first.content == second.content == b"<rss>secure</rss>"
    assert len({r.client_port for r in server.requests_for("/feed.xml")}) == 1


async def test_an_untrusted_certificate_is_refused_with_a_clear_error() -> None:
    with FeedServer(tls=_server_context()) as server:
        server.route("/feed.xml", body=b"<rss/>")
        failed = pytest.raises(FetchError, match="could not connect: .*CERTIFICATE_VERIFY_FAILED")
        with make_poll_client(timeout=2.0) as client, failed:
            await asyncio.to_thread(get_capped_sync, client, server.url("/feed.xml"))


async def test_a_connection_the_server_closed_while_idle_is_not_reused(feed_server: FeedServer) -> None:
    feed_server.route("/feed.xml", body=b"<rss>one</rss>", hang_up=True)
    with make_poll_client(timeout=2.0) as client:
        first = await asyncio.to_thread(get_capped_sync, client, feed_server.url("/feed.xml"))
        await asyncio.sleep(0.2)  # the server has hung up by now
        second = await asyncio.to_thread(get_capped_sync, client, feed_server.url("/feed.xml"))
    assert first.content == second.content == b"<rss>one</rss>"
    assert len({r.client_port for r in feed_server.requests_for("/feed.xml")}) == 2


async def test_a_kept_alive_connection_dropped_unanswered_is_retried_once_anew(raw: MakeServer) -> None:
    # The server keeps the first connection open, then drops it when the second request arrives,
    # as a server whose keep-alive timer ran out at that moment does.
    server = await raw(lambda number, _head: OK if number == 0 else None).start()
    with WireClient(timeout=2.0) as client:
        first = await asyncio.to_thread(client.get, server.url(), {}, 1000)
        second = await asyncio.to_thread(client.get, server.url(), {}, 1000)
    assert first.content == second.content == b"ok"
    assert server.connections == 2


async def test_a_new_connection_dropped_unanswered_is_an_error(raw: MakeServer) -> None:
    server = await raw(lambda _number, _head: None).start()
    failed = pytest.raises(FetchError, match="the server closed the connection")
    with WireClient(timeout=2.0) as client, failed:
        await asyncio.to_thread(client.get, server.url(), {}, 1000)
    assert server.connections == 1


@pytest.mark.parametrize(
    ("reply", "content"),
    [
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", b"abcde"),
        (b"HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<rss>to the end</rss>", b"<rss>to the end</rss>"),
        (b"HTTP/1.1 100 Continue\r\n\r\n" + OK, b"ok"),
    ],
    ids=["chunked", "body-until-close", "interim-100"],
)
async def test_bodies_however_delimited(raw: MakeServer, reply: bytes, content: bytes) -> None:
    server = await raw(lambda _number, _head: reply).start()
    with WireClient(timeout=2.0) as client:
        response = await asyncio.to_thread(client.get, server.url(), {}, 1000)
    assert (response.status, response.content) == (200, content)


async def test_chunked_body_over_the_cap_is_refused(raw: MakeServer) -> None:
    chunk = b"x" * 4000
    reply = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + (b"fa0\r\n" + chunk + b"\r\n") * 5
    server = await raw(lambda _number, _head: reply + b"0\r\n\r\n").start()
    failed = pytest.raises(FetchError, match="response larger than 10000 bytes")
    with WireClient(timeout=2.0) as client, failed:
        await asyncio.to_thread(client.get, server.url(), {}, 10_000)


async def test_garbage_instead_of_http_is_a_bad_response(raw: MakeServer) -> None:
    server = await raw(lambda _number, _head: b"SSH-2.0-OpenSSH_9.2\r\n\r\n").start()
    with WireClient(timeout=2.0) as client, pytest.raises(FetchError, match="bad HTTP response"):
        await asyncio.to_thread(client.get, server.url(), {}, 1000)


async def test_a_server_that_stops_mid_body_times_out(raw: MakeServer) -> None:
    stalled = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"
    server = await raw(lambda _number, _head: stalled).start()
    with WireClient(timeout=0.3) as client, pytest.raises(FetchError, match=r"timed out after 0\.3 s"):
        await asyncio.to_thread(client.get, server.url(), {}, 1000)


async def test_a_body_that_trickles_in_faster_than_the_timeout_is_read_whole(raw: MakeServer) -> None:
    # Each silence (0.2 s) is under the read timeout (0.3 s); the whole takes longer than one timeout.
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n"
    server = await raw(lambda _number, _head: [head + b"ab", b"cd", b"ef"]).start()
    with WireClient(timeout=0.3) as client:
        first = await asyncio.to_thread(client.get, server.url(), {}, 1000)
        second = await asyncio.to_thread(
            client.get, server.url(), {}, 1000
        )  # the same connection, timed anew
    assert first.content == second.content == b"abcdef" and server.connections == 1


async def test_request_head_carries_host_credentials_and_an_encoded_target(raw: MakeServer) -> None:
    server = await raw(lambda _number, _head: OK).start()
    url = f"http://reader:s%3Acret@127.0.0.1:{server.port}/news feed/caf\u00e9.xml?q=a b"
    with WireClient(timeout=2.0, headers={"User-Agent": "test/1"}) as client:
        await asyncio.to_thread(client.get, url, {"If-None-Match": '"v1"'}, 1000)
    head = server.heads[0].decode("latin-1")
    lines = head.split("\r\n")
    assert lines[0] == "GET /news%20feed/caf%C3%A9.xml?q=a%20b HTTP/1.1"
    assert f"Host: 127.0.0.1:{server.port}" in lines
    assert "Authorization: Basic " + base64.b64encode(b"reader:s:cret").decode() in lines
    assert 'If-None-Match: "v1"' in lines and "User-Agent: test/1" in lines


async def test_a_header_value_with_a_line_break_is_refused_unsent(raw: MakeServer) -> None:
    server = await raw(lambda _number, _head: OK).start()
    with WireClient(timeout=2.0) as client, pytest.raises(FetchError, match="invalid header value"):
        await asyncio.to_thread(client.get, server.url(), {"If-None-Match": '"x"\r\nX-Injected: 1'}, 1000)
    assert server.heads == []


async def test_a_body_that_trickles_in_past_the_deadline_is_abandoned(raw: MakeServer) -> None:
    # Every silence is shorter than the read timeout, but the whole exchange passes its deadline.
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
    server = await raw(lambda _number, _head: [head, *[b"x"] * 20]).start()
    with WireClient(timeout=0.3) as client:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            await asyncio.to_thread(client.get, server.url(), {}, 1000, time.monotonic() + 0.7)
    assert 0.6 < time.monotonic() - started < 1.5


async def test_an_idle_connection_with_unasked_for_bytes_is_not_reused(raw: MakeServer) -> None:
    # The first answer carries a stray second response; whatever it is, it must not answer request two.
    stray = OK + b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray"
    server = await raw(lambda number, _head: stray if number == 0 else OK).start()
    with WireClient(timeout=2.0) as client:
        first = await asyncio.to_thread(client.get, server.url(), {}, 1000)
        await asyncio.sleep(0.1)
        second = await asyncio.to_thread(client.get, server.url(), {}, 1000)
    assert first.content == second.content == b"ok"
    assert server.connections == 2


def test_connecting_falls_back_to_the_next_address(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two addresses, the first refusing: the connection is made to the second (happy eyeballs).
    with socket.socket() as listener, socket.socket() as closed:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections to it are refused
        refused, good = closed.getsockname(), listener.getsockname()

        def two_addresses(host: object, port: object, *args: object, **kwargs: object) -> list[object]:
            stream = (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "")
            return [(*stream, refused), (*stream, good)]

        monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
        with open_socket("example.invalid", 80, 2.0) as sock:
            assert sock.getpeername() == good


def test_connecting_to_addresses_that_all_refuse_names_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as one, socket.socket() as two:
        one.bind(("127.0.0.1", 0))
        two.bind(("127.0.0.1", 0))
        stream = (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "")
        addresses = [(*stream, one.getsockname()), (*stream, two.getsockname())]
        monkeypatch.setattr(socket, "getaddrinfo", lambda *_args, **_kwargs: addresses)
        with (
            WireClient(timeout=2.0) as client,
            pytest.raises(FetchError, match="could not connect: .*refused"),
        ):
            client.get("http://example.invalid/feed.xml", {}, 1000)
