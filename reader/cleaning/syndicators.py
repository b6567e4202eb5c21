"""Per-syndicator rules for press-release wires and aggregators: how to spot them, what to drop."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from reader.cleaning.blocks import Block

_I = re.IGNORECASE


class Syndicator(NamedTuple):
    """A wire service: host and text markers, and the blocks or elements its pages add."""

    name: str
    host: re.Pattern[str]  # searched in the page URL's host
    marker: re.Pattern[str]  # searched in the page text (the dateline wire tag), for pages with no URL
    drop: tuple[str, ...] = ()  # selectors ("tag", ".class", "#id", "tag.class") removed before extraction
    drop_blocks: tuple[re.Pattern[str], ...] = ()  # a block matching one of these is dropped
    end_blocks: tuple[re.Pattern[str], ...] = ()  # a block matching one of these ends the body
    max_words: int = 40  # the longest block drop_blocks and end_blocks may match
    contact_lines: bool = False  # whether the short name/phone lines just before an end marker go too


def _any(*patterns: str, flags: int = _I) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


_CONTACT = r"^\W*(media |press |investor |company )?contacts?( information| info| details| data)?\b\W*"

SYNDICATORS: tuple[Syndicator, ...] = (
    Syndicator(
        "PR Newswire",
        re.compile(r"(^|\.)prnewswire\.(com|co\.uk)$", _I),
        re.compile(r"/\s*PRNewswire(-\w+)?\s*/"),
        drop=(".release-more-news", ".more-releases"),
        # "SOURCE Company" stays: the demo's UI snapshots count the company among the entities.
        drop_blocks=_any(r"^view original content", flags=0),
        end_blocks=_any(r"^\W*view original content\b"),
    ),
    Syndicator(
        "GlobeNewswire",
        re.compile(r"(^|\.)globenewswire\.com$", _I),
        re.compile(r"\(\s*GLOBE\s*NEWSWIRE\s*\)"),
        drop=(".tags-container", ".related-news", ".article-published-source"),
        drop_blocks=_any(r"^\W*(attachments?|follow|tags)\W*$"),
        end_blocks=_any(r"^\W*contact data\b", r"^\W*related (news|links)\W*$"),
    ),
    Syndicator(
        "Business Wire",
        re.compile(r"(^|\.)businesswire\.com$", _I),
        re.compile(r"\(\s*BUSINESS\s+WIRE\s*\)"),
        drop=(".bw-release-social", ".bw-release-contact"),
        end_blocks=_any(_CONTACT + r"$", r"^\W*social media profiles\W*$", r"^\W*more news from\b"),
    ),
    Syndicator(
        "ACCESSWIRE",
        re.compile(r"(^|\.)accesswire\.com$", _I),
        re.compile(r"/\s*ACCESSWIRE\s*/"),
        drop_blocks=_any(r"^\W*SOURCE\s*:", r"^view the original press release\b"),
        end_blocks=_any(_CONTACT),
    ),
    Syndicator(
        "EIN Presswire",
        re.compile(r"(^|\.)einpresswire\.com$", _I),
        re.compile(r"/\s*EINPresswire\.com\s*/", _I),
        drop=(".side_column",),
        end_blocks=_any(
            r"\bemail us here\b",
            r"visit us on social media",
            r"^\W*legal disclaimer\W*$",
            r"^\W*you just read\W*$",
        ),
        max_words=60,
        contact_lines=True,
    ),
    Syndicator(
        "MENAFN",
        re.compile(r"(^|\.)menafn\.com$", _I),
        re.compile(r"\(MENAFN[\s\-–—)]"),
        drop=(".disclaimer",),
        end_blocks=_any(r"^\W*legal disclaimer\b", r"^\W*most popular stories\W*$"),
    ),
)


def detect(url: str | None, text: str, site: str | None = None) -> Syndicator | None:
    """The syndicator whose host, site name or dateline marker the page carries, if any."""
    host = re.sub(r"^[a-z]+://", "", (url or "").lower()).split("/")[0].split(":")[0]
    head = text[:20000]
    for rule in SYNDICATORS:
        if (host and rule.host.search(host)) or rule.marker.search(head):
            return rule
        if site and site.strip().lower() == rule.name.lower():
            return rule
    return None


def _matches(selector: str, el: Any) -> bool:
    tag, _, rest = selector.partition(".") if "." in selector else selector.partition("#")
    if tag and el.tag != tag:
        return False
    if not rest:
        return True
    if "#" in selector:
        return bool(el.get("id") == rest)
    return rest in (el.get("class") or "").split()


def drop_elements(doc: Any, rule: Syndicator) -> None:
    """Remove the elements the syndicator's selectors name."""
    if not rule.drop:
        return
    for el in list(doc.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and any(_matches(s, el) for s in rule.drop):
            el.drop_tree()


def apply(blocks: list[Block], rule: Syndicator | None) -> list[Block]:
    """Drop the syndicator's boilerplate blocks and cut the body at its first end marker."""
    if rule is None:
        return blocks
    out: list[Block] = []
    for block in blocks:
        short = block.words <= rule.max_words
        if short and out and any(p.search(block.text) for p in rule.end_blocks):
            while rule.contact_lines and len(out) > 1 and out[-1].words <= 6 and not out[-1].is_prose:
                out.pop()
            break
        if short and any(p.search(block.text) for p in rule.drop_blocks):
            continue
        out.append(block)
    return out
