"""The `reader` command: argument parsing and output formatting; the work is done by the services."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from reader import __version__
from reader.cli_json import article_json, cleaned_json, feed_json, iso_text, row_json
from reader.config import Config, default_config_path, default_db_path, load_config
from reader.errors import BusyError, ReaderError
from reader.models import ArticleFilter, ArticleRow
from reader.sanitize import clean_block, clean_line
from reader.store import Store


class Context:
    """What every command gets: parsed arguments, settings and where to write."""

    def __init__(self, args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.config = config
        self.out = out
        self.err = err
        self.opened: list[Store] = []

    def store(self) -> Store:
        """Open the database named by --db (or the default one); main() closes it after the command."""
        store = Store(self.args.db or default_db_path())
        self.opened.append(store)
        return store

    def close(self) -> None:
        """Close the stores the command opened: SQLite folds its write-ahead log into the file."""
        for store in self.opened:
            store.close()
        self.opened.clear()

    def json(self, value: Any) -> None:
        """Print one JSON document."""
        import json  # only the --json outputs need it

        json.dump(value, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")

    def say(self, text: str = "") -> None:
        """Print a line of output."""
        self.out.write(text + "\n")


# -- commands -------------------------------------------------------------------------------------


def cmd_ui(ctx: Context) -> int:
    """Open the terminal UI."""
    from reader.ui.app import ReaderApp  # Textual loads only when the UI is wanted

    app = ReaderApp(ctx.store(), ctx.config, offline=ctx.args.offline, load_demo=ctx.args.command == "demo")
    app.run()
    return app.return_code or 0


def cmd_demo(ctx: Context) -> int:
    """Load the bundled demo, then open the UI (unless --no-open)."""
    if ctx.args.no_open:
        from reader.demo import load_demo

        summary = load_demo(ctx.store())
        ctx.say(f"Loaded the demo: {summary.feeds} feeds, {summary.articles} new articles.")
        return 0
    return cmd_ui(ctx)


def _normal_feed_url(text: str) -> str:
    """The feed address with its scheme and host in lower case; refuses anything but http(s)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ReaderError(f"not a feed address: {text!r} (it must start with http:// or https://)")
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))


def cmd_add(ctx: Context) -> int:
    """Subscribe to a feed URL, or to the feeds an HTML page links to (the first, or --all)."""
    url = _normal_feed_url(ctx.args.url)
    urls = [url] if ctx.args.no_check else _feeds_to_add(ctx, url)
    store = ctx.store()
    for index, feed_url in enumerate(urls):
        title = ctx.args.title if index == 0 else None
        feed, created = store.add_feed(feed_url, title=title, folder=ctx.args.folder)
        if created:
            ctx.say(f"Subscribed to {feed.url} (feed {feed.id}). Run `reader refresh` to fetch it.")
        else:
            ctx.say(f"Already subscribed to {feed.url} (feed {feed.id}).")
    return 0


def _feeds_to_add(ctx: Context, url: str) -> list[str]:
    """The feed URLs `add` subscribes to after fetching url; url itself when it cannot be checked."""
    import asyncio

    from reader.client import make_client
    from reader.discovery import DiscoveryResult, discover
    from reader.errors import FetchError

    async def check() -> DiscoveryResult:
        async with make_client(jobs=1, timeout=ctx.config.network.timeout) as client:
            return await discover(client, url)

    try:
        found = asyncio.run(check())
    except FetchError as error:
        ctx.err.write(f"warning: could not check {url}: {clean_line(str(error))}; subscribing as given.\n")
        return [url]
    if found.kind == "feed":
        return [url]
    if found.kind == "unknown":
        reason = clean_line(found.reason)
        ctx.err.write(f"warning: {url} did not read as a feed ({reason}); subscribing as given.\n")
        return [url]
    if not found.feeds:
        raise ReaderError(f"no feed found at {url} (an HTML page without feed links)")
    links = [(_normal_feed_url(link), title) for link, title in found.feeds]
    if ctx.args.all:
        ctx.say(f"Found {len(links)} feed{'s' if len(links) > 1 else ''} at {url}.")
        return [link for link, _ in links]
    (first, first_title), others = links[0], links[1:]
    ctx.say(f"Found a feed at {url}: {first}{_titled(first_title)}")
    if others:
        ctx.say(f"It names {len(others)} more (`reader add --all {url}` subscribes to all):")
        for link, title in others:
            ctx.say(f"  {link}{_titled(title)}")
    return [first]


def _titled(title: str | None) -> str:
    """' (title)' for a feed link's title, or nothing."""
    return f" ({clean_line(title, 80)})" if title else ""


def cmd_remove(ctx: Context) -> int:
    """Unsubscribe; saved articles stay."""
    feed, kept = ctx.store().remove_feed(ctx.args.feed)
    kept_text = "1 saved article kept" if kept == 1 else f"{kept} saved articles kept"
    ctx.say(f"Unsubscribed from {clean_line(feed.display_title)}; {kept_text}.")
    return 0


def cmd_import(ctx: Context) -> int:
    """Subscribe to every feed in an OPML file."""
    from reader.opml import parse_opml

    try:
        data = Path(ctx.args.file).read_bytes()
    except OSError as error:
        raise ReaderError(f"cannot read {ctx.args.file}: {error.strerror}") from error
    outlines = parse_opml(data)
    store = ctx.store()
    added = sum(store.add_feed(o.url, title=o.title, folder=o.folder)[1] for o in outlines)
    known = len(outlines) - added
    ctx.say(f"Imported {len(outlines)} feeds from {ctx.args.file}: {added} new, {known} already there.")
    return 0


def cmd_export(ctx: Context) -> int:
    """Write the subscriptions as OPML to a file or stdout."""
    from reader.opml import Outline, to_opml

    feeds = ctx.store().feeds()
    text = to_opml(Outline(f.url, f.title, f.folder, f.site_url) for f in feeds)
    if ctx.args.file:
        try:
            Path(ctx.args.file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise ReaderError(f"cannot write {ctx.args.file}: {error.strerror}") from error
        ctx.err.write(f"Exported {len(feeds)} feeds to {ctx.args.file}.\n")
    else:
        ctx.out.write(text)
    return 0


def cmd_refresh(ctx: Context) -> int:
    """Poll the due feeds, store new items, then clean and tag them."""
    from reader.refresh import Progress, Refresher

    store = ctx.store()
    refresher = Refresher(store, ctx.config.network)
    report: Callable[[Progress], None] | None = None
    bar = None
    if ctx.err.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import (
            Progress as Bar,
        )

        bar = Bar(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[item]}", style="dim"),
            console=Console(file=ctx.err),
            transient=True,
        )
        tasks: dict[str, Any] = {}

        def report(step: Progress) -> None:
            if step.stage not in tasks:
                label = "polling" if step.stage == "poll" else "cleaning"
                tasks[step.stage] = bar.add_task(label, total=step.total, item="")
            bar.update(tasks[step.stage], completed=step.done, item=clean_line(step.message, 50))

        bar.start()
    try:
        summary = refresher.refresh(
            include_all=ctx.args.all, enrich=not ctx.args.no_enrich, jobs=ctx.args.jobs, progress=report
        )
    finally:
        if bar is not None:
            bar.stop()
        refresher.close()
    for failure in summary.failures:
        name = clean_line(failure.title) or failure.url
        ctx.err.write(f"failed: {name} ({failure.url}): {clean_line(failure.message)}\n")
    ctx.say(summary.line())
    if summary.feeds == 0:
        ctx.err.write("No feed is due. Use --all to poll every feed, or `reader add URL` to subscribe.\n")
    nothing_done = summary.feeds > 0 and len(summary.failures) == summary.feeds
    return 1 if nothing_done else 0


def _filter(ctx: Context, store: Store) -> ArticleFilter:
    feed_id = store.feed(ctx.args.feed).id if ctx.args.feed else None
    return ArticleFilter(
        unread=ctx.args.unread,
        saved=ctx.args.saved,
        feed_id=feed_id,
        entity=ctx.args.entity,
        query=ctx.args.query,
    )


def _print_rows(ctx: Context, rows: Sequence[ArticleRow]) -> None:
    for row in rows:
        flags = ("*" if row.saved else " ") + ("N" if not row.read else " ")
        date = row.published.strftime("%Y-%m-%d %H:%M") if row.published else " " * 16
        ctx.say(
            f"{row.id:>6} {flags} {date}  {clean_line(row.feed_title, 24):<24}  {clean_line(row.title, 100)}"
        )


def cmd_list(ctx: Context) -> int:
    """Articles, newest first."""
    store = ctx.store()
    selection = _filter(ctx, store)
    if ctx.args.count:
        ctx.say(str(store.count(selection)))
        return 0
    rows = store.rows(selection, limit=ctx.args.limit)
    if ctx.args.json:
        ctx.json([row_json(r) for r in rows])
    else:
        _print_rows(ctx, rows)
    return 0


def cmd_search(ctx: Context) -> int:
    """Full-text search."""
    rows = ctx.store().search(ctx.args.query, limit=ctx.args.limit)
    if ctx.args.json:
        ctx.json([row_json(r) for r in rows])
    elif rows:
        _print_rows(ctx, rows)
    else:
        ctx.err.write(f"No article matches {ctx.args.query!r}.\n")
    return 0


def cmd_show(ctx: Context) -> int:
    """One article: its cleaned body and its entities."""
    store = ctx.store()
    article = store.article(ctx.args.id)
    copies = [
        {"id": c.id, "feed": c.feed_title, "title": c.title, "url": c.url} for c in store.copies(article.id)
    ]
    if ctx.args.json:
        ctx.json(article_json(article, copies))
        return 0
    ctx.say(clean_line(article.title, 1000))
    meta = [clean_line(article.feed_title), iso_text(article.published) or "", article.url or ""]
    ctx.say(" · ".join(m for m in meta if m))
    if article.enrich_note:
        ctx.say(f"({clean_line(article.enrich_note)})")
    ctx.say()
    if article.markdown:
        ctx.say(clean_block(article.markdown))
    else:
        from reader.feedtext import feed_paragraphs

        if article.enrich_status == "pending":
            ctx.say("(not cleaned yet: the feed's own text follows; the next refresh cleans the page)")
            ctx.say()
        ctx.say("\n\n".join(feed_paragraphs(article.summary)))
    if article.entities:
        ctx.say()
        ctx.say("Entities:")
        for entity in article.entities:
            ctx.say(f"  {entity.label:<8} {clean_line(entity.text)} ×{entity.mentions}")
    for copy in copies:
        ctx.say(f"Also in {copy['feed']}: {copy['title']} (article {copy['id']})")
    return 0


def cmd_save(ctx: Context) -> int:
    """Keep an article for offline reading, or release it."""
    saving = ctx.args.command == "save"
    store = ctx.store()
    before = store.article(ctx.args.id)
    title = clean_line(before.title, 80)
    if before.saved == saving:
        ctx.say(f"Article {ctx.args.id} was already {'saved' if saving else 'not saved'}: {title}")
        return 0
    store.set_saved(ctx.args.id, saving)
    ctx.say(f"{'Saved' if saving else 'Released'} article {ctx.args.id}: {title}")
    return 0


def _read_source(source: str) -> tuple[str, str | None]:
    """The text of a file, of stdin (-), or of a page at an http(s) URL, and its URL if any."""
    if source.lower().startswith(("http://", "https://")):
        import asyncio

        from reader.client import make_client
        from reader.fetch import fetch_page

        async def get() -> str:
            async with make_client() as client:
                page = await fetch_page(client, source)
            if page.html is None:
                raise ReaderError(f"cannot fetch {source}: {page.error}")
            return page.html

        return asyncio.run(get()), source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise ReaderError(f"cannot read {source}: {error.strerror}") from error
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), None


def cmd_clean(ctx: Context) -> int:
    """Print the cleaned body of one page, touching no database."""
    from reader.cleaner import clean

    html, url = _read_source(ctx.args.source)
    if not html.strip():
        raise ReaderError(f"nothing to clean: {ctx.args.source} is empty")
    page = clean(html, url)
    if ctx.args.json:
        ctx.json(cleaned_json(page))
        return 0
    if not page.is_article:
        ctx.err.write(f"This page is not an article: {page.reason}\n")
    if page.title:
        ctx.say(clean_line(page.title, 1000))
        ctx.say()
    ctx.say(clean_block(page.text))
    return 0


def cmd_entities(ctx: Context) -> int:
    """Print the entities of one page (its article body) or text."""
    from reader.cleaner import clean
    from reader.entities import extract

    html, url = _read_source(ctx.args.source)
    found = extract(clean(html, url).text)
    if ctx.args.json:
        ctx.json([{"text": e.text, "label": e.label, "count": e.mentions} for e in found])
        return 0
    for entity in found:
        ctx.say(f"{entity.label:<8} {entity.mentions:>3}  {clean_line(entity.text)}")
    return 0


def cmd_feeds(ctx: Context) -> int:
    """Subscriptions with their last fetch, status and error."""
    feeds = ctx.store().feeds()
    if ctx.args.json:
        ctx.json([feed_json(f) for f in feeds])
        return 0
    if not feeds:
        ctx.err.write("No subscriptions. `reader add URL`, `reader import FILE.opml` or `reader demo`.\n")
        return 0
    ctx.say(f"{'id':>4} {'status':<11} {'fetched (UTC)':<16} {'unread/all':<10} feed")
    for feed in feeds:
        fetched = _utc_minute(feed.last_fetched) if feed.last_fetched else "never"
        counts = f"{feed.unread_count}/{feed.article_count}"
        title = clean_line(feed.display_title, 50)
        ctx.say(f"{feed.id:>4} {feed.status:<11} {fetched:<16} {counts:<10} {title}  <{feed.url}>")
        if feed.error:
            next_due = feed.next_due if feed.status != "ok" else None
            retry = f" (next try {_utc_minute(next_due)})" if next_due else ""
            ctx.say(f"     {clean_line(feed.error, 150)}{retry}")
    return 0


def _utc_minute(moment: datetime) -> str:
    """A moment in UTC, to the minute (as the UI shows dates)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


# -- parsing --------------------------------------------------------------------------------------


def _demo_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-open", action="store_true", help="load the demo only; do not open the UI")


def _add_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url")
    parser.add_argument("--title", help="the feed's title (with --all, the first feed's)")
    parser.add_argument("--folder")
    parser.add_argument("--all", action="store_true", help="subscribe to every feed the page links to")
    parser.add_argument(
        "--no-check", action="store_true", help="subscribe to URL as given, without fetching it"
    )


def _refresh_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=int, default=None, help="connections at once (default 32)")
    parser.add_argument("--all", action="store_true", help="poll every feed, due or not")
    parser.add_argument("--no-enrich", action="store_true", help="poll and store only")


def _list_args(parser: argparse.ArgumentParser) -> None:
    for flag in ("--unread", "--saved", "--count", "--json"):
        parser.add_argument(flag, action="store_true")
    parser.add_argument("--feed", metavar="URL|ID")
    parser.add_argument("--entity", metavar="NAME")
    parser.add_argument("--query", metavar="Q")
    parser.add_argument("--limit", type=int, default=100)


def _search_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=100)


def _source_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="FILE|URL|-")
    parser.add_argument("--json", action="store_true")


def _show_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=int)
    parser.add_argument("--json", action="store_true")


def _one(name: str, **options: Any) -> Callable[[argparse.ArgumentParser], None]:
    """Arguments of a command that takes one argument."""

    def arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(name, **options)

    return arguments


# Every command: its name, what runs it, its one-line help, and the arguments it takes.
COMMANDS: tuple[tuple[str, Callable[[Context], int], str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("demo", cmd_demo, "load the bundled demo and open the UI (no network needed)", _demo_args),
    ("add", cmd_add, "subscribe to a feed, or to the feed an HTML page links to", _add_args),
    ("remove", cmd_remove, "unsubscribe (saved articles are kept)", _one("feed", metavar="URL|ID")),
    ("import", cmd_import, "subscribe to the feeds of an OPML file", _one("file")),
    ("export", cmd_export, "write subscriptions as OPML", _one("file", nargs="?")),
    ("refresh", cmd_refresh, "poll the due feeds, then clean and tag new articles", _refresh_args),
    ("list", cmd_list, "articles, newest first", _list_args),
    ("show", cmd_show, "an article's cleaned text and entities", _show_args),
    ("save", cmd_save, "keep an article for offline reading", _one("id", type=int)),
    ("unsave", cmd_save, "release a saved article", _one("id", type=int)),
    ("search", cmd_search, "full-text search", _search_args),
    ("clean", cmd_clean, "print the cleaned body of a page (file, URL or -)", _source_args),
    ("entities", cmd_entities, "print the entities of a page or text (file, URL or -)", _source_args),
    ("feeds", cmd_feeds, "subscriptions with status", _one("--json", action="store_true")),
)
_VALUE_OPTIONS = ("--db", "--config")  # the global options that take a value


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, sized as shutil.get_terminal_size would without importing shutil.

    argparse makes a formatter for every argument it is given, and its default one imports shutil
    (and with it zlib, bz2 and lzma): ~1.5 ms of every run, for help that is rarely printed.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width: $COLUMNS, else the width of stdout's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser(show_paths: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; show_paths: name the default paths in the help.

    only: build that command's parser alone (a ~10 ms saving on every run); None builds them all.
    """
    parser = argparse.ArgumentParser(
        prog="reader", description="A terminal reader for syndicated news.", formatter_class=_HelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    db_default = default_db_path() if show_paths else "the user data directory"
    config_default = default_config_path() if show_paths else "the user config directory"
    parser.add_argument("--db", type=Path, help=f"database file (default: {db_default})")
    parser.add_argument("--config", type=Path, help=f"config file (default: {config_default})")
    parser.add_argument(
        "--offline", action="store_true", help="open the UI with the network off: saved articles"
    )
    parser.set_defaults(handler=cmd_ui, command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, handler, text, arguments in COMMANDS:
        if only is None or name == only:
            child = sub.add_parser(name, help=text, description=text, formatter_class=_HelpFormatter)
            child.set_defaults(handler=handler)
            arguments(child)
    return parser


def asks_for_help(words: Sequence[str]) -> bool:
    """Whether the command line asks for help (-h or --help)."""
    return any(word in ("-h", "--help") for word in words)


def command_named(words: Sequence[str]) -> str | None:
    """The command words name, when the parser for it alone will do: not for help, nor no command."""
    if asks_for_help(words):
        return None
    names = {name for name, *_rest in COMMANDS}
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            # "--db PATH", or an abbreviation argparse accepts ("--conf PATH"): the next word is a value.
            skip = "=" not in word and len(word) > 2 and any(o.startswith(word) for o in _VALUE_OPTIONS)
        else:
            return word if word in names else None
    return None


# sysexits.h: a temporary failure, try again later (another refresh holds the database).
EX_TEMPFAIL = 75


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    words = sys.argv[1:] if argv is None else list(argv)
    # Finding the platform's directories costs imports; only the help shows them unasked.
    args = build_parser(asks_for_help(words), only=command_named(words)).parse_args(words)
    ctx: Context | None = None
    try:
        config = load_config(args.config)
        handler: Callable[[Context], int] = args.handler
        ctx = Context(args, config, out, err)
        return handler(ctx)
    except BusyError as error:
        err.write(f"reader: {error}\n")
        return EX_TEMPFAIL
    except ReaderError as error:
        err.write(f"reader: {error}\n")
        return 1
    except KeyboardInterrupt:
        err.write("reader: interrupted; everything stored so far is kept.\n")
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if ctx is not None:
            ctx.close()


def run() -> None:
    """The console script: main(), then exit without tearing the interpreter down.

    Every command has stored, committed and closed what it wrote by the time main() returns (SQLite
    never depends on a clean exit anyway). Unloading each module and joining idle worker threads
    would add 20-40 ms to every command, a tenth of a refresh that finds nothing new.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)
