"""Text from the network cannot drive the terminal or be read as markup."""

from __future__ import annotations

from reader.sanitize import clean_block, clean_line, strip_control


def test_escape_sequences_and_control_characters_are_removed() -> None:
    hostile = "Hi\x1b[2J\x1b]0;pwned\x07 there\x1b[31m red\x1b[0m\x00\x08\x9b1m!"
    assert strip_control(hostile) == "Hi there red!"


def test_bidirectional_overrides_are_removed() -> None:
    assert strip_control("abc\u202edef\u2066") == "abcdef"


def test_a_line_is_folded_to_one_line_and_shortened() -> None:
    assert clean_line("  Breaking:\n\tnews \u00a0 today ") == "Breaking: news today"
    assert clean_line("x" * 20, limit=10) == "x" * 9 + "…"
    assert clean_line(None) == ""


def test_a_block_keeps_its_paragraphs() -> None:
    assert clean_block("One\r\n\r\nTwo\x1b[1m") == "One\n\nTwo"
