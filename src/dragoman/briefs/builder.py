"""Writing a brief from the record: facts, quotes, background, gaps and what to watch.

Deterministic: built only from extracted data and the store, every sentence traceable to the
evidence it rests on. Background (briefs/background.py) comes only from the article's own background
section and from what the same story published before it, so a brief is the same whether later news
is in the store or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import default_min_confidence
from ..events.describe import describe
from .background import background, lead_sentence
from .gaps import find_gaps
from .names import code_name, person_label
from .quotes import direct_quotes, reported_speech
from .usable import key_fact

if TYPE_CHECKING:  # the store sits above this stage: it is handed in, never imported
    from ..store import Store

FORMAT = "dragoman-brief/2"
MAX_FACTS = 8
FACT_ROOTS_SKIP = {"01"}


@dataclass
class BriefInputs:
    article: dict[str, Any]
    mentions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    times: list[dict[str, Any]]


def _label(m: dict, prefix: str) -> str | None:
    return person_label(m.get(f"{prefix}_name"), m.get(f"{prefix}_role"), m.get(f"{prefix}_code"),
                        m.get(f"{prefix}_text"))


def _evidence(article_id: int, m: dict) -> dict:
    return {"article_id": article_id, "sentence": m.get("sentence_index"), "start": m.get("sentence_start"),
            "end": m.get("sentence_end")}


def _facts(inp: BriefInputs) -> list[dict]:
    art = inp.article
    by_sentence: dict[int, list[dict]] = {}
    cut = default_min_confidence()
    for m in inp.mentions:
        if m["status"] == "background" or m["root"] in FACT_ROOTS_SKIP or not key_fact(m):
            continue
        if (m["confidence"] or 0) < cut:
            continue
        by_sentence.setdefault(m["sentence_index"], []).append(m)
    facts, seen = [], set()
    for idx in sorted(by_sentence):
        best = max(by_sentence[idx], key=lambda m: m["confidence"] or 0)
        key = best["event_id"] or (best["code"], best["source_code"], best["target_code"])
        if key in seen:
            continue
        seen.add(key)
        # a date the text gives is stated; a date taken from the publication is not repeated as fact
        stated = any(best["sentence_start"] <= t["start"] < best["sentence_end"] for t in inp.times
                     if t["value"] and t["type"] in ("DATE", "TIME"))
        text = describe(_label(best, "source"), best["code"], _label(best, "target"), best["status"],
                        best["date"] if stated else None, best["date_precision"], best["location_name"],
                        weekday=True)
        if best.get("attribution_code") and best["attribution_code"] != best["source_code"]:
            by = best.get("attribution_name") or best.get("attribution_text")
            text = f"According to {by}, {text[0].lower() + text[1:] if text[:4] in ('The ', 'A ') else text}"
        facts.append({"text": text, "event_ids": [best["event_id"]] if best["event_id"] else [],
                      "date": best["date"], "date_precision": best["date_precision"],
                      "status": best["status"], "code": best["code"],
                      "evidence": _evidence(art["id"], best)})
        if len(facts) >= MAX_FACTS:
            break
    return facts


def _sentence_index(text: str, mentions: list[dict], offset: int) -> int | None:
    for m in mentions:
        if m["sentence_start"] is not None and m["sentence_start"] <= offset < m["sentence_end"]:
            return m["sentence_index"]
    return None


def _watch(inp: BriefInputs, gaps: list[dict]) -> list[dict]:
    out = []
    for m in inp.mentions:
        if m["status"] == "planned" and (m["source_code"] or m["target_code"]):
            text = describe(_label(m, "source"), m["code"], _label(m, "target"), "planned", m["date"],
                            m["date_precision"], m["location_name"])
            out.append({"kind": "planned", "text": text, "actors": [c for c in (m["source_code"], m["target_code"]) if c],
                        "event_id": m["event_id"]})
    for g in gaps:
        if g["kind"] == "no_response" and g.get("actors"):
            target, source = g["actors"][0], g["actors"][1] if len(g["actors"]) > 1 else None
            who = code_name(target) or target
            against = code_name(source) if source else None
            text = f"{who[0].upper() + who[1:]}'s response" + (f" to {against}'s criticism." if against else ".")
            out.append({"kind": "dyad", "text": text, "actors": [c for c in (target, source) if c]})
    seen, unique = set(), []
    for w in out:
        if w["text"] not in seen:
            seen.add(w["text"])
            unique.append(w)
    return unique[:6]


def build_brief(store: Store, article_id: int) -> dict[str, Any]:
    """The brief of a stored, coded article (the dragoman-brief/2 document, docs/BRIEF_FORMAT.md)."""
    art = store.articles.get_article(article_id)
    if art is None:
        raise KeyError(f"no article {article_id}")
    extraction = store.coding.article_extraction(article_id)
    inp = BriefInputs(art, extraction["mentions"], extraction["quotes"], extraction["times"])
    story = store.stories.get_story(art["story_id"]) if art.get("story_id") else None
    facts = _facts(inp)

    def sentence_of(offset: int) -> int | None:
        return _sentence_index(art["text"], inp.mentions, offset)

    gaps = find_gaps(inp.article, inp.mentions, inp.quotes, inp.times, facts)
    url = art.get("url") or (f"https://{art['outlet']}" if art.get("outlet") else None)
    return {
        "format": FORMAT,
        "article": {"id": art["id"], "url": url, "title": art["title"], "outlet": art.get("outlet"),
                    "published": (art["published"] or "")[:10] or None, "published_precision": art["published_precision"]},
        "headline": art["title"] or lead_sentence(art["text"])[:120],
        "credit": {"text": f"Read more @ {art.get('outlet') or url or 'the source'}", "outlet": art.get("outlet"),
                   "url": url},
        "facts": facts,
        "quotes": direct_quotes(art, inp.quotes, sentence_of),
        "said": reported_speech(art, inp.quotes, sentence_of),
        "background": background(store, art, inp.mentions),
        "gaps": gaps,
        "watch": _watch(inp, gaps),
        "story": {"id": story["id"], "title": story["title"]} if story else None,
    }
