"""Writing stored events in each export format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .gdelt import COLUMNS as GDELT_COLUMNS
from .gdelt import gdelt_row

FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")

TABULAR_FIELDS = [
    "event_id", "id", "article_id", "article_url", "outlet", "date", "date_precision", "status", "code", "root",
    "name", "quad_class", "penta_class", "plover", "goldstein",
    "source_text", "source_name", "source_code", "source_country", "source_sector", "source_role",
    "source_start", "source_end",
    "target_text", "target_name", "target_code", "target_country", "target_sector", "target_role",
    "target_start", "target_end", "joint",
    "trigger_text", "trigger_start", "trigger_end", "sentence_index", "sentence_start", "sentence_end", "sentence",
    "location_name", "location_country", "location_lat", "location_lon",
    "attribution_name", "attribution_code", "confidence", "rule", "n_mentions", "n_articles", "n_outlets",
]


def plover_record(m: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER-style JSON record of one event mention, with its evidence."""
    return {
        "id": f"dragoman-{m.get('event_id')}-{m.get('id')}",
        "event_id": m.get("event_id"),
        "date": m.get("date"),
        "date_precision": m.get("date_precision"),
        "event_type": m.get("plover"),
        "mode": None,
        "context": [],
        "cameo": m.get("code"),
        "status": m.get("status"),
        "actor1": m.get("source_name") or m.get("source_text"),
        "actor1_code": m.get("source_code"),
        "actor1_country": m.get("source_country"),
        "actor1_type": m.get("source_sector"),
        "actor2": m.get("target_name") or m.get("target_text"),
        "actor2_code": m.get("target_code"),
        "actor2_country": m.get("target_country"),
        "actor2_type": m.get("target_sector"),
        "location": ({"name": m.get("location_name"), "country": m.get("location_country"),
                      "lat": m.get("location_lat"), "lon": m.get("location_lon")} if m.get("location_name") else None),
        "source": {"article_id": m.get("article_id"), "url": m.get("article_url"), "outlet": m.get("outlet")},
        "text": m.get("sentence"),
        "trigger": m.get("trigger_text"),
        "attribution": m.get("attribution_name"),
        "confidence": m.get("confidence"),
        "rule": m.get("rule"),
    }


def export_events(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | IO[bytes] | str) -> int:
    """Write rows (stored mentions with evidence) in a format; returns the number written."""
    if fmt == "parquet":
        return _parquet(rows, out)
    assert not isinstance(out, str | bytes)
    n = 0
    if fmt == "gdelt":
        for m in rows:
            out.write("\t".join(gdelt_row(m)) + "\n")
            n += 1
    elif fmt == "plover":
        out.write("[\n")
        for m in rows:
            out.write(("," if n else "") + json.dumps(plover_record(m), ensure_ascii=False) + "\n")
            n += 1
        out.write("]\n")
    elif fmt == "jsonl":
        for m in rows:
            out.write(json.dumps({k: m.get(k) for k in TABULAR_FIELDS}, ensure_ascii=False, default=str) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=TABULAR_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for m in rows:
            writer.writerow({k: m.get(k) for k in TABULAR_FIELDS})
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return n


def _parquet(rows: Iterable[dict[str, Any]], out) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"article_id": pa.int64(), "event_id": pa.int64(), "id": pa.int64(), "quad_class": pa.int8(),
             "penta_class": pa.int8(), "goldstein": pa.float64(), "confidence": pa.float64(),
             "location_lat": pa.float64(), "location_lon": pa.float64(), "joint": pa.bool_(),
             "n_mentions": pa.int64(), "n_articles": pa.int64(), "n_outlets": pa.int64()}
    for f in TABULAR_FIELDS:
        if f.endswith(("_start", "_end")) or f == "sentence_index":
            types[f] = pa.int64()
    schema = pa.schema([(f, types.get(f, pa.string())) for f in TABULAR_FIELDS])
    writer = pq.ParquetWriter(out, schema)
    n = 0
    try:
        for batch in _batches(rows, 5000):
            cols = {f: [_cast(r.get(f), schema.field(f).type) for r in batch] for f in TABULAR_FIELDS}
            writer.write_table(pa.table(cols, schema=schema))
            n += len(batch)
    finally:
        writer.close()
    return n


def _cast(value, typ):
    import pyarrow as pa

    if value is None:
        return None
    if typ == pa.string():
        return str(value)
    return value


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def gdelt_header() -> str:
    return "\t".join(GDELT_COLUMNS)


def to_text(rows, fmt: str) -> str:
    buf = io.StringIO()
    export_events(rows, fmt, buf)
    return buf.getvalue()
