"""ArticleList: a virtual list of articles that loads windows of rows from the store on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker

from reader.models import ArticleFilter, ArticleRow
from reader.sanitize import clean_line
from reader.store import Store
from reader.ui.failures import report_failed_worker

PAGE = 100


def short_date(moment: datetime | None, now: datetime) -> str:
    """Six columns at most: "14:05" today, "Nov 29" this year, "Nov'25" before."""
    if moment is None:
        return ""
    local, today = moment.astimezone(now.tzinfo), now
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%b %d")
    return local.strftime("%b'%y")


class ArticleList(ScrollView, can_focus=True):
    """Every article matching a filter, one line each; only the visible window is in memory."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--saved",
        "article-list--meta",
        "article-list--loading",
        "article-list--copies",
    }
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "open", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an article."""

        article_id: int

    @dataclass
    class Opened(Message):
        """The user pressed enter on an article."""

        article_id: int

    @dataclass
    class Counted(Message):
        """The list was (re)loaded: how many articles match the filter."""

        total: int

    def __init__(self, store: Store, clock: Callable[[], datetime], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.store = store
        self.clock = clock
        self.selection = ArticleFilter()
        self.total = 0
        self._pages: dict[int, list[ArticleRow]] = {}
        self._loading: set[int] = set()
        self._generation = 0
        self._keep_id: int | None = None

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)

    # -- loading -----------------------------------------------------------------------------

    def reload(self, selection: ArticleFilter | None = None, keep_id: int | None = None) -> None:
        """Show the articles matching `selection` (default: the current one), keeping one selected."""
        if selection is not None:
            self.selection = selection
        self._keep_id = keep_id if keep_id is not None else self.highlighted_id
        self._generation += 1
        self._count(self._generation, self.selection, self._keep_id)

    @work(
        thread=True, group="list-count", exclusive=True, exit_on_error=False, description="counting articles"
    )
    def _count(self, generation: int, selection: ArticleFilter, keep_id: int | None) -> None:
        total = self.store.count(selection)
        position = self.store.position(keep_id, selection) if keep_id is not None else None
        first = self.store.rows(selection, offset=0, limit=PAGE)
        self.app.call_from_thread(self._counted, generation, total, position, first)

    def _counted(self, generation: int, total: int, position: int | None, first: list[ArticleRow]) -> None:
        if generation != self._generation:
            return
        self.total = total
        self._pages = {0: first}
        self._loading.clear()
        self.virtual_size = Size(self.size.width, total)
        self.post_message(self.Counted(total))
        self.cursor = min(position if position is not None else 0, max(total - 1, 0))
        self.refresh()

    def _row(self, index: int) -> ArticleRow | None:
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._loading:
                self._loading.add(page)
                self._load_page(self._generation, self.selection, page)
            return None
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    @work(thread=True, group="list-rows", exit_on_error=False, description="loading rows")
    def _load_page(self, generation: int, selection: ArticleFilter, page: int) -> None:
        rows = self.store.rows(selection, offset=page * PAGE, limit=PAGE, total=self.total)
        self.app.call_from_thread(self._page_loaded, generation, page, rows)

    def _page_loaded(self, generation: int, page: int, rows: list[ArticleRow]) -> None:
        if generation != self._generation:
            return
        self._loading.discard(page)
        self._pages[page] = rows
        # Drop far-away pages so memory stays a window, whatever the list's length.
        near = self.cursor // PAGE
        for old in [p for p in self._pages if abs(p - near) > 3]:
            del self._pages[old]
        self.refresh()
        if page == self.cursor // PAGE:
            self._announce()

    def update_row(self, article_id: int, **changes: bool) -> None:
        """Change a shown row's read/saved flags in place (the store was already updated)."""
        for rows in self._pages.values():
            for i, row in enumerate(rows):
                if row.id == article_id:
                    rows[i] = row._replace(
                        read=changes.get("read", row.read), saved=changes.get("saved", row.saved)
                    )
                    self.refresh()

    @property
    def highlighted(self) -> ArticleRow | None:
        """The row under the cursor, if loaded."""
        if not self.total:
            return None
        page = self._pages.get(self.cursor // PAGE)
        offset = self.cursor % PAGE
        return page[offset] if page and offset < len(page) else None

    @property
    def highlighted_id(self) -> int | None:
        """The id of the article under the cursor."""
        row = self.highlighted
        return row.id if row else None

    # -- cursor ------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.total - 1)) if self.total else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self.scroll_to(y=self._scroll_target(new), animate=False)
        self._announce()

    def _scroll_target(self, row: int) -> float:
        height = max(self.size.height, 1)
        top = self.scroll_offset.y
        if row < top:
            return row
        if row >= top + height:
            return row - height + 1
        return top

    def _announce(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Highlighted(row.id))
        elif self.total:
            self._row(self.cursor)

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index`."""
        self.cursor = index

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(self.size.height - 1, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.size.height - 1, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.total - 1

    def action_open(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Opened(row.id))

    def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if isinstance(offset, int):
            self.cursor = int(self.scroll_offset.y) + offset

    # -- rendering ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        row = self._row(index)
        if row is None:
            style = self.get_component_rich_style("article-list--loading")
            return Strip([Segment(" …".ljust(width), style)], width)
        return self._render_row(row, index == self.cursor, width)

    def _render_row(self, row: ArticleRow, is_cursor: bool, width: int) -> Strip:
        cursor = self.get_component_rich_style("article-list--cursor") if is_cursor else Style()

        def style(component: str) -> Style:
            return self.get_component_rich_style(component) + cursor

        base = style("article-list--unread" if not row.read else "article-list--read")
        meta = style("article-list--meta")
        text = Text(no_wrap=True, overflow="ellipsis", end="", style=self.rich_style + cursor)
        text.append(
            "★ " if row.saved else ("● " if not row.read else "  "),
            style("article-list--saved") if row.saved else base,
        )
        text.append(f"{short_date(row.published, self.clock()):>6} ", meta)
        if width >= 60:
            text.append(f"{clean_line(row.feed_title, 14):<14.14} ", meta)
        if row.copies:  # the same story in other feeds, shown once
            text.append(f"+{row.copies} ", style("article-list--copies"))
        text.append(clean_line(row.title, 300), base)
        text.truncate(width, overflow="ellipsis", pad=True)
        text.stylize(cursor)
        return Strip(list(text.render(self.app.console)), width).crop_extend(0, width, self.rich_style)
