"""Check the cleaner, readability-lxml and trafilatura against phrases real pages must (not) give.

Usage: python benchmarks/snippets.py DIR [--failures]

DIR holds NAME.html pages, each with NAME.json: {"with": [phrases], "without": [phrases]}, as
benchmarks/real_pages.py writes them from trafilatura's real-world tests. A tool keeps a phrase to keep
when it is a substring of the text or its words appear, in order and together, among the text's
words (lowercased, so spacing and punctuation never decide); it excludes a phrase to exclude when
that is not a substring of its text. A page is right when all its phrases are.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaner import ours, readability_only, trafilatura_tool  # noqa: E402 - after the path is set

_WORD = re.compile(r"\w+")


def words(text: str) -> str:
    """The text's \\w+ words, lowercased, one space apart (so spacing and punctuation never decide)."""
    return " ".join(_WORD.findall(text.lower()))


def check(text: str, case: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The phrases missing from text that it must have, and those present that it must not."""
    found = words(text)
    return (
        [p for p in case["with"] if p not in text and words(p) not in found],
        [p for p in case["without"] if p in text],
    )


def main() -> None:
    """Print kept and excluded phrases and right pages for each tool."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--failures", action="store_true", help="list our pages with a wrong phrase")
    args = parser.parse_args()
    pages = [
        (path.stem, path.read_text("utf-8"), json.loads(path.with_suffix(".json").read_text("utf-8")))
        for path in sorted(args.corpus.glob("*.html"))
        if path.with_suffix(".json").exists()
    ]
    tools: list[tuple[str, Callable[[str], str] | None]] = [
        ("ours (reader.cleaner)", ours),
        ("readability-lxml", readability_only),
        ("trafilatura", trafilatura_tool()),
    ]
    wanted = sum(len(c["with"]) for _, _, c in pages)
    unwanted = sum(len(c["without"]) for _, _, c in pages)
    print(f"corpus: {args.corpus} ({len(pages)} pages, {wanted} phrases to keep, {unwanted} to exclude)")
    print(f"{'tool':<24}{'kept':>12}{'excluded':>12}{'pages right':>14}")
    for name, tool in tools:
        if tool is None:
            print(f"{name:<24} not installed")
            continue
        missing = present = right = 0
        failures = []
        for page, html, case in pages:
            try:
                text = tool(html) or ""
            except Exception:  # noqa: BLE001 - a raising page keeps nothing
                text = ""
            lost, kept = check(text, case)
            missing, present = missing + len(lost), present + len(kept)
            right += not lost and not kept
            if lost or kept:
                failures.append((page, lost, kept))
        kept_share = (wanted - missing) / wanted if wanted else 1.0
        excluded_share = (unwanted - present) / unwanted if unwanted else 1.0
        print(f"{name:<24}{kept_share:12.3f}{excluded_share:12.3f}{right:>8}/{len(pages)}")
        if args.failures and tool is ours:
            for page, lost, kept in failures:
                print(f"    {page}: missing {[p[:40] for p in lost]} kept {[p[:40] for p in kept]}")


if __name__ == "__main__":
    main()
