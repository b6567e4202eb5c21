"""OPML import and export."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.errors import ReaderError
from reader.opml import Outline, parse_opml, to_opml

ReadFeed = Callable[[str], bytes]


def test_parse_nested_folders(feed_bytes: ReadFeed) -> None:
    outlines = parse_opml(feed_bytes("subscriptions.opml"))
    assert outlines == [
        Outline("https://top.example.org/rss", "Top level feed", None, "https://top.example.org/"),
        Outline("https://cafe.example.org/feed", "Caf\u00e9 News", "News"),
        Outline("https://deep.example.org/atom", "Deep one", "News/Tech"),
    ]


def test_round_trip_with_folders() -> None:
    outlines = [
        Outline("https://a.example/feed", "A & B <news>", None, "https://a.example/"),
        Outline("https://b.example/rss", "B", "Tech"),
        Outline("https://c.example/atom", None, "Tech/Rust"),
        Outline("https://d.example/feed.json", "D", "Caf\u00e9"),
        Outline("https://e.example/rss", "E", "Tech"),
    ]
    text = to_opml(outlines, title="Mine")
    assert text.startswith("<?xml") and 'version="2.0"' in text and "<title>Mine</title>" in text
    back = parse_opml(text)
    assert sorted(back, key=lambda o: o.url) == sorted(outlines, key=lambda o: o.url)
    assert parse_opml(text.encode("utf-8")) == back


def test_to_opml_groups_folders_once() -> None:
    text = to_opml([Outline("https://1.example/", "1", "F"), Outline("https://2.example/", "2", "F")])
    assert text.count('text="F"') == 1


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        "   ",
        b"just some text",
        b"<html><body>no</body></html>",
        b"<opml><head/></opml>",
        b"<opml><body>",
    ],
)
def test_junk_raises_reader_error(junk: bytes | str) -> None:
    with pytest.raises(ReaderError, match="^not an OPML file: "):
        parse_opml(junk)


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<opml version="2.0"><body><outline text="&c;" xmlUrl="https://x.example/feed"/></body></opml>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&ext;" xmlUrl="https://x.example/feed"/></body></opml>"""


@pytest.mark.parametrize("doc", [LAUGHS, EXTERNAL, LAUGHS.encode("utf-16")])
def test_entity_declarations_refused(doc: str | bytes) -> None:
    with pytest.raises(ReaderError, match="^not an OPML file: "):
        parse_opml(doc)


def test_str_with_encoding_declaration() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><opml><body><outline text="\u00e9" xmlUrl="http://e/"/>'
    )
    text += "</body></opml>"
    assert parse_opml(text) == [Outline("http://e/", "\u00e9")]
