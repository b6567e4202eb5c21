"""Make strings that came from the network safe to put on a terminal."""

from __future__ import annotations

import re
import unicodedata

# CSI/OSC/DCS and other escape sequences, then any remaining C0/C1 control character.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[@-Z\\-_]"  # two-byte sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI_AND_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def strip_control(text: str) -> str:
    """Remove escape sequences and control characters; keep newlines and tabs."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return _BIDI_AND_INVISIBLE.sub("", text)


def clean_line(text: str | None, limit: int = 500) -> str:
    """One safe display line: no controls, whitespace folded, at most `limit` characters."""
    if not text:
        return ""
    text = strip_control(unicodedata.normalize("NFC", text))
    text = _SPACES.sub(" ", text.replace("\n", " ").replace("\r", " ")).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_block(text: str | None) -> str:
    """Safe multi-line text: no controls, newlines kept."""
    if not text:
        return ""
    return strip_control(unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))
