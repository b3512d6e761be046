"""Resolving noun phrases to actors: names, titles, countries, organisations, metonyms, pronouns.

One ArticleResolver per article: it remembers who was named with which role, so that a later
"Djuric", "he" or "the Serbian minister" resolves to the same actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import ActorRef
from .kb import Entry, KnowledgeBase, Org, Role, knowledge_base, norm

CORE_DEPS = {"compound", "amod", "nmod", "poss", "flat", "det", "nummod", "case", "punct"}
EXTENT_SKIP = {"relcl", "advcl", "cc", "conj"}
INSTITUTIONAL = {"GOV", "COP", "MIL", "JUD", "LEG", "SPY"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
REL_PRONOUNS = {"who", "which", "that", "whom", "whose"}


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


def _drop_child(head: Token, child: Token) -> bool:
    """Modifiers that are not part of naming the actor: clauses, times, a person's whereabouts."""
    if child.dep_ in EXTENT_SKIP:
        return True
    if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        return True  # "a decision to recognise ..."
    if child.dep_ == "prep":
        pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return False
        if pobj.ent_type_ in ("DATE", "TIME") or (pobj.dep_ == "pcomp" and pobj.tag_ == "VBG"):
            return True  # "on Tuesday", "of attacking civil society"
        if child.lower_ in ("in", "at") and pobj.ent_type_ in ("GPE", "FAC", "LOC") and (
                head.ent_type_ == "PERSON" or head.pos_ == "PROPN"):
            return True  # "President Donald Trump in Washington"
    if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
        return True
    return False


def np_extent(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head` (clauses, times, whereabouts left out)."""
    skip: set[int] = set()
    for child in head.children:
        if _drop_child(head, child):
            skip.update(t.i for t in child.subtree)
    idx = [t.i for t in head.subtree if t.i not in skip]
    start, end = min(idx), max(idx) + 1
    doc = head.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc" or doc[end - 1].is_space):
        end -= 1
    # a closing bracket or quote that belongs to the phrase stays
    if end < len(doc) and doc[end].text in {")", "”", "’"} and any(doc[k].text in {"(", "“"} for k in range(start, end)):
        end += 1
    return start, end


def core_tokens(head: Token) -> list[Token]:
    """The tokens that say who the head is: its modifiers, possessor, apposition and 'of' phrase."""
    out = [head]
    for child in head.children:
        if child.dep_ in CORE_DEPS:
            out.extend(child.subtree if child.dep_ in ("poss", "compound", "nmod") else [child])
        elif child.dep_ == "appos":
            out.extend(core_tokens(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(core_tokens(pobj))
    return sorted({t.i: t for t in out}.values(), key=lambda t: t.i)


class ArticleResolver:
    """Resolves mentions within one article, remembering what it has seen."""

    def __init__(self, kb: KnowledgeBase | None = None, published: date | None = None,
                 memory: ActorMemory | None = None):
        self.kb = kb or knowledge_base()
        self.published = published
        self.memory = memory
        self.people: dict[str, ActorRef] = {}  # name or surname → resolved person
        self.recent: list[tuple[int, ActorRef, bool]] = []  # (token index, actor, is_person)
        self.countries: Counter[str] = Counter()
        self.sightings: list[Sighting] = []
        self.eu_context = False
        self._cache: dict[int, ActorRef | None] = {}
        self.ent_of: dict = {}  # token index → its named entity (doc.ents is costly to recompute)
        self._sents: list = []  # Token.sent rescans the doc on each call; look sentences up instead
        self._sent_starts: list[int] = []

    # -- public -------------------------------------------------------------------------------
    def prime(self, doc) -> None:
        """Note document-wide context: which countries are talked about, whether the EU is."""
        self.ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "ORG"):
                match = self._names_in([t for t in ent])
                for _, _, entry in match:
                    if entry.kind in ("country", "adjective", "seat", "people"):
                        self.countries[entry.ref.code] += 1
                    if entry.kind == "org" and entry.ref.code.startswith("IGOEUR"):
                        self.eu_context = True
        if not self.eu_context:
            self.eu_context = any(t.lower_ in ("eu", "european") for t in doc)

    def resolve(self, head: Token) -> ActorRef | None:
        """The actor a noun phrase headed by `head` refers to, or None when it is not an actor."""
        if head.i in self._cache:
            return self._cache[head.i]
        ref = self._resolve(head)
        self._cache[head.i] = ref
        if ref is not None and ref.code:
            self.recent.append((head.i, ref, ref.name is not None and ref.sector != "IGO"
                                and head.lower_ not in GROUP_PRONOUNS and self._is_person(ref)))
        return ref

    def resolve_span(self, span: SpacySpan) -> ActorRef | None:
        """Resolve a span (e.g. a quote's speaker) through its syntactic head."""
        return self.resolve(span.root)

    # -- internals ------------------------------------------------------------------------------
    def _sent(self, tok: Token):
        if not self._sents:
            self._sents = list(tok.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        from bisect import bisect_right

        return self._sents[bisect_right(self._sent_starts, tok.i) - 1]

    def _ent(self, tok: Token):
        if not self.ent_of and tok.ent_type_:
            self.ent_of = {i: ent for ent in tok.doc.ents for i in range(ent.start, ent.end)}
        return self.ent_of.get(tok.i)

    def _is_person(self, ref: ActorRef) -> bool:
        return bool(ref.name) and norm(ref.name) in self.people

    def _extent(self, head: Token) -> tuple[int, int, str]:
        start, end = np_extent(head)
        doc = head.doc
        span = doc[start:end]
        return span.start_char, span.end_char, span.text

    def _names_in(self, toks: list[Token]) -> list[tuple[int, int, Entry]]:
        """(first index, length, entry) of KB names in a token list; names must be capitalised."""
        words = [norm(t.text) for t in toks]
        found = []
        i = 0
        while i < len(toks):
            m = self.kb.names.match_at(words, i)
            if m and (toks[i].text[:1].isupper() or toks[i].text[:1].isdigit()):
                n, entries = m
                for e in entries:
                    found.append((i, n, e))
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
            if m:
                n, roles = m
                found.append((i, n, roles[0]))
                i += n
            else:
                i += 1
        return found

    def _person_name(self, toks: list[Token]) -> str | None:
        idx = {t.i for t in toks}
        ents = {id(e): e for t in toks if (e := self._ent(t)) is not None}.values()
        for ent in sorted(ents, key=lambda e: e.start):
            if ent.label_ == "PERSON" and ent.root.i in idx:
                name = ent.text.strip()
                if name.lower().endswith(("'s", "’s")):
                    name = name[:-2]
                return name
        return None

    def _context_country(self, head: Token) -> str | None:
        sent = self._sent(head)
        for t in reversed(list(sent)[: head.i - sent.start]):
            found = self._names_in([t])
            for _, _, e in found:
                if e.kind in ("country", "adjective", "seat"):
                    return e.ref.code
        for i, ref, _ in reversed(self.recent[-200:]):
            if i < head.i and ref.country:
                return ref.country
        if self.countries:
            return self.countries.most_common(1)[0][0]
        return None

    def _coref(self, head: Token, person: bool) -> ActorRef | None:
        for i, ref, is_person in reversed(self.recent):
            if i >= head.i:
                continue
            if head.i - i > 120:
                break
            if person == is_person:
                return ref
        return None

    def _from_people(self, name: str) -> ActorRef | None:
        key = norm(name)
        if key in self.people:
            return self.people[key]
        person = self.kb.person(name)
        if person is not None:
            role = person.role_on(self.published)
            if role is not None:
                return ActorRef("", 0, 0, name=person.name, code=role.code, country=_country_of(role.code),
                                sector=_sector_of(role.code), role=role.title)
        if self.memory is not None:
            return self.memory.lookup(name, self.published)
        return None

    def _remember(self, ref: ActorRef, evidence: str) -> None:
        if not ref.name:
            return
        self.people[norm(ref.name)] = ref
        parts = ref.name.split()
        if len(parts) > 1:
            self.people.setdefault(norm(parts[-1]), ref)
        if ref.code and ref.role:
            self.sightings.append(Sighting(ref.name, ref.code, ref.role, evidence))

    def _resolve(self, head: Token) -> ActorRef | None:
        start, end, text = self._extent(head)
        low = head.lower_
        if low in REL_PRONOUNS and head.head is not head and head.head.dep_ == "relcl":
            return self.resolve(head.head.head)
        if low in PERSON_PRONOUNS:
            ref = self._coref(head, person=True)
            return replace(ref, text=text, start=start, end=end) if ref else None
        if low in GROUP_PRONOUNS:
            if low == "it" and (head.head.lemma_ == "be" or head.dep_ == "expl"):
                return None  # "it is worth noting", "it will be interesting": nobody acts
            ref = self._coref(head, person=False)
            return replace(ref, text=text, start=start, end=end) if ref else None
        toks = core_tokens(head)
        names = self._names_in(toks)
        roles = self._roles_in(toks)
        person_name = self._person_name(toks)
        org: Org | None = None
        country_entry: Entry | None = None
        head_entry: Entry | None = None
        for i, n, entry in names:
            covers_head = any(toks[k].i == head.i for k in range(i, i + n))
            kind = entry.kind
            if kind == "metonym":
                if not self.eu_context:
                    continue
                kind = "org"
            if kind == "ambiguous_org":
                continue
            if kind == "org" and org is None:
                org = entry.ref
            elif kind in ("country", "adjective", "people", "seat", "govterm") and (
                    country_entry is None or covers_head):
                country_entry = entry
            elif kind == "person" and person_name is None:
                person_name = entry.ref.name
            if covers_head:
                head_entry = Entry(kind, entry.ref)
        role = roles[-1][2] if roles else None
        head_role = next((r for i, n, r in roles if any(toks[k].i == head.i for k in range(i, i + n))), None)
        if org is None and country_entry is None and role is None and person_name is None:
            return None
        if head_entry is None and head_role is None and head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            # "the Belgrade-Pristina Dialogue", "Serbia's commitment": the head is not an actor
            appos = next((c for c in head.children if c.dep_ == "appos"), None)
            if appos is not None:
                ref = self.resolve(appos)
                return replace(ref, text=text, start=start, end=end) if ref else None
            return None
        if person_name is None and head_role is not None:
            # "the EU's Special Representative for the Dialogue, Peter Sorensen" (apposition misattached)
            for t in head.subtree:
                if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.i > head.i:
                    ent = self._ent(t)
                    if ent is not None:
                        person_name = ent.text
                        break
        if person_name and org is None and country_entry is None and role is None:
            known = self._from_people(person_name)
            if known is not None:
                return replace(known, text=text, start=start, end=end, name=known.name or person_name)
            if head.ent_type_ != "PERSON" and head_entry is None:
                return None
            ref = ActorRef(text, start, end, name=person_name)
            self._remember(ref, self._sent(head).text)
            return ref
        if org is not None and (head_entry is None or head_entry.kind == "org" or head_role is not None):
            sector = org.sector
            code = org.code
            name = person_name or org.name
            ref = ActorRef(text, start, end, name=name, code=code, country=None, sector=sector,
                           role=role.title if role else None)
        elif country_entry is not None:
            country = country_entry.ref.code
            sector = None
            if head_entry is not None and head_entry.kind in ("seat", "govterm"):
                sector = "GOV"
            elif role is not None:
                sector = role.sector
            elif head_entry is not None and head_entry.kind in ("country", "people"):
                sector = None
            ref = ActorRef(text, start, end, name=person_name or _display(country_entry, sector, role, head),
                           code=country + (sector or ""), country=country, sector=sector,
                           role=role.title if role else None)
        elif role is not None:
            country = None
            if head_role is not None and role.sector in INSTITUTIONAL:
                country = self._context_country(head)
            if person_name:
                known = self._from_people(person_name)
                if known is not None and known.code:
                    return replace(known, text=text, start=start, end=end, role=role.title)
            if not person_name and head.tag_ != "NNS" and country:
                twin = self._same_role_person(country, role)
                if twin is not None:
                    return replace(twin, text=text, start=start, end=end)
            ref = ActorRef(text, start, end, name=person_name or _plain(head) or (role.title if country else None),
                           code=(country or "") + role.sector, country=country, sector=role.sector, role=role.title)
        else:
            return None
        if person_name:
            self._remember(ref, self._sent(head).text)
        elif ref.country and ref.role and not person_name and head.tag_ != "NNS":
            twin = self._same_role_person(ref.country, role) if role else None
            if twin is not None:
                return replace(twin, text=text, start=start, end=end)
        return ref

    def _same_role_person(self, country: str, role: Role) -> ActorRef | None:
        """'the Serbian minister' → the Serbian minister named earlier in the article."""
        for ref in reversed(list(self.people.values())):
            if ref.country == country and ref.sector == role.sector and ref.role and (
                    norm(role.words) in norm(ref.role) or norm(role.title) in norm(ref.role)):
                return ref
        return None


def _plain(head: Token) -> str | None:
    """The phrase naming an institution, without articles and clauses: 'Ministry of Foreign Affairs'."""
    toks = core_tokens(head)
    words = [t for t in toks if t.dep_ not in ("det", "punct") and not t.is_space]
    if not words or len(words) > 8:
        return None
    text = head.doc[words[0].i:words[-1].i + 1].text
    return text[:1].upper() + text[1:]


def _display(entry: Entry, sector: str | None, role: Role | None, head: Token) -> str:
    name = entry.ref.name
    if entry.kind in ("seat", "govterm") and sector == "GOV":
        return f"{name}'s government" if not name.endswith("s") else f"the government of {name}"
    if role is not None:
        return _plain(head) or f"{name} ({role.title})"
    return name


def _country_of(code: str) -> str | None:
    return code[:3] if code and not code.startswith("IGO") and len(code) >= 3 else None


def _sector_of(code: str) -> str | None:
    if code.startswith("IGO"):
        return "IGO"
    return code[3:6] or None if len(code) > 3 else None
