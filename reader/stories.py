"""When two articles are the same story: shared 4-word shingles of their cleaned text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from zlib import crc32

_WORDS = re.compile(r"\w+")
SHINGLE = 4
# Share of the shorter article's shingles the longer one must hold to be the same story: copies
# differ in headline, lead, boilerplate and trailers, distinct stories on one topic share far less.
SAME_STORY = 0.5
# A headline this long, repeated word for word in another feed within the window, is the same story.
TITLE_WORDS = 6


def shingles(paragraphs: Iterable[str]) -> set[int]:
    """The hashed, lower-cased 4-word shingles of a text."""
    words = [w.lower() for p in paragraphs for w in _WORDS.findall(p)]
    return {crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(max(len(words) - SHINGLE + 1, 0))}


def containment(first: set[int], second: set[int]) -> float:
    """How much of the smaller shingle set the other holds (0 to 1)."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def same_story(first: set[int], second: set[int]) -> bool:
    """True when two articles' texts are copies of one story."""
    return min(len(first), len(second)) >= 8 and containment(first, second) >= SAME_STORY


# Texts sharing less than this are different stories, whatever their address or headline says.
UNRELATED = 0.2
# A sketch keeps the shingle hashes divisible by SKETCH_EVERY (about one in 16, at most SKETCH_MOST):
# a shingle two texts share is kept in both sketches, so copies share sketch hashes even when one
# is much shorter than the other. Candidates must share SKETCH_SHARED of them.
SKETCH_EVERY = 8
SKETCH_MOST = 64
SKETCH_SHARED = 2


def sketch(hashes: set[int]) -> list[int]:
    """A consistent sample of a text's shingle hashes: similar texts share many of them."""
    return sorted(h for h in hashes if h % SKETCH_EVERY == 0)[:SKETCH_MOST]
