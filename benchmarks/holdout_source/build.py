"""Write benchmarks/corpus_holdout/: invented articles (articles.txt) in the page shapes of many CMSs.

Usage: python benchmarks/holdout_source/build.py

Each page gets its site chrome from chrome.py and its body markup from one of the templates below; the
true text (NAME.txt) is the body only: paragraphs, subheadings, list items, quotes, code and table rows,
without headline, byline, captions, adverts, inline promos, pull quotes or comments.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chrome import (
    HEADLINES,
    ad,
    analytics_script,
    author_box,
    comments,
    cookie_banner,
    esc,
    footer,
    head,
    mega_menu,
    newsletter,
    related_rail,
    share_bar,
    slug,
    state_script,
    style_block,
)

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "corpus_holdout"

Item = tuple[str, object]


@dataclass
class Article:
    """One invented article and the template it is dressed in."""

    name: str
    template: str
    headline: str
    author: str
    beat: str
    items: list[Item]

    @property
    def url(self) -> str:
        return f"https://www.{self.template.replace('_', '')}-news.example/2026/12/01/{slug(self.headline)}"


def parse(text: str) -> list[Article]:
    """The articles of articles.txt."""
    articles = []
    for chunk in text.split("@@ ")[1:]:
        lines = [ln for ln in chunk.splitlines() if ln.strip()]
        name, template = lines[0].split()
        author, beat = (s.strip() for s in lines[2].split("|"))
        items: list[Item] = []
        for line in lines[3:]:
            kind, _, rest = line.partition(" ")
            if kind == "-":
                _append_group(items, "ul", rest)
            elif re.fullmatch(r"\d+\.", kind):
                _append_group(items, "ol", rest)
            elif kind == "tr":
                _append_group(items, "table", [c.strip() for c in rest.split("|")])
            elif kind in (">", "blockquote"):
                items.append(("quote", rest))
            elif kind == "pre":
                items.append(("pre", rest.replace("\\n", "\n")))
            else:
                items.append((kind, rest))
        articles.append(Article(name, template, lines[1].strip(), author, beat, items))
    return articles


def _append_group(items: list[Item], kind: str, value: object) -> None:
    if items and items[-1][0] == kind:
        items[-1][1].append(value)  # type: ignore[attr-defined]
    else:
        items.append((kind, [value]))


def plain(text: str) -> str:
    """Inline markup removed."""
    return text.replace("**", "")


def truth(article: Article) -> str:
    """The true body text."""
    out: list[str] = []
    for kind, value in article.items:
        if kind == "p":
            out.extend(plain(part).strip() for part in str(value).split("<br><br>"))
        elif kind in ("h2", "h3", "quote", "pre"):
            out.append(plain(str(value)))
        elif kind in ("ul", "ol"):
            out.extend(plain(v) for v in value)  # type: ignore[attr-defined]
        elif kind == "table":
            out.extend(" | ".join(row) for row in value)  # type: ignore[attr-defined]
        elif kind == "qa":
            out.extend(part.strip() for part in str(value).split(" | "))
        elif kind == "upd":
            out.extend(part.strip() for part in str(value).split(" | ")[1:])
    return "\n\n".join(out) + "\n"


def inline(text: str, rng: random.Random, link: bool = True) -> str:
    """Escaped text with **bold** as <strong>, and now and then a few words linked."""
    parts = text.split("<br><br>")
    html_parts = []
    for part in parts:
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", esc(part))
        words = escaped.split(" ")
        if link and len(words) > 12 and "<" not in escaped and rng.random() < 0.3:
            i = rng.randint(2, len(words) - 5)
            words[i] = f'<a href="/topics/{slug(words[i + 1])}">{words[i]}'
            words[i + 2] += "</a>"
        html_parts.append(" ".join(words))
    return "<br><br>".join(html_parts)


@dataclass
class Style:
    """How one CMS writes each kind of body item."""

    p: str = "<p>{}</p>"
    h: str = "<h{level}>{}</h{level}>"
    fig: str = '<figure><img src="/img/{img}.jpg" alt=""><figcaption>{}</figcaption></figure>'
    more: str = '<p><strong><a href="/news/{slug}">{}</a></strong></p>'
    pull: str = '<aside class="pullquote"><p>{}</p></aside>'
    quote: str = "<blockquote><p>{}</p></blockquote>"
    pre: str = "<pre><code>{}</code></pre>"
    ad_style: int = 0
    li: str = "<li>{}</li>"
    ul: str = "<ul>{}</ul>"
    ol: str = "<ol>{}</ol>"
    table: str = "<table>{}</table>"
    teaser: str = (
        '<div class="embed-card"><a href="/news/{slug}"><img src="/img/t.jpg" alt=""><div class="embed-card__title">'
        '{}</div><p class="embed-card__text">{}</p></a></div>'
    )


def body(article: Article, style: Style, rng: random.Random) -> list[str]:
    """The body items as HTML fragments, one per item."""
    out: list[str] = []
    for kind, value in article.items:
        if kind == "p":
            out.append(style.p.format(inline(str(value), rng)))
        elif kind in ("h2", "h3"):
            out.append(style.h.format(esc(str(value)), level=kind[1]))
        elif kind == "fig":
            out.append(style.fig.format(esc(str(value)), img=rng.getrandbits(32)))
        elif kind == "ad":
            out.append(ad(rng, style.ad_style))
        elif kind == "more":
            out.append(style.more.format(esc(str(value)), slug=slug(str(value))))
        elif kind == "pull":
            out.append(style.pull.format(esc(str(value))))
        elif kind == "teaser":
            title, _, summary = str(value).partition(" | ")
            out.append(style.teaser.format(esc(title), esc(summary), slug=slug(title)))
        elif kind == "linklist":
            lis = "".join(f'<li><a href="/news/{slug(h)}">{esc(h)}</a></li>' for h in str(value).split("; "))
            out.append(f"<ul>{lis}</ul>")
        elif kind == "qa":
            q, _, answer = str(value).partition(" | ")
            out.append(f"<details><summary>{esc(q)}</summary><p>{esc(answer)}</p></details>")
        elif kind == "upd":
            when, head, text = str(value).split(" | ")
            out.append(
                f'<article class="live-update" id="u{rng.randint(1000, 9999)}"><time>{when}</time><h3>{esc(head)}</h3>'
                f"<p>{esc(text)}</p>{share_bar('update-share')}</article>"
            )
        elif kind == "emcap":
            out.append(
                f'<p><img src="/img/{rng.getrandbits(32)}.jpg" alt=""></p><p><em>{esc(str(value))}</em></p>'
            )
        elif kind == "links":
            label, _, rest = str(value).partition(": ")
            lis = "".join(f'<li><a href="/news/{slug(h)}">{esc(h)}</a></li>' for h in rest.split("; "))
            out.append(f"<p><strong>{esc(label)}:</strong></p><ul>{lis}</ul>")
        elif kind == "quote":
            out.append(style.quote.format(esc(str(value))))
        elif kind == "pre":
            out.append(style.pre.format(esc(str(value))))
        elif kind in ("ul", "ol"):
            lis = "".join(style.li.format(inline(v, rng, link=False)) for v in value)  # type: ignore[attr-defined]
            out.append((style.ul if kind == "ul" else style.ol).format(lis))
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            head_row = "<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in rows[0]) + "</tr></thead>"
            body_rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows[1:])
            out.append(style.table.format(head_row + "<tbody>" + body_rows + "</tbody>"))
    return out


def hydration(var: str, a: Article, rng: random.Random) -> str:
    """The hydration-state script of a JavaScript-rendered page, repeating the article's paragraphs."""
    return state_script(var, a.headline, [plain(str(v)) for k, v in a.items if k == "p"], rng)


def vendor_script(rng: random.Random, kb: int) -> str:
    """A minified-looking vendor bundle of about kb kilobytes."""
    names = ["e", "t", "n", "r", "i", "o", "a", "s", "u", "c"]
    chunks = []
    while sum(map(len, chunks)) < kb * 1024:
        a, b = rng.choice(names), rng.choice(names)
        chunks.append(
            f"function {a}{rng.randint(0, 999)}({a},{b}){{if(!{a})return {b}&&{b}.length>{rng.randint(1, 9)};"
            f"var {a}{b}=Object.keys({a}).map(function(k){{return {a}[k]}});return {a}{b}.join('');}}"
        )
    return "<script>" + ";".join(chunks) + "</script>"


def svg_sprite() -> str:
    """The hidden icon sprite many themes put at the top of <body>."""
    icons = "".join(
        f'<symbol id="icon-{n}" viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 '
        f'10-10S17.52 2 12 2zm{i} 15h-2v-6h2v6zm0-8h-2V7h2v2z"/></symbol>'
        for i, n in enumerate(
            ["facebook", "x", "mail", "link", "search", "menu", "close", "play", "user", "bell"]
        )
    )
    return f'<svg style="display:none" xmlns="http://www.w3.org/2000/svg">{icons}</svg>'


def byline_block(a: Article, cls: str = "byline") -> str:
    """A byline with a date."""
    return (
        f'<div class="{cls}">By <a href="/by/{slug(a.author)}">{a.author}</a>'
        '<time datetime="2026-12-01T09:30:00Z">December 1, 2026 at 9:30 a.m.</time></div>'
    )


def page(
    a: Article,
    rng: random.Random,
    body_html: str,
    *,
    site: str,
    extra_head: str = "",
    cookie: int = 0,
    before: str = "",
    after: str = "",
    rail: str = "",
    end: str = "",
    body_cls: str = "",
) -> str:
    """A whole page around the article."""
    heads = head(a.headline, site, a.author, "2026-12-01T09:30:00Z", a.url, rng, extra_head)
    return (
        f'<!DOCTYPE html><html lang="en">{heads}<body class="{body_cls}">{svg_sprite()}'
        f'<a class="skip-link" href="#main">Skip to content</a>{cookie_banner(site, cookie)}'
        f"{mega_menu(rng, site)}{before}{body_html}{after}{rail}{footer(rng, site)}{end}"
        f"{vendor_script(rng, rng.randint(8, 110))}</body></html>"
    )


def breadcrumbs(a: Article) -> str:
    return (
        '<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › '
        f'<a href="/news/{slug(a.beat)}">{esc(a.beat.title())}</a></nav>'
    )


# ---- templates -------------------------------------------------------------------------------------------


def wp_classic(a: Article, rng: random.Random) -> str:
    style = Style(
        fig='<figure class="wp-block-image size-large"><img src="/wp-content/uploads/2026/11/{img}.jpg" alt="">'
        '<figcaption class="wp-element-caption">{}</figcaption></figure>',
        more='<p><strong>Related: <a href="/news/{slug}">{}</a></strong></p>',
    )
    parts = body(a, style, rng)
    art = (
        f'<div id="primary" class="content-area"><main id="main" class="site-main"><article id="post-{rng.randint(100, 9999)}"'
        ' class="post type-post status-publish format-standard has-post-thumbnail hentry">'
        f'<header class="entry-header"><h1 class="entry-title">{esc(a.headline)}</h1><div class="entry-meta">'
        f'<span class="posted-on">Posted on <time class="entry-date published">December 1, 2026</time></span>'
        f'<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/{slug(a.author)}">'
        f"{a.author}</a></span></span></div></header>"
        f'<div class="entry-content">{"".join(parts)}'
        '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li>'
        '<a class="share-twitter" href="#">Twitter</a></li><li><a class="share-facebook" href="#">Facebook</a></li>'
        '</ul></div><div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
        "<em>Related</em></h3>"
        + "".join(
            f'<div class="jp-relatedposts-post"><a href="#">{esc(h)}</a></div>'
            for h in rng.sample(HEADLINES, 3)
        )
        + "</div></div>"
        '<footer class="entry-footer"><span class="cat-links">Posted in <a href="#">News</a></span>'
        '<span class="tags-links">Tagged <a href="#">local</a>, <a href="#">community</a></span></footer>'
        f"</article>{author_box(a.author, a.beat)}"
        '<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous">'
        f'<a href="#">Previous post: {esc(rng.choice(HEADLINES))}</a></div></div></nav>'
        f"{comments(rng, rng.randint(3, 7), style=1)}</main></div>"
    )
    widgets = (
        '<aside id="secondary" class="widget-area"><section class="widget widget_search"><form>'
        '<input type="search"></form></section><section class="widget widget_recent_entries"><h2 class="widget-title">'
        "Recent Posts</h2><ul>"
        + "".join(f'<li><a href="#">{esc(h)}</a></li>' for h in rng.sample(HEADLINES, 6))
        + '</ul></section><section class="widget widget_text"><h2 class="widget-title">About</h2><div class="textwidget">'
        "<p>A small independent site about life on the coast, written by volunteers since 2011. We take no money "
        "from advertisers and publish when we have something worth saying.</p></div></section></aside>"
    )
    return page(a, rng, art, site="The Harbour Light", rail=widgets)


def wp_news(a: Article, rng: random.Random) -> str:
    style = Style(
        p="<p>{}</p>",
        fig='<div class="td-post-featured-image"><figure><img class="entry-thumb" src="/img/{img}.jpg">'
        '<figcaption class="wp-caption-text">{}</figcaption></figure></div>',
        more="<p><strong>{}</strong></p>",
    )
    parts = []
    for p in body(a, style, rng):
        parts.append(
            p.replace('<div class="ad-slot ad-slot--mid"', '<div class="td-a-rec td-a-rec-id-content_inline"')
        )
    art = (
        '<div class="td-main-content-wrap td-container-wrap"><div class="td-container"><div class="td-pb-row">'
        '<div class="td-pb-span8 td-main-content"><div class="td-ss-main-content"><article class="post">'
        f'<div class="td-post-header"><ul class="td-category"><li><a href="#">{esc(a.beat.title())}</a></li></ul>'
        f'<header class="td-post-title"><h1 class="entry-title">{esc(a.headline)}</h1><div class="td-module-meta-info">'
        f'<div class="td-post-author-name">By <a href="#">{a.author}</a></div><span class="td-post-date">'
        '<time class="entry-date updated td-module-date">December 1, 2026</time></span>'
        '<div class="td-post-views"><span>1,204</span></div></div></header></div>'
        f"{share_bar('td-post-sharing td-post-sharing-top')}"
        f'<div class="td-post-content tagdiv-type">{"".join(parts)}</div>'
        '<footer><div class="td-post-source-tags"><ul class="td-tags"><li><span>TAGS</span></li>'
        '<li><a href="#">Budget</a></li><li><a href="#">Schools</a></li></ul></div>'
        f"{share_bar('td-post-sharing td-post-sharing-bottom')}"
        f'<div class="td-author-name-wrap"><div class="td-author-by">By</div> {a.author}</div></footer>'
        '<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title">RELATED ARTICLES</h4>'
        + "".join(
            f'<div class="td-module-container"><h3 class="entry-title td-module-title"><a href="#">{esc(h)}</a></h3></div>'
            for h in rng.sample(HEADLINES, 6)
        )
        + f"</div>{comments(rng, 2, style=1)}</article></div></div>"
        f'<div class="td-pb-span4 td-main-sidebar">{related_rail(rng, "Most Popular", "td_block_popular")}</div>'
        "</div></div></div>"
    )
    return page(a, rng, art, site="Ridgeview Daily Post", cookie=1)


def arc(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<p class="font--body font-copy gray-darkest ma-0 pb-md" data-el="text" dir="null">{}</p>',
        fig='<figure class="mb-md" data-qa="lede-art"><div class="inline-photo"><img src="/img/{img}.jpg" alt="">'
        '</div><figcaption class="pb-xs font--subhead lh-fronts-tiny" data-qa="caption">{}</figcaption></figure>',
        more='<div class="interstitial-link" data-qa="interstitial-link"><span class="font--subhead"><b>'
        '<a href="/news/{slug}">{}</a></b></span></div>',
        ad_style=1,
    )
    parts = body(a, style, rng)
    blocks = "".join(f'<div class="article-body" data-qa="article-body">{p}</div>' for p in parts)
    art = (
        f'<main id="main-content"><div class="grid-layout"><div class="hide-for-print">{breadcrumbs(a)}</div>'
        f'<div class="headline-kicker"><a href="#">{esc(a.beat.title())}</a></div>'
        f'<h1 data-qa="headline" class="headline">{esc(a.headline)}</h1>'
        f'<div data-qa="author-byline" class="author-byline">{byline_block(a, "byline-wrapper")}</div>'
        f'<div class="share-tools" data-qa="share-tools">{share_bar("share-tools__bar")}</div>'
        f'<div class="grid-body"><div class="meteredContent">{blocks}</div>'
        '<div data-qa="article-end" class="article-end"><div class="author-info" data-qa="author-info">'
        f"{author_box(a.author, a.beat)}</div></div>"
        f'<div class="recirc" data-qa="recirc">{related_rail(rng, "More from News", "recirc-list", 6)}</div>'
        f'<div data-qa="comments-btn" class="comments"><button>Comments</button></div></div></div></main>'
    )
    extra = hydration("Fusion = window.Fusion || {}; Fusion.globalContent", a, rng)
    return page(
        a,
        rng,
        art,
        site="The Capital Ledger",
        extra_head=extra,
        end=f'<div class="trending-bar">{related_rail(rng, "Trending", "trending", 5, teasers=False)}</div>',
    )


def guardian(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<p class="dcr-130mj7b">{}</p>',
        h='<h2 id="h" class="dcr-1p1mhm1">{}</h2>',
        fig='<figure id="img-{img}" data-spacefinder-role="inline"><div class="dcr-1t8m8f4"><picture><img src='
        '"/img/{img}.jpg" alt=""></picture></div><figcaption class="dcr-1nc4yar"><span class="dcr-1inf02i">'
        '<svg width="18" height="13" viewBox="0 0 18 13"><path d="M18 3.5v8l-1.5 1.5h-15l-1.5-1.5v-8"></path>'
        "</svg></span>{}</figcaption></figure>",
        more='<aside data-spacefinder-role="richLink" class="dcr-11ra563"><div data-component="rich-link" '
        'data-name="richLinkCard"><a href="/news/{slug}"><div class="dcr-kind">More on this story</div>'
        '<div class="dcr-headline">{}</div></a></div></aside>',
    )
    parts = body(a, style, rng)
    epic = (
        '<div id="slot-body-end"><div class="contributions__epic"><h2>Before you move on…</h2><p>We have a small favour '
        "to ask. Millions of readers turn to us for open, independent, quality news every day, and readers in 180 "
        "countries around the world now support us financially.</p><p>We have no shareholders or billionaire owner. "
        "This means we can investigate and challenge without fear of who we may upset.</p>"
        '<a class="epic-button" href="/contribute">Support us</a></div></div>'
    )
    art = (
        '<main data-layout="StandardLayout"><article class="dcr-1l8h2un"><div class="dcr-section">'
        f'<a href="#" data-link-name="article section"><span>{esc(a.beat.title())}</span></a></div>'
        f'<div data-gu-name="headline"><h1 class="dcr-y70mar">{esc(a.headline)}</h1></div>'
        '<div data-gu-name="standfirst"><div class="dcr-1yi1cnj"><p>The findings are the clearest picture yet of a '
        "change experts have warned about for years</p></div></div>"
        f'<div data-gu-name="meta"><address aria-label="Contributor info"><a rel="author" href="#">{a.author}</a>'
        "</address><details><summary>Tue 1 Dec 2026 09.30 GMT</summary></details>"
        f"{share_bar('dcr-share')}</div>"
        f'<div data-gu-name="body"><div id="maincontent" class="article-body-commercial-selector '
        f'article-body-viewer-selector dcr-1mnk5c4">{"".join(parts)}</div>'
        f'<div class="submeta"><span>Explore more on these topics</span><ul><li><a href="#">{esc(a.beat.title())}</a>'
        '</li><li><a href="#">UK news</a></li></ul></div>'
        f"{epic}</div></article>"
        f'<section data-component="more-on-this-story">{related_rail(rng, "More on this story", "dcr-onward", 4)}</section>'
        f'<section data-component="most-viewed">{related_rail(rng, "Most viewed", "dcr-most-viewed", 10, False)}</section>'
        f'<section id="comments" data-component="discussion">{comments(rng, 6)}</section></main>'
    )
    return page(a, rng, art, site="The Morning Courier")


def nyt(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<p class="css-at9mc1 evys1bk0">{}</p>',
        h='<h2 class="css-1lhmzb5 eoo0vm40">{}</h2>',
        fig='<figure class="css-1mb6rdd" aria-label="media" role="group"><div class="css-1xdhyk6"><picture>'
        '<img class="css-rq4mmj" src="/img/{img}.jpg"></picture></div><figcaption class="css-jevhq3">'
        '<span class="css-cnj6d5 e1z0qqy90">{}</span><span class="css-1ly73wi e1z0qqy90">'
        '<span class="css-1jm2rg">Credit...</span><span>Photo Agency for The Gazette</span></span></figcaption></figure>',
        ad_style=2,
    )
    parts = body(a, style, rng)
    chunks, cur = [], []
    for p in parts:
        if "inline-ad" in p or "<figure" in p:
            if cur:
                chunks.append(cur)
            chunks.append([p])
            cur = []
        else:
            cur.append(p)
            if len(cur) == 4:
                chunks.append(cur)
                cur = []
    if cur:
        chunks.append(cur)
    cols = "".join(
        c[0]
        if len(c) == 1 and ("inline-ad" in c[0] or "<figure" in c[0])
        else f'<div class="css-s99gbd StoryBodyCompanionColumn"><div class="css-53u6y8">{"".join(c)}</div></div>'
        for c in chunks
    )
    art = (
        '<div id="site-content"><article id="story" class="css-1vxca1d e1lmdhsb0"><header class="css-d92dv7">'
        f'<div class="css-1vkm6nb"><h1 data-testid="headline" class="css-1l3l9wi e1h9rw200">{esc(a.headline)}</h1></div>'
        '<p id="article-summary" class="css-1n0orw4 e1wiw3jv0">Volunteers knocked on every door, and the count '
        "came out very differently.</p>"
        f'<div class="css-xt80pu"><p class="css-aknsld e1jsehar1">By <span class="css-1baulvz">{a.author}</span></p>'
        '<time class="css-1sbuyqj" datetime="2026-12-01">Dec. 1, 2026</time></div></header>'
        f'<section name="articleBody" class="meteredContent css-1r7ky0e">{cols}</section>'
        '<div class="bottom-of-article"><div class="css-1jp38cu">'
        f'<p class="css-1tjr0bv">{a.author} is a national correspondent based in Kansas City.</p>'
        '<p class="css-1tjr0bv">A version of this article appears in print on Dec. 2, 2026, Section A, Page 14 of '
        "the New York edition with the headline: A Town Counts Itself.</p></div></div></article>"
        f'<div class="css-1ei2tm8">{related_rail(rng, "Editors’ Picks", "css-11jjg", 6)}</div></div>'
    )
    return page(a, rng, art, site="The Daily Gazette", extra_head=hydration("__preloadedData", a, rng))


def medium(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<p class="pw-post-body-paragraph lv lw fr lx b ly lz ma mb mc md me mf mg mh mi mj mk ml mm mn mo mp mq mr ms fk bj" '
        'data-selectable-paragraph="">{}</p>',
        h='<h2 class="ng nh fr be ni nj nk nl nm nn no np nq nr ns nt nu nv nw nx ny nz oa ob oc od bj" '
        'data-selectable-paragraph="">{}</h2>',
        quote='<blockquote class="oo op oq"><p class="lv lw or lx b ly lz ma mb" data-selectable-paragraph="">{}</p></blockquote>',
        li='<li class="os ot fr lx b ly lz ou mb mc md ov mf mg mh ow pz" data-selectable-paragraph="">{}</li>',
        ul='<ul class="">{}</ul>',
    )
    parts = body(a, style, rng)
    art = (
        '<div class="l c"><div class="l"><article><div class="l"><div class="l"><section><div><div class="fk fl fm fn fo">'
        '<div class="ab ca"><div class="ch bg ev ew ex ey">'
        f'<div><h1 id="a1" class="pw-post-title go gp gq be gr gs gt gu">{esc(a.headline)}</h1></div>'
        f'<div class="speechify-ignore ab cp"><div class="pw-author"><a href="/@x" rel="noopener follow">'
        f'<p class="be b bf z dx">{a.author}</p></a><span>Follow</span></div><div class="pw-reading-time">'
        '<span data-testid="storyReadTime">7 min read</span> · <span data-testid="storyPublishDate">Dec 1, 2026</span>'
        '</div><div class="ab q"><span class="pw-multi-vote-count">1.2K</span><span>14</span></div></div>'
        f"{''.join(parts)}</div></div></div></div></section></div></div></article></div>"
        '<div class="ab ca"><div class="footer-tags"><a href="#">Software Engineering</a><a href="#">Billing</a>'
        '<a href="#">Refactoring</a></div><div class="pw-responses"><h2>Responses (14)</h2>'
        f"{comments(rng, 4)}</div><div><h2>More from {a.author}</h2>"
        + "".join(
            f'<div><a href="#"><h2>{esc(h)}</h2></a><p>{esc(rng.choice(__import__("chrome").TEASERS))}</p></div>'
            for h in rng.sample(HEADLINES, 4)
        )
        + "</div></div></div>"
    )
    return page(a, rng, art, site="Medium", extra_head=hydration("__APOLLO_STATE__", a, rng))


def substack(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(h='<h{level} class="header-anchor-post">{}</h{level}>'), rng)
    widget = (
        '<div class="subscription-widget-wrap-editor" data-attrs="{}"><div class="subscription-widget show-subscribe">'
        '<div class="preamble"><p class="cta-caption">Thanks for reading Small Press Notes! Subscribe for free to '
        'receive new posts and support my work.</p></div><form class="subscription-widget-subscribe"><input '
        'type="email"><input type="submit" value="Subscribe"></form></div></div>'
    )
    parts.insert(4, widget)
    art = (
        '<div class="main-content"><div class="single-post-container"><div class="container"><div class="single-post">'
        '<article class="typography newsletter-post post"><div class="post-header">'
        f'<h1 class="post-title published title-X77sOw">{esc(a.headline)}</h1>'
        '<h3 class="subtitle subtitle-HEEcLo">On backlists, patience and the economics of a three-person press</h3>'
        f'<div class="post-meta"><a href="#">{a.author}</a><div class="pencraft">Dec 01, 2026</div></div>'
        '<div class="post-ufi"><a class="like-button" href="#">212</a><a class="comment-button" href="#">38</a>'
        '<a class="share-button" href="#">Share</a></div></div>'
        f'<div class="available-content"><div dir="auto" class="body markup">{"".join(parts)}</div></div>'
        f'<div class="post-footer">{widget}<div class="post-ufi"><a class="like-button">212</a><a>Share</a></div></div>'
        '</article></div><div id="discussion" class="comments-section"><h4>Discussion about this post</h4>'
        f"{comments(rng, 5)}</div>"
        f'<div class="post-page-footer">{related_rail(rng, "Ready for more?", "portable-archive", 5, False)}'
        "</div></div></div></div>"
    )
    return page(a, rng, art, site="Small Press Notes", extra_head=hydration("_preloads", a, rng))


def ghost(a: Article, rng: random.Random) -> str:
    style = Style(
        fig='<figure class="kg-card kg-image-card kg-card-hascaption"><img src="/content/images/{img}.jpg" '
        'class="kg-image"><figcaption><span style="white-space: pre-wrap;">{}</span></figcaption></figure>',
    )
    art = (
        '<main id="site-main" class="site-main"><article class="article post tag-hardware featured">'
        f'<header class="article-header gh-canvas"><div class="article-tag post-card-tags"><span class="post-card-primary-tag">'
        f'<a href="#">Hardware</a></span></div><h1 class="article-title">{esc(a.headline)}</h1>'
        '<p class="article-excerpt">What a month of typing differently taught me about speed, pain and habit.</p>'
        f'<div class="article-byline"><div class="article-byline-content"><h4 class="author-name"><a href="#">{a.author}</a>'
        '</h4><div class="byline-meta-content"><time class="byline-meta-date">Dec 1, 2026</time>'
        '<span class="byline-reading-time">6 min read</span></div></div></div></header>'
        f'<section class="gh-content gh-canvas">{"".join(body(a, style, rng))}'
        '<div class="kg-card kg-cta-card"><p>Enjoyed this? Become a member to get new posts in your inbox.</p>'
        '<a href="#/portal/signup">Subscribe</a></div></section></article>'
        '<aside class="read-more-wrap outer"><div class="read-more inner"><h3>Read more</h3>'
        + "".join(
            f'<article class="post-card"><a class="post-card-content-link" href="#"><h2 class="post-card-title">{esc(h)}'
            f'</h2><div class="post-card-excerpt">{esc(rng.choice(__import__("chrome").TEASERS))}</div></a></article>'
            for h in rng.sample(HEADLINES, 3)
        )
        + "</div></aside></main>"
    )
    return page(a, rng, art, site="Desk Notes")


def drupal(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    art = (
        '<div class="dialog-off-canvas-main-canvas"><div class="layout-container"><main role="main"><div class="layout-content">'
        f'<div class="region region-content"><div id="block-pagetitle" class="block block-core"><h1 class="page-title">'
        f'<span class="field field--name-title">{esc(a.headline)}</span></h1></div>'
        '<article role="article" class="node node--type-news node--view-mode-full"><div class="node__meta">'
        f'<span class="field field--name-uid"><span>{a.author}</span></span> <span class="field--name-created">'
        'Tue, 12/01/2026 - 09:30</span></div><div class="node__content">'
        '<div class="field field--name-field-image field--type-image"><img src="/sites/default/files/railyard.jpg">'
        '<div class="field--name-field-image-caption">An aerial view of the former Eastside rail yard in October.</div></div>'
        '<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden '
        f'field__item">{"".join(parts)}</div>'
        '<div class="field field--name-field-tags field--type-entity-reference"><div class="field__label">Tags</div>'
        '<div class="field__items"><div class="field__item"><a href="#">Housing</a></div><div class="field__item">'
        '<a href="#">City council</a></div></div></div></div></article>'
        '<div class="views-element-container block block-views"><h2>Related news</h2><div class="view-content">'
        + "".join(
            f'<div class="views-row"><span class="field-content"><a href="#">{esc(h)}</a></span><div class="views-field-body">'
            f"<p>{esc(rng.choice(__import__('chrome').TEASERS))}</p></div></div>"
            for h in rng.sample(HEADLINES, 5)
        )
        + "</div></div></div></div>"
        f'<aside class="layout-sidebar-second" role="complementary">{newsletter("City of Eastbrook", "block-newsletter")}'
        "</aside></main></div></div>"
    )
    return page(a, rng, art, site="City of Eastbrook News", cookie=1)


def blogger(a: Article, rng: random.Random) -> str:
    text = "".join(inline(str(v), rng, link=False) for k, v in a.items if k == "p")
    art = (
        "<div class='content-outer'><div class='main-inner'><div class='columns'><div class='column-center-inner'>"
        "<div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>"
        "<div class='date-outer'><h2 class='date-header'><span>Sunday, 29 November 2026</span></h2>"
        "<div class='post-outer'><div class='post hentry' itemscope itemtype='http://schema.org/BlogPosting'>"
        f"<h3 class='post-title entry-title' itemprop='name'>{esc(a.headline)}</h3>"
        f"<div class='post-header'></div><div class='post-body entry-content' itemprop='description articleBody'>"
        f"<div class='separator' style='clear: both; text-align: center;'><a href='#'><img src='/img/railcar.jpg'></a></div>"
        f"{text}<div style='clear: both;'></div></div>"
        "<div class='post-footer'><div class='post-footer-line post-footer-line-1'><span class='post-author vcard'>"
        f"Posted by <span class='fn'>{a.author}</span></span> <span class='post-timestamp'>at <a class='timestamp-link'>"
        "14:02</a></span> <span class='post-comment-link'><a href='#'>4 comments</a></span></div>"
        "<div class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: <a href='#'>railways</a>, "
        "<a href='#'>days out</a></span></div></div></div>"
        "<div class='comments' id='comments'><h4>4 comments:</h4><div id='comment-holder'><dl class='comments-block'>"
        + "".join(
            f"<dt class='comment-author'>{n} said...</dt><dd class='comment-body'><p>{c}</p></dd>"
            f"<dd class='comment-footer'><span class='comment-timestamp'>29 November 2026 at 18:{i}0</span></dd>"
            for i, (n, c) in enumerate(
                zip(
                    rng.sample(__import__("chrome").NAMES, 4),
                    rng.sample(__import__("chrome").COMMENTS, 4),
                    strict=True,
                )
            )
        )
        + "</dl></div></div></div></div></div></div></div></div>"
        "<div class='column-right-inner'><div class='sidebar section' id='sidebar-right-1'><div class='widget PopularPosts'>"
        "<h2>Popular Posts</h2><div class='widget-content popular-posts'><ul>"
        + "".join(
            f"<li><div class='item-title'><a href='#'>{esc(h)}</a></div><div class='item-snippet'>"
            f"{esc(rng.choice(__import__('chrome').TEASERS))}</div></li>"
            for h in rng.sample(HEADLINES, 5)
        )
        + "</ul></div></div><div class='widget BlogArchive'><h2>Blog Archive</h2><ul class='hierarchy'>"
        + "".join(
            f"<li><a href='#'>{m} 2026</a> ({rng.randint(1, 9)})</li>"
            for m in [
                "December",
                "November",
                "October",
                "September",
                "August",
                "July",
                "June",
                "May",
                "April",
                "March",
            ]
        )
        + "</ul></div><div class='widget Profile'><h2>About Me</h2><div class='widget-content'>"
        f"<dl class='profile-datablock'><dt class='profile-data'>{a.author}</dt><dd class='profile-textblock'>"
        "Retired signalman, occasional photographer, and tireless rider of branch lines that are about to close."
        "</dd></dl></div></div></div></div></div></div></div>"
    )
    return page(a, rng, art, site="Branch Line Diaries")


def townnews(a: Article, rng: random.Random) -> str:
    style = Style(
        fig='<div class="image"><figure class="photo layout-horizontal"><img src="/img/{img}.jpg"><figcaption '
        'class="caption"><div class="caption-text"><p>{}</p></div><span class="tnt-byline">Staff photo</span>'
        "</figcaption></figure></div>",
    )
    parts = body(a, style, rng)
    art = (
        '<div id="main-page-container"><section id="main-body-container"><div class="container"><div class="row">'
        '<div class="col-md-8 col-lg-8"><article class="asset story" itemscope itemtype="http://schema.org/NewsArticle">'
        f'<header class="asset-header"><div class="meta"><span class="kicker">{esc(a.beat.title())}</span></div>'
        f'<h1 class="headline"><span class="tnt-headline">{esc(a.headline)}</span></h1>'
        f'<ul class="list-inline"><li><span class="tnt-byline">By {a.author} Staff Writer</span></li>'
        '<li><time class="tnt-date">Dec 1, 2026</time></li></ul>'
        f'<div class="share-container">{share_bar("tnt-share list-inline")}</div></header>'
        '<div class="asset-body"><div id="article-body" itemprop="articleBody" class="asset-content subscriber-premium">'
        f'{"".join(parts[:3])}<div id="tncms-region-article_instory_top" class="tncms-region hidden-print">'
        f"{ad(rng)}</div>{''.join(parts[3:])}</div></div>"
        f'<div class="asset-tags"><ul><li><a href="#">{esc(a.beat.title())}</a></li><li><a href="#">Harlan County</a></li></ul></div>'
        f'<div class="asset-comments">{comments(rng, 3)}</div></article></div>'
        f'<aside class="col-md-4 col-lg-4">{related_rail(rng, "Most Popular", "tnt-block-popular")}'
        f"{newsletter('The Harlan Herald', 'tnt-newsletter')}</aside></div></div></section></div>"
    )
    return page(a, rng, art, site="The Harlan Herald", cookie=1)


def techblog(a: Article, rng: random.Random) -> str:
    style = Style(
        h='<h{level} id="sec-{level}">{}<a class="anchor" href="#">#</a></h{level}>',
        pre='<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-text" data-lang="text">{}</code></pre></div>',
    )
    art = (
        '<div class="container"><nav class="toc"><h2>Contents</h2><ul>'
        + "".join(f'<li><a href="#">{esc(str(v))}</a></li>' for k, v in a.items if k == "h2")
        + f'</ul></nav><main class="main"><article class="post-single"><header class="post-header"><h1 class="post-title">'
        f'{esc(a.headline)}</h1><div class="post-meta"><span>December 1, 2026</span>&nbsp;·&nbsp;<span>5 min</span>'
        f"&nbsp;·&nbsp;<span>{a.author}</span></div></header>"
        f'<div class="post-content">{"".join(body(a, style, rng))}</div>'
        '<footer class="post-footer"><ul class="post-tags"><li><a href="#">python</a></li><li><a href="#">performance</a>'
        '</li></ul><nav class="paginav"><a class="prev" href="#"><span class="title">« Prev</span><br><span>'
        f"{esc(rng.choice(HEADLINES))}</span></a></nav></footer></article></main></div>"
    )
    return page(a, rng, art, site="Notes on Software", extra_head=analytics_script(rng, "blog"))


def split_divs(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<div class="paragraph inline-placeholder vossi-paragraph" data-component-name="paragraph">{}</div>',
        fig='<div class="image" data-component-name="image"><div class="image__container"><img src="/img/{img}.jpg"></div>'
        '<div class="image__metadata"><div class="image__caption attribution"><span data-editable="metaCaption">{}</span>'
        '</div><figcaption class="image__credit">Storm Images/Agency</figcaption></div></div>',
        ad_style=1,
    )
    art = (
        '<section class="layout__main"><div class="headline"><h1 class="headline__text" id="maincontent">'
        f'{esc(a.headline)}</h1></div><div class="headline__footer"><div class="byline"><span class="byline__names">'
        f'By <a href="#">{a.author}</a>, Storm Desk</span></div><div class="timestamp">Updated 6:12 AM EST, '
        'Sun November 29, 2026</div></div><div class="article__content-container"><div class="article__content" '
        f'data-editable="content">{"".join(body(a, style, rng))}'
        '<div class="footnote">The Associated Wire contributed to this report.</div></div></div>'
        f'<div class="related-content">{related_rail(rng, "Related Article", "related-content__list", 3)}</div>'
        f'<div class="zone">{related_rail(rng, "More from Weather", "container_lead-plus-headlines", 8, False)}</div></section>'
    )
    return page(a, rng, art, site="Storm Network")


def legacy_table(a: Article, rng: random.Random) -> str:
    text = "".join(inline(str(v), rng, link=False) for k, v in a.items if k == "p")
    nav = "".join(
        f'<tr><td class="navlink"><a href="/{t.lower()}.html">{t}</a></td></tr>'
        for t in rng.sample(__import__("chrome").TOPICS, 18)
    )
    art = (
        '<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td width="160" valign="top">'
        f'<table width="160">{nav}</table></td><td valign="top"><table width="100%" cellpadding="8"><tr><td>'
        f'<font face="Arial" size="5"><b>{esc(a.headline)}</b></font><br><font size="2">By {a.author}, '
        f'Community Editor<br>Posted: 12/01/2026</font><br><br><font face="Georgia" size="3">{text}</font>'
        '<br><br><font size="1"><a href="/print.html">Printer friendly version</a> | <a href="/email.html">Email this '
        "story</a></font></td></tr><tr><td><b>Other stories in Community:</b><br>"
        + "<br>".join(f'<a href="#">{esc(h)}</a>' for h in rng.sample(HEADLINES, 6))
        + '</td></tr></table></td><td width="180" valign="top"><b>Weather</b><br>Partly cloudy, high 48<br><br>'
        "<b>Classifieds</b><br>Garage sale Saturday 8am-2pm, 412 Elm St. Furniture, tools, books.<br>"
        "Wanted: part-time bookkeeper for small office, flexible hours, call 555-0142.</td></tr></table>"
    )
    return page(a, rng, art, site="Millbrook Weekly Record")


def tailwind(a: Article, rng: random.Random) -> str:
    style = Style(p='<p class="mb-6 text-lg leading-8 text-slate-800">{}</p>')
    art = (
        '<div class="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8"><div class="grid grid-cols-12 gap-8">'
        '<div class="col-span-12 lg:col-span-8"><article class="pt-8">'
        '<a class="text-sm font-semibold uppercase tracking-wide text-emerald-600" href="#">Climate tech</a>'
        f'<h1 class="mt-2 text-4xl font-bold tracking-tight text-slate-900">{esc(a.headline)}</h1>'
        '<p class="mt-4 text-xl text-slate-600">A west-side company is betting it can make money from the lithium '
        "cells that end up in garbage trucks.</p>"
        f'<div class="mt-6 flex items-center gap-3 text-sm text-slate-500"><img class="h-10 w-10 rounded-full" src="#">'
        f"<span>{a.author}</span><span>·</span><time>Dec 1, 2026</time><span>·</span><span>6 min read</span></div>"
        '<img class="mt-8 w-full rounded-xl" src="/img/cellworks.jpg"><p class="mt-2 text-sm text-slate-500">'
        "Shredded battery material at the Cellworks plant. (Photo: Company handout)</p>"
        f'<div class="mt-8">{"".join(body(a, style, rng))}</div>'
        '<div class="mt-10 rounded-2xl bg-slate-100 p-6"><p class="font-semibold">Get the Climate Tech newsletter</p>'
        '<p class="mt-1 text-slate-600">Every Thursday: the companies, money and ideas trying to cut emissions, in five '
        'minutes.</p><form class="mt-4 flex gap-2"><input class="flex-1" type="email"><button>Subscribe</button></form></div>'
        '</article></div><div class="col-span-12 lg:col-span-4"><div class="sticky top-24 space-y-6">'
        '<h2 class="text-lg font-bold">Latest</h2>'
        + "".join(
            f'<a class="block" href="#"><p class="font-semibold">{esc(h)}</p><p class="text-sm text-slate-500">'
            f"{esc(rng.choice(__import__('chrome').TEASERS))}</p></a>"
            for h in rng.sample(HEADLINES, 6)
        )
        + "</div></div></div></div>"
    )
    return page(a, rng, art, site="Westside Wire", extra_head=hydration("__NUXT__", a, rng))


def next_blocks(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<div data-component="text-block" class="ssrcss-11r1m41-RichTextComponentWrapper ep2nwvo0"><div '
        'class="ssrcss-7uxr49-RichTextContainer e5tfeyi1"><p class="ssrcss-1q0x1qg-Paragraph e1jhz7w10">{}</p></div></div>',
        h='<div data-component="subheadline-block" class="ssrcss-4b8vdl-StyledHeading"><h2 id="h" '
        'class="ssrcss-y8stko-StyledHeading e10rt3ze0">{}</h2></div>',
        fig='<div data-component="image-block" class="ssrcss-1u3o5xi"><figure class="ssrcss-wpgbih-StyledFigure e34k3c23">'
        '<div class="ssrcss-ab5fd8-StyledFigureContainer"><img src="/img/{img}.jpg"><span class="ssrcss-1eoi2kk">'
        'Environment Agency</span></div><figcaption class="ssrcss-1tpeyh5-Caption e34k3c21"><span class="ssrcss-1pvwv4b">'
        "Image caption, </span>{}</figcaption></figure></div>",
    )
    art = (
        '<div id="main-wrapper"><main id="main-content" data-testid="main-content"><article class="ssrcss-pv1rh6-ArticleWrapper">'
        f'<header data-component="headline-block"><h1 id="main-heading" class="ssrcss-15xko80-StyledHeading">{esc(a.headline)}</h1></header>'
        '<div data-component="byline-block"><div class="ssrcss-68pt20-Text-TextContributorName">'
        f'<span>{a.author}</span></div><div class="ssrcss-84ltp5-Text">Environment correspondent</div>'
        '<time datetime="2026-12-01T09:30:00.000Z">1 December 2026</time></div>'
        f"{''.join(body(a, style, rng))}"
        '<div data-component="links-block"><h2>More on this story</h2><ul>'
        + "".join(f'<li><a href="#">{esc(h)}</a></li>' for h in rng.sample(HEADLINES, 3))
        + '</ul></div><div data-component="tag-list"><ul><li><a href="#">Flooding</a></li><li><a href="#">Kettlebridge'
        "</a></li></ul></div></article>"
        f'<section data-component="most-read">{related_rail(rng, "Most read", "ssrcss-mostread", 10, False)}</section>'
        "</main></div>"
    )
    return page(
        a,
        rng,
        art,
        site="National Broadcaster News",
        extra_head=hydration("__INITIAL_DATA__", a, rng),
        cookie=1,
    )


def short_paras(a: Article, rng: random.Random) -> str:
    style = Style(p="<p>{}</p>", ad_style=2)
    art = (
        '<div class="page"><div class="article-page"><div class="article-header"><div class="section-label">NEWS</div>'
        f'<h1 class="article-title">{esc(a.headline)}</h1><p class="article-standfirst">"They have been good to me for '
        'forty years," says retired driver</p>'
        f'<div class="article-byline"><span class="author-name">{a.author}</span><span class="publish-date">'
        '11:42, 1 Dec 2026</span></div></div><div class="lead-media"><img src="/img/dobbs.jpg">'
        '<span class="lead-caption">Frank Dobbs outside his home (Image: Local Photo Agency)</span></div>'
        f'<div class="article-content">{"".join(body(a, style, rng))}'
        "<p><strong>Got a story? Email us at news@tabloid.example or call 0800 000 000</strong></p></div>"
        f"{share_bar('social-share')}{related_rail(rng, 'More On', 'more-on', 4)}"
        f"{related_rail(rng, 'Top Stories', 'top-stories', 10)}</div></div>"
    )
    return page(a, rng, art, site="The Daily Splash")


def interview(a: Article, rng: random.Random) -> str:
    art = (
        '<div class="site-inner"><div class="content-sidebar-wrap"><main class="content" id="genesis-content">'
        '<article class="post entry" itemscope itemtype="https://schema.org/CreativeWork"><header class="entry-header">'
        f'<h1 class="entry-title" itemprop="headline">{esc(a.headline)}</h1><p class="entry-meta">'
        f'<time class="entry-time">December 1, 2026</time> By <span class="entry-author"><span class="entry-author-name">'
        f'{a.author}</span></span> <span class="entry-comments-link"><a href="#">12 Comments</a></span></p></header>'
        f'<div class="entry-content" itemprop="text">{"".join(body(a, Style(), rng))}'
        "<p><em>This interview has been edited and condensed for clarity.</em></p></div>"
        '<footer class="entry-footer"><p class="entry-meta"><span class="entry-categories">Filed Under: '
        '<a href="#">Interviews</a></span></p></footer></article>'
        f'<div class="after-entry widget-area">{newsletter("Plate & Pour", "enews")}</div>'
        f"{comments(rng, 6, style=1)}</main>"
        f'<aside class="sidebar sidebar-primary widget-area">{related_rail(rng, "Popular Posts", "featured-content", 5)}'
        "</aside></div></div>"
    )
    return page(a, rng, art, site="Plate & Pour")


def listicle(a: Article, rng: random.Random) -> str:
    style = Style(
        h='<h{level} class="listicle-item__title">{}</h{level}>',
        fig='<div class="listicle-item__media"><img src="/img/{img}.jpg"><p class="listicle-item__credit">{}'
        " (Photo: Reader submission)</p></div>",
    )
    art = (
        '<main class="article-main"><div class="article-wrap"><div class="article-hero"><img src="/img/hero.jpg">'
        '<div class="hero-caption">Walkers on the Beacon Hill path in October.</div></div>'
        f'<h1 class="article-headline">{esc(a.headline)}</h1><div class="article-author">'
        f'<a href="#">{a.author}</a> · Outdoors · Dec 1, 2026</div>'
        f'<div class="article-text rich-text">{"".join(body(a, style, rng))}</div>'
        '<div class="article-affiliate-note"><p>We may earn a commission from links on this page, at no cost to you.</p></div>'
        f"{related_rail(rng, 'You may also like', 'also-like', 6)}</div></main>"
    )
    return page(a, rng, art, site="Weekend Outdoors", cookie=1)


def table_page(a: Article, rng: random.Random) -> str:
    style = Style(table='<div class="table-wrap"><table class="data-table">{}</table></div>')
    art = (
        '<div id="content" class="site-content"><main class="main-col"><article class="story">'
        f'<h1 class="story-headline">{esc(a.headline)}</h1>'
        f"{byline_block(a, 'story-byline')}{share_bar('story-share')}"
        f'<div class="story-body">{"".join(body(a, style, rng))}</div>'
        f"{author_box(a.author, a.beat)}</article></main>"
        f'<aside class="side-col">{related_rail(rng, "Latest", "latest-list", 8)}'
        '<table class="widget-table"><tr><td><a href="#">Markets</a></td><td>+0.4%</td></tr><tr><td>'
        '<a href="#">Oil</a></td><td>-1.2%</td></tr></table></aside></div>'
    )
    return page(a, rng, art, site="Metro Observer")


def longform(a: Article, rng: random.Random) -> str:
    style = Style(
        p='<p class="body-text">{}</p>',
        pull='<blockquote class="pull-quote"><p>{}</p></blockquote>',
        h='<h{level} class="section-break">{}</h{level}>',
        fig='<figure class="full-bleed"><img src="/img/{img}.jpg"><figcaption><span class="caption">{}</span>'
        '<span class="credit">Photograph by Staff</span></figcaption></figure>',
    )
    parts = body(a, style, rng)
    parts[1] = parts[1].replace(
        '<p class="body-text">', '<p class="body-text has-dropcap"><span class="dropcap">', 1
    )
    art = (
        '<main><article class="longform"><div class="longform-hero"><div class="hero-text"><span class="rubric">'
        f'The Long Read</span><h1>{esc(a.headline)}</h1><p class="dek">How a dead river in a mill valley came back to '
        f'life, one Friday at a time</p><p class="credits">By {a.author} · Photographs by Sam Lee</p></div></div>'
        f'<div class="longform-body">{"".join(parts)}<p class="end-note"><em>{a.author} writes about rivers and the '
        "people who live beside them.</em></p></div></article>"
        f"{newsletter('The Valley Review', 'nl-box')}{related_rail(rng, 'More long reads', 'more-longreads', 4)}</main>"
    )
    return page(a, rng, art, site="The Valley Review")


def local_tv(a: Article, rng: random.Random) -> str:
    style = Style(more='<p><strong><a href="/news/{slug}">{}</a></strong></p>')
    art = (
        '<div class="site-main"><div class="article-wrapper"><div class="article-top"><div class="video-player" '
        'data-video-id="889922"><div class="video-title">WATCH: Aerial view of the Pine Ridge fire</div></div>'
        f'<h1 class="article-title">{esc(a.headline)}</h1><div class="article-meta">'
        f'<span class="author">{a.author}</span><span class="date">Published: Nov. 29, 2026 at 4:12 PM EST</span>'
        '<span class="date">Updated: 9:03 PM EST</span></div></div><div class="article-content">'
        f"{''.join(body(a, style, rng))}"
        "<p>Copyright 2026 KPRT. All rights reserved.</p></div>"
        f'<div class="article-bottom">{related_rail(rng, "Latest News", "latest-news", 8, False)}'
        '<div class="taboola-feed" id="taboola-below-article"><h3>Sponsored Stories</h3>'
        + "".join(
            f'<div class="trc-item"><a href="#">{esc(h)}</a><span>Sponsored</span></div>'
            for h in rng.sample(HEADLINES, 4)
        )
        + "</div></div></div></div>"
    )
    return page(a, rng, art, site="KPRT News 7")


def wp_block(a: Article, rng: random.Random) -> str:
    style = Style(
        h='<h{level} class="wp-block-heading">{}</h{level}>',
        fig='<figure class="wp-block-image size-full"><img src="/wp-content/uploads/{img}.jpg">'
        '<figcaption class="wp-element-caption">{}</figcaption></figure>',
        quote='<blockquote class="wp-block-quote"><p>{}</p></blockquote>',
        ul='<ul class="wp-block-list">{}</ul>',
        ol='<ol class="wp-block-list">{}</ol>',
    )
    card = (
        '<div class="wprm-recipe-container"><div class="wprm-recipe wprm-recipe-template-chic"><h2 class="wprm-recipe-name">'
        'Weeknight Red Lentil Dal</h2><div class="wprm-recipe-summary">Creamy, warming and ready in 35 minutes.</div>'
        '<div class="wprm-recipe-times-container"><span>Prep 10 mins</span><span>Cook 25 mins</span><span>Serves 4</span>'
        '</div><div class="wprm-recipe-rating">4.9 from 212 votes</div><a class="wprm-recipe-print" href="#">Print Recipe</a>'
        '<a class="wprm-recipe-pin" href="#">Pin Recipe</a></div></div>'
    )
    art = (
        '<div class="wp-site-blocks"><main class="wp-block-group"><div class="wp-block-group has-global-padding">'
        f'<h1 class="wp-block-post-title">{esc(a.headline)}</h1><div class="wp-block-post-author"><div '
        f'class="wp-block-post-author__content"><p class="wp-block-post-author__name">{a.author}</p></div></div>'
        '<div class="wp-block-post-date"><time>December 1, 2026</time></div></div>'
        '<div class="entry-content wp-block-post-content has-global-padding is-layout-constrained">'
        '<p class="jump-to-recipe"><a href="#recipe">Jump to Recipe</a> · <a href="#">Print Recipe</a></p>'
        f"{''.join(body(a, style, rng))}{card}</div>"
        '<div class="wp-block-post-terms"><a href="#">Dinner</a>, <a href="#">Vegetarian</a></div>'
        f"{comments(rng, 5, style=1)}</main></div>"
    )
    return page(a, rng, art, site="Little Kitchen Notes")


# ---- round 2: written after the first round of tuning --------------------------------------------------


def lead_outside(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    lead = parts[0].replace("<p>", '<p class="lead">')
    art = (
        f'<main class="main"><article class="article">{breadcrumbs(a)}<div class="article-header">'
        f'<h1 class="article-header__title">{esc(a.headline)}</h1>'
        f'<div class="article-intro">{lead}</div>'
        f"{byline_block(a, 'article-header__byline')}{share_bar('article-share')}</div>"
        '<figure class="article-image"><img src="/img/train.jpg"><figcaption>A regional train at Central station.'
        "</figcaption></figure>"
        f'<div class="article-body">{"".join(parts[1:])}</div></article>'
        f"{related_rail(rng, 'Read next', 'read-next', 6)}</main>"
    )
    return page(a, rng, art, site="Metro Transit Times", cookie=1)


_NEXT_STORY = (
    "Plans for a new footbridge across the river at Millbank have been approved, ending a ten-year campaign by "
    "residents who say the nearest crossing is a mile-long detour.",
    "The bridge, which will cost £4.5 million, is expected to open in 2028. It will carry pedestrians and "
    "cyclists and link the new housing on the east bank with the railway station.",
    "Councillors approved the design despite objections from a rowing club, which said the bridge's supports "
    "would make its stretch of the river harder to use for training.",
    "The council said the design had been changed twice to reduce the number of supports in the water.",
)


# ---- round 3: written after the second round of tuning -------------------------------------------------


def trailing_links(a: Article, rng: random.Random) -> str:
    art = (
        f'<div id="primary"><main id="main"><article class="post"><header class="entry-header"><h1 class="entry-title">'
        f'{esc(a.headline)}</h1></header><div class="entry-content">{"".join(body(a, Style(), rng))}</div>'
        f"</article>{comments(rng, 3, style=1)}</main></div>"
    )
    return page(a, rng, art, site="Eastbrook Library News")


def multi_h1(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    parts.insert(3, ad(rng, 2))
    art = (
        '<div class="container"><h1 class="logo"><a href="/">Sky Notes</a></h1><div class="main-col">'
        f'<h1 class="headline">{esc(a.headline)}</h1><p class="meta">Posted by {a.author} on December 1, 2026</p>'
        f'<div class="content">{"".join(parts)}</div><p><a href="#top">Back to top</a></p></div>'
        f'<div class="sidebar">{related_rail(rng, "Recent posts", "recent", 6)}</div></div>'
    )
    return page(a, rng, art, site="Sky Notes")


def faq_details(a: Article, rng: random.Random) -> str:
    art = (
        f'<main><article class="explainer"><h1>{esc(a.headline)}</h1>{byline_block(a)}'
        f'<div class="article-content">{"".join(body(a, Style(), rng))}</div></article>'
        f"{related_rail(rng, 'More explainers', 'explainers', 5)}</main>"
    )
    return page(a, rng, art, site="County Courier", cookie=1)


def transcript(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    listen = (
        '<div class="episode-player"><audio controls src="/audio/ep42.mp3"></audio><p class="listen-on">Listen on: '
        '<a href="#">Apple Podcasts</a> | <a href="#">Spotify</a> | <a href="#">RSS</a></p></div>'
    )
    credit_block = (
        "<h2>Credits</h2><p>This episode was produced by Lena Fox and edited by Tom Okafor. Our theme music is by "
        "the Harbour Quartet.</p>"
    )
    art = (
        f'<main class="podcast"><div class="episode"><p class="show-name">Small Town, Big Ideas</p>'
        f'<h1 class="episode-title">{esc(a.headline)}</h1><p class="episode-date">December 1, 2026 · 34 min</p>'
        f'{listen}<div class="episode-notes">{"".join(parts)}{credit_block}</div></div>'
        f"{related_rail(rng, 'More episodes', 'episodes', 5)}</main>"
    )
    return page(a, rng, art, site="Small Town, Big Ideas")


def live_updates(a: Article, rng: random.Random) -> str:
    updates = [(k, str(v).split(" | ")) for k, v in a.items if k == "upd"]
    key_events = "".join(f'<li><a href="#u">{esc(v[1])}</a></li>' for _k, v in updates)
    art = (
        f'<main><div class="live-header"><span class="live-badge">LIVE</span><h1>{esc(a.headline)}</h1>'
        f'<p class="live-meta">Updated 9:12 p.m. · {a.author}</p></div>'
        f'<div class="key-events"><h2>Key events</h2><ul>{key_events}</ul></div>'
        f'<div class="live-feed">{"".join(body(a, Style(), rng))}</div>'
        f"{related_rail(rng, 'More weather news', 'weather-rail', 5)}</main>"
    )
    return page(a, rng, art, site="Valley Weather Desk")


def sections_toc(a: Article, rng: random.Random) -> str:
    heads = [str(v) for k, v in a.items if k == "h2"]
    toc = (
        '<div class="toc"><p class="toc-title">In this guide</p><ol>'
        + "".join(f'<li><a href="#s{i}">{esc(h)}</a></li>' for i, h in enumerate(heads))
        + "</ol></div>"
    )
    parts = []
    for item in body(a, Style(), rng):
        if item.startswith("<h2") and parts:
            parts.append('<p class="back"><a href="#top">Back to top ↑</a></p>')
        parts.append(item)
    parts.insert(1, toc)
    art = (
        f'<main id="top"><article><h1 class="guide-title">{esc(a.headline)}</h1>{byline_block(a)}'
        f'<div class="guide-body">{"".join(parts)}</div></article></main>'
    )
    return page(a, rng, art, site="Garden Weekly")


def email_archive(a: Article, rng: random.Random) -> str:
    paras = "".join(
        f'<p style="margin:0 0 16px;font-size:16px">{esc(str(v))}</p>' for k, v in a.items if k == "p"
    )
    html = (
        f"<!DOCTYPE html><html><head><title>{esc(a.headline)}</title>{style_block(rng, 400)}"
        "<style>body{margin:0;padding:0}table{border-collapse:collapse}.mcnTextContent{font-family:Helvetica}</style>"
        f'</head><body>{vendor_script(rng, 24)}<center><table class="bodyTable" width="100%"><tr><td align="center">'
        '<table class="templateContainer" width="600"><tr><td class="preheader"><p style="font-size:11px">'
        '<a href="#">View this email in your browser</a></p></td></tr>'
        '<tr><td class="header"><img src="/logo.png" alt="Harbour Market" width="200"></td></tr>'
        f'<tr><td class="mcnTextContent"><h1 style="font-size:24px">{esc(a.headline)}</h1>{paras}'
        "</td></tr>"
        '<tr><td class="footer"><p style="font-size:11px"><em>Copyright © 2026 Harbour Market, All rights reserved.'
        "</em><br>You are receiving this email because you opted in at our website or at the market.</p>"
        '<p style="font-size:11px">Want to change how you receive these emails?<br>You can <a href="#">update your '
        'preferences</a> or <a href="#">unsubscribe from this list</a>.</p></td></tr></table></td></tr></table>'
        "</center></body></html>"
    )
    return html  # an e-mail archive has no site chrome, only its own


# ---- round 4: written after the third round of tuning --------------------------------------------------


def gallery_counters(a: Article, rng: random.Random) -> str:
    slides = "".join(
        f'<div class="slide"><img src="/img/b{i}.jpg"><span class="counter">{i} of 4</span><p class="slide-text">'
        f"{esc(text)}</p></div>"
        for i, text in enumerate(
            (
                "Clara Hoffmann shapes loaves before dawn on Tuesday.",
                "The shop front on Canal Street, little changed since the 1920s.",
                "A photograph of the founder, Wilhelm Hoffmann, hangs by the till.",
                "Customers queue for pretzels on a Saturday morning.",
            ),
            start=1,
        )
    )
    art = (
        f'<main><article><h1>{esc(a.headline)}</h1>{byline_block(a)}<div class="gallery">{slides}'
        f'<button>Previous</button><button>Next</button></div><div class="text">{"".join(body(a, Style(), rng))}'
        f"</div></article>{related_rail(rng, 'More food news', 'food-rail', 5)}</main>"
    )
    return page(a, rng, art, site="Canal Street Chronicle")


def correction_note(a: Article, rng: random.Random) -> str:
    art = (
        f'<main><article class="story"><h1>{esc(a.headline)}</h1>{byline_block(a)}'
        f'<div class="story__text">{"".join(body(a, Style(), rng))}</div></article>'
        f"{related_rail(rng, 'Top stories', 'top', 6)}{comments(rng, 3)}</main>"
    )
    return page(a, rng, art, site="County Transit Post")


def aside_related(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    box = (
        "<aside><h4>Related coverage</h4><ul>"
        + "".join(f'<li><a href="/news/{slug(h)}">{esc(h)}</a></li>' for h in rng.sample(HEADLINES, 3))
        + f"</ul><p>{esc(rng.choice(__import__('chrome').TEASERS))}</p></aside>"
    )
    parts.insert(2, box)
    art = (
        f"<main><article><h1>{esc(a.headline)}</h1>{byline_block(a)}<div>{''.join(parts)}</div></article>"
        f"{related_rail(rng, 'Nature', 'nature-rail', 5)}</main>"
    )
    return page(a, rng, art, site="Lakeside Nature News")


def affiliate_review(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    buy = (
        '<div class="product-box"><img src="/img/k2.jpg"><p class="product-name">Brightwell K2 kettle</p>'
        '<p><a class="buy" href="https://shop.example/k2" rel="sponsored">£29.99 at Shop Example</a></p>'
        '<p><a class="buy" href="https://market.example/k2" rel="sponsored">£31.50 at Market Example</a></p></div>'
    )
    parts.insert(2, buy)
    art = (
        f'<main><article><h1 class="review-title">{esc(a.headline)}</h1>{byline_block(a)}'
        '<p class="disclosure">We may earn a commission when you buy through links on our site.</p>'
        f'<div class="review-body">{"".join(parts)}</div></article>'
        f"{related_rail(rng, 'Best buys', 'best-buys', 6)}</main>"
    )
    return page(a, rng, art, site="Home Test Lab")


def ap_captions(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    caption = (
        '<div class="photo"><img src="/img/cattle.jpg"><p>FILE - Cattle graze on a dry pasture near Red Rock, '
        "Oct. 3, 2026. (AP Photo/Maria Ortiz, File)</p></div>"
    )
    second = (
        '<div class="photo"><img src="/img/auction.jpg"><p>Buyers watch cattle in the ring at the Red Rock '
        "auction on Monday, Nov. 30, 2026. (AP Photo/Maria Ortiz)</p></div>"
    )
    parts.insert(0, caption)
    parts.insert(3, second)
    art = (
        f'<main><div class="page"><h1>{esc(a.headline)}</h1>{byline_block(a)}<div class="story-body-wrap">'
        f"{''.join(parts)}</div></div>{related_rail(rng, 'AP Top News', 'ap-top', 6)}</main>"
    )
    return page(a, rng, art, site="High Plains Herald")


# One-container pages: site name, the markup around the body ({h} headline, {by} or {entry_by} byline, {body}) and
# what follows it (a rail of n links, or n comments when the rail heading is None).
_SIMPLE: dict[str, tuple[str, str, str, tuple[str | None, str, int]]] = {
    "teaser_embeds": (
        "Valley Arts Review",
        '<main><article><header><h1 class="title">{h}</h1>{by}</header><div class="story-text">{body}</div></article>',
        "</main>",
        ("Latest Arts", "arts-rail", 6),
    ),
    "em_captions": (
        "Hatherley Gazette",
        '<div class="wrapper"><div class="main"><h1 class="post-title">{h}</h1><div class="post-info">By {author} | '
        'December 1, 2026</div><div class="post-text">{body}</div></div><div class="side">',
        "</div></div>",
        ("Popular", "side-popular", 6),
    ),
    "paywall_teaser": (
        "Lakeview Ledger",
        '<main><article class="premium-article"><h1>{h}</h1>{by}<div class="article__body">{body}</div>'
        '<div class="regwall"><h3>Keep reading for just $1</h3><p>Subscribe to continue reading this story and get '
        'unlimited access to award-winning local journalism.</p><a class="btn">Subscribe now</a>'
        '<p>Already a subscriber? <a href="/login">Log in</a></p></div></article>',
        "</main>",
        ("Trending", "trending-now", 6),
    ),
    "inbody_links": (
        "Northfield Post",
        '<main id="content"><article><h1 class="entry-title">{h}</h1>{entry_by}<div class="entry">{body}</div></article>',
        "</main>",
        (None, "", 4),
    ),
    "opinion_note": (
        "Harbour Light Opinion",
        '<main><article class="opinion"><div class="kicker">Opinion</div><h1>{h}</h1>{by}<div class="body-copy">'
        "{body}<p><em>{author} is a member of the town's planning board and writes about housing and transport."
        "</em></p><p><em>The views expressed here are the author's own.</em></p></div>"
        '<div class="letters-promo"><h3>Have your say</h3><p>Send us a letter of up to 250 words about this or any '
        "other topic. Letters may be edited for length and clarity.</p></div></article>",
        "</main>",
        ("More opinion", "opinion-rail", 5),
    ),
    "leading_list": (
        "Riverside Gazette",
        '<main><article><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/news/local">'
        'Local</a></li></ol><h1>{h}</h1>{by}<div class="txt">{body}</div></article>',
        "</main>",
        ("Local news", "local-rail", 6),
    ),
    "about_author": (
        "Slow Road Travel",
        '<main><article class="travel-story"><h1>{h}</h1>{by}<div class="story-copy">{body}'
        "<h3>About the author</h3><p>{author} has walked long-distance paths on four continents and writes "
        "about slow travel for several magazines. His book about the northern coast comes out in the spring.</p>"
        "</div></article>",
        "</main>",
        ("More travel", "travel-rail", 6),
    ),
}


def simple_page(a: Article, rng: random.Random) -> str:
    """A page from its _SIMPLE entry."""
    site, before, after, (heading, cls, n) = _SIMPLE[a.template]
    text = "".join(body(a, Style(), rng))
    rest = comments(rng, n) if heading is None else related_rail(rng, heading, cls, n)
    by, entry_by = byline_block(a), byline_block(a, "entry-byline")
    top = before.format(h=esc(a.headline), by=by, entry_by=entry_by, author=a.author, body=text)
    return page(a, rng, top + rest + after, site=site)


def infinite_scroll(a: Article, rng: random.Random) -> str:
    second = "".join(f"<p>{esc(p)}</p>" for p in _NEXT_STORY)

    def story(headline: str, inner: str, who: str) -> str:
        return (
            f'<article class="story" data-url="/news/{slug(headline)}"><h1 class="story__headline">{esc(headline)}'
            f'</h1><div class="story__meta">By {who}</div><div class="story-body">{inner}</div>'
            f"{share_bar('story__share')}</article>"
        )

    art = (
        f'<main class="stream">{story(a.headline, "".join(body(a, Style(), rng)), a.author)}'
        '<div class="next-story-label">Next story</div>'
        f"{story('Footbridge across the river at Millbank approved', second, 'Tom Okafor')}</main>"
    )
    return page(a, rng, art, site="Eastshire Echo")


def amp(a: Article, rng: random.Random) -> str:
    style = Style(
        fig='<figure class="amp-wp-article-featured-image"><amp-img src="/img/{img}.jpg" width="1200" height="800" '
        'layout="responsive"></amp-img><p class="wp-caption-text">{}</p></figure>',
    )
    parts = body(a, style, rng)
    parts.insert(3, '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/sport"></amp-ad>')
    art = (
        '<header id="top" class="amp-wp-header"><div><a href="/">City Sport Daily</a></div></header>'
        '<article class="amp-wp-article"><header class="amp-wp-article-header">'
        f'<h1 class="amp-wp-title">{esc(a.headline)}</h1><div class="amp-wp-meta amp-wp-byline">'
        f'<span class="amp-wp-author author vcard">{a.author}</span></div><div class="amp-wp-meta amp-wp-posted-on">'
        '<time datetime="2026-12-01T22:00:00+00:00">2 hours ago</time></div></header>'
        f'<div class="amp-wp-article-content">{"".join(parts)}</div>'
        '<footer class="amp-wp-article-footer"><div class="amp-wp-meta amp-wp-tax-category">Categories: '
        '<a href="#">Football</a></div><div class="amp-wp-meta amp-wp-comments-link"><a href="#">Leave a Comment</a>'
        "</div></footer></article>"
        '<amp-social-share type="twitter"></amp-social-share><amp-social-share type="facebook"></amp-social-share>'
    )
    return page(a, rng, art, site="City Sport Daily")


def span_text(a: Article, rng: random.Random) -> str:
    paras = "".join(
        f'<div class="txt-block"><span class="txt">{inline(str(v), rng)}</span></div>'
        for k, v in a.items
        if k == "p"
    )
    art = (
        f'<div id="app"><div class="page-wrap"><div class="hdr"><span class="h">{esc(a.headline)}</span>'
        f'<span class="by">{a.author} · 1 December 2026</span></div><div class="rich">{paras}</div>'
        f'<div class="more">{related_rail(rng, "More city life", "more-grid", 6)}</div></div></div>'
    )
    return page(a, rng, art, site="Harbour City Life")


def wire(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    trailer = (
        "<p>___</p><p>Associated Wire writer Maria Ortiz contributed to this report from the capital.</p>"
        "<p>Copyright 2026 The Associated Wire. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed without permission.</p>"
    )
    art = (
        f'<div class="Page-content"><h1 class="Page-headline">{esc(a.headline)}</h1>'
        f'<div class="Page-authors">By <span class="Link">{a.author.upper()}</span></div>'
        '<bsp-timestamp data-timestamp="1764576000000"><span>Updated 4:51 AM UTC, December 1, 2026</span></bsp-timestamp>'
        f'<div class="RichTextStoryBody RichTextBody">{"".join(parts)}{trailer}</div>'
        f"{related_rail(rng, 'Top stories', 'PageList-items', 8, False)}</div>"
    )
    return page(a, rng, art, site="Wire News Network")


_GALLERY_CAPTIONS = (
    "Runners cross the bridge in the first mile of the 2016 race, when fewer than 3,000 took part and the course "
    "still looped twice around the park before heading into town.",
    "Volunteers hand out water at the halfway point. More than 1,200 people help on race day, many of them "
    "returning every year, and the water stations get through about 90,000 cups.",
    "The finish line on the high street, where crowds are ten deep by late morning and local cafés stay open to "
    "serve runners and their families long into the afternoon.",
)


def gallery_like(a: Article, rng: random.Random) -> str:
    parts = body(a, Style(), rng)
    slides = [
        f'<div class="media-slide"><img src="/img/m{i}.jpg"><div class="media-description"><p>{esc(c)}</p></div></div>'
        for i, c in enumerate(_GALLERY_CAPTIONS)
    ]
    mixed = [parts[0], slides[0], parts[1], slides[1], *parts[2:5], slides[2], *parts[5:]]
    art = (
        f'<main class="main-content"><h1 class="headline">{esc(a.headline)}</h1>{byline_block(a)}'
        f'<section class="article-section">{"".join(mixed)}</section>'
        f"{related_rail(rng, 'More sport', 'sport-rail', 6)}</main>"
    )
    return page(a, rng, art, site="City Sport Daily")


TEMPLATES: dict[str, Callable[[Article, random.Random], str]] = {
    f.__name__: f
    for f in (
        wp_classic,
        wp_news,
        arc,
        guardian,
        nyt,
        medium,
        substack,
        ghost,
        drupal,
        blogger,
        townnews,
        techblog,
        split_divs,
        legacy_table,
        tailwind,
        next_blocks,
        short_paras,
        interview,
        listicle,
        table_page,
        longform,
        local_tv,
        wp_block,
        lead_outside,
        infinite_scroll,
        amp,
        span_text,
        wire,
        gallery_like,
        trailing_links,
        multi_h1,
        faq_details,
        transcript,
        live_updates,
        sections_toc,
        email_archive,
        gallery_counters,
        correction_note,
        aside_related,
        affiliate_review,
        ap_captions,
    )
} | dict.fromkeys(_SIMPLE, simple_page)


ROUNDS = (
    ("articles.txt", OUT),
    ("articles2.txt", HERE.parent / "corpus_holdout2"),
    ("articles3.txt", HERE.parent / "corpus_holdout3"),
    ("articles4.txt", HERE.parent / "corpus_holdout4"),
)


def main() -> None:
    """Write every page and its true text."""
    for source, out in ROUNDS:
        out.mkdir(exist_ok=True)
        for article in parse((HERE / source).read_text(encoding="utf-8")):
            rng = random.Random(zlib.crc32(article.name.encode()))
            html = TEMPLATES[article.template](article, rng)
            (out / f"{article.name}.html").write_text(html, encoding="utf-8")
            (out / f"{article.name}.txt").write_text(truth(article), encoding="utf-8")
            print(f"{out.name}/{article.name:<24}{len(html) / 1024:7.1f} KB")


if __name__ == "__main__":
    main()
