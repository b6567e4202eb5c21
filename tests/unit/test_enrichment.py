"""Enrichment keeps working, and says why, when the entity model cannot be loaded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader import entities
from reader.refresh import enrich_from_page

PAGE = """<html><head><title>Port of Gdansk sets record</title></head><body><article>
<p>The Port of Gdansk handled a record 2.4 million containers this year, the port authority said on Monday,
as a new deep-water terminal opened to ships from Asia.</p>
<p>Officials in Warsaw said the expansion would make Poland a larger hub for Baltic trade in 2027.</p>
</article></body></html>"""


@pytest.fixture
def model_missing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(entities, "MODEL_NAMES", ("no_such_model_xx",))
    entities.clear_cache()
    yield
    entities.clear_cache()


def test_without_a_model_the_article_is_still_cleaned_and_the_reason_is_kept(model_missing: None) -> None:
    result = enrich_from_page(PAGE, "https://port.example/a", "<p>Teaser</p>")
    assert result.status == "done"
    assert result.paragraphs[0].startswith("The Port of Gdansk handled")
    assert result.entities == []
    assert result.note is not None and result.note.startswith("entities unavailable:")
    assert "no_such_model_xx" in result.note


def test_with_the_model_the_article_gets_its_entities() -> None:
    result = enrich_from_page(PAGE, "https://port.example/a", None)
    assert {(e.text, e.label) for e in result.entities} >= {
        ("Warsaw", "GPE"),
        ("Poland", "GPE"),
        ("2027", "DATE"),
    }
    assert result.note is None
