"""A draft event per matched predicate: its actors, code, trigger span, time, place, status and date.

The rules in events/rules.py then correct, complete or drop drafts; events/sentence.py turns what is left
into Events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Token

from ..actors.mentions import is_thing
from ..actors.places import resolve_place
from ..model import ActorRef, Place, SentenceRef, Span, TimeExpr
from .codebook import CodeInfo
from .coder import Coder, Match, a_place
from .context import Context
from .grammar import children, clause_tokens, governing_verb, is_time, pobj
from .status import status_of
from .vocab import vocab

V = vocab()


@dataclass
class Draft:
    """An event in the making: everything the rules may read or change."""

    match: Match
    info: CodeInfo
    sources: list[ActorRef | None]
    targets: list[ActorRef | None]
    trigger: Span
    sentence: SentenceRef
    s_index: int
    joint: bool = False
    time: TimeExpr | None = None
    status: str = "reported"
    date: str | None = None
    precision: str | None = None
    where: Place | None = None
    attribution: ActorRef | None = None
    rule: str = ""  # what produced it: the trigger entry, then the rules that changed it
    fixed_confidence: float | None = None  # set by a rule that knows better than the general estimate
    # a different code for some targets, by their start offset ('killed a dozen civilians and a marine': 180 for the
    # civilians, 190 for the marine)
    code_by_target: dict[int, CodeInfo] = field(default_factory=dict)

    def note(self, rule_name: str) -> None:
        """Record that a rule changed this draft (it shows in the event's `rule`, the evidence trail)."""
        self.rule += "|" + rule_name

    @property
    def token(self) -> Token:
        return self.match.token

    @property
    def source(self) -> ActorRef | None:
        return self.sources[0]

    def set_date(self, published: date | None) -> None:
        self.date, self.precision = date_of(self.time, published, self.status)


def draft(coder: Coder, ctx: Context, m: Match, sent, sref: SentenceRef, s_index: int,
          sent_times: list[TimeExpr], matches: dict[int, Match]) -> Draft:
    """The draft event of one matched predicate."""
    v = m.token
    clause = clause_tokens(v)
    pair = between_pair(v) if m.trigger.pos == "noun" else None
    if pair is not None:
        # "talks between Belgrade and Pristina": the two sides meet each other, whoever hosts the talks
        subj_heads, targ_heads = [pair[0]], [pair[1]]
    elif m.trigger.pos == "verb":
        subj_heads = coder.subject_heads(v)
        targ_heads = _first_actor(coder, ctx, coder.target_options(m))
    else:
        subj_heads = noun_sources(v, m.trigger.code)
        governor = governing_verb(v)
        launcher = governor or _partitive_governor(v)
        if subj_heads and subj_heads[0].pos_ == "PRON" and launcher is not None and children(launcher, "nsubj"):
            # "1,000 marines launched one of their biggest offensives": 'their' is the launching side
            subj_heads = [h for h in coder.subject_heads(launcher) if h.i != v.i] or subj_heads
        if not subj_heads and governor is not None:
            # the talks are never their own participant ("talks between ... began")
            subj_heads = [h for h in coder.subject_heads(governor) if h.i != v.i]
        targ_heads = _first_actor(coder, ctx, coder.target_options(m))
    sources = [x for h in subj_heads for x in _each_owner(coder, ctx, h, coder.actor(h, ctx.resolver))] or [None]
    targets = [x for h in targ_heads for x in _each_owner(
        coder, ctx, h, _whom_inside(coder, ctx, h, _where_is_not_whom(h, coder.actor(h, ctx.resolver))))] \
        or [_aimed_at(coder, ctx, m)]
    if all(t is None or not t.code for t in targets) and (helped := _whom_it_helps(coder, ctx, m)) is not None:
        targets = [helped]
    info = coder.book.info(m.trigger.code)
    joint = pair is not None
    if len(sources) == 1 and len(subj_heads) == 1:
        # "Iranian and US negotiators met", "US and British warplanes struck": one side per nationality
        sources += _second_nationality(ctx, subj_heads[0], sources[0])
    if len(sources) > 1 and any(_reciprocal(h) for h in targ_heads):
        # "Kiev and the rebels blamed each other": each side acts on the other
        targets, sources, joint = [sources[1]], [sources[0]], True
    elif len(sources) > 1 and (info.root in V.symmetric_roots or v.lemma_.lower() in V.symmetric_lemmas) \
            and info.code not in V.shared_codes and all(t is None or not t.code for t in targets):
        # "Serbia and Kosovo agreed": the first acts with the second
        targets, sources, joint = [sources[1]], [sources[0]], True
    elif len(sources) > 1:
        joint = True
    where = place_for(v, clause, ctx)
    if where is None and m.trigger.pos == "noun" and (gov := governing_verb(v)) is not None:
        where = place_for(gov, clause_tokens(gov), ctx)  # "talks ... began in Brussels"
    # the dateline says where the story was filed: where its lead happened, unless the lead says
    where = where or ctx.dateline_places.get(sent.start_char)
    time = time_for(v, clause, sent_times)
    d = Draft(match=m, info=info, sources=sources, targets=targets, trigger=trigger_span(ctx, m), sentence=sref,
              s_index=s_index, joint=joint, time=time, where=where,
              attribution=attribution(coder, v, matches, ctx),
              rule=m.trigger.rule + (":passive" if m.passive else ""))
    d.status = status_of(v, time, ctx.published, s_index in ctx.heading_background)
    d.set_date(ctx.published)
    return d


def _each_owner(coder: Coder, ctx: Context, head: Token, ref: ActorRef) -> list[ActorRef]:
    """'the embassies of Rwanda, France and Belgium', 'the foreign ministers of Congo and Rwanda': one actor per
    country the phrase's 'of' names, each with the phrase's sector; 'representatives of the army and the RSF',
    'delegations from the government and the rebels': one actor per body whose envoys they are."""
    if not ref.code or not ref.country:
        return [ref]
    owner = next((pobj(c) for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
    if owner is None or not owner.conjuncts or ctx.resolver.resolve(owner) is None \
            or (ctx.resolver.resolve(owner).country != ref.country):
        return [ref]
    out = [ref]
    for other in owner.conjuncts:
        if other.i < owner.i or other.pos_ not in ("PROPN", "NOUN"):
            continue
        theirs = ctx.resolver.resolve(other)
        if theirs is None or not theirs.code or theirs.code == ref.code:
            continue
        if theirs.country and not theirs.sector and theirs.country != ref.country and other.pos_ == "PROPN":
            out.append(replace(ref, code=theirs.country + (ref.sector or ""), country=theirs.country,
                               name=None, text=theirs.text, start=theirs.start, end=theirs.end))
        elif theirs.sector and head.lemma_.lower() in V.envoy_nouns:
            out.append(theirs)  # 'representatives of the army and the RSF': the RSF's envoys act for the RSF
    return out


def _reciprocal(head: Token) -> bool:
    """'each other', 'one another'."""
    return (head.lower_ == "other" and any(c.lower_ == "each" for c in head.children)) or (
        head.lower_ == "another" and any(c.lower_ == "one" for c in head.children))


def _where_is_not_whom(head: Token, ref: ActorRef) -> ActorRef:
    """'talks in Geneva', 'troops deployed across Mali': a place reached through a locative preposition is where
    the event happened; it stays as the event's object text but names no actor (a venue is never a target).
    'From' is left out: 'independence from Serbia', 'withdrew from Iraq' name whom the act is against."""
    if head.head.dep_ == "prep" and head.head.lower_ != "from" and a_place(head.head, head) and ref.code:
        return replace(ref, code=None, country=None, sector=None)
    return ref


def _whom_inside(coder: Coder, ctx: Context, head: Token, ref: ActorRef, depth: int = 0) -> ActorRef:
    """'lifted sanctions on India', 'an allegation made against the actor', 'urged partners like Saudi Arabia',
    'targeted a bus carrying soldiers': when the object names no one, the one it is aimed at, inside the phrase,
    is the target."""
    if ref.code or depth > 1:
        return ref
    for acl in head.children:  # "a bus carrying soldiers": those carried
        if acl.dep_ == "acl" and acl.lemma_.lower() in V.carrying_verbs:
            carried = next((c for c in acl.children if c.dep_ == "dobj"), None)
            inner = coder.actor(carried, ctx.resolver) if carried is not None else None
            if inner is not None and inner.code:
                return inner
    for prep in _aiming_preps(head):
        obj = pobj(prep)
        if obj is None or is_time(obj) or obj.lemma_.lower() in V.channel_nouns:
            continue  # 'announced the ban on state television': a channel, not whom
        inner = coder.actor(obj, ctx.resolver)
        if inner.code:
            return inner
        if is_thing(obj):
            deeper = _whom_inside(coder, ctx, obj, inner, depth + 1)
            if deeper.code:
                return deeper
    return ref


def _aimed_at(coder: Coder, ctx: Context, m: Match) -> ActorRef | None:
    """'lift sanctions imposed on India': the light verb's object names no one, but whom it is aimed at."""
    if m.obj is None or not is_thing(m.obj):
        return None
    inner = _whom_inside(coder, ctx, m.obj, ActorRef("", 0, 0))
    return inner if inner.code else None


def _whom_it_helps(coder: Coder, ctx: Context, m: Match) -> ActorRef | None:
    """'Canada vowed support for Ukraine', 'the EU is mobilising funds to support peace building in Colombia',
    'Australia offered to send troops to help the Philippine army', 'Japan deployed rescue teams in Nepal': aid
    given or promised is aimed at whom it helps, when nothing else names a target; so is support declared
    ('declared support for the protesters')."""
    if not {m.trigger.code[:2], m.trigger.code[:3]} & V.helping_roots:
        return None
    v = m.token
    holders = [v, *children(v, "dobj", "xcomp")]
    if m.obj is not None and m.obj not in holders:
        holders.append(m.obj)
    for h in holders:
        for c in h.children:
            found = None
            if c.dep_ == "prep" and c.lower_ in V.helping_preps and (obj := pobj(c)) is not None:
                found = _whom_inside(coder, ctx, obj, coder.actor(obj, ctx.resolver))
            elif c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.lemma_.lower() in V.helping_verbs:
                found = _helped_by_purpose(coder, ctx, c)
            if found is not None and found.code:
                return found
    if m.trigger.code[:2] == "07":  # "deployed rescue teams in Haiti": the place helped is the country helped
        for c in (*v.children, *(m.obj.children if m.obj is not None else ())):
            if c.dep_ == "prep" and c.lower_ in ("in", "to") and (obj := pobj(c)) is not None:
                ref = coder.actor(obj, ctx.resolver)
                if ref.code and ref.country and not ref.sector:
                    return ref
    return None


def _helped_by_purpose(coder: Coder, ctx: Context, clause: Token) -> ActorRef | None:
    """The one a purpose clause helps: 'to help the Philippine army', 'to support peace building in Colombia'."""
    objs = children(clause, "dobj")
    for obj in objs:
        ref = _whom_inside(coder, ctx, obj, coder.actor(obj, ctx.resolver))
        if ref.code:
            return ref
    for holder in (*objs, clause):  # "peace building in Colombia", "support reconstruction in Colombia"
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "in" and (place := pobj(c)) is not None:
                ref = coder.actor(place, ctx.resolver)
                if ref.code and ref.country and not ref.sector:
                    return ref
    return None


def _aiming_preps(head: Token) -> list[Token]:
    """The prepositions of a phrase that say whom it is aimed at, also through a participle or a relative clause
    ('sanctions imposed on X', 'the sanctions it imposed on X')."""
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in V.aiming_preps]
    for c in head.children:
        if (c.dep_ == "acl" and c.tag_ == "VBN") or c.dep_ == "relcl":
            preps += [p for p in c.children if p.dep_ in ("prep", "dative") and p.lower_ in V.aiming_preps]
    return preps


def _first_actor(coder: Coder, ctx: Context, options: list[list[Token]]) -> list[Token]:
    """The first target candidate that names someone (a known actor or a named person or group), else the first
    candidate: 'returned two paintings to the Brazilian government' — the government, not the paintings."""
    for heads in options:
        if any(coder.actor(h, ctx.resolver).code or h.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for h in heads):
            return heads
    return options[0] if options else []


def trigger_span(ctx: Context, m: Match) -> Span:
    """The trigger's words: the predicate with its particle or preposition, and a light verb's object."""
    v = m.token
    end = v.idx + len(v.text)
    if m.trigger.particle or m.trigger.prep:
        for word in (m.trigger.particle, m.trigger.prep):
            # the first: 'called on Turkey on Monday' ends at the first 'on'
            first = next((c for c in v.children if c.dep_ in ("prt", "prep") and c.lower_ == word), None)
            if word and first is not None:
                end = max(end, first.idx + len(first.text))
    if m.obj is not None and m.obj.i > v.i:
        end = max(end, m.obj.idx + len(m.obj.text))
    return Span(ctx.text[v.idx:end], v.idx, end)


def time_for(v: Token, clause: set[int], in_sent: list[TimeExpr]) -> TimeExpr | None:
    """The time expression of the trigger's own clause (or the sentence's only one, for a main verb)."""
    doc = v.doc
    if not in_sent:
        return None
    for t in in_sent:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and any(tok.i in clause for tok in span):
            return t
    if len(in_sent) == 1 and (v.dep_ == "ROOT" or v.head.dep_ == "ROOT"):
        span = doc.char_span(in_sent[0].start, in_sent[0].end, alignment_mode="expand")
        below = {t.i for t in v.subtree}
        if span is not None and any(tok.i in below for tok in span):
            return None  # the sentence's one time belongs to a clause under v ("independence, declared in 2008")
        return in_sent[0]
    return None


def place_for(v: Token, clause: set[int], ctx: Context) -> Place | None:
    """Where the clause says the event happened ('in Brussels', 'near Jarinje')."""
    ents = {id(e): e for i in sorted(clause) if (e := ctx.resolver.ent_of.get(i)) is not None}.values()
    for ent in ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or ent.root.i not in clause:
            continue
        prep = ent.root.head
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "near", "outside", "inside"):
            continue
        place = resolve_place(ent.text, ctx.resolver.kb)
        if place is not None:
            return Place(ent.text, ent.start_char, ent.end_char, place.name, place.country, place.lat, place.lon)
    return None


def date_of(time: TimeExpr | None, published: date | None, status: str) -> tuple[str | None, str | None]:
    """The event's date: its own time expression, else the publication day (never for background)."""
    if time is not None and time.value and time.precision in ("day", "month", "year"):
        return time.value[:10], time.precision
    if status == "background" or published is None:
        return None, None
    return published.isoformat(), "day"


def _second_nationality(ctx: Context, head: Token, ref: ActorRef | None) -> list[ActorRef]:
    """'Iranian and US negotiators', 'Russian and Ukrainian forces': two nationalities on one noun are two sides,
    each with the noun's sector."""
    if ref is None or not ref.country:
        return []
    first = next((c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE")),
                 None)
    other = next((c for c in first.conjuncts if c.ent_type_ in ("NORP", "GPE")), None) if first is not None else None
    country = ctx.resolver.context.place_country(other.text) if other is not None else None
    if not country or country == ref.country:
        return []
    return [replace(ref, code=country + (ref.sector or ""), country=country, name=None)]


def _partitive_governor(n: Token) -> Token | None:
    """The verb of 'launched one of their offensives' for 'offensives' (through 'one of')."""
    prep = n.head
    if n.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ not in ("NUM", "PRON", "NOUN"):
        return None
    return governing_verb(prep.head)


def noun_sources(n: Token, code: str = "") -> list[Token]:
    """Who does what an event noun names: 'Serbia's decision', 'the attack by rebels', 'Russian strikes'; and
    whom words, help or pressure come from ('objections from the UN refugee agency', 'aid from Japan'); who
    made a demand or a request ('at the request of the ruling family')."""
    from_is_source = code[:2] in V.from_source_roots
    of_is_source = n.lemma_.lower() in V.claim_nouns  # "at the request of the ruling family"
    for c in n.children:
        if c.dep_ == "poss":
            return [c]
        if c.dep_ == "prep" and c.lower_ == "of" and of_is_source and (p := pobj(c)) is not None \
                and p.pos_ in ("NOUN", "PROPN") and not is_thing(p) and not is_time(p):
            return [p]
        if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "from" and from_is_source)):
            p = pobj(c)
            if p is not None:
                return [p]
    for c in n.children:
        if c.dep_ in ("amod", "compound") and c.pos_ in ("PROPN", "ADJ") and c.ent_type_ in ("NORP", "GPE", "ORG"):
            return [c]
    return []


def between_pair(n: Token) -> tuple[Token, Token] | None:
    """The two sides of 'talks between X and Y', or of 'fighting broke out between X and Y' (the event noun is
    the subject of a verb that only says it happened, and the two sides hang on that verb)."""
    holders = [n, n.head] if n.dep_ in ("nsubj", "nsubjpass") and n.head.pos_ in ("VERB", "AUX") else [n]
    for c in (c for h in holders for c in h.children):
        if c.dep_ == "prep" and c.lower_ == "between":
            first = pobj(c)
            if first is None:
                return None
            second = next((x for x in first.conjuncts if x.i > first.i and x.pos_ in ("NOUN", "PROPN")), None)
            return (first, second) if second is not None else None
    return None


def attribution(coder: Coder, v: Token, matches: dict[int, Match], ctx: Context) -> ActorRef | None:
    """According to whom: the speaker of the reporting verb or of the quote the trigger is in."""
    rep = coder.reporter(v, matches)
    if rep is not None:
        heads = coder.subject_heads(rep)
        if heads:
            ref = coder.actor(heads[0], ctx.resolver)
            if ref.code or ref.name:
                return ref
    for q in ctx.quotes:
        if q.start <= v.idx < q.end and q.speaker is not None:
            return q.speaker
    return None
