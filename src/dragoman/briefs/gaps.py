"""What the article does not say, derived from what was extracted from it (never canned)."""

from __future__ import annotations

import re
from typing import Any

from ..actors.kb import knowledge_base, words_of
from ..events.describe import format_date
from .names import code_name

WEEKDAY = re.compile(r"^(on\s+)?(last\s+|this\s+|next\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"(\s+(morning|afternoon|evening|night))?$", re.IGNORECASE)
SPEECH_ROOTS = {"01", "02", "10", "11", "12", "13"}
CRITICAL_ROOTS = {"10", "11", "12", "13"}
TALK_ROOTS = {"03", "04", "05"}


def _side(code: str | None) -> str | None:
    if not code:
        return None
    return code if code.startswith(("IGO", "NGO")) else code[:3]


def _side_name(side: str, actors: list[dict]) -> str:
    """Name a side the way the article does: a named person first, else the institution."""
    mine = [a for a in actors if a["code_side"] == side]
    people = [a for a in mine if a.get("name") and a.get("role") and a["name"] != a["role"]
              and " " in a["name"] and a["name"][0].isupper() and not _institution(a["name"], a["role"])]
    if side.startswith(("IGO", "NGO")):
        org = code_name(side) or side
        return f"{people[0]['name']} ({org})" if people else org
    gov = [a for a in mine if a.get("sector") == "GOV" and a.get("name")]
    if gov:
        return gov[0]["name"]
    country = knowledge_base().country(side)
    return country.name if country else side


def _institution(name: str, role: str) -> bool:
    """'The Serbian government', 'Kosovo Prime Minister': a name that opens with an article, or with a country,
    its adjective or its people (any the knowledge base knows) and holds its own role, names an office, not a
    person ('Jordan Peterson' stays a person)."""
    if name.startswith("The "):
        return True
    words = list(words_of(name))
    found = knowledge_base().names.match_at(words, 0) if words else None
    opens_with_place = bool(found) and any(getattr(e, "kind", None) in ("country", "adjective", "people")
                                           for e in found[1])
    return opens_with_place and role.lower() in name.lower()


def _actors(mentions: list[dict]) -> list[dict]:
    out = []
    for m in mentions:
        for p in ("source", "target"):
            code = m.get(f"{p}_code")
            if code:
                out.append({"code": code, "code_side": _side(code), "name": m.get(f"{p}_name"),
                            "role": m.get(f"{p}_role"), "sector": code[3:6] if not code.startswith("IGO") else "IGO",
                            "text": m.get(f"{p}_text")})
    return out


def find_gaps(article: dict[str, Any], mentions: list[dict], quotes: list[dict], times: list[dict],
              facts: list[dict]) -> list[dict]:
    """Gaps: no_date, weekday_only, no_place, one_sided, no_response, no_next_steps."""
    gaps: list[dict] = []
    current = [m for m in mentions if m["status"] != "background"]
    published = (article.get("published") or "")[:10]
    body_times = [t for t in times if t["type"] in ("DATE", "TIME") and t["value"] and t["precision"] == "day"]
    dated_facts = [f for f in facts if f.get("date")]
    if facts and not body_times:
        gaps.append({"kind": "no_date", "text": "The article gives no date for what it reports; dragoman dates it "
                     f"by its publication ({format_date(published, 'day') or 'unknown'})."})
    elif body_times and all(WEEKDAY.match(t["text"].strip()) for t in body_times) and dated_facts:
        t = body_times[0]
        gaps.append({"kind": "weekday_only",
                     "text": f"The article dates events only by weekday (“{t['text'].strip()}”); dragoman reads it as "
                             f"{format_date(t['value'], 'day', weekday=True)} from the publication date."})
    if facts and not any(m.get("location_name") for m in current if m["root"] not in ("01",)):
        first = facts[0]["text"].rstrip(".")
        gaps.append({"kind": "no_place", "text": f"The article does not say where this happened: {first}."})
    actors = _actors(current)
    speakers = {_side(q.get("speaker_code")) for q in quotes if q.get("speaker_code")}
    # an actor speaks when it is quoted, reports something, or makes a statement of its own
    # (not when someone else's statement says what it did)
    speakers |= {_side(m["source_code"]) for m in current
                 if m["root"] in SPEECH_ROOTS and m["source_code"] and not m.get("attribution_code")}
    speakers |= {_side(m.get("attribution_code")) for m in current if m.get("attribution_code")}
    speakers.discard(None)
    parties = {a["code_side"] for a in actors} - {None}
    silent = [p for p in parties - speakers]
    if len(speakers) == 1 and silent:
        (side,) = speakers
        kb = knowledge_base()
        who = (kb.adjectives.get(side) + " side") if side in kb.adjectives else f"side of {code_name(side)}"
        names = [_side_name(s, actors) for s in sorted(silent)]
        listed = " nor ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " nor " + names[-1]
        gaps.append({"kind": "one_sided", "actors": sorted(silent),
                     "text": f"Only the {who} is reported; neither {listed} is quoted or given a response."})
    criticised = {}
    for m in current:
        if m["root"] in CRITICAL_ROOTS and m["target_code"] and m["source_code"]:
            criticised.setdefault(m["target_code"], m)
    for target, m in criticised.items():
        if _side(target) in speakers:
            continue
        who = m.get("target_name") or code_name(target) or target
        by = m.get("source_name") or code_name(m["source_code"])
        gaps.append({"kind": "no_response", "actors": [target, m["source_code"]],
                     "text": f"{who[0].upper() + who[1:]} ({target}) {'is' if not who.endswith('s') else 'are'} "
                             f"criticised by {by}, but no response from {who} is reported."})
    talks = [m for m in current if m["root"] in TALK_ROOTS]
    planned = [m for m in current if m["status"] == "planned"]
    future = [t for t in times if t["value"] and published and t["value"][:10] > published]
    if talks and not planned and not future:
        gaps.append({"kind": "no_next_steps",
                     "text": "The talks are reported without concrete next steps or a date for further meetings."})
    return gaps
