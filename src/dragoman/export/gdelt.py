"""GDELT 2.0 rows: the event table (61 tab-separated columns, one row per distinct event) and the
Mentions table (16 columns, one row per mention), in GDELT's column order. docs/exports.md says which
columns stay empty and why."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..data import load_yaml
from .dates import day, period_start, timestamp14
from .geo import country

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{f}" for f in _ACTOR_FIELDS], *[f"Actor2{f}" for f in _ACTOR_FIELDS],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{f}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in _GEO_FIELDS],
    "DATEADDED", "SOURCEURL",
]
# dragoman's own columns, appended only when rows GDELT would not carry are asked for
FLAG_COLUMNS = ["DatePrecision", "Status"]

MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
MENTION_TYPE_WEB = "1"
GROUP_PREFIXES = ("IGO", "NGO", "IMG")
GEO_COUNTRY, GEO_WORLD_CITY = "1", "4"


def _s(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """CAMEO region codes and sector codes, from the actor knowledge base's data files."""
    regions = frozenset(r["code"] for r in load_yaml("actors/countries.yaml").get("regions") or [])
    sectors = frozenset(s["code"] for s in load_yaml("actors/roles.yaml").get("sectors") or [])
    return regions, sectors


def _chunks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def known_group(code: str | None) -> str | None:
    """The organisation's own code in an IGO/NGO actor code: IGOEUREEC → EEC, IGOUNO → UNO,
    IGOWSTNATMIL → NAT, IGOUNOWHO → WHO (regions and sectors are not organisations)."""
    if not code or not code.startswith(GROUP_PREFIXES):
        return None
    regions, sectors = _vocabulary()
    groups = [c for c in _chunks(code[3:]) if c not in regions and c not in sectors]
    return groups[-1] if groups else None


def type_codes(code: str | None) -> list[str]:
    """GDELT's Type1..3 codes of an actor code: its sector codes in order (SRBGOVMIL → GOV, MIL; CVL →
    CVL for civilians of no stated country); an IGO/NGO's first type is IGO/NGO."""
    if not code:
        return []
    _, sectors = _vocabulary()
    types = [c for i, c in enumerate(_chunks(code)) if c in sectors or (i == 0 and c in GROUP_PREFIXES)]
    return types[:3]


def _actor(m: dict[str, Any], side: str) -> list[str]:
    code = m.get(f"{side}_code")
    name = m.get(f"{side}_name") or m.get(f"{side}_text")
    types = type_codes(code)
    types += [""] * (3 - len(types))
    return [_s(code), _s(name.upper() if name else None), _s(m.get(f"{side}_country")), _s(known_group(code)),
            "", "", "", *types]


def _country_geo(code: str | None) -> list[str]:
    """A country-level GDELT location (type 1), or eight empty fields."""
    c = country(code)
    if c is None or not c.fips:
        return [""] * 8
    return [GEO_COUNTRY, _s(c.name), c.fips, c.fips, "", "", "", c.fips]


def _action_geo(m: dict[str, Any]) -> list[str]:
    if not m.get("location_name"):
        return [""] * 8
    c = country(m.get("location_country"))
    code = c.fips if c else None
    if m.get("location_lat") is None or m.get("location_lon") is None:
        geo = _country_geo(m.get("location_country"))
        return geo if geo[0] else ["", _s(m["location_name"]), "", "", "", "", "", ""]
    full = f"{m['location_name']}, {c.name}" if c and c.name != m["location_name"] else m["location_name"]
    return [GEO_WORLD_CITY, _s(full), _s(code), _s(code), "", _s(m["location_lat"]), _s(m["location_lon"]), ""]


def _dates(m: dict[str, Any]) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate: each filled as far as the date's precision allows."""
    precision = m.get("date_precision")
    start = period_start(m.get("date"), precision)
    d = day(m.get("date"), precision)
    if start is None:
        return ["", "", "", ""]
    month = start.strftime("%Y%m") if precision in ("day", "month") else ""
    fraction = f"{d.year + (d.month * 30 + d.day) / 365:.4f}" if d else ""  # GDELT's own formula
    return [d.strftime("%Y%m%d") if d else "", month, str(start.year), fraction]


def event_row(m: dict[str, Any], flags: bool = False) -> list[str]:
    """One GDELT 2.0 event row from an export event (iter_export_events); with flags, dragoman's date
    precision and status follow the 61 columns."""
    code = m["code"]
    row = [
        _s(m["event_id"]), *_dates(m), *_actor(m, "source"), *_actor(m, "target"),
        "1" if m.get("sentence_index") == 0 else "0", code, code[:3], code[:2], _s(m.get("quad_class")),
        _s(m.get("goldstein")), _s(m.get("n_mentions") or 1), _s(m.get("n_outlets") or 1),
        _s(m.get("n_articles") or 1), "",
        *_country_geo(m.get("source_country")), *_country_geo(m.get("target_country")), *_action_geo(m),
        timestamp14(m.get("first_seen")), _s(m.get("article_url")),
    ]
    if flags:
        row += [_s(m.get("date_precision")), _s(m.get("status"))]
    return row


def _in_raw_text(m: dict[str, Any]) -> str:
    """1 when each actor is named in the sentence itself, 0 when one was resolved from a pronoun or a
    description ("he", "the Serbian minister")."""
    for side in ("source", "target"):
        text, name = m.get(f"{side}_text"), m.get(f"{side}_name")
        if text and name and name.split()[-1].lower() not in text.lower():
            return "0"
    return "1"


def mention_row(m: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 Mentions row from an export mention (iter_export_mentions)."""
    def offset(value: Any) -> str:
        return "-1" if value is None else str(value)

    confidence = m.get("confidence")
    return [
        _s(m["event_id"]), timestamp14(m.get("first_seen")), timestamp14(m.get("coded_at")), MENTION_TYPE_WEB,
        _s(m.get("outlet")), _s(m.get("article_url")),
        str((m.get("sentence_index") or 0) + 1), offset(m.get("source_start")), offset(m.get("target_start")),
        offset(m.get("trigger_start")), _in_raw_text(m),
        str(round(confidence * 100)) if confidence is not None else "", _s(m.get("doc_length")), "", "", "",
    ]
