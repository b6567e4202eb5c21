"""A lean HTTP/1.1 client for polling: keep-alive connections per origin, parsed by httptools.

A refresh sends hundreds of small conditional GETs, most answered 304 with no body; httpx's layers
cost more CPU per request than the request takes on the network, and more memory and start-up than
the whole poll needs. This client does only what a poll needs: GET over TCP or TLS, keep-alive,
connect and read timeouts, and a decoded-size cap enforced as the bytes arrive. Responses are parsed
by httptools (llhttp, in C). Redirects, the headers to send and what statuses mean stay with the
caller (reader.client), which runs httpx and this client through the same rules.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

import httptools

from reader.decoding import CappedBody
from reader.errors import FetchError

# An idle connection older than this is closed rather than reused (httpx's default keep-alive expiry).
IDLE_SECONDS = 5.0
# Characters kept as they are in a request target: RFC 3986's reserved and unreserved ones, and "%".
_TARGET_SAFE = "/%:@!$&'()*+,;=-._~?"


@dataclass(frozen=True)
class WireResponse:
    """One final response: status, header fields (lower-case names) and the decoded body."""

    status: int
    headers: Mapping[str, str]
    content: bytes


class Origin(NamedTuple):
    """Where a connection goes: connections are reused only for the same origin."""

    scheme: str
    host: str
    port: int


@dataclass(frozen=True)
class _Target:
    """A URL split into what the connection and the request line need."""

    origin: Origin
    host_header: str
    path: str
    authorization: str | None


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """One TLS context, with certifi's CA bundle as httpx uses (loading it costs ~25 ms)."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class _Unanswered(FetchError):
    """The connection closed before any byte of a response came back."""


class _Connection(asyncio.Protocol):
    """One TCP or TLS connection carrying one exchange at a time."""

    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[WireResponse] | None = None
        self._timer: asyncio.TimerHandle | None = None  # the read timeout's next look
        self.closed = False
        self.reusable = False
        self.idle_since = 0.0
        self._reset(1)

    def _reset(self, max_bytes: int) -> None:
        """Forget the last exchange."""
        self._max_bytes = max_bytes
        self._status = 0
        self._fields: list[tuple[bytes, bytes]] = []
        self._headers: dict[str, str] = {}
        self._body: CappedBody | None = None
        self._heard = False
        self._until_close = False
        self._last_heard = 0.0

    async def exchange(self, head: bytes, max_bytes: int, timeout: float) -> WireResponse:
        """Send one request head and wait for its whole response."""
        loop = asyncio.get_running_loop()
        self._reset(max_bytes)
        self.reusable = False
        self._waiter = loop.create_future()
        assert self._transport is not None
        self._transport.write(head)
        self._last_heard = loop.time()
        if timeout:
            self._timer = loop.call_later(timeout, self._check_silence, timeout)
        try:
            return await self._waiter
        finally:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._waiter = None

    def close(self) -> None:
        """Close the connection; it is not used again."""
        self.closed = True
        self.reusable = False
        if self._transport is not None:
            self._transport.close()

    def _fail(self, error: FetchError) -> None:
        """End the exchange with error and drop the connection."""
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(error)
        self.closed = True
        if self._transport is not None:
            self._transport.abort()

    def _check_silence(self, timeout: float) -> None:
        """The read timeout: fail when nothing arrived for timeout seconds, else look again later."""
        if self._waiter is None or self._waiter.done():
            return
        loop = asyncio.get_running_loop()
        silent = loop.time() - self._last_heard
        if silent >= timeout:
            self._fail(FetchError(f"timed out after {timeout:g} s"))
        else:
            self._timer = loop.call_later(timeout - silent, self._check_silence, timeout)

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        if self._waiter is None or self._waiter.done():
            self.close()  # bytes nobody asked for: the connection can no longer be trusted
            return
        self._heard = True
        self._last_heard = asyncio.get_running_loop().time()
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserCallbackError as error:
            cause = error.__context__
            self._fail(cause if isinstance(cause, FetchError) else FetchError(f"bad HTTP response: {cause}"))
        except httptools.HttpParserError as error:
            self._fail(FetchError(f"bad HTTP response: {error}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.reusable = False
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        if self._until_close and self._status >= 200:
            waiter.set_result(self._response())  # a body delimited by the end of the connection
        elif not self._heard:
            reason = f": {exc}" if exc else ""
            waiter.set_exception(_Unanswered(f"network error: the server closed the connection{reason}"))
        else:
            waiter.set_exception(FetchError("bad HTTP response: the connection closed mid-response"))

    # httptools callbacks

    def on_message_begin(self) -> None:
        self._fields = []

    def on_header(self, name: bytes, value: bytes) -> None:
        self._fields.append((name, value))

    def on_headers_complete(self) -> None:
        self._status = self._parser.get_status_code()
        if self._status < 200:
            return  # an interim response (100 Continue): the real one follows
        headers: dict[str, str] = {}
        for raw_name, raw_value in self._fields:
            name = raw_name.decode("latin-1").lower()
            value = raw_value.decode("latin-1").strip()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        self._headers = headers
        self._body = CappedBody(headers, self._max_bytes)
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        self._until_close = not headers.get("content-length") and not chunked

    def on_body(self, body: bytes) -> None:
        if self._body is not None:
            self._body.feed(body)

    def on_message_complete(self) -> None:
        if self._status < 200 or self._waiter is None or self._waiter.done():
            return
        self.reusable = self._parser.should_keep_alive()
        self._waiter.set_result(self._response())

    def _response(self) -> WireResponse:
        """The response read, the connection keeping none of it (an idle one could hold a body)."""
        response = WireResponse(self._status, self._headers, self._body.content() if self._body else b"")
        self._body = None
        self._fields = []
        return response


class WireClient:
    """Connection pools per origin, at most `connections` connections open at once."""

    def __init__(
        self,
        *,
        connections: int = 32,
        timeout: float = 15.0,
        headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """timeout bounds the connect and each silence while reading (0: none)."""
        self.timeout = timeout
        self._headers = dict(headers or {})
        self._ssl_context = ssl_context
        self._connections = max(1, connections)
        self._slots = asyncio.Semaphore(self._connections)
        self._idle: dict[Origin, list[_Connection]] = {}

    async def __aenter__(self) -> WireClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close every idle connection."""
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    async def get(self, url: str, headers: Mapping[str, str], max_bytes: int) -> WireResponse:
        """GET url once (no redirects followed); raises FetchError only."""
        target = _split(url)
        head = _request_head(target, {**self._headers, **headers})
        async with self._slots:
            for attempt in range(2):
                connection, reused = await self._checkout(target.origin)
                try:
                    return await connection.exchange(head, max_bytes, self.timeout)
                except _Unanswered:
                    # A kept-alive connection the server had closed: GET is safe to send again, once.
                    if not (reused and attempt == 0):
                        raise
                finally:
                    self._checkin(target.origin, connection)
        raise AssertionError("unreachable")

    async def _checkout(self, origin: Origin) -> tuple[_Connection, bool]:
        """An idle connection to origin if one is fit for use, else a new one; and whether reused."""
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            if not connection.closed and now - connection.idle_since < IDLE_SECONDS:
                return connection, True
            connection.close()
        return await self._connect(origin), False

    def _checkin(self, origin: Origin, connection: _Connection) -> None:
        """Keep connection for reuse if its last exchange ended cleanly, else close it."""
        idle = self._idle.setdefault(origin, [])
        if connection.reusable and not connection.closed and len(idle) < self._connections:
            connection.idle_since = time.monotonic()
            idle.append(connection)
        else:
            connection.close()

    async def _connect(self, origin: Origin) -> _Connection:
        """Open a connection to origin within the timeout."""
        loop = asyncio.get_running_loop()
        secure = origin.scheme == "https"
        context = (self._ssl_context or default_ssl_context()) if secure else None
        try:
            async with asyncio.timeout(self.timeout or None):
                # Happy eyeballs (RFC 8305): a host whose IPv6 address does not answer is not a timeout.
                _transport, connection = await loop.create_connection(
                    _Connection,
                    origin.host,
                    origin.port,
                    ssl=context,
                    server_hostname=origin.host if secure else None,
                    happy_eyeballs_delay=0.25,
                )
        except TimeoutError as error:
            raise FetchError(f"timed out after {self.timeout:g} s") from error
        except ssl.SSLError as error:
            raise FetchError(f"could not connect: {error}") from error
        except OSError as error:
            raise FetchError(f"could not connect: {error.strerror or error}") from error
        return connection


def _split(url: str) -> _Target:
    """The origin, Host header, request target and credentials of an http(s) URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname or ""
    except ValueError as error:
        raise FetchError(f"invalid URL: {error}") from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise FetchError(f"invalid URL: {url}")
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise FetchError(f"invalid URL: bad host name '{host}'") from error
    default_port = 443 if scheme == "https" else 80
    shown = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    host_header = shown if port in (None, default_port) else f"{shown}:{port}"
    path = quote(parts.path or "/", safe=_TARGET_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_TARGET_SAFE)
    authorization = None
    if parts.username is not None:
        credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        authorization = "Basic " + base64.b64encode(credentials).decode("ascii")
    return _Target(Origin(scheme, ascii_host, port or default_port), host_header, path, authorization)


def _request_head(target: _Target, headers: Mapping[str, str]) -> bytes:
    """The bytes of a GET request's head."""
    lines = [f"GET {target.path} HTTP/1.1", f"Host: {target.host_header}"]
    if target.authorization:
        lines.append(f"Authorization: {target.authorization}")
    for name, value in headers.items():
        if "\r" in value or "\n" in value or "\r" in name or "\n" in name:
            raise FetchError(f"invalid header value for {name}")
        lines.append(f"{name}: {value}")
    try:
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    except UnicodeEncodeError as error:
        raise FetchError(f"header not encodable: {error}") from error
