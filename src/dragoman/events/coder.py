"""Trigger matching and the grammar of who acts: predicates from the dependency parse matched against the
trigger lexicon, source and target heads from subject/object structure, voice, coordination and reported speech."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..actors.mentions import is_thing, is_war_hardware, person_titles
from ..actors.resolver import ArticleResolver
from ..actors.world import world_kb
from ..model import ActorRef
from .codebook import Codebook, codebook
from .grammar import children, is_passive, is_time, pobj, with_conjuncts
from .lexicon import Lexicon, Trigger, lexicon
from .vocab import vocab

V = vocab()
REPORTING_ROOT = "01"


@dataclass
class Match:
    """A predicate that matched a trigger entry."""

    token: Token
    trigger: Trigger
    obj: Token | None  # the object noun a light verb matched on
    passive: bool
    consumed: Token | None = None  # an infinitive the trigger swallowed ("declined to comment")


LOCATIVE_PREPS = {"from", "in", "into", "inside", "across", "near", "out", "throughout", "within"}


def a_place(prep: Token, obj: Token) -> bool:
    """'withdraw troops from Iraq', 'deployed in Mali': a place reached through a locative preposition is where,
    not whom (a meeting's venue is never an actor)."""
    return prep.lower_ in LOCATIVE_PREPS and obj.ent_type_ in ("GPE", "LOC", "FAC")


def _inside_container(o: Token) -> list[Token]:
    """'mediation efforts', 'the number of its troops', 'a team of experts': what a container noun holds."""
    if o.lemma_.lower() not in V.container_nouns:
        return []
    inner = [c for c in o.children if c.dep_ == "compound"]
    for prep in o.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            inner += [c for c in prep.children if c.dep_ == "pobj"]
    return inner


def _noun_lemmas(n: Token) -> list[str]:
    """The noun's lemma, and for a hyphenated compound ('cease-fire', 'air-strike') the whole word."""
    lemmas = [n.lemma_.lower()]
    doc = n.doc
    if n.i >= 2 and doc[n.i - 1].text == "-" and not doc[n.i - 1].whitespace_ and not doc[n.i - 2].whitespace_:
        first = doc[n.i - 2].lower_
        lemmas += [f"{first}-{lemmas[0]}", first + lemmas[0]]
    return lemmas


def _back_to_the_speaker(v: Token) -> bool:
    """'The ministry said an officer had died and blamed the Brotherhood': a simple past joined to a reported
    pluperfect goes back to the speaker (the parser hangs it on the reported verb)."""
    head = v.head
    return v.tag_ == "VBD" and head.dep_ == "ccomp" and head.tag_ == "VBN" \
        and any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children) \
        and head.head.lemma_.lower() in V.say_verbs


def _people(tok: Token) -> bool:
    """Whether a noun names people or a group (a named person, organisation or nationality, or a Phoenix agent
    noun such as 'demonstrators', 'rebels'), not a thing or a place."""
    if tok.pos_ not in ("NOUN", "PROPN") or is_thing(tok):
        return False
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or world_kb().agent_at([tok.lower_], 0) is not None \
        or world_kb().agent_at([tok.lemma_.lower()], 0) is not None


def joins_the_main_clause(v: Token) -> bool:
    """A second main verb the parser hung on the first one's clause: 'a judge ruled there was no case and
    accused the police' ('there' acts in nothing), 'Saleh denies that police were involved and declares a state
    of emergency' (its form matches the main verb's, not the clause's)."""
    head = v.head
    if v.dep_ != "conj" or head.dep_ != "ccomp" or head.head is head:
        return False
    if children(head, "expl") and not children(head, "nsubj"):
        return True
    return bool(children(head, "mark")) and v.tag_ in ("VBZ", "VBD") and v.tag_ == head.head.tag_ != head.tag_


def ordering_verb(v: Token) -> Token | None:
    """The verb that orders `v` done to its object ('ordered the activist released', parsed as a participle on
    the object or as a clause whose subject is the object: 'order Mubarak detained')."""
    head = v.head
    if v.tag_ not in ("VBN", "VBD") or head is v:
        return None
    if v.dep_ == "acl" and head.dep_ == "dobj" and head.head.lemma_.lower() in V.ordering_verbs:
        return head.head
    if v.dep_ == "ccomp" and head.lemma_.lower() in V.ordering_verbs and children(v, "nsubj") \
            and not any(c.dep_ in ("aux", "auxpass", "mark") for c in v.children):
        return head
    return None


def _named_deeper_in(obj: Token, preps: tuple[str, ...]) -> list[list[Token]]:
    """'sent supplies and personnel such as doctors to Nepal': the parser hung 'to Nepal' on the last thing listed;
    a country or organisation named by the verb's preposition anywhere in the object phrase is the target."""
    out = []
    for t in obj.subtree:
        if t.dep_ == "prep" and t.lower_ in preps and t.head.i != obj.i:
            inner = pobj(t)
            if inner is not None and inner.ent_type_ in ("GPE", "ORG") and inner.pos_ == "PROPN":
                out.append(with_conjuncts(inner))
    return out


def _own_thing(o: Token) -> bool:
    """'withdrew its troops', 'clarified their guidance': the subject's own thing, named by a possessive pronoun."""
    return is_thing(o) and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children)


def _undergone(v: Token) -> bool:
    """'(were reported) killed', 'to have been killed': a passive participle, not a perfect ('to have seized')."""
    if v.tag_ != "VBN":
        return False
    return any(c.dep_ == "auxpass" for c in v.children) or not any(c.dep_ == "aux" for c in v.children)


def _stands_done_to(v: Token) -> bool:
    """'The government stands accused of ...', 'the deal remains suspended': a participle after 'stand' or 'remain'
    says what was done to the subject, as a passive does."""
    return v.tag_ == "VBN" and v.dep_ in ("xcomp", "acomp", "oprd") and v.head.lemma_.lower() in V.stative_heads


def one_person_described(heads: list[Token]) -> list[Token]:
    """'Former head of the UN refugee agency and possible presidential candidate Ruud Lubbers criticised the plan':
    titles with no article of their own, coordinated before a person's name, describe that person; he alone acts
    ('The president and the prime minister met' stays two)."""
    if len(heads) < 2:
        return heads
    named = [h for h in heads if h.pos_ == "PROPN" and h.ent_type_ == "PERSON"]
    if len(named) != 1:
        return heads
    titles = person_titles()
    described = [h for h in heads if h is not named[0]]
    if all(h.pos_ == "NOUN" and h.lemma_.lower() in titles and not any(c.dep_ in ("det", "poss") for c in h.children)
           for h in described):
        return named
    return heads


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
        kids = list(v.children)  # read six times below: each walk makes a new Token per child
        passive = is_passive(v)
        particles = {c.lower_ for c in kids if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in V.particles)}
        # 'called the president on Monday' is a call, not 'call on': a preposition of time is no trigger's
        preps = {c.lower_ for c in kids if c.dep_ in ("prep", "agent", "dative")
                 and not ((o := pobj(c)) is not None and is_time(o))}
        # 'was critical of the government': an adjective after a copula is the object an entry names
        objs = [c for c in kids if c.dep_ in (("dobj", "attr", "oprd", "acomp") if not passive else ("nsubjpass",))]
        objs = [x for o in objs for x in (o, *o.conjuncts)]
        objs += [inner for o in objs for inner in _inside_container(o)]  # "ended mediation efforts"
        for prep in kids:  # "provided Egypt with assistance"
            if prep.dep_ == "prep" and prep.lower_ == "with":
                objs.extend(c for c in prep.children if c.dep_ == "pobj")
        idle = V.idle_objects.get(v.lemma_.lower())
        if idle and any(o.lemma_.lower() in idle for o in objs):
            return None  # 'meeting little resistance': no meeting
        # 'declined to comment'; the parser hangs the small clause of 'found him guilty', 'let free the prisoners' as
        # a ccomp
        xcomps = {c.lemma_.lower(): c for c in kids if c.dep_ == "xcomp" or (
            c.dep_ == "ccomp" and c.pos_ in ("ADJ", "VERB") and c.lower_ in V.small_clause_words)}
        # a reduced relative's noun is what the participle did to it ('the figures released by the ministry')
        described = v.head if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ == "NOUN" else None
        # 'held 20,000 civilians as human shields': the parser may hang the verb's preposition on its object
        obj_preps = {c.lower_ for o in objs for c in o.children if c.dep_ == "prep"}
        for t in entries:
            if t.particle and t.particle not in particles:
                continue
            if t.prep and t.prep not in preps and not (t.objects and t.prep in obj_preps):
                continue
            if passive and not t.passive:
                continue
            if t.intransitive and any(c.dep_ in ("dobj", "dative") for c in kids):
                continue
            if t.xcomps:
                hit = next((x for lemma, x in xcomps.items() if lemma in t.xcomps), None)
                if hit is None:
                    continue
                return Match(v, t, None, passive, consumed=hit)
            if t.objects:
                candidates = objs + ([o for c in v.children if c.dep_ == "prep" and c.lower_ == t.prep
                                      for o in (pobj(c),) if o is not None] if t.prep else [])
                hit = next((o for o in candidates if o.lemma_.lower() in t.objects or o.lower_ in t.objects), None)
                if hit is None and described is not None and t.code[:2] <= "08" and (
                        described.lemma_.lower() in t.objects or described.lower_ in t.objects):
                    # 'figures released by the ministry': published figures (not 'a city held by the army',
                    # which says who holds it)
                    return Match(v, t, None, passive)
                if hit is None:
                    continue
                return Match(v, t, hit, passive)
            return Match(v, t, None, passive)
        return None

    def match_noun(self, n: Token) -> Match | None:
        for lemma in _noun_lemmas(n):
            for t in self.lex.noun_entries(lemma):
                return Match(n, t, None, False)
        return None

    # -- actors ---------------------------------------------------------------------------------------
    def subject_heads(self, v: Token) -> list[Token]:
        if v.lower_ == "according":  # "According to the ministry, ...": the ministry says it
            return [o for c in v.children if c.dep_ == "prep" and c.lower_ == "to" for o in (pobj(c),) if o is not None]
        orderer = ordering_verb(v)
        if orderer is not None:  # "prosecutors ordered Mubarak detained": the prosecutors detain him
            return self.subject_heads(orderer)
        subj = children(v, "nsubj", "csubj")
        relative = [s for s in subj if s.tag_ in ("WDT", "WP")]
        if relative and len(relative) < len(subj):
            subj = [s for s in subj if s not in relative]  # "..., which he said aim to ...": he says
        elif relative and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
            return with_conjuncts(v.head)  # "a resolution that welcomed ...": the antecedent acts
        if subj:
            if subj[0].lower_ in V.speaker_pronouns and v.dep_ in ("ccomp", "conj") and v.head is not v:
                # "Iraqi military says it has seized ...": the pronoun is the speaker
                reporter = v.head if v.dep_ == "ccomp" else (v.head.head if v.head.dep_ == "ccomp" else None)
                if reporter is not None and reporter.lemma_.lower() in V.say_verbs:
                    said_by = children(reporter, "nsubj")
                    if said_by and said_by[0].pos_ != "PRON":
                        return [said_by[0]]
            heads = with_conjuncts(subj[0])
            named = next((c for c in subj[0].children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if len(heads) == 1 and subj[0].tag_ == "NNS" and named is not None and len(with_conjuncts(named)) > 1:
                heads = with_conjuncts(named)  # "Libya's rival leaders, Fayez al-Serraj and Khalifa Haftar, met"
            if len(subj) > 1 and any(c.dep_ == "cc" for c in subj[0].children):
                # "A and B signed": the parser sometimes hangs B on the verb as a second subject
                heads += [s for s in subj[1:] if s.pos_ in ("NOUN", "PROPN") and s not in heads]
            return one_person_described(heads)
        misread = next((c for c in v.lefts if c.dep_ in ("advmod", "npadvmod", "dep", "nmod")
                        and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") and not is_time(c)), None)
        if misread is not None and not is_passive(v):
            return [misread]  # "USAID deployed teams": the tagger read the name as an adverb
        if is_passive(v) or _stands_done_to(v):
            # "rounded up and abused by British soldiers": conjoined passives share the agent
            for verb in (v, *(c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"),
                         *((v.head,) if v.dep_ == "conj" else ())):
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                by = pobj(agent) if agent is not None else None
                if by is not None:
                    return with_conjuncts(by)
            return []
        head = v.head
        if head is v:
            return []
        if v.dep_ == "xcomp":
            said = children(head, "nsubj")
            if len(said) > 1 and any(s.tag_ in ("WDT", "WP") for s in said):
                return []  # "proceedings, which he said aim to ...": not the speaker's aim; the parse hides whose
            obj = children(head, "dobj")
            if obj:
                return with_conjuncts(obj[0])
            raised = children(head, "nsubjpass")
            raising = head.lemma_.lower() in V.raising_heads or head.lower_ in V.raising_heads
            if raised and raising and _undergone(v):
                return []  # "Three protesters were reported killed": they underwent it; who killed them is unsaid
            if raised and raising and not children(head, "agent"):
                return with_conjuncts(raised[0])
            if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd") and head.head is not head:
                # "Honduras is willing to withdraw", "Serbia is ready to talk": the copula's subject acts
                return self.subject_heads(head.head)
            return self.subject_heads(head)
        if v.dep_ == "conj":
            if _back_to_the_speaker(v) and self._speech_act(v):
                return self.subject_heads(head.head)
            if joins_the_main_clause(v):
                return self.subject_heads(head.head)
            return self.subject_heads(head)
        if v.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") and not (
                v.tag_ == "VB" and any(c.lower_ == "to" for c in v.children) and self._copula_with_attr(v)):
            return [head]
        if v.dep_ == "acl" and v.tag_ == "VB" and head.pos_ == "NOUN" and any(c.lower_ == "to" for c in v.children) \
                and (head.lemma_.lower() in V.promise_heads or head.lemma_.lower() in V.threat_heads):
            # "Putin's offer to mediate", "the rebels' threat to attack": whoever offers or threatens would do it
            return with_conjuncts(children(head, "poss")[0]) if children(head, "poss") else []
        if v.dep_ == "acl" and v.tag_ == "VBD" and head.pos_ in ("NOUN", "PROPN"):
            return with_conjuncts(head)  # a finite verb the parser hung on the noun before it
        if v.dep_ == "acl" and v.tag_ == "VBN":  # "the missiles fired by the army": the agent acts
            agent = next((c for c in v.children if c.dep_ == "agent"), None)
            by = pobj(agent) if agent is not None else None
            return with_conjuncts(by) if by is not None else []
        if v.dep_ == "amod" and v.tag_ == "VBN":  # "EU-mediated talks", "NATO-led troops": the prefix acts
            return [c for c in v.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i + 2 == v.i
                    and c.pos_ == "PROPN" and v.doc[c.i + 1].text == "-"][:1]
        if v.dep_ in ("advcl", "acl", "relcl") and v.tag_ == "VB" and any(c.lower_ == "to" for c in v.children) \
                and self._copula_with_attr(v):
            # "France became the first country to recognise the council": the subject of 'became' recognises
            return self.subject_heads(v.head if v.head.pos_ in ("VERB", "AUX") else v.head.head)
        if v.dep_ == "pcomp" and v.tag_ == "VBG":
            return self._gerund_subject(v)
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            trailing_attribution = v.sent.root.i > v.i  # "militias attacked Bangui, sparking clashes, residents said"
            if v.i > 0 and v.doc[v.i - 1].text == "," and v.sent.root is not v and v.sent.root is not head \
                    and not self._material(v) and not trailing_attribution:
                # "MI5 says Iraq is an issue, contradicting ministers": a participle set off by a comma says
                # more about the sentence's main actor than about the clause the parser hung it on
                return self.subject_heads(v.sent.root)
            bearer = self._reduced_relative_bearer(v)
            if bearer is not None:
                return with_conjuncts(bearer)
            return self.subject_heads(head)
        if v.dep_ == "acl" and v.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("NOUN", "PROPN"):
            return with_conjuncts(head)  # "Biden, visiting Ankara, said ...": the subject visits
        if v.dep_ == "acl" and v.tag_ == "VBG" and _people(head) and not self._material(v):
            return with_conjuncts(head)  # "shelled rebels seeking to retake the town": the rebels seek
        if v.dep_ == "acl" and v.tag_ == "VBG" and head.dep_ in ("dobj", "pobj") and head.head.pos_ == "VERB":
            if head.head.lemma_.lower() in V.disowning_verbs:
                return []  # "vetoed a resolution condemning X": the vetoing side did not condemn
            return self.subject_heads(head.head)  # "issued a statement urging X": the issuer urges
        return []

    @staticmethod
    def _copula_with_attr(v: Token) -> bool:
        """Whether v's infinitive hangs on 'be/become/remain ... the first (country)' (on the verb or its noun)."""
        head = v.head
        cop = head if head.pos_ in ("VERB", "AUX") else head.head
        return cop.lemma_.lower() in ("be", "become", "remain") and any(c.dep_ in ("attr", "acomp")
                                                                        for c in cop.children)

    def _speech_act(self, v: Token) -> bool:
        """Whether the verb's plain reading is a verbal act (roots 01-13: 'blamed', 'urged', 'denied')."""
        bare = [t for t in self.lex.verb_entries(v.lemma_.lower()) if not t.specificity]
        return bool(bare) and all(t.code[:2] < "14" for t in bare)

    def _material(self, v: Token) -> bool:
        """Whether the verb's plain reading is a material act (roots 14-20: 'killing', 'wounding'), which belongs
        to the clause it hangs on ('said troops opened fire, killing four': the troops killed)."""
        bare = [t for t in self.lex.verb_entries(v.lemma_.lower()) if not t.specificity]
        return bool(bare) and all(t.code[:2] >= "14" for t in bare)

    def _reduced_relative_bearer(self, v: Token) -> Token | None:
        """The people a participle right after them describes, where the parser hung the participle on the
        verb: 'used tear gas against demonstrators trying to occupy the square' (the demonstrators try).
        A material participle ('fired on the crowd killing four') stays with the clause's subject."""
        if v.i == 0 or self._material(v):
            return None
        prev = v.doc[v.i - 1]
        return prev if prev.dep_ in ("dobj", "pobj") and _people(prev) else None

    def _gerund_subject(self, v: Token) -> list[Token]:
        """Who does what a gerund after a preposition names: 'criticised Kosovo for opening' → Kosovo;
        'is expected to issue recommendations on opening talks' → the subject of 'issue'."""
        prep = v.head
        while prep.dep_ == "conj" and prep.head is not prep:  # "on opening ... and on starting ..."
            prep = prep.head
        gov = prep.head
        if gov.pos_ in ("NOUN", "PROPN") and prep.lower_ not in V.object_control_preps and gov.dep_ == "dobj":
            gov = gov.head  # "ordered an investigation after admitting ...": the parser hung 'after' on the noun
        if gov is prep or gov.pos_ not in ("VERB", "AUX"):
            return []
        obj = children(gov, "dobj")
        if obj and prep.lower_ in V.object_control_preps:
            actor_like = obj[0].pos_ == "PROPN" or obj[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            return with_conjuncts(obj[0]) if actor_like else []
        return self.subject_heads(gov)

    def target_heads(self, m: Match) -> list[Token]:
        """The first target candidate (see target_options)."""
        options = self.target_options(m)
        return options[0] if options else []

    def target_options(self, m: Match) -> list[list[Token]]:
        """Target candidates in order of preference; the draft takes the first that names a known actor
        ('returned two paintings to the Brazilian government': the government, not the paintings)."""
        v = m.token
        if m.trigger.pos == "noun":
            # the entry's own prepositions first; then whom the noun is aimed at ('a suspension of aid TO Egypt')
            preps = tuple(m.trigger.target or V.noun_target_preps)
            options = self._prep_options(v, preps + tuple(p for p in V.aiming_preps if p not in preps))
            if v.dep_ == "dobj" and v.head.pos_ == "VERB":
                # 'gave Putin a stern warning', 'handed Kyiv an ultimatum': whoever receives the noun's act
                options += [with_conjuncts(d) for d in children(v.head, "dative")
                            if d.pos_ in ("PRON", "PROPN", "NOUN")]
            return options
        prefs = m.trigger.target or ("dobj", *V.default_target_preps)
        if m.consumed is not None and m.consumed.dep_ == "ccomp":  # 'found him guilty', 'let free 74 prisoners'
            held = children(m.consumed, "nsubj", "dobj")
            if held:
                return [with_conjuncts(held[0])]
        if m.passive:
            subj = children(v, "nsubjpass")
            if subj and m.obj is None:
                return [with_conjuncts(subj[0])]
        if _stands_done_to(v) and m.obj is None and children(v.head, "nsubj"):
            return [with_conjuncts(children(v.head, "nsubj")[0])]  # "the government stands accused": it is accused
        if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN") and m.obj is None:
            return [[v.head]]  # "the soldiers killed in the attack": the noun undergoes it
        if ordering_verb(v) is not None and children(v, "nsubj"):
            return [with_conjuncts(children(v, "nsubj")[0])]  # "ordered Mubarak detained": he is detained
        if v.dep_ == "xcomp" and _undergone(v) and m.obj is None and children(v.head, "nsubjpass"):
            return [with_conjuncts(children(v.head, "nsubjpass")[0])]  # "were reported killed": they underwent it
        if m.obj is not None:
            preps = tuple(p for p in prefs if p != "dobj") or V.default_target_preps
            # 'granted him asylum', 'offered Kyiv $1bn': the indirect object receives it; 'threatened the regional
            # government with sanctions': the object, when what is threatened or given came with 'with'
            options = [with_conjuncts(d) for d in children(v, "dative", *(("dobj",) if m.obj.dep_ == "pobj" else ()))
                       if d.pos_ in ("PRON", "PROPN", "NOUN") and d.i != m.obj.i]
            options += self._prep_options(m.obj, preps) + self._prep_options(v, preps)
            for also in m.obj.conjuncts:  # 'imposed asset freezes and travel bans on three generals'
                options += self._prep_options(also, preps)
            own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in m.obj.children) \
                and m.obj.lemma_.lower() != "counterpart"  # "withdrew its troops"; "his counterpart" is another's
            own = own or V.idiom_nouns.get(m.obj.lemma_.lower()) == v.lemma_.lower()  # "joined forces"
            if m.obj.dep_ in ("dobj", "nsubjpass") and not is_thing(m.obj) and not own:
                options.append(with_conjuncts(m.obj))  # "expelled a Bulgarian diplomat": the object is someone
            elif m.obj.dep_ in ("dobj", "nsubjpass") and (m.trigger.code[:2] in V.object_as_target_roots or (
                    {m.trigger.code[:2], m.trigger.code[:3]} & V.claim_answer_codes
                    and m.obj.lemma_.lower() in V.claim_nouns)):
                options.append([m.obj])  # "rejected Britain's offer": the offer stands for its maker
            return options + self._whom_it_was_meant_to_stop(m) + _named_deeper_in(m.obj, preps)
        options = []
        for pref in prefs:
            if pref == "dobj":
                # not the subject's own thing ('clarified their guidance') nor an idiom's noun ('joined forces')
                objs = [o for o in children(v, "dobj", "dative") if not is_time(o) and not _own_thing(o)
                        and V.idiom_nouns.get(o.lemma_.lower()) != v.lemma_.lower()]
                if objs and not (m.obj is not None and objs[0].i == m.obj.i):
                    options.append(with_conjuncts(objs[0]))
            else:
                options += self._prep_options(v, (pref,))
        return options + self._whom_past_the_object(m, tuple(p for p in prefs if p != "dobj")) \
            + self._whom_it_was_meant_to_stop(m) + self._who_is_to_do_it(m) + self._whom_the_plan_names(m)

    def _whom_the_plan_names(self, m: Match) -> list[list[Token]]:
        """'offered to open a new page with Saudi Arabia', 'threatened to cut ties with Kigali': a promise, threat,
        appeal or demand to do something is aimed at whom that doing names, when the verb itself names no one."""
        if m.trigger.code[:2] not in ("02", "03", "10", "13"):
            return []
        options: list[list[Token]] = []
        for x in children(m.token, "xcomp"):
            options += [with_conjuncts(o) for o in children(x, "dobj") if not is_thing(o) and not is_time(o)]
            options += self._prep_options(x, ("with", "to", "against", "on"))
        return options

    def _who_is_to_do_it(self, m: Match) -> list[list[Token]]:
        """'The Security Council demanded that the Houthis withdraw': a demand or an appeal is aimed at whoever is
        to do what it asks."""
        if m.trigger.code[:2] not in ("02", "10"):
            return []
        for c in m.token.children:
            if c.dep_ == "ccomp":
                subj = [s for s in children(c, "nsubj") if s.pos_ in ("NOUN", "PROPN", "PRON")]
                if subj:
                    return [with_conjuncts(subj[0])]
        return []

    def _whom_it_was_meant_to_stop(self, m: Match) -> list[list[Token]]:
        """'Police fired tear gas to disperse hundreds of protesters': force used to scatter or stop people is aimed
        at them, when the act itself names no one; so is force used while a crowd marches or gathers."""
        if m.trigger.code[:2] not in ("17", "18", "19", "20"):
            return []
        for c in m.token.children:
            if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in V.dispersing_lemmas \
                    and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
                people = [o for o in children(c, "dobj") if _people(o) or o.ent_type_ == "CARDINAL"]
                if people:
                    return [with_conjuncts(people[0])]
        for c in (x for verb in (m.token, *m.token.conjuncts) for x in verb.children):
            if c.dep_ == "advcl" and any(a.dep_ == "mark" and a.lower_ in ("as", "while", "when") for a in c.children):
                # 'fired tear gas as young protesters marched on parliament': the crowd it met
                crowd = [s for s in children(c, "nsubj") if s.lemma_.lower() in V.crowd_words
                         or s.lower_ in V.crowd_words]
                if crowd:
                    return [with_conjuncts(crowd[0])]
        return []

    def _whom_past_the_object(self, m: Match, preps: tuple[str, ...]) -> list[list[Token]]:
        """Later candidates the parser hides one level down: 'lends $85 billion to the insurer' ('to' hangs on
        the amount), 'lent the insurer $38 billion' (a bare indirect object), 'called for sanctions against
        Turkey' (whom the trigger preposition's object is aimed at)."""
        v = m.token
        options: list[list[Token]] = []
        for o in children(v, "dobj"):
            if is_thing(o) or o.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT"):
                options += self._prep_options(o, preps)
        if "to" in preps:
            options += [with_conjuncts(d) for d in children(v, "dative") if d.pos_ in ("NOUN", "PROPN")]
        if m.trigger.prep:
            for c in v.children:
                inner = pobj(c) if c.dep_ == "prep" and c.lower_ == m.trigger.prep else None
                if inner is not None and not is_time(inner):
                    options += self._prep_options(inner, tuple(V.aiming_preps))
                    options += self._whose_act_is_asked(inner)
        return options

    def _whose_act_is_asked(self, inner: Token) -> list[list[Token]]:
        """'called for Assad's resignation', 'called for the release of the activists', 'unity among the Shia
        community': whom the act asked for is done by or to is whom the appeal is aimed at."""
        options = [with_conjuncts(c) for c in inner.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
        if self.lex.noun_entries(inner.lemma_.lower()) or inner.lemma_.lower() in V.asked_act_nouns:
            options += self._prep_options(inner, ("of", "among", "between"))
        return options

    def _prep_options(self, head: Token, preps: tuple[str, ...]) -> list[list[Token]]:
        options = []
        kids = list(head.children)  # walked once per preposition: each walk makes a new Token per child
        for pref in preps:
            for c in kids:
                if c.dep_ in ("prep", "dative") and c.lower_ == pref:
                    obj = pobj(c)
                    if obj is not None and not is_time(obj) and not (
                            pref in ("on", "via", "over") and obj.lemma_.lower() in V.channel_nouns):
                        options.append(with_conjuncts(obj))  # not 'on social media': a channel, not whom
        return options

    def _prep_targets(self, head: Token, preps: tuple[str, ...]) -> list[Token]:
        for pref in preps:
            for c in head.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == pref:
                    obj = pobj(c)
                    if obj is not None and not is_time(obj):
                        return with_conjuncts(obj)
        return []

    def actor(self, head: Token, resolver: ArticleResolver) -> ActorRef:
        """The actor of a noun phrase: the phrase as evidence, the code from the phrase, its owner or author.

        'Serbia's statement' and 'an IMF loan' stand for Serbia and the IMF; 'a resolution that welcomed ...'
        for whoever adopted it ('The Assembly adopted a resolution that welcomed ...')."""
        ref = resolver.resolve(head)
        if ref is not None and ref.code:
            return ref
        owner = self._owner(head, resolver)
        if owner is None and head.dep_ == "conj" and is_war_hardware(head) and head.head.pos_ == "NOUN":
            owner = self._owner(head.head, resolver)  # "government helicopters and jets": the jets are the same side's
        if owner is not None:
            start, end, text = resolver._extent(head)
            if owner.country and owner.sector in (None, "GOV") and is_war_hardware(head):
                owner = replace(owner, code=owner.country + "MIL", sector="MIL")  # 'Turkish artillery', 'government jets'
            return replace(owner, text=text, start=start, end=end)
        if ref is not None:
            return ref
        start, end, text = resolver._extent(head)
        return ActorRef(text, start, end)

    def _owner(self, head: Token, resolver: ArticleResolver, depth: int = 0) -> ActorRef | None:
        """Whose thing it is: 'Serbia's statement', 'the attack by rebels', 'an IMF loan', 'an army base',
        'a gun battle with Iraqi soldiers', 'bases used by the militia'."""
        own_name = resolver._ent(head)
        for c in head.children:
            inner = None
            if own_name is not None and resolver._ent(c) is own_name:
                continue  # 'Felix' in 'Felix Tshisekedi' is part of the name, not its owner
            if c.dep_ == "poss":
                inner = c
            elif c.dep_ == "prep" and c.lower_ in ("by", "of", "from", "with"):
                inner = pobj(c)
            elif c.dep_ in ("compound", "amod", "nmod") and c.i < head.i and (
                    c.ent_type_ in ("ORG", "GPE", "NORP") or (c.pos_ == "NOUN" and is_thing(head))
                    or (c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper())  # "Islamic State targets"
                    or (c.dep_ == "compound" and len(c.text) > 2 and c.text.isupper() and c.is_alpha)):  # "MONUSCO bases"
                inner = c
            elif c.dep_ == "amod" and c.lemma_.lower() == "lead" and c.i < head.i:  # "the Saudi-led strikes"
                inner = next((x for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod")
                              and x.ent_type_ in ("GPE", "NORP", "ORG")), None)
            elif c.dep_ == "acl" and c.tag_ == "VBN":  # "bases used by the militia"
                agent = next((a for a in c.children if a.dep_ == "agent"), None)
                inner = pobj(agent) if agent is not None else None
            if inner is not None:
                sub = resolver.resolve(inner)
                named_place = c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_ and (
                    sub is None or sub.sector is None)  # "the Kirkuk-Baniyas pipeline" is no one's
                if sub is not None and sub.code and not named_place:
                    return sub
                if depth < 2 and is_thing(inner):  # "the text of the opinion released by the court"
                    sub = self._owner(inner, resolver, depth + 1)
                    if sub is not None:
                        return sub
        gov = head.head
        acts_in_relative = any(c.dep_ == "relcl" for c in head.children)
        if acts_in_relative and head.dep_ == "dobj" and gov.lemma_.lower() in V.authoring_verbs:
            for subj in children(gov, "nsubj"):
                sub = resolver.resolve(subj)
                if sub is not None and sub.code:
                    return sub
        return None

    # -- the sentence ---------------------------------------------------------------------------------
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
