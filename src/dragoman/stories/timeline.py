"""Timelines: events in date order, one plain-English line each, linked to their evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..config import default_min_confidence
from ..events.describe import describe, format_date

if TYPE_CHECKING:  # the store sits above this stage: it is handed in, never imported
    from ..store import Store

QUIET_ROOTS = {"01"}  # plain statements: kept out of timelines unless asked for


@dataclass
class Evidence:
    article_id: int
    sentence: int | None
    start: int | None
    end: int | None
    url: str | None
    outlet: str | None
    title: str | None
    text: str | None


@dataclass
class TimelineEntry:
    event_id: int | None
    date: str | None
    date_precision: str | None
    text: str
    code: str
    status: str
    source: str | None
    target: str | None
    mentions: int
    outlets: int
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


UNREALISED = ("negated", "hypothetical")


def _label(name: str | None, text: str | None, code: str | None) -> str | None:
    label = name or text
    if not label:
        return None
    return label


def _specificity(m: dict) -> int:
    """How much a mention's actors say: a sector beyond a bare country code counts."""
    return sum(len(m[f"{side}_code"] or "") > 3 for side in ("source", "target"))


def build_timeline(store: Store, *, story_id: int | None = None, actor: str | None = None,
                   dyad: tuple[str, str] | None = None, query: str | None = None, since: str | None = None,
                   until: str | None = None, include_statements: bool = False, include_unrealised: bool = False,
                   limit: int = 500, min_confidence: float | None = None) -> list[TimelineEntry]:
    """Distinct events matching the selection, oldest first; undated ones last. Events reported as not
    having happened (negated) or only as a possibility (hypothetical), and undated standing positions, are
    left out unless asked for; so are events below `min_confidence` (default: the setting)."""
    cut = default_min_confidence() if min_confidence is None else min_confidence
    article_ids = None
    if query:
        article_ids = [h["id"] for h in store.articles.search(query, limit=200)]
        if not article_ids:
            return []
    rows = store.coding.iter_mentions(actor=actor, dyad=dyad, since=since, until=until, story_id=story_id,
                               article_ids=article_ids)
    grouped: dict[Any, list[dict]] = defaultdict(list)
    for r in rows:
        if (r["confidence"] or 0) < cut:
            continue
        if not include_statements and r["root"] in QUIET_ROOTS:
            continue
        if not include_unrealised and r["status"] in UNREALISED:
            continue
        if not include_unrealised and r["status"] == "background" and not r["date"]:
            continue  # a standing position ("does not recognise") has no day of its own to stand on
        if not (r["source_code"] or r["target_code"]):
            continue
        grouped[r["event_id"] or ("m", r["id"])].append(r)
    entries = []
    for key, ms in grouped.items():
        # the most specific telling: 'Serbian PM Dacic and Kosovo PM Thaci' over a headline's 'Serbia and Kosovo'
        best = max(ms, key=lambda m: (m["status"] != "background", _specificity(m), m["confidence"] or 0))
        dated = [m for m in ms if m["date"]]
        precise = max(dated, key=lambda m: {"day": 3, "month": 2, "year": 1}.get(m["date_precision"] or "", 0),
                      default=None)
        date_value = precise["date"] if precise else None
        precision = precise["date_precision"] if precise else None
        statuses = {m["status"] for m in ms}
        status = "background" if statuses == {"background"} else best["status"]
        text = describe(_label(best["source_name"], best["source_text"], best["source_code"]), best["code"],
                        _label(best["target_name"], best["target_text"], best["target_code"]),
                        "reported" if status == "background" else status, date_value, precision,
                        best["location_name"])
        seen_articles = {}
        for m in sorted(ms, key=lambda m: m["article_id"]):
            seen_articles.setdefault(m["article_id"], m)
        evidence = [Evidence(m["article_id"], m["sentence_index"], m["sentence_start"], m["sentence_end"],
                             m["article_url"], m["outlet"], m["article_title"], m["sentence"])
                    for m in seen_articles.values()]
        entries.append(TimelineEntry(
            event_id=key if isinstance(key, int) else None, date=date_value, date_precision=precision, text=text,
            code=best["code"], status=status, source=best["source_code"], target=best["target_code"],
            mentions=len(ms), outlets=len({m["outlet"] for m in ms if m["outlet"]}), evidence=evidence))
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.event_id or 0))
    return entries[:limit]


def timeline_markdown(entries: list[TimelineEntry], title: str) -> str:
    lines = [f"# {title}", ""]
    for e in entries:
        when = format_date(e.date, e.date_precision) or "date unknown"
        sources = ", ".join(f"[{ev.outlet or 'article ' + str(ev.article_id)}]({ev.url or ''})" for ev in e.evidence[:3])
        flag = " *(background)*" if e.status == "background" else ""
        lines.append(f"- **{when}** — {e.text}{flag} ({e.mentions} mention{'s' if e.mentions != 1 else ''}; {sources})")
    if not entries:
        lines.append("(no events)")
    return "\n".join(lines) + "\n"
