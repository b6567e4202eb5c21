"""MainScreen: the article list, the article and its entities; routes messages and owns the workers."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import Worker, WorkerState

from reader.errors import BusyError
from reader.models import ArticleFilter
from reader.refresh import Progress
from reader.sanitize import clean_line
from reader.ui.failures import report_failed_worker
from reader.ui.messages import ArticleLoaded, DemoLoaded, RefreshFinished, RefreshProgressed
from reader.ui.screens.feed_filter import ALL_FEEDS, FeedFilterScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.screens.welcome import WelcomeScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_pane import EntityPane

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

NARROW = 140
WATCH_SECONDS = 20.0


class MainScreen(Screen[None]):
    """Three panes driven from the keyboard."""

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("s", "save", "Save", id="save"),
        Binding("m", "toggle_read", "Read", id="toggle-read"),
        Binding("o", "open_link", "Browser", id="open-link"),
        Binding("slash", "search", "Search", id="search"),
        Binding("f", "filter_feed", "Feed", id="filter-feed"),
        Binding("e", "focus_entities", "Entities", id="focus-entities"),
        Binding("n", "next_unread", "Next unread", id="next-unread", show=False),
        Binding("p", "previous_unread", "Previous unread", id="previous-unread", show=False),
        Binding("u", "toggle_unread_only", "Unread only", id="unread-only", show=False),
        Binding("S", "toggle_saved_only", "Saved only", id="saved-only", show=False),
        Binding("space", "page_article", "Page down", id="page-down", show=False),
        Binding("b", "page_article_up", "Page up", id="page-up", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="clear-filter", show=False),
        Binding("question_mark", "help", "Keys", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown_id: int | None = None
        self.shown_url: str | None = None
        self.shown_saved = False
        self.shown_read = False
        self._loading_demo = False
        self._feed_titles: dict[int, str] = {}

    @property
    def reader_app(self) -> ReaderApp:
        """The app, with its store, settings and services."""
        from reader.ui.app import ReaderApp

        assert isinstance(self.app, ReaderApp)
        return self.app

    def compose(self) -> ComposeResult:
        app = self.reader_app
        yield Static(id="title-bar")
        with Horizontal(id="panes"):
            yield ArticleList(app.store, app.clock, id="article-list")
            with Vertical(id="reading"):
                yield ArticleView(id="article-view")
                yield EntityPane(id="entity-pane")
        with Horizontal(id="status-bar"):
            yield Static(id="status")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-list").border_title = "Articles"
        self.query_one("#article-view").border_title = "Article"
        self.query_one("#entity-pane").border_title = "Entities"
        self.query_one("#progress").display = False
        self.article_list.reload(self._base_filter())
        self.query_one(ArticleList).focus()
        if self.reader_app.load_demo:
            self.load_demo()
        elif not self.reader_app.offline:
            self.check_empty()
        # Another process (a cron `reader refresh`, say) may store articles while the UI is open.
        self.set_interval(WATCH_SECONDS, self._watch_store, name="watch-store")

    def _watch_store(self) -> None:
        busy = any(w.group in ("refresh", "demo") and w.is_running for w in self.workers)
        if not busy:
            self._count_changed(self.article_list.selection, self.article_list.total)

    @work(
        thread=True,
        group="watch",
        exclusive=True,
        exit_on_error=False,
        description="checking for new articles",
    )
    def _count_changed(self, selection: ArticleFilter, shown: int) -> None:
        """Reload the list when the number of matching articles changed behind its back."""
        if self.reader_app.store.count(selection) != shown:
            self.app.call_from_thread(self.article_list.reload)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    @property
    def article_list(self) -> ArticleList:
        """The list pane."""
        return self.query_one(ArticleList)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)
        if event.state == WorkerState.ERROR and event.worker.group in ("demo", "refresh"):
            self._loading_demo = False
            self.query_one("#progress", ProgressBar).display = False
            error = event.worker.error
            if isinstance(error, BusyError):
                text = clean_line(str(error), 160)
                self._status(text[:1].upper() + text[1:])
            else:
                self._status(f"{event.worker.description} failed: {clean_line(str(error), 120)}")
            self.article_list.reload()

    # -- status ------------------------------------------------------------------------------

    def _update_title(self) -> None:
        selection = self.article_list.selection
        parts = ["wirereader"]
        if self.reader_app.offline:
            parts.append("offline: saved articles")
        if selection.feed_id is not None:
            parts.append(f"feed: {self._feed_title(selection.feed_id)}")
        if selection.entity:
            parts.append(f"mentioning {clean_line(selection.entity, 60)}")
        if selection.query:
            parts.append(f"search: {clean_line(selection.query, 60)}")
        if selection.unread:
            parts.append("unread")
        if selection.saved and not self.reader_app.offline:
            parts.append("saved")
        total = self.article_list.total
        parts.append(f"{total} article" if total == 1 else f"{total} articles")
        self.query_one("#title-bar", Static).update(Content(" · ").join(Content(p) for p in parts))

    def _feed_title(self, feed_id: int) -> str:
        return self._feed_titles.get(feed_id, "?")

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    # -- list and article --------------------------------------------------------------------

    @on(ArticleList.Counted)
    def _counted(self, event: ArticleList.Counted) -> None:
        self._update_title()
        if event.total == 0 and self._loading_demo:
            self.query_one(ArticleView).show_empty(
                "Loading the demo: cleaning its pages and finding entities…"
            )
        elif event.total == 0:
            self.shown_id = None
            if self.article_list.selection != self._base_filter():
                empty = "No articles match this filter: escape shows them all."
            elif self.reader_app.offline:
                empty = "No saved articles yet: press s on an article to keep it."
            else:
                empty = "No articles yet: press r to refresh, or run `reader demo`."
            self.query_one(ArticleView).show_empty(empty)
            self.query_one(EntityPane).show_message("")

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        if event.article_id != self.shown_id:
            self.load_article(event.article_id)

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.query_one(ArticleView).focus()
        if self.shown_id == event.article_id and not self.shown_read:
            self.mark_read(event.article_id, True)

    @work(
        thread=True, group="load-article", exclusive=True, exit_on_error=False, description="loading article"
    )
    def load_article(self, article_id: int) -> None:
        """Read one article and its copies from the store."""
        store = self.reader_app.store
        article = store.article(article_id)
        self.post_message(ArticleLoaded(article, store.copies(article_id)))

    @on(ArticleLoaded)
    async def _article_loaded(self, event: ArticleLoaded) -> None:
        article = event.article
        if article.id != self.article_list.highlighted_id:
            return
        self.shown_id, self.shown_url = article.id, article.url
        self.shown_saved, self.shown_read = article.saved, article.read
        await self.query_one(ArticleView).show(article, event.copies)
        self.query_one(EntityPane).show(list(article.entities), article.enrich_note)

    @work(thread=True, group="flags", exit_on_error=False, description="marking read")
    def mark_read(self, article_id: int, read: bool) -> None:
        """Store an article's read flag."""
        self.reader_app.store.set_read(article_id, read)
        self.app.call_from_thread(self._flag_stored, article_id, "read", read)

    @work(thread=True, group="flags", exit_on_error=False, description="saving")
    def set_saved(self, article_id: int, saved: bool) -> None:
        """Store an article's saved flag."""
        self.reader_app.store.set_saved(article_id, saved)
        self.app.call_from_thread(self._flag_stored, article_id, "saved", saved)

    def _flag_stored(self, article_id: int, flag: str, value: bool) -> None:
        self.article_list.update_row(article_id, **{flag: value})
        if article_id == self.shown_id:
            if flag == "read":
                self.shown_read = value
            else:
                self.shown_saved = value
                self.load_article(article_id)
                self.notify("Saved for offline reading." if value else "Released: no longer kept offline.")

    @on(EntityPane.Chosen)
    def _entity_chosen(self, event: EntityPane.Chosen) -> None:
        self._filter(self._base_filter()._replace(entity=event.text))
        self.article_list.focus()

    # -- filters -----------------------------------------------------------------------------

    def _base_filter(self) -> ArticleFilter:
        return ArticleFilter(saved=True) if self.reader_app.offline else ArticleFilter()

    def _filter(self, selection: ArticleFilter) -> None:
        self.article_list.reload(selection)

    def action_clear_filter(self) -> None:
        if self.article_list.selection != self._base_filter():
            self._filter(self._base_filter())

    def action_search(self) -> None:
        def searched(query: str | None) -> None:
            if query:
                self._filter(self.article_list.selection._replace(query=query))

        self.app.push_screen(SearchScreen(self.article_list.selection.query or ""), searched)

    @work(thread=True, group="feeds", exclusive=True, exit_on_error=False, description="listing feeds")
    def action_filter_feed(self) -> None:
        feeds = self.reader_app.store.feeds()
        self._feed_titles = {feed.id: clean_line(feed.display_title, 50) for feed in feeds}

        def chosen(feed_id: int | None) -> None:
            if feed_id is not None:
                self._filter(
                    self.article_list.selection._replace(feed_id=None if feed_id == ALL_FEEDS else feed_id)
                )

        self.app.call_from_thread(self.app.push_screen, FeedFilterScreen(feeds), chosen)

    def action_toggle_unread_only(self) -> None:
        selection = self.article_list.selection
        self._filter(selection._replace(unread=not selection.unread))

    def action_toggle_saved_only(self) -> None:
        if not self.reader_app.offline:
            selection = self.article_list.selection
            self._filter(selection._replace(saved=not selection.saved))

    # -- article actions ---------------------------------------------------------------------

    def action_save(self) -> None:
        if self.shown_id is not None:
            self.set_saved(self.shown_id, not self.shown_saved)

    def action_toggle_read(self) -> None:
        if self.shown_id is not None:
            self.mark_read(self.shown_id, not self.shown_read)

    def action_open_link(self) -> None:
        if self.reader_app.offline:
            self.notify("Offline: the network is off, so no link is opened.", severity="warning")
            return
        url = self.shown_url
        if not url:
            self.notify("This article has no link.", severity="warning")
            return
        graphical = (
            sys.platform in ("darwin", "win32")
            or os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")
        )
        if graphical:
            self.app.open_url(url)
            self.notify("Opened in the browser.")
        else:
            self.app.copy_to_clipboard(url)
            self.notify(
                f"No graphical browser here; the link was copied to the clipboard:\n{clean_line(url, 200)}"
            )

    def action_page_article(self) -> None:
        self.query_one(ArticleView).scroll_page_down()

    def action_page_article_up(self) -> None:
        self.query_one(ArticleView).scroll_page_up()

    def action_focus_entities(self) -> None:
        self.query_one(EntityPane).focus()

    def action_next_unread(self) -> None:
        self._jump_unread(forward=True)

    def action_previous_unread(self) -> None:
        self._jump_unread(forward=False)

    @work(thread=True, group="jump", exclusive=True, exit_on_error=False, description="finding unread")
    def _jump_unread(self, forward: bool) -> None:
        store, selection = self.reader_app.store, self.article_list.selection
        target = store.next_unread(self.article_list.highlighted_id, selection, forward)
        position = store.position(target, selection) if target is not None else None
        if position is None:
            self.app.call_from_thread(self.notify, "No more unread articles.")
        else:
            self.app.call_from_thread(self.article_list.move_to, position)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.reader_app.config.ui.keys))

    # -- refresh and demo --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "toggle_read", "open_link") and self.shown_id is None:
            return None
        return True

    def action_refresh(self) -> None:
        if self.reader_app.offline:
            self.notify("Offline: the network is off.", severity="warning")
            return
        if any(w.group == "refresh" and w.is_running for w in self.workers):
            self.notify("A refresh is already running.")
            return
        self.query_one("#progress", ProgressBar).display = True
        self._status("Refreshing…")
        self.run_refresh()

    @work(thread=True, group="refresh", exclusive=True, exit_on_error=False, description="refreshing feeds")
    def run_refresh(self) -> None:
        """Poll, store and enrich in this thread's own event loop; report progress by message."""

        def report(step: Progress) -> None:
            self.post_message(RefreshProgressed(step))

        summary = self.reader_app.run_refresh(report)
        self.post_message(RefreshFinished(summary))

    @on(RefreshProgressed)
    def _refresh_progressed(self, event: RefreshProgressed) -> None:
        step = event.progress
        if step.stage == "enrich" and step.done == 0:
            # Polling is over: its new articles (and any stored by another process meanwhile) are
            # listed now, while cleaning goes on; they show their feed text until cleaned.
            self.article_list.reload()
        label = "Polling feeds" if step.stage == "poll" else "Cleaning articles"
        self.query_one("#progress", ProgressBar).update(total=max(step.total, 1), progress=step.done)
        waiting = step.total - step.done
        tail = f"{waiting} still running; last done: {clean_line(step.message, 40)}" if waiting else ""
        self._status(f"{label} {step.done}/{step.total}  {tail}".rstrip())

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        summary = event.summary
        self.query_one("#progress", ProgressBar).display = False
        self._status(summary.line())
        for failure in summary.failures[:5]:
            self.notify(
                f"{clean_line(failure.title or failure.url, 60)}: {clean_line(failure.message, 120)}",
                title="Feed failed",
                severity="warning",
            )
        self.shown_id = None  # the article on screen may have been cleaned meanwhile: show it again
        self.article_list.reload()

    @work(thread=True, group="welcome", exit_on_error=False, description="counting feeds")
    def check_empty(self) -> None:
        """Offer the demo when there is nothing to read."""
        if not self.reader_app.store.feeds():
            self.app.call_from_thread(self._offer_demo)

    def _offer_demo(self) -> None:
        def answered(wants_demo: bool | None) -> None:
            if wants_demo:
                self.load_demo()

        self.app.push_screen(WelcomeScreen(), answered)

    def load_demo(self) -> None:
        """Load the bundled demo in the background."""
        self._loading_demo = True
        self.query_one("#progress", ProgressBar).display = True
        self._status("Loading the demo: cleaning pages and finding entities…")
        self._load_demo()

    @work(thread=True, group="demo", exclusive=True, exit_on_error=False, description="loading the demo")
    def _load_demo(self) -> None:
        from reader.demo import load_demo

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(
                self.query_one("#progress", ProgressBar).update, total=total, progress=done
            )

        summary = load_demo(self.reader_app.store, clock=self.reader_app.clock, progress=progress)
        self.post_message(DemoLoaded(summary.feeds, summary.articles))

    @on(DemoLoaded)
    def _demo_loaded(self, event: DemoLoaded) -> None:
        self._loading_demo = False
        self.query_one("#progress", ProgressBar).display = False
        self._status(f"Demo loaded: {event.feeds} feeds, {event.articles} new articles.")
        self.article_list.reload()
