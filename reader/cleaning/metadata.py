"""Page metadata from JSON-LD, OpenGraph, meta tags and <time>, read with lxml."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple
from urllib.parse import urljoin

from reader.cleaning.blocks import collapse

_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|blog|webpage|creativework", re.I)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "citation_publication_date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
# Attribute steps, then the parent: libxml2 runs these far faster than predicates over //*.
_BYLINE_ELEMENT = "(//a[@rel='author'] | //@itemprop[.='author']/.. | //@class[contains(., 'byline')]/..)[1]"
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?")


class Metadata(NamedTuple):
    """What the page says about itself."""

    title: str | None = None
    h1: str | None = None
    doc_title: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    free: bool | None = None
    ld_body: str | None = None  # JSON-LD articleBody, the text some pages only render with script


def _meta_map(doc: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and value.strip() and key not in found:
            found[key] = value.strip()
    return found


def _walk_json(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack and len(out) < 200:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return out


def _json_ld(doc: Any) -> dict[str, Any]:
    """The first Article-like JSON-LD object of the page, or {}."""
    objects: list[dict[str, Any]] = []
    for el in doc.iter("script"):
        if "ld+json" not in (el.get("type") or "").lower():
            continue
        try:
            objects.extend(_walk_json(json.loads(el.text or "", strict=False)))
        except (ValueError, RecursionError):
            continue
    for obj in objects:
        kinds = obj.get("@type")
        kinds = " ".join(kinds) if isinstance(kinds, list) else str(kinds or "")
        if _ARTICLE_TYPES.search(kinds) and (obj.get("headline") or obj.get("datePublished")):
            return obj
    return {}


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value[:10] for n in _names(v)]
    return []


def _first_url(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _first_url(value.get("url") or value.get("@id"))
    if isinstance(value, list) and value:
        return _first_url(value[0])
    return None


def iso_date(value: str | None) -> str | None:
    """The value as an ISO 8601 string, or None when it is not a recognisable date."""
    if not value or not value.strip():
        return None
    raw = value.strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _ISO_PREFIX.match(raw)
    if match:
        try:
            return datetime.fromisoformat(match.group(0)).isoformat()
        except ValueError:
            return None
    return None


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url or not url.strip():
        return None
    try:
        return urljoin(base, url.strip()) if base else url.strip()
    except ValueError:
        return None


def _first_text(doc: Any, tag: str) -> str | None:
    for el in doc.iter(tag):
        text = collapse(el.text_content())
        if text:
            return text
    return None


def _published(meta: dict[str, str], ld: dict[str, Any], doc: Any) -> str | None:
    candidates: list[str | None] = [str(ld.get("datePublished") or "") or None]
    candidates += [meta.get(k) for k in _DATE_META]
    for el in doc.iter("time"):
        candidates.append(el.get("datetime"))
        break
    for el in doc.xpath("//@itemprop[.='datePublished']/..")[:1]:
        candidates.append(el.get("datetime") or el.get("content"))
    for value in candidates:
        iso = iso_date(value)
        if iso:
            return iso
    return None


def _byline(meta: dict[str, str], ld: dict[str, Any], doc: Any) -> str | None:
    names = [n.strip() for n in _names(ld.get("author")) if n.strip()]
    if names:
        return ", ".join(dict.fromkeys(names))
    for key in _AUTHOR_META:
        value = meta.get(key)
        if value and not value.lower().startswith(("http://", "https://")):
            return collapse(value)
    for el in doc.xpath(_BYLINE_ELEMENT):
        text = re.sub(r"^\s*by\s+", "", collapse(el.text_content()), flags=re.I)
        if text and len(text.split()) <= 8:
            return text
    return None


def extract_metadata(doc: Any, url: str | None) -> Metadata:
    """Read title, byline, date, site, canonical URL and image from a parsed page."""
    meta = _meta_map(doc)
    ld = _json_ld(doc)
    publisher = _names(ld.get("publisher"))
    canonical = None
    for el in doc.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split():
            canonical = el.get("href")
            break
    free = ld.get("isAccessibleForFree")
    return Metadata(
        title=collapse(meta.get("og:title") or str(ld.get("headline") or "")) or None,
        h1=_first_text(doc, "h1"),
        doc_title=_first_text(doc, "title"),
        byline=_byline(meta, ld, doc),
        published=_published(meta, ld, doc),
        site=meta.get("og:site_name") or (publisher[0] if publisher else None),
        canonical_url=_absolute(canonical or meta.get("og:url"), url),
        image=_absolute(
            meta.get("og:image") or meta.get("twitter:image") or _first_url(ld.get("image")), url
        ),
        free=None if free is None else str(free).lower() not in ("false", "0", "no"),
        ld_body=body if isinstance(body := ld.get("articleBody"), str) and body.strip() else None,
    )
