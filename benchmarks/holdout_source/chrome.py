"""Site chrome for the holdout pages: heads, menus, banners, ads, rails, comments and footers.

Everything here is invented; the shapes follow the markup real CMSs emit.
"""

from __future__ import annotations

import html
import json
import random

TOPICS = [
    "Politics",
    "Elections",
    "Courts",
    "Congress",
    "Economy",
    "Markets",
    "Jobs",
    "Housing",
    "Energy",
    "Climate",
    "Weather",
    "Science",
    "Space",
    "Health",
    "Medicine",
    "Education",
    "Schools",
    "Technology",
    "Gadgets",
    "Security",
    "Startups",
    "Business",
    "Retail",
    "Transport",
    "Travel",
    "Food",
    "Recipes",
    "Restaurants",
    "Arts",
    "Music",
    "Film",
    "Television",
    "Books",
    "Theatre",
    "Sport",
    "Football",
    "Basketball",
    "Baseball",
    "Tennis",
    "Golf",
    "Cycling",
    "Running",
    "Opinion",
    "Letters",
    "Obituaries",
    "Crime",
    "Police",
    "Religion",
    "Farming",
    "Environment",
    "Wildlife",
    "Parks",
    "Photography",
    "Video",
    "Podcasts",
    "Puzzles",
    "Crossword",
    "Games",
    "Horoscopes",
    "Lifestyle",
]

HEADLINES = (
    "City council delays vote on downtown parking plan",
    "Rain expected to return by the weekend after a dry spell",
    "High school robotics team heads to national finals",
    "What the new tax rules mean for small landlords",
    "Five things to know before markets open today",
    "Regional airline adds a second daily flight to the coast",
    "Library extends weekend hours after a surge in visitors",
    "Police seek witnesses after a late-night collision on Route 9",
    "Review: a quiet, devastating novel about two sisters",
    "The best budget headphones we tested this year",
    "Hospital opens a new maternity wing after three years of work",
    "Opinion: our bus network needs fewer routes, not more",
    "Farmers brace for a late frost as orchards bloom early",
    "Startup raises new funding to build cheaper heat pumps",
    "Coach says the injury list is the longest he has seen",
    "Museum returns looted bronze figures to their home country",
    "How to keep houseplants alive through a dark winter",
    "Water main break closes two lanes on the river bridge",
    "The quiet comeback of the neighbourhood video store",
    "State regulators approve higher electricity rates",
    "Scientists map a vast network of caves beneath the plateau",
    "Teachers union and district reach a tentative deal",
    "Inside the race to build the first commercial fusion plant",
    "A guide to the summer festivals worth the drive",
    "Court hears arguments over the new zoning map",
    "Why home insurance premiums keep climbing",
    "Local bakery wins a national award for its rye loaf",
    "Crossword: today's puzzle and yesterday's answers",
    "Watch: drone footage shows the flooded valley",
    "Letters: readers respond to the stadium proposal",
    "Gas prices dip for the third week in a row",
    "The hidden cost of free shipping",
    "Volunteers plant two thousand trees along the creek",
    "Five takeaways from the governor's budget speech",
    "Stargazers get a rare view of a bright comet this month",
    "Obituary: a beloved music teacher who taught for 40 years",
    "New study links poor sleep to slower recovery after surgery",
    "The ferry schedule changes again, and commuters are tired of it",
    "Podcast: the week in politics, explained in twenty minutes",
    "Ten years on, the mill town is still rebuilding",
)

TEASERS = (
    "Officials say the decision could come as soon as next month, though residents remain divided.",
    "The forecast calls for steady showers through Sunday, with cooler air behind the front.",
    "Our reviewers spent six weeks testing the most popular models so you don't have to.",
    "A look at what changed, who is affected and what you should do before the deadline.",
    "The team has been preparing since January and says it is ready for the big stage.",
    "Critics praised the production, though some found the second act too long.",
    "Here is everything you need to know before the polls open on Tuesday morning.",
    "Neighbours say the problem has been getting worse for years and nobody listens.",
)

COMMENTS = (
    "I have lived here for thirty years and I have never seen the council move this slowly on anything.",
    "Great piece. Would love a follow-up on what happens to the people who were already on the waiting list.",
    "This is exactly the kind of reporting we need more of. Thank you for digging into the numbers.",
    "Not sure I agree with the framing here. The costs were known from the start and nobody objected then.",
    "My daughter went through this last year and the process was a nightmare from beginning to end.",
    "Does anyone know whether the new rules apply to people who signed up before the change?",
    "The comments section is going to be a mess, but honestly the article itself is very fair.",
    "We tried this at our school and it worked well for about a year before the funding ran out.",
    "Interesting that nobody from the company agreed to speak on the record. Says a lot.",
    "I read this twice and still cannot tell what the actual plan is. Maybe that is the point.",
    "Thanks for the clear explanation. I finally understand why my bill went up in the spring.",
    "Every few years we get the same promise and every few years nothing changes on the ground.",
)

NAMES = (
    "Maria Lindqvist",
    "Tom Okafor",
    "Priya Raman",
    "Daniel Kessler",
    "Aiko Tanaka",
    "Samuel Boateng",
    "Helen Marsh",
    "Jorge Alvarado",
    "Ruth Abernathy",
    "Kofi Mensah",
)

CSS_RULES = (
    ".site-header{position:sticky;top:0;z-index:50;background:#fff;border-bottom:1px solid #e5e5e5}",
    ".nav__item{display:inline-block;padding:0 12px;font:600 14px/48px var(--font-sans)}",
    ".article-body p{margin:0 0 1.25em;font:400 18px/1.6 var(--font-serif);color:#121212}",
    ".ad-slot{min-height:250px;background:#f6f6f6;display:flex;align-items:center;justify-content:center}",
    "@media (max-width:740px){.rail{display:none}.article-body p{font-size:17px}}",
    ".share-bar a{display:inline-flex;width:32px;height:32px;border-radius:50%;background:#eee}",
    ".cookie-banner{position:fixed;bottom:0;left:0;right:0;padding:24px;background:#1a1a1a;color:#fff}",
    ".footer__links li{display:inline-block;margin:0 8px 8px 0;font-size:13px}",
)


def esc(text: str) -> str:
    """HTML-escape text."""
    return html.escape(text, quote=True)


def slug(text: str) -> str:
    """A URL slug for a headline."""
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in text.split())[:70]


def style_block(rng: random.Random, repeat: int = 40) -> str:
    """An inline stylesheet of the size real themes inline."""
    rules = [
        rng.choice(CSS_RULES).replace("12px", f"{rng.randint(4, 24)}px") + f"/*{i}*/" for i in range(repeat)
    ]
    return "<style>" + "".join(rules) + "</style>"


def analytics_script(rng: random.Random, site: str) -> str:
    """A tag-manager and analytics bootstrap script."""
    cfg = {
        "site": site,
        "env": "prod",
        "experiments": {f"exp_{i}": rng.choice(["control", "variant_a", "variant_b"]) for i in range(30)},
        "adUnits": [
            {
                "code": f"/{rng.randint(1000, 9999)}/{site.lower().replace(' ', '')}/{t.lower()}",
                "sizes": [[300, 250]],
            }
            for t in TOPICS[:25]
        ],
    }
    return (
        "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
        "var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='/gtm.js?id='+i;"
        "f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XXXX');"
        f"window.siteConfig={json.dumps(cfg)};</script>"
    )


def state_script(var: str, headline: str, paragraphs: list[str], rng: random.Random) -> str:
    """A hydration-state script that repeats the article (as Arc, Next.js and Nuxt pages do)."""
    state = {
        "article": {
            "headline": headline,
            "content_elements": [
                {"type": "text", "content": p, "_id": f"{rng.getrandbits(64):x}"} for p in paragraphs
            ],
        },
        "related": [{"headline": h, "url": "/news/" + slug(h)} for h in rng.sample(HEADLINES, 12)],
        "features": {f"flag{i}": rng.random() > 0.5 for i in range(60)},
    }
    return f"<script>window.{var} = {json.dumps(state)};</script>"


def json_ld(headline: str, author: str, date: str, site: str, url: str) -> str:
    """A NewsArticle JSON-LD block."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": date,
        "author": [{"@type": "Person", "name": author}],
        "publisher": {"@type": "Organization", "name": site},
        "mainEntityOfPage": url,
        "image": [url.rsplit("/", 1)[0] + "/lead.jpg"],
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def head(
    headline: str, site: str, author: str, date: str, url: str, rng: random.Random, extra: str = ""
) -> str:
    """<head> with metadata, a stylesheet, JSON-LD and analytics."""
    return (
        f'<head><meta charset="utf-8"><title>{esc(headline)} | {esc(site)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta property="og:title" content="{esc(headline)}"><meta property="og:site_name" content="{esc(site)}">'
        f'<meta property="og:url" content="{esc(url)}"><meta name="author" content="{esc(author)}">'
        f'<meta property="article:published_time" content="{date}">'
        f'<meta property="og:image" content="{esc(url.rsplit("/", 1)[0])}/lead.jpg">'
        f'<link rel="canonical" href="{esc(url)}"><link rel="stylesheet" href="/assets/main.css">'
        f"{style_block(rng)}{json_ld(headline, author, date, site, url)}{analytics_script(rng, site)}{extra}</head>"
    )


def mega_menu(rng: random.Random, site: str, cls: str = "site-nav", per: int = 12) -> str:
    """A header with a logo, search and a many-level menu."""
    sections = rng.sample(TOPICS, 9)
    cols = []
    for s in sections:
        links = "".join(
            f'<li class="{cls}__sub-item"><a href="/{s.lower()}/{t.lower()}">{t}</a></li>'
            for t in rng.sample(TOPICS, per)
        )
        h = rng.choice(HEADLINES)
        cols.append(
            f'<li class="{cls}__item"><a class="{cls}__link" href="/{s.lower()}">{s}</a>'
            f'<div class="{cls}__panel"><ul class="{cls}__sub">{links}</ul>'
            f'<div class="{cls}__promo"><a href="/{s.lower()}/{slug(h)}">{esc(h)}</a></div></div></li>'
        )
    return (
        f'<header class="site-header"><div class="top-bar"><a href="/subscribe">Subscribe</a> '
        f'<a href="/login">Sign in</a><span class="date-today">Tuesday, December 1, 2026</span></div>'
        f'<a class="logo" href="/"><span>{esc(site)}</span></a>'
        '<form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form>'
        f'<nav class="{cls}" aria-label="Main"><ul>{"".join(cols)}</ul></nav></header>'
    )


def cookie_banner(site: str, kind: int = 0) -> str:
    """A consent banner with prose and buttons."""
    text = (
        f"We and our partners use cookies and similar technologies to give you the best experience on {esc(site)}, "
        "to measure audiences and to show you personalised advertising. You can change your choices at any time "
        "by clicking Privacy settings at the bottom of any page."
    )
    if kind == 1:
        return (
            f'<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" role="dialog"><div class="ot-sdk-container">'
            f'<p id="onetrust-policy-text">{text}</p><button id="onetrust-accept-btn-handler">Accept All</button>'
            "<button>Reject All</button><button>Cookie Settings</button></div></div></div>"
        )
    return (
        f'<div class="cmp-overlay"><div class="cmp-dialog"><h2>Your privacy</h2><p>{text}</p>'
        '<a href="/privacy">Read our privacy policy</a><div class="cmp-buttons"><a class="btn">Agree</a>'
        '<a class="btn">Manage options</a></div></div></div>'
    )


def ad(rng: random.Random, style: int = 0) -> str:
    """An ad slot."""
    n = rng.randint(1, 99)
    if style == 1:
        return f'<div class="dfp-ad" id="div-gpt-ad-{n}" data-slot="mid{n}"><span class="label">Advertisement</span></div>'
    if style == 2:
        return f'<aside class="inline-ad"><p class="ad-label">ADVERTISEMENT</p><div id="taboola-mid-{n}"></div></aside>'
    return f'<div class="ad-slot ad-slot--mid" data-ad-unit="mid_{n}"><div class="ad-container"></div></div>'


def share_bar(cls: str = "share-bar") -> str:
    """Share buttons."""
    items = ("Facebook", "X", "LinkedIn", "WhatsApp", "Email", "Copy link")
    links = "".join(f'<li><a href="#" aria-label="Share on {i}">{i}</a></li>' for i in items)
    return f'<div class="{cls}"><span>Share this article</span><ul>{links}</ul></div>'


def related_rail(
    rng: random.Random, heading: str = "Most Read", cls: str = "rail", n: int = 8, teasers: bool = True
) -> str:
    """A rail of headline links, optionally with teaser sentences."""
    items = []
    for h in rng.sample(HEADLINES, n):
        teaser = f"<p>{esc(rng.choice(TEASERS))}</p>" if teasers and rng.random() < 0.6 else ""
        items.append(
            f'<li class="{cls}__item"><a href="/news/{slug(h)}"><img src="/img/{slug(h)[:12]}.jpg" alt="">'
            f"<h3>{esc(h)}</h3></a>{teaser}</li>"
        )
    return f'<aside class="{cls}"><h2>{heading}</h2><ul>{"".join(items)}</ul></aside>'


def newsletter(site: str, cls: str = "newsletter-signup") -> str:
    """A newsletter sign-up box."""
    return (
        f'<div class="{cls}"><h3>The Morning Brief</h3><p>Start every weekday with the stories {esc(site)} editors '
        "think you should read, plus the weather and one good thing. It takes five minutes.</p>"
        '<form><input type="email" placeholder="Your email address"><button>Sign up</button></form>'
        "<small>By signing up you agree to our terms and privacy policy.</small></div>"
    )


def comments(rng: random.Random, n: int = 5, style: int = 0) -> str:
    """A comment thread."""
    items = []
    for i in range(n):
        who, text = rng.choice(NAMES), rng.choice(COMMENTS)
        if style == 1:  # WordPress
            items.append(
                f'<li class="comment" id="comment-{i}"><article class="comment-body"><footer class="comment-meta">'
                f'<b class="fn">{who}</b> <time>December 1, 2026 at {i + 8}:15 am</time></footer>'
                f'<div class="comment-content"><p>{text}</p></div><a class="comment-reply-link" href="#">Reply</a>'
                "</article></li>"
            )
        else:
            items.append(
                f'<div class="c-item"><div class="c-head"><strong>{who}</strong> <span>{i + 1}h ago</span></div>'
                f'<div class="c-text"><p>{text}</p></div><div class="c-actions">Like · Reply</div></div>'
            )
    if style == 1:
        return (
            f'<div id="comments" class="comments-area"><h2 class="comments-title">{n} thoughts on this post</h2>'
            f'<ol class="comment-list">{"".join(items)}</ol><div id="respond"><h3>Leave a Reply</h3>'
            "<p>Your email address will not be published. Required fields are marked *</p></div></div>"
        )
    return f'<section class="talk"><h2>Conversation</h2>{"".join(items)}</section>'


def author_box(name: str, beat: str) -> str:
    """An author bio after the story."""
    return (
        f'<div class="author-card"><img src="/authors/{slug(name)}.jpg" alt=""><div><a href="/by/{slug(name)}">{name}</a>'
        f"<p>{name} is a staff reporter covering {beat}. Before joining the paper, {name.split()[0]} spent six years "
        "at a regional daily and a year as a freelance correspondent. Send tips by email.</p></div></div>"
    )


def footer(rng: random.Random, site: str) -> str:
    """A site footer with link columns, an about text and a copyright line."""
    cols = "".join(
        "<ul>" + "".join(f'<li><a href="/{t.lower()}">{t}</a></li>' for t in rng.sample(TOPICS, 10)) + "</ul>"
        for _ in range(4)
    )
    return (
        f'<footer class="site-footer"><div class="footer__links">{cols}</div>'
        f"<p>{esc(site)} is an independent newsroom serving readers across the region since 1921. Our journalism is "
        "supported by subscribers, members and advertisers, and our editorial decisions are our own.</p>"
        '<ul class="legal"><li><a href="/terms">Terms of Use</a></li><li><a href="/privacy">Privacy Policy</a></li>'
        '<li><a href="/privacy#settings">Privacy settings</a></li><li><a href="/contact">Contact us</a></li></ul>'
        f"<p>© 2026 {esc(site)}. All rights reserved.</p></footer>"
    )
