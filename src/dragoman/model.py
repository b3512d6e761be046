"""The shared vocabulary: plain dataclasses passed between pipeline stages.

Stages never import each other sideways; they exchange these objects.
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
