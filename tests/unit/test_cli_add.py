"""`reader add`: feed discovery before subscribing, against a real local server."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from tests.feedserver import FeedServer

RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Wire</title>'
    "<link>https://wire.example/</link><item><title>One</title><link>https://wire.example/1</link>"
    "</item></channel></rss>"
)
PAGE = """<!doctype html><html><head><title>Daily Wire</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Daily Wire: news" href="/news.xml">
<link rel="alternate" type="application/atom+xml" title="Daily Wire: comments" href="comments.atom">
<link rel="alternate" type="application/rss+xml" href="/news.xml">
</head><body><p>Today's news.</p></body></html>"""
BARE_PAGE = "<!doctype html><html><head><title>No feeds</title></head><body><p>Hello</p></body></html>"


@pytest.fixture
def site(feed_server: FeedServer) -> FeedServer:
    """A site with a home page naming two feeds, the two feeds, and a page naming none."""
    feed_server.route("/home/", body=PAGE, content_type="text/html; charset=utf-8")
    feed_server.route("/news.xml", body=RSS, content_type="application/rss+xml")
    feed_server.route("/home/comments.atom", body=RSS, content_type="application/atom+xml")
    feed_server.route("/about", body=BARE_PAGE, content_type="text/html")
    feed_server.route("/broken.xml", body="<rss><channel><title>Half a feed</title>&& <<")
    return feed_server


@pytest.fixture
def reader(tmp_path: Path) -> list[str]:
    """The global options for a fresh database and a config with a short timeout."""
    config = tmp_path / "config.toml"
    config.write_text("[network]\ntimeout = 0.5\n", encoding="utf-8")
    return ["--db", str(tmp_path / "r.db"), "--config", str(config)]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def subscribed(reader: list[str]) -> list[str]:
    code, out, err = run(*reader, "feeds", "--json")
    assert code == 0, err
    feeds: list[dict[str, Any]] = json.loads(out)
    return [feed["url"] for feed in feeds]


def test_a_page_with_two_feeds_subscribes_to_the_first(site: FeedServer, reader: list[str]) -> None:
    code, out, err = run(*reader, "add", site.url("/home/"))
    assert code == 0 and err == ""
    news, comments = site.url("/news.xml"), site.url("/home/comments.atom")
    lines = out.splitlines()
    assert lines[0] == f"Found a feed at {site.url('/home/')}: {news} (Daily Wire: news)"
    assert "--all" in lines[1] and "1 more" in lines[1]
    assert lines[2] == f"  {comments} (Daily Wire: comments)"
    assert lines[3].startswith(f"Subscribed to {news} (feed 1).")
    assert subscribed(reader) == [news]


def test_all_subscribes_to_every_feed_once(site: FeedServer, reader: list[str]) -> None:
    code, out, _ = run(*reader, "add", "--all", "--folder", "News", site.url("/home/"))
    assert code == 0
    news, comments = site.url("/news.xml"), site.url("/home/comments.atom")
    assert out.splitlines() == [
        f"Found 2 feeds at {site.url('/home/')}.",
        f"Subscribed to {news} (feed 1). Run `reader refresh` to fetch it.",
        f"Subscribed to {comments} (feed 2). Run `reader refresh` to fetch it.",
    ]
    assert sorted(subscribed(reader)) == sorted([news, comments])
    again = run(*reader, "add", "--all", site.url("/home/"))[1].splitlines()
    assert again[1:] == [
        f"Already subscribed to {news} (feed 1).",
        f"Already subscribed to {comments} (feed 2).",
    ]


def test_a_feed_url_is_subscribed_directly(site: FeedServer, reader: list[str]) -> None:
    code, out, err = run(*reader, "add", site.url("/news.xml"))
    assert code == 0 and err == ""
    assert out == f"Subscribed to {site.url('/news.xml')} (feed 1). Run `reader refresh` to fetch it.\n"
    assert site.hits("/news.xml") == 1
    assert run(*reader, "add", site.url("/news.xml"))[1].startswith("Already subscribed")


def test_a_page_without_feeds_fails_in_one_line(site: FeedServer, reader: list[str]) -> None:
    code, out, err = run(*reader, "add", site.url("/about"))
    assert code == 1 and out == ""
    assert err.startswith(f"reader: no feed found at {site.url('/about')}") and err.count("\n") == 1
    assert subscribed(reader) == []


def test_unreachable_address_subscribed_with_a_warning(reader: list[str]) -> None:
    code, out, err = run(*reader, "add", "http://127.0.0.1:9/")
    assert code == 0
    assert out.startswith("Subscribed to http://127.0.0.1:9/ (feed 1).")
    assert err.startswith("warning: could not check http://127.0.0.1:9/") and err.count("\n") == 1
    assert subscribed(reader) == ["http://127.0.0.1:9/"]


def test_http_error_subscribed_with_a_warning(site: FeedServer, reader: list[str]) -> None:
    code, out, err = run(*reader, "add", site.url("/missing.xml"))
    assert code == 0 and out.startswith("Subscribed to")
    assert "could not check" in err and "404" in err


def test_a_broken_feed_subscribed_with_a_warning(site: FeedServer, reader: list[str]) -> None:
    code, out, err = run(*reader, "add", site.url("/broken.xml"))
    assert code == 0 and out.startswith(f"Subscribed to {site.url('/broken.xml')}")
    assert err.startswith("warning:") and "malformed" in err


def test_no_check_fetches_nothing(site: FeedServer, reader: list[str]) -> None:
    code, out, err = run(*reader, "add", "--no-check", site.url("/about"))
    assert code == 0 and err == "" and out.startswith(f"Subscribed to {site.url('/about')}")
    assert site.hits("/about") == 0


def test_the_address_is_still_normalised(site: FeedServer, reader: list[str]) -> None:
    shouty = site.url("/news.xml").replace("http://", "HTTP://")
    code, out, _ = run(*reader, "add", shouty)
    assert code == 0 and out.startswith(f"Subscribed to {site.url('/news.xml')} ")
    assert run(*reader, "add", "ftp://example.org/feed")[0] == 1


def test_title_applies_to_the_first_feed(site: FeedServer, reader: list[str]) -> None:
    assert run(*reader, "add", "--all", "--title", "My Wire", site.url("/home/"))[0] == 0
    code, out, _ = run(*reader, "feeds", "--json")
    titles = {feed["url"]: feed["title"] for feed in json.loads(out)}
    assert titles == {site.url("/news.xml"): "My Wire", site.url("/home/comments.atom"): None}
