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
                t.pos_ == "ADJ" and lemma in words["negative_adjectives"]) or (
                t.pos_ == "VERB" and lemma in words["negative_verbs"]):
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


def felt_disapproval(tokens) -> tuple[str, str] | None:
    """('110' or '111', the word) when the tokens state a speaker's disapproving feeling: 'deeply troubled' (110),
    'appalled' (111)."""
    words = _words()
    for t in tokens:
        lemma, word = t.lemma_.lower(), t.lower_
        if word in words["condemning_feelings"] or lemma in words["condemning_feelings"]:
            return "111", word
        if word in words["disapproving_feelings"] or lemma in words["disapproving_feelings"]:
            return "110", word
    return None


def judgement_of(clause: Token) -> str | None:
    """The word by which a reported clause condemns its subject: its verb ('breached international law', 'lost
    legitimacy'), an
    adjective it predicates ('was illegal') or a judging noun it equates the subject with ('was a farce', 'amounted
    to crimes against humanity')."""
    words = _words()
    if clause.pos_ == "VERB" and clause.lemma_.lower() in words["negative_verbs"]:
        return clause.lemma_.lower()
    if clause.lemma_.lower() in words["lacking_verbs"]:  # 'had lost legitimacy', 'lacked any credibility'
        lost = next((c.lemma_.lower() for c in clause.children if c.dep_ == "dobj"
                     and c.lemma_.lower() in words["standing_nouns"]), None)
        if lost is not None:
            return lost
    for c in clause.children:
        if c.dep_ in ("acomp", "attr", "oprd") or (c.dep_ == "prep" and c.lower_ == "to") or (
                c.dep_ == "dobj" and clause.lemma_.lower() in EQUATING_VERBS):
            for t in c.subtree:
                lemma = t.lemma_.lower()
                if (t.pos_ == "ADJ" and lemma in words["negative_adjectives"]) or (
                        t.pos_ == "NOUN" and lemma in words["judgement_nouns"]):
                    return lemma
    return None


EQUATING_VERBS = {"be", "amount", "constitute", "represent", "remain", "become"}
