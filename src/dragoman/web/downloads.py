"""Streaming CSV and JSON-lines downloads of any event query (rows are read in batches, never all at once)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..export.tabular import TABULAR_FIELDS, tabular_row

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (numbers are untouched)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The export's CSV columns, header first, a few hundred rows per chunk."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=TABULAR_FIELDS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for r in rows:
        writer.writerow({k: _cell(v) for k, v in tabular_row(r).items()})
        n += 1
        if n % BATCH == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line, with the export's fields."""
    lines: list[str] = []
    for r in rows:
        lines.append(json.dumps(tabular_row(r), ensure_ascii=False, default=str))
        if len(lines) >= BATCH:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"
