"""The block: one paragraph, heading, list item, quote or code run of an article body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_NON_WORD = re.compile(r"[^\w]+")
_TERMINAL = tuple('.!?…"”’)»')


@dataclass(frozen=True)
class Block:
    """One body block as plain text and as inline Markdown."""

    kind: str  # "p", "h", "li", "quote", "pre" or "table"
    text: str
    md: str
    level: int = 0  # heading level, or list depth for items
    ordered: bool = False
    link_density: float = 0.0
    tag: str = "p"

    @cached_property
    def words(self) -> int:
        """How many words the block has."""
        return len(self.text.split())

    @cached_property
    def norm(self) -> str:
        """The block's text as lowercase words (what the filters compare)."""
        return normalize(self.text)

    @property
    def is_prose(self) -> bool:
        """Whether the block reads like a sentence-bearing paragraph rather than a label or link."""
        if self.kind in ("h", "pre", "table") or self.link_density > 0.5:
            return False
        return self.words >= 16 or (self.words >= 8 and self.text.rstrip().endswith(_TERMINAL))


def collapse(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) into single spaces."""
    return " ".join(text.split())  # str.split() knows the same whitespace as \s, no-break space included


def normalize(text: str) -> str:
    """Lowercase words only, for comparing blocks."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def word_count(blocks: list[Block]) -> int:
    """Total words over blocks."""
    return sum(b.words for b in blocks)
