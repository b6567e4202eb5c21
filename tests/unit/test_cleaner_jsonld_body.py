"""A page rendered by script: its JSON-LD articleBody stands in for markup that holds no article."""

from __future__ import annotations

import json

from reader.cleaner import clean

PARAGRAPHS = [
    "The harbour board agreed on Tuesday to run an early ferry at twenty to six from January.",
    "Shift workers had asked for it for two years, saying the first boat left them late for work.",
    "The two late sailings will end, saving about four hundred thousand dollars a year in overtime.",
    "The board will publish figures for the new timetable after three months, and review it in spring.",
]


def script_page(body: str, free: bool | None = None) -> str:
    """A shell page whose article lives only in its JSON-LD."""
    data: dict[str, object] = {"@type": "NewsArticle", "headline": "Early ferry", "articleBody": body}
    if free is not None:
        data["isAccessibleForFree"] = free
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head>'
        '<body><div id="root"><nav><a href="/">Home</a></nav><p>Loading…</p></div></body></html>'
    )


def test_a_script_rendered_page_takes_its_text_from_the_json_ld_article_body() -> None:
    for body in ("\n\n".join(PARAGRAPHS), "".join(f"<p>{p}</p>" for p in PARAGRAPHS)):
        article = clean(script_page(body), "https://example.com/news/ferry")
        assert article.paragraphs == PARAGRAPHS
        assert article.is_article


def test_a_paywalled_page_does_not_show_the_text_it_hides() -> None:
    article = clean(script_page("\n\n".join(PARAGRAPHS), free=False), "https://example.com/news/ferry")
    assert not any(p in article.text for p in PARAGRAPHS)
