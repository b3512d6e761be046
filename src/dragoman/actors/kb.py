"""The actor knowledge base (data/actors/*.yaml): countries, organisations, roles and people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..data import load_yaml
from ..nlp.words import norm, words_of

SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "SEP", "INS", "SPY", "MED", "EDU", "BUS", "CVL",
    "REF", "LAB", "REL", "HRI", "NGO", "CRM", "HLH", "ELI", "UAF", "IGO", "AGR", "ENV", "MOD", "RAD", "IMG",
}


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@dataclass(frozen=True)
class Org:
    code: str
    name: str
    sector: str | None
    parent: str | None = None
    role: str | None = None  # a sector that may be appended ("KFOR soldiers" = IGOWSTNAT + MIL)
    country: str | None = None  # for national bodies (their code is complete: SRBGOV)


@dataclass(frozen=True)
class Group:
    """An ethnic community or sub-national entity, coded country of residence + kin (KSVSRB)."""

    code: str
    name: str
    country: str


@dataclass(frozen=True)
class Role:
    title: str
    sector: str
    words: str  # the surface form matched


ROLE_PRIORITY = {"GOV": 0, "MIL": 1, "COP": 1, "JUD": 1, "SPY": 1, "LEG": 2, "IGO": 0}


@dataclass(frozen=True)
class PersonRole:
    code: str
    title: str | None
    start: str | None
    until: str | None

    def holds_on(self, day: date | None) -> bool:
        if day is None:
            return self.until is None
        iso = day.isoformat()
        return (self.start is None or self.start[: len(iso)] <= iso[: len(self.start)]) and (
            self.until is None or iso[: len(self.until)] <= self.until)


@dataclass
class Person:
    name: str
    roles: list[PersonRole] = field(default_factory=list)

    def role_on(self, day: date | None) -> PersonRole | None:
        """The role held on this day (the latest role when the day is unknown)."""
        held = [r for r in self.roles if r.holds_on(day)]
        if held:
            # of several offices held at once, the state office says most about who acts (a president
            # who also leads a party acts as president)
            return min(reversed(held), key=lambda r: ROLE_PRIORITY.get(r.code[3:6], 9))
        return self.roles[-1] if self.roles and day is None else None


@dataclass(frozen=True)
class Entry:
    """What a surface form means: kind is country, adjective, people, seat, govterm, legislature, org,
    metonym, ambiguous_org, ethnic, ethnic_context, person, person_ambiguous."""

    kind: str
    ref: object


class PhraseIndex:
    """Longest-match lookup of multi-word phrases over token sequences."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}

    def add(self, phrase: str, value: object) -> None:
        toks = words_of(phrase)
        if not toks:
            return
        bucket = self._by_first.setdefault(toks[0], [])
        if (toks, value) not in bucket:
            bucket.append((toks, value))
            bucket.sort(key=lambda p: -len(p[0]))

    def match_at(self, toks: list[str], i: int) -> tuple[int, list[object]] | None:
        """(length, values) of the longest phrase starting at toks[i]."""
        best_len, values = 0, []
        for phrase, value in self._by_first.get(toks[i], ()):
            n = len(phrase)
            if n < best_len:
                break
            if tuple(toks[i:i + n]) == phrase:
                best_len = n
                values.append(value)
        return (best_len, values) if best_len else None

    def __contains__(self, phrase: str) -> bool:
        toks = words_of(phrase)
        return any(p == toks for p, _ in self._by_first.get(toks[0] if toks else "", ()))


class KnowledgeBase:
    """Every name, adjective, seat, organisation, role title and known person, indexed for lookup."""

    def __init__(self, countries: dict, organisations: dict, roles: dict, people: dict):
        self.countries: dict[str, Country] = {}
        self.names = PhraseIndex()  # proper names: countries, seats, organisations, people
        self.roles = PhraseIndex()  # role titles, case-insensitive
        self.people: dict[str, Person] = {}
        self.capitals: dict[str, str] = {}  # lower-case city → country code
        self.adjectives: dict[str, str] = {}  # country code → its first adjective ("Serbian")
        self.regions: set[str] = {str(c["code"]).upper() for c in countries.get("regions") or []}
        # finer sectors an event's actor code folds into the gold guidelines' set (the role title keeps them)
        self.coded_as: dict[str, str] = {str(k).upper(): str(v).upper() for k, v in (roles.get("coded_as") or {}).items()}
        self.orgs_by_name: dict[str, Org] = {}
        self._add_countries(countries)
        self._add_organisations(organisations)
        self._add_roles(roles)
        self._add_people(people)

    def _add_countries(self, countries: dict) -> None:
        """Historical countries, ethnic groups, then countries and regions with their names, seats and terms."""
        for c in countries.get("historical") or []:
            country = Country(str(c["code"]).upper(), c["name"])
            self.countries[country.code] = country
            for alias in [c["name"], *(c.get("aliases") or [])]:
                self.names.add(alias, Entry("country", country))
            for adj in c.get("adjectives") or []:
                self.names.add(adj, Entry("adjective", country))
        for g in countries.get("ethnic_groups") or []:
            group = Group(str(g["code"]).upper(), g["name"], str(g.get("country") or g["code"][:3]).upper())
            for w in [*(g.get("words") or [])]:
                self.names.add(w, Entry("ethnic", group))
            for w in g.get("context_words") or []:
                self.names.add(w, Entry("ethnic_context", group))
            for seat in g.get("seats") or []:
                self.names.add(seat, Entry("seat", Country(group.code, group.name)))
        for c in (countries.get("countries") or []) + (countries.get("regions") or []):
            code = str(c["code"]).upper()
            country = Country(code, c["name"])
            self.countries[code] = country
            for leg in c.get("legislature") or []:
                self.names.add(leg, Entry("legislature", country))
            for part in c.get("parts") or []:
                self.names.add(part, Entry("country", country))
            for alias in [c["name"], *(c.get("aliases") or [])]:
                self.names.add(alias, Entry("country", country))
            for adj in c.get("adjectives") or []:
                self.names.add(adj, Entry("adjective", country))
                self.adjectives.setdefault(code, adj)
            for noun in c.get("people") or []:
                self.names.add(noun, Entry("people", country))
            for seat in c.get("seats") or []:
                self.names.add(seat, Entry("seat", country))
            for term in c.get("government_terms") or []:
                self.names.add(term, Entry("govterm", country))
            if c.get("capital"):
                self.capitals[norm(c["capital"])] = code
            for seat in c.get("seats") or []:
                self.capitals.setdefault(norm(seat), code)

    def _add_organisations(self, organisations: dict) -> None:
        """National bodies, international organisations and armed groups."""
        for o in organisations.get("national_bodies") or []:
            code = str(o["code"]).upper()
            org = Org(code, o["name"], code[3:6] or None, None, None, str(o.get("country") or code[:3]).upper())
            for alias in [o["name"], *(o.get("aliases") or [])]:
                self.names.add(alias, Entry("org", org))
            for alias in o.get("ambiguous_aliases") or []:
                self.names.add(alias, Entry("ambiguous_org", org))
        for o in organisations.get("organisations") or []:
            org = Org(str(o["code"]).upper(), o["name"], o.get("sector") or "IGO", o.get("parent"), o.get("role"))
            self.orgs_by_name[norm(o["name"])] = org
            for alias in [o["name"], *(o.get("aliases") or [])]:
                self.names.add(alias, Entry("org", org))
            for alias in o.get("ambiguous_aliases") or []:
                self.names.add(alias, Entry("ambiguous_org", org))
            for met in o.get("metonyms") or []:
                self.names.add(met, Entry("metonym", org))
        for g in organisations.get("armed_groups") or []:
            code = str(g["code"]).upper()
            org = Org(code, g["name"], code[3:6] if not code.startswith("IMG") else "INS")
            for alias in [g["name"], *(g.get("aliases") or [])]:
                self.names.add(alias, Entry("org", org))

    def _add_roles(self, roles: dict) -> None:
        """Role titles and the sector each gives."""
        for r in roles.get("roles") or []:
            sector = str(r["sector"]).upper()
            for w in r.get("words") or []:
                self.roles.add(w, Role(r.get("title") or w.title(), sector, w))

    def _add_people(self, people: dict) -> None:
        """Known people with their dated roles."""
        for p in people.get("people") or []:
            person = Person(p["name"], [PersonRole(str(x["code"]).upper(), x.get("title"),
                                                   _d(x.get("from")), _d(x.get("until")))
                                        for x in p.get("roles") or []])
            for alias in [p["name"], *(p.get("aliases") or [])]:
                self.people[norm(alias)] = person
                self.names.add(alias, Entry("person", person))
            for alias in p.get("ambiguous_aliases") or []:
                self.names.add(alias, Entry("person_ambiguous", person))

    def country(self, code: str | None) -> Country | None:
        return self.countries.get(code or "")

    def person(self, name: str) -> Person | None:
        return self.people.get(norm(name))


def _d(value) -> str | None:
    return None if value is None else str(value)


# Data files whose `national_bodies` join those of organisations.yaml, in this order (an earlier file's entry
# comes first when two share a name): agencies.yaml holds named ministries, agencies, courts and services.
NATIONAL_BODY_FILES = ("agencies",)


@cache
def knowledge_base() -> KnowledgeBase:
    """The project's knowledge base, loaded once per process."""
    def part(name: str) -> dict:
        try:
            return load_yaml(f"actors/{name}.yaml") or {}
        except FileNotFoundError:
            return {}

    organisations = dict(part("organisations"))  # a copy: load_yaml's cached dict stays as parsed
    organisations["national_bodies"] = [*(organisations.get("national_bodies") or []),
                                        *(b for f in NATIONAL_BODY_FILES for b in part(f).get("national_bodies") or [])]
    return KnowledgeBase(part("countries"), organisations, part("roles"), part("people"))
