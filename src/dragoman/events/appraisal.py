"""Words that judge (data/evaluative.yaml): what makes a statement a criticism or a praise."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..data import load_yaml


@cache
def _words() -> dict[str, frozenset[str]]:
    data = load_yaml("evaluative.yaml")
    return {key: frozenset(str(w) for w in words) for key, words in data.items()}


def negative_cue(tokens) -> str | None:
    """The first word among `tokens` that condemns ('coup', 'illegal'), as its lemma."""
    words = _words()
    for t in tokens:
        lemma = t.lemma_.lower()
        if (t.pos_ in ("NOUN", "PROPN") and lemma in words["negative_nouns"]) or (
                t.pos_ == "ADJ" and lemma in words["negative_adjectives"]):
            return lemma
    return None


def positive_cue(tokens: list[Token]) -> str | None:
    """The first word among `tokens` that commends ('breakthrough', 'historic'), as its lemma."""
    words = _words()
    for t in tokens:
        lemma = t.lemma_.lower()
        if (t.pos_ == "NOUN" and lemma in words["positive_nouns"]) or (
                t.pos_ == "ADJ" and lemma in words["positive_adjectives"]):
            return lemma
    return None
