"""The keys that find copies of a story: a normalised address and a folded headline."""

from __future__ import annotations

from reader.keys import title_key, url_key


def test_an_address_loses_scheme_www_fragment_trailing_slash_and_tracking() -> None:
    assert url_key("https://www.Wire.example/2026/12/port-deal/?utm_source=rss&id=7#top") == (
        "wire.example/2026/12/port-deal?id=7"
    )
    assert url_key("http://wire.example/2026/12/port-deal") == "wire.example/2026/12/port-deal"
    assert url_key("https://wire.example/a?fbclid=x&utm_medium=feed") == "wire.example/a"


def test_no_address_or_a_bare_front_page_gives_no_key() -> None:
    assert url_key(None) is None and url_key("") is None and url_key("not a url") is None
    assert url_key("https://www.outlet.example/") is None and url_key("https://outlet.example") is None
    assert url_key("https://outlet.example/?p=123") == "outlet.example/?p=123"


def test_a_headline_is_folded_to_lower_case_words() -> None:
    assert title_key("Kenya, Tanzania  sign POWER-line deal!") == "kenya tanzania sign power line deal"
