"""What the app looks like, compared with approved SVG snapshots (fixed clock, demo data, no network)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from reader.store import Store
from tests.ui.conftest import MakeApp, settle


async def open_seed_article(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("G")
    await settle(pilot)


def test_main_screen_on_the_demo(demo_store: Store, make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(160, 48), run_before=settle)


def test_seed_article_with_its_entities(demo_store: Store, make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(160, 48), run_before=open_seed_article)


def test_narrow_terminal_80_by_24(demo_store: Store, make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=settle)


def test_wide_terminal_200_by_60(demo_store: Store, make_app: MakeApp, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(200, 60), run_before=open_seed_article)


def test_help_screen(demo_store: Store, make_app: MakeApp, snap_compare: Any) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(120, 36), run_before=open_help)


def test_offline_mode_with_one_saved_article(demo_store: Store, make_app: MakeApp, snap_compare: Any) -> None:
    demo_store.set_saved(demo_store.rows(limit=16)[-1].id)
    assert snap_compare(make_app(demo_store, offline=True), terminal_size=(120, 36), run_before=settle)


def test_the_readme_screenshots_are_the_approved_snapshots() -> None:
    from scripts.screenshots import CHOSEN, SCREENSHOTS, SNAPSHOTS

    for target, source in CHOSEN.items():
        assert (SCREENSHOTS / target).read_bytes() == (SNAPSHOTS / source).read_bytes(), (
            f"screenshots/{target} is stale: run python scripts/screenshots.py"
        )
