"""The bundled demo data in seeds/demo/ is consistent: every feed item has a page and every file exists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import pytest

DEMO = Path(__file__).resolve().parents[2] / "seeds" / "demo"
SEED_TITLE = "Putin, Macron end three years strike by talking on phone"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def entries(manifest: dict[str, Any]) -> list[Any]:
    found = []
    for feed in manifest["feeds"]:
        parsed = feedparser.parse(str(DEMO / feed["file"]))
        assert not parsed.bozo, (feed["file"], parsed.get("bozo_exception"))
        assert parsed.entries, feed["file"]
        found.extend(parsed.entries)
    return found


def test_feeds_are_listed_with_url_and_folder(manifest: dict[str, Any]) -> None:
    assert len(manifest["feeds"]) >= 2
    for feed in manifest["feeds"]:
        assert (DEMO / feed["file"]).is_file()
        assert feed["url"].startswith("https://")
        assert feed["folder"]


def test_every_item_link_has_a_page_and_every_page_a_link(
    manifest: dict[str, Any], entries: list[Any]
) -> None:
    links = [entry.link for entry in entries]
    assert len(entries) >= 12
    assert len(set(links)) == len(links)
    assert set(links) == set(manifest["pages"])


def test_every_page_file_exists_and_is_small(manifest: dict[str, Any]) -> None:
    for path in manifest["pages"].values():
        page = (DEMO / path).resolve()
        assert page.is_file(), path
        assert page.stat().st_size < 40_000, path


def test_items_carry_teaser_guid_and_date(entries: list[Any]) -> None:
    for entry in entries:
        assert entry.get("summary"), entry.link
        assert entry.get("id"), entry.link
        published = entry.get("published_parsed")
        assert published is not None, entry.link
        assert (published.tm_year, published.tm_mon, published.tm_mday) >= (2026, 11, 28)
        assert (published.tm_year, published.tm_mon, published.tm_mday) <= (2026, 12, 1)


def test_seed_item_maps_to_the_seed_document(manifest: dict[str, Any], entries: list[Any]) -> None:
    seed = [entry for entry in entries if entry.title == SEED_TITLE]
    assert len(seed) == 1
    assert manifest["pages"][seed[0].link] == "../000_84963a376bbc3276.txt"
    assert (DEMO / "../000_84963a376bbc3276.txt").resolve().is_file()
