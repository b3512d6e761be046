"""GDELT 2.0 event table rows (61 tab-separated columns, in GDELT's order)."""

from __future__ import annotations

from datetime import date
from typing import Any

COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{f}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for f in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(COLUMNS) == 61


def _s(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _actor(code: str | None, name: str | None, country: str | None, sector: str | None) -> list[str]:
    types = [sector] if sector and sector != "IGO" else []
    if code and code.startswith("IGO"):
        types = ["IGO"]
    return [_s(code), _s(name.upper() if name else None), _s(country), "", "", "", "",
            _s(types[0] if types else None), "", ""]


def gdelt_row(m: dict[str, Any]) -> list[str]:
    """One GDELT row from a stored mention (joined with its event's counts)."""
    day = m.get("date")
    d = None
    if day and len(day) >= 10:
        try:
            d = date.fromisoformat(day[:10])
        except ValueError:
            d = None
    fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" if d else ""
    added = (m.get("coded_at") or "").replace("-", "").replace(":", "").replace("T", "")[:14]
    geo = ["", "", "", "", "", "", "", ""]
    action_geo = list(geo)
    if m.get("location_name"):
        action_geo = ["4" if m.get("location_lat") is not None else "1", _s(m.get("location_name")),
                      _s(m.get("location_country")), "", "", _s(m.get("location_lat")), _s(m.get("location_lon")), ""]
    code = m["code"]
    return [
        _s(m.get("event_id") or m.get("id")), d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "",
        str(d.year) if d else "", fraction,
        *_actor(m.get("source_code"), m.get("source_name"), m.get("source_country"), m.get("source_sector")),
        *_actor(m.get("target_code"), m.get("target_name"), m.get("target_country"), m.get("target_sector")),
        "1" if m.get("sentence_index") == 0 else "0", code, code[:3], code[:2], _s(m.get("quad_class")),
        _s(m.get("goldstein")), _s(m.get("n_mentions") or 1), _s(m.get("n_outlets") or 1),
        _s(m.get("n_articles") or 1), "",
        *geo, *geo, *action_geo,
        added, _s(m.get("article_url")),
    ]
