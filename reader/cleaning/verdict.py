"""Decide whether what was found is an article, and if not, why not."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.cleaning.blocks import Block, word_count
from reader.cleaning.patterns import CONSENT_RULE, CONSENT_WORDS, ERROR_RULES, NOT_FOUND, PAYWALL_RULE

_MIN_WORDS = 25
# A paywall class name alone is weak evidence (sites put offer links on free stories too): only a
# body shorter than a short news brief counts as the teaser it hides.
_PAYWALL_MARKUP_WORDS = 60


class Signals(NamedTuple):
    """Page-level hints gathered before filtering."""

    titles: tuple[str, ...] = ()
    free: bool | None = None
    paywall_markup: bool = False
    page_text: str = ""


def _matches(blocks: list[Block], rule: tuple[re.Pattern[str], int]) -> bool:
    pattern, limit = rule
    if pattern.flags & re.IGNORECASE:  # Python's re is faster case-sensitive over lowercased text
        lowered = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        return any(b.words <= limit and lowered.search(b.text.lower()) for b in blocks)
    return any(b.words <= limit and pattern.search(b.text) for b in blocks)


def _is_link_list(raw: list[Block]) -> bool:
    chars = sum(len(b.text) for b in raw)
    link_chars = sum(len(b.text) * b.link_density for b in raw)
    prose = [b for b in raw if b.is_prose and b.link_density < 0.3 and b.words >= 20]
    return chars > 0 and link_chars / chars > 0.5 and len(prose) < 2


def _consent_only(body: list[Block], page_text: str) -> bool:
    """Whether the page keeps talking about cookies and what was found has not one paragraph of prose.

    Footers and privacy links name cookies too, so a short story with a real paragraph is kept.
    """
    if any(b.is_prose and b.words >= _MIN_WORDS for b in body):
        return False
    return len(CONSENT_WORDS.findall(page_text[:20000])) >= 3


def judge(raw: list[Block], body: list[Block], signals: Signals) -> str | None:
    """The reason the page is not an article, or None when it is one."""
    words = word_count(body)
    not_found = any(NOT_FOUND.search(t) for t in signals.titles if len(t.split()) <= 12)
    if words < 150 and (not_found or any(_matches(raw, rule) for rule in ERROR_RULES)):
        return "page not found"
    if (
        words < 250
        and _matches(raw, PAYWALL_RULE)
        or words < 100
        and signals.free is False
        or words < _PAYWALL_MARKUP_WORDS
        and signals.paywall_markup
    ):
        return "paywall"
    if words < 100 and (_matches(raw, CONSENT_RULE) or _consent_only(body, signals.page_text)):
        return "consent wall"
    if words < 150 and _is_link_list(raw):
        return "list of links"
    if words < _MIN_WORDS:
        return "no article text"
    return None
