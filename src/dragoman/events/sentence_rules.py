"""Rules that see all the drafts of one sentence: one event per action, criticism read from reported words.

The order they run in is decided in events/rules.py."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from ..data import load_yaml
from ..model import ActorRef, Span
from .coder import REPORTING_ROOT, Coder
from .context import Context
from .drafts import Draft
from .vocab import vocab

V = vocab()

CRITICISM_CODE = "111"


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
        if d.match.trigger.pos == "verb" and any(
                o is not d and o.token.dep_ == "xcomp" and o.token.head.i == d.token.i and (
                    (d.info.root == "12" and o.info.root == "12") or "|intent" in o.rule or "|threat" in o.rule)
                for o in drafts):
            continue  # "refused to recognise", "agreed to open": the infinitive codes the one act (12x, 03x)
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


def no_duplicates(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The ministry neither confirmed nor denied the report': two verbs, one act (011) by one actor."""
    seen: set[tuple] = set()
    keep = []
    for d in drafts:
        key = (d.info.code, tuple(a.code if a else None for a in d.sources),
               tuple(a.code if a else None for a in d.targets), d.status)
        if key in seen and all(d.sources) and d.source.code:
            continue
        seen.add(key)
        keep.append(d)
    return keep


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
