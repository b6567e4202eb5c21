"""EntityPane: an article's entities grouped by kind, with mention counts; enter filters by one."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Entity
from reader.sanitize import clean_line

GROUPS: list[tuple[str, frozenset[str]]] = [
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
    ("Money", frozenset({"MONEY"})),
    ("Dates", frozenset({"DATE"})),
]
OTHER = "Other"
# What the labels under "Other" mean, in words.
KINDS = {
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
    "PERCENT": "percent",
    "LANGUAGE": "language",
    "FAC": "place",
}


def group_of(label: str) -> str:
    """The heading an entity label is listed under."""
    return next((name for name, labels in GROUPS if label in labels), OTHER)


def grouped(entities: list[Entity]) -> list[tuple[str, list[Entity]]]:
    """Entities under their headings, in heading order, most mentioned first."""
    order = [name for name, _ in GROUPS] + [OTHER]
    buckets: dict[str, list[Entity]] = {name: [] for name in order}
    for entity in entities:
        buckets[group_of(entity.label)].append(entity)
    return [(name, sorted(items, key=lambda e: -e.mentions)) for name, items in buckets.items() if items]


class EntityPane(OptionList):
    """The entities of the article being read."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Chosen(Message):
        """The user chose an entity: show the articles that mention it."""

        text: str
        label: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._entities: dict[str, Entity] = {}

    def show(self, entities: list[Entity], note: str | None = None) -> None:
        """List an article's entities, or say plainly why there are none."""
        self.clear_options()
        self._entities = {}
        if not entities:
            message = note if note and "entities unavailable" in note else "No entities found."
            self.add_option(Option(Content.styled(clean_line(message, 200), "$text-muted"), disabled=True))
            return
        options: list[Option | None] = []
        for heading, items in grouped(entities):
            if options:
                options.append(None)
            options.append(Option(Content.styled(heading, "bold $accent"), disabled=True))
            for entity in items:
                key = f"{len(self._entities)}"
                self._entities[key] = entity
                kind = f" {KINDS.get(entity.label, entity.label.lower())}" if heading == OTHER else ""
                label = Content.assemble(
                    clean_line(entity.text, 60), (f"\u00a0×{entity.mentions}", "$text-muted"), (kind, "dim")
                )
                options.append(Option(label, id=key))
        self.add_options(options)
        self.highlighted = next(
            (i for i in range(self.option_count) if not self.get_option_at_index(i).disabled), None
        )

    def show_message(self, message: str) -> None:
        """Show one line of explanation instead of entities."""
        self.clear_options()
        self._entities = {}
        self.add_option(Option(Content.styled(message, "$text-muted"), disabled=True))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._entities.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.Chosen(entity.text, entity.label))
