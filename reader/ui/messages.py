"""Messages that cross panes and are not owned by one widget."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.models import Article, Copy
from reader.refresh import Progress, RefreshSummary


@dataclass
class ArticleLoaded(Message):
    """An article and its copies were read from the store."""

    article: Article
    copies: list[Copy]


@dataclass
class RefreshProgressed(Message):
    """A refresh moved on; only the newest one matters."""

    progress: Progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgressed)


@dataclass
class RefreshFinished(Message):
    """A refresh ended."""

    summary: RefreshSummary


@dataclass
class DemoLoaded(Message):
    """The bundled demo was loaded into the store."""

    feeds: int
    articles: int
