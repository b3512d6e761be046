"""The sentence coder: predicates from the dependency parse, matched against the trigger lexicon,
with source and target from subject/object structure, voice, coordination and reported speech."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..actors.resolver import ArticleResolver
from ..model import ActorRef, Event, Place, Quote, SentenceRef, Span, TimeExpr
from ..nlp.datelines import USER_DATA_KEY as DATELINES_KEY
from .codebook import Codebook, codebook
from .lexicon import Lexicon, Trigger, lexicon
from .status import refusal_status, status_of

PARTICLES = {"down", "out", "up", "off", "back", "over", "in", "away"}
SUPPORT_VERBS = {"announce", "approve", "order", "authorize", "authorise", "complete", "begin", "start", "launch",
                 "conduct", "carry", "stage", "hold", "make", "continue", "resume", "welcome", "accept", "confirm",
                 "report", "see", "mark", "undertake", "perform", "finish", "end", "join", "take", "hail", "reach"}
DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "between")
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis", "acl"}
REPORTING_ROOT = "01"
# An action only promised, agreed to or announced for later is, in CAMEO, an expression of intent
# (03: "agreed to open its borders" is 035) or a threat (13: "will strike back" is 138).
INTENT_CODES = {"04": "036", "045": "039", "05": "032", "057": "037", "06": "031", "07": "033", "072": "0332",
                "073": "0333", "074": "0334", "08": "035", "081": "0351", "084": "0353", "085": "0354",
                "086": "0355", "087": "0356", "14": "133", "15": "138", "16": "130", "17": "137", "18": "138",
                "19": "138", "20": "138"}
# Refusing (or vowing not) to cooperate or yield is, in CAMEO, a rejection (12): "will not lift the ban" is 1241.
REJECT_CODES = {"03": "120", "04": "125", "045": "126", "05": "120", "057": "127", "06": "121", "07": "122",
                "08": "124", "081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244",
                "086": "1245", "087": "1246"}
REFUSAL_HEADS = {"refuse", "decline", "reject", "rule", "balk", "resist", "oppose"}
# "did not accept the plan" is a rejection whatever the tense; "did not attend" is only a negated meeting.
CONSENT_LEMMAS = {"accept", "agree", "approve", "endorse", "ratify", "recognise", "recognize", "acknowledge"}
INTENT_HEADS = {"agree", "pledge", "promise", "vow", "offer", "commit", "plan", "intend", "decide", "prepare",
                "threaten", "resolve", "undertake", "volunteer", "ready", "willing", "prepared", "eager", "determined",
                "set", "expect", "aim", "seek", "want", "hope"}
CRITICISM_CODE = "111"
# "criticised Albania for opening talks", "accused Serbia of violating": the object does the gerund's act;
# after "by", "after", "without", "on" the subject does ("angered Kosovo by arresting").
OBJECT_CONTROL_PREPS = {"for", "of", "from", "against", "into", "as"}
# "Serbia is expected to sign", "Montenegro is due to hold talks": the subject of the raising verb or
# adjective acts; "was summoned to protest" or "was urged to" say nothing of who acts.
RAISING_HEADS = {"expect", "schedule", "set", "slate", "poise", "say", "believe", "report", "think", "suppose",
                 "understand", "due", "likely", "unlikely", "ready", "poised", "expected", "scheduled", "slated",
                 "sure", "certain", "about"}
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}


@dataclass
class Match:
    token: Token
    trigger: Trigger
    obj: Token | None  # the object noun a light verb matched on
    passive: bool
    consumed: Token | None = None  # an infinitive the trigger swallowed ("declined to comment")


SPEAKER_PRONOUNS = {"it", "they", "he", "she", "we"}
SAY_VERBS = {"say", "tell", "announce", "claim", "state", "report", "insist", "confirm", "add", "declare", "note",
             "warn", "stress", "acknowledge", "admit", "argue", "explain", "indicate", "reveal", "deny", "vow",
             "pledge", "promise", "threaten", "assert", "maintain", "allege", "affirm", "reiterate", "emphasise",
             "emphasize", "suggest", "believe", "hope", "think"}
TIME_WORDS = {"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week",
              "month", "year", "weekend", "day", "hour", "midnight", "noon"}
OBJECT_AS_TARGET = {"02", "05", "10", "11", "12", "13"}  # reactions to someone's offer, demand, plan, visit


def _is_time(t: Token) -> bool:
    return t.ent_type_ in ("DATE", "TIME") or t.lower_ in TIME_WORDS


def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in v.children)


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _with_conjuncts(t: Token) -> list[Token]:
    return [t, *[c for c in t.conjuncts if c.i > t.i and c.pos_ in ("NOUN", "PROPN", "PRON")]]


class Coder:
    """Codes the sentences of a parsed article into events."""

    def __init__(self, lex: Lexicon | None = None, book: Codebook | None = None):
        self.lex = lex or lexicon()
        self.book = book or codebook()

    # -- trigger matching ---------------------------------------------------------------------------
    def match_verb(self, v: Token) -> Match | None:
        entries = self.lex.verb_entries(v.lemma_.lower())
        if not entries:
            return None
        passive = _is_passive(v)
        particles = {c.lower_ for c in v.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLES)}
        preps = {c.lower_ for c in v.children if c.dep_ in ("prep", "agent", "dative")}
        objs = _children(v, "dobj", "attr", "oprd") if not passive else _children(v, "nsubjpass")
        objs = [x for o in objs for x in (o, *o.conjuncts)]
        for prep in v.children:  # "provided Egypt with assistance"
            if prep.dep_ == "prep" and prep.lower_ == "with":
                objs.extend(c for c in prep.children if c.dep_ == "pobj")
        xcomps = {c.lemma_.lower(): c for c in v.children if c.dep_ == "xcomp"}
        for t in entries:
            if t.particle and t.particle not in particles:
                continue
            if t.prep and t.prep not in preps:
                continue
            if passive and not t.passive:
                continue
            if t.xcomps:
                hit = next((x for lemma, x in xcomps.items() if lemma in t.xcomps), None)
                if hit is None:
                    continue
                return Match(v, t, None, passive, consumed=hit)
            if t.objects:
                hit = next((o for o in objs if o.lemma_.lower() in t.objects or o.lower_ in t.objects), None)
                if hit is None:
                    continue
                return Match(v, t, hit, passive)
            return Match(v, t, None, passive)
        return None

    def match_noun(self, n: Token) -> Match | None:
        for t in self.lex.noun_entries(n.lemma_.lower()):
            return Match(n, t, None, False)
        return None

    # -- actors ---------------------------------------------------------------------------------------
    def subject_heads(self, v: Token) -> list[Token]:
        subj = _children(v, "nsubj", "csubj")
        relative = [s for s in subj if s.tag_ in ("WDT", "WP")]
        if relative and len(relative) < len(subj):
            subj = [s for s in subj if s not in relative]  # "..., which he said aim to ...": he says
        elif relative and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
            return _with_conjuncts(v.head)  # "a resolution that welcomed ...": the antecedent acts
        if subj:
            if subj[0].lower_ in SPEAKER_PRONOUNS and v.dep_ in ("ccomp", "conj") and v.head is not v:
                # "Iraqi military says it has seized ...": the pronoun is the speaker
                reporter = v.head if v.dep_ == "ccomp" else (v.head.head if v.head.dep_ == "ccomp" else None)
                if reporter is not None and reporter.lemma_.lower() in SAY_VERBS:
                    said_by = _children(reporter, "nsubj")
                    if said_by and said_by[0].pos_ != "PRON":
                        return [said_by[0]]
            heads = _with_conjuncts(subj[0])
            if len(subj) > 1 and any(c.dep_ == "cc" for c in subj[0].children):
                # "A and B signed": the parser sometimes hangs B on the verb as a second subject
                heads += [s for s in subj[1:] if s.pos_ in ("NOUN", "PROPN") and s not in heads]
            return heads
        if _is_passive(v):
            agent = next((c for c in v.children if c.dep_ == "agent"), None)
            pobj = _pobj(agent) if agent is not None else None
            return _with_conjuncts(pobj) if pobj is not None else []
        head = v.head
        if head is v:
            return []
        if v.dep_ == "xcomp":
            said = _children(head, "nsubj")
            if len(said) > 1 and any(s.tag_ in ("WDT", "WP") for s in said):
                return []  # "proceedings, which he said aim to ...": not the speaker's aim; the parse hides whose
            obj = _children(head, "dobj")
            if obj:
                return _with_conjuncts(obj[0])
            raised = _children(head, "nsubjpass")
            raising = head.lemma_.lower() in RAISING_HEADS or head.lower_ in RAISING_HEADS
            if raised and raising and not _children(head, "agent"):
                return _with_conjuncts(raised[0])
            if raising and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head is not head:
                return self.subject_heads(head.head)
            return self.subject_heads(head)
        if v.dep_ == "conj":
            return self.subject_heads(head)
        if v.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
            return [head]
        if v.dep_ == "acl" and v.tag_ == "VBD" and head.pos_ in ("NOUN", "PROPN"):
            return _with_conjuncts(head)  # a finite verb the parser hung on the noun before it
        if v.dep_ == "acl" and v.tag_ == "VBN":  # "the missiles fired by the army": the agent acts
            agent = next((c for c in v.children if c.dep_ == "agent"), None)
            pobj = _pobj(agent) if agent is not None else None
            return _with_conjuncts(pobj) if pobj is not None else []
        if v.dep_ == "amod" and v.tag_ == "VBN":  # "EU-mediated talks", "NATO-led troops": the prefix acts
            return [c for c in v.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i + 2 == v.i
                    and c.pos_ == "PROPN" and v.doc[c.i + 1].text == "-"][:1]
        if v.dep_ == "pcomp" and v.tag_ == "VBG":
            return self._gerund_subject(v)
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            return self.subject_heads(head)
        if v.dep_ == "acl" and v.tag_ == "VBG" and head.dep_ in ("dobj", "pobj") and head.head.pos_ == "VERB":
            return self.subject_heads(head.head)  # "issued a statement urging X": the issuer urges
        return []

    def _gerund_subject(self, v: Token) -> list[Token]:
        """Who does what a gerund after a preposition names: 'criticised Kosovo for opening' → Kosovo;
        'is expected to issue recommendations on opening talks' → the subject of 'issue'."""
        prep = v.head
        while prep.dep_ == "conj" and prep.head is not prep:  # "on opening ... and on starting ..."
            prep = prep.head
        gov = prep.head
        if gov is prep or gov.pos_ not in ("VERB", "AUX"):
            return []
        obj = _children(gov, "dobj")
        if obj and prep.lower_ in OBJECT_CONTROL_PREPS:
            actor_like = obj[0].pos_ == "PROPN" or obj[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            return _with_conjuncts(obj[0]) if actor_like else []
        return self.subject_heads(gov)

    def target_heads(self, m: Match) -> list[Token]:
        v = m.token
        if m.trigger.pos == "noun":
            return self._prep_targets(v, m.trigger.target or ("on", "against", "with", "between", "to", "of"))
        prefs = m.trigger.target or ("dobj", *DEFAULT_TARGET_PREPS)
        if m.passive:
            subj = _children(v, "nsubjpass")
            if subj and m.obj is None:
                return _with_conjuncts(subj[0])
        if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN") and m.obj is None:
            return [v.head]  # "the soldiers killed in the attack": the noun undergoes it
        if m.obj is not None:
            found = self._prep_targets(m.obj, tuple(p for p in prefs if p != "dobj") or DEFAULT_TARGET_PREPS)
            if found:
                return found
            found = self._prep_targets(v, tuple(p for p in prefs if p != "dobj") or DEFAULT_TARGET_PREPS)
            if found:
                return found
            # "rejected Britain's offer": the offer stands for its maker (the phrase is kept as evidence)
            return [m.obj] if m.obj.dep_ in ("dobj", "nsubjpass") and m.trigger.code[:2] in OBJECT_AS_TARGET else []
        for pref in prefs:
            if pref == "dobj":
                objs = [o for o in _children(v, "dobj", "dative") if not _is_time(o)]
                if objs and not (m.obj is not None and objs[0].i == m.obj.i):
                    return _with_conjuncts(objs[0])
            else:
                found = self._prep_targets(v, (pref,))
                if found:
                    return found
        return []

    def _prep_targets(self, head: Token, preps: tuple[str, ...]) -> list[Token]:
        for pref in preps:
            for c in head.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == pref:
                    pobj = _pobj(c)
                    if pobj is not None and not _is_time(pobj):
                        return _with_conjuncts(pobj)
        return []

    def actor(self, head: Token, resolver: ArticleResolver) -> ActorRef:
        """The actor of a noun phrase: the phrase as evidence, the code from the phrase or its agent."""
        ref = resolver.resolve(head)
        if ref is not None and ref.code:
            return ref
        for c in head.children:
            inner = None
            if c.dep_ == "poss":
                inner = c
            elif c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
                inner = _pobj(c)
            if inner is not None:
                sub = resolver.resolve(inner)
                if sub is not None and sub.code:
                    start, end, text = resolver._extent(head)
                    return replace(sub, text=text, start=start, end=end)
        if ref is not None:
            return ref
        start, end, text = resolver._extent(head)
        return ActorRef(text, start, end)

    # -- the sentence ---------------------------------------------------------------------------------
    def clause_tokens(self, v: Token) -> set[int]:
        skip: set[int] = set()
        for c in v.children:
            if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
                skip.update(t.i for t in c.subtree)
        return {t.i for t in v.subtree if t.i not in skip}

    def reporter(self, v: Token, matches: dict[int, Match]) -> Token | None:
        """The reporting verb whose complement holds `v` ("X said Y attacked Z" → said)."""
        node = v
        for _ in range(4):
            if node.head is node:
                return None
            if node.dep_ in ("ccomp", "parataxis") or (node.dep_ == "xcomp" and node.head.lemma_ in
                                                        ("urge", "call", "ask", "tell")):
                head = node.head
                hm = matches.get(head.i)
                if hm is not None and hm.trigger.code[:2] in ("01", "02", "11", "10", "13", "09"):
                    return head
                return None
            node = node.head
        return None


@dataclass
class Context:
    doc: Doc
    resolver: ArticleResolver
    times: list[TimeExpr]
    quotes: list[Quote]
    published: date | None
    heading_background: set[int]  # sentence indexes under a "Background" heading
    text: str = ""  # doc.text, once (spaCy rebuilds it on every access)

    time_starts: list[int] = field(default_factory=list)
    dateline_places: dict[int, Place] = field(default_factory=dict)  # lead sentence start → dateline place

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text
        self.times = sorted(self.times, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        for d in self.doc.user_data.get(DATELINES_KEY, ()):
            place = _dateline_place(self.text, d.place_start, d.place_end, self.resolver)
            if place is not None:
                self.dateline_places[d.end] = place


def _dateline_place(text: str, start: int, end: int, resolver: ArticleResolver) -> Place | None:
    from ..actors.places import resolve_place

    name = text[start:end]
    found = resolve_place(name if not name.isupper() else name.title(), resolver.kb)
    if found is None:
        return None
    return Place(name, start, end, found.name, found.country, found.lat, found.lon)


def code_doc(coder: Coder, ctx: Context) -> list[Event]:
    """Every event of a parsed article, in text order."""
    events: list[Event] = []
    doc = ctx.doc
    for s_index, sent in enumerate(doc.sents):
        events.extend(_code_sentence(coder, ctx, sent, s_index))
    events.sort(key=lambda e: (e.sentence.index, e.trigger.start))
    return events


def _time_for(v: Token, clause: set[int], sent, in_sent: list[TimeExpr]) -> TimeExpr | None:
    doc = v.doc
    if not in_sent:
        return None
    for t in in_sent:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and any(tok.i in clause for tok in span):
            return t
    if len(in_sent) == 1 and (v.dep_ == "ROOT" or v.head.dep_ == "ROOT"):
        return in_sent[0]
    return None


def _place_for(v: Token, clause: set[int], ctx: Context) -> Place | None:
    ents = {id(e): e for i in sorted(clause) if (e := ctx.resolver.ent_of.get(i)) is not None}.values()
    for ent in ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or ent.root.i not in clause:
            continue
        prep = ent.root.head
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "near", "outside", "inside"):
            continue
        from ..actors.places import resolve_place

        place = resolve_place(ent.text, ctx.resolver.kb)
        if place is not None:
            return Place(ent.text, ent.start_char, ent.end_char, place.name, place.country, place.lat, place.lon)
    return None


def _code_sentence(coder: Coder, ctx: Context, sent, s_index: int) -> list[Event]:
    matches: dict[int, Match] = {}
    light_objects: set[int] = set()
    consumed: set[int] = set()
    for tok in sent:
        if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            m = coder.match_verb(tok)
            if m is not None:
                matches[tok.i] = m
                if m.obj is not None:
                    light_objects.add(m.obj.i)
                if m.consumed is not None:
                    consumed.add(m.consumed.i)
    for i in consumed:
        matches.pop(i, None)
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.i not in light_objects and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            m = coder.match_noun(tok)
            if m is None:
                continue
            governor = _governing_verb(tok)
            if governor is not None and governor.tag_ == "VBG" and governor.dep_ == "pcomp" \
                    and governor.head.lower_ in TOPIC_PREPS:
                continue  # "focused on reviving a dialogue", "talked about resuming talks": a topic, not an event
            gm = matches.get(governor.i) if governor is not None else None
            # "announced a ceasefire", "approved the extradition": the noun is the event the verb reports
            if gm is None or gm.trigger.code[:2] == REPORTING_ROOT or governor.lemma_ in SUPPORT_VERBS:
                matches[tok.i] = m
    sent_end = sent.start_char + len(sent.text.rstrip())  # the paragraph break after a sentence is not part of it
    sref = SentenceRef(s_index, sent.start_char, sent_end)
    lo = bisect_left(ctx.time_starts, sent.start_char)
    hi = bisect_left(ctx.time_starts, sent.end_char)
    sent_times = [t for t in ctx.times[lo:hi] if t.type in ("DATE", "TIME")]
    out: list[Event] = []
    for _i, m in sorted(matches.items()):
        v = m.token
        clause = coder.clause_tokens(v)
        pair = _between_pair(v) if m.trigger.pos == "noun" else None
        if pair is not None:
            # "talks between Belgrade and Pristina": the two sides meet each other, whoever hosts the talks
            subj_heads, targ_heads = [pair[0]], [pair[1]]
        elif m.trigger.pos == "verb":
            subj_heads = coder.subject_heads(v)
            targ_heads = coder.target_heads(m)
        else:
            subj_heads = _noun_sources(v)
            governor = _governing_verb(v)
            if not subj_heads and governor is not None:
                # the talks are never their own participant ("talks between ... began")
                subj_heads = [h for h in coder.subject_heads(governor) if h.i != v.i]
            targ_heads = coder.target_heads(m)
        sources = [coder.actor(h, ctx.resolver) for h in subj_heads] or [None]
        targets = [coder.actor(h, ctx.resolver) for h in targ_heads] or [None]
        info = coder.book.info(m.trigger.code)
        joint = pair is not None
        if len(sources) > 1 and info.root in SYMMETRIC_ROOTS and all(t is None or not t.code for t in targets):
            # "Serbia and Kosovo agreed": the first acts with the second
            targets = [sources[1]]
            sources = [sources[0]]
            joint = True
        elif len(sources) > 1:
            joint = True
        attribution = _attribution(coder, v, matches, ctx)
        where = _place_for(v, clause, ctx)
        if where is None and m.trigger.pos == "noun" and (gov := _governing_verb(v)) is not None:
            where = _place_for(gov, coder.clause_tokens(gov), ctx)  # "talks ... began in Brussels"
        # the dateline says where the story was filed: where its lead happened, unless the lead says
        where = where or ctx.dateline_places.get(sent.start_char)
        trig_end = v.idx + len(v.text)
        if m.trigger.particle or m.trigger.prep:
            extra = [c for c in v.children if c.dep_ in ("prt", "prep") and c.lower_ in
                     (m.trigger.particle, m.trigger.prep)]
            if extra:
                last = max(extra, key=lambda t: t.i)
                trig_end = max(trig_end, last.idx + len(last.text))
        if m.obj is not None and m.obj.i > v.i:
            trig_end = max(trig_end, m.obj.idx + len(m.obj.text))
        trigger = Span(ctx.text[v.idx:trig_end], v.idx, trig_end)
        time = _time_for(v, clause, sent, sent_times)
        status = status_of(v, time, ctx.published, s_index in ctx.heading_background)
        date_value, precision = _date_of(time, ctx.published, status)
        if _refused(v, status):
            rejection = REJECT_CODES.get(info.code[:3]) or REJECT_CODES.get(info.root)
            if rejection is not None and rejection in coder.book:
                info = coder.book.info(rejection)
                # the refusal happened (or is planned): it is not the negation of a rejection
                status = refusal_status(v, time, ctx.published, s_index in ctx.heading_background)
                date_value, precision = _date_of(time, ctx.published, status)
        elif status == "planned" or _under_intent(v):
            intent = INTENT_CODES.get(info.code[:3]) or INTENT_CODES.get(info.root)
            if intent is not None and intent in coder.book:
                info = coder.book.info(intent)
        if m.trigger.pos == "noun" and not any(a is not None and a.code for a in (*sources, *targets)):
            continue  # "the meeting", "talks" with nobody named: not an event worth recording
        if info.root == REPORTING_ROOT and sources[0] is not None and sources[0].code:
            critic = _reported_criticism(coder, ctx, v, sources[0])
            if critic is not None:
                tgt_ref, cue = critic
                cinfo = coder.book.info(CRITICISM_CODE)
                out.append(Event(
                    code=cinfo.code, root=cinfo.root, name=cinfo.name, quad_class=cinfo.quad_class,
                    penta_class=cinfo.penta_class, plover=cinfo.plover, goldstein=cinfo.goldstein,
                    source=sources[0], target=tgt_ref, trigger=Span(v.text, v.idx, v.idx + len(v.text)),
                    sentence=sref, date=date_value, date_precision=precision, status=status, confidence=0.6,
                    rule=f"reported-criticism:{v.lemma_}:{cue}"))
        for src in sources:
            for tgt in targets:
                if src is not None and tgt is not None and src.code and src.code == tgt.code and not joint:
                    continue
                place = where
                conf = _confidence(m.trigger, info.root, src, tgt, _position(v, m))
                out.append(Event(
                    code=info.code, root=info.root, name=info.name, quad_class=info.quad_class,
                    penta_class=info.penta_class, plover=info.plover, goldstein=info.goldstein,
                    source=src, target=tgt, trigger=trigger, sentence=sref, joint=joint,
                    date=date_value, date_precision=precision, location=place, status=status,
                    attribution=attribution, confidence=conf, rule=m.trigger.rule + (":passive" if m.passive else ""),
                ))
    return out


@lru_cache(maxsize=1)
def _evaluative() -> tuple[frozenset[str], frozenset[str]]:
    from ..data import load_yaml

    data = load_yaml("evaluative.yaml")
    return frozenset(data["negative_nouns"]), frozenset(data["negative_adjectives"])


def _reported_criticism(coder: Coder, ctx: Context, v: Token, speaker: ActorRef) -> tuple[ActorRef, str] | None:
    """'X noted that [Y's unilateral actions posed the greatest threat]': X criticises Y."""
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


def _noun_sources(n: Token) -> list[Token]:
    for c in n.children:
        if c.dep_ == "poss":
            return [c]
        if c.dep_ == "prep" and c.lower_ == "by":
            p = _pobj(c)
            if p is not None:
                return [p]
    for c in n.children:
        if c.dep_ in ("amod", "compound") and c.pos_ in ("PROPN", "ADJ") and c.ent_type_ in ("NORP", "GPE", "ORG"):
            return [c]
    return []


def _between_pair(n: Token) -> tuple[Token, Token] | None:
    """The two sides of 'talks between X and Y' (also 'X-Y talks' is left to the compound rules)."""
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            first = _pobj(c)
            if first is None:
                return None
            second = next((x for x in first.conjuncts if x.i > first.i and x.pos_ in ("NOUN", "PROPN")), None)
            return (first, second) if second is not None else None
    return None


def _attribution(coder: Coder, v: Token, matches: dict[int, Match], ctx: Context) -> ActorRef | None:
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


def _date_of(time: TimeExpr | None, published: date | None, status: str) -> tuple[str | None, str | None]:
    if time is not None and time.value and time.precision in ("day", "month", "year"):
        return time.value[:10], time.precision
    if status == "background" or published is None:
        return None, None
    return published.isoformat(), "day"


def _refused(v: Token, status: str) -> bool:
    """'refused to lift', 'will not release', 'ruled out talks'."""
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in REFUSAL_HEADS:
        return True
    if status == "negated":
        if v.lemma_.lower() in CONSENT_LEMMAS:
            return True
        auxes = {c.lower_ for c in v.children if c.dep_ == "aux"}
        return bool(auxes & {"will", "would", "wo", "shall", "can", "ca", "cannot"})
    return False


def _under_intent(v: Token) -> bool:
    """'agreed to open', 'is willing to withdraw', 'ready to contribute troops'."""
    if v.dep_ != "xcomp":
        return False
    head = v.head
    return head.lemma_.lower() in INTENT_HEADS or head.lower_ in INTENT_HEADS


TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}


def _governing_verb(n: Token) -> Token | None:
    head = n.head
    if head.dep_ in ("prep", "agent") and head.head is not head:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


SUBORDINATE = {"relcl", "acl", "amod", "advcl", "pcomp", "csubj", "npadvmod", "compound"}


def _position(v: Token, m: Match) -> float:
    """How central the trigger is to its sentence: main clauses count more than relative or purpose clauses."""
    dep = v.dep_
    if m.trigger.pos == "noun":
        governor = _governing_verb(v)
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


def _confidence(trigger: Trigger, root: str, src: ActorRef | None, tgt: ActorRef | None,
                position: float = 0.0) -> float:
    conf = 0.35 + 0.3 * trigger.weight + position
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
