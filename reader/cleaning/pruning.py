"""Prepare the parsed page: remove scripts and widgets, then find the article node."""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from lxml import etree

from reader.cleaning.patterns import (
    BODY_CLASS,
    HEADER_CLASS,
    JUNK_CLASS,
    META_CLASS,
    META_MAX_WORDS,
    PAYWALL_CLASS,
)
from reader.cleaning.shapes import KEEP_TAGS as _KEEP_TAGS
from reader.cleaning.shapes import contents_lists, image_captions, outermost

_REMOVE_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "template",
    "canvas",
    "button",
)


def _over_attrs(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A per-class-token pattern rewritten to search the whole space-separated class and id string."""
    source = pattern.pattern.replace("(^|[-_])", r"(?:^|[-_\s])").replace("($|[-_])", r"(?:$|[-_\s])")
    source = source.replace("^(", r"(?:^|\s)(").replace(")$", r")(?:$|\s)")
    return re.compile(source, pattern.flags)


_JUNK = _over_attrs(JUNK_CLASS)
_META = _over_attrs(META_CLASS)
_HEADER = _over_attrs(HEADER_CLASS)
_BODY = _over_attrs(BODY_CLASS)
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (_JUNK, _META, _HEADER)), re.IGNORECASE)
_NEGATED = re.compile(r"(?:^|\s)(?:no|without)[-_]\S*", re.IGNORECASE)
_AD_WORDS = re.compile(r"(?:^|(?<=[-_\s]))(?:adverts?|advertisement|ads)(?=$|[-_\s])", re.I)
_RUNNING_TEXT_WORDS = 1
_SENTENCE_LINK_WORDS = 10  # a script link this long is a sentence of the story, not a control
_INLINE_TAGS = frozenset(
    ("span", "font", "em", "strong", "b", "i", "u", "small", "big", "sup", "sub", "mark", "q", "cite", "abbr")
)
_AD_HOST_WORDS = 80
_ALWAYS = "//@hidden/.. | //@aria-hidden/.. | //figcaption | //header | //footer"
_NAMES = "//@class | //@id"
_ARTICLE_BODY = (
    "//@itemprop[contains(concat(' ', ., ' '), ' articleBody ')]/.. | //@property[.='articleBody']/.."
)
_COMPONENTS = "//@data-component | //@data-testid"
_SCRIPT_HREFS = "//a/@href[contains(., 'script:') or contains(., 'SCRIPT:') or contains(., 'Script:')]"
_SIGNUP_INPUTS = "//input[@type='email' or contains(@name, 'email') or contains(@placeholder, 'mail')]"
_WIDGET_WORDS = 60
_LEAD_WORDS = 25
_MAX_LEADS = 2
_TERMINAL = tuple('.!?…"”’)»')


def _attrs(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _component(el: Any) -> str:
    """The component names some frameworks put in data attributes (matched against junk names only)."""
    return f"{el.get('data-component') or ''} {el.get('data-testid') or ''}"


class _Marks:
    """Where the page's headline and marked body containers are, to keep any element that wraps them."""

    def __init__(self, doc: Any, names: set[str]) -> None:
        # The marks and all their ancestors, found once: a listing page can mark hundreds of teasers.
        self.body_holders = _with_ancestors(body_elements(doc, names))
        self.holders = self.body_holders | _with_ancestors(list(doc.iter("h1")))

    def held_by(self, el: Any, headline: bool = True) -> bool:
        """Whether el is, or wraps, a body container (or, if headline, the h1)."""
        return el in (self.holders if headline else self.body_holders)


def _with_ancestors(elements: list[Any]) -> set[Any]:
    """The elements and every ancestor of them (lxml keeps one proxy per node while it is referenced)."""
    found: set[Any] = set()
    for el in elements:
        for node in (el, *el.iterancestors()):
            if node in found:
                break
            found.add(node)
    return found


@functools.lru_cache(maxsize=8192)
def _is_body_name(attrs: str) -> bool:
    """Whether a class or id string names an article-body container."""
    return bool(_BODY.search(attrs))


def _hosts_ads(el: Any) -> bool:
    """Whether el is named for ads only ('Section--Ads', 'has-ads') but holds a run of prose: a part of
    the story with ad slots in it, not an ad."""
    if _attr_kind(_AD_WORDS.sub(" ", _attrs(el))) == "junk":
        return False
    words = len(el.text_content().split())
    if words < _AD_HOST_WORDS:
        return False
    return _link_words(el) < 0.3 * words


def _short(el: Any) -> bool:
    """Whether el holds few enough words to be a byline, caption or header widget."""
    return len(el.text_content().split()) <= META_MAX_WORDS


def _drop_reason(el: Any, tag: str, marks: _Marks) -> bool:
    """Whether el is a widget, hidden element, caption or story header to remove before extraction."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return not marks.held_by(el)
    if tag in ("figcaption", "header"):
        return not marks.held_by(el, headline=False)
    if tag == "footer":
        return _short(el) and not marks.held_by(el, headline=False)
    if tag in _KEEP_TAGS:
        return False
    kind = _attr_kind(_attrs(el))
    if kind != "junk" and (el.get("data-component") or el.get("data-testid")):
        kind = "junk" if _attr_kind(_component(el)) == "junk" else kind
    if kind == "junk":
        return not marks.held_by(el) and not _hosts_ads(el)
    if kind == "meta":
        return _short(el) and not marks.held_by(el, headline=False)
    return False


@functools.lru_cache(maxsize=8192)
def _attr_kind(attrs: str) -> str | None:
    """'junk' or 'meta' for the class and id names of a widget, else None (pages repeat the same names).

    A name saying what the element lacks ('no_caption', 'without-ads') names nothing it holds.
    """
    attrs = _NEGATED.sub(" ", attrs)
    if not _ANY.search(attrs):
        return None
    if _JUNK.search(attrs):
        return "junk"
    if _META.search(attrs) or _HEADER.search(attrs):
        return "meta"
    return None


def _literal(text: str) -> str | None:
    """text as an XPath string literal, or None when it holds both kinds of quote."""
    if "'" not in text:
        return f"'{text}'"
    return f'"{text}"' if '"' not in text else None


def _having(attrs: tuple[str, ...], values: list[str]) -> list[str]:
    """XPath paths to the elements whose attribute (one of attrs) equals one of values.

    Selecting attributes and stepping to their parent is many times faster in libxml2 than testing
    attributes in an element predicate over //*.
    """
    literals = [lit for lit in map(_literal, values) if lit]
    if not literals:
        return []
    test = " or ".join(f".={lit}" for lit in literals)
    return [f"//@{attr}[{test}]/.." for attr in attrs]


def body_elements(doc: Any, names: set[str] | None = None) -> list[Any]:
    """Elements marked as the article body (itemprop or property articleBody, or a body class or id)."""
    if names is None:
        names = set(doc.xpath(_NAMES, smart_strings=False))
    paths = [_ARTICLE_BODY, *_having(("class", "id"), [n for n in names if _is_body_name(n)])]
    return list(doc.xpath(" | ".join(paths)))


def _candidates(doc: Any, names: set[str]) -> list[Any]:
    """Elements that may be widgets, in document order: hidden ones, captions, headers, footers and
    junk-named ones.

    The names are classified first (a page repeats a few hundred), then the attributes are matched
    against that set in one pass: an XPath test of every attribute against every name costs
    attributes x names in libxml2, 100 ms on a page with hundreds of widget names.
    """
    named = {n for n in names if _attr_kind(n)}
    found = set(doc.xpath(_ALWAYS))
    if named:
        found.update(attr.getparent() for attr in doc.xpath(_NAMES) if attr in named)
    for attr in doc.xpath(_COMPONENTS):
        if _attr_kind(str(attr)) == "junk":  # a plain str: the cache must not keep the document alive
            found.add(attr.getparent())
    if not found:
        return []
    return [el for el in doc.iter() if el in found]


def prune(doc: Any) -> bool:
    """Remove scripts, embeds, widgets, captions and story headers in place; True if paywall markup seen."""
    names = set(doc.xpath(_NAMES, smart_strings=False))
    paywall = any(PAYWALL_CLASS.search(n) for n in names)
    etree.strip_elements(doc, *_REMOVE_TAGS, with_tail=False)
    for href in doc.xpath(_SCRIPT_HREFS, smart_strings=True):
        link = href.getparent()
        if not href.strip().lower().startswith("javascript:"):
            continue
        if _in_running_text(link) or _is_sentence(link.text_content()):
            link.drop_tag()  # a note or popup on words of the story: keep the words, not the script
        else:
            _drop(link)  # a control (text size, print, show more) drawn as a link
    marks = _Marks(doc, names)
    for el in list(doc.iter("nav", "aside")):  # menus, and matter beside the story (HTML's own meaning)
        if el.getparent() is not None and not marks.held_by(el):
            _drop(el)
    doomed = [el for el in _candidates(doc, names) if _drop_reason(el, el.tag, marks)]
    for el in doomed:  # in document order, so an element inside an earlier one goes with it
        if el.tag == "header" or _HEADER.search(_attrs(el)):
            _keep_leads(el)
        _drop(el)
    for el in _signup_boxes(doc, marks) + image_captions(doc) + contents_lists(doc):
        _drop(el)
    return paywall


def _signup_boxes(doc: Any, marks: _Marks) -> list[Any]:
    """The boxes around e-mail inputs (newsletter and comment forms): the largest ancestor still short."""
    boxes = []
    for field in doc.xpath(_SIGNUP_INPUTS):
        box = None
        for parent in field.iterancestors():
            if parent.tag in _KEEP_TAGS or len(parent.text_content().split()) > _WIDGET_WORDS:
                break
            box = parent
        if box is not None and not marks.held_by(box):
            boxes.append(box)
    return outermost(boxes)


def _is_sentence(text: str) -> bool:
    """Whether a link's words read as a sentence of the story rather than a control's label."""
    words = text.split()
    punctuated = any(word.endswith(_TERMINAL) for word in words)  # "Ah Bartleby! Ah humanity"
    return len(words) >= _SENTENCE_LINK_WORDS or (len(words) >= 2 and punctuated)


def _in_running_text(link: Any) -> bool:
    """Whether a link sits in a sentence (its parent has words outside links), not in a toolbar or menu."""
    parent = link.getparent()
    while parent is not None and parent.tag in _INLINE_TAGS and parent.getparent() is not None:
        parent = parent.getparent()  # up to the paragraph, past <font>, <span> and the like
    if parent is None:
        return False
    return len(parent.text_content().split()) - _link_words(parent) >= _RUNNING_TEXT_WORDS


def _link_words(el: Any) -> int:
    """How many of el's words are link text."""
    return sum(len(a.text_content().split()) for a in el.iter("a"))


def _drop(el: Any) -> None:
    """Remove el but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def _lean_document(doc: Any) -> Any:
    """A readability Document over an already pruned tree, skipping its own HTML cleaning pass."""
    from readability import Document

    class LeanDocument(Document):  # type: ignore[misc]
        """Readability minus lxml_html_clean: prune() has already removed scripts, styles and embeds."""

        def _parse(self, input: Any) -> Any:  # noqa: A002 - readability's own signature
            tree = copy.deepcopy(input)
            for el in tree.xpath("//*[@hidden] | //comment() | //processing-instruction()"):
                if el.getparent() is not None:
                    el.drop_tree()  # keeps the tail text
            self.encoding = "utf-8"
            return tree

    return LeanDocument(doc)


def readability_root(doc: Any) -> Any | None:
    """Readability's article subtree for the (pruned) page, or None if it fails."""
    from lxml import html as lxml_html
    from readability import Document

    try:
        try:
            summary = _lean_document(doc).summary(html_partial=True)
        except Exception:  # noqa: BLE001 - fall back to readability's own parsing
            summary = Document(copy.deepcopy(doc)).summary(html_partial=True)
        return lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        return None


def _p_words(doc: Any) -> int:
    """Words in the page's top-level paragraphs."""
    return sum(len(text.split()) for text in doc.xpath("//p[not(ancestor::p)]//text()", smart_strings=False))


def body_root(doc: Any) -> Any | None:
    """The page's own article-body container (itemprop=articleBody or a body class) when it holds the text."""
    marked = [
        el
        for el in body_elements(doc)
        if isinstance(el.tag, str) and el.tag not in ("html", "body", "p", "span", "a", "li")
    ]
    if not marked:
        marked = list(doc.iter("article")) or list(doc.iter("main"))
    if not marked:
        return None
    counted = [(len(el.text_content().split()), el) for el in outermost(marked)]
    words, best = max(counted, key=lambda pair: pair[0])
    parent, cls = best.getparent(), best.get("class")
    parts = [el for _, el in counted if el.getparent() is parent and el.get("class") == cls]
    if len(parts) > 1:  # one body split into sibling chunks around ads or embeds
        words = sum(n for n, el in counted if el in parts)
    if words < 50 or words < 0.5 * _p_words(doc):
        return None
    parts = _leads_before(doc, parts[0]) + parts
    if len(parts) == 1:
        return best
    from lxml import html as lxml_html

    root = lxml_html.Element("div")
    for el in parts:
        root.append(copy.deepcopy(el))
    return root


def _keep_leads(header: Any) -> None:
    """Move the headline and any lead paragraph out of a story header about to be dropped."""
    if header.getparent() is None:
        return
    kept = [el for el in header.iter("h1", "p") if el.tag == "h1" or _is_lead(el)]
    if any(el.tag == "p" for el in kept):
        for el in kept:
            header.addprevious(el)


def _leads_before(doc: Any, body: Any) -> list[Any]:
    """Prose paragraphs between the headline and the body container: a lead set apart from the body."""
    leads: list[Any] = []
    after_h1 = False
    for el in doc.iter("h1", "p", body.tag):
        if el is body:
            return leads[-_MAX_LEADS:]
        if el.tag == "h1":
            after_h1, leads = True, []
        elif after_h1 and _is_lead(el):
            leads.append(el)
    return []


def _is_lead(p: Any) -> bool:
    text = " ".join(p.text_content().split())
    if len(text.split()) < _LEAD_WORDS or not text.endswith(_TERMINAL):
        return False
    linked = sum(len(a.text_content()) for a in p.iter("a"))
    return linked < 0.3 * len(text) and not any(
        a.tag in ("li", "aside", "blockquote", "figure", "form") for a in p.iterancestors()
    )


def fallback_root(doc: Any) -> Any:
    """A container holding every paragraph and subheading of the page, in order."""
    from lxml import html as lxml_html

    root = lxml_html.Element("div")
    for el in doc.iter("p", "h2", "h3", "blockquote"):
        if el.getparent() is not None and not any(a.tag in ("p", "blockquote") for a in el.iterancestors()):
            root.append(copy.deepcopy(el))
    return root
