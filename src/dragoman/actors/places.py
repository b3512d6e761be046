"""Places: a place name → its country and, where the offline gazetteer (nlp/gazetteer.py) knows it,
coordinates."""

from __future__ import annotations

from ..nlp.gazetteer import Gazetted, cities
from .kb import KnowledgeBase, norm, words_of


def resolve_place(text: str, kb: KnowledgeBase) -> Gazetted | None:
    """Country and coordinates of a place name; None when neither the KB nor the gazetteer knows it."""
    clean = text.strip()
    low = norm(clean).removeprefix("the ")
    known = cities()
    words = list(words_of(clean))
    if words and words[0] == "the":
        words = words[1:]
    m = kb.names.match_at(words, 0) if words else None
    if m and m[0] == len(words):
        for entry in m[1]:
            if entry.kind == "country":  # a country's own name is never a town that shares it
                return Gazetted(clean, entry.ref.code, None, None)
            if entry.kind == "seat" and low in known:
                return known[low]
    return known.get(low)
