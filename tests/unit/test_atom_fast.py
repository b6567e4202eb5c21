"""The lxml fast path for Atom gives exactly feedparser's entries, or steps aside."""

from __future__ import annotations

import pytest

from reader.parsing import parse_feed
from reader.parsing.atom import atom_fast
from reader.parsing.generic import parse_with_feedparser

ATOM = "application/atom+xml"
URL = "https://outlet.example/atom.xml"
HEAD = '<link href="https://outlet.example/"/><link rel="self" href="https://outlet.example/atom.xml"/>'

_ENTRIES = [
    # (entry XML, whether the fast path should take a feed made of it)
    (
        "<title>Port deal signed</title><link href='https://outlet.example/a'/><id>urn:a</id>"
        "<updated>2026-12-01T10:00:00Z</updated><published>2026-11-30T09:30:15.123+01:00</published>"
        "<author><name>Ann Lee</name></author>"
        '<summary type="html">&lt;p&gt;Body &lt;em&gt;x&lt;/em&gt; &lt;a href="https://x.example/y"&gt;l&lt;/a&gt;'
        "&lt;br&gt;two&lt;/p&gt;</summary>",
        True,
    ),
    (
        '<title type="html">It\'s "big" news</title>'
        '<link rel="alternate" type="text/html" hreflang="en" href="https://outlet.example/b"/>'
        '<link rel="replies" type="text/html" href="https://outlet.example/b#comments"/>'
        '<link rel="enclosure" type="audio/mpeg" length="1" href="https://outlet.example/b.mp3"/>'
        "<id>https://outlet.example/?p=2</id><updated>2026-12-01T10:00:00-05:00</updated>"
        "<author><name>Bo Li</name><email>bo@outlet.example</email><uri>https://outlet.example/bo</uri></author>"
        '<category term="World"/><content type="html">&lt;h2&gt;Head&lt;/h2&gt;'
        "&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;</content>",
        True,
    ),
    (
        "<title>Plain text</title><link href='https://outlet.example/c'/><id>urn:c</id>"
        '<updated>2026-12-01T10:00:00Z</updated><summary>It\'s "quoted" — é</summary>'
        '<content type="text">Plain content</content>',
        True,
    ),
    ("<link href='https://outlet.example/d'/><id>urn:d</id>", True),
    # everything below needs feedparser: the fast path must step aside
    ("<title>Relative</title><link href='/e'/><id>urn:e</id>", False),
    ("<title>No id</title><link href='https://outlet.example/f'/>", False),
    ("<title>No link</title><id>urn:g</id>", False),
    (
        "<title>Two alternates</title><link href='https://outlet.example/h'/>"
        "<link rel='alternate' href='https://outlet.example/h2'/><id>urn:h</id>",
        False,
    ),
    (
        "<title>XHTML</title><link href='https://outlet.example/i'/><id>urn:i</id>"
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content>',
        False,
    ),
    (
        "<title>Styled</title><link href='https://outlet.example/j'/><id>urn:j</id>"
        '<summary type="html">&lt;p class="lead"&gt;x&lt;/p&gt;</summary>',
        False,
    ),
    (
        "<title>Script</title><link href='https://outlet.example/k'/><id>urn:k</id>"
        '<summary type="html">&lt;p&gt;x&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</summary>',
        False,
    ),
    ("<title>Entity &amp;amp; title</title><link href='https://outlet.example/l'/><id>urn:l</id>", False),
    (
        "<title>Local date</title><link href='https://outlet.example/m'/><id>urn:m</id>"
        "<updated>2026-12-01T10:00:00</updated>",
        False,
    ),
    (
        "<title>Media</title><link href='https://outlet.example/n'/><id>urn:n</id>"
        '<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://outlet.example/n.jpg"/>',
        False,
    ),
    (
        "<title>Email only</title><link href='https://outlet.example/o'/><id>urn:o</id>"
        "<author><email>o@outlet.example</email></author>",
        False,
    ),
    ("<title>Spaced id</title><link href='https://outlet.example/p'/><id>urn: p</id>", False),
]


def _atom(entries: list[str], head: str = HEAD, root_extra: str = "") -> bytes:
    body = "".join(f"<entry>{entry}</entry>\n" for entry in entries)
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"{root_extra}>'
        f"<title>Outlet</title>{head}<id>urn:outlet</id><updated>2026-12-01T10:00:00Z</updated>\n{body}</feed>"
    ).encode()


def _feedparser_only(data: bytes) -> object:
    return parse_with_feedparser(data, URL, ATOM).as_tuple()


@pytest.mark.parametrize(("entry", "fast"), _ENTRIES, ids=[f"entry{i}" for i in range(len(_ENTRIES))])
def test_fast_path_agrees_with_feedparser_entry_by_entry(entry: str, fast: bool) -> None:
    data = _atom([entry])
    assert (atom_fast(data, ATOM) is not None) is fast
    assert parse_feed(data, URL, ATOM) == _feedparser_only(data)


def test_fast_path_agrees_with_feedparser_on_whole_feeds() -> None:
    plain = [entry for entry, fast in _ENTRIES if fast]
    data = _atom(plain)
    parsed = atom_fast(data, ATOM)
    assert parsed is not None and len(parsed.entries) == len(plain)
    assert parsed.as_tuple() == _feedparser_only(data)
    assert parsed.entries[1].author == "Bo Li (bo@outlet.example)"
    assert parsed.entries[2].summary == 'It\'s "quoted" — é' and parsed.entries[2].content == "Plain content"
    # one entry the fast path does not know sends the whole feed to feedparser
    assert atom_fast(_atom([*plain, _ENTRIES[-1][0]]), ATOM) is None


@pytest.mark.parametrize(
    ("head", "root_extra"),
    [
        ('<link rel="self" href="https://outlet.example/atom.xml"/>', ""),  # feedparser takes the id as link
        (HEAD, ' xml:base="https://outlet.example/news/"'),
        (HEAD + "<subtitle>s</subtitle><rights>r</rights><generator>g</generator><unknown>u</unknown>", ""),
    ],
)
def test_feeds_the_fast_path_leaves_to_feedparser(head: str, root_extra: str) -> None:
    data = _atom([_ENTRIES[0][0]], head=head, root_extra=root_extra)
    assert atom_fast(data, ATOM) is None
    assert parse_feed(data, URL, ATOM) == _feedparser_only(data)
