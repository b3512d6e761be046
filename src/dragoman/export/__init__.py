"""Exports of stored events: GDELT 2.0 TSV, PLOVER JSON, CSV, JSONL and Parquet."""

from .formats import FORMATS, export_events

__all__ = ["FORMATS", "export_events"]
