"""The command line, as a user or a script drives it: real database, real local server, parsed output."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from tests.feedserver import FeedServer

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_84963a376bbc3276.txt"
EXPECTED = json.loads((REPO / "seeds" / "000_84963a376bbc3276.expected.json").read_text(encoding="utf-8"))

ARTICLE_PAGE = """<!doctype html><html><head><title>Copper miners expand in Atacama - Daily Wire</title>
<meta property="og:site_name" content="Daily Wire"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Copper miners expand in Atacama</h1>
<p>Chilean miner Codelco said on Monday it would invest $2 billion in the Atacama desert, its chief executive
Maria Soto told reporters in Santiago, as copper prices rose for a third week.</p>
<p>Soto said the expansion would add 1,500 jobs by 2028 and that the company had secured water rights from
the regional government after two years of talks with local communities.</p>
<p>Analysts at Banco Andino said the plan signals confidence in long-term demand for copper from electric
vehicle makers and grid operators across Asia and Europe.</p></article>
<aside><h3>Most popular stories</h3><ul><li><a href="/a">Markets slide</a></li>
<li><a href="/b">Oil rises</a></li></ul></aside>
<footer>Copyright 2026 Daily Wire. All rights reserved.</footer></body></html>"""


def rss(base: str, items: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<item><title>{title}</title><link>{base}/{slug}</link><guid>{base}/{slug}</guid>"
        f"<pubDate>Mon, 30 Nov 2026 10:0{i}:00 GMT</pubDate><description>Short teaser.</description></item>"
        for i, (title, slug) in enumerate(items)
    )
    channel = f"<title>Daily Wire</title><link>{base}</link>{body}"
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{channel}</channel></rss>'


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_json(*args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("[network]\ntimeout = 0.5\n", encoding="utf-8")
    return path


@pytest.fixture
def server(feed_server: FeedServer) -> FeedServer:
    base = feed_server.base_url
    feed_server.route(
        "/wire.xml",
        200,
        rss(base, [("Copper miners expand in Atacama", "copper")]),
        content_type="application/rss+xml",
        etag='"w1"',
    )
    feed_server.route("/copper", 200, ARTICLE_PAGE, content_type="text/html; charset=utf-8")
    feed_server.route("/missing.xml", 404, "gone")
    feed_server.route(
        "/paywalled.xml", 200, rss(base, [("Subscribers only", "locked")]), content_type="application/rss+xml"
    )
    feed_server.route("/locked", 403, "<html><body>Subscribe to read</body></html>", content_type="text/html")
    feed_server.route("/slow.xml", 200, rss(base, []), delay=3.0)
    feed_server.route(
        "/broken.xml",
        200,
        "<rss><channel><title>Half a feed</title>&& <<",
        content_type="application/rss+xml",
    )
    return feed_server


def test_clean_prints_exactly_the_seed_title_and_its_nine_paragraphs() -> None:
    cleaned = run_json("clean", str(SEED))
    assert cleaned["title"] == EXPECTED["title"]
    assert cleaned["paragraphs"] == EXPECTED["paragraphs"]
    for line in EXPECTED["must_not_contain"]:
        assert all(line not in p for p in cleaned["paragraphs"]), line


def test_clean_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_PAGE.encode())))
    code, out, _ = run("clean", "-")
    assert code == 0
    assert out.startswith("Copper miners expand in Atacama\n\nChilean miner Codelco")
    assert "Most popular" not in out and "cookies" not in out


def test_entities_reports_the_article_body_only() -> None:
    found = {(e["text"], e["label"]): e["count"] for e in run_json("entities", str(SEED))}
    assert found[("Vladimir Putin", "PERSON")] >= 2
    assert ("Putin", "PERSON") not in found
    assert not any("MENAFN provides" in text for text, _ in found)


def test_refresh_stores_every_good_feed_and_names_each_failure(
    server: FeedServer, tmp_path: Path, config: Path
) -> None:
    db = str(tmp_path / "r.db")
    for path in ("/wire.xml", "/missing.xml", "/slow.xml", "/broken.xml"):
        assert run("--db", db, "add", server.url(path))[0] == 0
    code, out, err = run("--db", db, "--config", str(config), "refresh")
    assert code == 0
    assert "4 feeds: 1 updated, 0 unchanged, 3 failed; 1 new article" in out
    assert "404" in err and "timed out" in err and "malformed" in err
    [article] = run_json("--db", db, "list")
    assert article["title"] == "Copper miners expand in Atacama" and article["feed"] == "Daily Wire"
    shown = run_json("--db", db, "show", str(article["id"]))
    assert shown["paragraphs"][0].startswith("Chilean miner Codelco")
    assert not any("Most popular" in p or "cookies" in p for p in shown["paragraphs"])
    labels = {(e["text"], e["label"]) for e in shown["entities"]}
    assert ("Banco Andino", "ORG") in labels and ("Maria Soto", "PERSON") in labels
    feeds = {f["url"].rsplit("/", 1)[1]: f for f in run_json("--db", db, "feeds")}
    assert feeds["wire.xml"]["status"] == "ok" and feeds["wire.xml"]["error"] is None
    assert feeds["missing.xml"]["status"] == "error" and "404" in feeds["missing.xml"]["error"]


def test_a_second_refresh_is_conditional_and_stores_no_duplicates(server: FeedServer, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "add", server.url("/wire.xml"))
    assert run("--db", db, "refresh", "--no-enrich")[0] == 0
    code, out, _ = run("--db", db, "refresh", "--no-enrich", "--all")
    assert code == 0 and "0 updated, 1 unchanged" in out
    assert server.last_request("/wire.xml").headers.get("if-none-match") == '"w1"'
    assert run("--db", db, "list", "--count") == (0, "1\n", "")


def test_the_console_command_leaves_all_it_wrote_in_the_db_file(server: FeedServer, tmp_path: Path) -> None:
    # `reader` exits without interpreter teardown; what it wrote must be folded into the file first,
    # so a backup that copies only reader.db still holds every article.
    import shutil
    import subprocess
    import sys

    db = tmp_path / "r.db"
    for args in (("add", "--no-check", server.url("/wire.xml")), ("refresh", "--no-enrich")):
        done = subprocess.run([sys.executable, "-m", "reader", "--db", str(db), *args], capture_output=True)
        assert done.returncode == 0, done.stderr
    assert not db.with_name("r.db-wal").exists()
    backup = tmp_path / "backup.db"
    shutil.copyfile(db, backup)
    assert run("--db", str(backup), "list", "--count") == (0, "1\n", "")


def test_an_unusable_proxy_variable_is_one_clear_line(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "add", "--no-check", server.url("/wire.xml"))
    monkeypatch.setenv("HTTP_PROXY", "ftp://proxy.invalid:21")
    code, _, err = run("--db", db, "refresh")
    assert code == 1
    assert err.startswith("reader: the proxy named in the environment cannot be used: ")
    assert "Traceback" not in err


def test_refresh_fails_only_when_nothing_could_be_done(server: FeedServer, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "add", server.url("/missing.xml"))
    code, _, err = run("--db", db, "refresh")
    assert code == 1 and "404" in err


def test_list_filters_and_counts_the_demo(demo_db: Path) -> None:
    db = str(demo_db)
    everything = run_json("--db", db, "list")
    assert len(everything) == 15  # 16 stored; the Kenya story from two feeds is listed once
    assert set(everything[0]) >= {"id", "title", "url", "feed", "published", "read", "saved"}
    assert all(a["url"].startswith("https://") for a in everything)
    assert [a["published"] for a in everything] == sorted((a["published"] for a in everything), reverse=True)
    assert run("--db", db, "list", "--count", "--entity", "Emmanuel Macron")[1] == "1\n"
    assert run("--db", db, "list", "--count", "--query", "locust")[1] == "1\n"


def test_save_then_list_saved_and_show_it(demo_db: Path) -> None:
    db = str(demo_db)
    seed_id = next(a["id"] for a in run_json("--db", db, "list") if a["title"] == EXPECTED["title"])
    assert run("--db", db, "save", str(seed_id))[0] == 0
    assert [a["id"] for a in run_json("--db", db, "list", "--saved")] == [seed_id]
    shown = run_json("--db", db, "show", str(seed_id))
    assert shown["saved"] is True and shown["paragraphs"] == EXPECTED["paragraphs"]
    assert {"markdown", "entities", "copies"} <= set(shown)
    assert run("--db", db, "unsave", str(seed_id))[0] == 0
    assert run_json("--db", db, "list", "--saved") == []


def test_search_finds_demo_articles_by_body_text(demo_db: Path) -> None:
    hits = run_json("--db", str(demo_db), "search", "Macron Kremlin")
    assert [h["title"] for h in hits] == [EXPECTED["title"]]


def test_opml_export_then_import_keeps_every_feed_and_folder(demo_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "subs.opml"
    assert run("--db", str(demo_db), "export", str(exported))[0] == 0
    fresh = str(tmp_path / "fresh.db")
    code, out, _ = run("--db", fresh, "import", str(exported))
    assert code == 0 and "3 new" in out
    before = {(f["url"], f["folder"]) for f in run_json("--db", str(demo_db), "feeds")}
    assert {(f["url"], f["folder"]) for f in run_json("--db", fresh, "feeds")} == before


def test_remove_keeps_saved_articles(demo_db: Path) -> None:
    db = str(demo_db)
    article = run_json("--db", db, "list")[0]
    run("--db", db, "save", str(article["id"]))
    feed = next(f for f in run_json("--db", db, "feeds") if f["title"] == article["feed"])
    code, out, _ = run("--db", db, "remove", str(feed["id"]))
    assert code == 0 and "1 saved article kept" in out
    assert [a["id"] for a in run_json("--db", db, "list", "--saved")] == [article["id"]]


def test_errors_are_one_clear_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    assert run("--db", db, "show", "42") == (1, "", "reader: no article 42\n")
    assert run("--db", db, "add", "ftp://example.org/feed")[0] == 1
    code, _, err = run("--db", db, "import", str(tmp_path / "nope.opml"))
    assert code == 1 and err.startswith("reader: cannot read")
    bad = tmp_path / "bad.toml"
    bad.write_text("[network]\njobs = 'many'\n", encoding="utf-8")
    code, _, err = run("--db", db, "--config", str(bad), "feeds")
    assert code == 1 and "network.jobs" in err


def test_demo_without_the_ui_loads_feeds_once(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert run("--db", db, "demo", "--no-open") == (0, "Loaded the demo: 3 feeds, 16 new articles.\n", "")
    assert run("--db", db, "demo", "--no-open")[1] == "Loaded the demo: 3 feeds, 0 new articles.\n"
    assert run("--db", db, "list", "--count")[1] == "15\n"


def test_a_blocked_page_falls_back_to_the_feed_text_and_says_why(server: FeedServer, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "add", server.url("/paywalled.xml"))
    assert run("--db", db, "refresh")[0] == 0
    [article] = run_json("--db", db, "list")
    shown = run_json("--db", db, "show", str(article["id"]))
    assert shown["paragraphs"] == ["Short teaser."]
    assert shown["enrich_status"] == "fallback"
    assert "403" in shown["note"] and "feed's own text" in shown["note"]


def test_a_database_that_cannot_be_written_is_one_clear_line(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from reader.store import Store, _translated

    db = str(tmp_path / "r.db")
    run("--db", db, "add", server.url("/wire.xml"))

    def read_only(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Store, "record_polls", _translated(read_only))
    code, out, err = run("--db", db, "refresh")
    assert code == 1
    assert err == "reader: the database is read-only: check the file's permissions (or use another --db)\n"


def test_a_feed_address_differing_only_in_case_is_the_same_subscription(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run("--db", db, "add", "https://Wire.Example/rss")
    assert run("--db", db, "add", "HTTPS://wire.example/rss")[1].startswith("Already subscribed")


def test_cleaning_empty_input_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    code, _, err = run("clean", "-")
    assert code == 1 and "empty" in err


def test_a_story_syndicated_by_two_feeds_is_listed_once_with_its_copy(demo_db: Path) -> None:
    db = str(demo_db)
    kenya = [a for a in run_json("--db", db, "list") if "Kenya" in a["title"]]
    assert [(a["title"], a["copies"]) for a in kenya] == [
        ("Kenya, Tanzania sign cross-border power line agreement", 1)
    ]
    shown = run_json("--db", db, "show", str(kenya[0]["id"]))
    assert [(c["feed"], c["title"]) for c in shown["copies"]] == [
        ("The Harbour Post - World", "Kenya and Tanzania agree cross-border power link")
    ]
    feed = next(f for f in run_json("--db", db, "feeds") if f["title"] == "The Harbour Post - World")
    assert any("Kenya" in a["title"] for a in run_json("--db", db, "list", "--feed", str(feed["id"])))
    run("--db", db, "show", str(kenya[0]["id"]))


def test_feeds_has_a_header_and_says_when_a_failing_feed_is_tried_next(tmp_path: Path) -> None:
    from datetime import timedelta

    from reader.models import PollResult
    from reader.schedule import decide
    from reader.store import Store
    from tests.conftest import FIXED_NOW

    db = str(tmp_path / "r.db")
    store = Store(db)
    feed, _ = store.add_feed("https://down.example/rss")
    failed = PollResult(feed.id, feed.url, "error", 503, error="HTTP 503 Service Unavailable")
    for _ in range(2):
        state = decide(failed, store.feed(feed.id).failures, FIXED_NOW, timedelta(minutes=30))
        store.record_polls([(failed, state)], FIXED_NOW)
    store.close()
    code, out, _ = run("--db", db, "feeds")
    header, row, error = out.splitlines()
    assert code == 0 and header.split() == ["id", "status", "fetched", "(UTC)", "unread/all", "feed"]
    assert "backing-off" in row and "2026-12-01 18:00" in row
    assert error.strip() == "HTTP 503 Service Unavailable (next try 2026-12-01 19:00)"


def test_a_refresh_while_another_holds_the_database_exits_75(tmp_path: Path) -> None:
    from reader.runlock import refresh_lock

    db = tmp_path / "r.db"
    with refresh_lock(db):
        code, _, err = run("--db", str(db), "refresh")
    assert code == 75 and "another refresh of this database is running" in err


@pytest.mark.parametrize(
    "words",
    [
        ["refresh", "--no-enrich", "--all", "--jobs", "8"],
        ["--db", "list", "--config", "c.toml", "refresh"],  # a database file named like a command
        ["--conf", "feeds", "list", "--unread"],  # an abbreviated option, its value a command name
        ["--db=x.db", "show", "3", "--json"],
        ["--offline"],
        ["add", "https://example.org/", "--title", "refresh"],
    ],
)
def test_the_parser_built_for_one_command_reads_as_the_whole_one(words: list[str]) -> None:
    from reader.cli import build_parser, command_named

    whole = build_parser(show_paths=False).parse_args(words)
    alone = build_parser(show_paths=False, only=command_named(words)).parse_args(words)
    assert vars(alone) == vars(whole)


def test_help_and_unknown_commands_get_the_whole_parser() -> None:
    from reader.cli import command_named

    assert command_named(["refresh", "--help"]) is None
    assert command_named(["--db", "x.db", "bogus"]) is None
    assert command_named([]) is None
    assert command_named(["--db", "x.db", "feeds"]) == "feeds"
