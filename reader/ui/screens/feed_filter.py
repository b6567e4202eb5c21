"""FeedFilterScreen: choose one feed to list, or all of them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.models import Feed
from reader.sanitize import clean_line

ALL_FEEDS = -1


class FeedFilterScreen(ModalScreen[int | None]):
    """Feeds with unread counts; dismisses with a feed id, ALL_FEEDS, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, feeds: list[Feed]) -> None:
        super().__init__()
        self.feeds = feeds

    def compose(self) -> ComposeResult:
        options = [Option(Content.styled("All feeds", "bold"), id=str(ALL_FEEDS))]
        for feed in self.feeds:
            status = "" if feed.status in ("ok", "new") else f"  [{feed.status}]"
            label = Content.assemble(
                (f"{feed.unread_count:>4} ", "$text-muted"),
                clean_line(feed.display_title, 60),
                (status, "$text-error"),
            )
            options.append(Option(label, id=str(feed.id)))
        with Vertical(id="feed-filter"):
            yield Static("Show one feed", classes="title")
            yield OptionList(*options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or ALL_FEEDS))

    def action_cancel(self) -> None:
        self.dismiss(None)
