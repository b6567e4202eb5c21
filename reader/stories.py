"""When two articles are the same story: shared 4-word shingles of their cleaned text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from typing import NamedTuple
from zlib import crc32

_WORDS = re.compile(r"\w+")
SHINGLE = 4
# Share of the shorter article's shingles the longer one must hold to be the same story: copies
# differ in headline, lead, boilerplate and trailers, distinct stories on one topic share far less.
SAME_STORY = 0.5
# A headline this long, repeated word for word in another feed within the window, is the same story.
TITLE_WORDS = 6


# One text's lede (its first paragraphs, LEDE_WORDS words at least) must be this much in the other:
# two press releases of one company share their About, safe-harbour and contact boilerplate, often
# more than half of each, but not their news, which comes first. Either lede will do, so a copy
# that put a new paragraph of its own on top still matches by the original's lede.
LEDE_WORDS = 25
LEDE_SHARED = 0.45


class Shingled(NamedTuple):
    """A text's shingles, and those of its lede."""

    all: frozenset[int]
    lede: frozenset[int]


def _words(paragraphs: Iterable[str]) -> tuple[list[str], int]:
    """The text's lower-cased words, and how many of them its lede has."""
    words: list[str] = []
    lede = 0
    for paragraph in paragraphs:
        words.extend(w.lower() for w in _WORDS.findall(paragraph))
        if not lede and len(words) >= LEDE_WORDS:
            lede = len(words)
    return words, lede or len(words)


def _hashed(words: list[str]) -> list[int]:
    return [crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(max(len(words) - SHINGLE + 1, 0))]


def shingled(paragraphs: Iterable[str]) -> Shingled:
    """A text's hashed, lower-cased 4-word shingles, with its lede's, for same_story."""
    words, lede = _words(paragraphs)
    return Shingled(frozenset(_hashed(words)), frozenset(_hashed(words[:lede])))


def containment(first: Set[int], second: Set[int]) -> float:
    """How much of the smaller shingle set the other holds (0 to 1)."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def same_story(first: Shingled, second: Shingled) -> bool:
    """True when two articles' texts are copies of one story: most shared, and one's lede in the other."""
    if min(len(first.all), len(second.all)) < 8 or containment(first.all, second.all) < SAME_STORY:
        return False
    return any(
        len(text.lede & other.all) >= LEDE_SHARED * len(text.lede)
        for text, other in ((first, second), (second, first))
    )


# Texts sharing less than this are different stories, whatever their address or headline says.
UNRELATED = 0.2
# A sketch keeps the shingle hashes divisible by SKETCH_EVERY (about one in 16, at most SKETCH_MOST):
# a shingle two texts share is kept in both sketches, so copies share sketch hashes even when one
# is much shorter than the other. Candidates must share SKETCH_SHARED of them.
SKETCH_EVERY = 8
SKETCH_MOST = 64
SKETCH_SHARED = 2


def sketch(hashes: Set[int]) -> list[int]:
    """A consistent sample of a text's shingle hashes: similar texts share many of them."""
    return sorted(h for h in hashes if h % SKETCH_EVERY == 0)[:SKETCH_MOST]
