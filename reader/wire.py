"""A lean, blocking HTTP/1.1 client for polling: keep-alive connections per origin, parsed by httptools.

A refresh sends hundreds of small conditional GETs, most answered 304 with no body; httpx's layers
cost more CPU per request than the request takes on the network, and asyncio alone costs a warm
refresh a tenth of its time in start-up. This client does only what a poll needs, on plain sockets,
safe to share between the poll threads: GET over TCP or TLS, keep-alive, connect and read timeouts,
a deadline for the whole exchange, and a decoded-size cap enforced as the bytes arrive. Responses are
parsed by httptools (llhttp, in C). Redirects, the headers to send and what statuses mean stay with
the caller (reader.client), which runs httpx and this client through the same rules.
"""

from __future__ import annotations

import errno
import functools
import os
import select
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, unquote, urlsplit

import httptools

from reader.decoding import CappedBody
from reader.errors import DeadlineExceeded, FetchError

if TYPE_CHECKING:
    import ssl

# An idle connection older than this is closed rather than reused (httpx's default keep-alive expiry).
IDLE_SECONDS = 5.0
# Happy eyeballs (RFC 8305): the next address is tried when the last has not answered in this long.
CONNECT_STAGGER = 0.25
# Characters kept as they are in a request target: RFC 3986's reserved and unreserved ones, and "%".
_TARGET_SAFE = "/%:@!$&'()*+,;=-._~?"
_RECV_BYTES = 256 * 1024


class WireResponse(NamedTuple):
    """One final response: status, header fields (lower-case names) and the decoded body."""

    status: int
    headers: Mapping[str, str]
    content: bytes


class Origin(NamedTuple):
    """Where a connection goes: connections are reused only for the same origin."""

    scheme: str
    host: str
    port: int


class _Target(NamedTuple):
    """A URL split into what the connection and the request line need."""

    origin: Origin
    host_header: str
    path: str
    authorization: str | None


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """One TLS context, with certifi's CA bundle as httpx uses (loading it costs ~25 ms)."""
    import ssl

    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class _Unanswered(FetchError):
    """The connection closed before any byte of a response came back."""


def _wait(timeout: float, deadline: float | None) -> float | None:
    """How long the next socket operation may block: the timeout, cut short by the deadline."""
    if deadline is None:
        return timeout or None
    left = deadline - time.monotonic()
    if left <= 0:
        raise DeadlineExceeded("timed out")
    return min(timeout, left) if timeout else left


def _timed_out(timeout: float, deadline: float | None) -> FetchError:
    """The error for a socket operation that timed out: the deadline's, else the read timeout's."""
    if deadline is not None and time.monotonic() >= deadline:
        return DeadlineExceeded("timed out")
    return FetchError(f"timed out after {timeout:g} s")


class _Connection:
    """One TCP or TLS connection carrying one exchange at a time, on the thread that holds it."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._parser = httptools.HttpResponseParser(self)
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
        self._complete = False
        self._keep_alive = False
        self._stray = False

    def exchange(self, head: bytes, max_bytes: int, timeout: float, deadline: float | None) -> WireResponse:
        """Send one request head and read its whole response; the connection is closed on any error."""
        self._reset(max_bytes)
        self.reusable = False
        try:
            self._send(head, timeout, deadline)
            while not self._complete:
                self._sock.settimeout(_wait(timeout, deadline))
                try:
                    data = self._sock.recv(_RECV_BYTES)
                except TimeoutError:
                    raise _timed_out(timeout, deadline) from None
                except ConnectionError as error:
                    return self._ended(error)
                except OSError as error:
                    raise FetchError(f"network error: {error.strerror or error}") from error
                if not data:
                    return self._ended(None)
                self._heard = True
                self._feed(data)
        except BaseException:
            self.close()
            raise
        self.reusable = self._keep_alive and not self._stray
        return self._response()

    def _send(self, head: bytes, timeout: float, deadline: float | None) -> None:
        """Write the request head; a kept-alive connection the server dropped is _Unanswered."""
        self._sock.settimeout(_wait(timeout, deadline))
        try:
            self._sock.sendall(head)
        except TimeoutError:
            raise _timed_out(timeout, deadline) from None
        except OSError as error:
            raise _Unanswered(f"network error: {error.strerror or error}") from error

    def _feed(self, data: bytes) -> None:
        """Parse the next bytes; FetchError for a bad response or a body over the cap."""
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            if self._complete:  # garbage after a whole response: the response stands
                self._stray = True
                return
            # A callback's own error (the size cap, say) comes wrapped in HttpParserCallbackError.
            cause = error.__context__ if isinstance(error, httptools.HttpParserCallbackError) else error
            if isinstance(cause, FetchError):
                raise cause from None
            raise FetchError(f"bad HTTP response: {cause}") from None

    def _ended(self, error: OSError | None) -> WireResponse:
        """The server closed the connection before the response was complete."""
        self.close()
        if self._until_close and self._status >= 200:
            return self._response()  # a body delimited by the end of the connection
        if not self._heard:
            reason = f": {error}" if error else ""
            raise _Unanswered(f"network error: the server closed the connection{reason}")
        raise FetchError("bad HTTP response: the connection closed mid-response")

    def fit_for_reuse(self) -> bool:
        """Whether the idle connection is still open with nothing unasked-for to read."""
        if self.closed:
            return False
        poll = select.poll()
        poll.register(self._sock, select.POLLIN)
        # Readable while idle: the server closed it, or sent bytes nobody asked for. Either way, drop it.
        return not poll.poll(0)

    def close(self) -> None:
        """Close the connection; it is not used again."""
        self.closed = True
        self.reusable = False
        self._sock.close()

    # httptools callbacks: bytes past the end of the response (a second one nobody asked for) are
    # ignored, and the connection is not reused.

    def on_message_begin(self) -> None:
        if self._complete:
            self._stray = True
        self._fields = []

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self._complete:
            self._fields.append((name, value))

    def on_headers_complete(self) -> None:
        if self._complete:
            return
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
        if self._body is not None and not self._complete:
            self._body.feed(body)

    def on_message_complete(self) -> None:
        if self._status >= 200 and not self._complete:
            self._complete = True
            self._keep_alive = self._parser.should_keep_alive()  # asked now: the parser resets after

    def _response(self) -> WireResponse:
        """The response read, the connection keeping none of it (an idle one could hold a body)."""
        response = WireResponse(self._status, self._headers, self._body.content() if self._body else b"")
        self._body = None
        self._fields = []
        return response


class WireClient:
    """Connection pools per origin, at most `connections` exchanges at once; safe to share by threads."""

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
        self._slots = threading.BoundedSemaphore(self._connections)
        self._lock = threading.Lock()
        self._idle: dict[Origin, list[_Connection]] = {}

    def __enter__(self) -> WireClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every idle connection."""
        with self._lock:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                connection.close()

    def get(
        self, url: str, headers: Mapping[str, str], max_bytes: int, deadline: float | None = None
    ) -> WireResponse:
        """GET url once (no redirects followed), by time.monotonic() deadline if given.

        Raises FetchError only: DeadlineExceeded when the deadline passes.
        """
        target = _split(url)
        head = _request_head(target, {**self._headers, **headers})
        with self._slots:
            for attempt in range(2):
                connection, reused = self._checkout(target.origin, deadline)
                try:
                    return connection.exchange(head, max_bytes, self.timeout, deadline)
                except _Unanswered:
                    # A kept-alive connection the server had closed: GET is safe to send again, once.
                    if not (reused and attempt == 0):
                        raise
                finally:
                    self._checkin(target.origin, connection)
        raise AssertionError("unreachable")

    def _checkout(self, origin: Origin, deadline: float | None) -> tuple[_Connection, bool]:
        """An idle connection to origin if one is fit for use, else a new one; and whether reused."""
        now = time.monotonic()
        while True:
            with self._lock:
                idle = self._idle.get(origin)
                connection = idle.pop() if idle else None
            if connection is None:
                return self._connect(origin, deadline), False
            if now - connection.idle_since < IDLE_SECONDS and connection.fit_for_reuse():
                return connection, True
            connection.close()

    def _checkin(self, origin: Origin, connection: _Connection) -> None:
        """Keep connection for reuse if its last exchange ended cleanly, else close it."""
        if connection.reusable and not connection.closed:
            with self._lock:
                idle = self._idle.setdefault(origin, [])
                if len(idle) < self._connections:
                    connection.idle_since = time.monotonic()
                    idle.append(connection)
                    return
        connection.close()

    def _connect(self, origin: Origin, deadline: float | None) -> _Connection:
        """Open a connection to origin within the timeout."""
        secure = origin.scheme == "https"
        try:
            wait = _wait(self.timeout, deadline)
            sock = open_socket(origin.host, origin.port, wait)
            if secure:
                context = self._ssl_context or default_ssl_context()
                try:
                    sock = context.wrap_socket(sock, server_hostname=origin.host)
                except BaseException:
                    sock.close()
                    raise
        except TimeoutError as error:
            raise FetchError(f"timed out after {self.timeout:g} s") from error
        except OSError as error:
            raise FetchError(f"could not connect: {_connect_error(error, secure)}") from error
        return _Connection(sock)


def _connect_error(error: OSError, secure: bool) -> str:
    """What went wrong connecting, in words: the whole TLS error, else the system's."""
    if secure:
        import ssl

        if isinstance(error, ssl.SSLError):
            return str(error)
    return str(error.strerror or error)


def open_socket(host: str, port: int, timeout: float | None) -> socket.socket:
    """A TCP connection to host:port, trying its addresses with happy eyeballs; OSError or TimeoutError."""
    # An ASCII name goes as bytes: a str would be run through the idna codec (~2 ms to import).
    name = host.encode("ascii") if host.isascii() else host
    addresses = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    if len(addresses) == 1:
        family, kind, proto, _name, address = addresses[0]
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except BaseException:
            sock.close()
            raise
    else:
        sock = _race(_interleaved(addresses), timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


# What socket.getaddrinfo gives for one address: family, type, protocol, canonical name, address.
_Address = tuple[socket.AddressFamily, socket.SocketKind, int, str, Any]


def _interleaved(addresses: Sequence[_Address]) -> list[_Address]:
    """The addresses with their families alternating, first family first (RFC 8305 section 4)."""
    first = [a for a in addresses if a[0] == addresses[0][0]]
    other = [a for a in addresses if a[0] != addresses[0][0]]
    mixed: list[_Address] = []
    for index in range(max(len(first), len(other))):
        mixed.extend(group[index] for group in (first, other) if index < len(group))
    return mixed


def _race(addresses: list[_Address], timeout: float | None) -> socket.socket:
    """Connect to the first address that answers, starting the next every CONNECT_STAGGER seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    waiting = list(addresses)
    pending: dict[int, socket.socket] = {}
    poll = select.poll()
    errors: list[OSError] = []
    next_start = 0.0
    try:
        while waiting or pending:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                raise TimeoutError("timed out")
            if waiting and (not pending or now >= next_start):
                family, kind, proto, _name, address = waiting.pop(0)
                sock = socket.socket(family, kind, proto)
                sock.setblocking(False)
                code = sock.connect_ex(address)
                if code in (0, errno.EINPROGRESS):
                    pending[sock.fileno()] = sock
                    poll.register(sock, select.POLLOUT)
                    next_start = now + CONNECT_STAGGER
                else:
                    errors.append(OSError(code, os.strerror(code)))
                    sock.close()
                continue
            until = next_start if waiting else (deadline if deadline is not None else now + 3600)
            if deadline is not None:
                until = min(until, deadline)
            for fd, _events in poll.poll(max(0.0, until - now) * 1000):
                poll.unregister(fd)
                sock = pending.pop(fd)
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code == 0:
                    sock.setblocking(True)
                    return sock
                errors.append(OSError(code, os.strerror(code)))
                sock.close()
        raise errors[-1] if errors else OSError(errno.EHOSTUNREACH, "no address to connect to")
    finally:
        for sock in pending.values():
            sock.close()


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
        import base64  # only for a URL with credentials

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
