"""How the store writes a moment, and reads it back: ISO 8601 text in UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime | None) -> str | None:
    """A moment as the store writes it."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def from_iso(text: str | None) -> datetime | None:
    """A stored moment (NULL: None)."""
    return datetime.fromisoformat(text) if text else None
