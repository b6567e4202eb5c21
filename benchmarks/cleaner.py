"""Score reader.cleaner against readability-lxml and trafilatura on a corpus of pages.

Usage: python benchmarks/cleaner.py [--corpus DIR ...] [--worst N] [--repeat N]

A corpus is a directory of NAME.html pages, each with NAME.txt holding the true article body
(paragraphs separated by blank lines; no headline, byline, captions, related links or comments).
Each page is scored with 4-word shingles of its \\w+ tokens, compared as multisets with the true
body; tp/fp/fn are normalised per page, precision and recall are averaged over pages, and F1 is
their harmonic mean (the scoring of the article-extraction-benchmark).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_TOKEN = re.compile(r"\w+", re.UNICODE)
Scores = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-word shingles of a text."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match(true: str, pred: str) -> Scores:
    """Normalised (tp, fp, fn) of predicted against true shingles."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    """Shingle precision of one page."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    """Shingle recall of one page."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def summary(scores: list[Scores]) -> tuple[float, float, float]:
    """Mean precision, mean recall and their F1 over pages."""
    ps = [precision(*s) for s in scores if s[0] + s[1] > 0]
    rs = [recall(*s) for s in scores if s[0] + s[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ours(html: str) -> str:
    """reader.cleaner's article text."""
    from reader.cleaner import clean

    return clean(html).text


def readability_only(html: str) -> str:
    """readability-lxml's summary as plain text."""
    from lxml import html as lxml_html
    from readability import Document

    summary_html = Document(html).summary(html_partial=True)
    root = lxml_html.fragment_fromstring(summary_html, create_parent="div")
    return str(root.text_content())


def trafilatura_tool() -> Callable[[str], str] | None:
    """trafilatura's extract(), or None when it is not installed."""
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: str) -> str:
        return trafilatura.extract(html) or ""

    return run


def load(corpus: Path) -> list[tuple[str, str, str]]:
    """(name, html, true text) for every page of the corpus that has both files."""
    pages = []
    for path in sorted(corpus.glob("*.html")):
        truth = path.with_suffix(".txt")
        if truth.exists():
            pages.append(
                (path.stem, path.read_text(encoding="utf-8", errors="replace"), truth.read_text("utf-8"))
            )
    return pages


def run_tools(
    tools: list[tuple[str, Callable[[str], str]]], pages: list[tuple[str, str, str]], repeat: int
) -> dict[str, tuple[list[Scores], float, int]]:
    """Per tool: per-page scores, pages per second and pages raised.

    Tools take turns page by page (best of `repeat` timings each), so a busy machine slows all alike.
    """
    scores: dict[str, list[Scores]] = {name: [] for name, _ in tools}
    seconds = dict.fromkeys(scores, 0.0)
    errors = dict.fromkeys(scores, 0)
    for _name, html, truth in pages:
        for name, tool in tools:
            best, pred = float("inf"), ""
            for _ in range(repeat):
                start = time.perf_counter()
                try:
                    pred = tool(html)
                except Exception:  # noqa: BLE001 - a raising page scores as empty
                    pred = ""
                    errors[name] += 1
                best = min(best, time.perf_counter() - start)
            seconds[name] += best
            scores[name].append(match(truth, pred))
    return {
        name: (scores[name], len(pages) / seconds[name] if seconds[name] else 0.0, errors[name] // repeat)
        for name in scores
    }


def page_sizes(pages: list[tuple[str, str, str]]) -> str:
    """Median and largest page size in KB."""
    sizes = sorted(len(html.encode("utf-8")) / 1024 for _name, html, _truth in pages)
    return f"median {statistics.median(sizes):.0f} KB, largest {sizes[-1]:.0f} KB"


def report(
    corpus: Path, tools: list[tuple[str, Callable[[str], str] | None]], repeat: int, worst: int
) -> None:
    """Score every tool on one corpus and print its table and our worst pages."""
    pages = load(corpus)
    if not pages:
        print(f"\nno NAME.html + NAME.txt pages in {corpus}")
        return
    shown = corpus.resolve().relative_to(ROOT) if corpus.resolve().is_relative_to(ROOT) else corpus
    print(f"\ncorpus: {shown} ({len(pages)} pages, {page_sizes(pages)})")
    present = [(name, tool) for name, tool in tools if tool is not None]
    results = run_tools(present, pages, repeat)
    print(f"{'tool':<24}{'P':>7}{'R':>7}{'F1':>7}{'pages/s':>10}{'raised':>8}")
    for name, tool in tools:
        if tool is None:
            print(f"{name:<24} not installed")
            continue
        scores, rate, errors = results[name]
        p, r, f1 = summary(scores)
        print(f"{name:<24}{p:7.3f}{r:7.3f}{f1:7.3f}{rate:10.1f}{errors:8d}")
    ours_scores = results[tools[0][0]][0]
    ranked = sorted(zip(pages, ours_scores, strict=True), key=lambda x: summary([x[1]])[2])
    if worst:
        print(f"worst {worst} pages for ours:")
    for (name, _html, _truth), s in ranked[:worst]:
        print(f"  {name:<28} P {precision(*s):.3f}  R {recall(*s):.3f}")


def main() -> None:
    """Print the comparison table for each corpus, with our worst pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a corpus directory (repeatable; default: all five here)",
    )
    parser.add_argument("--worst", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="time each page this many times, keep the best")
    args = parser.parse_args()
    here = Path(__file__).parent
    corpora = args.corpus or [
        here / name
        for name in ("corpus", "corpus_holdout", "corpus_holdout2", "corpus_holdout3", "corpus_holdout4")
    ]
    tools: list[tuple[str, Callable[[str], str] | None]] = [
        ("ours (reader.cleaner)", ours),
        ("readability-lxml", readability_only),
        ("trafilatura", trafilatura_tool()),
    ]
    warm_up = next((pages[0][1] for pages in map(load, corpora) if pages), "<p>warm up</p>")
    for _name, tool in tools:
        if tool is not None:
            tool(warm_up)  # import the libraries before timing
    for corpus in corpora:
        report(corpus, tools, max(args.repeat, 1), args.worst)


if __name__ == "__main__":
    main()
