"""Command palette entries mirroring the main screen's keys."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS: list[tuple[str, str, str]] = [
    ("Refresh feeds", "refresh", "poll every feed now, in the background (r)"),
    ("Save or release article", "save", "keep the article for offline reading (s)"),
    ("Toggle read", "toggle_read", "mark the article read or unread (m)"),
    ("Open in browser", "open_link", "open the article's link (o)"),
    ("Search", "search", "full-text search of titles and bodies (/)"),
    ("Show one feed", "filter_feed", "list one feed's articles (f)"),
    ("Unread only", "toggle_unread_only", "show unread articles only (u)"),
    ("Saved only", "toggle_saved_only", "show saved articles only (S)"),
    ("Clear filter", "clear_filter", "show every article (escape)"),
    ("Next unread", "next_unread", "jump to the next unread article (n)"),
    ("Focus entities", "focus_entities", "move to the entity pane (e)"),
    ("Keys", "help", "list every key (?)"),
]


class ReaderCommands(Provider):
    """The reader's actions, searchable in the command palette."""

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for name, action, help_text in ACTIONS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, action, help_text in ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=help_text)
