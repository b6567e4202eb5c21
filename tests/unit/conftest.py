"""Fixtures for the unit tests: a real local HTTP server and feed files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer

FEEDS_DIR = Path(__file__).resolve().parents[1] / "data" / "feeds"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started FeedServer on 127.0.0.1:<free port>; fill it with .route(path, ...); stopped at teardown."""
    with FeedServer() as server:
        yield server


@pytest.fixture
def feed_bytes() -> Iterator[Callable[[str], bytes]]:
    """A function reading a fixture from tests/data/feeds by name, as bytes."""

    def read(name: str) -> bytes:
        """The bytes of tests/data/feeds/<name>."""
        return (FEEDS_DIR / name).read_bytes()

    yield read
