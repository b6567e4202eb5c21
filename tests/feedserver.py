"""A real HTTP server on 127.0.0.1 for tests: a route table, validators, request recording.

Usage::

    with FeedServer() as server:
        server.route("/feed.xml", body=rss_bytes, content_type="application/rss+xml", etag='"v1"')
        server.route("/slow", body=b"late", delay=5)           # sleeps (released at stop)
        server.route("/moved", status=301, headers={"Location": "/feed.xml"})
        server.route("/dyn", handler=lambda req: Route(body=req.path.encode()))
        url = server.url("/feed.xml")
        ...
        server.hits("/feed.xml"), server.last_request("/feed.xml").headers["user-agent"]
        server.peak_concurrency

Routes match on the path without its query string; unknown paths get 404. A route with ``etag`` or
``last_modified`` answers 304 to a matching If-None-Match / If-Modified-Since. Header names in
recorded requests are lower-cased. In tests use the ``feed_server`` fixture (tests/unit/conftest.py).
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Route:
    """What the server answers on one path."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    # Close the connection after answering, without saying so (as a server whose keep-alive ran out).
    hang_up: bool = False
    # Called per request; returns the Route to serve for it (lets a test vary answers or count state).
    handler: Callable[[RecordedRequest], Route] | None = None


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    time: float
    client_port: int = 0  # tells connections apart: a kept-alive one keeps its port


class FeedServer:
    """A threaded http.server on 127.0.0.1:<free port>, run in a background thread."""

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        """Create (not start) a server bound to host on a free port; https when given a TLS context."""
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.peak_concurrency = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer((host, 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._scheme = "http"
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
            self._scheme = "https"
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """http(s)://127.0.0.1:<port>"""
        host, port = self._httpd.server_address[:2]
        return f"{self._scheme}://{host!s}:{port}"

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def route(self, path: str, status: int = 200, body: bytes | str = b"", **options: Any) -> Route:
        """Set the answer for a path; options are the other Route fields. Returns the Route."""
        route = Route(status=status, body=body, **options)
        self.routes[path] = route
        return route

    def hits(self, path: str) -> int:
        """How many requests reached a path."""
        with self._lock:
            return sum(1 for request in self.requests if request.path.split("?")[0] == path)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """The requests that reached a path, oldest first."""
        with self._lock:
            return [request for request in self.requests if request.path.split("?")[0] == path]

    def last_request(self, path: str) -> RecordedRequest:
        """The newest request to a path (AssertionError if none)."""
        found = self.requests_for(path)
        assert found, f"no request reached {path}"
        return found[-1]

    def start(self) -> FeedServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="feedserver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release delayed handlers, stop serving and close the socket."""
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        """Start the server."""
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop the server."""
        self.stop()

    # --- used by the handler thread ----------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        """Log a request and count it as in flight."""
        with self._lock:
            self.requests.append(request)
            self.in_flight += 1
            self.peak_concurrency = max(self.peak_concurrency, self.in_flight)

    def _done(self) -> None:
        """A request finished."""
        with self._lock:
            self.in_flight -= 1

    def _wait(self, seconds: float) -> None:
        """Sleep, but wake at once when the server stops."""
        if seconds > 0:
            self._stopping.wait(seconds)


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one FeedServer."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            """Answer from the route table."""
            request = RecordedRequest(
                method=self.command,
                path=self.path,
                headers={key.lower(): value for key, value in self.headers.items()},
                client_port=self.client_address[1],
                time=time.monotonic(),
            )
            server._record(request)
            try:
                self._answer(request)
            finally:
                server._done()

        do_HEAD = do_GET

        def _answer(self, request: RecordedRequest) -> None:
            """Find the route, apply delay and validators, and send the response."""
            route = server.routes.get(request.path.split("?")[0])
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.handler is not None:
                route = route.handler(request)
            server._wait(route.delay)
            if server._stopping.is_set():
                self.close_connection = True
                return
            headers = dict(route.headers)
            if route.content_type:
                headers["Content-Type"] = route.content_type
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            if _not_modified(route, request.headers):
                self._send(304, headers, b"")
                return
            body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
            self._send(route.status, headers, body)
            if route.hang_up:
                self.wfile.flush()
                self.close_connection = True

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            """Write status, headers and body (with Content-Length)."""
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Keep test output quiet."""

        def handle_one_request(self) -> None:
            """Swallow the broken pipes of clients that gave up (timeouts are tested on purpose)."""
            try:
                super().handle_one_request()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def _not_modified(route: Route, headers: dict[str, str]) -> bool:
    """Whether the request's validators match the route's (ETag wins over dates)."""
    if route.etag and "if-none-match" in headers:
        tags = [tag.strip() for tag in headers["if-none-match"].split(",")]
        return "*" in tags or route.etag in tags or route.etag in [t.removeprefix("W/") for t in tags]
    if route.last_modified and "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"])
            modified = parsedate_to_datetime(route.last_modified)
        except (TypeError, ValueError):
            return False
        return modified <= since
    return False
