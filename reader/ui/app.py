"""ReaderApp: installs the main screen and holds the store, settings and services."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from textual.app import App

from reader.config import Config
from reader.errors import ReaderError
from reader.refresh import Progress, Refresher, RefreshSummary
from reader.store import Store
from reader.ui.commands import ReaderCommands
from reader.ui.screens.help import KEYS
from reader.ui.screens.main import MainScreen

KNOWN_BINDING_IDS = {binding for _key, _text, binding in KEYS if binding}

RefreshService = Callable[[Callable[[Progress], None]], RefreshSummary]


class ReaderApp(App[int]):
    """The terminal reader."""

    CSS_PATH = "app.tcss"
    TITLE = "wirereader"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        *,
        offline: bool = False,
        load_demo: bool = False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        refresh_service: RefreshService | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.offline = offline
        self.load_demo = load_demo
        self.clock = clock
        self._refresh_service = refresh_service
        self._stop_refresh: Callable[[], object] | None = None
        if self.config.ui.theme in self.available_themes:
            self.theme = self.config.ui.theme

    def on_mount(self) -> None:
        if self.config.ui.keys:
            unknown = sorted(set(self.config.ui.keys) - KNOWN_BINDING_IDS)
            if unknown:
                self.notify(
                    f"Unknown key binding ids in the config: {', '.join(unknown)}; known: "
                    + ", ".join(sorted(KNOWN_BINDING_IDS)),
                    severity="warning",
                    timeout=15,
                )
            self.set_keymap(self.config.ui.keys)
        self.push_screen(MainScreen())

    def run_refresh(self, progress: Callable[[Progress], None]) -> RefreshSummary:
        """Poll every feed now (the user asked), then enrich; called from a worker thread."""
        if self._refresh_service is not None:
            return self._refresh_service(progress)
        refresher = Refresher(self.store, self.config.network, clock=self.clock)
        loop = asyncio.new_event_loop()
        task = loop.create_task(refresher.run(include_all=True, progress=progress))
        self._stop_refresh = lambda: loop.call_soon_threadsafe(task.cancel)
        try:
            return loop.run_until_complete(task)
        except asyncio.CancelledError:
            raise ReaderError("the refresh was stopped; what it had stored is kept") from None
        finally:
            self._stop_refresh = None
            refresher.close()
            loop.close()

    async def action_quit(self) -> None:
        """Quit at once: a running refresh is cancelled, not waited for."""
        if self._stop_refresh is not None:
            self._stop_refresh()
        self.exit(0)
