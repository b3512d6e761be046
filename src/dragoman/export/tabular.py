"""The tabular exports (CSV, JSON lines, Parquet): one row per event mention, with a real date, its
precision, and the article it comes from."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..events.codebook import codebook
from .dates import period_start
from .plover import plover_code

TABULAR_FIELDS = [
    "event_id", "id", "article_id", "url", "title", "published", "outlet", "coded_at",
    "date", "date_precision", "status", "code", "root",
    "name", "quad_class", "penta_class", "plover", "goldstein",
    "source_text", "source_name", "source_code", "source_country", "source_sector", "source_role",
    "source_start", "source_end",
    "target_text", "target_name", "target_code", "target_country", "target_sector", "target_role",
    "target_start", "target_end", "joint",
    "trigger_text", "trigger_start", "trigger_end", "sentence_index", "sentence_start", "sentence_end", "sentence",
    "location_name", "location_country", "location_lat", "location_lon",
    "attribution_name", "attribution_code", "confidence", "rule", "n_mentions", "n_articles", "n_outlets",
]
_RENAMED = {"url": "article_url", "title": "article_title", "published": "article_published"}


def tabular_row(m: dict[str, Any]) -> dict[str, Any]:
    """A stored mention (with its article and event counts) as an export row. `date` is a real date: the
    first day of the period the coder found, with `date_precision` saying how much of it is known. The
    code's name and PLOVER category come from today's codebook and crosswalk."""
    row = {k: m.get(_RENAMED.get(k, k)) for k in TABULAR_FIELDS}
    row["date"] = period_start(m.get("date"), m.get("date_precision"))
    code = m.get("code")
    if code and code[:2] in codebook().roots:
        mapped = plover_code(code)
        row["name"] = codebook().info(code).name
        row["plover"] = mapped.event if mapped else None
    return row


def _text_row(m: dict[str, Any]) -> dict[str, Any]:
    row = tabular_row(m)
    row["date"] = row["date"].isoformat() if row["date"] else None
    return row


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for m in rows:
        out.write(json.dumps(_text_row(m), ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=TABULAR_FIELDS)
    writer.writeheader()
    n = 0
    for m in rows:
        writer.writerow(_text_row(m))
        n += 1
    return n


def parquet_schema():
    """The Parquet schema: DATE for the date, integers and floats where the store has them."""
    import pyarrow as pa

    types = {"article_id": pa.int64(), "event_id": pa.int64(), "id": pa.int64(), "quad_class": pa.int8(),
             "penta_class": pa.int8(), "goldstein": pa.float64(), "confidence": pa.float64(),
             "location_lat": pa.float64(), "location_lon": pa.float64(), "joint": pa.bool_(),
             "n_mentions": pa.int64(), "n_articles": pa.int64(), "n_outlets": pa.int64(), "date": pa.date32()}
    for f in TABULAR_FIELDS:
        if f.endswith(("_start", "_end")) or f == "sentence_index":
            types[f] = pa.int64()
    return pa.schema([(f, types.get(f, pa.string())) for f in TABULAR_FIELDS])


def write_parquet(rows: Iterable[dict[str, Any]], out) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    strings = {f.name for f in schema if f.type == pa.string()}
    writer = pq.ParquetWriter(out, schema)
    n = 0
    try:
        for batch in _batches((tabular_row(m) for m in rows), 5000):
            cols = {f: [_cast(r[f], f in strings) for r in batch] for f in TABULAR_FIELDS}
            writer.write_table(pa.table(cols, schema=schema))
            n += len(batch)
    finally:
        writer.close()
    return n


def _cast(value: Any, as_string: bool) -> Any:
    if value is None or not as_string:
        return value
    return str(value)


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
