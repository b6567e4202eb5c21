"""Copy the approved snapshot SVGs named below into screenshots/, where the README shows them.

Regenerate the snapshots first when the UI changed on purpose:
    python -m pytest tests/ui/test_snapshots.py --snapshot-update
then run:
    python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "ui" / "__snapshots__" / "test_snapshots"
SCREENSHOTS = ROOT / "screenshots"

# screenshot name -> snapshot test it is taken from
CHOSEN = {
    "main.svg": "test_seed_article_with_its_entities.svg",
    "demo-list.svg": "test_main_screen_on_the_demo.svg",
    "narrow-80x24.svg": "test_narrow_terminal_80_by_24.svg",
    "wide-200x60.svg": "test_wide_terminal_200_by_60.svg",
    "help.svg": "test_help_screen.svg",
    "offline.svg": "test_offline_mode_with_one_saved_article.svg",
}


def main() -> int:
    """Copy every chosen snapshot; fail loudly if one is missing."""
    SCREENSHOTS.mkdir(exist_ok=True)
    missing = [source for source in CHOSEN.values() if not (SNAPSHOTS / source).is_file()]
    if missing:
        print(f"missing snapshots (run the snapshot tests first): {', '.join(missing)}", file=sys.stderr)
        return 1
    for target, source in CHOSEN.items():
        shutil.copyfile(SNAPSHOTS / source, SCREENSHOTS / target)
        print(f"screenshots/{target} <- {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
