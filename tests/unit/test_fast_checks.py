"""The fast paths' plainness checks agree with their definition as one regular expression."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from reader.parsing.fast import NotPlain, simple_html

# The definition: text without markup characters and the sanitizer's own tags, as one full match.
DEFINITION = re.compile(
    r"""(?:[^<>&]++
          | </?(?:p|em|strong|b|i|ul|ol|li|blockquote|h[1-6])>
          | <a\ href="https?://[^\s<>&"'\\]+"> | </a>
          | <br\ ?/?>
        )*+\Z""",
    re.VERBOSE,
)
PIECES = [
    "<p>", "</p>", "<em>", "</b>", "<h2>", "<h7>", "<br>", "<br/>", "<br />", "</a>", "<", ">", "&",
    '<a href="https://x.org/a">', '<a href="ftp://x">', "&amp;", "<p", "p>", " ", "word", "\u00e9", '"',
    "<script>",
]  # fmt: skip


def _element(text: str) -> etree._Element:
    element = etree.Element("description")
    element.text = text
    return element


def _accepted(text: str) -> bool:
    try:
        simple_html(_element(text))
    except NotPlain:
        return False
    return True


@settings(max_examples=3000, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_simple_html_accepts_exactly_what_the_definition_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _accepted(text) == bool(DEFINITION.match(text.strip()))


def test_simple_html_writes_breaks_as_the_sanitizer_does() -> None:
    assert simple_html(_element("<p>a<br>b</p>")) == "<p>a<br />b</p>"
    assert simple_html(_element("  plain words  ")) == "plain words"
