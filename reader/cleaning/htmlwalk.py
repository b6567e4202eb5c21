"""Turn an HTML subtree into body blocks with plain text and inline Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urljoin

from reader.cleaning.blocks import Block, collapse
from reader.cleaning.markdown import escape_inline, escape_line_start, link_target, table_markdown


def _tags(names: str) -> frozenset[str]:
    """A set of tag names from a space-separated string."""
    return frozenset(names.split())


DROP_TAGS = _tags(
    "script style noscript iframe object embed svg template canvas button select input textarea option "
    "label head title meta link img picture source video audio map area math"
)
BLOCK_TAGS = _tags(
    "p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li blockquote pre table "
    "thead tbody tfoot tr dl dt dd figure figcaption hr address center fieldset details summary caption "
    "body html form"
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")
_BR = "\u2028"  # what a <br> adds, told apart from newlines in the source text
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\u2028\s*\u2028")
_TERMINAL = tuple('.!?…"”’)»:;,')
_LINK_OPEN, _LINK_CLOSE = "\ue000", "\ue001"  # bracket link text in the plain buffer, to measure density
_LINK_MARKS = re.compile("([\ue000\ue001])")
_LABEL_WORDS = 12
MAX_DEPTH = 150
_MAX_CELLS = 2000


class _Ctx(NamedTuple):
    kind: str = "p"
    level: int = 0
    ordered: bool = False
    depth: int = 0
    tag: str = "p"


@dataclass
class _Inline:
    plain: list[str] = field(default_factory=list)
    md: list[str] = field(default_factory=list)


def safe_url(href: str | None, base: str | None) -> str | None:
    """An absolute http(s)/mailto URL for href, or None for javascript:, data: and the like."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("#"):
        return None
    try:
        absolute = urljoin(base, href) if base else href
    except ValueError:
        return None
    return absolute if absolute.lower().startswith(_SAFE_SCHEMES) else None


class _Walker:
    """Depth-first walk that flushes a block at every block-level element."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.buf = _Inline()
        self.in_link = 0

    def visit(self, el: Any, ctx: _Ctx) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in DROP_TAGS:
            return
        if ctx.depth > MAX_DEPTH:
            self.add_text(el.text_content())
            return
        if tag == "br":
            self.add_raw(_BR, _BR)
        elif tag == "pre":
            self.flush(ctx)
            self.blocks_append_pre(el, ctx)
        elif tag == "table" and (rows := data_table_rows(el)):
            self.flush(ctx)
            self.blocks_append_table(el, rows, ctx)
        elif tag in BLOCK_TAGS:
            inner = self.child_ctx(tag, ctx)
            self.flush(ctx)
            self.children(el, inner)
            self.flush(inner)
        elif tag == "a":
            self.wrap_link(el, ctx)
        elif tag in ("strong", "b"):
            self.wrap(el, ctx, "**")
        elif tag in ("em", "i"):
            self.wrap(el, ctx, "*")
        elif tag == "code":
            code = collapse(el.text_content())
            if code:
                self.add_raw(code, "`" + code.replace("`", "'") + "`")
        elif tag in ("td", "th") and _is_layout_cell(el):
            self.flush(ctx)
            self.children(el, ctx._replace(depth=ctx.depth + 1))
            self.flush(ctx)
        elif tag in ("td", "th"):
            self.add_raw(" ", " ")
            self.children(el, ctx._replace(depth=ctx.depth + 1))
            self.add_raw(" ", " ")
        else:
            self.children(el, ctx._replace(depth=ctx.depth + 1))

    def child_ctx(self, tag: str, ctx: _Ctx) -> _Ctx:
        depth = ctx.depth + 1
        if tag[0] == "h" and tag[1:].isdigit():
            return _Ctx("h", int(tag[1]), depth=depth, tag=tag)
        if tag in ("ul", "ol"):
            return ctx._replace(
                ordered=tag == "ol", level=ctx.level + 1 if ctx.kind == "li" else 1, depth=depth
            )
        if tag == "li":
            return _Ctx("li", max(ctx.level, 1), ctx.ordered, depth, tag)
        if tag == "blockquote":
            return _Ctx("quote", depth=depth, tag=tag)
        if tag in ("figcaption", "caption", "dt", "dd", "address"):
            return ctx._replace(depth=depth, tag=tag)
        return ctx._replace(depth=depth)

    def children(self, el: Any, ctx: _Ctx) -> None:
        if el.text:
            self.add_text(el.text)
        for child in el:
            self.visit(child, ctx)
            if child.tail:
                self.add_text(child.tail)

    def add_text(self, text: str) -> None:
        self.add_raw(text, escape_inline(text))

    def add_raw(self, plain: str, md: str) -> None:
        self.buf.plain.append(plain)
        self.buf.md.append(md)

    def capture(self, el: Any, ctx: _Ctx) -> tuple[str, str]:
        """Visit el's children and take back the plain and Markdown text they added."""
        mark_plain, mark_md = len(self.buf.plain), len(self.buf.md)
        self.children(el, ctx._replace(depth=ctx.depth + 1))
        plain = "".join(self.buf.plain[mark_plain:])
        md = "".join(self.buf.md[mark_md:])
        del self.buf.plain[mark_plain:], self.buf.md[mark_md:]
        return plain, md

    def wrap_link(self, el: Any, ctx: _Ctx) -> None:
        if _has_blocks(el):  # a card (teaser, related story): every block inside is link text
            self.flush(ctx)
            self.in_link += 1
            self.children(el, ctx._replace(depth=ctx.depth + 1))
            self.flush(ctx)
            self.in_link -= 1
            return
        plain, md = self.capture(el, ctx)
        url = safe_url(el.get("href"), self.base_url)
        if url and collapse(plain) and "\n" not in md and _BR not in md:
            lead, core, trail = _split_space(md)
            md = f"{lead}[{core}]({link_target(url)}){trail}"
        self.add_raw(_LINK_OPEN + plain + _LINK_CLOSE, md)

    def wrap(self, el: Any, ctx: _Ctx, mark: str) -> None:
        plain, md = self.capture(el, ctx)
        lead, core, trail = _split_space(md)
        if core and "\n" not in core and _BR not in core:
            md = f"{lead}{mark}{core}{mark}{trail}"
        self.add_raw(plain, md)

    def blocks_append_pre(self, el: Any, ctx: _Ctx) -> None:
        code = el.text_content().strip("\n")
        if code.strip():
            self.blocks.append(Block("pre", collapse(code), code, tag="pre"))

    def blocks_append_table(self, table: Any, rows: list[list[Any]], ctx: _Ctx) -> None:
        """A data table as one block: cells joined by ' | ', rows by newlines; Markdown as a table."""
        for caption in table.iter("caption"):
            self.children(caption, ctx._replace(depth=ctx.depth + 1, tag="caption"))
            self.flush(ctx._replace(tag="caption"))
        plain_rows: list[list[str]] = []
        md_rows: list[list[str]] = []
        linked = total = 0.0
        for row in rows:
            plain_rows.append([])
            md_rows.append([])
            for cell in row:
                plain, md = self.capture(cell, ctx)
                text, density, _ = _unmark(plain, False)
                text = collapse(text)
                plain_rows[-1].append(text)
                md_rows[-1].append(collapse(md))
                total += len(text)
                linked += density * len(text)
        text = "\n".join(" | ".join(cells) for cells in plain_rows)
        if any(any(cells) for cells in plain_rows):
            density = linked / total if total else 0.0
            self.blocks.append(
                Block("table", text, table_markdown(md_rows), link_density=density, tag="table")
            )

    def flush(self, ctx: _Ctx) -> None:
        plain, md = "".join(self.buf.plain), "".join(self.buf.md)
        self.buf = _Inline()
        plains, mds = _split_lines(_PARAGRAPH_BREAK.split(plain.strip()), _PARAGRAPH_BREAK.split(md.strip()))
        inside = False
        for p, m in zip(plains, mds, strict=True):
            raw, density, inside = _unmark(p, inside)
            density = 1.0 if self.in_link else density
            text = collapse(raw)
            if text:
                md_line = escape_line_start(collapse(m))
                self.blocks.append(Block(ctx.kind, text, md_line, ctx.level, ctx.ordered, density, ctx.tag))


def _unmark(plain: str, inside: bool) -> tuple[str, float, bool]:
    """Plain text without link marks, the share of its characters in links, and whether a link is open."""
    if _LINK_OPEN not in plain and _LINK_CLOSE not in plain:
        return plain, (1.0 if inside and plain.strip() else 0.0), inside
    parts: list[str] = []
    linked = total = 0
    for piece in _LINK_MARKS.split(plain):
        if piece == _LINK_OPEN:
            inside = True
        elif piece == _LINK_CLOSE:
            inside = False
        else:
            parts.append(piece)
            size = len(collapse(piece))
            total += size
            linked += size if inside else 0
    return "".join(parts), (linked / total if total else 0.0), inside


def data_table_rows(table: Any) -> list[list[Any]] | None:
    """The cells, row by row, of a simple data table; None for a layout table (or one too odd to redraw).

    Simple: no nested table, at least two rows of the same two or more cells, no spanning cells,
    and every cell one datum (no blocks, line breaks or long text).
    """
    if table.find(".//table") is not None:
        return None
    rows = [[c for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")]
    if len(rows) < 2 or len(rows[0]) < 2 or len(rows) * len(rows[0]) > _MAX_CELLS:
        return None
    width = len(rows[0])
    for row in rows:
        if len(row) != width:
            return None
        for cell in row:
            if cell.get("colspan", "1") != "1" or cell.get("rowspan", "1") != "1" or _is_layout_cell(cell):
                return None
    return rows


def _has_blocks(el: Any) -> bool:
    """Whether el holds block-level elements (as a link wrapping a whole card does)."""
    return any(isinstance(d.tag, str) and d.tag.lower() in BLOCK_TAGS for d in el.iterdescendants())


def _is_layout_cell(el: Any) -> bool:
    """Whether a table cell lays out page parts (blocks, line breaks or long text), not one datum."""
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "br" or tag in BLOCK_TAGS:
            return True
    return len(el.text_content()) > 300


def _is_label(line: str) -> bool:
    line = collapse(line)
    words = len(line.split())
    return 0 < words <= _LABEL_WORDS and not line.rstrip().endswith(_TERMINAL)


def _split_lines(plains: list[str], mds: list[str]) -> tuple[list[str], list[str]]:
    """Split paragraphs at single <br>s when a line is a short label (a name, date, nav link)."""
    if len(plains) != len(mds):
        return ["".join(plains)], ["".join(mds)]
    out_plain: list[str] = []
    out_md: list[str] = []
    for plain, md in zip(plains, mds, strict=True):
        lines, md_lines = plain.split(_BR), md.split(_BR)
        if (
            len(lines) > 1
            and len(lines) == len(md_lines)
            and any(_is_label(_unmark(ln, False)[0]) for ln in lines)
        ):
            out_plain.extend(lines)
            out_md.extend(md_lines)
        else:
            out_plain.append(plain)
            out_md.append(md)
    return out_plain, out_md


def _split_space(md: str) -> tuple[str, str, str]:
    core = md.strip()
    if not core:
        return md, "", ""
    start = md.index(core[0])
    return md[:start], core, md[start + len(core) :]


def html_to_blocks(root: Any, base_url: str | None = None) -> list[Block]:
    """The blocks of an lxml element, in document order."""
    walker = _Walker(base_url)
    walker.visit(root, _Ctx())
    walker.flush(_Ctx())
    return walker.blocks
