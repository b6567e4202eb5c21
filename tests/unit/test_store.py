"""The store keeps feeds, articles, flags and entities, and finds them again."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.errors import NotFoundError, StoreError
from reader.migrations import SCHEMA_VERSION
from reader.models import ArticleFilter, Enrichment, Entity, FeedEntry, PollResult
from reader.schedule import FeedState, decide
from reader.store import Store, fts_query

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
OK = FeedState("ok", 0, NOW + timedelta(minutes=30), None)


def entry(n: int, **changes: object) -> FeedEntry:
    values: dict[str, object] = {
        "guid": f"id-{n}",
        "title": f"Story number {n}",
        "url": f"https://news.example/story/{n}?utm_source=rss",
        "published": NOW - timedelta(hours=n),
        "summary": f"<p>Teaser of story {n} about copper prices.</p>",
    }
    values.update(changes)
    return FeedEntry(**values)  # type: ignore[arg-type]


def poll_with(store: Store, feed_id: int, entries: list[FeedEntry], title: str = "Wire") -> list[int]:
    result = PollResult(
        feed_id, store.feed(feed_id).url, "ok", 200, etag='"v1"', title=title, entries=entries
    )
    return store.record_poll(result, OK, NOW)


def test_a_new_database_is_created_at_the_current_schema_version_in_wal_mode(tmp_path: Path) -> None:
    Store(tmp_path / "new.db").close()
    db = sqlite3.connect(tmp_path / "new.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_reader_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)")
    with pytest.raises(StoreError, match="not a reader database"):
        Store(other)


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_adding_the_same_feed_twice_keeps_one_subscription(store: Store) -> None:
    first, created = store.add_feed("https://wire.example/rss")
    again, created_again = store.add_feed("https://wire.example/rss")
    assert (created, created_again) == (True, False)
    assert first.id == again.id
    assert [f.url for f in store.feeds()] == ["https://wire.example/rss"]


def test_a_second_poll_with_the_same_items_stores_nothing_new(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    assert len(poll_with(store, feed.id, [entry(1), entry(2)])) == 2
    assert poll_with(store, feed.id, [entry(1), entry(2), entry(3)]) != []
    assert store.count() == 3


def test_a_changed_item_updates_its_text_but_keeps_read_and_saved(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    [article_id] = poll_with(store, feed.id, [entry(1)])
    store.set_read(article_id)
    store.set_saved(article_id)
    poll_with(store, feed.id, [entry(1, title="Story number 1, updated")])
    article = store.article(article_id)
    assert (article.title, article.read, article.saved) == ("Story number 1, updated", True, True)


def test_a_poll_records_validators_status_and_title(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    poll_with(store, feed.id, [entry(1)], title="Example Wire")
    stored = store.feed(feed.id)
    assert (stored.title, stored.etag, stored.status, stored.last_fetched) == (
        "Example Wire",
        '"v1"',
        "ok",
        NOW,
    )


def test_a_failed_poll_keeps_the_articles_and_records_the_error(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    poll_with(store, feed.id, [entry(1)])
    failed = PollResult(feed.id, feed.url, "error", 500, error="HTTP 500 Internal Server Error")
    store.record_poll(failed, decide(failed, 0, NOW, timedelta(minutes=30)), NOW)
    stored = store.feed(feed.id)
    assert (stored.status, stored.error, stored.etag) == ("error", "HTTP 500 Internal Server Error", '"v1"')
    assert store.count() == 1


def test_a_permanent_redirect_updates_the_feed_url(store: Store) -> None:
    feed, _ = store.add_feed("https://old.example/rss")
    moved = PollResult(feed.id, feed.url, "ok", 200, new_url="https://new.example/rss")
    store.record_poll(moved, OK, NOW)
    assert store.feed(feed.id).url == "https://new.example/rss"


def test_only_due_feeds_are_requested_unless_all_are_asked_for(store: Store) -> None:
    due, _ = store.add_feed("https://due.example/rss")
    later, _ = store.add_feed("https://later.example/rss")
    poll_with(store, later.id, [])
    assert [r.feed_id for r in store.feed_requests(NOW)] == [due.id]
    assert [r.feed_id for r in store.feed_requests(NOW, include_all=True)] == [due.id, later.id]
    assert store.feed_requests(NOW, include_all=True)[1].etag == '"v1"'


def test_rows_come_newest_first_in_windows(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    poll_with(store, feed.id, [entry(n) for n in range(1, 251)])
    first = store.rows(offset=0, limit=100)
    third = store.rows(offset=200, limit=100)
    assert first[0].title == "Story number 1"
    assert len(third) == 50 and third[-1].title == "Story number 250"
    assert store.position(third[-1].id) == 249


def test_filters_select_unread_saved_feed_and_entity(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    other, _ = store.add_feed("https://other.example/rss")
    first, second = poll_with(store, wire.id, [entry(1), entry(2)])
    poll_with(store, other.id, [entry(3)])
    store.set_read(first)
    store.set_saved(second)
    store.store_enrichment(first, Enrichment("Text", ["Text"], [Entity("Chile", "GPE")], "done"))
    assert store.count(ArticleFilter(unread=True)) == 2
    assert [r.id for r in store.rows(ArticleFilter(saved=True))] == [second]
    assert store.count(ArticleFilter(feed_id=other.id)) == 1
    assert [r.id for r in store.rows(ArticleFilter(entity="chile"))] == [first]


def test_enrichment_is_stored_with_entities_in_order(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    [article_id] = poll_with(store, feed.id, [entry(1)])
    assert [a.id for a in store.pending_enrichment()] == [article_id]
    found = [Entity("Vladimir Putin", "PERSON", 3), Entity("Kremlin", "ORG", 2)]
    store.store_enrichment(article_id, Enrichment("One\n\nTwo", ["One", "Two"], found, "done"))
    article = store.article(article_id)
    assert (article.paragraphs, article.entities, article.enrich_status) == (
        ("One", "Two"),
        tuple(found),
        "done",
    )
    assert store.pending_enrichment() == []


def test_full_text_search_finds_words_in_the_cleaned_body(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    first, _second = poll_with(store, feed.id, [entry(1), entry(2)])
    store.store_enrichment(first, Enrichment("Lithium miners in Atacama", [], [], "done"))
    assert [r.id for r in store.search("atacama")] == [first]
    assert [r.id for r in store.search("lithi")] == [first]
    assert store.count(ArticleFilter(query="copper")) == 1  # the other one still has only its teaser
    assert store.search('"unbalanced') == []


def test_search_words_with_fts_syntax_are_taken_literally() -> None:
    assert fts_query('NEAR("a" OR b)') == '"NEAR(""a""" "OR" "b)"*'


def test_removing_a_feed_keeps_its_saved_articles(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    kept, dropped = poll_with(store, feed.id, [entry(1), entry(2)])
    store.set_saved(kept)
    removed, saved = store.remove_feed(feed.url)
    assert (removed.id, saved) == (feed.id, 1)
    assert store.feeds() == []
    assert store.article(kept).saved
    with pytest.raises(NotFoundError):
        store.article(dropped)


def test_copies_of_a_story_in_other_feeds_are_found_by_url_or_headline(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    outlet, _ = store.add_feed("https://outlet.example/rss")
    [original] = poll_with(store, wire.id, [entry(1)])
    [copy] = poll_with(store, outlet.id, [entry(1, guid="other-guid", url="https://news.example/story/1")])
    assert [c.id for c in store.copies(original)] == [copy]


def test_next_unread_skips_read_articles(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    one, two, three = poll_with(store, feed.id, [entry(1), entry(2), entry(3)])
    store.set_read(two)
    assert store.next_unread(one) == three
    assert store.next_unread(three, forward=False) == one
    assert store.next_unread(three) is None


def test_the_store_can_be_used_from_several_threads(store: Store) -> None:
    import threading

    feed, _ = store.add_feed("https://wire.example/rss")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            poll_with(store, feed.id, [entry(n * 10 + i) for i in range(10)])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and store.count() == 40


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.article(999)
    with pytest.raises(NotFoundError):
        store.set_saved(999)
    with pytest.raises(NotFoundError):
        store.feed("https://nowhere.example/rss")


def test_record_polls_stores_a_batch_in_one_transaction(store: Store) -> None:
    first, _ = store.add_feed("https://a.example/feed")
    second, _ = store.add_feed("https://b.example/feed")
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    polls = [
        (PollResult(first.id, first.url, "ok", 200, etag='"a"', title="A", entries=[entry(1), entry(2)]), OK),
        (PollResult(second.id, second.url, "ok", 200, etag='"b"', title="B", entries=[entry(3)]), OK),
    ]
    new_ids = store.record_polls(polls, NOW)
    store._connection().set_trace_callback(None)
    assert len(new_ids) == 3
    assert [s for s in statements if s in ("BEGIN IMMEDIATE", "COMMIT")] == ["BEGIN IMMEDIATE", "COMMIT"]
    assert store.feed(first.id).etag == '"a"' and store.feed(second.id).title == "B"
    assert store.record_polls([], NOW) == []


def test_a_not_modified_poll_is_one_update_of_the_feed_row(store: Store) -> None:
    feed, _ = store.add_feed("https://a.example/feed")
    poll_with(store, feed.id, [entry(1)])
    later = NOW + timedelta(hours=1)
    state = FeedState("ok", 0, later + timedelta(minutes=30), None)
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    result = PollResult(feed.id, feed.url, "not-modified", 304, etag='"v2"', last_modified="Mon, 01 Dec 2026")
    assert store.record_polls([(result, state)], later) == []
    store._connection().set_trace_callback(None)
    assert [s.split()[0] for s in statements] == ["BEGIN", "UPDATE", "COMMIT"]
    after = store.feed(feed.id)
    assert (after.etag, after.last_modified, after.title) == ('"v2"', "Mon, 01 Dec 2026", "Wire")
    assert after.last_fetched == later and after.next_due == later + timedelta(minutes=30)
    assert store.count() == 1


def test_a_failed_poll_keeps_the_validators_in_its_single_update(store: Store) -> None:
    feed, _ = store.add_feed("https://a.example/feed")
    poll_with(store, feed.id, [entry(1)])
    failed = PollResult(feed.id, feed.url, "error", 500, etag='"other"', error="HTTP 500")
    state = FeedState("error", 1, NOW + timedelta(hours=1), "HTTP 500")
    store.record_polls([(failed, state)], NOW)
    after = store.feed(feed.id)
    assert (after.etag, after.status, after.error, after.failures) == ('"v1"', "error", "HTTP 500", 1)


def test_poll_feeds_by_id_reads_many_feeds_in_one_go(store: Store) -> None:
    ids = [store.add_feed(f"https://{n}.example/feed", title=f"F{n}")[0].id for n in range(3)]
    found = store.poll_feeds_by_id([*ids, 999])
    assert sorted(found) == sorted(ids) and found[ids[1]].title == "F1"


def test_a_guid_twice_in_one_poll_is_stored_once_with_the_last_text(store: Store) -> None:
    feed, _ = store.add_feed("https://a.example/feed")
    new_ids = poll_with(store, feed.id, [entry(1), entry(1, title="Story one, corrected"), entry(2)])
    assert len(new_ids) == 2 and store.count() == 2
    assert store.article(new_ids[0]).title == "Story one, corrected"


def test_connections_of_finished_threads_are_closed(store: Store) -> None:
    import threading

    for _ in range(20):
        worker = threading.Thread(target=store.count)
        worker.start()
        worker.join()
    store.count()
    assert store.open_connections <= 2


def test_a_window_read_from_the_oldest_end_is_the_same_window(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    poll_with(store, feed.id, [entry(n) for n in range(1, 251)])
    total = store.count()
    for offset in (0, 100, 130, 200, 240):
        assert store.rows(offset=offset, limit=100, total=total) == store.rows(offset=offset, limit=100)


def test_new_articles_are_searchable_once_the_index_is_flushed_or_searched(store: Store) -> None:
    feed, _ = store.add_feed("https://wire.example/rss")
    [first] = poll_with(store, feed.id, [entry(1)])
    assert store.flush_index() == 1 and store.flush_index() == 0
    [second] = poll_with(store, feed.id, [entry(2)])
    assert [r.id for r in store.search("story number 2")] == [second]  # search flushes first
    store.store_enrichment(first, Enrichment("Zinc smelters in Peru", [], [], "done"))
    assert store.count(ArticleFilter(query="zinc")) == 1
    assert store.count(ArticleFilter(query="copper")) == 1  # the first's teaser is no longer indexed


def test_a_version_1_database_is_migrated_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    v1 = (Path(__file__).parent / "data" / "schema_v1.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(path)
    db.executescript(v1 + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO feeds (url, added) VALUES ('https://old.example/rss', '2026-01-01')")
    db.execute(
        "INSERT INTO articles (feed_id, feed_title, guid, title, title_key, added, sort_date, summary)"
        " VALUES (1, 'Old', 'g', 'Harbour dredging starts', 'x', '2026-01-01', '2026-01-01', 'dredging')"
    )
    db.commit()
    db.close()
    migrated = Store(path)
    assert migrated.count() == 1 and [r.title for r in migrated.search("dredging")] == [
        "Harbour dredging starts"
    ]
    feed = migrated.feed(1)
    poll_with(migrated, feed.id, [entry(5)])
    assert migrated.count(ArticleFilter(query="story number 5")) == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0] == 4096  # kept as it was
    migrated.close()


def test_a_new_database_has_8_kib_pages(store: Store) -> None:
    # Fewer, larger pages: a refresh's index updates write much less to the log (see migrations.py).
    assert sqlite3.connect(store.path).execute("PRAGMA page_size").fetchone()[0] == 8192


def test_copies_in_other_feeds_are_one_story_listed_once(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    outlet, _ = store.add_feed("https://outlet.example/rss")
    [original] = poll_with(store, wire.id, [entry(1, title="Port of Gdansk posts record container year")])
    [same_link] = poll_with(store, outlet.id, [entry(1, guid="o-1", title="Gdansk record")])
    [same_title] = poll_with(
        store, outlet.id, [entry(2, guid="o-2", url=None, title="Port of Gdansk posts record container year")]
    )
    assert {r.id for r in store.rows()} == {original}
    assert store.rows()[0].copies == 2 and store.count() == 1
    assert {c.id for c in store.copies(original)} == {same_link, same_title}
    assert {r.id for r in store.rows(ArticleFilter(feed_id=outlet.id))} == {same_link, same_title}
    store.set_read(original)
    assert store.article(same_link).read and store.article(same_title).read
    store.set_saved(same_title)
    assert [r.id for r in store.rows(ArticleFilter(saved=True))] == [same_title]


def test_short_or_distant_headlines_do_not_make_a_story(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    outlet, _ = store.add_feed("https://outlet.example/rss")
    poll_with(store, wire.id, [entry(1, url=None, title="Markets today")])
    poll_with(store, outlet.id, [entry(2, url=None, title="Markets today")])
    poll_with(store, wire.id, [entry(3, url=None, title="Port of Gdansk posts record container year")])
    late = entry(
        4, url=None, title="Port of Gdansk posts record container year", published=NOW + timedelta(days=9)
    )
    poll_with(store, outlet.id, [late])
    assert store.count() == 4


def test_cleaned_texts_that_are_copies_join_one_story(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    outlet, _ = store.add_feed("https://outlet.example/rss")
    [first] = poll_with(store, wire.id, [entry(1, title="Kenya, Tanzania sign power line agreement")])
    [copy] = poll_with(store, outlet.id, [entry(2, title="Kenya and Tanzania agree power link")])
    [other] = poll_with(store, outlet.id, [entry(3, title="Copper prices climb")])
    body = [
        "Kenya and Tanzania signed an agreement on Tuesday to build a 400-kilovolt line linking their grids.",
        "The line will run 500 kilometres from Isinya to Singida and is expected to carry power by 2028.",
        "Officials said the project would cost about 260 million dollars, financed by development banks.",
    ]
    store.store_enrichment(first, Enrichment("", body, [], "done"))
    store.store_enrichment(
        copy, Enrichment("", ["Republished from the wire.", *body, "Comments are closed."], [], "done")
    )
    store.store_enrichment(
        other, Enrichment("", ["Copper rose for a third week as inventories fell in Shanghai."], [], "done")
    )
    assert [c.id for c in store.copies(first)] == [copy]
    assert {r.id for r in store.rows()} == {first, other}


def test_a_series_headline_joins_at_first_but_different_texts_part_when_cleaned(store: Store) -> None:
    metro, _ = store.add_feed("https://metro.example/rss")
    courier, _ = store.add_feed("https://courier.example/rss")
    title = "Daily briefing: what you need to know today"
    [first] = poll_with(store, metro.id, [entry(1, url=None, title=title)])
    [second] = poll_with(store, courier.id, [entry(2, url=None, title=title)])
    assert store.count() == 1  # the same long headline: one story, until the texts say otherwise
    store.store_enrichment(
        first,
        Enrichment(
            "", ["The council approved the new bus lanes on Main Street after a long debate."], [], "done"
        ),
    )
    store.store_enrichment(
        second,
        Enrichment(
            "", ["Heavy rain is expected across the coast, with flood warnings for low areas."], [], "done"
        ),
    )
    assert store.count() == 2 and store.copies(first) == []


def test_items_that_all_link_to_a_front_page_are_not_one_story(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    outlet, _ = store.add_feed("https://outlet.example/rss")
    poll_with(store, wire.id, [entry(1, url="https://news.example/")])
    poll_with(store, outlet.id, [entry(2, guid="o-2", url="https://news.example/", title="Other news")])
    assert store.count() == 2


def test_two_press_releases_sharing_only_boilerplate_stay_two_stories(store: Store) -> None:
    wire, _ = store.add_feed("https://wire.example/rss")
    portal, _ = store.add_feed("https://portal.example/rss")
    [dividend] = poll_with(store, wire.id, [entry(1, title="Calder Energy declares quarterly dividend")])
    [sale] = poll_with(store, portal.id, [entry(2, title="Calder Energy completes sale of services unit")])
    boilerplate = [
        "About Calder Energy: Calder Energy is an independent producer of oil and natural gas with"
        " operations in the North Sea, West Africa and the Gulf of Mexico, listed in London and Oslo.",
        "Forward-looking statements: this release contains statements about future events that"
        " involve risks and uncertainties, and actual results may differ materially from them.",
        "Contact: Investor Relations, Calder Energy, telephone and email on the company website,"
        " media enquiries to the press office during business hours.",
    ]
    store.store_enrichment(
        dividend,
        Enrichment(
            "",
            [
                "The board declared a quarterly dividend of 12 cents a share, payable on 14 March to holders"
                " of record on 28 February, and said it expects to keep the payout steady through 2027.",
                *boilerplate,
            ],
            [],
            "done",
        ),
    )
    store.store_enrichment(
        sale,
        Enrichment(
            "",
            [
                "Calder closed the sale of its offshore services unit to Marlow Holdings for 310 million"
                " dollars in cash, and will use the proceeds to pay down the revolving credit facility.",
                *boilerplate,
            ],
            [],
            "done",
        ),
    )
    assert store.copies(dividend) == [] and store.count() == 2
