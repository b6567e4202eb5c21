"""Turn a fetched page (HTML or plain text) into a clean article body with its metadata."""

from __future__ import annotations

import re
from typing import Any

from reader.cleaning.blocks import Block, collapse, normalize, word_count
from reader.cleaning.filtering import filter_blocks
from reader.cleaning.htmlwalk import safe_url
from reader.cleaning.markdown import link_target, render
from reader.cleaning.metadata import Metadata
from reader.cleaning.plaintext import split_title, text_to_blocks
from reader.cleaning.verdict import Signals, judge
from reader.models import CleanedArticle

_LOOKS_HTML = re.compile(
    r"<(!doctype|html|head|body|p|div|article|main|section|title|meta|br|span|a|h[1-6]|ul|ol|li|table|"
    r"script|style|img|blockquote|em|strong|b|i)\b[^<>]*>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_INVISIBLE_CHARS = "\u00ad\u2060\ufeff"  # soft hyphens, word joiners, BOMs
# A zero-width space splits Latin words as a hyphenation hint, but separates words in Thai, Khmer or
# Lao, which have no spaces: it goes only between two Latin letters.
_LATIN_ZWSP = re.compile("(?<=[A-Za-z\u00c0-\u024f])\u200b(?=[A-Za-z\u00c0-\u024f])")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:•·»/]+\s+")
_MAX_INPUT = 5_000_000
_THIN_BODY = 100  # words: below this, a page's JSON-LD articleBody may stand in for its markup


def clean(html: str, url: str | None = None) -> CleanedArticle:
    """Extract the article from a page; never raises, and says why when the page is no article."""
    try:
        text = _sanitize(html)
        if not text.strip():
            return _not_article("no article text")
        if _LOOKS_HTML.search(text[:200_000]):
            return _clean_html(text, url)
        return _clean_text(text)
    except Exception:  # noqa: BLE001 - the contract is to never raise on any input
        return _not_article("unparseable page")


def _sanitize(html: object) -> str:
    """A str without NULs, control characters, lone surrogates, invisible hyphens or an XML declaration.

    A soft hyphen or zero-width space inside a word would split it for search and the entity model.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    text = html if isinstance(html, str) else ""
    text = _CONTROL.sub(" ", text[:_MAX_INPUT])
    for char in _INVISIBLE_CHARS:  # str.replace scans in C, many times faster than a regex pass
        if char in text:
            text = text.replace(char, "")
    if "\u200b" in text:
        text = _LATIN_ZWSP.sub("", text)
    return _XML_DECL.sub("", text)


def _not_article(reason: str, title: str | None = None, meta: Metadata | None = None) -> CleanedArticle:
    meta = meta or Metadata()
    return CleanedArticle(
        title=title,
        paragraphs=[],
        text="",
        markdown="",
        byline=meta.byline,
        published=meta.published,
        site=meta.site,
        canonical_url=meta.canonical_url,
        image=meta.image,
        is_article=False,
        reason=reason,
    )


def _article(title: str | None, body: list[Block], meta: Metadata, reason: str | None) -> CleanedArticle:
    paragraphs = [b.text for b in body]
    return CleanedArticle(
        title=title,
        paragraphs=paragraphs,
        text="\n\n".join(paragraphs),
        markdown=_with_lead_image(render(body), meta.image) if body else "",
        byline=meta.byline,
        published=meta.published,
        site=meta.site,
        canonical_url=meta.canonical_url,
        image=meta.image,
        is_article=reason is None,
        reason=reason,
    )


def _with_lead_image(markdown: str, image: str | None) -> str:
    """The body Markdown under a link to the page's lead image (a terminal shows links, not pictures)."""
    url = safe_url(image, None)
    if not url or not url.lower().startswith(("http://", "https://")):
        return markdown
    return f"[Lead image]({link_target(url)})\n\n{markdown}"


def _clean_text(text: str) -> CleanedArticle:
    """Plain text: lines are blocks; banners before the headline are dropped with it."""
    blocks = text_to_blocks(text)
    title, rest = split_title(blocks)
    body = filter_blocks(rest, [title], None)
    return _article(title, body, Metadata(), judge(blocks, body, Signals(titles=(title or "",))))


def _clean_html(html: str, url: str | None) -> CleanedArticle:
    """HTML: metadata from the whole page, body from readability's pick, then block filters."""
    from lxml import html as lxml_html

    from reader.cleaning.metadata import extract_metadata
    from reader.cleaning.pruning import prune
    from reader.cleaning.syndicators import detect, drop_elements

    doc = lxml_html.document_fromstring(html)
    meta = extract_metadata(doc, url)
    title = pick_title(meta, url)
    page_text = _page_text(doc)
    syndicator = detect(url, page_text, meta.site)
    if syndicator is not None:
        drop_elements(doc, syndicator)
    paywall_markup = prune(doc)
    signals = Signals(
        titles=tuple(t for t in (meta.doc_title, meta.h1) if t),
        free=meta.free,
        paywall_markup=paywall_markup,
        page_text=page_text,
    )
    raw = _body_blocks(doc, url)
    body = filter_blocks(raw, [title, meta.h1, meta.title], meta.byline, syndicator)
    if meta.ld_body and meta.free is not False and word_count(body) < _THIN_BODY:
        ld_raw = _ld_blocks(meta.ld_body, url)
        ld_body = filter_blocks(ld_raw, [title, meta.h1, meta.title], meta.byline, syndicator)
        if word_count(ld_body) >= 2 * max(word_count(body), _THIN_BODY // 4):
            raw, body = ld_raw, ld_body
    return _article(title, body, meta, judge(raw, body, signals))


def _ld_blocks(text: str, url: str | None) -> list[Block]:
    """The blocks of a JSON-LD articleBody: HTML when it is marked up, else lines of text."""
    if _LOOKS_HTML.search(text):
        from lxml import html as lxml_html

        from reader.cleaning.htmlwalk import html_to_blocks

        return html_to_blocks(lxml_html.fragment_fromstring(text, create_parent="div"), url)
    return text_to_blocks(text)


def _page_text(doc: Any, wanted: int = 20_000) -> str:
    """The start of the page's visible-ish text, whitespace collapsed (what the page-level checks read)."""
    raw = doc.text_content()
    text = collapse(raw[: wanted * 3])
    return text if len(text) >= wanted or len(raw) <= wanted * 3 else collapse(raw)


def _body_blocks(doc: Any, url: str | None) -> list[Block]:
    """The page's marked body container, else readability's pick, else every paragraph of the page."""
    from reader.cleaning.htmlwalk import html_to_blocks
    from reader.cleaning.pruning import body_root, fallback_root, readability_root

    blocks: list[Block] = []
    own = body_root(doc)
    if own is not None:
        blocks = html_to_blocks(own, url)
        if sum(b.words for b in blocks) >= 50 and sum(b.words for b in blocks if b.is_prose) >= 25:
            return blocks
    root = readability_root(doc)
    if root is not None:
        blocks = html_to_blocks(root, url)
    if sum(b.words for b in blocks if b.is_prose) < 25:
        fallback = html_to_blocks(fallback_root(doc), url)
        if sum(b.words for b in fallback) > sum(b.words for b in blocks):
            blocks = fallback
    return blocks


def pick_title(meta: Metadata, url: str | None = None) -> str | None:
    """The headline: og:title/JSON-LD headline, else <h1>, else <title>, without a ' | Site' suffix."""
    raw = meta.title or meta.doc_title
    if meta.h1 and (not raw or normalize(meta.h1) in normalize(raw)) and len(meta.h1.split()) >= 3:
        return meta.h1
    if not raw:
        return meta.h1
    return strip_site_suffix(raw, meta.site, url)


def strip_site_suffix(title: str, site: str | None, url: str | None = None) -> str:
    """Drop a leading or trailing ' - Site Name' part that names the site."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {normalize(site)} if site else set()
    if url:
        host = re.sub(r"^(https?://)?(www\.)?", "", url.lower()).split("/")[0]
        names |= {normalize(host), normalize(host.rsplit(".", 1)[0])}
    names.discard("")

    def is_site(part: str) -> bool:
        norm = normalize(part)
        return bool(norm) and any(norm == n or norm.replace(" ", "") == n.replace(" ", "") for n in names)

    separators = list(_TITLE_SEPARATORS.finditer(title))
    if is_site(parts[-1]):
        return title[: separators[-1].start()].strip()
    if is_site(parts[0]):
        return title[separators[0].end() :].strip()
    return title
