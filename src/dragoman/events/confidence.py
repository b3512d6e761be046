"""How sure the coder is of an event: trigger weight, how central the trigger is, which actors are coded."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorRef
from .coder import REPORTING_ROOT, Match
from .grammar import governing_verb
from .lexicon import Trigger

SUBORDINATE = {"relcl", "acl", "amod", "advcl", "pcomp", "csubj", "npadvmod", "compound"}


def position(v: Token, m: Match) -> float:
    """How central the trigger is to its sentence: main clauses count more than relative or purpose clauses."""
    dep = v.dep_
    if m.trigger.pos == "noun":
        governor = governing_verb(v)
        if governor is not None and governor.dep_ == "ROOT":
            return 0.08
        return 0.0
    if dep == "ROOT":
        return 0.1
    if dep == "conj" and v.head.dep_ == "ROOT":
        return 0.06
    if dep in ("ccomp", "parataxis") and v.head.dep_ == "ROOT":
        return 0.08
    if dep == "xcomp":
        return 0.02 if v.head.dep_ == "ROOT" else -0.05
    if dep in SUBORDINATE:
        return -0.15
    return -0.05


def confidence(trigger: Trigger, root: str, src: ActorRef | None, tgt: ActorRef | None, pos: float = 0.0) -> float:
    conf = 0.35 + 0.3 * trigger.weight + pos
    if src is not None and src.code:
        conf += 0.15
    if tgt is not None and tgt.code:
        conf += 0.1
    if trigger.objects:
        conf += 0.05
    if root == REPORTING_ROOT:
        conf *= 0.6
    if trigger.pos == "noun":
        conf *= 0.8
    return round(max(0.05, min(conf, 0.99)), 3)
