"""The tense of the verb governing an expression: which way a weekday, a month or a date without a year
points ("met on Friday" looks back, "will meet on Friday" ahead)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .vocab import FUTURE_AUX, FUTURE_GOVERNORS, MODALS, PLANNED

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


def _verb_tense(v: Token, depth: int = 0) -> str | None:
    """'past', 'future', 'present' or None for a verb with its auxiliaries."""
    auxes = sorted((c for c in v.children if c.dep_ in ("aux", "auxpass") and c.lower_ not in ("not", "n't")),
                   key=lambda t: t.i)
    lowers = [a.lower_ for a in auxes]
    if any(w in FUTURE_AUX for w in lowers) or "would" in lowers or "'d" in lowers and v.tag_ == "VB":
        return "future"
    if any(w in MODALS for w in lowers):
        if any(w in ("have", "'ve") for w in lowers):
            return "past"
        return None if "could" in lowers else "future"  # "may meet Friday"; "could" is often a past
    if "to" in lowers:
        h = v.head
        if h is v or depth >= 3:
            return None
        if h.lemma_.lower() in FUTURE_GOVERNORS or h.lower_ in FUTURE_GOVERNORS:
            return "future"
        if h.lemma_ == "be" and "Pres" in h.morph.get("Tense"):
            return "future"  # "is to meet"
        if h.pos_ in ("VERB", "AUX"):
            t = _verb_tense(h, depth + 1)
            return "future" if t in ("present", "future") else t
        return None
    if any(w in ("has", "have", "'ve", "had") for w in lowers):
        return "past"
    if v.lemma_.lower() in PLANNED and v.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        # what is planned or scheduled lies ahead ("a summit set for April", "they planned a rally on
        # Saturday"), unless the sentence says it is over ("a service planned for Saturday was cancelled")
        if v.dep_ in ("acl", "amod") and depth < 3:
            h = v.head
            # compare indices: spaCy makes a new Token object on each access, so `h.head is h` is never
            # true and a noun root ("A summit planned for April") would loop for ever
            while h.head.i != h.i and h.pos_ not in ("VERB", "AUX"):
                h = h.head
            if h is not v and h.pos_ in ("VERB", "AUX") and _verb_tense(h, depth + 1) == "past":
                return "past"
        return "future"
    if auxes:
        first = auxes[0]
        tense = first.morph.get("Tense")
        if "Past" in tense:
            return "past"
        if "Pres" in tense:
            if v.tag_ == "VBG" and first.lemma_ == "be":
                return "future"  # "is meeting on Friday"
            return "present"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    if v.tag_ == "VBN":
        return "past"
    if depth < 3 and v.head is not v and v.head.pos_ in ("VERB", "AUX") and v.dep_ in (
            "xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl"):
        return _verb_tense(v.head, depth + 1)
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb governing the characters [start, end) of doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    t = span.root
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return _verb_tense(t)
        if t.head is t:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return _verb_tense(t)
    return None


_AHEAD = re.compile(r"(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|starting|beginning|effective|"
                    r"deadline\s+(?:of|until|for))\s+(?:on\s+)?$", re.I)
_UNTIL = re.compile(r"(?:until|till|by|before)\s+(?:on\s+)?$", re.I)


def tense_for(doc: Doc, text: str, start: int, end: int) -> str | None:
    """The tense a weekday or a month name should follow: the words just before it, else the verb."""
    before = text[max(0, start - 30):start]
    if _AHEAD.search(before):
        return "future"
    tense = tense_at(doc, start, end)
    if tense in (None, "present") and _UNTIL.search(before):
        return "future"
    return tense
