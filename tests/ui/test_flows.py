"""User flows driven through the real app with real keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding
from textual.widgets import Markdown, Static

from reader.models import ArticleFilter
from reader.store import Store
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.screens.welcome import WelcomeScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.entity_pane import EntityPane
from tests.conftest import fixed_clock
from tests.ui.conftest import MakeApp, settle

SEED_TITLE = "Putin, Macron end three years strike by talking on phone"


def header_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#article-header", Static).render())


def entity_texts(app: object) -> list[str]:
    pane = app.screen.query_one(EntityPane)  # type: ignore[attr-defined]
    return [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]


async def test_the_demo_opens_on_the_newest_article_with_its_body(
    demo_store: Store, make_app: MakeApp
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.total == 15  # 16 articles; the Kenya story syndicated twice is shown once
        newest = demo_store.rows(limit=1)[0]
        assert newest.title in header_text(app)
        body = app.screen.query_one("#article-body", Markdown)
        lead_image, first = body.source.split("\n\n")[:2]
        assert lead_image.startswith("[Lead image](https://")
        assert first.startswith("COLUMBUS, Ohio")


async def test_moving_down_the_list_shows_the_next_article(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    second = demo_store.rows(limit=2)[1]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert second.title in header_text(app)
        await pilot.press("k", "down")
        await settle(pilot)
        assert second.title in header_text(app)


async def test_the_seed_article_shows_its_entities_grouped(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert SEED_TITLE in header_text(app)
        shown = entity_texts(app)
        assert "People" in shown and "Places" in shown
        assert any("Vladimir Putin" in line for line in shown)
        assert not any(line.strip().endswith(" Putin") and "Vladimir" not in line for line in shown)


async def test_choosing_an_entity_lists_the_articles_that_mention_it(
    demo_store: Store, make_app: MakeApp
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("e")
        pane = app.screen.query_one(EntityPane)
        assert pane.has_focus
        # The cursor starts on the first person (Emmanuel Macron); j and k move it.
        assert pane.highlighted is not None
        await pilot.press("j", "k", "enter")
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.selection.entity in ("Emmanuel Macron", "Vladimir Putin")
        assert article_list.total == 1
        await pilot.press("escape")
        await settle(pilot)
        assert article_list.total == 15


async def test_s_saves_the_article_for_offline_reading(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one(ArticleList).highlighted_id
        assert shown is not None
        await pilot.press("s")
        await settle(pilot)
        assert demo_store.article(shown).saved
        assert "saved" in header_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert not demo_store.article(shown).saved


async def test_m_toggles_read_and_enter_marks_read(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one(ArticleList).highlighted_id
        assert shown is not None and not demo_store.article(shown).read
        await pilot.press("enter")
        await settle(pilot)
        assert demo_store.article(shown).read
        await pilot.press("m")
        await settle(pilot)
        assert not demo_store.article(shown).read


async def test_n_jumps_to_the_next_unread_article(demo_store: Store, make_app: MakeApp) -> None:
    rows = demo_store.rows(limit=3)
    demo_store.set_read(rows[1].id)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(ArticleList).highlighted_id == rows[2].id


async def test_search_narrows_the_list_and_escape_clears_it(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"locust", "enter")
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.total == 1
        assert "locust" in header_text(app).lower()
        await pilot.press("escape")
        await settle(pilot)
        assert article_list.total == 15


async def test_f_shows_one_feed(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "enter")  # the first feed after "All feeds"
        await settle(pilot)
        first_feed = demo_store.feeds()[0]
        article_list = app.screen.query_one(ArticleList)
        assert article_list.selection.feed_id == first_feed.id
        assert article_list.total == demo_store.count(ArticleFilter(feed_id=first_feed.id))


async def test_r_refreshes_in_the_background_and_reports_failures(
    demo_store: Store, make_app: MakeApp
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert "3 feeds: 2 updated, 0 unchanged, 1 failed" in status
        assert any("HTTP 503" in str(n.message) for n in app._notifications)


async def test_offline_mode_lists_saved_articles_only_and_never_refreshes(
    demo_store: Store, make_app: MakeApp
) -> None:
    kept = demo_store.rows(limit=5)[3]
    demo_store.set_saved(kept.id)
    calls: list[object] = []

    def refresh_spy(progress: object) -> object:
        calls.append(progress)
        raise AssertionError("offline mode must not refresh")

    app = make_app(demo_store, offline=True, refresh_service=refresh_spy)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.total == 1 and article_list.highlighted_id == kept.id
        assert kept.title in header_text(app)
        await pilot.press("r")
        await settle(pilot)
        assert calls == []
        assert any("Offline" in str(n.message) for n in app._notifications)


async def test_an_empty_database_offers_the_demo_and_d_loads_it(tmp_path: Path, make_app: MakeApp) -> None:
    store = Store(tmp_path / "empty.db")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ArticleList).total == 15
    store.close()


async def test_question_mark_shows_the_keys_and_q_quits(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_tab_moves_between_the_three_panes(demo_store: Store, make_app: MakeApp) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        focused = []
        for _ in range(3):
            focused.append(app.focused.id if app.focused else None)
            await pilot.press("tab")
        assert focused == ["article-list", "article-view", "entity-pane"]


async def test_feed_text_is_shown_literally_never_as_markup_or_escapes(
    store: Store, make_app: MakeApp
) -> None:
    from datetime import UTC, datetime

    from reader.models import FeedEntry, PollResult
    from reader.schedule import FeedState

    feed, _ = store.add_feed("https://hostile.example/rss")
    hostile = FeedEntry(
        guid="x",
        title="[bold red]Boom[/] \x1b[2Jcleared",
        url="https://hostile.example/a",
        published=datetime(2026, 12, 1, tzinfo=UTC),
        summary="<p>Body</p>",
    )
    result = PollResult(
        feed.id, feed.url, "ok", 200, title="[link=http://evil]Feed[/link]", entries=[hostile]
    )
    store.record_poll(result, FeedState("ok", 0, None, None), datetime(2026, 12, 1, tzinfo=UTC))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        header = header_text(app)
        assert "[bold red]Boom[/]" in header and "\x1b" not in header
        assert "[link=http://evil]Feed[/link]" in header


async def test_a_failing_demo_load_says_so_and_does_not_stay_loading(
    tmp_path: Path, make_app: MakeApp, monkeypatch: object
) -> None:
    import reader.demo

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the bundled demo is damaged")

    monkeypatch.setattr(reader.demo, "load_demo", broken)  # type: ignore[attr-defined]
    store = Store(tmp_path / "empty.db")
    app = make_app(store, load_demo=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert "loading the demo failed: the bundled demo is damaged" in status
        assert not app.screen.query_one("#progress").display
        assert any("damaged" in str(n.message) for n in app._notifications)
    store.close()


def test_every_rebindable_key_is_in_the_help() -> None:
    from reader.ui.app import KNOWN_BINDING_IDS

    screen_ids = {b.id for b in MainScreen.BINDINGS if isinstance(b, Binding) and b.id}
    assert screen_ids == KNOWN_BINDING_IDS


async def test_rebound_keys_work_and_the_help_shows_them(demo_store: Store, make_app: MakeApp) -> None:
    from reader.config import Config, UIConfig

    app = make_app(demo_store)
    app.config = Config(ui=UIConfig(keys={"save": "ctrl+s"}))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one(ArticleList).highlighted_id
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown is not None and demo_store.article(shown).saved
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "ctrl+s" in text


async def test_articles_stored_by_another_process_appear_in_the_list(
    demo_store: Store, demo_db: Path, make_app: MakeApp
) -> None:
    from datetime import UTC, datetime

    from reader.models import FeedEntry, PollResult
    from reader.schedule import FeedState

    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        other = Store(demo_db)  # a second connection, as a cron refresh would have
        feed, _ = other.add_feed("https://late.example/rss")
        late = FeedEntry(
            guid="late", title="Late wire story", published=datetime(2026, 12, 1, 17, tzinfo=UTC)
        )
        other.record_poll(
            PollResult(feed.id, feed.url, "ok", 200, entries=[late]),
            FeedState("ok", 0, None, None),
            datetime.now(UTC),
        )
        other.close()
        app.screen._watch_store()  # what the 20-second timer does
        await settle(pilot)
        assert app.screen.query_one(ArticleList).total == 16


async def test_new_articles_are_listed_as_soon_as_polling_ends_while_cleaning_goes_on(
    demo_store: Store, make_app: MakeApp
) -> None:
    import threading

    from reader.models import FeedEntry, PollResult
    from reader.refresh import Progress, RefreshSummary
    from reader.schedule import FeedState

    before = demo_store.count()
    cleaning = threading.Event()
    finish = threading.Event()

    def slow_cleaning_refresh(progress: Callable[[Progress], None]) -> RefreshSummary:
        feed = demo_store.feeds()[0]
        entry = FeedEntry(guid="new-1", title="Freshly polled headline", url="https://wire.example/new-1")
        result = PollResult(feed.id, feed.url, "ok", 200, entries=[entry])
        demo_store.record_polls([(result, FeedState("ok", 0, None, None))], fixed_clock())
        progress(Progress("poll", 1, 1, feed.display_title))
        progress(Progress("enrich", 0, 1))
        cleaning.set()
        finish.wait(10)
        return RefreshSummary(feeds=1, updated=1, new_articles=1)

    app = make_app(demo_store, refresh_service=slow_cleaning_refresh)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        for _ in range(50):
            await pilot.pause(0.05)
            if cleaning.is_set() and app.screen.query_one(ArticleList).total == before + 1:
                break
        assert app.screen.query_one(ArticleList).total == before + 1  # listed before the refresh ends
        finish.set()
        await settle(pilot)


async def test_r_while_another_process_refreshes_says_so_gently(demo_store: Store, make_app: MakeApp) -> None:
    from reader.errors import BusyError

    def busy(progress: object) -> object:
        raise BusyError("another refresh of this database is running; try again when it has finished")

    app = make_app(demo_store, refresh_service=busy)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert status.startswith("Another refresh of this database is running")
        [note] = [n for n in app._notifications if "another refresh" in str(n.message)]
        assert note.severity == "warning" and note.title == "Busy"
