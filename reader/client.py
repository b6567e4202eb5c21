"""The shared HTTP client: polite defaults, capped bodies, redirects followed by hand."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib.util
import ssl
import sys
import weakref
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from http import HTTPStatus

# httpcore asks `import sniffio` on every request to learn which event loop runs it; when sniffio is
# not installed (anyio 4 no longer needs it) each of those failing imports searches sys.path anew,
# some 10 % of a warm refresh. Recording the absence once makes the failure instant.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]
# httpx imports its own command-line tool (rich, pygments, click: ~60 ms and ~8 MB) whenever those are
# installed, as they are beside Textual. The reader never runs it; httpx.main then says to install it.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import brotli  # noqa: E402
import httpx  # noqa: E402

from reader import __version__
from reader.errors import FetchError

DEFAULT_USER_AGENT = f"wirereader/{__version__} (+https://github.com/wirereader/wirereader)"
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({301, 308})
# The whole exchange (all hops, whole body) may take this many read timeouts before it is abandoned,
# so a server that trickles bytes forever cannot hold a slot forever.
DEADLINE_FACTOR = 4
_RAW_CHUNK = 16 * 1024


@dataclass(frozen=True)
class CappedResponse:
    """A fully read, size-capped response and how the redirect chain reached it."""

    status: int
    headers: httpx.Headers
    content: bytes
    url: str
    permanent_redirect_url: str | None = None
    reason: str = ""


class HostLimiter:
    """One asyncio.Semaphore per host name, each with the same number of slots."""

    def __init__(self, per_host: int) -> None:
        """Allow at most per_host concurrent requests to any one host."""
        self.per_host = max(1, per_host)
        self._slots: dict[str, asyncio.Semaphore] = {}

    def semaphore(self, url: str) -> asyncio.Semaphore:
        """The semaphore guarding the host of url."""
        host = httpx.URL(url).host.lower() if url else ""
        if host not in self._slots:
            self._slots[host] = asyncio.Semaphore(self.per_host)
        return self._slots[host]


_LIMITERS: weakref.WeakKeyDictionary[httpx.AsyncClient, HostLimiter] = weakref.WeakKeyDictionary()
_TIMEOUTS: weakref.WeakKeyDictionary[httpx.AsyncClient, float] = weakref.WeakKeyDictionary()


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client (loading the CA bundle costs ~25 ms each time)."""
    return httpx.create_ssl_context()


def make_client(
    *, jobs: int = 32, per_host: int = 4, timeout: float = 15.0, user_agent: str = DEFAULT_USER_AGENT
) -> httpx.AsyncClient:
    """An AsyncClient with the reader's limits, timeouts and headers; redirects are left to get_capped."""
    client = httpx.AsyncClient(
        transport=_asyncio_transport(max(1, jobs)),
        timeout=httpx.Timeout(timeout, connect=timeout, read=timeout, write=timeout, pool=timeout),
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate, br"},
        follow_redirects=False,
    )
    _LIMITERS[client] = HostLimiter(per_host)
    _TIMEOUTS[client] = timeout
    return client


def _asyncio_transport(connections: int) -> httpx.AsyncHTTPTransport:
    """httpx's own transport, its httpcore pool running on plain asyncio streams (reader.netstream).

    httpx takes no network backend, so the pool it builds is replaced by one that has ours; the
    tests check that this still holds for the pinned httpx.
    """
    import httpcore

    from reader.netstream import AsyncioBackend

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = httpx.AsyncHTTPTransport(verify=_ssl_context(), limits=limits)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=AsyncioBackend(),
    )
    return transport


def host_limiter(client: httpx.AsyncClient) -> HostLimiter | None:
    """The per-host limiter make_client attached to client, if it made it."""
    return _LIMITERS.get(client)


async def get_capped(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> CappedResponse:
    """GET url following up to 5 redirects, reading at most max_bytes decoded; raises FetchError only."""
    timeout = _timeout_of(client)
    try:
        async with asyncio.timeout(timeout * DEADLINE_FACTOR if timeout else None):
            return await _follow(client, url, headers or {}, max_bytes)
    except FetchError:
        raise
    except TimeoutError as exc:
        raise FetchError(f"timed out after {_seconds(timeout * DEADLINE_FACTOR)}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(describe_http_error(exc, timeout)) from exc


async def _follow(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int
) -> CappedResponse:
    """Walk the redirect chain from url and read the final body."""
    seen: set[str] = set()
    all_permanent = True
    current = _checked_url(url)
    for _hop in range(MAX_REDIRECTS + 1):
        seen.add(str(current))
        async with _host_slot(client, str(current)), _stream(client, current, headers) as response:
            location = response.headers.get("location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                content = await read_capped(response, max_bytes)
                permanent = str(current) if all_permanent and len(seen) > 1 else None
                return CappedResponse(
                    status=response.status_code,
                    headers=response.headers,
                    content=content,
                    url=str(current),
                    permanent_redirect_url=permanent,
                    reason=reason_phrase(response.status_code),
                )
            all_permanent = all_permanent and response.status_code in PERMANENT_STATUSES
        current = _checked_url(str(current.join(location)))
        if str(current) in seen:
            raise FetchError("redirect loop")
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")


@contextlib.asynccontextmanager
async def _stream(
    client: httpx.AsyncClient, url: httpx.URL, headers: dict[str, str]
) -> AsyncIterator[httpx.Response]:
    """Send one GET and yield the response with its body still unread."""
    request = client.build_request("GET", url, headers=headers)
    response = await client.send(request, stream=True)
    try:
        yield response
    finally:
        await response.aclose()


@contextlib.asynccontextmanager
async def _host_slot(client: httpx.AsyncClient, url: str) -> AsyncIterator[None]:
    """Hold one of the client's per-host slots for url's host, if the client has a limiter."""
    limiter = host_limiter(client)
    if limiter is None:
        yield
        return
    async with limiter.semaphore(url):
        yield


def _checked_url(url: str) -> httpx.URL:
    """Parse url and refuse anything but http and https."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(
            f"unsupported URL scheme '{parsed.scheme}'" if parsed.scheme else "URL has no scheme"
        )
    if not parsed.host:
        raise FetchError("URL has no host")
    return parsed


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Read and decode response's body, refusing it once the decoded size passes max_bytes."""
    declared = response.headers.get("content-length", "")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(_too_large(max_bytes))
    decode = _decoder(encoding)
    parts: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw(_RAW_CHUNK):
        for piece in decode(raw, max_bytes - size + 1):
            size += len(piece)
            if size > max_bytes:
                raise FetchError(_too_large(max_bytes))
            parts.append(piece)
    return b"".join(parts)


_Decode = Callable[[bytes, int], list[bytes]]


def _decoder(encoding: str) -> _Decode:
    """A bounded decoder for a Content-Encoding: each call returns output no longer than needed."""
    if encoding in ("", "identity"):
        return lambda data, _limit: [data]
    if encoding in ("gzip", "x-gzip"):
        return _ZlibDecoder(zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return _ZlibDecoder(zlib.MAX_WBITS, fallback_wbits=-zlib.MAX_WBITS)
    if encoding == "br":
        return _brotli_decoder()
    raise FetchError(f"unsupported content encoding '{encoding}'")


class _ZlibDecoder:
    """Decode gzip/deflate in bounded steps, so a small bomb never expands past the limit in memory."""

    def __init__(self, wbits: int, fallback_wbits: int | None = None) -> None:
        """Decode with wbits; on a first-chunk error retry once with fallback_wbits (raw deflate)."""
        self._obj = zlib.decompressobj(wbits)
        self._fallback = fallback_wbits
        self._started = False

    def __call__(self, data: bytes, limit: int) -> list[bytes]:
        """Decode data, returning at most limit bytes; unread input is left only once limit is reached."""
        return [self._step(data, limit)]

    def _step(self, data: bytes, limit: int) -> bytes:
        """One bounded decompress call."""
        try:
            chunk = self._obj.decompress(data, max(1, limit))
        except zlib.error as exc:
            if self._fallback is None or self._started:
                raise FetchError(f"corrupt compressed body: {exc}") from exc
            self._obj = zlib.decompressobj(self._fallback)
            self._fallback = None
            chunk = self._obj.decompress(data, max(1, limit))
        self._started = True
        return chunk


def _brotli_decoder() -> _Decode:
    """Decode brotli with an output limit per call."""
    obj = brotli.Decompressor()

    def decode(data: bytes, limit: int) -> list[bytes]:
        try:
            return [obj.process(data, output_buffer_limit=max(1, limit))]
        except brotli.error as exc:
            raise FetchError(f"corrupt compressed body: {exc}") from exc

    return decode


def _too_large(max_bytes: int) -> str:
    """The message for a body over the cap."""
    if max_bytes % (1024 * 1024) == 0:
        return f"response larger than {max_bytes // (1024 * 1024)} MB"
    return f"response larger than {max_bytes} bytes"


def _timeout_of(client: httpx.AsyncClient) -> float:
    """The client's read timeout in seconds, or 0 for none."""
    if client in _TIMEOUTS:
        return _TIMEOUTS[client]
    return float(client.timeout.read or 0.0)


def _seconds(value: float) -> str:
    """A number of seconds as the messages print it."""
    return f"{value:g} s"


def reason_phrase(status: int) -> str:
    """The standard reason phrase for an HTTP status code."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def http_status_message(status: int) -> str:
    """A one-line message like 'HTTP 404 Not Found'."""
    return f"HTTP {status} {reason_phrase(status)}".rstrip()


def describe_http_error(exc: httpx.HTTPError, timeout: float = 0.0) -> str:
    """Turn an httpx exception into one clear line for a user."""
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {_seconds(timeout)}" if timeout else "timed out"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return f"unsupported URL: {exc}"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {_first_line(exc) or 'connection refused'}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"bad HTTP response: {_first_line(exc)}"
    if isinstance(exc, httpx.DecodingError):
        return f"corrupt compressed body: {_first_line(exc)}"
    if isinstance(exc, httpx.TransportError):
        return f"network error: {_first_line(exc) or type(exc).__name__}"
    return f"HTTP error: {_first_line(exc) or type(exc).__name__}"


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
