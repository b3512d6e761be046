"""Writing a brief from the record: facts, quotes, background, gaps and what to watch.

Deterministic: built only from extracted data and the store, every sentence traceable to the
evidence it rests on. Background comes only from what was published before the article, so a
brief is the same whether later news is in the store or not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..config import default_min_confidence
from ..events.describe import describe, format_date
from ..store import Store
from .clauses import clause_text
from .gaps import find_gaps
from .names import code_name, person_label
from .quotes import direct_quotes, reported_speech

FORMAT = "dragoman-brief/2"
MAX_FACTS = 8
MAX_BACKGROUND = 8
BACKGROUND_WORDS = 130  # a background a reader takes in at a glance: bounded, most relevant first
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


# Sectors that do not use force: "a journalist at the scene used military force" misreads the sentence.
NON_FORCE_SECTORS = {"MED", "EDU", "HLH", "LAB", "BUS", "AGR", "HRI", "NGO", "REL", "ENV", "REF"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}


def _usable(m: dict) -> bool:
    """An event a reader can use: a known actor acts on a known actor or on nobody in particular, and the actor
    is one that can do such a thing."""
    if not m["source_code"] or (m["target_text"] and not m["target_code"]):
        return False
    sector = (m["source_code"] or "")[3:6]
    return not (m["root"] in FORCE_ROOTS and sector in NON_FORCE_SECTORS)


def _well_formed(m: dict) -> bool:
    """A key fact: a usable event that happened (status reported)."""
    return m["status"] == "reported" and _usable(m)


def _facts(inp: BriefInputs) -> list[dict]:
    art = inp.article
    by_sentence: dict[int, list[dict]] = {}
    cut = default_min_confidence()
    for m in inp.mentions:
        if m["status"] == "background" or m["root"] in FACT_ROOTS_SKIP or not _well_formed(m):
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


def _dated_prefix(date_value: str | None, precision: str | None, clause: str) -> str:
    when = format_date(date_value, precision)
    if not when or (date_value and date_value[:4] in clause):
        return clause
    lead = f"On {when}" if precision == "day" else f"In {when}"
    first_word = clause.split(" ", 1)[0]
    if first_word in ("The", "A", "An", "This", "These", "Those", "It", "They"):
        clause = clause[0].lower() + clause[1:]
    return f"{lead}, {clause}"


def _lead_sentence(text: str, title: str | None = None, sentences: int = 1) -> str:
    lines = [line for line in text.strip().split("\n") if line.strip()]
    if len(lines) > 1 and title and lines[0].strip().lower() == title.strip().lower():
        lines = lines[1:]  # the headline opens many page bodies
    first = lines[0] if lines else ""
    ends = [m.end() for m in re.finditer(r"(?<=[a-z0-9\)”\"])[.!?](\s|$)", first)]
    if not ends:
        return first[:300]
    return first[: ends[min(sentences, len(ends)) - 1]].strip()


def _background(store: Store, inp: BriefInputs) -> list[dict]:
    art = inp.article
    published = (art["published"] or "")[:10] or None
    items: dict[Any, dict] = {}
    # 1. what the article itself recounts: the best-formed event of each background sentence
    recounted: dict[int, dict] = {}
    for m in inp.mentions:
        if m["status"] != "background" or not _usable(m):
            continue
        old = recounted.get(m["sentence_index"])
        if old is None or (m["confidence"] or 0) > (old["confidence"] or 0):
            recounted[m["sentence_index"]] = m
    for i, m in enumerate(recounted[k] for k in sorted(recounted)):
        key = ("event", m["event_id"]) if m["event_id"] else ("mention", m["id"])
        if key in items:
            continue
        clause = clause_text(art["text"][m["sentence_start"]:m["sentence_end"]],
                             m["trigger_start"] - m["sentence_start"])
        items[key] = {"text": _dated_prefix(m["date"], m["date_precision"], clause), "date": m["date"],
                      "date_precision": m["date_precision"], "relevance": round(0.9 - 0.01 * i, 3),
                      "event_id": m["event_id"], "stated_by_article": True,
                      "source": {"article_id": art["id"], "outlet": art.get("outlet"), "url": art.get("url")}}
    if published is None:
        return _ranked(items)
    my_actors = Counter(c for m in inp.mentions if m["status"] != "background"
                        for c in (m["source_code"], m["target_code"]) if c)
    my_dyads = {frozenset((m["source_code"], m["target_code"])) for m in inp.mentions
                if m["source_code"] and m["target_code"]}
    story_id = art.get("story_id")
    # 2. earlier articles of the same story
    if story_id:
        story = store.get_story(story_id)
        earlier = [a for a in story["articles"] if a["id"] != art["id"] and not a["duplicate_of"]
                   and a["published"] and a["published"][:10] < published]
        for rank, a in enumerate(sorted(earlier, key=lambda a: a["published"], reverse=True)):
            full = store.get_article(a["id"])
            # the latest development is told in full (two sentences); older ones by their lead
            lead = _lead_sentence(full["text"], full["title"], sentences=2 if rank == 0 else 1) if full else None
            if not lead:
                continue
            first = a is min(earlier, key=lambda x: x["published"])
            relevance = 0.55 + (0.25 if rank == 0 else 0.0) + (0.2 if first else 0.0) - 0.02 * rank
            items[("article", a["id"])] = {
                "text": _dated_prefix(a["published"][:10], "day", lead), "date": a["published"][:10],
                "date_precision": "day", "relevance": round(max(relevance, 0.1), 3), "event_id": None,
                "source": {"article_id": a["id"], "outlet": a["outlet"], "url": a["url"]}}
    # 3. earlier events of the same actors and dyads, from any article
    for code, _ in my_actors.most_common(4):
        for m in store.iter_mentions(actor=code, until=published, limit=300, order="-date"):
            if m["article_id"] == art["id"] or not m["date"] or m["date"][:10] >= published:
                continue
            if m["root"] in FACT_ROOTS_SKIP or not (m["source_code"] and m["target_code"]):
                continue
            key = ("event", m["event_id"])
            dyad = frozenset((m["source_code"], m["target_code"]))
            score = 0.25 + (0.3 if dyad in my_dyads else 0.0)
            score += 0.1 * len({m["source_code"], m["target_code"]} & set(my_actors))
            score += 0.05 * math.log1p(m["n_outlets"] or 1) + (0.05 if (m["penta_class"] or 0) >= 2 else 0)
            if story_id and m.get("article_id") in _story_article_ids(store, story_id):
                score += 0.1
            if key in items and items[key]["relevance"] >= score:
                continue
            clause = clause_text(m["sentence"] or "", (m["trigger_start"] or 0) - (m["sentence_start"] or 0))
            items[key] = {"text": _dated_prefix(m["date"], m["date_precision"], clause), "date": m["date"],
                          "date_precision": m["date_precision"], "relevance": round(min(score, 0.89), 3),
                          "event_id": m["event_id"],
                          "source": {"article_id": m["article_id"], "outlet": m["outlet"], "url": m["article_url"]}}
    return _ranked(items)


_STORY_CACHE: dict[int, set[int]] = {}


def _story_article_ids(store: Store, story_id: int) -> set[int]:
    if story_id not in _STORY_CACHE:
        story = store.get_story(story_id)
        _STORY_CACHE[story_id] = {a["id"] for a in (story or {}).get("articles", [])}
    return _STORY_CACHE[story_id]


def _ranked(items: dict) -> list[dict]:
    ranked = sorted(items.values(), key=lambda b: (-b["relevance"], b["date"] or ""))
    out, texts, words = [], set(), 0
    for b in ranked:
        key = b["text"].lower()
        if key in texts:
            continue
        n = len(b["text"].split())
        if len(out) >= 2 and words + n > BACKGROUND_WORDS:
            break
        texts.add(key)
        b.pop("stated_by_article", None)
        out.append(b)
        words += n
        if len(out) >= MAX_BACKGROUND:
            break
    return out


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
    _STORY_CACHE.clear()
    art = store.get_article(article_id)
    if art is None:
        raise KeyError(f"no article {article_id}")
    extraction = store.article_extraction(article_id)
    inp = BriefInputs(art, extraction["mentions"], extraction["quotes"], extraction["times"])
    story = store.get_story(art["story_id"]) if art.get("story_id") else None
    facts = _facts(inp)

    def sentence_of(offset: int) -> int | None:
        return _sentence_index(art["text"], inp.mentions, offset)

    gaps = find_gaps(inp.article, inp.mentions, inp.quotes, inp.times, facts)
    url = art.get("url") or (f"https://{art['outlet']}" if art.get("outlet") else None)
    return {
        "format": FORMAT,
        "article": {"id": art["id"], "url": url, "title": art["title"], "outlet": art.get("outlet"),
                    "published": (art["published"] or "")[:10] or None, "published_precision": art["published_precision"]},
        "headline": art["title"] or _lead_sentence(art["text"])[:120],
        "credit": {"text": f"Read more @ {art.get('outlet') or url or 'the source'}", "outlet": art.get("outlet"),
                   "url": url},
        "facts": facts,
        "quotes": direct_quotes(art, inp.quotes, sentence_of),
        "said": reported_speech(art, inp.quotes, sentence_of),
        "background": _background(store, inp),
        "gaps": gaps,
        "watch": _watch(inp, gaps),
        "story": {"id": story["id"], "title": story["title"]} if story else None,
    }
