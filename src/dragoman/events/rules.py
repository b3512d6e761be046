"""The coding rules, in the order they run: each a small function with its example (our own words).

DRAFT_RULES see one draft at a time and return it (changed or not) or None to drop it.
SENTENCE_RULES see all the drafts of a sentence and return the ones to keep (and any they add).
The two lists below are the one place where the order is decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from ..data import load_yaml
from ..model import ActorRef, Span
from .coder import REPORTING_ROOT, Coder
from .context import Context
from .drafts import Draft
from .status import refusal_status
from .vocab import vocab

V = vocab()
CRITICISM_CODE = "111"

DraftRule = Callable[[Draft, Context, Coder], Draft | None]
SentenceRule = Callable[[list[Draft], Context, Coder], list[Draft]]


# -- draft rules ----------------------------------------------------------------------------------------

def refusal_is_rejection(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Belgrade refused to lift the ban', 'Pristina will not accept the plan': a rejection (12) that happened.

    The refused concession becomes the matching 12x code, and the refusal's status is its own (reported,
    or planned when it is only announced), never the negation of a rejection.
    """
    v = d.token
    if not _refused(v, d.status):
        return d
    rejection = V.code_for("reject_codes", d.info.code)
    if rejection is None or rejection not in coder.book:
        return d
    d.info = coder.book.info(rejection)
    d.status = refusal_status(v, d.time, ctx.published, d.s_index in ctx.heading_background)
    d.set_date(ctx.published)
    d.note("refusal")
    return d


def promise_is_intent(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Kosovo agreed to open the crossing', 'the EU offered to mediate': CAMEO codes the promise (03x)."""
    v = d.token
    if not (d.status == "planned" or _under_head(v, V.promise_heads | V.plan_heads | V.threat_heads)):
        return d
    intent = V.code_for("intent_codes", d.info.code) or V.code_for("threat_codes", d.info.code)
    if intent is not None and intent in coder.book:
        d.info = coder.book.info(intent)
        d.note("intent")
    return d


def event_noun_names_someone(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The meeting lasted an hour': an event noun with nobody named is not worth recording."""
    if d.match.trigger.pos == "noun" and not any(a is not None and a.code for a in (*d.sources, *d.targets)):
        return None
    return d


def needs_an_actor(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Two soldiers were killed on Monday', 'reports suggested': no one identifiable acts, so there is no event."""
    if any(s is not None and s.code for s in d.sources):
        return d
    return None


DRAFT_RULES: list[DraftRule] = [
    refusal_is_rejection,
    promise_is_intent,
    event_noun_names_someone,
    needs_an_actor,
]


# -- sentence rules -------------------------------------------------------------------------------------

def reported_criticism(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'Djuric noted that unilateral actions by Kosovo's authorities posed the greatest threat': a criticism (111)
    of the actor the reported words blame, by the speaker."""
    out = list(drafts)
    for d in drafts:
        speaker = d.source
        if d.info.root != REPORTING_ROOT or speaker is None or not speaker.code:
            continue
        found = _criticised(coder, ctx, d.token, speaker)
        if found is None:
            continue
        target, cue = found
        v = d.token
        out.append(replace(d, info=coder.book.info(CRITICISM_CODE), sources=[speaker], targets=[target], joint=False,
                           trigger=Span(v.text, v.idx, v.idx + len(v.text)), attribution=None, where=None,
                           rule=f"reported-criticism:{v.lemma_}:{cue}", fixed_confidence=0.6))
    return out


SENTENCE_RULES: list[SentenceRule] = [
    reported_criticism,
]


# -- helpers --------------------------------------------------------------------------------------------

def _refused(v: Token, status: str) -> bool:
    """'refused to lift', 'will not release', 'ruled out talks'."""
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in V.refusal_heads:
        return True
    if status == "negated":
        if v.lemma_.lower() in V.consent_lemmas:
            return True
        auxes = {c.lower_ for c in v.children if c.dep_ == "aux"}
        return bool(auxes & {"will", "would", "wo", "shall", "can", "ca", "cannot"})
    return False


def _under_head(v: Token, heads: frozenset[str]) -> bool:
    """'agreed to open', 'is willing to withdraw': v is the infinitive under one of these heads."""
    if v.dep_ != "xcomp":
        return False
    head = v.head
    return head.lemma_.lower() in heads or head.lower_ in heads


@cache
def _evaluative() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("evaluative.yaml")
    return frozenset(data["negative_nouns"]), frozenset(data["negative_adjectives"])


def _criticised(coder: Coder, ctx: Context, v: Token, speaker: ActorRef) -> tuple[ActorRef, str] | None:
    nouns, adjectives = _evaluative()
    for comp in v.children:
        if comp.dep_ not in ("ccomp", "xcomp"):
            continue
        words = list(comp.subtree)
        cue = next((t.lemma_.lower() for t in words if (t.pos_ == "NOUN" and t.lemma_.lower() in nouns)
                    or (t.pos_ == "ADJ" and t.lemma_.lower() in adjectives)), None)
        if cue is None:
            continue
        for subj in [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]:
            ref = coder.actor(subj, ctx.resolver)
            if ref.code and ref.code != speaker.code and not (speaker.country and ref.country == speaker.country):
                return ref, cue
    return None

