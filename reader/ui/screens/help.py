"""HelpScreen: every key and what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("j / k, ↓ / ↑", "move in the list, scroll the article"),
    ("enter", "open the article and mark it read"),
    ("tab / shift+tab", "next / previous pane"),
    ("space / b", "page down / up in the article"),
    ("n / p", "next / previous unread article"),
    ("g / G", "first / last article"),
    ("s", "save for offline reading (again: release)"),
    ("m", "toggle read"),
    ("o", "open the link in the browser"),
    ("r", "refresh feeds in the background"),
    ("/", "search titles and bodies"),
    ("f", "show one feed"),
    ("e", "entities; enter lists the articles naming one"),
    ("u", "unread only (toggle)"),
    ("S", "saved only (toggle)"),
    ("escape", "clear the filter"),
    ("ctrl+p", "command palette"),
    ("?", "this help"),
    ("q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        lines = [Content.assemble((f"{key:>16}  ", "bold $accent"), text) for key, text in KEYS]
        with VerticalScroll(id="help"):
            yield Static(Content.styled("Keys", "bold"), classes="title")
            yield Static(Content("\n").join(lines))
            yield Static(Content.styled("escape closes this", "$text-muted"), classes="hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
