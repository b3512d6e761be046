"""Atom feeds of a watchlist's matching events, each linked to its evidence in the web app."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

from ..events.describe import describe
from ..ingest.urls import safe_url
from .lists import describe_watchlist
from .notify import evidence_path, match_key

ATOM = "http://www.w3.org/2005/Atom"
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$")


def _clean(text: Any) -> str:
    """Text safe for XML 1.0 (control characters dropped); ElementTree escapes the rest."""
    return _INVALID_XML.sub("", "" if text is None else str(text))


def _el(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def rfc3339(value: str | None) -> str | None:
    """A stored publication time as an Atom date-time: a full timestamp as it is (UTC when it has no
    zone), a date known to the day as midnight UTC; None when coarser or unknown."""
    text = (value or "").strip()
    if len(text) == 10:
        return f"{text}T00:00:00Z" if _DAY.match(text) else None
    m = _STAMP.match(text)
    if m is None:
        return None
    return m.group(1) + (m.group(2) or "Z")


def entry_id(name: str, row: dict[str, Any]) -> str:
    """A stable id per watchlist and match (the same after recoding)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"dragoman:watch:{name}:{match_key(row)}").urn


def entry_title(row: dict[str, Any]) -> str:
    source = row.get("source_name") or row.get("source_text") or row.get("source_code")
    target = row.get("target_name") or row.get("target_text") or row.get("target_code")
    return describe(
        source,
        row["code"],
        target,
        row.get("status") or "reported",
        row.get("date"),
        row.get("date_precision"),
        row.get("location_name"),
    )


def _content(row: dict[str, Any]) -> str:
    def who(prefix: str) -> str:
        label = row.get(f"{prefix}_name") or row.get(f"{prefix}_text") or "—"
        return f"{label} [{row[f'{prefix}_code']}]" if row.get(f"{prefix}_code") else label

    lines = [
        f"CAMEO {row['code']} {row.get('name') or ''}".strip(),
        f"source: {who('source')}",
        f"target: {who('target')}",
        f"date: {row.get('date') or 'unknown'} ({row.get('date_precision') or '-'})",
        f"status: {row.get('status')}",
        f"confidence: {row.get('confidence')}",
        f"rule: {row.get('rule')}",
        f"outlet: {row.get('outlet') or 'unknown'}",
        "",
        row.get("sentence") or "",
    ]
    return "\n".join(lines)


def atom_feed(wl: dict[str, Any], rows: list[dict[str, Any]], base_url: str) -> bytes:
    """The feed document (UTF-8 bytes): newest match first, one entry per article and event."""
    ET.register_namespace("", ATOM)
    base = base_url.rstrip("/")
    name = wl["name"]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _el(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"dragoman:watch:{name}").urn)
    _el(feed, "title", f"dragoman watchlist: {name}")
    _el(feed, "subtitle", describe_watchlist(wl))
    seen, entries = set(), []
    for r in rows:
        key = match_key(r)
        if key not in seen:
            seen.add(key)
            entries.append(r)
    updated = max((r.get("coded_at") or "" for r in entries), default="") or wl["created"]
    _el(feed, "updated", updated)
    _el(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/watch/{name}.atom")
    _el(feed, "link", rel="alternate", type="text/html", href=f"{base}/watch/{name}")
    author = _el(feed, "author")
    _el(author, "name", "dragoman")
    _el(feed, "generator", "dragoman")
    for r in entries:
        entry = _el(feed, "entry")
        _el(entry, "id", entry_id(name, r))
        _el(entry, "title", entry_title(r))
        _el(entry, "updated", r.get("coded_at") or updated)
        published = rfc3339(r.get("article_published"))
        if published:  # when the news was published (updated: when dragoman coded it)
            _el(entry, "published", published)
        _el(entry, "link", rel="alternate", type="text/html", href=f"{base}{evidence_path(r)}")
        original = safe_url(r.get("article_url"))
        if original:
            _el(entry, "link", rel="related", type="text/html", href=original)
        _el(entry, "category", term=r["code"], label=_clean(r.get("name") or r["code"]))
        _el(entry, "summary", r.get("sentence") or entry_title(r), type="text")
        _el(entry, "content", _content(r), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
