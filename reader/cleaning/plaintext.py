"""Plain-text pages: lines become blocks, and the title is the first real headline line."""

from __future__ import annotations

import re

from reader.cleaning.blocks import Block, collapse
from reader.cleaning.filtering import is_boilerplate, tail_kind
from reader.cleaning.markdown import escape_inline, escape_line_start

_BULLET = re.compile(r"^\s*([-*•·–]|\d{1,3}[.)])\s+")
_ENDS_SENTENCE = tuple('.!?:;…"”’)]»')
_MAX_TITLE_WORDS = 30


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line not ending a sentence, followed by one starting lowercase."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line[:1].islower() and not out[-1].endswith(_ENDS_SENTENCE):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _line_block(line: str) -> Block:
    bullet = _BULLET.match(line)
    if bullet:
        text = collapse(line[bullet.end() :])
        ordered = bullet.group(1)[0].isdigit()
        return Block("li", text, escape_line_start(escape_inline(text)), 1, ordered, tag="li")
    text = collapse(line)
    return Block("p", text, escape_line_start(escape_inline(text)))


def text_to_blocks(text: str) -> list[Block]:
    """Every non-empty line of the text as a block, hard-wrapped lines joined."""
    lines = [collapse(line) for line in text.splitlines()]
    return [_line_block(line) for line in _unwrap([ln for ln in lines if ln]) if line_ok(line)]


def line_ok(line: str) -> bool:
    """Whether a line has any letters or digits at all."""
    return any(ch.isalnum() for ch in line)


def _title_like(block: Block) -> bool:
    return (
        block.kind == "p"
        and 2 <= block.words <= _MAX_TITLE_WORDS
        and not block.text.endswith((".", ":", ";", ","))
        and not is_boilerplate(block)
        and tail_kind(block) is None
    )


def split_title(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The title (first headline-like line followed by prose) and the blocks after it."""
    for i, block in enumerate(blocks[:-1]):
        if is_boilerplate(block):
            continue
        if block.is_prose and not _title_like(block):
            return None, blocks[i:]
        if _title_like(block) and blocks[i + 1].is_prose:
            return block.text, blocks[i + 1 :]
    return None, blocks
