"""Fetching an article's web page as text, with the same limits as the poller."""

from __future__ import annotations

import codecs
import re

import httpx

from reader.client import CappedResponse, get_capped, http_status_message
from reader.errors import FetchError
from reader.models import PageResult

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
BLOCKED_STATUSES = frozenset({401, 402, 403, 451})
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding), these labels mean windows-1252, a superset that fills 0x80-0x9F.
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})


async def fetch_page(client: httpx.AsyncClient, url: str) -> PageResult:
    """Fetch an article page and decode it to text; never raises, errors go in PageResult.error."""
    try:
        response = await get_capped(client, url, headers={"Accept": PAGE_ACCEPT})
    except FetchError as exc:
        return PageResult(url=url, html=None, error=str(exc))
    except Exception as exc:  # the contract: a fetch never raises
        return PageResult(
            url=url, html=None, error=f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0]
        )
    return _page_result(url, response)


def _page_result(url: str, response: CappedResponse) -> PageResult:
    """Turn a read response into a PageResult."""
    status = response.status
    if status in BLOCKED_STATUSES:
        return _failed(url, response, f"{http_status_message(status)} (paywall or blocked)")
    if not 200 <= status < 300:
        return _failed(url, response, http_status_message(status))
    content_type = response.headers.get("content-type", "")
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in PAGE_TYPES:
        return _failed(url, response, f"not a web page: {mime}")
    html = decode_page(response.content, content_type)
    return PageResult(url=url, html=html, status=status, final_url=response.url)


def _failed(url: str, response: CappedResponse, message: str) -> PageResult:
    """A PageResult with no HTML and a reason."""
    return PageResult(url=url, html=None, status=response.status, final_url=response.url, error=message)


def decode_page(data: bytes, content_type: str | None = None) -> str:
    """Bytes to str: Content-Type charset, else BOM, else <meta charset>, else UTF-8 with replacement."""
    encoding = _charset_from_header(content_type) or _charset_from_bom(data) or _charset_from_meta(data)
    if encoding is None:
        encoding = "utf-8"
    if encoding in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    return data.decode(encoding, errors="replace")


def _charset_from_header(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if Python knows it."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return _known_encoding(value.strip().strip("\"'"))
    return None


def _charset_from_bom(data: bytes) -> str | None:
    """The encoding a byte-order mark announces."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _charset_from_meta(data: bytes) -> str | None:
    """The charset a <meta> tag in the first 4 KB declares."""
    match = _META_CHARSET.search(data[:4096])
    return _known_encoding(match.group(1).decode("ascii", "replace")) if match else None


def _known_encoding(label: str) -> str | None:
    """Python's name for an encoding label (latin-1 family read as windows-1252), or None if unknown."""
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if name in _AS_CP1252 else name
