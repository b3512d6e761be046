"""Writing an export: which rows each format takes (distinct events or mentions) and what it leaves
out by default."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import IO

from ..store.event_query import EventQuery
from .gdelt import event_row, mention_row
from .plover import plover_record
from .tabular import TABULAR_FIELDS, write_csv, write_jsonl, write_parquet

EVENT_FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")
MENTION_FORMATS = ("gdelt",)
FORMATS = EVENT_FORMATS
EVENT_LEVEL = ("gdelt", "plover")  # one row per distinct event; the tabular formats have one per mention
REALISED = "reported,background"  # events that happened (background: recounted from the past)

__all__ = ["EVENT_FORMATS", "MENTION_FORMATS", "FORMATS", "TABULAR_FIELDS", "Selection", "export"]


@dataclass
class Selection:
    """What an export includes: a query, and for GDELT and PLOVER whether to add events with no day
    date (all_dates) and events reported as not happening or only as possible (unrealised)."""

    query: EventQuery
    all_dates: bool = False
    unrealised: bool = False

    def event_query(self) -> EventQuery:
        """The query of the event-level formats: day dates and realised events unless asked."""
        eq = self.query
        if not self.all_dates:
            eq = replace(eq, precision="day")
        if not self.unrealised and not eq.status:
            eq = replace(eq, status=REALISED)
        return eq

    @property
    def flagged(self) -> bool:
        return self.all_dates or self.unrealised


def export(store, what: str, fmt: str, selection: Selection, out: IO[str] | str) -> int:
    """Write an export of events or mentions to a text stream (a path for Parquet); returns the number
    of rows written."""
    if what == "mentions":
        if fmt not in MENTION_FORMATS:
            raise ValueError(f"mentions export formats: {', '.join(MENTION_FORMATS)} "
                             "(the tabular event exports already have one row per mention)")
        return _lines(("\t".join(mention_row(m)) for m in store.exports.iter_export_mentions(selection.event_query())), out)
    if fmt == "gdelt":
        flags = selection.flagged
        rows = store.exports.iter_export_events(selection.event_query())
        return _lines(("\t".join(event_row(m, flags)) for m in rows), out)
    if fmt == "plover":
        records = (plover_record(m) for m in store.exports.iter_export_events(selection.event_query()))
        return _lines((json.dumps(r, ensure_ascii=False) for r in records if r is not None), out)
    rows = store.events.stream(replace(selection.query, sort=selection.query.sort or "id"))
    if fmt == "parquet":
        return write_parquet(rows, out)
    if fmt == "csv":
        return write_csv(rows, out)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(EVENT_FORMATS)}")


def _lines(lines, out) -> int:
    n = 0
    for line in lines:
        out.write(line + "\n")
        n += 1
    return n
