"""Shared fixtures: an isolated config and database, a fixed clock, and the demo loaded once."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.demo import load_demo
from reader.store import Store

FIXED_NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    """The same instant every time, so dates and snapshots are stable."""
    return FIXED_NOW


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's proxy settings must not reroute the tests' loopback requests (httpx reads them)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may talk to servers they start on this machine, never to an outside address."""
    real = socket.getaddrinfo

    def guarded(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            raise socket.gaierror(f"tests may not resolve {name!r}: use the 127.0.0.1 test server")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real config or database."""
    monkeypatch.setenv("WIREREADER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("WIREREADER_DB", str(tmp_path / "default.db"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a temporary file."""
    opened = Store(tmp_path / "reader.db")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the bundled demo loaded, made once per test run."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    template = Store(path)
    load_demo(template, clock=fixed_clock)
    template.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    """A store on a fresh copy of the demo database."""
    opened = Store(demo_db)
    yield opened
    opened.close()
