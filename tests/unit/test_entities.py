"""Tests for reader.entities: the pure mention merging, and NER over the MENAFN seed article."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import entities
from reader.entities import EntitiesUnavailable, extract, merge_mentions
from reader.errors import ReaderError
from reader.models import Entity

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_84963a376bbc3276.expected.json"


def by_text(found: list[Entity]) -> dict[str, Entity]:
    return {e.text: e for e in found}


# --- merge_mentions: no model needed ---------------------------------------------------------


def test_short_person_merges_into_the_one_full_name() -> None:
    result = merge_mentions(
        [("Vladimir Putin", "PERSON"), ("Kremlin", "ORG"), ("Putin", "PERSON"), ("Putin's", "PERSON")]
    )
    assert result == [Entity("Vladimir Putin", "PERSON", 3), Entity("Kremlin", "ORG", 1)]


def test_short_person_matching_first_token_merges() -> None:
    result = merge_mentions([("Emmanuel Macron", "PERSON"), ("Emmanuel", "PERSON")])
    assert result == [Entity("Emmanuel Macron", "PERSON", 2)]


def test_ambiguous_surname_stays_separate() -> None:
    result = merge_mentions(
        [("Emmanuel Macron", "PERSON"), ("Brigitte Macron", "PERSON"), ("Macron", "PERSON")]
    )
    assert {e.text for e in result} == {"Emmanuel Macron", "Brigitte Macron", "Macron"}
    assert all(e.mentions == 1 for e in result)


def test_short_form_must_be_a_whole_token_suffix() -> None:
    result = merge_mentions([("Anna Petersen", "PERSON"), ("Peter", "PERSON")])
    assert by_text(result)["Peter"].mentions == 1


def test_merge_needs_same_label() -> None:
    result = merge_mentions([("George Washington", "PERSON"), ("Washington", "GPE")])
    assert by_text(result)["Washington"] == Entity("Washington", "GPE", 1)


def test_majority_label_wins_before_merging() -> None:
    result = merge_mentions(
        [
            ("Emmanuel Macron", "PERSON"),
            ("Macron", "PERSON"),
            ("Macron", "ORG"),
            ("Macron", "PERSON"),
        ]
    )
    assert result == [Entity("Emmanuel Macron", "PERSON", 4)]


def test_label_tie_goes_to_first_label_seen() -> None:
    result = merge_mentions([("Jordan", "GPE"), ("Jordan", "PERSON")])
    assert result == [Entity("Jordan", "GPE", 2)]


def test_org_short_form_merges_into_longer_org_it_starts() -> None:
    result = merge_mentions(
        [("Northwind Energy Inc.", "ORG"), ("Northwind", "ORG"), ("Northwind", "ORG"), ("Lumen", "ORG")]
    )
    assert result == [Entity("Northwind Energy Inc.", "ORG", 3), Entity("Lumen", "ORG", 1)]


def test_short_form_of_nested_longer_names_merges_into_the_longest() -> None:
    result = merge_mentions(
        [
            ("Halvorsen Logistics ASA", "ORG"),
            ("Halvorsen", "ORG"),
            ("Halvorsen Logistics", "ORG"),
            ("Halvorsen's", "ORG"),
        ]
    )
    assert result == [Entity("Halvorsen Logistics ASA", "ORG", 4)]


def test_acronym_stays_separate_without_an_alias() -> None:
    result = merge_mentions([("the International Atomic Energy Agency", "ORG"), ("IAEA", "ORG")])
    assert {e.text for e in result} == {"International Atomic Energy Agency", "IAEA"}


def test_acronym_alias_merges() -> None:
    result = merge_mentions(
        [("the International Atomic Energy Agency", "ORG"), ("IAEA", "ORG"), ("IAEA", "ORG")],
        aliases={"IAEA": "International Atomic Energy Agency"},
    )
    assert result == [Entity("International Atomic Energy Agency", "ORG", 3)]


def test_normalisation_strips_the_possessive_and_punctuation() -> None:
    result = merge_mentions(
        [
            ("the Kremlin", "ORG"),
            ("Kremlin", "ORG"),
            ("“Kremlin,”", "ORG"),
            ("NATO's", "ORG"),
            ("Russia’s", "GPE"),
            ("  Acme   Corp. ", "ORG"),
            ("$4.1 billion", "MONEY"),
        ]
    )
    found = by_text(result)
    assert found["Kremlin"].mentions == 3
    assert "NATO" in found and "Russia" in found
    assert "Acme Corp." in found
    assert "$4.1 billion" in found


def test_case_variants_are_one_entity_shown_in_the_commonest_form() -> None:
    result = merge_mentions([("Nato", "ORG"), ("NATO", "ORG"), ("NATO", "ORG")])
    assert result == [Entity("NATO", "ORG", 3)]


def test_unwanted_labels_and_vague_dates_are_dropped() -> None:
    result = merge_mentions(
        [
            ("two", "CARDINAL"),
            ("first", "ORDINAL"),
            ("10 km", "QUANTITY"),
            ("5 p.m.", "TIME"),
            ("English", "LANGUAGE"),
            ("many years", "DATE"),
            ("recent months", "DATE"),
            ("nearly three years", "DATE"),
            ("February 2022", "DATE"),
            ("Tuesday", "DATE"),
            ("2026", "DATE"),
            ("12%", "PERCENT"),
            ("--", "ORG"),
        ]
    )
    assert [e.text for e in result] == ["February 2022", "Tuesday", "2026", "12%"]


def test_order_is_count_then_first_appearance() -> None:
    result = merge_mentions(
        [("Paris", "GPE"), ("Moscow", "GPE"), ("Kyiv", "GPE"), ("Kyiv", "GPE"), ("Moscow", "GPE")]
    )
    assert [e.text for e in result] == ["Moscow", "Kyiv", "Paris"]


def test_merged_entity_keeps_earliest_appearance_of_any_form() -> None:
    result = merge_mentions(
        [("Putin", "PERSON"), ("Paris", "GPE"), ("Vladimir Putin", "PERSON"), ("Paris", "GPE")]
    )
    assert result == [Entity("Vladimir Putin", "PERSON", 2), Entity("Paris", "GPE", 2)]


def test_no_mentions() -> None:
    assert merge_mentions([]) == []


# --- blank text and load failures ------------------------------------------------------------


@pytest.fixture
def isolated_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with an empty model cache, then put back whatever model was loaded before."""
    saved = (entities._state.nlp, entities._state.name, entities._state.error)
    entities.clear_cache()
    yield
    entities.clear_cache()
    entities._state.nlp, entities._state.name, entities._state.error = saved


def test_blank_text_needs_no_model(isolated_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entities, "MODEL_NAMES", ("no_such_model_xyz",))
    assert extract("") == []
    assert extract("  \n\n \t ") == []
    assert entities.model_name() is None


def test_failed_load_raises_with_reason(isolated_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entities, "MODEL_NAMES", ("no_such_model_xyz",))
    with pytest.raises(EntitiesUnavailable) as info:
        extract("Vladimir Putin spoke to Emmanuel Macron.")
    reason = str(info.value)
    assert "no_such_model_xyz" in reason and "no English model" in reason
    assert isinstance(info.value, ReaderError)
    assert entities.model_status() == reason
    with pytest.raises(EntitiesUnavailable):
        entities.load_model()


def test_missing_spacy_is_reported(isolated_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entities, "_installed", lambda module: False)
    assert entities.model_status() == "spaCy is not installed"
    with pytest.raises(EntitiesUnavailable, match="spaCy is not installed"):
        entities.load_model()


def test_import_is_cheap() -> None:
    code = "import sys, reader.entities; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the real model on the seed article ------------------------------------------------------


@pytest.fixture(scope="module")
def seed_entities() -> dict[str, Entity]:
    paragraphs = json.loads(SEED.read_text(encoding="utf-8"))["paragraphs"]
    return by_text(extract("\n\n".join(paragraphs)))


def test_model_status_is_ok_here() -> None:
    assert entities.model_status() is None


def test_loaded_model_has_only_ner() -> None:
    nlp = entities.load_model()
    assert nlp.pipe_names == ["ner"]
    assert entities.model_name() in entities.MODEL_NAMES
    assert entities.load_model() is nlp


def test_seed_putin_is_one_person(seed_entities: dict[str, Entity]) -> None:
    putin = seed_entities["Vladimir Putin"]
    assert putin.label == "PERSON"
    # The nine body paragraphs name him twice ("Vladimir Putin", then "Putin"); the title would be a third.
    assert putin.mentions >= 2
    assert "Putin" not in seed_entities


def test_seed_macron_merged(seed_entities: dict[str, Entity]) -> None:
    macron = seed_entities["Emmanuel Macron"]
    assert macron.label == "PERSON"
    # "Emmanuel Macron" + three "Macron" (one of which the small model tags ORG; majority wins).
    assert macron.mentions >= 4
    assert "Macron" not in seed_entities


def test_seed_places_and_organisations(seed_entities: dict[str, Entity]) -> None:
    assert seed_entities["Kremlin"].label in {"ORG", "FAC", "GPE"}
    assert seed_entities["Kremlin"].mentions >= 3
    for place in ("Ukraine", "Russia", "France", "Iran", "Israel", "Paris", "Moscow"):
        assert seed_entities[place].label in {"GPE", "LOC"}, place
    assert seed_entities["Ukraine"].mentions >= 8
    assert seed_entities["Middle East"].label in {"LOC", "GPE"}
    assert seed_entities["NATO"].label == "ORG"


def test_seed_iaea_merged_with_long_form(seed_entities: dict[str, Entity]) -> None:
    iaea = seed_entities["International Atomic Energy Agency"]
    assert iaea.label == "ORG"
    assert iaea.mentions == 2
    assert "IAEA" not in seed_entities


def test_seed_money_and_dates(seed_entities: dict[str, Entity]) -> None:
    money = {t for t, e in seed_entities.items() if e.label == "MONEY"}
    assert money & {"€3.7 billion", "$4.1 billion"}
    assert seed_entities["February 2022"].label == "DATE"
    assert "many years" not in seed_entities
    assert not any(e.label in {"CARDINAL", "ORDINAL"} for e in seed_entities.values())


def test_seed_order_is_by_count() -> None:
    paragraphs = json.loads(SEED.read_text(encoding="utf-8"))["paragraphs"]
    found = extract("\n\n".join(paragraphs))
    counts = [e.mentions for e in found]
    assert counts == sorted(counts, reverse=True)
    assert found[0] == Entity("Ukraine", "GPE", found[0].mentions)


def test_entities_do_not_cross_paragraphs() -> None:
    found = by_text(extract("He met Anna Schmidt\n\nBerlin hosted the summit on 3 March 2026."))
    assert "Anna Schmidt Berlin" not in found
    assert not any("\n" in text for text in found)
