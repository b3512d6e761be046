"""Exports of stored events: GDELT 2.0 events and mentions, PLOVER JSON lines, CSV, JSON lines and
Parquet."""

from .formats import EVENT_FORMATS, FORMATS, MENTION_FORMATS, Selection, export

__all__ = ["EVENT_FORMATS", "FORMATS", "MENTION_FORMATS", "Selection", "export"]
