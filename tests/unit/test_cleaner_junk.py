"""Kinds of page junk the cleaner drops, and the body text next to them that it keeps."""

from __future__ import annotations

import pytest

from reader.cleaner import clean

BODY = [
    "The county board voted on Tuesday to extend the library's weekend hours after a year in which "
    "visits rose by a third, the first increase since the branch opened in 1998.",
    "Librarians said the busiest times were Saturday mornings, when families came for the children's "
    "readings, and Sunday afternoons, when students filled every table in the reading room.",
    "The longer hours will cost about forty thousand dollars a year, which the board will take from a "
    "fund set aside for building repairs that came in under budget.",
]


def page(body: str, head: str = "", before: str = "", after: str = "") -> str:
    """A small article page: the given markup around BODY, with an author and a headline."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        '<html><head><title>Library extends hours</title><meta name="author" content="Jane Doe">'
        f"{head}</head>"
        f"<body><article><h1>Library extends weekend hours</h1>{before}"
        f"<div>{body.replace('{body}', paragraphs)}</div>{after}</article></body></html>"
    )


def text(html: str) -> str:
    return clean(html, "https://example.com/news/library").text


SIGN_UP_BOX = (  # no class names to go by: the e-mail field gives it away
    '<div class="mt-10 rounded-2xl p-6"><p>Get the Library newsletter</p><p>Every Thursday: new '
    "books, events and opening hours, in five minutes.</p>"
    '<form><input type="email"><button>Go</button></form></div>'
)
STORY_CARD = (  # a link wrapping blocks: all of it is link text
    '<div class="embed-card"><a href="/news/archive"><div>Volunteers keep a village archive alive</div>'
    "<p>A team of retirees has catalogued twelve thousand photographs in a church hall.</p></a></div>"
)


@pytest.mark.parametrize(
    ("widget", "phrases"),
    [(SIGN_UP_BOX, ("Every Thursday", "newsletter")), (STORY_CARD, ("Volunteers keep", "church hall"))],
    ids=["sign-up box", "story card"],
)
def test_a_widget_after_the_body_goes_whole(widget: str, phrases: tuple[str, ...]) -> None:
    out = text(page("{body}" + widget))
    assert not any(phrase in out for phrase in phrases)
    assert all(p in out for p in BODY)


def test_components_named_in_data_attributes_are_matched_as_junk_but_not_as_headers() -> None:
    related = '<div data-component="related-links"><p>Five libraries worth the trip, ranked.</p></div>'
    subhead = '<div data-component="subheadline-block"><h2>What changes on Saturday</h2></div>'
    after = "<p>On Saturdays the doors will open at nine and close at six, with the reading room open.</p>"
    out = text(page("{body}" + related + subhead + after))
    assert "Five libraries" not in out
    assert "What changes on Saturday" in out


def test_more_on_this_story_and_other_stories_headings_take_their_links_with_them() -> None:
    rail = (
        '<h2>More on this story</h2><ul><li><a href="/a">Council backs library budget</a></li></ul>'
        '<p><b>Other stories in Community:</b><br><a href="/b">Bake sale raises record sum</a></p>'
    )
    out = text(page("{body}" + rail))
    assert "More on this story" not in out and "Council backs" not in out
    assert "Other stories" not in out and "Bake sale" not in out


def test_tip_lines_edit_notes_and_credit_captions_are_dropped() -> None:
    junk = (
        "<p>Got a story? Email us at news@example.com or call 0800 000 000</p>"
        "<p><em>This interview has been edited and condensed for clarity.</em></p>"
    )
    caption = "<p>Readers in the main hall on Saturday. (Photo: Staff photographer)</p>"
    out = text(page(caption + "{body}" + junk))
    assert "Got a story" not in out and "condensed" not in out and "Photo:" not in out
    assert all(p in out for p in BODY)


def test_a_line_opening_with_the_byline_and_the_standfirst_above_it_are_dropped() -> None:
    before = (
        "<p>The branch will open until six on Saturdays and Sundays from next month.</p>"
        "<p>Jane Doe · Dec 1, 2026 · 4 min read</p>"
    )
    out = text(page("{body}", before=before))
    assert "Jane Doe" not in out and "from next month" not in out
    assert out.startswith(BODY[0])


def test_a_closing_note_about_the_author_is_dropped_but_a_paragraph_naming_her_is_kept() -> None:
    note = "<p>Jane Doe writes about libraries, schools and the people who run them.</p>"
    quote = f"<p>Jane Doe is the branch's longest-serving volunteer, and {BODY[1]}</p>"
    out = text(page(quote + "{body}" + note))
    assert "writes about libraries" not in out
    assert "longest-serving volunteer" in out


def test_short_blocks_with_a_meta_class_are_dropped() -> None:
    meta = '<div class="node__meta">Jane Doe Tue, 12/01/2026 - 09:30</div>'
    out = text(page("{body}", before=meta))
    assert "12/01/2026" not in out
    assert all(p in out for p in BODY)


def test_the_substring_hints_never_hide_a_legal_or_cookie_line() -> None:
    from reader.cleaning.blocks import Block
    from reader.cleaning.filtering import is_boilerplate

    lines = [
        "The company provides this information on an as is basis and makes no promises about it.",
        "All content on this page is offered without warranty of any kind, express or implied.",
        "The publisher takes no responsibility for the content of the release printed above here.",
        "The newswire does not accept any liability for errors or omissions in the text above.",
        "This article was originally syndicated by a partner agency and is reprinted here today.",
        "This story originally appeared on the partner site and is shared with their permission.",
        "© 2026 The Example Company and its licensors, who keep every one of their rights.",
        "Copyright 2026 The Example Company. Every one of our rights is kept by us, always.",
        "The material on this page may not be republished without the written permission.",
        "View original content to download the multimedia files that came with this release:",
        "The opinions expressed in this column by its author do not reflect the paper's views.",
        "We use cookies to improve your experience on the site and to show you relevant ads.",
        "By continuing to use this site you agree to the terms set out in our privacy policy.",
        "You can manage your privacy settings at any time from the link at the foot of the page.",
    ]
    for line in lines:
        assert is_boilerplate(Block("p", line, line)), line


def test_an_italic_paragraph_right_under_an_image_is_a_caption() -> None:
    figure = '<p><img src="/a.jpg"></p><p><em>Readers in the main hall on the first Saturday.</em></p>'
    aside = "<p><em>This is an italic aside in the text, not a caption, and it stays where it is.</em></p>"
    out = text(page(figure + "{body}" + aside))
    assert "main hall" not in out
    assert "italic aside" in out


def test_a_lead_paragraph_in_the_story_header_or_before_the_body_container_is_kept() -> None:
    lead = (
        "The library will open on Saturday and Sunday afternoons from next month, after the county board "
        "agreed to pay for the extra hours from a repairs fund that came in under budget."
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    for header in ("article-header", "story-top"):
        html = (
            '<html><head><meta name="author" content="Jane Doe"></head><body><main>'
            f'<div class="{header}"><h1>Library extends weekend hours</h1><p class="intro">{lead}</p>'
            '<p>By Jane Doe</p></div><div class="article-body">' + paragraphs + "</div></main></body></html>"
        )
        out = text(html)
        assert out.startswith(lead), header
        assert "By Jane Doe" not in out


def test_a_headline_run_together_with_its_byline_and_wordless_rules_are_dropped() -> None:
    glued = "<div><span>Library extends weekend hours</span><span>Jane Doe · 1 December 2026</span></div>"
    out = text(page("{body}<p>___</p><p>* * *</p>", before=glued))
    assert "Jane Doe" not in out and "___" not in out and "* * *" not in out
    assert out.startswith(BODY[0])


def test_a_short_first_paragraph_above_a_mere_date_line_is_kept() -> None:
    lead = "<p>The branch will open until six on Saturdays and Sundays from next month.</p>"
    out = text(page("{body}", before=lead + "<p>Updated 3:45 p.m.</p>"))
    assert "from next month" in out and "Updated" not in out


def test_body_sentences_that_sound_like_boilerplate_are_kept() -> None:
    study = (
        "<p>The survey, originally published in French in 2019, found the branch busiest on Saturdays.</p>"
    )
    names = "<p>The board said the names of the donors may not be published until the spring meeting.</p>"
    section = (
        "<h2>Discussion</h2><p>Librarians will meet parents in January to plan the reading sessions.</p>"
    )
    out = text(page("{body}" + study + names + section))
    assert "originally published in French" in out
    assert "may not be published" in out
    assert "Discussion" in out and "plan the reading sessions" in out


def test_service_notes_and_reading_habits_in_the_body_are_not_prompts() -> None:
    alerts = "<p>Residents can sign up for the county's email updates about road works at its website.</p>"
    habit = "<p>She stopped on the steps to continue reading the letter her brother had sent from abroad.</p>"
    prompts = (
        "<p>Sign up for the Morning Brief newsletter.</p><p>Log in or subscribe to continue reading.</p>"
    )
    out = text(page("{body}" + alerts + habit + prompts))
    assert "email updates about road works" in out and "to continue reading the letter" in out
    assert "Morning Brief" not in out and "subscribe to continue" not in out


def test_a_comment_form_without_class_names_leaves_nothing_behind() -> None:
    form = (
        "<h3>Write a comment</h3>"
        "<p>Your email address will not be published. Required fields are marked *</p>"
        "<p>Save my name, email, and website in this browser for the next time I comment.</p>"
        "<p>Notify me of follow-up comments by email.</p>"
        "<p>This site uses Akismet to reduce spam. Learn how your comment data is processed.</p>"
        "<p>You can keep up with me on Twitter.</p>"
    )
    out = text(page("{body}" + form))
    assert out == "\n\n".join(BODY)


def test_a_contents_list_of_page_anchors_goes_with_its_label_and_the_subheadings_stay() -> None:
    toc = (
        '<div class="toc"><p>In this guide</p><ol><li><a href="#a">Opening hours</a></li>'
        '<li><a href="#b">Reading room</a></li></ol></div>'
    )
    sections = f"<h2>Opening hours</h2><p>{BODY[0]}</p><h2>Reading room</h2><p>{BODY[1]}</p>"
    out = text(page(toc + sections))
    assert out.startswith("Opening hours\n\n" + BODY[0])
    assert "In this guide" not in out and "Reading room\n\n" + BODY[1] in out


def test_live_blog_timestamps_credits_and_views_lines_are_dropped() -> None:
    blocks = (
        f"<time>9:12 p.m.</time><p>{BODY[0]}</p><span>4:05 PM BST</span><p>{BODY[1]}</p><p>2 hours ago</p>"
        f"<p>{BODY[2]}</p><p><em>The views expressed here are the author's own.</em></p>"
        "<h2>Credits</h2><p>This episode was produced by Lena Fox and edited by Tom Okafor.</p>"
    )
    assert text(page(blocks)) == "\n\n".join(BODY)


def test_a_list_of_links_ending_the_body_is_dropped_but_one_inside_it_stays() -> None:
    inner = '<ul><li><a href="/rules">The new opening rules</a></li><li><a href="/map">A map</a></li></ul>'
    related = (
        '<ul><li><a href="/x">Bake sale raises record</a></li><li><a href="/y">Choir is back</a></li></ul>'
    )
    out = text(page(f"<p>{BODY[0]}</p>{inner}<p>{BODY[1]}</p>{related}"))
    assert "The new opening rules" in out and "A map" in out
    assert "Bake sale" not in out and "Choir is back" not in out


def test_wire_captions_gallery_slides_and_counters_are_dropped() -> None:
    junk = (
        '<div class="photo"><img src="/a.jpg"><p>FILE - Readers queue at the branch, Oct. 3, 2026. '
        "(AP Photo/Maria Ortiz, File)</p></div>"
        '<div class="gallery"><img src="/b.jpg"><p>The reading room was repainted in summer.</p></div>'
        "<p>3 of 12</p>"
    )
    assert text(page(junk + "{body}")) == "\n\n".join(BODY)


def test_asides_about_the_author_sections_and_affiliate_notes_are_dropped() -> None:
    aside = "<aside><h4>Related coverage</h4><p>The team has been preparing since January.</p></aside>"
    bio = (
        "<h3>About the author</h3><p>Jane Doe has covered libraries and schools in the county for a decade "
        "and lives by the river.</p>"
    )
    note = "<p>We may earn a commission when you buy through links on our site.</p>"
    assert text(page(note + "{body}" + aside + bio)) == "\n\n".join(BODY)


def test_a_breadcrumb_list_before_the_story_is_dropped() -> None:
    crumbs = '<ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ol>'
    assert text(page("{body}", before=crumbs)) == "\n\n".join(BODY)


def test_a_read_next_section_takes_its_cards_teasers_with_it() -> None:
    section = (
        '<h2>Read next</h2><p><a href="/a">Council backs the library budget</a></p>'
        "<p>Members voted seven to two after a long debate about the reserves.</p>"
        '<p><a href="/b">Bake sale raises a record sum</a></p><p>The hall was full by ten o\'clock.</p>'
    )
    assert text(page("{body}" + section)) == "\n\n".join(BODY)


def test_tip_lines_follow_lines_and_republishing_notes_are_dropped() -> None:
    junk = (
        "<p>Have a tip? Send it to news@example.com.</p><p>Follow Jane Doe on Twitter @janedoe.</p>"
        "<p>This article is republished from The Example Review under a Creative Commons license. "
        "Read the original article.</p>"
    )
    assert text(page("{body}" + junk)) == "\n\n".join(BODY)


def test_a_short_paragraph_after_an_inline_read_more_link_is_body() -> None:
    promo = '<p><strong>Read more:</strong></p><p><a href="/a">Council backs the library budget</a></p>'
    short = "<p>The new hours start on the first Saturday of next month.</p>"
    out = text(page(f"<p>{BODY[0]}</p>{promo}{short}<p>{BODY[1]}</p><p>{BODY[2]}</p>"))
    assert "first Saturday of next month" in out and "Council backs" not in out


def test_widget_crumbs_ending_the_body_are_dropped_but_a_contact_line_stays() -> None:
    crumbs = "<p>Kudos</p><p>861</p><p>CONTRIBUTE</p><p>TO THIS STORY</p>"
    assert text(page("{body}" + crumbs)) == "\n\n".join(BODY)
    contact = "<p>Media contact: Jordan Lee</p>"
    assert text(page("{body}" + contact)).endswith("Media contact: Jordan Lee")


@pytest.mark.parametrize(
    "junk",
    [
        "Reuters",
        "AP",
        "Loading...",
        "Play Video",
        "Original Print Headline: More hours",
        "Related News On The Daily Example:",
        "Submit your question or comment here: 0 of 1500 characters",
        '"Questions? Comments? Email us at',
    ],
)
def test_agency_credits_loaders_and_comment_prompts_between_paragraphs_are_dropped(junk: str) -> None:
    out = text(page(f"<p>{BODY[0]}</p><p>{junk}</p><p>{BODY[1]}</p><p>{BODY[2]}</p>"))
    assert out == "\n\n".join(BODY)


def test_the_words_of_a_javascript_popup_link_stay_in_the_sentence() -> None:
    note = (
        '<p>I am a <a href="javascript:void(0);" onclick="return overlib(\'A note.\')" class="popup">'
        "rather elderly</a> man, said the clerk, who has worked in the building for thirty years.</p>"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    headline = "<h1>Library extends weekend hours</h1>"
    plain = f'<html><body><div id="wrap">{headline}{paragraphs}{note}</div></body></html>'
    out = clean(plain, "https://example.com/news/library")  # no article markup: readability finds the body
    assert "I am a rather elderly man, said the clerk" in out.text
    assert "javascript" not in out.markdown
    whole = '<p><a href="javascript:void(0);" class="popup">Ah Bartleby! Ah humanity</a>!</p>'
    plain = plain.replace("</div>", whole + "</div>")
    assert clean(plain, "https://example.com/news/library").text.endswith("Ah Bartleby! Ah humanity!")


def test_a_class_naming_what_the_element_lacks_does_not_make_it_a_caption() -> None:
    lead = (
        '<div class="list-item no_caption"><h2>The county will keep its libraries open on Sunday '
        'afternoons from next month, the board decided after a long debate.</h2><img src="/a.jpg"></div>'
    )
    assert "Sunday afternoons from next month" in text(page(lead + "{body}"))


def test_a_run_of_short_lines_opening_the_body_is_content_not_labels() -> None:
    recipe = "<p>Makes: 40 biscuits<br>300 g flour<br>200 g sugar<br>100 g ground almonds<br>1 egg</p>"
    out = text(page(recipe + "{body}"))
    assert "200 g sugar" in out and "Makes: 40 biscuits" in out


def test_a_story_section_named_for_the_ads_it_hosts_is_kept_but_an_ad_slot_is_not() -> None:
    more = (
        "The board will review the hours again next autumn, when the first year of figures is in. "
        "Members said they expected the Sunday openings to prove the most popular of all."
    )
    paragraphs = f"<p>{BODY[1]}</p><p>{BODY[2]}</p><p>{more}</p>"
    section = f'<section class="Report__Section Report__Section--Ads has-ads">{paragraphs}</section>'
    slot = '<div class="ads"><p>Advertise with us: reach readers across the county every day.</p></div>'
    out = text(page(f"<p>{BODY[0]}</p>{slot}{section}"))
    assert BODY[1] in out and "next autumn" in out
    assert "Advertise with us" not in out


@pytest.mark.parametrize(
    "junk",
    [
        "Keywords: library, opening hours, county board",
        "Permalink https://example.com/p/18l3T",
        "Feedback: Send us an e-mail. Please include your name and country in your reply.",
        "Our Standards: The Example Trust Principles.",
        "Print Print this page",
        "(grh)",
        "Pages: 1 2 3 4",
        "Page 2 of 3",
        "Subscribe to: Post Comments (Atom)",
        "Library extends weekend hours was last modified: January 8th, 2026 by Jane Doe",
    ],
)
def test_publisher_footer_lines_are_dropped(junk: str) -> None:
    assert text(page("{body}" + f"<p>{junk}</p>")) == "\n\n".join(BODY)


def test_an_email_address_given_as_its_own_paragraph_is_kept() -> None:
    address = '<p><a href="mailto:hours@library.example">hours@library.example</a></p>'
    nav = '<p><a href="mailto:web@library.example">Contact us</a></p>'
    intro = "<p>Comments on the new hours can be sent to:</p>"
    out = text(page(f"<p>{BODY[0]}</p>{intro}{address}{nav}<p>{BODY[1]}</p>"))
    assert "hours@library.example" in out and "Contact us" not in out


def test_a_page_with_main_but_no_article_markup_keeps_all_of_main() -> None:
    items = "".join(
        f'<li class="feature"><h3>{name}</h3>{what} <a href="/{name}">Learn more about {name}</a></li>'
        for name, what in [
            ("Page Inspector", "Examine the markup and the styles of any page and change its layout live."),
            ("Web Console", "See what a page logs and talk to it in script while it runs."),
            ("Network Monitor", "See every request a page makes, how long each takes and what it carries."),
        ]
    )
    html = (
        '<html><body><nav><a href="/">Home</a></nav><main><section><h2>Tools for building the web</h2>'
        f"<p>{BODY[0]}</p></section><section><h2>More tools</h2><ul>{items}</ul></section></main>"
        "<p>Site footer with a sentence long enough to look like prose to a reader.</p></body></html>"
    )
    out = clean(html).text
    assert BODY[0] in out and "how long each takes" in out and "logs and talk to it" in out


def test_a_listen_on_line_of_player_links_is_dropped() -> None:
    assert text(page("<p>Listen on: Apple Podcasts | Spotify | RSS</p>{body}")) == "\n\n".join(BODY)


def test_paragraphs_a_metered_site_marks_with_a_paywall_class_are_the_story() -> None:
    metered = "".join(f'<p class="paywall">{p}</p>' for p in BODY[1:])
    out = text(page(f"<p>{BODY[0]}</p>{metered}"))
    assert out == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "junk",
    [
        "Your data is managed in accordance with our privacy policy",
        "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
    ],
)
def test_sign_up_box_fine_print_is_dropped(junk: str) -> None:
    out = text(page(f"<p>{BODY[0]}</p><p>{junk}</p><p>{BODY[1]}</p><p>{BODY[2]}</p>"))
    assert out == "\n\n".join(BODY)


@pytest.mark.parametrize(
    ("heading", "after"),
    [
        ("Ähnliche Beiträge", '<ul><li><a href="/a">Bibliothek öffnet sonntags</a></li></ul>'),
        ("Gefällt mir:", "<p>Gefällt mir Lade...</p>"),
        ("Articles similaires", '<ul><li><a href="/b">La bibliothèque ouvre le dimanche</a></li></ul>'),
    ],
)
def test_widget_lists_labelled_in_german_or_french_go_and_the_story_after_them_stays(
    heading: str, after: str
) -> None:
    out = text(page(f"<p>{BODY[0]}</p><h3>{heading}</h3>{after}<p>{BODY[1]}</p><p>{BODY[2]}</p>"))
    assert out == "\n\n".join(BODY)


@pytest.mark.parametrize(
    ("heading", "comment"),
    [
        (
            "Kommentare",
            "Anna: Endlich! Das war lange überfällig, danke an alle, die sich dafür eingesetzt haben.",
        ),
        ("Comentarios", "Luis: Muy buena noticia para las familias del barrio, que llevan años pidiéndolo."),
    ],
)
def test_comment_sections_labelled_in_german_or_spanish_end_the_article(heading: str, comment: str) -> None:
    assert text(page("{body}" + f"<h3>{heading}</h3><p>{comment}</p>")) == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "sentence",
    [
        "Keywords such as refund and urgent were flagged by the bank's filters, investigators said.",
        "Permalink rot, where old web addresses stop working, is a growing problem for historians.",
        '"Send us a message," the kidnappers wrote in the note they left at the farm.',
        "Your data will be used to train AI, the new privacy policy says.",
        "By subscribing to the service, customers agree to pay ten dollars a month, the filing says.",
        "Questions, comments and complaints poured in after the announcement, officials said.",
        "Only 2 of 10 characters in the film are women, the study found.",
        "More news from the summit is expected on Friday.",
        "Related stories from the archive were removed.",
        "Follow on-screen prompts to reset your password, the company told users.",
    ],
)
def test_body_sentences_that_open_like_widget_lines_are_kept(sentence: str) -> None:
    out = text(page(f"<p>{BODY[0]}</p><p>{sentence}</p><p>{BODY[1]}</p><p>{BODY[2]}</p>"))
    assert sentence in out


def test_short_lines_that_count_things_stay_before_the_story_and_a_closing_list_stays() -> None:
    ranked = "<p>Busiest branches:</p><ol><li>Central</li><li>Riverside</li><li>Hillcrest</li></ol>"
    assert "Riverside" in text(page("{body}" + ranked))
    ingredients = "<p>300 g flour</p><p>200 g sugar</p><p>1 egg</p>"
    assert "200 g sugar" in text(page(ingredients + "{body}"))
    labels = "<p>NEWS PROVIDED BY</p><p>Acme Library Trust</p><p>Community news</p><p>Libraries</p>"
    assert text(page(labels + "{body}")) == "\n\n".join(BODY)


def test_toolbar_links_and_advertorials_still_go() -> None:
    toolbar = (
        '<div><a href="javascript:void(0)">Smaller text</a> <a href="javascript:void(0)">Larger text</a> '
        '<a href="javascript:window.print()">Print article</a></div>'
    )
    advertorial = '<div class="sponsored"><p>' + " ".join(BODY) + "</p></div>"
    nav = '<p><a href="/">Home</a> <a href="/jobs">Jobs</a> <a href="mailto:w@x.example">w@x.example</a></p>'
    out = text(page(toolbar + "{body}" + advertorial + nav))
    assert "Larger text" not in out and "w@x.example" not in out
    assert out.count(BODY[0]) == 1


def test_cleaning_keeps_no_piece_of_the_page_alive_afterwards() -> None:
    import gc

    paragraphs = "".join(
        f"<p>Paragraph {i} of the story, long enough to read as prose here.</p>" for i in range(20)
    )
    for i in range(3):  # a component name seen once goes into a cache; it must not hold the page
        widget = f'<div data-testid="related-{i}">x</div>'
        clean(f"<html><body><article><h1>T</h1>{paragraphs}{widget}</article></body></html>")
    gc.collect()
    assert not [o for o in gc.get_objects() if type(o).__name__ == "_ElementUnicodeResult"]
