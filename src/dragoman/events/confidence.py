"""How sure the coder is of an event: a calibrated probability that the event is right (the right CAMEO root
and compatible source and target), from a few features of the draft.

The weights are in data/confidence.yaml, fitted by benchmarks/fit_confidence.py on the dev half of the world-events
gold only (logistic regression, L2-regularised; the procedure and its held-out calibration are in that script).
"""

from __future__ import annotations

import math
from functools import cache

from spacy.tokens import Token

from ..data import load_yaml
from ..model import ActorRef
from .coder import Match
from .grammar import governing_verb

SUBORDINATE = {"relcl", "acl", "amod", "advcl", "pcomp", "csubj", "npadvmod", "compound"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "who", "which", "that"}


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


def features(m: Match, root: str, status: str, src: ActorRef | None, tgt: ActorRef | None, rule: str,
             sentence_index: int) -> dict[str, float]:
    """The named features the calibrated confidence is computed from."""
    v = m.token
    sent_len = len(v.sent) if v.doc.has_annotation("SENT_START") else 25
    f = {
        "bias": 1.0,
        "trigger_weight": m.trigger.weight,
        "position": position(v, m) * 10,
        "noun_trigger": float(m.trigger.pos == "noun"),
        "object_entry": float(bool(m.trigger.objects)),
        "source_coded": float(bool(src is not None and src.code)),
        "source_country": float(bool(src is not None and src.country)),
        "source_pronoun": float(bool(src is not None and src.text.lower() in PRONOUNS)),
        "target_coded": float(bool(tgt is not None and tgt.code)),
        "target_uncoded": float(tgt is not None and not tgt.code),
        "statement": float(root == "01"),
        "business_source": float(bool(src is not None and src.sector == "BUS")),
        "statement_about_a_thing": float(root == "01" and tgt is not None and not tgt.code),
        "country_only_source": float(bool(src is not None and src.country and not src.sector)),
        "verbal_cooperation": float(root in ("02", "03", "04", "05")),
        "material_cooperation": float(root in ("06", "07", "08")),
        "verbal_conflict": float(root in ("09", "10", "11", "12", "13", "16")),
        "material_conflict": float(root in ("14", "15", "17", "18", "19", "20")),
        "planned": float(status == "planned"),
        "unrealised": float(status in ("negated", "hypothetical")),
        "background": float(status == "background"),
        "changed_by_rule": float("|" in rule and "|no-actor" not in rule),
        "no_actor": float("|no-actor" in rule),
        "lead_sentence": float(sentence_index == 0),
        "long_sentence": min(sent_len, 80) / 40.0,
    }
    return f


@cache
def _weights() -> dict[str, float]:
    return {str(k): float(v) for k, v in (load_yaml("confidence.yaml")["weights"] or {}).items()}


def confidence(feats: dict[str, float]) -> float:
    """The calibrated probability, rounded to three places."""
    w = _weights()
    z = sum(w.get(k, 0.0) * x for k, x in feats.items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)
