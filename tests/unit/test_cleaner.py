"""Tests for reader.cleaner: the MENAFN seed, hostile hand-written pages and junk input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cleaner import clean, strip_site_suffix
from reader.models import CleanedArticle

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
SEED = "000_84963a376bbc3276"


def seed_dir() -> Path:
    """The repo's seeds/ when the seed is there, else the shared copy beside the repo."""
    local = ROOT / "seeds"
    if (local / f"{SEED}.txt").exists() and (local / f"{SEED}.expected.json").exists():
        return local
    return ROOT.parent / "shared" / "seeds"


def page(name: str) -> CleanedArticle:
    """Clean one fixture page as if fetched from example.com."""
    return clean((PAGES / name).read_text(encoding="utf-8"), "https://example.com/news/story")


def everything(article: CleanedArticle) -> str:
    """All the text a reader could see: title, paragraphs and Markdown."""
    return "\n".join([article.title or "", *article.paragraphs, article.markdown])


@pytest.fixture(scope="module")
def seed() -> tuple[CleanedArticle, dict[str, object]]:
    folder = seed_dir()
    text = (folder / f"{SEED}.txt").read_text(encoding="utf-8")
    expected = json.loads((folder / f"{SEED}.expected.json").read_text(encoding="utf-8"))
    return clean(text), expected


def test_the_seed_title_comes_out_exact(seed: tuple[CleanedArticle, dict[str, object]]) -> None:
    article, expected = seed
    assert article.title == expected["title"]


def test_the_seed_paragraphs_come_out_exact_once_and_in_order(
    seed: tuple[CleanedArticle, dict[str, object]],
) -> None:
    article, expected = seed
    assert article.paragraphs == expected["paragraphs"]
    assert article.text == "\n\n".join(article.paragraphs)
    assert article.is_article


def test_the_seed_has_none_of_the_forbidden_lines(seed: tuple[CleanedArticle, dict[str, object]]) -> None:
    article, expected = seed
    forbidden = expected["must_not_contain"]
    assert isinstance(forbidden, list)
    lines = {line.strip() for line in everything(article).splitlines()}
    for banned in forbidden:
        assert banned not in lines
        if len(banned) > 3:
            assert banned not in everything(article)


def test_a_pr_wire_release_keeps_the_about_section_and_drops_related_links() -> None:
    article = page("prwire.html")
    body = everything(article)
    assert article.is_article
    assert article.title == "Acme Robotics Unveils Parcel Sorter"
    assert article.paragraphs[0].startswith("SPRINGFIELD, Ohio")
    assert any(p.startswith("Acme Robotics builds autonomous machines") for p in article.paragraphs)
    assert "Related Links" not in body
    assert "Acme Robots Catalogue" not in body
    assert "View original content" not in body
    assert "All rights reserved" not in body


def test_a_newswire_page_drops_the_syndication_notice_tags_and_legal_text() -> None:
    article = page("globenewswire.html")
    body = everything(article)
    assert article.is_article
    assert len([p for p in article.paragraphs if len(p.split()) > 20]) == 3
    assert "originally published" not in body
    assert "without warranty" not in body
    assert "Batteries" not in body
    assert article.published == "2025-02-14T08:30:00+00:00"
    assert article.canonical_url == "https://example.com/news/2025/02/14/nordic-battery.html"
    assert article.site == "Newswire Hub"


def test_a_news_page_loses_its_cookie_banner_share_bar_comments_and_sidebar() -> None:
    article = page("news_widgets.html")
    body = everything(article)
    assert article.title == "City Council Approves New Bike Lanes"
    assert len(article.paragraphs) == 3
    for junk in (
        "cookies",
        "Accept all",
        "Share on",
        "Follow us",
        "Comments",
        "Great news for cyclists",
        "Most popular",
        "Mayor resigns",
        "Getty Images",
        "By Maria Lopez",
    ):
        assert junk not in body


def test_a_body_printed_twice_comes_out_once() -> None:
    article = page("twice.html")
    assert len(article.paragraphs) == 3
    assert len(set(article.paragraphs)) == 3


def test_a_404_page_is_not_an_article() -> None:
    article = page("notfound.html")
    assert not article.is_article
    assert article.reason == "page not found"


def test_a_paywall_teaser_is_not_an_article() -> None:
    article = page("paywall.html")
    assert not article.is_article
    assert article.reason == "paywall"
    assert "Subscribe to continue reading" not in everything(article)


def test_scripts_iframes_and_javascript_links_never_reach_the_output() -> None:
    article = page("hostile.html")
    body = everything(article)
    for junk in ("INJECTED", "INLINE SCRIPT", "IFRAME FALLBACK", "NOSCRIPT", "javascript:", "alert"):
        assert junk not in body
    assert "click this" in article.paragraphs[0]
    assert "[a safe link](https://example.com/safe/path)" in article.markdown


def test_markdown_special_characters_are_escaped_but_paragraphs_stay_plain() -> None:
    article = page("hostile.html")
    assert r"\*stars\*" in article.markdown and r"\[brackets\]" in article.markdown
    assert "*stars*, _underscores_ and [brackets]" in article.paragraphs[-1]


def test_subheadings_lists_and_quotes_become_markdown_structure() -> None:
    article = page("structure.html")
    md = article.markdown
    assert "## The basics" in md
    assert "### Costs" in md
    link = "[heat and cool](https://energy.example/cop)"
    assert f"- They move heat rather than making it.\n- They can {link} a home." in md
    assert "> Heat pumps are the single most important technology" in md
    assert "How Heat Pumps Work" not in md
    assert "They can heat and cool a home." in article.paragraphs
    assert not any(p.startswith(("#", "-", ">")) for p in article.paragraphs)


def test_json_ld_metadata_is_read() -> None:
    article = page("jsonld.html")
    assert article.title == "Rare Bird Spotted in Park"
    assert article.byline == "Sam Rivera"
    assert article.published == "2025-04-01T09:15:00+02:00"
    assert article.site == "Nature Times"
    assert article.image == "https://naturetimes.example/bird.jpg"
    assert article.canonical_url == "https://naturetimes.example/rare-bird"
    assert "April 1, 2025" not in everything(article)
    assert len(article.paragraphs) == 3


def test_a_site_name_suffix_is_stripped_from_the_title() -> None:
    assert strip_site_suffix("Big News Today | The Daily Example", "The Daily Example") == "Big News Today"
    assert (
        strip_site_suffix("Big News Today - example.com", None, "https://www.example.com/a")
        == "Big News Today"
    )
    assert strip_site_suffix("Left - Right Politics", "Other Site") == "Left - Right Politics"


def test_plain_text_lines_become_paragraphs() -> None:
    text = "A Headline For The Story\n\n" + "\n".join(
        f"Paragraph number {n} tells the reader something new about the story and keeps going for a while."
        for n in range(3)
    )
    article = clean(text)
    assert article.title == "A Headline For The Story"
    assert len(article.paragraphs) == 3
    assert article.is_article


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02\xff\ufffd" * 500,
        bytes(range(256)).decode("latin-1") * 20,
        "<div>" * 20000 + "deep text" + "</div>" * 20000,
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<html><body>" + "<p>" * 5000 + "</body></html>",
        "<<<>>>&&&;;;<p",
        "\ud800 lone surrogate <p>text</p>",
    ],
)
def test_junk_input_never_raises_and_returns_an_article_value(junk: str) -> None:
    article = clean(junk)
    assert isinstance(article, CleanedArticle)
    assert article.text == "\n\n".join(article.paragraphs)


def test_empty_input_is_not_an_article() -> None:
    article = clean("")
    assert not article.is_article
    assert article.reason == "no article text"


def test_a_section_page_of_headlines_is_a_list_of_links() -> None:
    article = page("section.html")
    assert not article.is_article
    assert article.reason == "list of links"


def test_a_cookie_consent_wall_is_not_an_article() -> None:
    article = page("consent.html")
    assert not article.is_article
    assert article.reason == "consent wall"


def test_ordinary_sentences_that_mention_boilerplate_words_are_kept() -> None:
    lines = [
        "Copyright lawsuits against AI firms are mounting, and publishers say the courts will decide soon.",
        "The company takes no responsibility for the outage, its chief executive told reporters on Monday.",
        "Responses from the public were mixed, with many residents saying the plan came far too late.",
        "Related research from the same university found that the effect was twice as large in cities.",
    ]
    html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article></body></html>"
    article = clean(html)
    assert article.paragraphs == lines


def test_a_blog_post_drops_sharing_likes_comments_and_a_near_duplicate_paragraph() -> None:
    article = page("blog.html")
    body = everything(article)
    assert article.title == "My Trip to Lisbon"
    assert article.site == "Wanderblog"
    assert len(article.paragraphs) == 4
    assert article.paragraphs[2] == "Where to eat"
    assert "## Where to eat" in article.markdown
    for junk in ("Share this", "Click to share", "Like this", "Like Loading", "thoughts on", "Lovely post"):
        assert junk not in body


def test_captions_bylines_standfirsts_pull_quotes_and_author_boxes_are_dropped() -> None:
    article = page("captions_bylines.html")
    body = everything(article)
    assert article.title == "Harbour Ferry Returns After Repairs"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("The harbour ferry carried")
    for junk in (
        "leaves the north pier",
        "queue at the ticket office",
        "Nora Quinn",
        "14 March",
        "a month late",
    ):
        assert junk not in body
    assert sum(p.count("forty-minute detour") for p in article.paragraphs) == 1


def test_a_comment_thread_under_a_plain_heading_or_discussion_class_is_dropped() -> None:
    article = page("reader_comments.html")
    body = everything(article)
    assert len(article.paragraphs) == 3
    for junk in ("Reader reactions", "six years", "Splitting the plots", "playing field"):
        assert junk not in body


def test_link_only_lines_promos_and_credits_go_but_a_linked_list_in_the_body_stays() -> None:
    article = page("link_lines.html")
    body = everything(article)
    assert "Riverside Community Centre, 4 Mill Lane" in article.paragraphs
    assert article.paragraphs[-1].startswith("Free water will be available")
    for junk in ("Home", "Li Wen", "READ:", "can be reached", "contributed to this report"):
        assert junk not in body


def test_br_separated_label_lines_and_layout_table_cells_become_separate_blocks() -> None:
    article = page("br_lines.html")
    body = everything(article)
    assert article.is_article
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("The annual county fair opens")
    for junk in ("Sports", "Opinion", "By Staff Writer", "Back to top"):
        assert junk not in body


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        ("syn_prnewswire.html", ["View original content", "prnewswire.com"]),
        ("syn_globenewswire.html", ["Attachment", "Follow", "Contact Data", "media@northwind"]),
        ("syn_businesswire.html", ["Contacts", "Ellen Shaw", "Social Media Profiles"]),
        ("syn_accesswire.html", ["Contact Information", "Ellen Shaw", "SOURCE:"]),
        ("syn_einpresswire.html", ["Ellen Shaw", "+1 503", "email us here", "Legal Disclaimer", "as-is"]),
        ("syn_menafn.html", ["Legal Disclaimer", "as-is", "Most popular", "Gold edges"]),
    ],
)
def test_each_wire_service_loses_its_own_trailer_and_keeps_the_release(name: str, junk: list[str]) -> None:
    article = page(name)
    body = everything(article)
    assert article.is_article
    assert len(article.paragraphs) == 3
    assert article.paragraphs[-1].startswith("Northwind said the new battery")
    for line in junk:
        assert line not in body


def test_syndicators_are_recognised_by_host_or_by_their_dateline_tag() -> None:
    from reader.cleaning.syndicators import detect

    assert detect("https://www.prnewswire.com/news-releases/x.html", "") is not None
    assert detect(None, "OSLO, June 1, 2025 (GLOBE NEWSWIRE) -- Acme said") is not None
    rule = detect(None, "(MENAFN) The central bank held rates")
    assert rule is not None and rule.name == "MENAFN"
    assert detect("https://example.com/story", "An ordinary story about a newswire.") is None


def test_a_body_split_into_sibling_chunks_around_an_advert_comes_out_whole() -> None:
    article = page("split_body.html")
    assert len(article.paragraphs) == 4
    assert article.paragraphs[2].startswith("Third paragraph comes after the advert")
    assert "Advertisement" not in everything(article)
    assert "Teaser text" not in everything(article)


def test_the_lead_image_is_a_link_above_the_body_markdown_and_never_in_the_text() -> None:
    body = (
        "<p>"
        + "The harbour board met on Tuesday and agreed the new ferry timetable for winter. " * 3
        + "</p>"
    )
    for image, expected in (
        ("/img/lead one.jpg", "[Lead image](https://example.com/img/lead%20one.jpg)\n\n"),
        ("javascript:alert(1)", ""),
    ):
        html = (
            f'<html><head><meta property="og:image" content="{image}"></head><body><article>{body}</article>'
        )
        article = clean(html + "</body></html>", "https://example.com/news/ferry")
        assert article.markdown.startswith(expected + "The harbour board")
        assert "Lead image" not in article.text


def test_a_one_paragraph_story_on_a_page_whose_footer_names_cookies_is_an_article() -> None:
    story = (
        "The station welcomed a decorated nurse into its studio on Friday, where she was given a tour, "
        "a signed guitar and a standing ovation from the morning crew and their guests."
    )
    footer = (
        "<footer><a href='/privacy'>Privacy settings</a> <a href='/cookies'>Cookie policy</a> "
        "<p>We use cookies to improve your visit. Manage consent in your privacy settings.</p></footer>"
    )
    page_html = f"<html><body><div><h1>A hero in the studio</h1><p>{story}</p></div>{footer}</body></html>"
    article = clean(page_html)
    assert article.is_article, article.reason
    assert article.text == story


def test_soft_hyphens_and_zero_width_spaces_leave_words_whole() -> None:
    html = (
        "<html><body><article><h1>Market day</h1><p>Auch in die\u00adsem Jahr wol\u00adlen wir Sie auf "
        "den his\u200btorischen Markt ent\u00adfüh\u00adren, mit Brot, Butter und Drechslern aus der "
        "ganzen Region, die ihr Handwerk zeigen und erklären.</p></article></body></html>"
    )
    text = clean(html).text
    assert "diesem Jahr wollen wir" in text and "historischen Markt entführen" in text


def test_a_complete_news_brief_on_a_page_with_a_paywall_offer_link_is_an_article() -> None:
    brief = (
        "Frankfurt (dpa) - A novel about the old federal republic has won this year's German Book "
        "Prize. The jury praised its daring form and its humour, and the author said he had not "
        "expected to be chosen. The prize is worth 25,000 euros and is awarded at the opening of the "
        "book fair, where the shortlisted authors read from their work on the first evening."
    )
    offer = '<a class="offers-counter nfyc-paywall-add-redirect" href="/offers">Subscribe</a>'
    html = f"<html><body>{offer}<article><h1>Book prize awarded</h1><p>{brief}</p></article></body></html>"
    article = clean(html)
    assert article.is_article, article.reason


@pytest.mark.parametrize(
    ("title", "error"),
    [
        ("404 - Example News", True),
        ("Error 404: page not found", True),
        ("Not Found", True),
        ("The 404 1,310: Where it's love at first swipe (podcast)", False),
        ("Missing hiker not found after three-day search", False),
        ("404 Not Found", True),
        ("The 404 page turns 30 and is still everywhere", False),
        ("Highway 410 gone to one lane for winter repairs", False),
        ("Not found: the lost letters of a county poet", False),
    ],
)
def test_only_a_title_that_names_an_error_page_makes_a_short_page_not_found(title: str, error: bool) -> None:
    body = (
        "Today we talk to the people who run the county's search teams, who say that most calls come "
        "in the last hour of daylight and that a charged phone is still the best thing to carry."
    )
    head = f"<head><title>{title}</title></head>"
    article = clean(f"<html>{head}<body><article><p>{body}</p></article></body></html>")
    assert (article.reason == "page not found") is error


def test_a_zero_width_space_between_thai_words_is_left_as_their_separator() -> None:
    thai = "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e\u200b\u0e21\u0e2b\u0e32\u0e19\u0e04\u0e23"
    sentence = f"<p>{thai} is the name, and the city of many rivers is known by it across the region.</p>"
    text = clean(f"<html><body><article><h1>City names</h1>{sentence}</article></body></html>").text
    assert thai in text
