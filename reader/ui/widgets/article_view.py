"""ArticleView: the article's title, source, date and link above its cleaned Markdown body."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from reader.feedtext import feed_paragraphs, paragraphs_to_markdown
from reader.models import Article, Copy
from reader.sanitize import clean_block, clean_line


def header_content(article: Article, copies: list[Copy]) -> Content:
    """The lines above the body, built as Content so no feed text is read as markup."""
    date = article.published.strftime("%a %d %b %Y %H:%M UTC") if article.published else "undated"
    parts = [
        Content.styled(clean_line(article.title, 1000), "bold"),
        Content("\n"),
        Content.styled(clean_line(article.feed_title, 100), "$accent"),
        Content(f"  ·  {date}"),
    ]
    if article.author:
        parts.append(Content(f"  ·  {clean_line(article.author, 80)}"))
    if article.saved:
        parts.append(Content.styled("  ·  ★ saved", "$warning"))
    if article.url:
        parts += [Content("\n"), Content.styled(clean_line(article.url, 500), "dim underline")]
    if copies:
        names = ", ".join(clean_line(c.feed_title, 40) for c in copies)
        parts += [Content("\n"), Content.styled(f"Also in: {names}", "$text-muted")]
    if article.enrich_note:
        parts += [Content("\n"), Content.styled(clean_line(article.enrich_note, 300), "$text-warning")]
    return Content("").join(parts)


def body_markdown(article: Article) -> str:
    """The cleaned body, or a plain word on why there is none yet."""
    if article.markdown:
        return clean_block(article.markdown)
    teaser = paragraphs_to_markdown(feed_paragraphs(article.summary))
    if article.enrich_status == "pending":
        lead = "*Not cleaned yet: this is the feed's own text; the next refresh fetches the page.*"
        return f"{lead}\n\n{teaser}" if teaser else lead
    return teaser or "*This article has no text.*"


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; scrolls with the keyboard."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="article-header")
        yield Markdown(id="article-body", open_links=False)

    def on_mount(self) -> None:
        self.show_empty("No article selected.")

    def show_empty(self, message: str) -> None:
        """Show a message instead of an article."""
        self.query_one("#article-header", Static).update(Content.styled(message, "$text-muted"))
        self.query_one("#article-body", Markdown).update("")

    async def show(self, article: Article, copies: list[Copy]) -> None:
        """Show an article from the top."""
        self.query_one("#article-header", Static).update(header_content(article, copies))
        await self.query_one("#article-body", Markdown).update(body_markdown(article))
        self.scroll_home(animate=False)
