"""Coding an article sentence by sentence: match predicates, draft events, run the rules, emit Events."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from ..actors.kb import knowledge_base
from ..actors.places import resolve_place
from ..model import ActorRef, Event, SentenceRef
from .coder import REPORTING_ROOT, Coder, Match
from .confidence import confidence, features, position
from .context import Context
from .drafts import Draft, draft
from .grammar import governing_verb
from .rules import DRAFT_RULES, SENTENCE_RULES
from .vocab import vocab

V = vocab()


def code_doc(coder: Coder, ctx: Context) -> tuple[list[Event], list[Event]]:
    """Every event of a parsed article and its incidents (what happened with no identifiable actor), in text
    order."""
    events: list[Event] = []
    incidents: list[Event] = []
    for s_index, sent in enumerate(ctx.doc.sents):
        found, incident = code_sentence(coder, ctx, sent, s_index)
        events.extend(found)
        incidents.extend(incident)
    events.sort(key=lambda e: (e.sentence.index, e.trigger.start))
    return events, incidents


def find_matches(coder: Coder, sent) -> dict[int, Match]:
    """The sentence's predicates that match the trigger lexicon, by token index."""
    matches: dict[int, Match] = {}
    light_objects: set[int] = set()
    consumed: set[int] = set()
    toks = list(sent)  # walked twice: each walk of a span makes a new Token per word
    for tok in toks:
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and (tok.dep_ == "ROOT" or tok.dep_ in ("ccomp", "conj", "advcl"))):
            m = coder.match_verb(tok)
            if m is not None:
                matches[tok.i] = m
                if m.obj is not None:
                    light_objects.add(m.obj.i)
                if m.consumed is not None:
                    consumed.add(m.consumed.i)
    for i in consumed:
        matches.pop(i, None)
    for tok in toks:
        if tok.pos_ == "NOUN" and tok.i not in light_objects and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            m = coder.match_noun(tok)
            if m is None:
                continue
            governor = governing_verb(tok)
            if governor is not None and governor.tag_ == "VBG" and governor.dep_ == "pcomp" \
                    and governor.head.lower_ in V.topic_preps:
                continue  # "focused on reviving a dialogue", "talked about resuming talks": a topic, not an event
            gm = matches.get(governor.i) if governor is not None else None
            if governor is not None and governor.lemma_.lower() in V.reversal_verbs and tok.dep_ in ("dobj", "nsubjpass"):
                continue  # "dropped the investigation", "called off the talks": not an investigation or talks
            # "announced a ceasefire", "approved the extradition": the noun is the event the verb reports
            # 'when they entered Tal Afar after a two-day offensive': going somewhere says nothing of the offensive
            if gm is None or gm.trigger.code[:2] == REPORTING_ROOT or governor.lemma_ in V.support_verbs \
                    or governor.lemma_ in V.entering_lemmas:
                matches[tok.i] = m
    return matches


def code_sentence(coder: Coder, ctx: Context, sent, s_index: int) -> tuple[list[Event], list[Event]]:
    """The events of one sentence, and its incident when no one identifiable acts in it."""
    matches = find_matches(coder, sent)
    # the paragraph break after a sentence is not part of it (the text sliced: Span.text joins its tokens anew)
    sent_end = sent.start_char + len(ctx.text[sent.start_char:sent.end_char].rstrip())
    sref = SentenceRef(s_index, sent.start_char, sent_end)
    lo = bisect_left(ctx.time_starts, sent.start_char)
    hi = bisect_left(ctx.time_starts, sent.end_char)
    sent_times = [t for t in ctx.times[lo:hi] if t.type in ("DATE", "TIME")]
    drafts: list[Draft] = []
    actorless: list[Draft] = []
    for _i, m in sorted(matches.items()):
        d: Draft | None = draft(coder, ctx, m, sent, sref, s_index, sent_times, matches)
        for rule in DRAFT_RULES:
            kept = rule(d, ctx, coder)
            if kept is None:
                ctx.dropped.append((rule.__name__, d))
                if rule.__name__ in ACTORLESS_DROPS:
                    actorless.append(d)
                break
            d = kept
        else:
            drafts.append(d)
    for sentence_rule in SENTENCE_RULES:
        before = drafts
        drafts = sentence_rule(drafts, ctx, coder)
        ctx.dropped.extend((sentence_rule.__name__, d) for d in before if all(d is not k for k in drafts))
    incidents = emit(_sentence_event(actorless)) if not drafts and actorless else []
    return [e for d in drafts for e in emit(d)], incidents


ACTORLESS_DROPS = {"needs_an_actor", "event_noun_names_someone"}


def _sentence_event(actorless: list[Draft]) -> Draft:
    """'Seventeen people were killed in three attacks on Sunday': when no one identifiable acts in a sentence, its
    most central action is recorded as an incident, with no actor and a low confidence. It is not an event (an
    event is an action by an identifiable actor; casualties with no actor are not one), but it says what kind of
    thing the sentence reports."""
    best = max(actorless, key=lambda d: (position(d.token, d.match), d.match.trigger.pos == "verb", -d.token.i))
    best.note("no-actor")
    return best


# 'him', 'her', 'them' are left out: an object pronoun is resolved to someone other than its clause's subject
SELF_WORDS = {"he", "she", "it", "they", "his", "its", "their", "himself", "herself", "itself", "themselves"}


def _same_actor(src: ActorRef, tgt: ActorRef) -> bool:
    """Whether two mentions with one code are one actor ('Paulson' … 'his decisions'), not two alike actors
    ('President-elect Obama met state governors': both USAGOV, two parties)."""
    if (src.start, src.end) == (tgt.start, tgt.end):
        return True
    first = tgt.text.split()[0].lower() if tgt.text.split() else ""
    if first in SELF_WORDS:
        return True
    return bool(src.name and tgt.name and src.name.lower() == tgt.name.lower())


def _a_name(d: Draft, ref: ActorRef) -> bool:
    """'Shater' in 'sentenced Morsi, Badie and Shater': a person or organisation no KB codes is still someone."""
    span = d.token.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and span.root.ent_type_ in ("PERSON", "ORG") \
        and resolve_place(ref.text, knowledge_base()) is None  # the tagger's 'person' Alexandria is a town


def _the_rest_of_a_list(refs: list[ActorRef | None]) -> list[ActorRef | None]:
    """'The United States, India and other governments sent aid': 'other governments' names no one of its own
    when the list has named countries; it is left out."""
    named = any(r is not None and r.country for r in refs)
    return [r for r in refs if not (named and r is not None and not r.country
                                    and r.text.split()[:1] and r.text.split()[0].lower() == "other")] or refs[:1]


UNCONVENTIONAL = "18"  # the root whose drafts may code some targets apart (see Draft.code_by_target)


def emit(d: Draft) -> list[Event]:
    """One Event per source and coded target of a draft (coordinated actors act one by one)."""
    out = []
    # "ordered a curfew in Cairo, Alexandria and Suez": objects that name no one are one act's text, not three acts
    targets = _the_rest_of_a_list([t for t in d.targets if t is not None and (t.code or _a_name(d, t))]
                                  or d.targets[:1])
    # "troops and armoured vehicles took up positions": the vehicles are no second actor
    sources = _the_rest_of_a_list([s for s in d.sources if s is not None and (s.code or _a_name(d, s))]
                                  or d.sources[:1])
    for src in sources:
        for tgt in targets:
            if src is not None and tgt is not None and src.code and src.code == tgt.code and not d.joint:
                if _same_actor(src, tgt):
                    # "Paulson defended his decisions": the actor is not its own target; the phrase stays as text
                    tgt = replace(tgt, code=None, country=None, sector=None)
            info = d.code_by_target.get(tgt.start, d.info) if tgt is not None and d.info.root == UNCONVENTIONAL \
                else d.info
            feats = features(d.match, info.root, d.status, src, tgt, d.rule, d.s_index)
            conf = confidence(feats) if d.fixed_confidence is None else d.fixed_confidence
            out.append(Event(
                code=info.code, root=info.root, name=info.name, quad_class=info.quad_class,
                penta_class=info.penta_class, plover=info.plover, goldstein=info.goldstein,
                source=src, target=tgt, trigger=d.trigger, sentence=d.sentence, joint=d.joint,
                date=d.date, date_precision=d.precision, location=d.where, status=d.status,
                attribution=d.attribution, confidence=conf, rule=d.rule))
    return out
