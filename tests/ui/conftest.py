"""UI fixtures: the real app on a copy of the demo database, with a fixed clock and no network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.models import FeedError
from reader.refresh import Progress, RefreshSummary
from reader.store import Store
from reader.ui.app import ReaderApp
from tests.conftest import fixed_clock

MakeApp = Callable[..., ReaderApp]


def fake_refresh(progress: Callable[[Progress], None]) -> RefreshSummary:
    """A refresh that reports progress and one failure without touching the network."""
    for done in range(4):
        progress(Progress("poll", done, 3, f"feed {done}"))
    summary = RefreshSummary(feeds=3, updated=2, not_modified=0, new_articles=0)
    summary.failures.append(
        FeedError("https://wire.example/rss", "Example Wire", "HTTP 503 Service Unavailable")
    )
    return summary


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """Build a ReaderApp on a store; defaults keep it deterministic."""

    def build(store: Store, **options: object) -> ReaderApp:
        settings: dict[str, object] = {
            "clock": fixed_clock,
            "refresh_service": fake_refresh,
        }
        settings.update(options)
        return ReaderApp(store, Config(), **settings)  # type: ignore[arg-type]

    return build


async def settle(pilot: Pilot[int]) -> None:
    """Wait until every worker has finished and the messages they posted are handled."""
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
