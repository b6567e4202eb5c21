"""The HTTP clients and the rules they share: polite defaults, capped bodies, redirects by hand.

Feeds are polled on threads through reader.wire (lean and blocking, for hundreds of small
conditional GETs), or through httpx's blocking client behind a proxy; pages and discovery go through
httpx's async client. get_capped_sync and get_capped run them all through the same rules
(_redirect_chain): the schemes allowed, the redirect chain and its loops, the per-host limit, the
whole-exchange deadline and the size cap. Nothing here imports asyncio until an async call needs it.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import sys
import threading
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.decoding import CappedBody
from reader.errors import ConfigError, DeadlineExceeded, FetchError
from reader.wire import WireClient

if TYPE_CHECKING:
    import ssl

    import httpx

DEFAULT_USER_AGENT = f"wirereader/{__version__} (+https://github.com/wirereader/wirereader)"
ACCEPT_ENCODING = "gzip, deflate, br"
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({301, 308})
# The whole exchange (all hops, whole body) may take this many read timeouts before it is abandoned,
# so a server that trickles bytes forever cannot hold a slot forever.
DEADLINE_FACTOR = 4
_RAW_CHUNK = 16 * 1024


class CappedResponse(NamedTuple):
    """A fully read, size-capped response and how the redirect chain reached it.

    headers is looked up by lower-case names.
    """

    status: int
    headers: Mapping[str, str]
    content: bytes
    url: str
    permanent_redirect_url: str | None = None


Slot = TypeVar("Slot")
HttpxClient = TypeVar("HttpxClient", "httpx.Client", "httpx.AsyncClient")


class HostLimiter(Generic[Slot]):
    """One semaphore per host name, each with the same number of slots.

    make builds a semaphore from its number of slots: threading.BoundedSemaphore for the poll
    threads, asyncio.Semaphore for the async page client.
    """

    def __init__(self, per_host: int, make: Callable[[int], Slot]) -> None:
        """Allow at most per_host concurrent requests to any one host."""
        self.per_host = max(1, per_host)
        self._make = make
        self._slots: dict[str, Slot] = {}
        self._lock = threading.Lock()

    def semaphore(self, url: str) -> Slot:
        """The semaphore guarding the host of url."""
        host = host_of(url)
        with self._lock:
            if host not in self._slots:
                self._slots[host] = self._make(self.per_host)
            return self._slots[host]


def host_of(url: str) -> str:
    """The host name of url, or "" when it has none or cannot be parsed."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


_LIMITERS: weakref.WeakKeyDictionary[object, HostLimiter[Any]] = weakref.WeakKeyDictionary()
_TIMEOUTS: weakref.WeakKeyDictionary[object, float] = weakref.WeakKeyDictionary()


def _import_httpx() -> None:
    """Import httpx the way the reader uses it (only pages and discovery need it)."""
    # httpcore asks `import sniffio` on every request to learn which event loop runs it; when sniffio
    # is not installed (anyio 4 no longer needs it) each of those failing imports searches sys.path
    # anew. Recording the absence once makes the failure instant.
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]
    # httpx imports its own command-line tool (rich, pygments, click: ~60 ms and ~8 MB) whenever those
    # are installed, as they are beside Textual. The reader never runs it; httpx.main then says so.
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client (loading the CA bundle costs ~25 ms each time)."""
    _import_httpx()
    import httpx

    return httpx.create_ssl_context()


def make_client(
    *, jobs: int = 32, per_host: int = 4, timeout: float = 15.0, user_agent: str = DEFAULT_USER_AGENT
) -> httpx.AsyncClient:
    """An httpx AsyncClient with the reader's limits, timeouts and headers, for pages and discovery."""
    import asyncio

    _import_httpx()
    import httpx

    client = _httpx_client(httpx.AsyncClient, jobs=jobs, timeout=timeout, user_agent=user_agent)
    _LIMITERS[client] = HostLimiter(per_host, asyncio.Semaphore)
    return client


def make_poll_client(
    *, jobs: int = 32, per_host: int = 4, timeout: float = 15.0, user_agent: str = DEFAULT_USER_AGENT
) -> httpx.Client | WireClient:
    """The blocking client feeds are polled with from many threads, under the same limits and headers.

    Behind a proxy (HTTP_PROXY, HTTPS_PROXY or ALL_PROXY in the environment) feeds are polled
    through httpx instead, which speaks to proxies (CONNECT, credentials) and honours NO_PROXY.
    """
    client: httpx.Client | WireClient
    if proxy_configured():
        _import_httpx()
        import httpx

        client = _httpx_client(httpx.Client, jobs=jobs, timeout=timeout, user_agent=user_agent)
    else:
        client = WireClient(
            connections=jobs,
            timeout=timeout,
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )
    _LIMITERS[client] = HostLimiter(per_host, threading.BoundedSemaphore)
    return client


def _httpx_client(kind: type[HttpxClient], *, jobs: int, timeout: float, user_agent: str) -> HttpxClient:
    """An httpx Client or AsyncClient with the reader's limits, timeouts, headers and TLS context."""
    import httpx

    connections = max(1, jobs)
    try:
        client = kind(
            verify=_ssl_context(),
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
            timeout=httpx.Timeout(timeout, connect=timeout, read=timeout, write=timeout, pool=timeout),
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False,
        )
    except (ValueError, ImportError) as error:  # a proxy variable httpx cannot use
        raise ConfigError(f"the proxy named in the environment cannot be used: {error}") from error
    _TIMEOUTS[client] = timeout
    return client


def proxy_configured(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment names a proxy for http or https, as curl and httpx read it."""
    names = ("http_proxy", "https_proxy", "all_proxy")
    return any(key.lower() in names and value.strip() for key, value in (environ or os.environ).items())


def host_limiter(client: object) -> HostLimiter[Any] | None:
    """The per-host limiter make_client or make_poll_client attached to client, if it made it."""
    return _LIMITERS.get(client)


# One hop: GET url with headers, read at most max_bytes; (status, headers, body).
_Answer = tuple[int, Mapping[str, str], bytes]
_Hop = Callable[[str, Mapping[str, str], int], Awaitable[_Answer]]
# A blocking hop, also given the time.monotonic() deadline of the whole exchange.
_SyncHop = Callable[[str, Mapping[str, str], int, "float | None"], _Answer]
# The redirect rules: yields each URL to GET, is sent its answer, returns the final response.
_Chain = Generator[str, _Answer, CappedResponse]


def get_capped_sync(
    client: httpx.Client | WireClient,
    url: str,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> CappedResponse:
    """GET url following up to 5 redirects, reading at most max_bytes decoded; raises FetchError only.

    Blocking, and safe to call from many threads at once with one client.
    """
    timeout = _timeout_of(client)
    deadline = time.monotonic() + timeout * DEADLINE_FACTOR if timeout else None
    hop = _wire_hop(client) if isinstance(client, WireClient) else _httpx_sync_hop(client, timeout)
    limiter = host_limiter(client)
    chain = _redirect_chain(url)
    try:
        current = next(chain)
        while True:
            with limiter.semaphore(current) if limiter else contextlib.nullcontext():
                answer = hop(current, headers or {}, max_bytes, deadline)
            current = chain.send(answer)
    except StopIteration as finished:
        response: CappedResponse = finished.value
        return response
    except DeadlineExceeded as exc:
        raise FetchError(f"timed out after {_seconds(timeout * DEADLINE_FACTOR)}") from exc


async def get_capped(
    client: httpx.AsyncClient,
    url: str,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> CappedResponse:
    """GET url following up to 5 redirects, reading at most max_bytes decoded; raises FetchError only."""
    import asyncio

    timeout = _timeout_of(client)
    hop = _httpx_hop(client, timeout)
    try:
        async with asyncio.timeout(timeout * DEADLINE_FACTOR if timeout else None):
            return await _follow(hop, host_limiter(client), url, headers or {}, max_bytes)
    except TimeoutError as exc:
        raise FetchError(f"timed out after {_seconds(timeout * DEADLINE_FACTOR)}") from exc


async def _follow(
    hop: _Hop, limiter: HostLimiter[Any] | None, url: str, headers: Mapping[str, str], max_bytes: int
) -> CappedResponse:
    """Walk the redirect chain from url, each hop awaited, and read the final body."""
    chain = _redirect_chain(url)
    try:
        current = next(chain)
        while True:
            async with _host_slot(limiter, current):
                answer = await hop(current, headers, max_bytes)
            current = chain.send(answer)
    except StopIteration as finished:
        response: CappedResponse = finished.value
        return response


def _redirect_chain(url: str) -> _Chain:
    """The redirect rules for a GET of url: which URLs to ask, loops, limits and permanent moves."""
    seen: set[str] = set()
    all_permanent = True
    current = _checked_url(url)
    for _hop in range(MAX_REDIRECTS + 1):
        seen.add(current)
        status, found, content = yield current
        location = found.get("location")
        if status not in REDIRECT_STATUSES or not location:
            permanent = current if all_permanent and len(seen) > 1 else None
            return CappedResponse(
                status=status,
                headers=found,
                content=content,
                url=current,
                permanent_redirect_url=permanent,
            )
        all_permanent = all_permanent and status in PERMANENT_STATUSES
        current = _checked_url(urljoin(current, location.strip()))
        if current in seen:
            raise FetchError("redirect loop")
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")


def _httpx_hop(client: httpx.AsyncClient, timeout: float) -> _Hop:
    """One hop through httpx, its body streamed under the cap."""

    async def hop(url: str, headers: Mapping[str, str], max_bytes: int) -> _Answer:
        with _httpx_errors(timeout):
            request = client.build_request("GET", url, headers=dict(headers))
            response = await client.send(request, stream=True)
            try:
                return response.status_code, response.headers, await read_capped(response, max_bytes)
            finally:
                await response.aclose()

    return hop


def _wire_hop(client: WireClient) -> _SyncHop:
    """One hop through the lean poll client."""

    def hop(url: str, headers: Mapping[str, str], max_bytes: int, deadline: float | None) -> _Answer:
        response = client.get(url, headers, max_bytes, deadline)
        return response.status, response.headers, response.content

    return hop


def _httpx_sync_hop(client: httpx.Client, timeout: float) -> _SyncHop:
    """One hop through httpx's blocking client, its body streamed under the cap and the deadline."""

    def hop(url: str, headers: Mapping[str, str], max_bytes: int, deadline: float | None) -> _Answer:
        with _httpx_errors(timeout):
            request = client.build_request("GET", url, headers=dict(headers))
            response = client.send(request, stream=True)
            try:
                body = CappedBody(response.headers, max_bytes)
                for raw in response.iter_raw():  # each piece as it arrives, to check the deadline
                    if deadline is not None and time.monotonic() > deadline:
                        raise DeadlineExceeded("timed out")
                    body.feed(raw)
                return response.status_code, response.headers, body.content()
            finally:
                response.close()

    return hop


@contextlib.contextmanager
def _httpx_errors(timeout: float) -> Iterator[None]:
    """httpx's errors inside, as the FetchError a user reads (for both httpx clients)."""
    import httpx

    try:
        yield
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(describe_http_error(exc, timeout)) from exc


@contextlib.asynccontextmanager
async def _host_slot(limiter: HostLimiter[Any] | None, url: str) -> AsyncIterator[None]:
    """Hold one of the limiter's slots for url's host, if there is a limiter."""
    if limiter is None:
        yield
        return
    async with limiter.semaphore(url):
        yield


def _checked_url(url: str) -> str:
    """url, refused unless it is an http or https URL with a host."""
    try:
        parsed = urlsplit(url.strip())
        host = parsed.hostname
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme '{parsed.scheme}'" if scheme else "URL has no scheme")
    if not host:
        raise FetchError("URL has no host")
    return url.strip()


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Read and decode response's body, refusing it once the decoded size passes max_bytes."""
    body = CappedBody(response.headers, max_bytes)
    async for raw in response.aiter_raw(_RAW_CHUNK):
        body.feed(raw)
    return body.content()


def _timeout_of(client: httpx.AsyncClient | httpx.Client | WireClient) -> float:
    """The client's read timeout in seconds, or 0 for none."""
    if isinstance(client, WireClient):
        return client.timeout
    if client in _TIMEOUTS:
        return _TIMEOUTS[client]
    return float(client.timeout.read or 0.0)


def _seconds(value: float) -> str:
    """A number of seconds as the messages print it."""
    return f"{value:g} s"


def reason_phrase(status: int) -> str:
    """The standard reason phrase for an HTTP status code."""
    from http import HTTPStatus  # imported when first needed: a poll that finds nothing needs none

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def http_status_message(status: int) -> str:
    """A one-line message like 'HTTP 404 Not Found'."""
    return f"HTTP {status} {reason_phrase(status)}".rstrip()


def describe_http_error(exc: httpx.HTTPError, timeout: float = 0.0) -> str:
    """Turn an httpx exception into one clear line for a user."""
    import httpx

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
