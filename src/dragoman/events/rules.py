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
    """'Kosovo agreed to open the crossing', 'the EU offered to mediate': CAMEO codes the promise (03x), which
    happened when it was made. A plan ('will open', 'plans to open') keeps the action's own code, planned."""
    v = d.token
    if not _under_head(v, V.promise_heads):
        return d
    intent = V.code_for("intent_codes", d.info.code)
    if intent is not None and intent in coder.book:
        d.info = coder.book.info(intent)
        if d.status == "planned":
            d.status, d.time = "reported", None  # dated the day of the promise, not the day promised
        d.set_date(ctx.published)
        d.note("intent")
    return d


def threat_is_threat(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The rebels threatened to attack the city', 'vowed to strike back': force threatened is a threat (13x)."""
    if d.info.root < "14" or not _under_head(d.token, V.threat_heads):
        return d
    threat = V.code_for("threat_codes", d.info.code)
    if threat is not None and threat in coder.book:
        d.info = coder.book.info(threat)
        d.status = "reported"
        d.set_date(ctx.published)
        d.note("threat")
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
    if any(s is not None and s.name and _named(ctx, s) for s in d.sources):
        return d  # a person or organisation the knowledge bases do not know is still someone
    return None


def _named(ctx: Context, ref: ActorRef) -> bool:
    span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and span.root.ent_type_ in ("PERSON", "ORG") and span.root.pos_ == "PROPN"


def unconventional_violence(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Gunmen killed five teachers', 'a suicide bomber attacked a checkpoint': violence by insurgents, gunmen or
    mobs is CAMEO's unconventional violence (18x), not conventional military force (19x)."""
    src = d.source
    if d.info.root != "19" or src is None or not src.code:
        return d
    words = src.text.lower()
    kind = next((code for cue, code in V.attack_kinds.items() if cue in words), None)
    if kind is None and src.sector in V.unconventional_sectors and d.info.code == "190" \
            and d.token.lemma_.lower() in V.killing_lemmas:
        kind = "180"
    if kind is not None and kind in coder.book:
        d.info = coder.book.info(kind)
        d.note("unconventional")
    return d


DRAFT_RULES: list[DraftRule] = [
    refusal_is_rejection,
    promise_is_intent,
    threat_is_threat,
    event_noun_names_someone,
    needs_an_actor,
    unconventional_violence,
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


WRAPPER_CODES = {"010", "011", "012", "013", "014", "015", "017", "018", "019", "030"}


def no_wrapper_statement(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The ministry said police had arrested two men': the arrest is coded (reported by the ministry); the
    'said' adds no 010 of its own. Likewise 'agreed to lay down its weapons' is one promise (0356), not a bare
    'agreed' (030) besides it. A statement is an event only when it says nothing more specific."""
    keep = []
    for d in drafts:
        if d.info.code in WRAPPER_CODES and d.match.trigger.pos == "verb":
            inside = {t.i for t in d.token.subtree}
            wrapped = [o for o in drafts if o is not d and o.info.code not in WRAPPER_CODES
                       and o.token.i in inside]
            if wrapped:
                continue
        keep.append(d)
    return keep


VIOLENT_ROOTS = {"18", "19", "20"}
CONSEQUENCE_DEPS = {"advcl", "xcomp", "conj", "relcl", "acl", "pcomp"}


def one_violent_act(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'Militants fired rockets that hit a house, killing two': one attack. A violent verb that only tells what
    another one did (a participle or relative clause under it, or a verb sharing its subject) is part of it."""
    violent = [d for d in drafts if d.info.root in VIOLENT_ROOTS]
    drop: set[int] = set()
    for d in violent:
        node = d.token
        for _ in range(3):
            if node.dep_ not in CONSEQUENCE_DEPS or node.head is node:
                break
            node = node.head
            main = next((o for o in violent if o is not d and id(o) not in drop and o.token.i == node.i), None)
            if main is not None and _same_actor(d.source, main.source):
                drop.add(id(d))
                break
    return [d for d in drafts if id(d) not in drop]


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or not a.code:
        return True  # the consequence has no subject of its own: its verb's subject is the main act's
    return b is not None and a.code == b.code


ASKING_ROOTS = {"02", "10", "11", "12", "13"}


def content_stays_in_the_demand(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The EU urged Belgrade to release the prisoners': one appeal (02); the release it asks for has not
    happened and is the appeal's content (kept as its object text), not an event of its own. The same holds
    for demands, criticisms, rejections and threats."""
    asking = [d for d in drafts if d.info.root in ASKING_ROOTS]
    if not asking:
        return drafts
    keep = []
    for d in drafts:
        if d.status in ("hypothetical", "planned") and d not in asking:
            holder = next((a for a in asking if a.token.i != d.token.i and _inside_complement(d.token, a.token)), None)
            if holder is not None:
                continue
        keep.append(d)
    return keep


def _inside_complement(v: Token, head: Token) -> bool:
    node = v
    for _ in range(4):
        if node.head is node:
            return False
        if node.head.i == head.i:
            return node.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "pobj", "dobj", "acl", "relcl", "prep")
        node = node.head
    return False


SENTENCE_RULES: list[SentenceRule] = [
    reported_criticism,
    no_wrapper_statement,
    content_stays_in_the_demand,
    one_violent_act,
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

