"""Keys that identify the same story across feeds: a normalised URL and a folded title."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|cmpid$|ito$|ncid$)")
_WORDS = re.compile(r"\w+")


def url_key(url: str | None) -> str | None:
    """The URL without scheme, www., fragment, trailing slash or tracking parameters.

    None for no URL, and for a site's bare front page: feeds that link every item there would
    otherwise make one story of everything they carry.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = parts.path.rstrip("/") or "/"
    if not parts.query:
        return None if path == "/" else host + path
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    return host + path + ("?" + urlencode(sorted(query)) if query else "")


def title_key(title: str) -> str:
    """The title's words, lower-cased, joined by single spaces."""
    return " ".join(_WORDS.findall(title.lower()))
