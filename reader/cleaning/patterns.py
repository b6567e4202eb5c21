"""Generic English boilerplate phrases, as regular expressions, with the longest block each may match."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Headings that open a section which is not the article: (pattern, kind).
# kind "end" drops the heading and everything after it; "list" drops the heading and the run of
# short or link-heavy blocks after it; "one" drops the heading and the block after it.
TAIL_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"(\d+\s+)?comments?(\s*\(\d+\))?|\d+\s+(responses?|replies)|no comments?( yet)?|"
            r"(\d+|one|two|three) (thoughts?|responses?|comments?|replies) (on|to) .+|"
            r"(leave|post|add|write|submit) (a|your) (comment|reply|response)|"
            r"join the (conversation|discussion)|"
            r"(reader|readers'?|your|user) (comments|reactions|responses|views)|"
            r"have your say|what (do )?(you|readers) (think|say)|discussions? \(\d+\)",
            _I,
        ),
        "end",
    ),
    (
        re.compile(
            r"(legal )?disclaimer|(legal|editorial) notice|terms of use|(episode |show )?credits|"
            r"about the (author|writer|reporter)s?",
            _I,
        ),
        "one",
    ),
    (
        re.compile(
            r"(most|more) (popular|read|viewed|shared|commented)( \w+)?|"
            r"related( \w+)?|read (more|next|also)|more (stories|news|articles|posts|videos|from [\w .&'-]+)|"
            r"you (may|might|could) also (like|enjoy|be interested in)|also (read|see|on [\w .]+)|"
            r"recommended( for you| \w+)?|trending( now| \w+)?|popular( now| \w+)?|"
            r"(latest|top|recent|featured|similar) (news|stories|articles|posts|headlines|videos)|"
            r"see also|further reading|editor'?s'? picks?|don'?t miss|what to read next|up next|"
            r"more on (this|the|these) (story|stories|topics?|subjects?)|"
            r"other (stories|articles|news|posts|headlines)( (in|from|on|about) [\w .&'-]+)?|"
            r"share (this|the)( \w+)?|share|tags?|topics?|keywords|categories|filed under|"
            r"(sign up|subscribe)( \w+){0,5}|newsletters?|follow us( on [\w ]+)?|"
            r"like this|sponsored( \w+)?|around the web|from (our|the) partners?|advertisement|"
            r"press releases?|in other news|elsewhere on [\w .]+",
            _I,
        ),
        "list",
    ),
]

# The same sections as blogging platforms label them in German, French and Spanish (syndicated news
# comes from every country): comments end the article; related, share, like and tag rows are lists.
TAIL_HEADINGS += [
    (
        re.compile(
            r"(\d+\s+)?(kommentare|commentaires|comentarios)(\s*\(\d+\))?|"
            r"(schreibe|hinterlasse) einen kommentar|kommentar (schreiben|verfassen|hinzufügen)|"
            r"laisser un commentaire|(deja|dejar) un comentario",
            _I,
        ),
        "end",
    ),
    (
        re.compile(
            r"(ähnliche|verwandte|weitere) (beiträge|artikel|themen)|mehr zum thema|"
            r"das könnte (dich|sie) auch interessieren|articles? (similaires|liés)|sur le même sujet|"
            r"(à )?lire aussi|(artículos|noticias) relacionad[oa]s|relacionad[oa]s|"
            r"gefällt mir|teilen mit|diesen beitrag teilen|partager( cet article)?|compartir( esto)?|"
            r"j'aime ceci|me gusta esto|schlagw(orte|örter)|mots-clés|etiquetas",
            _I,
        ),
        "list",
    ),
]

# Single blocks that are boilerplate, with the most words a matching block may have.
BOILERPLATE: list[tuple[re.Pattern[str], int]] = [
    # Error banners.
    (re.compile(r"^\W*(error\W*)?[45]\d\d\W*$", _I), 3),
    (re.compile(r"^\W*(sorry|oops|whoops|error)\W*$", _I), 2),
    (re.compile(r"^\W*(sorry|oops|whoops|error)\b.*\b(page|error|not found|went wrong|exist)", _I), 25),
    (
        re.compile(
            r"page (you|that you) (were|are|was) looking for|page you requested|"
            r"(page|article|story|content) (was |could not be |cannot be |can'?t be )?not (be )?found|"
            r"(page|article|story) (does not|doesn'?t|no longer) exists?|page (is )?no longer available",
            _I,
        ),
        30,
    ),
    # Legal disclaimers and syndication notices.
    (
        re.compile(
            r"provides? (the|this) information .{0,12}as is|without warranty of any kind|"
            r"\b(we|publishers?|authors?|site|newswire|providers?) (accept|assume|take)s? no "
            r"(responsibility|liability)|"
            r"do(es)? not (accept|assume|take) any (responsibility|liability)|"
            r"this (content|article|story|post) (was|has been) "
            r"(originally )?(published|distributed|produced|provided|syndicated)|"
            r"(^\W*|\b(this|the) (content|article|story|post|piece|column|report) (was |has been |is )?)"
            r"originally (published|appeared|posted) (on|in|at|by)|"
            r"\b(is |was )?republished (here )?(from|with (the )?permission)|"
            r"under a creative commons licen[cs]e|"
            r"^\W*(©|\(c\)|copyright\s*(©|\(c\)|\d{4}))|all rights reserved|"
            r"\b(material|content|article|story|report|text|work|page|site)s? (may|must) not be "
            r"(re)?(published|broadcast|rewritten|redistributed|reproduced)|"
            r"^view (the )?original (content|press release|release|article|story)|^view source version|"
            r"opinions expressed .{0,60}(do not|don'?t) (necessarily )?reflect",
            _I,
        ),
        120,
    ),
    # Cookie and consent prompts.
    (
        re.compile(
            r"we use cookies|(this|our) (web)?site uses cookies|(accept|reject|allow) (all )?cookies|"
            r"cookie (policy|settings|preferences|consent)|by (continuing to (use|browse)|using) (this|our) "
            r"(site|website)|manage (your )?(consent|privacy|cookie) (settings|preferences|choices)|"
            r"^(accept|accept all|reject all|agree|i agree|got it|ok|manage (options|preferences))$",
            _I,
        ),
        70,
    ),
    # Newsletter and subscription prompts.
    (
        re.compile(
            r"(sign up|subscribe|register) (for|to) (our|my)\b.{0,40}\b(newsletters?|emails?|updates)|"
            r"(sign up|subscribe|register) (for|to) the\b.{0,40}\bnewsletters?|"
            r"enter your e-?mail|(delivered|straight|direct(ly)?) to your inbox|"
            r"^get (our|the)\b.{0,30}\bnewsletter|"
            r"\byour (data|information|details) (is|are|will be) (managed|handled|processed|used)\b.{0,30}"
            r"\bour privacy (policy|notice)|"
            r"^\W*by (signing up|subscribing|clicking|submitting)\b.{0,40}\byou (agree|accept|consent)\b"
            r".{0,40}\bour\b",
            _I,
        ),
        40,
    ),
    # Paywall prompts.
    (
        re.compile(
            r"subscribe( now| today)? to (continue|keep|start) reading|"
            r"(subscri\w*|sign in|log ?in|register|members?)\b[^.]{0,40}\bto continue reading|"
            r"\bto continue reading\b[^.]{0,30}\b(subscri\w*|sign in|log ?in|register|members?)\b|"
            r"already an? (subscriber|member)|(sign|log) ?in to (continue|read|keep reading|access)|"
            r"(article|content|story) is (only )?(available|reserved|exclusive) (only )?(to|for) "
            r"(paid )?(subscribers|members)|subscribers? only|unlock (this|the full|full|unlimited)|"
            r"create a free account to|reached your (free )?(article )?limit|"
            r"(become|subscribe as) a (subscriber|member) to",
            _I,
        ),
        45,
    ),
    # Share and follow widgets.
    (
        re.compile(
            r"^(share|tweet|email|e-mail|print|pin( it)?|whatsapp|facebook|twitter|x|linkedin|reddit|"
            r"telegram|copy( link)?|save|bookmark|share this( article| story| post)?|"
            r"(print\s+)?print this (page|article|story))$|"
            r"share (this|on|via|to) \w+|follow us|(like|follow) (us|me) on|click to (share|print|email)|"
            r"keep up with (me|us) on",
            _I,
        ),
        15,
    ),
    # Comment widgets.
    (
        re.compile(
            r"^\d+ (comments?|responses?|replies)$|^no comments?( yet)?\W*$|be the first to comment|"
            r"comments (are|have been) closed|(logged|log|sign) in to (post a )?comment|"
            r"^(leave|post|add|write) a (comment|reply)|view comments|show comments|"
            r"email address will not be published|required fields are marked|uses akismet to reduce spam|"
            r"notify me (of|when) (new|follow-?up) (comments|posts|replies)|"
            r"save my name,? e-?mail,? and website|\b\d+ (of|/) \d+ characters\W*$|"
            r"^\W*questions\?\s*comments\?",
            _I,
        ),
        25,
    ),
    # Photo credits and captions that are only credits.
    (
        re.compile(
            r"^\W*(file |main |top |featured |header )?(photo|image|picture|pic|illustration|video|graphic)s?"
            r"( credit)?s?\s*(:|by\b|credit|courtesy|via\b|source)|^\W*(credit|courtesy|source)\s*:|"
            r"(getty images|ap photo|afp( via getty)?|shutterstock|istock(photo)?|reuters/)\W*$|"
            r"^\W*(reuters|ap|afp|epa|getty|associated press|ap images|bloomberg|xinhua|pa( media)?)\W*$",
            _I,
        ),
        14,
    ),
    # Captions ending in a parenthesised credit: "... outside his home (Photo: Agency)", "(AP Photo/Name)",
    # or open with a wire's "FILE - "; gallery counters ("3 of 12").
    (
        re.compile(
            r"\(([a-z][\w.&-]* )?(file )?(photo|image|picture|video|illustration|graphic|credit)s?( by|:|/)"
            r"[^()]{1,60}\)\W*$|^file\s*[-–—]\s|^\W*\d{1,3}\s*(of|/)\s*\d{1,3}\W*$",
            _I,
        ),
        60,
    ),
    # Advertising and reading aids.
    (
        re.compile(
            r"^(advertisement|advert|ad|sponsored( content)?|story continues below( advertisement)?|"
            r"scroll (down )?to continue( reading)?|continue reading( below| the main story)?|"
            r"\d+ min(ute)?s? read|like loading\W*|listen to (this|the) (article|story)|skip (to|ad)\b.*|"
            r"read (the )?(full|more|original)( story| article)?( here)?|click here\b.*|"
            r"loading|text size|reset|(play|watch)( the)? video|listen now\b.*|"
            r"(gefällt mir\s+)?lade|chargement|cargando|weiterlesen|lire la suite|leer más|"
            r"podcast\W+play in new window\b.*|"
            r"original print headline\b.*|"
            r"(related|more) (news|stories|articles|coverage|content) (on|from|at) [\w .&'-]{1,40}:)\W*$",
            _I,
        ),
        10,
    ),
    # Inline promotions: "Related: Some headline", "READ MORE: ...".
    (
        re.compile(
            r"^\W*(related( article| story| stories| coverage)?|read more|read also|also read|more|"
            r"see also|recommended|watch|listen|must read|trending|sign up|read|more coverage)"
            r"\s*[:|>»-]\s*\S|"
            r"^\W*(listen|subscribe|watch|follow) (on|via|with)\s*[:|]\s*\S",
            _I,
        ),
        30,
    ),
]

# Where the page says the author or the release's source can be reached, after the body.
BOILERPLATE.append(
    (
        re.compile(
            r"^[\w .,'’-]{2,60}\b(can|may) be (reached|contacted|emailed) (at|on|via)\b|"
            r"^\W*(posted|written|filed) (by|in) .{1,60}(\bat \d|\|\s*labels?\b)|"
            r"^(follow|follow us|follow me)\W*$|"
            r"^(got|have) a (story|news tip|tip|story idea)\b|^send (us )?(a |your )?(news )?tips?\b|"
            r"^follow [\w .'-]{1,40} on (twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon)\b|"
            r"^\W*(this )?(interview|conversation|transcript|q ?& ?a) (has been|was) "
            r"(lightly )?(edited|condensed)|"
            r"^\W*(labels?|tags?|tagged( with)?|topics?|categories|keywords|filed under|posted in)\s*:|"
            r"^\W*related subjects\s*:\s*\S|^\W*permalink\s*:?\s*https?://|"
            r"^\W*feedback\s*:\s*send us\b|^\W*our standards\s*:",
            _I,
        ),
        20,
    )
)
# Reporting credits at the foot of a story.
BOILERPLATE.append(
    (
        re.compile(
            r"\b(contributed|contributing) (reporting )?(to )?(this|the) (report|story|article)|"
            r"^\W*(additional )?reporting by\b|^\W*(writing|editing) by\b|^\W*\(?editing by\b|"
            r"^\W*this (episode|podcast|show|video|documentary|film) was (produced|edited|mixed|reported)\b|"
            r"\bviews (and opinions )?expressed\b.{0,40}\b(author'?s?|writer'?s?|their|his|her|my) own\b|"
            r"\b(we|site) (may )?(earn|receive)s? (a )?(small )?(commission|share of sales)|"
            r"\baffiliate (links?|commissions?)\b|\bas an amazon associate\b",
            _I,
        ),
        30,
    )
)
# Page furniture that closes a post: an editor's initials ("(grh)"), a pager ("Pages: 1 2 3 4",
# "Page 1 of 3"), Blogger's "Subscribe to: Post Comments (Atom)", a theme's "… was last modified: …".
BOILERPLATE.append(
    (
        re.compile(
            r"^\(\s*[a-z]{2,5}(\s*/\s*[a-z]{2,5})?\s*\)$|"
            r"^\W*pages?\s*:?\s*\d{1,3}((\s*[|,·]\s*|\s+)\d{1,3})+\W*(next\W*)?$|"
            r"^\W*page \d{1,3} of \d{1,3}\W*$|"
            r"^\W*subscribe to\s*:?\s*(post )?comments\b|\bwas last modified\s*:",
            _I,
        ),
        25,
    )
)
# A timestamp standing alone: the time of a live-blog entry, not a sentence of it.
BOILERPLATE.append(
    (
        re.compile(
            r"^\W*(\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(\s+[a-z]{2,4})?\W*$|"
            r"^\W*(\d+|an?|one) (minutes?|mins?|hours?|hrs?|days?) ago\W*$",
            _I,
        ),
        4,
    )
)

# Substrings (lowercase) of which every match of a long, costly rule holds at least one: a text of 40+
# characters with none of them is not searched. Each alternative of the rule contributes its words.
RULE_HINTS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        BOILERPLATE[4][0],
        (
            "information",
            "warranty",
            "responsibility",
            "liability",
            "published",
            "distributed",
            "produced",
            "provided",
            "syndicated",
            "originally",
            "©",
            "(c)",
            "copyright",
            "all rights reserved",
            "not be",
            "view",
            "opinions expressed",
            "republished",
            "creative commons",
        ),
    ),
    (BOILERPLATE[5][0], ("cookie", "continuing to", "by using", "manage")),
]

# Named groups of the rules above, for the page-level verdict.
ERROR_RULES = BOILERPLATE[0:4]
CONSENT_RULE = BOILERPLATE[5]
PAYWALL_RULE = BOILERPLATE[7]

# Datelines and bylines that the page header repeats.
HEADER_META: list[re.Pattern[str]] = [
    re.compile(r"^\W*(written |reported |posted |story )?by\s+[\w.'-]+", _I),
    re.compile(r"^\W*(published|updated|posted|last updated|last modified|modified|date)\b", _I),
    re.compile(
        r"^\W*((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(\d{1,2}\s+)?"
        r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}\b",
        _I,
    ),
    re.compile(r"^\W*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"),
    re.compile(r"^\W*\d+\s+min(ute)?s?\s+read\b", _I),
    re.compile(
        r"^\W*((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?\d{1,2}(st|nd|rd|th)?\s+"
        r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?,?\s+\d{4}\b",
        _I,
    ),
]

# A title that says the page is an error page. A bare "404" or "not found" is not enough: CNET's
# podcast is "The 404", and a headline may say a missing hiker was "not found".
NOT_FOUND = re.compile(
    r"^\W*(error\W*)?(404|410)\W*$|^\W*(error\W*)?(404|410)\s*([-:|–—]|(error|not found|gone)\b)|"
    r"\berror\W+(404|410)\b|page not found|^\W*not found\W*$|^\W*not found\s+[-|–—]\s|"
    r"\b(page|article|story|content) (was )?not found|"
    r"no longer (available|exists)|page (does not|doesn'?t) exist|nothing (was )?found|error page",
    _I,
)

CONSENT_WORDS = re.compile(r"cookies?|consent|privacy (settings|choices)|gdpr|personali[sz]ed ad", _I)

JUNK_CLASS = re.compile(
    r"(^|[-_])(cookies?|consent|gdpr|newsletters?|share|sharing|social|related|popular|most-?read|"
    r"comments?|comment-list|disqus|discussion|reactions|respond|pull-?quotes?|subscribe|promo|adverts?|advertisement|ads|sponsored|outbrain|taboola|recirc|"
    r"breadcrumbs?|slides?|slideshow|carousel|lightbox|gallery)($|[-_])",
    _I,
)

# Short header, caption and author widgets: dropped only when they hold few words (META_MAX_WORDS).
META_CLASS = re.compile(
    r"(^|[-_])(bylines?|by-?line|author|authors|author-?(bio|box|info|name|card)|bio|dateline|timestamp|"
    r"caption|captions|credits?|photo-?credit|standfirst|dek|kicker|subtitle|sub-?headline|strapline|"
    r"entry-meta|post-?meta|article-?meta|story-?meta|meta-?data|meta|"
    r"tags|tag-?list|labels|entry-footer|post-?navigation|pagination|pager|rating)($|[-_])",
    _I,
)
META_MAX_WORDS = 80

HEADER_CLASS = re.compile(r"^(article|entry|post|story|page|content)[-_]?(header|heading|head|top)$", _I)

BODY_CLASS = re.compile(
    r"(article|entry|post|story|content|news|blog)[-_]{0,2}(body|content|text)|articlebody|storytext|"
    r"(^|[-_])body[-_]?(text|copy|content)($|[-_])",
    _I,
)

PAYWALL_CLASS = re.compile(r"paywall|subscriber-only|premium-content|metered", _I)
