"""Markdown rendering of body blocks, escaping text so it renders as written."""

from __future__ import annotations

import re
from urllib.parse import quote

from reader.cleaning.blocks import Block

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LEADING = re.compile(r"^([#>+=|~-])")
_ORDERED = re.compile(r"^(\d+)([.)])(\s|$)")
_ENTITY = re.compile(r"&(#?\w+;)")


def escape_inline(text: str) -> str:
    """Backslash-escape the characters Markdown treats as inline markup."""
    return _ENTITY.sub(r"&amp;\1", _INLINE_SPECIAL.sub(r"\\\1", text))


def escape_line_start(md: str) -> str:
    """Escape a block's first character when Markdown would read it as block markup."""
    md = _LEADING.sub(r"\\\1", md)
    return _ORDERED.sub(r"\1\\\2\3", md)


def link_target(url: str) -> str:
    """Percent-encode the characters that would end a Markdown link target early."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def table_cell(md: str) -> str:
    """Inline Markdown made safe for a table cell: pipes escaped, never empty."""
    return md.replace("|", "\\|") or " "


def table_markdown(rows: list[list[str]]) -> str:
    """A Markdown table from rows of cell Markdown; the first row is the header."""
    lines = ["| " + " | ".join(table_cell(c) for c in row) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * len(rows[0]))
    return "\n".join(lines)


def render_block(block: Block) -> str:
    """One block as Markdown."""
    if block.kind == "table":
        return block.md
    if block.kind == "h":
        return "#" * min(max(block.level, 2), 6) + " " + block.md
    if block.kind == "li":
        marker = "1." if block.ordered else "-"
        return "  " * max(block.level - 1, 0) + marker + " " + block.md
    if block.kind == "quote":
        return "> " + block.md
    if block.kind == "pre":
        fence = "````" if "```" in block.md else "```"
        return f"{fence}\n{block.md}\n{fence}"
    return block.md


def render(blocks: list[Block]) -> str:
    """The blocks as one Markdown document; consecutive list items stay one list."""
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            tight = block.kind == "li" and blocks[i - 1].kind == "li"
            parts.append("\n" if tight else "\n\n")
        parts.append(render_block(block))
    return "".join(parts)
