"""The shared vocabulary: plain dataclasses passed between pipeline stages.

Stages never import each other sideways; they exchange these objects (the layer contract in pyproject.toml,
checked by `make lint`, holds them to it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
IngestStatus = Literal["new", "duplicate", "failed"]


@dataclass
class Block:
    """A structural block of an article's text: a heading or a paragraph."""

    kind: Literal["heading", "paragraph"]
    start: int
    end: int


@dataclass
class Article:
    """An article as ingestion produces it, before it is stored."""

    text: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    outlet_domain: str | None = None
    outlet_name: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date or datetime
    published_precision: Precision | None = None
    language: str | None = None
    blocks: list[Block] = field(default_factory=list)
    raw: bytes | None = None
    raw_type: str | None = None  # "html", "text", "json", ...
    fetched: str | None = None  # ISO datetime when fetched from the web
    input_ref: str | None = None  # what the user pointed at: path, URL, path#entry

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("raw", None)
        return d


@dataclass
class IngestResult:
    """What happened to one input of a batch."""

    input_ref: str
    status: IngestStatus
    article_id: int | None = None
    reason: str | None = None
    duplicate_of: int | None = None
    title: str | None = None


# -- what extraction finds in an article (the `dragoman extract` contract, docs/EXTRACT_FORMAT.md) --


@dataclass
class Span:
    """A stretch of the article text; offsets are characters, end exclusive."""

    text: str
    start: int
    end: int


@dataclass
class TimeExpr:
    """A temporal expression normalised against the publication date.

    value follows TimeML where it can: "2025-02-21", "2025-02", "2008", "2025-W08", "2025-Q1",
    "P3Y" (durations), "PRESENT_REF", "PAST_REF", "FUTURE_REF", "2025-02-21T15:00".
    precision is "day", "month" or "year" for calendar values, else None.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None = None
    type: str = "DATE"  # DATE, TIME, DURATION, SET


@dataclass
class ActorRef:
    """A mention of an actor and what it resolves to (a CAMEO/Phoenix-style code)."""

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None


@dataclass
class Place:
    """Where an event happened, when the sentence says so."""

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Quote:
    """A direct quote or an indirect (reported) statement, with who said it."""

    text: str
    start: int
    end: int
    kind: str  # "direct" or "indirect"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: ActorRef | None = None


@dataclass
class SentenceRef:
    index: int
    start: int
    end: int


@dataclass
class Event:
    """A coded event with its evidence."""

    code: str
    root: str
    name: str
    quad_class: int
    penta_class: int
    plover: str | None
    goldstein: float | None
    source: ActorRef | None
    target: ActorRef | None
    trigger: Span
    sentence: SentenceRef
    joint: bool = False
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    status: str = "reported"  # reported, planned, negated, hypothetical, background
    attribution: ActorRef | None = None
    confidence: float = 0.5
    rule: str = ""


@dataclass
class ExtractedDoc:
    """One article's extraction: the output object of `dragoman extract`."""

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    incidents: list[Event] = field(default_factory=list)
    error: str | None = None
    format: str = "dragoman/1"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (keys in the documented order)."""
        d = {"format": self.format, "id": self.id, "title": self.title, "outlet": self.outlet, "url": self.url,
             "published": self.published, "language": self.language, "text": self.text,
             "events": [asdict(e) for e in self.events], "quotes": [asdict(q) for q in self.quotes],
             "times": [asdict(t) for t in self.times], "incidents": [asdict(i) for i in self.incidents]}
        if self.error:
            d["error"] = self.error
        return d


class DuplicateArticle(Exception):
    """Raised when an insert collides with an article stored meanwhile (same canonical URL)."""

    def __init__(self, article_id: int | None):
        super().__init__(f"already stored as article {article_id}")
        self.article_id = article_id
