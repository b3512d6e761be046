"""What the article's people said, told truthfully: direct quotations only inside quotation marks, reported
speech as attributed paraphrase.

A brief must never print paraphrase as if the speaker had said those words. So `quotes` holds only words that
stand between quotation marks in the article, copied exactly (checked against the text), with their speaker;
reported speech ("He noted that ...", "was reiterated by the ministry") goes to `said`, as a plain sentence that
names who said it and carries no quotation marks.
"""

from __future__ import annotations

import re
from typing import Any

from .names import country_possessive

MAX_QUOTES = 6
MAX_SAID = 6
MIN_QUOTE_WORDS = 4  # "announced the agreements", a quoted title: nothing a reader would quote
OPENING = "“\"‘'«„"
CLOSING = "”\"’'»“"
# content of reported speech that reads as a clause after "X said": 'that ...', 'to ...', a noun phrase
CLAUSE_START = re.compile(r"^(that|to|the|a|an|its|their|his|her|this|these|those|no|all|[A-Z0-9“\"])\b|^[A-Z“\"]")


def between_marks(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands between quotation marks (trailing punctuation inside the marks allowed)."""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return False
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    after = after.lstrip(",.;:!?").lstrip()
    return bool(before) and before[-1] in OPENING and bool(after) and after[0] in CLOSING


def speaker_name(q: dict[str, Any]) -> str | None:
    """The speaker as a reader knows them: 'Serbia's Ministry of Foreign Affairs', 'Marko Djuric'."""
    name = q.get("speaker_name") or q.get("speaker_text")
    code = q.get("speaker_code")
    if name and code and not code.startswith("IGO"):
        poss = country_possessive(code)
        country = poss[:-2] if poss else None
        if poss and country and country not in name and not re.match(r"^[A-Z][a-z]+ [A-Z]", name):
            name = f"{poss} {name}"
    return name


QUOTED = re.compile(r"[“\"]([^“”\"\n]{3,600}?)[,.;:!?]?[”\"]")


def direct_quotes(article: dict, quotes: list[dict], sentence_of) -> list[dict]:
    """The article's direct quotations, exactly as written between its quotation marks, with speakers.

    Quoted words inside reported speech ('X said the declaration “did not violate international law,”
    according to the court') are quotations of that speaker too."""
    text = article["text"]
    out = []
    for q in quotes:
        if not q.get("speaker_code"):
            continue
        spans = [(q["start"], q["end"])] if q["kind"] == "direct" else _quoted_inside(text, q["start"], q["end"])
        for start, end in spans:
            words = text[start:end]
            if len(words.split()) < MIN_QUOTE_WORDS or not between_marks(text, start, end):
                continue  # a quote finder's guess that the text does not bear out is not printed as a quote
            out.append(_item(article, dict(q, start=start, end=end), "direct", words, sentence_of))
        if len(out) >= MAX_QUOTES:
            break
    return out[:MAX_QUOTES]


def _quoted_inside(text: str, start: int | None, end: int | None) -> list[tuple[int, int]]:
    """The stretches between quotation marks within (or closing just after) text[start:end]."""
    if start is None or end is None:
        return []
    out = []
    for m in QUOTED.finditer(text, start, min(len(text), end + 3)):
        s, e = m.start(1), m.end(1)
        inner = text[s:e].rstrip(",.;:!?")
        out.append((s, s + len(inner)))
    return out


def reported_speech(article: dict, quotes: list[dict], sentence_of) -> list[dict]:
    """Reported speech as attributed paraphrase: 'Marko Djuric noted that unilateral actions ...' (no marks)."""
    out = []
    for q in quotes:
        if q["kind"] == "direct" or not q.get("speaker_code"):
            continue
        sentence = paraphrase(article["text"], q)
        if sentence is None:
            continue
        out.append(_item(article, q, "reported", sentence, sentence_of))
        if len(out) >= MAX_SAID:
            break
    return out


def paraphrase(text: str, q: dict[str, Any]) -> str | None:
    """'He noted that X' → 'Marko Djuric noted that X'; 'X, according to the ministry' → 'According to
    Serbia's ministry, X'; 'X was reiterated by the ministry' → 'Serbia's ministry reiterated X'. None when the
    reported words do not read as a clause of their own ('which he said aim to ...')."""
    name = speaker_name(q)
    content = " ".join((q["text"] or "").split()).strip(" ,;").rstrip(".")
    cue = (q.get("cue") or "said").strip()
    if not name or len(content.split()) < MIN_QUOTE_WORDS or not CLAUSE_START.match(content):
        return None
    content = content.replace("“", "").replace("”", "").replace('"', "")
    start = q.get("start")
    cue_start, cue_end = q.get("cue_start"), q.get("cue_end")
    if cue_start is None and start is not None:  # the store keeps the cue's word, not its offsets
        at = text.rfind(cue, max(0, start - 120), start)
        cue_start, cue_end = (at, at + len(cue)) if at >= 0 else (None, None)
    if cue.lower() == "according to":
        return f"According to {name}, {content[0].lower() + content[1:] if content[:1].isupper() and not content[:2].isupper() else content}."
    if cue_start is not None and start is not None and cue_start < start:
        between = " ".join(text[cue_end:start].split())  # "urged the EU to ...": the addressee
        if len(between.split()) > 8:
            return None
        return f"{name} {cue}{' ' + between if between else ''} {content}."
    return f"{name} {cue} {content}."


def _item(article: dict, q: dict, kind: str, text: str, sentence_of) -> dict:
    return {"text": text, "kind": kind, "cue": q["cue"],
            "speaker": {"name": speaker_name(q), "role": q.get("speaker_role"), "code": q.get("speaker_code")},
            "evidence": {"article_id": article["id"], "sentence": sentence_of(q["start"] or 0),
                         "start": q["start"], "end": q["end"]}}
