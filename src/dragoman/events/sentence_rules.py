"""Rules that see all the drafts of one sentence: one event per action, criticism read from reported words.

The order they run in is decided in events/rules.py."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..actors.mentions import is_person_ref
from ..model import ActorRef, Span
from .appraisal import felt_disapproval, judgement_of, negative_cue
from .coder import REPORTING_ROOT, Coder, joins_the_main_clause, ordering_verb
from .context import Context
from .draft_rules import ABOUT_A_THING
from .drafts import Draft
from .status import is_negated
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
        code = CRITICISM_CODE
        if found is None:
            judged = _judged(coder, ctx, d.token, speaker)
            if judged is None:
                continue
            code, target, cue = judged
        else:
            target, cue = found
        v = d.token
        out.append(replace(d, info=coder.book.info(code), sources=[speaker], targets=[target], joint=False,
                           trigger=Span(v.text, v.idx, v.idx + len(v.text)), attribution=None, where=None,
                           rule=f"reported-criticism:{v.lemma_}:{cue}", fixed_confidence=None))
    return out


DENYING_ROOTS = {"12"}  # rejections; a denial is 016, inside the 01 root
DENIAL_CODE = "016"


def denied_charges_were_made(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'Ethiopia's government rejected accusations by the US that its army committed abuses', 'the ministry denied
    allegations from rights groups': the charge denied was made, by its named author against the one who denies
    it (112; a criticism 111), beside the denial."""
    out = list(drafts)
    for d in drafts:
        denier = d.source
        if not (d.info.code == DENIAL_CODE or d.info.root in DENYING_ROOTS) or denier is None or not denier.code \
                or d.status in UNREALISED:
            continue
        noun = d.match.obj if d.match.obj is not None else next((c for c in d.token.children if c.dep_ == "dobj"),
                                                               None)
        code = V.charge_nouns.get(noun.lemma_.lower()) if noun is not None else None
        author = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                       for p in c.children if p.dep_ == "pobj"), None) if code else None
        if author is None:
            continue
        accuser = coder.actor(author, ctx.resolver)
        if accuser is None or not accuser.code or accuser.code == denier.code:
            continue
        out.append(replace(d, info=coder.book.info(code), sources=[accuser], targets=[_accused(noun, ctx, coder)
                                                                                     or denier], joint=False,
                           trigger=Span(noun.text, noun.idx, noun.idx + len(noun.text)), attribution=None,
                           where=None, rule=f"denied-charge:{noun.lemma_.lower()}", fixed_confidence=None))
    return out


def _accused(noun: Token, ctx: Context, coder: Coder) -> ActorRef | None:
    """Whom a charge names in its own clause ('accusations that its military committed abuses': its military)."""
    for clause in noun.children:
        if clause.dep_ in ("acl", "ccomp", "relcl") and any(c.dep_ == "mark" and c.lower_ == "that"
                                                            for c in clause.children):
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            ref = coder.actor(subj, ctx.resolver) if subj is not None else None
            if ref is not None and ref.code:
                return ref
    return None


def _judged(coder: Coder, ctx: Context, v: Token, speaker: ActorRef) -> tuple[str, ActorRef | None, str] | None:
    """'The UN said the mass sentence breached international law', 'Washington said it was deeply troubled by the
    verdict': a statement that condemns a thing (111), or states the speaker's disapproval (110, 111 when strong),
    is a criticism of the thing's author when the text names one."""
    for comp in v.children:
        if comp.dep_ != "ccomp" or is_negated(comp):
            continue
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        predicate = [t for c in comp.children if c.i != subj.i and c.dep_ not in ("advcl", "mark", "aux", "neg")
                     for t in c.subtree] + [comp]
        own = subj.lower_ in V.speaker_pronouns | {"i", "we"} or (
            speaker.country and coder.actor(subj, ctx.resolver).country == speaker.country)  # "Washington was"
        feeling = felt_disapproval(predicate) if own else None
        if feeling is not None:
            code, cue = feeling
            # "disappointed that the regional government went ahead with the vote": whoever did what disappoints
            thing = next((o for c in comp.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "ccomp"
                          for o in x.children if o.dep_ in ("nsubj", "nsubjpass")), None)
            if thing is None:  # "troubled by the verdict", "was disgusted by the decision"
                thing = next((o for c in comp.children if c.dep_ in ("acomp", "prep", "agent") for o in c.subtree
                              if o.dep_ == "pobj"), None)
        else:
            cue = judgement_of(comp)
            if cue is None:
                continue
            code, thing = CRITICISM_CODE, subj
        target = _author(coder, ctx, thing, speaker) if thing is not None else None
        return code, target, cue
    return None


def _author(coder: Coder, ctx: Context, thing: Token, speaker: ActorRef) -> ActorRef | None:
    """Whose the judged thing is ('the government's use of violence' → the government), if not the speaker's."""
    ref = coder.actor(thing, ctx.resolver)
    if ref.code and ref.code != speaker.code:
        return ref
    return None


UNREALISED = {"negated", "hypothetical"}  # a statement that something did not or may happen is the event
WRAPPER_CODES = {"010", "011", "012", "013", "014", "015", "017", "018", "019", "030"}


def no_wrapper_statement(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The ministry said police had arrested two men': the arrest is coded (reported by the ministry); the
    'said' adds no 010 of its own. Likewise 'agreed to lay down its weapons' is one promise (0356), not a bare
    'agreed' (030) besides it; 'a judge ordered the activist released' is the release alone. A statement is an
    event only when it says nothing more specific, and not when it only says what a thing is ('a car that the
    Pentagon says was carrying bombers'). 'According to the army, rebels attacked a village' is the attack alone;
    'according to the finance minister, markets remain strained' is the minister's statement, since the sentence
    codes nothing else; 'according to the Commerce Department, sales fell' only cites a body's figures. A claim of
    responsibility is never a wrapper ('claimed responsibility for the attack, which killed ten')."""
    keep = []
    for d in drafts:
        if d.match.trigger.lemma == "accord" and (any(o is not d for o in drafts) or not _a_person_speaks(d, ctx)):
            continue
        if any(o is not d and o.token.head.i == d.token.i and (o.token.dep_ == "xcomp" or (
                o.token.dep_ == "acl" and d.match.trigger.pos == "noun")) and (
                    (d.info.root == "12" and o.info.root == "12") or "|intent" in o.rule or "|threat" in o.rule)
                for o in drafts):
            continue  # "refused to recognise", "agreed to open", "an offer to mediate": the infinitive codes the one
            # act (12x, 03x)
        if d.info.root == "10" and any(o is not d and (g := ordering_verb(o.token)) is not None and g.i == d.token.i for o in drafts):
            continue  # "ordered the activist released": the release is the act; the order demands nothing more
        if d.info.code in WRAPPER_CODES and d.match.trigger.pos == "verb" and not _responsibility_claimed(d):
            inside = {t.i for t in d.token.subtree}
            wrapped = [o for o in drafts if o is not d and o.token.i in inside and o.status not in UNREALISED and (
                o.info.code not in WRAPPER_CODES or d.info.code == "010")  # "said they hoped": one statement
                # 'expressed condolences over the attack': the attack is what it is about, not what it reports
                and not (d.info.code != "010" and _topic_of(o.token, d))]
            if wrapped or _attribution_tail(d, drafts):
                continue
        if d.info.code == "010" and ABOUT_A_THING in d.rule.split("|"):
            continue  # 'a car that the Pentagon says was carrying bombers': what a thing is said to be, no event
        if d.match.trigger.pos == "noun" and ((d.info.code in WRAPPER_CODES and _how_it_was_said(d, drafts))
                                               or _what_is_reacted_to(d, drafts)):
            continue
        keep.append(d)
    return keep


def _responsibility_claimed(d: Draft) -> bool:
    """'The Taliban claimed responsibility for the attack, which killed ...': the claim is the act, whatever the
    attack it names did."""
    return d.info.code == "015" and d.match.obj is not None and d.match.obj.lemma_.lower() == "responsibility"


def _a_person_speaks(d: Draft, ctx: Context) -> bool:
    """Whether the draft's source is a person (someone named, or a one-person title), not a body citing figures."""
    src = d.source
    if src is None:
        return False
    span = d.token.doc.char_span(src.start, src.end, alignment_mode="expand")
    return is_person_ref(ctx.resolver, src, span.root if span is not None else None)


def _how_it_was_said(d: Draft, drafts: list[Draft]) -> bool:
    """'In a television interview, he said he would not resign', 'said in a statement': the interview or the
    statement is the channel of a verb's act (or of the saying itself), not a second statement."""
    n = d.token
    if n.dep_ != "pobj" or n.head.dep_ != "prep":
        return False
    verb = n.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.lemma_.lower() in V.say_verbs or any(o is not d and o.token.i == verb.i for o in drafts)


def _what_is_reacted_to(d: Draft, drafts: list[Draft]) -> bool:
    """'Iran welcomed the announcement', 'the UN welcomed the agreement': an event noun that another act is about,
    naming no one as its author, is that act's object (someone else's act, coded where it was made), not an act of
    the reacting side."""
    n = d.token
    if n.dep_ != "dobj" or any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in n.children):
        return False  # "welcomed Putin's offer to mediate": Putin's offer is his act
    verb = n.head.lemma_.lower()
    if verb in V.support_verbs and verb not in V.reacting_verbs:
        return False  # "approved the extradition", "ordered the release": the verb's subject does the act
    return any(o is not d and o.token.i == n.head.i and o.info.code not in WRAPPER_CODES for o in drafts)


BLAME_ROOT = "11"


def statements_inside_other_acts(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The minister rejected the accusation, saying the strategy was sound': the saying is how the rejection
    was made, not a second event; nor is a statement inside a description ('what it said were inaccuracies',
    'land they once declared a caliphate'), nor the demand a protest makes ('marched, calling for his
    resignation')."""
    acts = {d.token.i for d in drafts}
    protests = {d.token.i for d in drafts if d.info.root == "14"}
    keep = []
    for d in drafts:
        v = d.token
        if d.info.root in ("02", "10") and v.tag_ == "VBG" and v.dep_ in ("advcl", "acl") and v.head.i in protests:
            continue  # "took to the streets, calling for the president to go": what the protest demands
        if v.tag_ == "VBG" and d.info.root not in VIOLENT_ROOTS and d.info.root != BLAME_ROOT \
                and _how_it_was_done(v, drafts, d):
            # "attacked the embassy, smashing windows and overturning cars": the attack, done so; but "ordered an
            # offensive, accusing the front of attacking a base" also accuses, an act of its own
            continue
        if d.info.code in WRAPPER_CODES and d.match.trigger.pos == "verb" and (
                (v.dep_ == "advcl" and v.tag_ == "VBG" and v.head.i in acts)
                or _describes_its_noun(v) or _in_free_relative(v)):
            continue
        keep.append(d)
    return keep


def _how_it_was_done(v: Token, drafts: list[Draft], d: Draft) -> bool:
    """A participle after a comma (or one coordinated with it) that tells how a violent or protest act by the same
    side was carried out: one act, not several."""
    first = v
    while first.dep_ == "conj" and first.head.tag_ == "VBG" and first.head is not first:
        first = first.head
    if first.dep_ != "advcl" or first.i == 0 or v.doc[first.i - 1].text != ",":
        return False
    return any(o is not d and o.token.i == first.head.i and o.info.root in ("14", "17", "18", "19", "20")
               and (d.source is None or o.source is None or d.source.code == o.source.code) for o in drafts)


def _describes_its_noun(v: Token) -> bool:
    """'the reefs it claims', 'the land they declared a caliphate': a relative clause whose noun is what the verb
    says something of describes that noun ('an address in which he announced that ...' still announces)."""
    if v.dep_ != "relcl":
        return False
    deps = {c.dep_ for c in v.children}
    relative_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which")
                           for c in v.children)
    return not relative_subject and not deps & {"ccomp", "xcomp", "prep"} and "dobj" not in deps


def _in_free_relative(v: Token) -> bool:
    """'what it said were inaccuracies', 'what the government described as a regime': a 'what' clause."""
    if v.dep_ == "ROOT":
        return False
    clauses = [v, *(c for c in v.children if c.dep_ == "ccomp")]
    return any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj", "nsubjpass") for x in clauses for c in x.children)


def _attribution_tail(d: Draft, drafts: list[Draft]) -> bool:
    """', Tasnim news agency reported on Thursday' hung on the main verb: it says who told, not a new act."""
    v = d.token
    if v.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or any(c.dep_ in ("ccomp", "dobj", "xcomp")
                                                                   for c in v.children):
        return False
    coded = {o.token.i for o in drafts if o is not d and o.info.code not in WRAPPER_CODES}
    return v.head.i in coded or any(t.i in coded for t in v.head.subtree if t.i not in {x.i for x in v.subtree})


VIOLENT_ROOTS = {"18", "19", "20"}
REPRESSION = "175"
CONSEQUENCE_DEPS = {"advcl", "xcomp", "conj", "relcl", "acl", "pcomp"}


def one_violent_act(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'Militants fired rockets that hit a house, killing two': one attack. A violent verb that only tells what
    another one did (a participle or relative clause under it, or a verb sharing its subject) is part of it."""
    violent = [d for d in drafts if d.info.root in VIOLENT_ROOTS or d.match.trigger.code[:2] in VIOLENT_ROOTS
               or d.info.code == REPRESSION]  # 'troops cleared the square of protesters, killing one': one act
    drop: set[int] = set()
    for d in violent:
        node = d.token
        for _ in range(4):
            if node.head is node:
                break
            if node.dep_ in ("dobj", "pobj") and node.pos_ == "NOUN" and any(c.dep_ in ("relcl", "acl") for c in
                                                                            node.children):
                node = node.head if node.dep_ == "dobj" else node.head.head  # 'fired rockets that hit a house'
            elif node.dep_ in CONSEQUENCE_DEPS:
                node = node.head
            else:
                break
            main = next((o for o in violent if o is not d and id(o) not in drop and o.token.i == node.i), None)
            if main is not None and _ground_taken_in_an_attack(d, main):
                break
            if main is not None and _same_actor(d.source, main.source):
                drop.add(id(d))
                if not any(t is not None and t.code for t in main.targets) and any(
                        t is not None and t.code for t in d.targets):
                    main.targets = d.targets  # 'air strikes on Gaza, killing a Hamas commander': whom it hit
                    main.note("target-from-consequence")
                break
    return [d for d in drafts if id(d) not in drop]


def _ground_taken_in_an_attack(d: Draft, main: Draft) -> bool:
    """'launched an offensive on Wednesday, seizing a dozen villages': the ground taken is an act of its own (192),
    not a detail of the attack that took it."""
    return d.info.code == TAKING_GROUND and main.info.code != TAKING_GROUND


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or not a.code:
        return True  # the consequence has no subject of its own: its verb's subject is the main act's
    return b is not None and a.code == b.code


TAKING_GROUND = "192"  # 'the rebels said they had taken the airport' reports a capture, not a claimed attack


def claim_of_responsibility(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The Taliban claimed that they had attacked the school', 'a group linked to al-Qaeda said it had carried out
    the bombing': a claim of responsibility (015) for the group's own act, made by claiming it or, for an armed
    group, by saying it did an attack (not by saying it took a place); what is claimed stays the claim's content."""
    for d in drafts:
        if d.info.root != REPORTING_ROOT or d.source is None:
            continue
        claim = d.token.lemma_.lower() == "claim"
        armed = d.source.sector in ("INS", "REB", "SEP", "UAF") and d.token.lemma_.lower() in V.say_verbs
        if not (claim or armed):
            continue
        own = [o for o in drafts if o is not d and _inside_complement(o.token, d.token)
               and o.source is not None and o.source.code == d.source.code
               and (claim or (o.info.root in VIOLENT_ROOTS and not o.info.code.startswith(TAKING_GROUND)
                              and _done(o.token) and o.token.i > d.token.i))]
        if own:
            d.info = coder.book.info("015")
            d.note("claim")
    return drafts


def _done(v: Token) -> bool:
    """Past or past perfect, not a future or a modal ('had carried out', 'attacked'; not 'would attack')."""
    return v.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "may", "might",
                                                                              "could", "shall") for c in v.children)


ASKING_ROOTS = {"02", "10", "11", "12", "13"}
# A statement's words that do not assert what they contain: a hope, a denial, a claim, a consideration.
NON_ASSERTING = {"hope", "wish", "deny", "dismiss", "claim", "consider", "expect", "fear", "doubt", "allege",
                 "speculate", "suggest", "predict", "warn"}


def content_stays_in_the_demand(drafts: list[Draft], ctx: Context, coder: Coder) -> list[Draft]:
    """'The EU urged Belgrade to release the prisoners': one appeal (02); the release it asks for has not
    happened and is the appeal's content (kept as its object text), not an event of its own. The same holds
    for demands, criticisms, rejections and threats, for what a statement only hopes, fears, considers or
    denies ('said they hoped talks would resume'), and for what a concern or condolence is about ('expressed
    concern about the escalation of hostilities')."""
    holders = [d for d in drafts if d.info.root in ASKING_ROOTS or d.info.root == REPORTING_ROOT]
    if not holders:
        return drafts
    keep = []
    for d in drafts:
        others = [h for h in holders if h.token.i != d.token.i]
        if d not in holders and any(_held(d, h) for h in others):
            continue
        if d.status in ("hypothetical", "planned") and any(
                h.info.root in ("02", "10") and _inside_complement(d.token, h.token) for h in others):
            continue  # 'called on Egyptians to reject sectarian strife': the rejection asked for is the appeal's
        if any(_what_is_alleged(d.token, h) for h in others):
            continue  # even an accusation's content that is itself a criticism ('accused X of inciting')
        keep.append(d)
    return keep


def _held(d: Draft, holder: Draft) -> bool:
    """Whether d is only the content of holder (not an act the text asserts)."""
    if not _inside_complement(d.token, holder.token) and not _topic_of(d.token, holder):
        return False
    if holder.info.root != REPORTING_ROOT:
        return d.status in ("hypothetical", "planned") or _what_is_alleged(d.token, holder)
    lemma = holder.token.lemma_.lower()
    claimed = holder.info.code == "015" and "|claim" in holder.rule  # "said it had carried out the bombing"
    if _topic_of(d.token, holder) or lemma in NON_ASSERTING or claimed or holder.info.code in ("012", "014", "016",
                                                                                                  "018"):
        return True
    return d.status == "hypothetical"


def _what_is_alleged(v: Token, holder: Draft) -> bool:
    """'accused the authorities of sending thugs to break up the sit-in', 'blamed the Brotherhood for stirring up
    the unrest': what someone is accused of is the accusation's claim, not an act the text asserts (guidelines)."""
    if holder.info.code[:3] != "112":
        return False
    node = v
    for _ in range(5):
        if node.head is node:
            return False
        accused = node.head.dep_ == "dobj" and node.head.head.i == holder.token.i  # 'blamed X for ...' on X
        if node.head.i == holder.token.i or accused:
            return node.dep_ == "prep" and node.lower_ in ("of", "for")
        node = node.head
    return False


def _topic_of(n: Token, holder: Draft) -> bool:
    """'concern about the escalation', 'condolences over the attack': n is what the statement is about."""
    if n.pos_ != "NOUN" or n.dep_ != "pobj" or n.head.lower_ not in V.topic_preps | {"for", "at"}:
        return False
    anchor = n.head.head
    return anchor.i == holder.token.i or (holder.match.obj is not None and anchor.i == holder.match.obj.i)


def _inside_complement(v: Token, head: Token) -> bool:
    if joins_the_main_clause(v):
        return False  # "denies that police were involved and declares a state of emergency": asserted, not denied
    node = v
    while node.dep_ == "conj" and node.head is not node:  # 'which killed and injured dozens': injured as killed
        node = node.head
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
        if len(d.sources) > 1 and all(a is not None and a.code and not _a_person(ctx, a) for a in d.sources):
            codes = [a.code for a in d.sources]  # "government helicopters and jets": one side, one event
            d.sources = [a for k, a in enumerate(d.sources) if a.code not in codes[:k]]
        key = (d.info.code, tuple(a.code if a else None for a in d.sources),
               tuple(a.code if a else None for a in d.targets), d.status)
        if key in seen and all(d.sources) and d.source.code:
            continue
        seen.add(key)
        keep.append(d)
    return keep


def _a_person(ctx: Context, ref: ActorRef) -> bool:
    """Whether a source is a person (named, or a one-person title such as 'the prime minister')."""
    span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand") if ref.start is not None else None
    return is_person_ref(ctx.resolver, ref, span.root if span is not None else None)


def _criticised(coder: Coder, ctx: Context, v: Token, speaker: ActorRef) -> tuple[ActorRef, str] | None:
    for comp in v.children:
        if comp.dep_ not in ("ccomp", "xcomp"):
            continue
        cue = negative_cue(comp.subtree)
        if cue is None:
            continue
        for subj in [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]:
            ref = coder.actor(subj, ctx.resolver)
            if ref.code and ref.code != speaker.code and not (speaker.country and ref.country == speaker.country):
                return ref, cue
    return None
