"""Resolving noun phrases to actors: names, titles, countries, organisations, metonyms, pronouns.

One ArticleResolver per article: it remembers who was named with which role, so that a later "Djuric",
"he" or "the Serbian minister" resolves to the same actor. Resolution is an ordered list of small rules
(RULES below: the first that decides wins) followed by adjustments (ADJUSTMENTS: each may refine the
result). The same resolver serves events and quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Protocol

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..data import load_yaml
from ..model import ActorRef
from .companies import company_entries
from .context_country import ContextCountry, local_sectors
from .curated import resolve_curated
from .kb import Entry, KnowledgeBase, PhraseIndex, Role, fold, knowledge_base, norm, words_of
from .mentions import (
    GROUP_PRONOUNS,
    NOT_AN_ACTOR,
    PERSON_PRONOUNS,
    REL_PRONOUNS,
    is_person_ref,
    is_thing,
    is_war_hardware,
    unknown_role_people,
)
from .phrases import core_tokens, joined_words, np_extent
from .world import WorldKB, world_kb
from .world_lookup import SECTOR_BLOCKS, world_agent, world_name, world_surname


class ActorMemory(Protocol):
    """Who was seen with which role in earlier articles (the store implements it)."""

    def lookup(self, name: str, on: date | None) -> ActorRef | None: ...


@dataclass
class Sighting:
    """A person seen with a role in this article: what the memory learns."""

    name: str
    code: str
    role: str | None
    evidence: str


@dataclass
class Mention:
    """The phrase being resolved: its head, extent and text."""

    head: Token
    start: int
    end: int
    text: str


Outcome = ActorRef | object | None  # an ActorRef, NOT_AN_ACTOR, or None (this rule does not decide)


class ArticleResolver:
    """Resolves mentions within one article, remembering what it has seen."""

    def __init__(self, kb: KnowledgeBase | None = None, published: date | None = None,
                 memory: ActorMemory | None = None, world: WorldKB | None = None):
        self.kb = kb or knowledge_base()
        self.world = world or world_kb()
        self.published = published
        self.memory = memory
        self.people: dict[str, ActorRef] = {}  # name or surname → resolved person
        self.recent: list[tuple[int, ActorRef, bool]] = []  # (token index, actor, is_person), in text order
        self.countries: Counter[str] = Counter()
        self.sightings: list[Sighting] = []
        self.eu_context = False
        self.named_orgs: set[str] = set()  # names and codes of organisations named (for "the Assembly")
        self.named_firms: set[str] = set()  # names of organisations named unambiguously (for 'Shell' alone)
        self.coalition_leader: str | None = None  # the country of "the Saudi-led coalition", for "the coalition"
        self.context = ContextCountry(self)
        self._cache: dict[int, ActorRef | None] = {}
        self.ent_of: dict = {}  # token index → its named entity (doc.ents is costly to recompute)
        self._sents: list = []  # Token.sent rescans the doc on each call; look sentences up instead
        self._sent_starts: list[int] = []
        self._doc = None  # the primed doc and its text: a phrase's text is sliced from it (Span.text joins tokens)
        self._text = ""
        self._extents: dict[int, tuple[int, int, str]] = {}  # head index → its phrase, in the primed doc

    # -- public -------------------------------------------------------------------------------
    def prime(self, doc, text: str | None = None) -> None:
        """Note document-wide context (which countries and organisations are talked about), then resolve the
        article's names in text order, so that a later pronoun finds the actor named before it."""
        ents = doc.ents  # spaCy rebuilds the entity spans on each access
        self.ent_of = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        for ent in ents:
            if ent.label_ in ("GPE", "NORP", "ORG", "LOC"):
                for _, _, entry in self._names_in(list(ent)):
                    if entry.kind in ("country", "adjective", "seat", "people"):
                        self.countries[entry.ref.code] += 1
                    if entry.kind == "org":
                        self.named_orgs.update((entry.ref.name, entry.ref.code))
                        self.named_firms.add(entry.ref.name)
                        if entry.ref.code.startswith("IGOEUR"):
                            self.eu_context = True
        text = doc.text if text is None else text
        for full, org in self.kb.shortened.items():  # 'Reporters Without Borders' untagged: 'RSF' is still theirs
            if full in text:
                self.named_orgs.update((org.name, org.code))
        self._doc, self._text, self._extents = doc, text, {}
        if not self.eu_context:
            self.eu_context = bool(re.search(r"\b(?:EU|E\.U\.|European)\b", text, re.IGNORECASE))
        self.context.prime(doc, text, ents)
        for ent in ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") and ent.root.pos_ in ("PROPN", "NOUN"):
                self.resolve(ent.root)

    def resolve(self, head: Token) -> ActorRef | None:
        """The actor a noun phrase headed by `head` refers to, or None when it is not an actor."""
        if head.i in self._cache:
            return self._cache[head.i]
        self._cache[head.i] = None  # a phrase that refers to itself (apposition loops) resolves to nothing
        ref = self._resolve(head)
        self._cache[head.i] = ref
        if ref is not None and ref.code and ref.name:
            for key, known in list(self.people.items()):  # later mentions follow the adjusted reading ('former')
                if known.name == ref.name and known.code != ref.code:
                    self.people[key] = ref
        if ref is not None and (ref.code or (ref.name and head.pos_ == "PROPN")):
            # a person no knowledge base codes is still the one a later 'he' refers to
            entry = (head.i, ref, head.lower_ not in GROUP_PRONOUNS and is_person_ref(self, ref, head))
            at = bisect_right([i for i, _, _ in self.recent], head.i)
            self.recent.insert(at, entry)
        return ref

    def resolve_span(self, span: SpacySpan) -> ActorRef | None:
        """Resolve a span (e.g. a quote's speaker) through its syntactic head."""
        return self.resolve(span.root)

    # -- the rules ------------------------------------------------------------------------------
    def _resolve(self, head: Token) -> ActorRef | None:
        start, end, text = self._extent(head)
        mention = Mention(head, start, end, text)
        ref: ActorRef | None = None
        for rule in RULES:
            outcome = rule(self, mention)
            if outcome is NOT_AN_ACTOR:
                return None
            if isinstance(outcome, ActorRef):
                if outcome.code and (outcome.country or outcome.sector == "IGO" or not _sector_only(outcome)):
                    ref = _better(ref, outcome) if ref is not None and _sector_only(ref) \
                        and outcome.code == outcome.country else outcome
                    break
                ref = _better(ref, outcome)
        if ref is None:
            return None
        for adjust in ADJUSTMENTS:
            ref = adjust(self, mention, ref)
        return ref

    # -- helpers the rules share ----------------------------------------------------------------
    def sent_of(self, tok: Token):
        if not self._sents:
            self._sents = list(tok.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        return self._sents[bisect_right(self._sent_starts, tok.i) - 1]

    _sent = sent_of

    def _ent(self, tok: Token):
        if not self.ent_of and tok.ent_type_:
            self.ent_of = {i: ent for ent in tok.doc.ents for i in range(ent.start, ent.end)}
        return self.ent_of.get(tok.i)

    def _is_person(self, ref: ActorRef) -> bool:
        return bool(ref.name) and norm(ref.name) in self.people

    def _extent(self, head: Token) -> tuple[int, int, str]:
        if head.doc is not self._doc:
            span = head.doc[slice(*np_extent(head))]
            return span.start_char, span.end_char, span.text
        found = self._extents.get(head.i)
        if found is None:  # the event coder asks again for heads that name no one (each ask walks the parse)
            span = head.doc[slice(*np_extent(head))]
            found = self._extents[head.i] = (span.start_char, span.end_char, self._text[span.start_char:span.end_char])
        return found

    def _names_in(self, toks: list[Token]) -> list[tuple[int, int, Entry]]:
        """(first index, length, entry) of KB names in a token list; names must be capitalised."""
        words, spans = joined_words(toks)
        folded: list[str] | None = None
        found = []
        i = 0
        while i < len(words):
            m = self.kb.names.match_at(words, i)
            if not m and not words[i].isascii():  # 'Juan Guaidó' where the KB wrote 'Juan Guaido'
                folded = folded or [fold(w) for w in words]
                m = self.kb.names.match_at(folded, i)
            first = toks[spans[i][0]].text[:1] if m else ""
            if m and (first.isupper() or first.isdigit() or any(e.form and e.form[:1].islower() for e in m[1])
                      or _articled_name(toks, spans[i][0])):
                n, entries = m
                start, end = spans[i][0], spans[i + n - 1][1]
                for e in company_entries(self, entries, toks, start, end):
                    if e.kind == "ambiguous_org" and _may_stand_for(e.ref, self.named_orgs):
                        e = Entry("org", e.ref)  # "the General Assembly" once the UN General Assembly is named
                    found.append((start, end - start, e))
                i += n
            else:
                i += 1
        return found

    def _roles_in(self, toks: list[Token]) -> list[tuple[int, int, Role]]:
        words = [norm(t.text) for t in toks]
        lemmas = [t.lemma_.lower() for t in toks]
        found = []
        i = 0
        while i < len(toks):
            m = self.kb.roles.match_at(words, i) or self.kb.roles.match_at(lemmas, i)
            if m and (self._inside_a_company_name(toks, i, m[0]) or self._a_family_name(toks, i)):
                i += m[0]
            elif m and words[i] == "the" and (later := self.kb.roles.match_at(words, i + 1)
                                              or self.kb.roles.match_at(lemmas, i + 1)) and 1 + later[0] > m[0]:
                i += 1  # "the military council": not 'the military' and a council, but the role 'military council'
            elif m:
                n, roles = m
                found.append((i, n, roles[0]))
                i += n
            else:
                i += 1
        return found

    def _a_family_name(self, toks: list[Token], i: int) -> bool:
        """'Julie Bishop', 'Theresa May': a title word that follows a given name inside a person's name is a name."""
        tok = toks[i]
        ent = self.ent_of.get(tok.i)
        if ent is None or ent.label_ != "PERSON" or tok.i <= ent.start or not tok.text[:1].isupper():
            return False
        given = tok.doc[tok.i - 1]
        return given.pos_ == "PROPN" and given.text[:1].isupper() and not self.kb.roles.match_at([norm(given.text)], 0)

    def _inside_a_company_name(self, toks: list[Token], i: int, n: int) -> bool:
        """'General Motors', 'General Electric': a title word that opens an organisation's name is no title."""
        ent = self._ent(toks[i])
        return ent is not None and ent.label_ == "ORG" and ent.start == toks[i].i \
            and not any(toks[k].i == ent.root.i for k in range(i, i + n)) and ent.root.pos_ == "PROPN"

    def _person_name(self, toks: list[Token]) -> str | None:
        idx = {t.i for t in toks}
        ents = {id(e): e for t in toks if (e := self._ent(t)) is not None}.values()
        for ent in sorted(ents, key=lambda e: e.start):
            if ent.label_ == "PERSON" and ent.root.i in idx:
                name = ent.text.strip()
                if name.lower().endswith(("'s", "’s")):
                    name = name[:-2]
                if self._no_persons_name(name):
                    continue  # "Mali's President ...", "the Houthis": the tagger took a country or a group for a person
                return name
        return None

    def _no_persons_name(self, name: str) -> bool:
        """Whether the KB knows `name` as a country, a nationality, a seat of government or an organisation, and
        as no person."""
        words = list(words_of(name))
        if words and words[0] == "the":
            words = words[1:]
        m = self.kb.names.match_at(words, 0) if words else None
        return bool(m) and m[0] == len(words) and all(e.kind in ("country", "adjective", "people", "seat", "org")
                                                      for e in m[1])

    def _context_country(self, head: Token, sector: str | None = None) -> str | None:
        found = self.context.country_for(head, sector=sector)
        return found[0] if found else None

    def coref(self, head: Token, person: bool) -> ActorRef | None:
        """The actor before `head` of the right kind (a person for he/she, a group for it/they): the subject of
        the nearest sentence that has one ('The EU said ... Five of its members'), else the nearest mention.
        An object pronoun is never its own clause's subject ('Trump called Erdogan and urged him': him is
        Erdogan; the subject would be 'himself')."""
        doc = head.doc
        nearest: ActorRef | None = None
        sent_start = self.sent_of(head).start
        self._resolve_before(head, sent_start)
        not_him = self._own_subjects(head)
        before: ActorRef | None = None  # a subject of the sentence before, other than its main clause's
        for i, ref, is_person in reversed(self.recent):
            if i >= head.i:
                continue
            if head.i - i > 150:
                break
            if person != is_person or _same_one(ref, not_him):
                continue
            if head.lower_ in ("it", "its") and doc[i].tag_ == "NNS":
                continue  # 'the air force said 30 rebels were killed by its planes': its is not the rebels'
            if not_him and i >= sent_start:
                return ref  # 'Obama spoke to Putin and urged him': the one his own subject acted on, just before
            if nearest is None:
                nearest = ref
            if i < sent_start and self.sent_of(doc[i]).end < sent_start:
                break
            if doc[i].dep_ not in ("nsubj", "nsubjpass"):
                continue
            if i >= sent_start:
                return ref  # a subject in this sentence
            if doc[i].head.i == self.sent_of(doc[i]).root.i:
                return ref  # the main subject of the sentence before ('Morsi refused ..., and the judge adjourned
                # the hearing. His supporters ...': Morsi)
            before = before or ref
        return before or nearest

    def _resolve_before(self, head: Token, sent_start: int) -> None:
        """Resolve the mentions before a pronoun in its sentence and the one before, so that what it may refer to
        is known whatever order the coder asks in ('spoke to Putin ... and urged him')."""
        first = self.sent_of(head.doc[sent_start - 1]).start if sent_start > 0 else 0
        for tok in head.doc[first:head.i]:
            if tok.i not in self._cache and tok.dep_ in MENTION_DEPS and tok.pos_ in ("NOUN", "PROPN"):
                self.resolve(tok)

    def _own_subjects(self, head: Token) -> list[ActorRef]:
        """The actors of the subject of the clause an object pronoun ('him', 'them') is the object of."""
        if head.lower_ not in OBJECT_PRONOUNS or head.dep_ not in ("dobj", "dative", "pobj", "iobj"):
            return []
        verb = head.head.head if head.dep_ == "pobj" else head.head
        while verb.dep_ in ("conj", "xcomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head  # 'called Erdogan and urged him', 'wants to meet him': the subject is shared
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i]
        refs = [self.resolve(c) for c in subjects]
        return [r for r in refs if r is not None and r.code]

    def _from_people(self, name: str) -> ActorRef | None:
        key = norm(name)
        if key in self.people:
            return self.people[key]
        person = self.kb.person(name)
        if person is not None:
            role = person.role_on(self.published) or person.former_on(self.published)
            if role is not None:
                return ActorRef("", 0, 0, name=person.name, code=role.code, country=country_of(role.code),
                                sector=sector_of(role.code), role=role.title)
        if self.memory is not None:
            return self.memory.lookup(name, self.published)
        return None

    def _remember(self, ref: ActorRef, evidence: str) -> None:
        if not ref.name:
            return
        self.people[norm(ref.name)] = ref
        parts = ref.name.split()
        family = [parts[-1]] if len(parts) > 1 else []
        said = POSSESSIVE_END.sub("", ref.text or "").split()
        if len(said) > 1 and said[-1] in parts[:-1]:
            # the KB's full name ('Riek Machar Teny Dhurgon') may end otherwise than the text's ('Riek Machar')
            family.append(said[-1])
        for word in family:
            known = self.people.get(norm(word))
            if known is None or (ref.code and not known.code):  # a coded reading beats an uncoded one
                self.people[norm(word)] = ref
        if ref.code and ref.role:
            self.sightings.append(Sighting(ref.name, ref.code, ref.role, evidence))

    def _same_role_person(self, country: str, role: Role) -> ActorRef | None:
        """'the Serbian minister' → the Serbian minister named earlier in the article."""
        for ref in reversed(list(self.people.values())):
            if ref.country == country and ref.sector == role.sector and ref.role and (
                    norm(role.words) in norm(ref.role) or norm(role.title) in norm(ref.role)):
                return ref
        return None


def _may_stand_for(org, named: set[str]) -> bool:
    """Whether an organisation's short, ambiguous name ('Parliament', 'ICE') may stand for it: the article named it,
    or named another body of the same national sector ('CBP' before 'ICE'). International codes cover bodies too
    different to stand in for each other: naming the European Union does not make 'Parliament' the European one."""
    return org.name in named or (not org.code.startswith(("IGO", "NGO")) and org.code in named)


# -- resolution rules, in order -----------------------------------------------------------------------

@cache
def _amount_words() -> frozenset[str]:
    """data/actors/amounts.yaml."""
    return frozenset(load_yaml("actors/amounts.yaml")["amount_words"])


def an_amount_of_people(r: ArticleResolver, m: Mention) -> Outcome:
    """'Dozens of Afghan soldiers', 'thousands of Syrian refugees': an amount names whom it counts; the phrase
    keeps its words, the code is theirs."""
    if m.head.lemma_.lower() not in _amount_words():
        return None
    of = next((c for c in m.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if counted is None:
        return None
    ref = r.resolve(counted)
    if ref is None or not ref.code:
        return None
    return replace(ref, text=m.text, start=m.start, end=m.end)


@cache
def _side_words() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("actors/descriptors.yaml")
    return frozenset(data["against_words"]), frozenset(data["for_words"])


STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
GOVERNMENT_SUPPORTERS = "Government supporters"  # a crowd for the government: CVL even when it rallies
ARMED_SECTORS = {"REB", "INS", "SEP"}


def speaking_for(r: ArticleResolver, m: Mention) -> Outcome:
    """'A spokesman for the Tigrayan forces', 'a negotiator for the rebels': someone who speaks or acts for a
    group is coded as that group."""
    if m.head.lemma_.lower() not in _group_words()[1] or m.head.pos_ != "NOUN":
        return None
    prep = next((c for c in m.head.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    group = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if group is None:
        return None
    ref = r.resolve(group)
    if ref is None or not ref.code:
        return None
    return replace(ref, text=m.text, start=m.start, end=m.end, name=None, role=m.head.lemma_.lower())


def for_or_against(r: ArticleResolver, m: Mention) -> Outcome:
    """'Thousands of opponents of President Mohamed Morsi' → EGYOPP, 'supporters of the president' or 'Assad
    supporters' → CVL of his country, 'the ousted leader's loyalists' → OPP: a group named by whom it is for or
    against."""
    against, backing = _side_words()
    word = m.head.lower_
    if word not in against and word not in backing:
        return None
    whom = next((c for c in m.head.children if c.dep_ == "poss"), None)
    if whom is None:
        of = next((c for c in m.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whom = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whom is None:  # "Assad supporters", "government loyalists"
        whom = next((c for c in m.head.children if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN")), None)
    ref = r.resolve(whom) if whom is not None else None
    if ref is None or not ref.country:
        return None
    if word in against:
        sector = "OPP" if ref.sector in STATE_SECTORS else None
    elif ref.sector in STATE_SECTORS:
        sector = "CVL"
    elif ref.sector in ARMED_SECTORS:
        sector = ref.sector
    else:
        sector = "OPP"
    if sector is None:
        return None
    role = GOVERNMENT_SUPPORTERS if sector == "CVL" else None
    return ActorRef(m.text, m.start, m.end, name=None, code=ref.country + sector, country=ref.country, sector=sector,
                    role=role)


OBJECT_PRONOUNS = {"him", "her", "them"}
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|ad)[-‑]?$")


def _articled_name(toks: list[Token], k: int) -> bool:
    """'al-Qaeda', 'al-Shabaab': a name written with a lower-case Arabic article before its capitalised word."""
    if not ARABIC_ARTICLE.match(toks[k].text):
        return False
    nxt = next((t for t in toks[k + 1:k + 3] if t.text not in ("-", "‑")), None)
    return nxt is not None and nxt.text[:1].isupper()


MENTION_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "attr"}


def _same_one(ref: ActorRef, others: list[ActorRef]) -> bool:
    """Whether `ref` is one of `others` (same name, or same code when unnamed)."""
    for o in others:
        if (ref.name and o.name and ref.name.lower() == o.name.lower()) or (
                not ref.name and not o.name and ref.code == o.code):
            return True
    return False


def relative_pronoun(r: ArticleResolver, m: Mention) -> Outcome:
    """'Kosovo police, who arrested two men' → who is the police."""
    head = m.head
    if head.lower_ in REL_PRONOUNS and head.head is not head and head.head.dep_ == "relcl":
        return r.resolve(head.head.head) or NOT_AN_ACTOR
    return None


def personal_pronoun(r: ArticleResolver, m: Mention) -> Outcome:
    """'Djuric met Sorensen. He urged the EU ...' → he is Djuric (the nearest person named before)."""
    if m.head.lower_ not in PERSON_PRONOUNS:
        return None
    ref = r.coref(m.head, person=True)
    return replace(ref, text=m.text, start=m.start, end=m.end) if ref else NOT_AN_ACTOR


def group_pronoun(r: ArticleResolver, m: Mention) -> Outcome:
    """'The ministry said it would ...' → it is the ministry; 'it is worth noting' → nobody."""
    head = m.head
    low = head.lower_
    if low not in GROUP_PRONOUNS:
        return None
    if low == "it" and (head.head.lemma_ == "be" or head.dep_ == "expl"):
        return NOT_AN_ACTOR
    ref = r.coref(head, person=False)
    return replace(ref, text=m.text, start=m.start, end=m.end) if ref else NOT_AN_ACTOR


def definite_description(r: ArticleResolver, m: Mention) -> Outcome:
    """'The International Court of Justice said ... according to the court': 'the court', 'the ministry', 'the
    group' name the actor mentioned before whose name has that word."""
    head = m.head
    if head.pos_ != "NOUN" or head.tag_ == "NNS" or not any(c.dep_ == "det" and c.lower_ == "the"
                                                             for c in head.children):
        return None
    if any(c.dep_ in ("poss", "nmod") or (c.dep_ == "prep" and not _where_it_is(c)) for c in head.children):
        return None
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound")]
    word = head.lemma_.lower()
    for i, ref, _ in reversed(r.recent):
        if i >= head.i or head.i - i > 200:
            continue
        named = [w for w in (ref.text or "").replace("-", " ").split() if w[:1].isupper()]  # 'the UN ... Council'
        words = [*(ref.name or "").lower().replace("-", " ").split(), *(w.lower() for w in named)]
        if ref.code and word in words and all(_fits(r, mod, ref, words) for mod in modifiers):
            return replace(ref, text=m.text, start=m.start, end=m.end)
    if modifiers:
        return None
    nouns, sectors = _organisation_words()
    if word in nouns:  # "Hamas ... the group": the organisation named last
        for i, ref, _ in reversed(r.recent):
            if i >= head.i or head.i - i > 200 or not ref.code or r._is_person(ref):
                continue
            if ref.sector in sectors or ref.code[:3] in ("IGO", "NGO"):
                return replace(ref, text=m.text, start=m.start, end=m.end)
    return None


def _where_it_is(prep: Token) -> bool:
    """'in Qatar' in 'talks with the group in Qatar': a named place says where the one described is, not which."""
    return prep.lower_ in ("in", "at") and any(c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC", "FAC")
                                               for c in prep.children)


def _fits(r: ArticleResolver, mod: Token, ref: ActorRef, name_words: list[str]) -> bool:
    """'the rebel council' after 'Libya's National Transitional Council' (LBYREB): a modifier of a definite
    description is a word of the name or says the named one's kind."""
    if mod.lower_ in name_words:
        return True
    found = r.kb.roles.match_at([mod.lower_], 0) or r.kb.roles.match_at([mod.lemma_.lower()], 0)
    return bool(found) and any(role.sector == ref.sector for role in found[1])


@cache
def _organisation_words() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("actors/descriptors.yaml")
    return frozenset(data["organisation_nouns"]), frozenset(data["organisation_sectors"])


OWN_COUNTRY_NOUNS = {"country", "nation", "government", "state", "administration", "authorities", "regime"}


def own_country(r: ArticleResolver, m: Mention) -> Outcome:
    """'Putin said his country will not lift the ban', 'Berlusconi announced the country will withdraw': the
    country (or its government) of the actor named before."""
    head = m.head
    if head.lemma_.lower() not in OWN_COUNTRY_NOUNS or head.pos_ != "NOUN":
        return None
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    if not dets & {"the", "his", "her", "its", "their", "our"} or any(
            c.dep_ in ("amod", "compound", "prep") for c in head.children):
        return None
    person = "his" in dets or "her" in dets
    ref = r.coref(head, person=True) if person else (r.coref(head, person=True) or r.coref(head, person=False))
    if ref is None or not ref.country:
        return None
    sector = "GOV" if head.lemma_.lower() not in ("country", "nation", "state") else None
    return ActorRef(m.text, m.start, m.end, name=None, code=ref.country + (sector or ""), country=ref.country,
                    sector=sector)


@cache
def _party_label() -> re.Pattern[str]:
    data = load_yaml("actors/descriptors.yaml")
    parties = "|".join(map(re.escape, data["us_party_letters"]))
    states = "|".join(sorted(map(re.escape, data["us_state_abbreviations"]), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{parties})\s?-\s?(?:{states})(?![\w-])")


def us_party_label(r: ArticleResolver, m: Mention) -> Outcome:
    """'Mitch McConnell, R-Ky.', 'Senator Jane Roe (D-Mich.)': a party-and-state label after a name marks a US
    legislator, whatever the rest of the article is about."""
    ent = r._ent(m.head)
    if ent is None or ent.label_ != "PERSON":
        return None
    after = "".join(t.text_with_ws for t in m.head.doc[ent.end:ent.end + 6])[:12]  # doc.text joins every token
    if not _party_label().match(after.lstrip(" ,(")):
        return None
    ref = ActorRef(m.text, m.start, m.end, name=ent.text, code="USALEG", country="USA", sector="LEG",
                   role="Lawmaker")
    r._remember(ref, r.sent_of(m.head).text)
    return ref


def a_thing_is_not_an_actor(r: ArticleResolver, m: Mention) -> Outcome:
    """'a rocket hit the town', 'the constitution bans it', 'a statement said': things and documents do not act.
    (A thing's owner may: 'an IMF loan' is the IMF, which the coder finds through the phrase's modifiers.)
    A role's words are no thing: 'Russia's upper house' is its parliament, though a house is a building."""
    if not is_thing(m.head):
        return None
    toks = core_tokens(m.head)
    if any(toks[i].i <= m.head.i < toks[i + n - 1].i + 1 for i, n, _ in r._roles_in(toks) if n > 1):
        return None
    return NOT_AN_ACTOR


def curated(r: ArticleResolver, m: Mention) -> Outcome:
    """The project's own knowledge base: the authority for the home domain and anything newer."""
    return resolve_curated(r, m.head, m.start, m.end, m.text)


def world_names(r: ArticleResolver, m: Mention) -> Outcome:
    """'Sudanese army chief Abdel Fattah al-Burhan', 'Boko Haram', 'Human Rights Watch': the world KB."""
    return world_name(r, m.head, m.start, m.end, m.text)


def world_family_name(r: ArticleResolver, m: Mention) -> Outcome:
    """'Assad', 'Gaddafi' alone: a family name the world KB knows for one person."""
    return world_surname(r, m.head, m.start, m.end, m.text)


def world_agents(r: ArticleResolver, m: Mention) -> Outcome:
    """'security forces', 'rebels', 'protesters': a Phoenix agent noun gives the sector."""
    return world_agent(r, m.head, m.start, m.end, m.text)


def unknown_name_in_context(r: ArticleResolver, m: Mention) -> Outcome:
    """'Opposition leader Aung San Suu Kyi', 'Jose Vasconcelos' in a story about one country: a person or an
    organisation no knowledge base knows is coded by the country the phrase or the article is about (country
    only: the sector stays unknown unless a role word gives it). Remembered, so 'he' and the family name follow."""
    ent = r._ent(m.head)
    if m.head.pos_ != "PROPN" or (ent is not None and ent.label_ not in ("PERSON", "ORG") and not (
            ent.label_ == "NORP" and _national_body_sector(r, ent))):  # 'Republicans' is a party the tagger saw as NORP
        return None
    seen = r.people.get(norm(m.head.text)) if ent is None and m.head.text[:1].isupper() else None
    if seen is not None and seen.code:  # 'Machar denied it' after 'Riek Machar', the tagger seeing no name
        return replace(seen, text=m.text, start=m.start, end=m.end)
    if ent is None:  # a name the tagger missed: two or more capitalised proper nouns ending in the head
        name_toks = [t for t in m.head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.text[:1].isupper()]
        if not name_toks or not m.head.text[:1].isupper():
            return None
        ent = m.head.doc[name_toks[0].i:m.head.i + 1]
    seen = r.people.get(norm(ent.text))
    if seen is not None and seen.code:  # 'Varkonyi' after 'The blogger Tomas Varkonyi'
        return replace(seen, text=m.text, start=m.start, end=m.end)
    person = getattr(ent, "label_", "") == "PERSON" or (ent.root.ent_type_ == "" and len(ent) >= 2)
    name = ent.text.strip()
    if name.lower().endswith(("'s", "’s")):
        name = name[:-2]
    found = r.context.country_for(m.head)
    if found is None or r.context.acted_on_only(m.head, found):
        # no country says where he is from: still the person a later 'he' or family name refers to
        if not person:
            return None
        ref = ActorRef(m.text, m.start, m.end, name=name)
        r._remember(ref, r.sent_of(m.head).text)
        return ref
    sector = _title_sector(r, [t for t in m.head.subtree if m.head.left_edge.i <= t.i < ent.start])
    if sector is None and not person:
        sector = _national_body_sector(r, ent) or _organisation_name_sector([norm(t.text) for t in ent])
    ref = ActorRef(m.text, m.start, m.end, name=name, code=found[0] + (sector or ""), country=found[0],
                   sector=sector)
    if person:
        r._remember(ref, r.sent_of(m.head).text)
    return ref


UNIDENTIFIED_PEOPLE = "Unidentified people"  # the role of a country-only code that names people, not the state


def people_of_unknown_role(r: ArticleResolver, m: Mention) -> Outcome:
    """'Iran hanged a man convicted over the protests', 'soldiers detained both men', 'vowed to hunt down those
    responsible': people the text does not describe are the story's own, coded by its country alone; the sector
    stays unknown, as for a name no knowledge base has."""
    head = m.head
    word = head.lemma_.lower()
    if word not in unknown_role_people() or head.pos_ == "PROPN":
        return None
    if word == "those" and not any(c.dep_ in ("amod", "relcl", "acl", "prep") for c in head.children):
        return None  # a bare 'those' points back; it describes nobody
    found = r.context.country_for(head, local=True)
    if found is None:
        return None
    return ActorRef(m.text, m.start, m.end, code=found[0], country=found[0], role=UNIDENTIFIED_PEOPLE)


HALF_NAMES = ("North", "South")


def the_north_or_the_south(r: ArticleResolver, m: Mention) -> Outcome:
    """'North Korea fired a missile. The South condemned the North': in an article that names a country called
    'North …' or 'South …', 'the North' or 'the South' is that country (PRK, KOR, SSD)."""
    head = m.head
    if head.text not in HALF_NAMES or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    if any(c.dep_ in ("amod", "compound", "prep") for c in head.children):
        return None
    for found in re.finditer(rf"\b{head.text}\s+([A-Z][a-z]+)", r._text or ""):
        name = [head.text.lower(), found.group(1).lower()]
        entry = r.kb.names.match_at(name, 0)
        countries = [e.ref for e in entry[1] if e.kind == "country"] if entry and entry[0] == len(name) else []
        if countries:
            code = countries[0].code
            return ActorRef(m.text, m.start, m.end, name=None, code=code, country=code)
    return None


RULES: list[Callable[[ArticleResolver, Mention], Outcome]] = [
    an_amount_of_people,
    speaking_for,
    for_or_against,
    relative_pronoun,
    personal_pronoun,
    group_pronoun,
    definite_description,
    own_country,
    the_north_or_the_south,
    a_thing_is_not_an_actor,
    us_party_label,
    curated,
    world_names,
    world_family_name,
    world_agents,
    unknown_name_in_context,
    people_of_unknown_role,
]


# -- adjustments, in order ------------------------------------------------------------------------------

POSSESSIVE_END = re.compile(r"['’]s?$")
FORMER = {"former", "ex", "ex-", "onetime", "one-time", "erstwhile", "retired", "deposed", "ousted", "exiled"}
OFFICE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


def former_office_holder(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Former US President Barack Obama' → USAELI: a former office-holder is an elite of the country."""
    words = {t.lower_ for t in core_tokens(m.head)}
    if ref.country and ref.sector in OFFICE_SECTORS and words & FORMER:
        return replace(ref, code=ref.country + "ELI", sector="ELI")
    return ref


def international_group_in_context(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Al-Qaeda claimed the attack' in a Yemen story → YEMINS: an international militant group (Phoenix IMG)
    is coded where it acts, as an insurgent group of that country."""
    if not ref.code or not ref.code.startswith("IMG"):
        return ref
    found = r.context.country_for(m.head, local=True, sector="INS")
    if found is None:
        return replace(ref, code="INS", country=None, sector="INS")
    return replace(ref, code=found[0] + "INS", country=found[0], sector="INS")


def regional_adjective(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Sunni Arab objections', 'African migrants' in a story about one country: a regional adjective says who
    they are, not which country; the country comes from the context (the region itself stays when named).
    A state's office never belongs to another country: 'Western governments', 'European diplomats' stay WST, EUR."""
    if not ref.country or ref.country not in r.kb.regions or not ref.sector or ref.sector in OFFICE_SECTORS:
        return ref
    found = r.context.country_for(m.head)
    if found is None or found[0] in r.kb.regions:
        return ref
    return replace(ref, code=found[0] + ref.sector, country=found[0])


def peacekeepers_of_the_mission(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Protesters stormed MONUSCO bases ... the peacekeepers fired': peacekeepers the phrase gives no country are
    those of the peacekeeping organisation the article named last."""
    if ref.role != "Peacekeepers" or (ref.code or "").startswith(("IGO", "NGO")):
        return ref
    if any(e.kind in ("country", "adjective", "people", "org") for _, _, e in r._names_in(core_tokens(m.head))):
        return ref  # 'Indian peacekeepers', 'KFOR peacekeepers': the phrase says whose
    for i, known, _ in reversed(r.recent):
        if i >= m.head.i or m.head.i - i > 400:  # about the length of a news update
            continue
        if known.code and known.code.startswith("IGO") and "peacekeeping" in (known.name or "").lower():
            return replace(known, text=m.text, start=m.start, end=m.end, role=ref.role)
    return ref


def community_leaders(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Kurdish leaders', 'Sunni leaders', 'Tuareg leaders': the leaders of a people or a faith that is no country's
    lead a community's politics (PTY), not the state's government."""
    if ref.sector != "GOV" or m.head.lemma_.lower() != "leader":
        return ref
    community = [c for c in m.head.children if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP"
                 and c.i < m.head.i]
    if not community or any(r.context.place_country(c.text) for c in community):
        return ref  # 'Palestinian leaders' lead a state or an authority
    return replace(ref, code=(ref.country or "") + "PTY", sector="PTY")


def the_authority_of_someone(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'He refused to recognise the authority of the court' → the court (JUD): a body's authority is the body, not
    an unnamed government ('the authorities')."""
    if m.head.lower_ != "authority":
        return ref
    of = next((c for c in m.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    whose = r.resolve(owner) if owner is not None else None
    if whose is None or not whose.code:
        return ref
    return replace(whose, text=m.text, start=m.start, end=m.end)


def counterpart_holds_the_same_office(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'The Chilean president called his Peruvian counterpart' → PERGOV: a counterpart holds, in the country the
    phrase names, the office of the one whose counterpart he is."""
    if m.head.lemma_.lower() not in ("counterpart", "counterparts") or ref.sector or not ref.country:
        return ref
    owner = next((c for c in m.head.children if c.dep_ == "poss"), None)
    mine = r.resolve(owner) if owner is not None else None
    if mine is None or not mine.sector or mine.sector not in OFFICE_SECTORS:
        return ref
    return replace(ref, code=ref.country + mine.sector, sector=mine.sector, role=mine.role)


def party_members_in_a_legislature(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Republicans in Congress', 'opposition deputies in parliament' → LEG: a party's members named by the
    legislature they sit in act as legislators."""
    if ref.sector not in ("PTY", "OPP") or not ref.country:
        return ref
    for prep in (c for c in m.head.children if c.dep_ == "prep" and c.lower_ == "in"):
        body = next((c for c in prep.children if c.dep_ == "pobj"), None)
        seat = r.resolve(body) if body is not None else None
        if seat is not None and seat.sector == "LEG" and seat.country == ref.country:
            return replace(ref, code=ref.country + "LEG", sector="LEG")
    return ref


def organisation_named_for_its_work(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'The Zairian Association for the Defence of Human Rights' → CODHRI, 'the United Auto Workers' → LAB: an
    organisation no knowledge base knows, with a country but no sector (or only the generic NGO of 'association'),
    takes the sector its name's words say."""
    ent = r._ent(m.head)
    generic = ref.sector == "NGO"
    named = (ent is not None and ent.label_ == "ORG") or any(
        t.dep_ == "compound" and t.ent_type_ == "ORG" for t in m.head.lefts)  # 'the Nairobi Bus Workers union'
    if ((ref.sector or ref.role) and not generic) or not ref.country or not named or is_person_ref(r, ref):
        return ref
    sector = _organisation_name_sector(list(words_of(m.text)))
    return replace(ref, code=ref.country + sector, sector=sector) if sector else ref


def sector_from_context(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'200 separatists' in a story about one country → that country's SEP; 'a court in Istanbul' → TURJUD.
    The country comes from the phrase, the sentence's places, the dateline or the article's main country."""
    if not _sector_only(ref):
        return ref
    local = ref.sector in local_sectors()
    found = r.context.country_for(m.head, local=local, sector=ref.sector)
    if found is None:
        default = _default_reading(m.text)
        if default and default[3:] == ref.sector:  # 'Congress' with no country in sight: the US Congress
            return replace(ref, code=default, country=default[:3])
        return ref
    if not local and r.context.acted_on_only(m.head, found):  # 'the president accused Moscow': not Russia's
        return ref
    country, _why = found
    return replace(ref, code=country + (ref.sector or ""), country=country)


@cache
def _default_readings() -> dict[str, str]:
    """Ambiguous words and the reading English-language news means when nothing else says
    (data/actors/countries.yaml `ambiguous`, first code)."""
    return {norm(a["word"]): str(a["codes"][0]) for a in load_yaml("actors/countries.yaml").get("ambiguous") or []}


def _default_reading(text: str) -> str | None:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return _default_readings().get(norm(" ".join(words)))


def guideline_sector(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Syrian refugees' → SYRCVL, 'masked gunmen' → INS: a finer sector folds into the guidelines' set (data/actors/
    roles.yaml coded_as); the role title ('Refugees') keeps the finer sense."""
    folded = r.kb.coded_as.get(ref.sector or "")
    if folded is None or not ref.code or not ref.code.endswith(ref.sector):
        return ref
    return replace(ref, code=ref.code[: -len(ref.sector)] + folded, sector=folded,
                   role=ref.role or ref.sector.title())


def protesting_people(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Police dispersed hundreds of young people protesting against unemployment': people the phrase describes as
    protesting are protesters (OPP, as the guidelines code protesters), whatever plain noun names them."""
    lemmas, sectors = _protest_words()
    if ref.sector not in sectors or not ref.code or not ref.code.endswith(ref.sector):
        return ref
    counted = [o for p in m.head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
               if o.dep_ == "pobj"]  # "hundreds of young people protesting": the people are counted
    if not any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lemmas for h in [m.head, *counted]
               for c in h.children):
        return ref
    return replace(ref, code=ref.code[: -len(ref.sector)] + "OPP", sector="OPP")


@cache
def _protest_words() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("actors/descriptors.yaml")
    return frozenset(data["protest_lemmas"]), frozenset(data["protesting_sectors"])


@cache
def _group_words() -> tuple[dict[str, str], frozenset[str]]:
    data = load_yaml("actors/descriptors.yaml")
    return {str(k): str(v) for k, v in data["group_adjectives"].items()}, frozenset(data["group_titles"])


def group_leader(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'rebel Shia leader Moqtada al-Sadr', 'the insurgent commander': a title described as one of an armed or
    opposition group takes the group's sector, not the government's."""
    adjectives, titles = _group_words()
    if ref.sector not in ("GOV", "MIL", None) or not ref.role:
        return ref
    head = m.head
    title = next((t for t in head.doc[head.left_edge.i:head.i + 1] if t.lower_ in titles), None)
    if title is None:
        return ref
    sector = next((adjectives[t.lower_] for t in title.lefts if t.lower_ in adjectives), None)
    if sector is None:
        return ref
    country = ref.country or r._context_country(m.head)
    return replace(ref, code=(country or "") + sector, country=country, sector=sector)


def loyal_to_a_rebel(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'forces loyal to Haftar' while he wages war on the government: the forces of an armed group's leader are
    that group's kind (REB, INS, SEP), not the state's military."""
    if ref.sector not in ("MIL", "COP", None):
        return ref
    boss = r.context.loyal_to(m.head)
    if boss is not None and boss.country and boss.sector in ARMED_SECTORS:
        return replace(ref, code=boss.country + boss.sector, country=boss.country, sector=boss.sector)
    return ref


def an_armed_groups_fighters(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'The Houthis seized the palace, and their fighters stormed ...', 'Massoud says his forces are still fighting':
    the fighters or forces of an armed group, or of its leader, are that group (YEMREB), not a sector of their own."""
    if ref.sector not in ("MIL", "INS", "REB", "UAF") or (ref.code or "").startswith(("IGO", "NGO")):
        return ref
    owner = next((c for c in m.head.children if c.dep_ == "poss"), None)
    if owner is None or owner.i == m.head.i:
        return ref
    boss = r.resolve(owner)
    if boss is not None and boss.country and boss.sector in ARMED_SECTORS and boss.code:
        return replace(ref, code=boss.code, country=boss.country, sector=boss.sector, name=None)
    return ref


def military_vehicle(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Israeli jets struck targets near Damascus', 'a US air strike hit' → ISRMIL, USAMIL: a country's vehicles and
    weapons of war are its military."""
    if ref.sector == "GOV" and ref.code and is_war_hardware(m.head):
        return replace(ref, code=ref.code[:-3] + "MIL", sector="MIL", role=None)  # 'government helicopters'
    if not ref.country or not is_war_hardware(m.head):
        return ref
    suicide = any(c.lemma_.lower() == "suicide" for c in m.head.children)
    if (ref.sector is None and ref.code == ref.country) or (ref.sector == "INS" and not suicide):
        # 'a Russian Su-24 bomber' is an aircraft; 'a Palestinian suicide bomber' stays a person
        return replace(ref, code=ref.country + "MIL", sector="MIL", role=None)
    return ref


def war_coalition(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'A Saudi-led coalition air strike', 'the US-led coalition said': a coalition led by a country, or whose air
    strikes and jets the text names, is a military coalition (its leader's MIL), not a coalition of parties."""
    head = m.head
    if ref.sector != "PTY" or head.lemma_.lower() != "coalition" or not ref.country:
        return ref
    led = any(c.dep_ == "amod" and c.lemma_.lower() == "lead" for c in (*head.children, *head.head.children))
    if led or (head.dep_ == "compound" and is_war_hardware(head.head)):
        return replace(ref, code=ref.country + "MIL", sector="MIL", role=None)
    return ref


def international_office(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'UN envoy Kofi Annan' in 2012 → IGOUNO, 'African Union envoy Olusegun Obasanjo, a former Nigerian
    president' → IGOAFRAFU: a person with no national office of his own on the day, described by an international
    organisation's title (before his name, or in an apposition with no 'former'), acts for that organisation."""
    if ref.sector not in (None, "ELI", "GOV") or ref.code and ref.code.startswith(("IGO", "NGO")):
        return ref
    if ref.country and (m.head.ent_type_ != "PERSON" or _holds_national_office(r, ref)):
        return ref  # "the UN-backed Government of National Accord" is Libya's
    before = [t for t in m.head.doc[m.head.left_edge.i:m.head.i] if t.ent_type_ != "PERSON"]
    titles = [before] + [[t for t in appos.subtree if t.ent_type_ != "PERSON"]  # 'Kofi Annan, the UN envoy'
                         for appos in m.head.children if appos.dep_ == "appos"]
    for toks in titles:
        if not toks or {t.lower_ for t in toks} & FORMER:
            continue
        words = [norm(t.text) for t in toks]
        found = [r.kb.names.match_at(words, i) for i in range(len(words))]
        entries = [entry for hit in found if hit for entry in hit[1]]
        if any(e.kind in ("country", "adjective") for e in entries):
            continue  # "Israel's UN ambassador": the country's diplomat
        org = next((e.ref for e in entries if e.kind == "org" and getattr(e.ref, "sector", None) == "IGO"
                    and e.ref.code), None)
        if org is not None:
            return replace(ref, code=org.code, country=None, sector="IGO")
    return ref


def _holds_national_office(r: ArticleResolver, ref: ActorRef) -> bool:
    """Whether the person of `ref` holds a national office on the article's date (by the KB or the article)."""
    person = r.kb.person(ref.name) if ref.name else None
    role = person.role_on(r.published) if person is not None else None
    if role is None and ref.name and r.memory is not None:
        found = r.memory.lookup(ref.name, r.published)
        code = found.code if found is not None else None
    else:
        code = role.code if role is not None else None
    return bool(code) and country_of(code) is not None and sector_of(code) in OFFICE_SECTORS


def armed_community(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Kurdish forces', 'Shiite militiamen', 'Tuareg fighters': armed men named by a people or a faith that is no
    country's are a non-state armed group (REB) of the country where they are, not its army."""
    if ref.sector not in ("MIL", "COP") or not ref.role:  # a role word ('forces'), not a group the KB names
        return ref
    people = [c for c in m.head.children if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP"
              and c.i < m.head.i]
    if not people or any(r.context.place_country(c.text) for c in people):
        return ref
    found = r.context.country_for(m.head, local=True, sector="REB")
    country = found[0] if found else None
    return replace(ref, code=(country or "") + "REB", country=country, sector="REB")


def rebels_are_the_separatists(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'Pro-Russian separatists seized buildings ... The rebels denied it': where the article has named
    separatists and no other rebels, a bare 'rebels' is the same side (SEP, of the separatists' country)."""
    if not _sector_only(ref) or ref.sector != "REB":
        return ref
    sides = {ref2.sector: ref2 for i, ref2, _ in r.recent if i < m.head.i and m.head.i - i <= 400
             and ref2.sector in ("SEP", "REB", "INS")}
    sep = sides.get("SEP")
    if sep is None or "REB" in sides or "INS" in sides:
        return ref
    return replace(ref, code=(sep.country or "") + "SEP", country=sep.country, sector="SEP")


def led_by_a_country(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'The Saudi-led coalition', 'US-led forces', and after them 'the coalition' or 'coalition warplanes': a
    coalition of states is coded by the country that leads it (its military when it fights)."""
    head = m.head
    leader = None
    for c in head.children:
        if c.dep_ == "amod" and c.lower_ == "led" and c.i >= 2 and head.doc[c.i - 1].text == "-":
            leader = r.context.kb_country(head.doc[c.i - 2].text)
    if leader is not None and head.lemma_.lower() in COALITION_WORDS:
        r.coalition_leader = leader
    elif leader is None and r.coalition_leader is not None and (
            head.lemma_.lower() in COALITION_WORDS
            or any(c.dep_ == "compound" and c.lemma_.lower() in COALITION_WORDS for c in head.children)):
        leader = r.coalition_leader
    if leader is None:
        return ref
    sector = "MIL" if ref.sector == "MIL" or is_war_hardware(head) else None
    return replace(ref, code=leader + (sector or ""), country=leader, sector=sector, role=ref.role)


COALITION_WORDS = {"coalition", "alliance"}


def a_people(r: ArticleResolver, m: Mention, ref: ActorRef) -> ActorRef:
    """'called on Egyptians to stay calm', 'Iraqis say 14 people were killed': a nationality's people, in the
    plural, are that country's civilians (CVL), not its state."""
    head = m.head
    if ref.sector is not None or not ref.country or ref.code != ref.country or head.ent_type_ != "NORP" \
            or head.tag_ not in ("NNPS", "NNS") or head.dep_ in ("compound", "amod"):
        return ref
    return replace(ref, code=ref.country + "CVL", sector="CVL")


ADJUSTMENTS: list[Callable[[ArticleResolver, Mention, ActorRef], ActorRef]] = [
    led_by_a_country,
    a_people,
    international_office,
    armed_community,
    rebels_are_the_separatists,
    loyal_to_a_rebel,
    an_armed_groups_fighters,
    military_vehicle,
    group_leader,
    international_group_in_context,
    regional_adjective,
    peacekeepers_of_the_mission,
    community_leaders,
    the_authority_of_someone,
    counterpart_holds_the_same_office,
    party_members_in_a_legislature,
    organisation_named_for_its_work,
    sector_from_context,
    war_coalition,  # after sector_from_context: the coalition's leader may be the story's country
    former_office_holder,
    guideline_sector,
    protesting_people,
]


# -- small helpers ----------------------------------------------------------------------------------------

def _title_sector(r: ArticleResolver, toks: list[Token]) -> str | None:
    """The sector of the title right before a name: 'Opposition leader', 'rebel commander', 'Interior Minister'."""
    if not toks:
        return None
    found = r._roles_in(toks)
    if found and found[-1][0] + found[-1][1] == len(toks):
        return found[-1][2].sector
    words = [norm(t.text) for t in toks]
    for i in range(len(toks)):
        m = r.world.agent_at(words, i)
        if m and i + m[0] == len(toks):
            blocks = [m[1][k:k + 3] for k in range(0, len(m[1]), 3)]
            return next((b for b in reversed(blocks) if b in SECTOR_BLOCKS and b != "IGO"), None)
    return None


def _national_body_sector(r: ArticleResolver, ent) -> str | None:
    """'Treasury', 'Parliament': a short name several countries' bodies share is, in a story about one country,
    that country's body of the same sector (the KB's `ambiguous` entry gives the sector, the story the country)."""
    for i, n, entry in r._names_in(list(ent)):
        code = getattr(entry.ref, "code", "") or ""
        if entry.kind == "ambiguous_org" and i + n == len(ent) and len(code) >= 6 \
                and not code.startswith(("IGO", "NGO", "MNC")):
            return code[3:6]
    return None


@cache
def _organisation_name_words() -> PhraseIndex:
    """data/actors/descriptors.yaml `organisation_name_words`: words in a name that say its sector."""
    index = PhraseIndex()
    for row in load_yaml("actors/descriptors.yaml")["organisation_name_words"]:
        for words in row["words"]:
            index.add(words, row["sector"])
    return index


def _organisation_name_sector(words: list[str]) -> str | None:
    """'The Zairian Association for the Defence of Human Rights' → HRI: the sector its name's words say."""
    index = _organisation_name_words()
    for i in range(len(words)):
        m = index.match_at(words, i)
        if m:
            return m[1][0]
    return None


def _sector_only(ref: ActorRef) -> bool:
    """A code that names a sector but no country or organisation ('REB', 'GOV')."""
    return bool(ref.code) and ref.country is None and ref.sector is not None and ref.code == ref.sector \
        and ref.sector != "IGO"


def _better(old: ActorRef | None, new: ActorRef) -> ActorRef:
    """Of two partial results, the one that says more (a code beats none; a name is kept). A sector that one rule
    read from the name and a country that another read from the context make one code ('Zairian Association for
    the Defence of Human Rights': NGO and COD give CODNGO)."""
    if old is None:
        return new
    for sector_ref, country_ref in ((old, new), (new, old)):
        if _sector_only(sector_ref) and country_ref.code and country_ref.code == country_ref.country:
            return replace(sector_ref, code=country_ref.country + sector_ref.code, country=country_ref.country,
                           name=old.name or new.name, role=old.role or new.role)
    if new.code and not old.code:
        return replace(new, name=old.name or new.name, role=old.role or new.role)
    if old.code and not new.code:
        return old
    if new.code and old.code and len(new.code) > len(old.code):
        return replace(new, name=old.name or new.name, role=old.role or new.role)
    return old


def country_of(code: str) -> str | None:
    return code[:3] if code and not code.startswith(("IGO", "NGO", "IMG", "MNC")) and len(code) >= 3 else None


def sector_of(code: str) -> str | None:
    if code.startswith("IGO"):
        return "IGO"
    return code[3:6] or None if len(code) > 3 else None
