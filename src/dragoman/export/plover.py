"""PLOVER records (JSON lines, one per distinct event) in the shape of the PLOVER manual's data-field
tables: category, modes and contexts from the official CAMEO → PLOVER crosswalk (data/plover/), CAMEO
01 and 02 left out, dragoman's status as the manual's auxiliary modes in `context`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..data import DATA, load_yaml
from .dates import period_start
from .gdelt import type_codes
from .geo import country

SCHEMA = DATA / "plover" / "record.schema.json"
CODEBOOK = "PLOVER Draft 0.8 via CAMEO2PLOVER-2021"


@dataclass(frozen=True)
class PloverCode:
    event: str
    mode: tuple[str, ...]
    context: tuple[str, ...]


@cache
def _crosswalk() -> dict[str, Any]:
    return load_yaml("plover/crosswalk.yaml")


@cache
def _conventions() -> dict[str, Any]:
    return load_yaml("plover/conventions.yaml")


def schema_path() -> Path:
    """The JSON Schema every record validates against."""
    return SCHEMA


def plover_code(code: str) -> PloverCode | None:
    """The PLOVER category, modes and contexts of a CAMEO code (the crosswalk's entry, else its
    three-digit parent's, else its root's category); None for 01 and 02, which PLOVER drops."""
    cw = _crosswalk()
    root = code[:2]
    if root in cw["dropped"]:
        return None
    entry = cw["codes"].get(code) or cw["codes"].get(code[:3])
    if entry is None:
        return PloverCode(cw["roots"][root], (), ())
    return PloverCode(entry["event"], tuple(entry["mode"]), tuple(entry["context"]))


def entity_code(code: str) -> str | None:
    """A dragoman actor code's PLOVER entity code (IGOEUREEC → EUR, KSVGOV → KOS, SRBGOV → SRB); None when
    the code names only a sector (CVL: civilians of no stated country)."""
    for prefix, plover in _conventions()["entity_codes"].items():
        if code.startswith(prefix):
            return plover
    return None if code[:3] in type_codes(code[:3]) else code[:3]


def _entity(m: dict[str, Any], side: str) -> dict[str, Any] | None:
    code = m.get(f"{side}_code")
    if not code:
        return None
    renames = _conventions()["sectors"]
    sectors = [renames.get(t, t) for t in type_codes(code) if t not in ("IGO", "NGO", "IMG")]
    entity: dict[str, Any] = {}
    if entity_code(code):
        entity["code"] = entity_code(code)
    if sectors:
        entity["sector"] = "".join(sectors[:2])
    if m.get(f"{side}_text"):
        entity["entity_text"] = m[f"{side}_text"]
    if m.get(f"{side}_name"):
        entity["identifier_text"] = m[f"{side}_name"]
    if m.get(f"{side}_role"):
        entity["office"] = m[f"{side}_role"]
    return entity


def _location(m: dict[str, Any]) -> dict[str, Any] | None:
    if not m.get("location_name"):
        return None
    loc: dict[str, Any] = {"resolved_place": m["location_name"]}
    if m.get("location_text"):
        loc["extracted_place"] = m["location_text"]
    c = country(m.get("location_country"))
    if c is not None:
        loc.update(country=c.name, country_code=entity_code(m["location_country"]))
    if m.get("location_lat") is not None and m.get("location_lon") is not None:
        loc.update(lat=m["location_lat"], lon=m["location_lon"], resolution=4, city=m["location_name"])
    elif c is not None:
        loc["resolution"] = 1
        if c.geonameid:
            loc["geonameid"] = c.geonameid
    return loc


def _cite(m: dict[str, Any]) -> dict[str, Any]:
    cite = {"url": m.get("article_url"), "title": m.get("article_title"),
            "publication": m.get("outlet_name") or m.get("outlet"), "coder": f"dragoman {__version__}",
            "codebook": CODEBOOK}
    language = (m.get("article_language") or "")[:3]
    if len(language) == 2 and language.isalpha():
        cite["language"] = language.lower()
    return {k: v for k, v in cite.items() if v}


def plover_record(m: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER record of one export event (iter_export_events), or None when PLOVER leaves its
    category out (CAMEO 01 statements, 02 appeals) or it has no date."""
    mapped = plover_code(m["code"])
    start = period_start(m.get("date"), m.get("date_precision"))
    if mapped is None or start is None:
        return None
    source, target = _entity(m, "source"), _entity(m, "target")
    context = list(mapped.context)
    aux = _conventions()["status_contexts"].get(m.get("status") or "reported")
    if aux:
        context.append(aux)
    record: dict[str, Any] = {
        "id": f"dragoman-{m['event_id']}",
        "date": start.isoformat(),
        "actor": [source] if source else [],
        "recipient": [target] if target else [],
        "event": [mapped.event],
        "mode": list(mapped.mode),
        "context": context,
        "quad_code": _conventions()["categories"][mapped.event],
        "event_text": [m["trigger_text"]] if m.get("trigger_text") else [],
        "text_info": {k: v for k, v in (("sequence", m.get("sentence_index")), ("start", m.get("sentence_start")),
                                        ("end", m.get("sentence_end"))) if v is not None},
        "cite_info": _cite(m),
        "coder": f"dragoman {__version__}",
    }
    loc = _location(m)
    if loc:
        record["event_loc"] = loc
    if m.get("coded_at"):
        record["coded_date"] = m["coded_at"][:10]
    record["dragoman"] = {  # fields beyond PLOVER's, as the manual allows
        "event_id": m["event_id"], "cameo": m["code"], "goldstein": m.get("goldstein"),
        "status": m.get("status"), "confidence": m.get("confidence"), "date_precision": m.get("date_precision"),
        "n_mentions": m.get("n_mentions"), "n_articles": m.get("n_articles"), "n_outlets": m.get("n_outlets"),
        "sentence": m.get("sentence"),
    }
    return record
