"""WelcomeScreen: shown when there are no subscriptions; offers the bundled demo."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

TEXT = """You have no subscriptions yet.

  d       load the bundled demo (no network needed)
  escape  start empty; subscribe with `reader add URL`
          or `reader import FILE.opml`, then press r
  q       quit"""


class WelcomeScreen(ModalScreen[bool]):
    """Dismisses True when the user wants the demo."""

    BINDINGS = [
        Binding("d", "demo", "Load demo"),
        Binding("escape", "skip", "Start empty"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static("Welcome to wirereader", classes="title")
            yield Static(TEXT)

    def action_demo(self) -> None:
        self.dismiss(True)

    def action_skip(self) -> None:
        self.dismiss(False)
