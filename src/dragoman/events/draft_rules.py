"""Rules that see one draft event at a time: they correct its code or status, or drop it (None).

The order they run in is decided in events/rules.py."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Token

from ..actors.mentions import REFLEXIVES, is_person_ref
from ..model import ActorRef, TimeExpr
from .appraisal import negative_cue, positive_cue
from .coder import REPORTING_ROOT, Coder
from .context import Context
from .drafts import Draft, noun_sources
from .grammar import children, clause_tokens
from .status import is_negated, refusal_status
from .unnamed_actors import crowd_the_sentence_names
from .vocab import vocab

V = vocab()


def modifiers_are_not_acts(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'the permitted zone', 'a mined road', 'Russia-backed separatists', 'expected protests': a participle or
    adjective that describes a noun is not an action that happened; nor is a present-tense clause describing a name
    in a past-tense story ('Cambodia, which chairs ASEAN, said')."""
    v = d.token
    if d.match.trigger.pos == "verb" and v.dep_ in ("amod", "compound", "nmod") and v.tag_ in ("VBN", "VBG", "JJ"):
        return None
    if d.match.trigger.pos == "verb" and v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN") \
            and v.lemma_.lower() in V.describing_participles:
        return None  # 'troops backed by French forces recaptured the town': who backs them describes them
    if d.match.trigger.pos == "verb" and v.dep_ == "acl" and v.tag_ == "VBG" and v.head.dep_ in ("nsubj", "nsubjpass") \
            and v.head.head.pos_ == "VERB" and v.doc[v.i - 1].text != ",":
        return None  # 'leaders meeting in Accra imposed sanctions': who acted, described by where they were (not
        # 'Biden, visiting Ankara, said': an act of its own set off by commas)
    if d.info.root == REPORTING_ROOT and d.match.trigger.pos == "verb" and v.dep_ in ("acl", "relcl") \
            and v.head.pos_ in ("NOUN", "PROPN") and not _names_an_actor(v.head, ctx) and not _said_in_it(v):
        if not any(c.dep_ == "ccomp" for c in v.children):
            return None  # 'land they once declared a caliphate', 'figures released by the ministry': what a thing is
        d.note(ABOUT_A_THING)  # 'a car that the Pentagon says was carrying bombers': kept only if it blames someone
    if d.match.trigger.pos == "verb" and v.dep_ in ("acl", "relcl") and _an_identity_claimed(v):
        return None  # 'men claiming to be Iraqi police', 'a group calling itself the army of ...': who they say they are
    if d.match.trigger.pos == "noun" and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in
                                             V.unrealised_modifiers for c in v.children):
        return None  # 'expected protests', 'a planned attack', 'possible strikes': nothing has happened yet
    if d.match.trigger.pos == "noun" and v.dep_ == "dobj" and V.idiom_nouns.get(v.lemma_.lower()) == \
            v.head.lemma_.lower() and not any(c.dep_ in ("det", "poss", "amod") for c in v.children):
        return None  # 'the army took charge of the country': an idiom, no criminal charge
    if _describes_in_present(v):
        return None  # 'Cambodia, which chairs ASEAN, said...': what the actor is, not what it did
    return d


ABOUT_A_THING = "about-a-thing"


def _said_in_it(v: Token) -> bool:
    """'an address in which he announces', 'a letter in which she said': the thing is where the words were said."""
    return any(c.dep_ == "prep" and any(o.dep_ == "pobj" and o.lower_ in ("which", "whom") for o in c.children)
               for c in v.children)


def _names_an_actor(head: Token, ctx: Context) -> bool:
    """Whether a noun phrase names someone (a person, a group, a body), not a thing or a place."""
    ref = ctx.resolver.resolve(head)
    return ref is not None and bool(ref.code) and not ctx.resolver.context.place_country(head.text)


def _an_identity_claimed(v: Token) -> bool:
    """'claiming to be police', 'calling itself a government', 'describing himself as a journalist': a clause on a
    noun saying what the ones described claim to be."""
    return any((c.dep_ == "xcomp" and c.lemma_ == "be") or (c.dep_ == "dobj" and c.lower_ in REFLEXIVES)
               for c in v.children)


def _describes_in_present(v: Token) -> bool:
    """'Guaidó, who says he is the legitimate president, called for protests': a present-tense relative clause on a
    name in a past-tense sentence describes the one named."""
    if v.dep_ != "relcl" or v.tag_ not in ("VBZ", "VBP") or v.head.pos_ != "PROPN":
        return False
    if any(c.dep_ == "aux" for c in v.children):
        return False  # 'who has said', 'which will chair'
    inside = {t.i for t in v.subtree}
    return any(t.tag_ == "VBD" and t.i not in inside for t in v.sent)  # the story is told in the past

def topics_are_not_acts(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The documents do not address the question of recognition between Belgrade and Pristina': an event noun
    named as the subject of a question, an issue or a prospect is a topic, not something that happened."""
    v = d.token
    if d.match.trigger.pos != "noun" or v.dep_ != "pobj" or v.head.lower_ != "of":
        return d
    return None if v.head.head.lemma_.lower() in V.topic_nouns else d


def labelled_things_are_not_acts(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The opposition described the deployment as an occupation': what a speaker puts a label on, and the label,
    are what the statement is about, not acts of the speaker's (the statement is coded on its own)."""
    v = d.token
    if d.match.trigger.pos != "noun" or any(c.dep_ == "poss" for c in v.children):
        return d  # 'described Russia's deployment' keeps Russia's act for the owner rules
    gov = v.head.head if v.dep_ == "pobj" and v.head.lower_ == "as" else v.head
    if v.dep_ not in ("dobj", "oprd", "attr", "pobj") or gov.lemma_.lower() not in V.labelling_verbs:
        return d
    return None


def time_anchors_are_not_acts(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'the deadliest attack since the invasion began', 'on the anniversary of the war', 'protests before the
    vote': an event noun that only marks a point in time refers to an event told elsewhere; it is not news."""
    v = d.token
    if d.match.trigger.pos != "noun":
        return d
    while v.dep_ == "pobj" and v.head.lower_ == "of" and v.head.head.lemma_.lower() in V.anchor_nouns:
        v = v.head.head  # 'since the start of the war': the start is the anchor
        if v.lemma_.lower() == "anniversary":
            return None
    if v.dep_ == "pobj" and v.head.lower_ in V.time_anchor_preps:
        return None
    clause = v.head if v.dep_ in ("nsubj", "nsubjpass") else None  # 'since the invasion began'
    if clause is not None and any(c.dep_ == "mark" and c.lower_ in V.time_anchor_preps for c in clause.children):
        return None
    return d


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
            # dated the day of the promise ('agreed on Friday to open ...'), not the day promised
            d.status, d.time = "reported", _time_of(v.head, ctx)
        d.set_date(ctx.published)
        d.note("intent")
    return d


def _time_of(v: Token, ctx: Context) -> TimeExpr | None:
    """The time expression of v's own clause."""
    clause = clause_tokens(v)
    for t in ctx.times:
        span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and t.type in ("DATE", "TIME") and any(tok.i in clause for tok in span):
            return t
    return None


def threat_is_threat(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The rebels threatened to attack the city', 'vowed to strike back', 'said they would keep fighting': force
    threatened, or announced by the side that will use it, is a threat (13x)."""
    if d.info.root < "14" or not (_under_head(d.token, V.threat_heads) or _own_force_foretold(d)):
        return d
    threat = V.code_for("threat_codes", d.info.code)
    if threat is not None and threat in coder.book:
        d.info = coder.book.info(threat)
        d.status = "reported"
        d.set_date(ctx.published)
        d.note("threat")
    return d


def a_warning_about_others_is_pessimism(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The Saudi government warned that Iraq was hurtling towards disintegration': a warning that names no one
    warned and foretells what others or events will do is a pessimistic comment (012); 'warned that it would
    retaliate' (the speaker's own act) and 'warned Israel' stay threats."""
    if d.info.code != "130" or d.token.lemma_.lower() not in V.warning_lemmas or d.match.obj is not None:
        return d
    if any(c.dep_ in ("dobj", "dative") for c in d.token.children):
        return d
    content = next((c for c in d.token.children if c.dep_ == "ccomp"), None)
    subj = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None) if content else None
    if subj is None or subj.lower_ in V.speaker_pronouns:
        return d
    if any(t.lemma_.lower() in V.threat_content_words for t in content.subtree):
        return d  # 'warned that government forces would face fierce resistance': a threat all the same
    said_of = ctx.resolver.resolve(subj)
    if said_of is not None and d.source is not None and said_of.code and said_of.code == d.source.code:
        return d
    d.info = coder.book.info("012")
    d.targets = [None]
    d.note("pessimism")
    return d


def _own_force_foretold(d: Draft) -> bool:
    """'The rebels said they would keep fighting': force (18-20) the speaker's own side says it will use."""
    if d.info.root not in ("18", "19", "20") or d.info.code in ("191", "192") or d.status not in ("planned", "reported"):
        return False  # closing borders (191) or holding ground (192) announced is a plan, not a threat
    node = d.token
    while node.dep_ == "xcomp" and node.head.lemma_.lower() in V.aspect_verbs:
        node = node.head  # 'would keep fighting'
    if node.dep_ != "ccomp" or node.head.lemma_.lower() not in V.say_verbs:
        return False
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ in V.speaker_pronouns and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in node.children)


def conditional_force_is_a_threat(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Kerry said Washington would impose further sanctions if there was no progress', 'Israel would take
    whatever action was needed if rocket fire continued': force or sanctions promised on a condition are a threat
    (13x), made when it was said."""
    v = d.token
    if d.info.root < "15" or not _on_a_condition(v):
        return d
    threat = V.code_for("threat_codes", d.info.code)
    if threat is None or threat not in coder.book:
        return d
    d.info = coder.book.info(threat)
    d.status = "reported"
    d.time = None
    d.set_date(ctx.published)
    d.note("conditional-threat")
    return d


def _on_a_condition(v: Token) -> bool:
    """Whether v, or the word it depends on ('ready to impose ... if'), carries an 'if'/'unless' clause and a
    future or conditional modal."""
    nodes = (v, v.head, v.head.head)
    conditioned = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in V.condition_marks
                                               for m in c.children) for node in nodes for c in node.children)
    modal = any(any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in node.children)
                or node.lemma_.lower() in ("ready", "prepared", "willing") for node in nodes)
    return conditioned and modal


LABELLED_ROOTS = ("01", "02", "03", "12")  # saying, calling (for), declaring, dismissing


FUTURE_MODALS = {"will", "would", "shall", "'ll"}
PRICES = {"price", "cost", "consequence", "consequences"}


def force_foretold(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The army said military operations would intensify' is a threat of force (138), 'Netanyahu said Hamas would
    pay a heavy price' a threat (130): a statement that foretells force, or a price for someone to pay."""
    if d.info.code != "010":
        return d
    for comp in d.token.children:
        if comp.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in comp.children):
            continue
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        verb = comp.lemma_.lower()
        if subj.lemma_.lower() in V.force_nouns and verb in V.escalation_verbs:
            code, target = "138", None
        elif verb in V.paying_verbs and not any(c.dep_ == "neg" for c in comp.children) and all(
                c.lemma_.lower() in PRICES for c in comp.children if c.dep_ == "dobj"):
            code, target = "130", coder.actor(subj, ctx.resolver)
            if not target.code or target.code == (d.source.code if d.source else None):
                continue  # 'the company said it would not pay a dividend': no one is threatened
        else:
            continue
        d.info = coder.book.info(code)
        if target is not None and target.code and target.code != (d.source.code if d.source else None):
            d.targets = [target]
        d.note(f"foretold:{verb}")
        return d
    return d


def refusal_foretold(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Protesters on the square said they would not leave', 'he said he would not step down': saying one will not
    yield is a refusal (124; 125 for 'would not negotiate'), not a bare statement."""
    if d.info.code != "010":
        return d
    for comp in d.token.children:
        if comp.dep_ != "ccomp" or comp.lemma_.lower() not in V.yielding_verbs or not is_negated(comp):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS | {"will", "wo"} for c in comp.children):
            continue
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or (subj.lower_ not in V.speaker_pronouns and not _same_side(coder, ctx, subj, d)):
            continue
        d.info = coder.book.info("125" if comp.lemma_.lower() in ("negotiate", "talk") else "124")
        d.note(f"refusal:{comp.lemma_.lower()}")
        return d
    return d


def _same_side(coder: Coder, ctx: Context, subj: Token, d: Draft) -> bool:
    ref = coder.actor(subj, ctx.resolver)
    return d.source is not None and ref.code is not None and ref.code == d.source.code


def _a_label(c: Token, obj: Token | None) -> bool:
    """A complement that labels the object: 'a coup' (second object), 'illegal', 'dead' ('the plan dead')."""
    if c.dep_ in ("oprd", "attr", "acomp"):
        return True
    if c.dep_ == "dobj":
        return obj is not None and c.i != obj.i
    return c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("ADJ", "NOUN")


def label_decides(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The Brotherhood called the takeover a military coup' is a criticism (111), 'called the agreement a
    breakthrough' a praise (051), 'declared the peace plan dead' a rejection of the plan (127): the label put on
    something decides the act, not the verb of saying."""
    v = d.token
    if d.info.root not in LABELLED_ROOTS or v.lemma_.lower() not in V.labelling_verbs \
            or d.match.trigger.prep or d.match.trigger.particle:
        return d  # 'called on', 'called for' put no label
    obj = d.match.obj
    if any(c.tag_ in ("WP", "WDT") for c in v.children if c.dep_ in ("dobj", "nsubjpass")):
        return d  # 'what the government described as a regime of terror': a description in passing
    label = [t for c in v.children if _a_label(c, obj) for t in c.subtree]
    label += [t for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree]
    labelled = obj if obj is not None else next(iter(children(v, "dobj")), None)
    if labelled is not None:  # "called the takeover a coup" parsed with the label inside the object's phrase
        label += [t for c in labelled.children if c.dep_ in ("appos", "oprd") and c.i > labelled.i
                  for t in c.subtree]
        # "described the events as a coup" parsed with 'as' on the object
        label += [t for c in labelled.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree]
    killed = next((t for t in label if t.lower_ in V.killing_labels), None)
    plans = [t for t in ([obj] if obj is not None else []) + label if t.lemma_.lower() in V.plan_nouns]
    if killed is not None and plans:
        code, why = "127", killed.lower_
    elif (cue := negative_cue(label)) is not None:
        code, why = "111", cue
    elif (cue := positive_cue(label)) is not None:
        code, why = "051", cue
    else:
        return d
    d.info = coder.book.info(code)
    d.note(f"label:{why}")
    if obj is not None and not any(t is not None and t.code for t in d.targets):
        whose = coder.actor(obj, ctx.resolver)  # "called Kosovo's move a provocation": Kosovo is criticised
        if whose.code and whose.code != (d.source.code if d.source else None):
            d.targets = [whose]
    return d


PHONE_CALL = "041"


def a_call_to_someone_is_a_phone_call(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Putin called Merkel on Monday', 'the president called his Lebanese counterpart to assure him of support': to
    call someone, with no label put on them, is to discuss by telephone (041), not a statement."""
    v = d.token
    if d.info.code != "010" or d.match.trigger.lemma != "call" or d.match.passive:
        return d
    if any(c.dep_ in ("oprd", "ccomp", "attr", "acomp") for c in v.children):
        return d  # 'called the move illegal', 'called it a provocation'
    obj = next(iter(children(v, "dobj")), None)
    if obj is None or any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in obj.children):
        return d
    if not any(t is not None and t.code for t in d.targets):
        return d
    d.info = coder.book.info(PHONE_CALL)
    d.note("phone-call")
    return d


def calls_for_something_are_appeals(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Abiy rejected US calls for a ceasefire', 'renewed calls for talks': a call for something or to do something is
    an appeal (020) by whoever the noun says makes it, not a phone call; when the noun names no caller, the verb's
    subject makes it only with a verb of making calls ('renewed calls'), not when he faces or rejects them
    ('Talabani faces calls to resign' names no one who calls)."""
    n = d.token
    if d.match.trigger.pos != "noun" or n.lemma_.lower() != "call" or d.info.root != "04":
        return d
    asks = any((c.dep_ == "prep" and c.lower_ == "for") or (c.dep_ in ("acl", "relcl") and c.tag_ == "VB"
                                                            and any(x.lower_ == "to" for x in c.children))
               for c in n.children)
    doc = n.doc
    asks = asks or (n.i + 2 < len(doc) and doc[n.i + 1].lower_ == "to" and doc[n.i + 2].tag_ == "VB")  # parser's advcl
    if not asks:
        return d
    if not noun_sources(n, d.info.code):
        governor = n.head if n.dep_ in ("dobj", "nsubjpass") else None
        if governor is None or governor.lemma_.lower() not in V.call_making_verbs:
            return None
    d.info = coder.book.info("020")
    d.note("appeal")
    return d


def expulsion_by_whom_it_sends_away(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The junta ordered the French ambassador to leave' is a break in relations (161), 'ordered UN peacekeepers to
    leave' an expulsion of peacekeepers (1661): an order to leave is expelling, and whom it sends away decides the
    kind, as for 'expel' itself."""
    if d.info.code != "174" or not d.match.trigger.xcomps:
        return d
    sent_away = next(iter(children(d.token, "dobj")), None)
    if sent_away is None:
        return d
    words = {t.lemma_.lower() for t in sent_away.subtree if t.pos_ in ("NOUN", "PROPN")}
    for entry in coder.lex.verb_entries("expel"):
        if entry.objects & words and not entry.xcomps and entry.code != "174":
            d.info = coder.book.info(entry.code)
            d.note(f"sends-away:{entry.code}")
            break
    return d


def event_noun_names_someone(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The meeting lasted an hour': an event noun with nobody named is not worth recording, unless it is a protest
    and the sentence names the one crowd that holds it. (A release noun that frees no one named, 'as BP releases
    underwater footage', is dropped by acts_on_someone_need_someone: its lexicon entry needs a target.)"""
    if d.match.trigger.pos == "noun" and not any(a is not None and a.code for a in (*d.sources, *d.targets)):
        crowd = crowd_the_sentence_names(d, ctx, coder)  # 'detained dozens of demonstrators as protests went on'
        if crowd is None:
            return None
        d.sources = [crowd]
        d.note("crowd-named")
    return d


def acts_on_someone_need_someone(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The king received the envoy' hosts a visit; 'the soldier received a medal' and 'the advice it received'
    are no event: a trigger marked `needs_target` in the lexicon is dropped unless its target is a coded actor."""
    if d.match.trigger.needs_target and not any(t is not None and t.code for t in d.targets):
        return None
    return d


def not_aimed_at_itself(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Merkel defended Germany's decision', 'Qatar withdrew its peacekeepers', 'Britain will withdraw its
    troops from Iraq': an actor's own country, its own forces and the place it leaves are not whom it acts on
    (the phrase stays as the event's object text, with no actor code); a person of that country is ('Kiir
    pardoned him'). An armed group's forces are not the state's: 'militants surrendered to government forces'
    keeps its target."""
    src = d.source
    withdrawal = d.info.code.startswith(tuple(V.own_forces_codes))
    kept = []
    for t in d.targets:
        if t is not None and t.code and src is not None and src.country:
            own_country = t.sector is None and not t.role and t.country == src.country \
                and (src.sector or "") in V.state_sectors and not is_person_ref(ctx.resolver, t)
            own_forces = withdrawal and t.sector in ("MIL", "COP") and (
                t.country is None or (t.country == src.country and (src.sector or "") in V.state_sectors))
            left_place = withdrawal and t.sector is None and _after_from(ctx, t)
            if own_country or own_forces or left_place:
                d.note("not-itself")
                t = replace(t, code=None, country=None, sector=None)  # stays as the object text
        kept.append(t)
    d.targets = kept
    return d


def visitors_come_from_elsewhere(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The foreign minister visited Kiev': a visitor is not of the country he visits; an unnamed office-holder who
    took his country only from the story keeps his office (GOV) and loses that country."""
    src, tgt = d.source, (d.targets[0] if d.targets else None)
    if d.info.code != "042" or src is None or tgt is None or not src.country or src.country != tgt.country:
        return d
    if src.name and ctx.resolver.kb.person(src.name) is not None or _names_a_country(ctx, src):
        return d  # 'President Obama visited Kenya' knows its man; 'Kenyan officials visited Nairobi' its country
    d.sources = [replace(src, code=src.sector, country=None) if s is src else s for s in d.sources]
    d.note("visitor")
    return d


RESIGNATION = "0831"


def leaving_office_is_done_in_office(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Sheikh Hasina resigned as prime minister on Monday': whoever resigns does so in the office the resignation
    ends; a known person's code is the role held the day before, not the one that follows."""
    src = d.source
    if d.info.code != RESIGNATION or src is None or not src.name or not src.country:
        return d
    person = ctx.resolver.kb.person(src.name)
    day = date.fromisoformat(d.date) if d.date and len(d.date) == 10 else ctx.published
    role = person.role_on(day - timedelta(days=1)) if person is not None and day is not None else None
    if role is None or role.code == src.code or role.code[:3] != src.country:
        return d
    d.sources = [replace(src, code=role.code, sector=role.code[3:6] or None) if s is src else s for s in d.sources]
    d.note("in-office")
    return d


def _names_a_country(ctx: Context, ref: ActorRef) -> bool:
    span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("GPE", "NORP") for t in span)


def statements_outside_politics(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Merrill Lynch reported a quarterly loss', 'BP announced the cap was capturing 10,000 barrels a day', 'a
    reporter said the streets were empty', 'the Red Cross said three million were affected': a bare statement of
    fact by a company, a journalist or a relief agency, aimed at no one, is not a political act (a
    company that lobbies, sues, admits fault or is bailed out still acts, through the more specific code). So is a
    company's bare plan aimed at no one ('BP plans to insert a tube into the riser')."""
    if d.info.code not in (REPORTING_ROOT + "0", "030") or any(t is not None and t.code for t in d.targets):
        return d
    if d.sources and all(s is not None and _outside_politics(s) for s in d.sources):
        return None
    return d


def _outside_politics(ref: ActorRef) -> bool:
    code = ref.code or ""
    if "GOV" in code:
        return False  # a ministry's spokesman or a state company speaks for the state
    return ref.sector in V.apolitical_speakers or code.startswith(tuple(V.apolitical_organisations))


def private_comings_and_goings(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Pakistani girls going to school', 'residents fled to Turkey', 'the carmaker's chief met editors': people in
    private life travelling, fleeing or meeting each other do not consult or retreat in CAMEO's sense; and only
    armed forces retreat by fleeing ('soldiers fled across the border', not 'people fleeing the city'). Coming
    back is no return of anything ('the executives return to Capitol Hill'): 084 returns something."""
    if d.info.code == "084" and d.match.obj is None and d.match.trigger.pos == "verb" \
            and not children(d.token, "dobj", "nsubjpass", "dative"):
        return None
    if not (d.info.root == "04" or d.info.code == "0874") or not d.sources:
        return d
    if d.info.code == "0874" and d.token.lemma_.lower() in V.fleeing_lemmas and not any(
            s is not None and s.sector in V.combatant_sectors for s in d.sources):
        return None  # 'people fleeing Khartoum', 'the president fled the country': only forces retreat
    private = all(s is not None and s.code and s.sector in V.private_sectors for s in d.sources)
    # the place they go to or flee ("a boy visiting Texas", "fled to Turkey") is no one they meet
    met = [t for t in d.targets if t is not None and t.code and t.sector is not None]
    if private and all(t.sector in V.private_sectors for t in met):
        return None
    return d


def _after_from(ctx: Context, ref: ActorRef) -> bool:
    """'from Iraq': the phrase is the object of 'from' (the place left)."""
    span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ == "from"


def markets_do_not_act(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The Dow rallied late in the day', 'stocks swung back and forth', 'Tuesday's rally', 'files for bankruptcy
    protection': markets, prices and indexes move, they do not protest, fight or cooperate."""
    v = d.token
    subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lemma_.lower() in V.market_words:
        return None
    if any(c.dep_ in ("poss", "compound", "nmod") and c.lemma_.lower() in V.market_words
           or c.dep_ == "poss" and c.ent_type_ == "DATE" for c in v.children):
        return None
    return d


def unconventional_violence(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Gunmen killed five teachers', 'a suicide bomber attacked a checkpoint': violence by insurgents, gunmen or
    mobs is CAMEO's unconventional violence (18x), not conventional military force (19x). 'Insurgents killed
    three soldiers' stays 190: killing combatants is fighting; 'killed a dozen civilians and a marine' does not."""
    src = d.source
    if d.info.root != "19" or src is None or not src.code:
        return d
    words = f" {' '.join(re.findall(r'[a-z]+', src.text.lower()))} "  # whole words: 'ied' is not in 'unidentified'
    kind = next((code for cue, code in V.attack_kinds.items() if f" {cue} " in words), None)
    hit = [t for t in d.targets if t is not None and t.code]
    fighters = [t for t in hit if t.sector in V.combatant_sectors]
    combatants = bool(hit) and len(fighters) == len(hit)  # 'a dozen Iraqis and a marine' is not fighting
    if kind is None and src.sector in V.unconventional_sectors and d.info.code == "190" \
            and d.token.lemma_.lower() in V.killing_lemmas and not combatants:
        kind = "180"
    if kind is not None and kind in coder.book:
        if fighters and d.info.code == "190" and kind == "180":  # 'a dozen Iraqis and a US marine': the marine
            d.code_by_target = {t.start: d.info for t in fighters}  # fell in fighting (190), the Iraqis did not
        d.info = coder.book.info(kind)
        d.note("unconventional")
    return d


def standing_position(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Serbia does not recognise Kosovo's independence', 'rebels control the town': a state, repeated in every
    background paragraph, not something that happened on the publication day. Kept as background, undated."""
    v = d.token
    if d.match.trigger.pos != "verb" or d.time is not None or d.status not in ("reported", "negated") \
            or not _present(v):
        return d
    lemma = v.lemma_.lower()
    governor = v.head if v.dep_ == "xcomp" else v  # "still refuses to recognise": the head carries the tense
    qualified = is_negated(v) or is_negated(governor) or _has_marker(v) or _has_marker(governor) \
        or _perfect(governor)
    stative = lemma in V.stative_lemmas and d.info.root not in ("18", "19", "20")
    # 'The government accuses Rwanda of backing the rebels, which Kigali denies' in a story told in the past
    qualified = qualified or (lemma in V.standing_claims and v.tag_ in ("VBZ", "VBP") and ctx.told_in_the_past)
    if not (stative or (lemma in V.qualified_stative_lemmas | V.standing_claims and qualified) or (
            governor is not v and governor.lemma_.lower() in V.qualified_stative_lemmas and qualified)):
        return d
    d.status = "background"
    d.time = None
    d.date = d.precision = None
    d.note("standing-position")
    return d


def _present(v: Token) -> bool:
    """Present tense (simple or perfect), of v or of the verb it is the infinitive of; a 'will never' said in
    the present ('Serbia says it will never recognise') is a present position too."""
    node = v.head if v.dep_ == "xcomp" and v.tag_ == "VB" else v
    auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in V.future_auxiliaries for a in auxes) and node.dep_ == "ccomp" \
            and node.head.lemma_.lower() in V.say_verbs | {"maintain"} and _present(node.head):
        return True
    if any(a.lower_ in V.future_auxiliaries or a.tag_ == "VBD" or a.lower_ in ("would", "could", "might")
           for a in auxes):
        return False
    return node.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes) or (
        node.tag_ == "VBN" and any(a.lower_ in ("has", "have") for a in auxes))


def _has_marker(v: Token) -> bool:
    if any(c.dep_ in ("advmod", "neg") and c.lower_ in V.standing_markers for c in v.children):
        return True
    return v.dep_ == "xcomp" and v.head.lemma_.lower() in V.standing_markers  # "continues to refuse"


def _perfect(v: Token) -> bool:
    return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in v.children)


def aid_to_business(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Dexia is rescued by the governments of France and Belgium', 'the state helped the carmakers': aid whose
    recipient is a company or a bank is economic aid (071), not relief (073) or aid unspecified (070)."""
    if d.info.code not in ("070", "073"):
        return d
    if any(t is not None and t.sector == "BUS" for t in d.targets):
        d.info = coder.book.info("071")
        d.note("to-business")
    return d


HUMANITARIAN_HELP = "075"


def borders_opened_to_refugees(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Iran opened its borders to displaced Afghans': opening a border to people in flight is giving them refuge
    (075), not easing a restriction on a state (081)."""
    obj = d.match.obj
    if d.info.code != "081" or obj is None or obj.lemma_.lower() not in ("border", "frontier"):
        return d
    fled = [t for t in d.targets if t is not None and (t.sector in ("REF", "CVL") or any(
        w in t.text.lower() for w in V.refugee_words))]
    if fled:
        d.info = coder.book.info(HUMANITARIAN_HELP)
        d.note("refuge")
    return d


def should_is_an_appeal(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Bernanke said Congress should consider a second stimulus': telling another actor what it should do is an
    appeal (020) to it; 'Russia says Israel must end the attacks' is a demand (100). What it should do stays the
    content."""
    v = d.token
    if d.info.code != "010" or v.lemma_.lower() not in V.say_verbs:
        return d
    for clause in (c for c in v.children if c.dep_ == "ccomp"):
        modal = next((a.lower_ for a in clause.children if a.dep_ == "aux" and a.lower_ in V.obligation_codes), None)
        if modal is None:
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        whom = coder.actor(subj, ctx.resolver) if subj is not None else None
        if whom is None or not whom.code or (d.source is not None and whom.code == d.source.code):
            continue
        d.info = coder.book.info(V.obligation_codes[modal])
        d.targets = [whom]
        d.note("appeal" if d.info.root == "02" else "demand")
        break
    return d


def neither_confirmed_nor_denied(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The ministry neither confirmed nor denied the report': declining to comment (011), not a denial."""
    v = d.token
    if d.info.root == REPORTING_ROOT and v.lemma_.lower() in ("confirm", "deny") and (
            any(c.lower_ == "neither" for c in v.children) or (v.dep_ == "conj" and any(
                c.lower_ == "neither" for c in v.head.children))):
        d.info = coder.book.info("011")
        d.status = "reported"
        d.note("neither-nor")
    return d


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
    """'agreed to open', 'is willing to withdraw', 'an offer to mediate': v is the infinitive under one of these
    heads."""
    if v.dep_ == "acl" and v.head.pos_ == "NOUN" and any(c.lower_ == "to" for c in v.children):
        return v.head.lemma_.lower() in heads
    if v.dep_ != "xcomp":
        return False
    head = v.head
    if head.lemma_.lower() in V.aspect_verbs and head.dep_ == "xcomp":
        head = head.head  # 'vowed to keep fighting': keep only says it goes on
    return head.lemma_.lower() in heads or head.lower_ in heads
