"""Drop boilerplate blocks: repeats, banners, disclaimers, prompts, widgets and trailing link lists."""

from __future__ import annotations

import re

from reader.cleaning.blocks import Block, normalize
from reader.cleaning.patterns import BOILERPLATE, HEADER_META, RULE_HINTS, TAIL_HEADINGS
from reader.cleaning.syndicators import Syndicator, apply

_MAX_HEADING_WORDS = 8
_HEADER_ZONE = 3
_LINK_LINE = 0.75
_LINK_ITEM = 0.9
_TEASER_WORDS = 35
_CRUMB_WORDS = 6
_LABEL_WORDS = 5
_QUANTITY = re.compile(r"\s*\d+([.,]\d+)?(\s|[.)]\s)")
_ADDRESS_WORDS = 3
_EMAIL_LINK = re.compile(r"\[[^\]]*@[^\]]*\]\(mailto:")
_KEY_VALUE = re.compile(r":\s*\S")
_TERMINAL = tuple('.!?…"”’)»')
_STANDFIRST_WORDS = 35
_GLUED_BYLINE_WORDS = 10
_AUTHOR_NOTE = r" (is|was|writes|covers|reports|edits|has|lives|teaches|works)\b"
_AUTHOR_NOTE_ZONE = 3
_AUTHOR_NOTE_WORDS = 50


def _lowered(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool]:
    """A case-insensitive rule as a case-sensitive one over lowercased text (Python's re is faster so)."""
    if pattern.flags & re.IGNORECASE:
        return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE), True
    return pattern, False


_RULES = [(*_lowered(pattern), limit) for pattern, limit in BOILERPLATE]
_HINTS = {pattern.pattern: hints for pattern, hints in RULE_HINTS}
_HINTED_MIN = 40


def is_boilerplate(block: Block) -> bool:
    """Whether one block, on its own, is a known kind of boilerplate."""
    text = block.text.strip()
    lower = text.lower()
    words = block.words
    return any(
        words <= limit and _hinted(pattern, lower) and pattern.search(lower if low else text)
        for pattern, low, limit in _RULES
    )


def _hinted(pattern: re.Pattern[str], lower: str) -> bool:
    """False when a long text lacks every word the rule needs (substring tests are far cheaper)."""
    hints = _HINTS.get(pattern.pattern)
    return hints is None or len(lower) < _HINTED_MIN or any(h in lower for h in hints)


def tail_kind(block: Block) -> str | None:
    """The kind of non-article section a short heading-like block opens, if it opens one."""
    max_words = _MAX_HEADING_WORDS + (4 if block.kind == "h" else 0)
    if block.words > max_words or (block.link_density > 0.9 and block.kind != "h"):
        return None
    label = block.text.strip().strip(":|»>-–—•*#").strip()
    for pattern, kind in TAIL_HEADINGS:
        if pattern.fullmatch(label):
            return kind
    return None


def _is_listy(block: Block) -> bool:
    """Short lines, list items and link-heavy blocks: what follows a 'Related' heading."""
    return not block.is_prose or block.kind == "li" or block.link_density >= 0.5 or is_boilerplate(block)


def drop_tail_sections(blocks: list[Block]) -> list[Block]:
    """Drop 'Most popular', 'Related', 'Comments' and 'Disclaimer' sections and their contents."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        kind = tail_kind(blocks[i])
        if kind is None:
            out.append(blocks[i])
            i += 1
        elif kind == "end" and any(b.is_prose for b in out):
            break
        elif kind == "one":
            i += 2 if i + 1 < len(blocks) and blocks[i + 1].kind != "h" else 1
        else:
            i += 1
            while (
                i < len(blocks)
                and tail_kind(blocks[i]) is None
                and (_is_listy(blocks[i]) or _is_teaser(blocks, i))
            ):
                i += 1
    return out


def _is_teaser(blocks: list[Block], i: int) -> bool:
    """A short summary between linked headlines (or ending the page), as cards in 'Read next' have.

    A short paragraph after one inline 'Read more' link, with the story going on below it, is body.
    """
    block, before = blocks[i], blocks[i - 1]
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        block.kind == "p"
        and block.words <= _TEASER_WORDS
        and before.kind in ("p", "h")
        and before.link_density >= _LINK_LINE
        and (after is None or after.link_density >= _LINK_LINE or tail_kind(after) is not None)
    )


def drop_boilerplate(blocks: list[Block]) -> list[Block]:
    """Drop single blocks that match a boilerplate rule."""
    return [b for b in blocks if not is_boilerplate(b)]


def drop_link_lines(blocks: list[Block]) -> list[Block]:
    """Drop paragraphs and headings that are (nearly) all link text: nav rows, promos, author links.

    An e-mail address given as its own link ('write to tips@example.org') is kept: it is the text.
    """
    return [
        b for b in blocks if b.kind in ("li", "quote", "pre") or b.link_density < _LINK_LINE or _is_address(b)
    ]


def _is_address(block: Block) -> bool:
    """A block that is only an e-mail address, given as its own mailto link."""
    return block.words <= _ADDRESS_WORDS and bool(_EMAIL_LINK.search(block.md))


def drop_quoted_fragments(blocks: list[Block]) -> list[Block]:
    """Drop short blocks (pull quotes, teasers) whose words all reappear inside a longer block."""
    norms = [b.norm for b in blocks]
    long_norms = [(i, n) for i, n in enumerate(norms) if len(n.split()) > 12]
    # One substring search over all the long texts first: most blocks are in none but their own.
    joined = "\n".join(n for _, n in long_norms)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        norm = norms[i]
        words = len(norm.split())
        if (
            6 <= words <= 40
            and joined.count(norm) > (words > 12)
            and any(j != i and len(o) > len(norm) and norm in o for j, o in long_norms)
        ):
            continue
        out.append(block)
    return out


def _shingles(words: list[str], size: int = 3) -> set[tuple[str, ...]]:
    if len(words) <= size:
        return {tuple(words)}
    return set(zip(*(words[i:] for i in range(size)), strict=False))


class _Seen:
    """The longer blocks kept so far, with an index from shingle to block, to find near-duplicates fast."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, set[tuple[str, ...]]]] = []
        self.index: dict[tuple[str, ...], list[int]] = {}

    def add(self, norm: str, shingles: set[tuple[str, ...]]) -> None:
        for shingle in shingles:
            self.index.setdefault(shingle, []).append(len(self.blocks))
        self.blocks.append((norm, shingles))

    def near_duplicate(self, norm: str, shingles: set[tuple[str, ...]]) -> bool:
        """Whether a kept block contains norm (40+ characters) or shares 0.9 of the shingles with it.

        Either needs most of norm's shingles in the other block (all but the two that a word cut
        at either end of a contained text can spoil), so only blocks sharing that many are compared.
        """
        shared: dict[int, int] = {}
        for shingle in shingles:
            for i in self.index.get(shingle, ()):
                shared[i] = shared.get(i, 0) + 1
        need = min(len(shingles) - 2, 0.9 * len(shingles))
        return any(_near(norm, shingles, *self.blocks[i]) for i, count in shared.items() if count >= need)


def _near(
    norm: str, shingles: set[tuple[str, ...]], other: str, other_shingles: set[tuple[str, ...]]
) -> bool:
    if len(norm) >= 40 and norm in other:
        return True
    small, big = sorted((len(shingles), len(other_shingles)))
    if small < 0.9 * big:  # a Jaccard index of 0.9 needs sets of near-equal size
        return False
    common = len(shingles & other_shingles)
    union = small + big - common
    return bool(union) and common / union >= 0.9


def drop_duplicates(blocks: list[Block], compare_limit: int = 1500) -> list[Block]:
    """Keep the first of exact or near-duplicate blocks (a body printed twice comes out once)."""
    out: list[Block] = []
    exact: set[str] = set()
    seen = _Seen()
    for block in blocks:
        norm = block.norm
        if not norm or (norm in exact and len(norm) >= 12):
            continue
        words = norm.split()
        shingles = _shingles(words)
        if len(words) >= 8 and len(seen.blocks) < compare_limit and seen.near_duplicate(norm, shingles):
            continue
        exact.add(norm)
        if len(words) >= 8:
            seen.add(norm, shingles)
        out.append(block)
    return out


def drop_title_repeats(blocks: list[Block], titles: list[str | None]) -> list[Block]:
    """Drop blocks that only repeat the title (or the page's other headline forms).

    Near the top, a headline run together with a short byline ('Headline Jane Doe · 1 May') goes too.
    """
    norms = {normalize(t) for t in titles if t and normalize(t)}
    return [
        b
        for i, b in enumerate(blocks)
        if b.norm not in norms and not (i < _HEADER_ZONE and _title_and_byline(b.norm, norms))
    ]


def _title_and_byline(norm: str, titles: set[str]) -> bool:
    return any(
        norm.startswith(t) and len(norm[len(t) :].split()) <= _GLUED_BYLINE_WORDS
        for t in titles
        if len(t.split()) >= 3
    )


def drop_wordless(blocks: list[Block]) -> list[Block]:
    """Drop paragraphs with no letter or digit (rules drawn with '___' or '* * *')."""
    return [b for b in blocks if b.kind != "p" or any(c.isalnum() and c != "_" for c in b.text)]


def _is_header_meta(block: Block, byline: str | None) -> bool:
    if block.words > 12 or block.kind in ("li", "quote"):
        return False
    norm = block.norm
    if byline and norm in (normalize(byline), normalize("by " + byline)):
        return True
    if byline and normalize(byline) and norm.startswith(normalize(byline) + " "):
        return True  # "Jane Doe · Dec 1, 2026 · 6 min read"
    return block.words <= 10 and any(p.search(block.text) for p in HEADER_META)


def drop_header_meta(blocks: list[Block], byline: str | None) -> list[Block]:
    """Drop bylines, datelines and reading times near the top (and a repeated byline anywhere).

    A short paragraph standing before the top byline is the standfirst, and goes with it.
    """
    out: list[Block] = []
    for block in blocks:
        if _is_header_meta(block, byline) and (len(out) < _HEADER_ZONE or _is_byline(block, byline)):
            if len(out) < _HEADER_ZONE and _names_author(block, byline) and all(map(_is_standfirst, out)):
                out = []
            continue
        out.append(block)
    return out


def _names_author(block: Block, byline: str | None) -> bool:
    """Whether a header line is the byline ('By Jane Doe', 'Jane Doe · 4 min read'), not only a date."""
    if byline and normalize(byline) and block.norm.startswith(normalize(byline)):
        return True
    return bool(HEADER_META[0].search(block.text))


def _is_standfirst(block: Block) -> bool:
    return block.kind == "p" and block.words <= _STANDFIRST_WORDS


def drop_author_notes(blocks: list[Block], byline: str | None) -> list[Block]:
    """Drop a closing note about the author ('Jane Doe writes about rivers ...') among the last blocks."""
    if not byline or not normalize(byline):
        return blocks
    note = re.compile(re.escape(normalize(byline)) + _AUTHOR_NOTE)
    tail = len(blocks) - _AUTHOR_NOTE_ZONE
    return [
        b for i, b in enumerate(blocks) if i < tail or b.words > _AUTHOR_NOTE_WORDS or not note.match(b.norm)
    ]


def _is_byline(block: Block, byline: str | None) -> bool:
    return bool(byline) and block.norm == normalize(byline or "")


def drop_leading_labels(blocks: list[Block]) -> list[Block]:
    """Drop short label lines ('NEWS PROVIDED BY', a name, a section) that come before the first paragraph."""
    first = next((i for i, b in enumerate(blocks) if b.is_prose), 0)
    if _counts_things(blocks[:first]):  # a recipe's ingredients, a ranked list: content, not labels
        return blocks
    return [b for i, b in enumerate(blocks) if i >= first or not _is_short_line(b)]


def drop_trailing_labels(blocks: list[Block]) -> list[Block]:
    """Drop the short label lines that end the body: widget crumbs ('Follow us', 'Facebook:', '17K')."""
    end = len(blocks)
    while end and _is_label(blocks[end - 1]):
        end -= 1
    # No quantity test here, unlike drop_leading_labels: what trails a story is prices, dates and
    # follower counts far more often than a list set as bare paragraphs (lists come as <li>, kept).
    return blocks[:end] if any(b.is_prose for b in blocks[:end]) else blocks


def _counts_things(blocks: list[Block]) -> bool:
    """Whether a run of short lines holds one opening with a quantity or rank ('300 g flour', '2. Main')."""
    return any(_QUANTITY.match(b.text) for b in blocks)


def _is_short_line(block: Block) -> bool:
    """A paragraph of a few words with no sentence end."""
    return block.kind == "p" and block.words <= _LABEL_WORDS and not block.text.rstrip().endswith(_TERMINAL)


def _is_label(block: Block) -> bool:
    """A short line that is not 'Key: value' (a contact line is content)."""
    return _is_short_line(block) and not _KEY_VALUE.search(block.text.rstrip())


def drop_trailing_link_list(blocks: list[Block]) -> list[Block]:
    """Drop a list of links that ends the body with no heading of its own: related stories.

    Short link items before the first paragraph (a breadcrumb trail) go too.
    """
    end = len(blocks)
    while end and _is_link_item(blocks[end - 1]):
        end -= 1
    start = 0
    while start < end and _is_link_item(blocks[start]) and blocks[start].words <= _CRUMB_WORDS:
        start += 1
    return blocks[start:end]


def _is_link_item(block: Block) -> bool:
    return block.kind == "li" and block.link_density >= _LINK_ITEM


def drop_dangling_headings(blocks: list[Block]) -> list[Block]:
    """Drop headings left with no content after them."""
    out = list(blocks)
    while out and out[-1].kind == "h":
        out.pop()
    return out


def filter_blocks(
    blocks: list[Block], titles: list[str | None], byline: str | None, syndicator: Syndicator | None = None
) -> list[Block]:
    """Run every block filter, in order."""
    blocks = apply([b for b in blocks if b.text.strip()], syndicator)
    blocks = drop_title_repeats(blocks, titles)
    blocks = drop_wordless(blocks)
    blocks = drop_tail_sections(blocks)
    blocks = drop_boilerplate(blocks)
    blocks = drop_link_lines(blocks)
    blocks = drop_duplicates(blocks)
    blocks = drop_quoted_fragments(blocks)
    blocks = drop_header_meta(blocks, byline)
    blocks = drop_author_notes(blocks, byline)
    blocks = drop_leading_labels(blocks)
    return drop_dangling_headings(drop_trailing_labels(drop_trailing_link_list(blocks)))
