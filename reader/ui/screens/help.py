"""HelpScreen: every key and what it does."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# (default keys, what they do, binding id whose key the config file may change)
KEYS: list[tuple[str, str, str | None]] = [
    ("j / k, ↓ / ↑", "move in the list, scroll the article", None),
    ("enter", "open the article and mark it read", None),
    ("tab / shift+tab", "next / previous pane", None),
    ("space", "page down in the article", "page-down"),
    ("b", "page up in the article", "page-up"),
    ("n", "next unread article", "next-unread"),
    ("p", "previous unread article", "previous-unread"),
    ("g / G", "first / last article", None),
    ("s", "save for offline reading (again: release)", "save"),
    ("m", "toggle read", "toggle-read"),
    ("o", "open the link in the browser", "open-link"),
    ("r", "refresh every feed in the background", "refresh"),
    ("/", "search titles and bodies", "search"),
    ("f", "show one feed", "filter-feed"),
    ("e", "entities; enter lists the articles naming one", "focus-entities"),
    ("u", "unread only (toggle)", "unread-only"),
    ("S", "saved only (toggle)", "saved-only"),
    ("escape", "clear the filter", "clear-filter"),
    ("ctrl+p", "command palette", None),
    ("?", "this help", "help"),
    ("q", "quit", "quit"),
]


def key_lines(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """The help rows with the keys the config file chose in place of the defaults."""
    return [(keymap.get(binding or "", key), text) for key, text, binding in KEYS]


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        lines = [
            Content.assemble((f"{key:>16}  ", "bold $accent"), text) for key, text in key_lines(self.keymap)
        ]
        with VerticalScroll(id="help"):
            yield Static(Content.styled("Keys", "bold"), classes="title")
            yield Static(Content("\n").join(lines))
            yield Static(Content.styled("escape closes this", "$text-muted"), classes="hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
