"""The actor knowledge base (data/actors/*.yaml): countries, organisations, roles and people."""

from __future__ import annotations

import re
import unicodedata
from bisect import insort
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from ..data import load_yaml
from ..nlp.words import POSSESSIVE, norm, words_of

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
    country: str | None = None  # for national bodies and companies (their code is complete: SRBGOV, USABUS)
    since: str | None = None  # companies: when the entry began (a founding, merger, rename or move), YYYY[-MM[-DD]];
    # armed groups: when the group's code began (the Taliban in power from 2021-08-15 are AFGGOV)
    until: str | None = None  # companies: when it ended (a failure, takeover, rename or move); armed groups too

    def current_on(self, day: date | None) -> bool:
        """Whether the entry is in force on `day` (with no day: whether it is still in force)."""
        return PersonRole(self.code, None, self.since, self.until).holds_on(day)


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


REPORTING_LAG = timedelta(days=1)


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
        """The role held on this day (the latest role when the day is unknown). An office that ended the day
        before still counts: news of the day an office ends is published the day after ('Mutinying soldiers
        detained President X on Tuesday', published Wednesday)."""
        held = [r for r in self.roles if r.holds_on(day)]
        if not held and day is not None:
            held = [r for r in self.roles if r.holds_on(day - REPORTING_LAG)]
        if held:
            # of several offices held at once, the state office says most about who acts (a president
            # who also leads a party acts as president)
            return min(reversed(held), key=lambda r: ROLE_PRIORITY.get(r.code[3:6], 9))
        return self.roles[-1] if self.roles and day is None else None

    def former_on(self, day: date | None) -> PersonRole | None:
        """After every role has ended, what the person is: an elite (ELI) of the country of the last state role
        ('Obama' in 2018 is USAELI). None while a role holds, before the first, or when no day is known."""
        if day is None or not self.roles or any(r.holds_on(day) for r in self.roles):
            return None
        iso = day.isoformat()
        ended = [r for r in self.roles if r.until is not None and r.until < iso and len(r.code) >= 6
                 and r.code[:3] not in ("IGO", "NGO", "MNC")]
        if not ended:
            return None
        last = max(ended, key=lambda r: r.until or "")
        return PersonRole(code=last.code[:3] + "ELI", title=f"former {last.title}" if last.title else None,
                          start=last.until, until=None)


@dataclass(frozen=True)
class Entry:
    """What a surface form means: kind is country, adjective, people, seat, govterm, legislature, org,
    metonym, ambiguous_org, ethnic, ethnic_context, person, person_ambiguous."""

    kind: str
    ref: object
    form: str | None = None  # companies: the alias as written, which the text must follow (actors/companies.py)


def _longest_first(item: tuple[tuple[str, ...], object]) -> int:
    return -len(item[0])


class PhraseIndex:
    """Longest-match lookup of multi-word phrases over token sequences."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        # first word -> [(length, {phrase: its values, first added first})], longest first: a lookup tries one
        # table per length instead of comparing every phrase that starts with the word ('the', 'national': ~100)
        self._by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[object]]]]] = {}

    def add(self, phrase: str, value: object) -> None:
        self.add_words(words_of(phrase), value)

    def add_words(self, toks: tuple[str, ...], value: object) -> None:
        """Add a phrase already split into the words the tokenizer gives."""
        if not toks:
            return
        bucket = self._by_first.setdefault(toks[0], [])
        if (toks, value) not in bucket:  # longest first; of equal length, first added first
            insort(bucket, (toks, value), key=_longest_first)
            self._index(toks, value)

    def _index(self, toks: tuple[str, ...], value: object) -> None:
        tables = self._by_length.setdefault(toks[0], [])
        n = len(toks)
        for k, (length, table) in enumerate(tables):
            if length == n:
                table.setdefault(toks, []).append(value)
                return
            if length < n:
                tables.insert(k, (n, {toks: [value]}))
                return
        tables.append((n, {toks: [value]}))

    def match_at(self, toks: list[str], i: int) -> tuple[int, list[object]] | None:
        """(length, values) of the longest phrase starting at toks[i]."""
        for n, table in self._by_length.get(toks[i], ()):
            values = table.get(tuple(toks[i:i + n]))
            if values is not None:
                return n, list(values)
        return None

    def __contains__(self, phrase: str) -> bool:
        toks = words_of(phrase)
        return any(p == toks for p, _ in self._by_first.get(toks[0] if toks else "", ()))


class KnowledgeBase:
    """Every name, adjective, seat, organisation, role title and known person, indexed for lookup."""

    def __init__(self, countries: dict, organisations: dict, roles: dict, people: dict,
                 companies: dict | None = None):
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
        self.shortened: dict[str, Org] = {}  # full names of organisations that have an ambiguous short form
        self._add_countries(countries)
        self._add_organisations(organisations)
        self._add_companies(companies or {})
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
        for a in countries.get("ambiguous") or []:
            # 'Congo', 'Korean': the reading English-language news means by default, where the entry says how the
            # word is used (`as`); a longer name ('Congo-Brazzaville', 'North Korean') matches first
            default = self.countries.get(str(a["codes"][0]).upper())
            if a.get("as") and default is not None:
                self.names.add(a["word"], Entry(a["as"], default))

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
                for full in [o["name"], *(o.get("aliases") or [])]:
                    self.shortened.setdefault(full, org)
            for met in o.get("metonyms") or []:
                self.names.add(met, Entry("metonym", org))
        for g in organisations.get("armed_groups") or []:
            code = str(g["code"]).upper()
            # from/until: a group that took power is its country's government while it holds it (the Taliban)
            org = Org(code, g["name"], code[3:6] if not code.startswith("IMG") else "INS",
                      since=_d(g.get("from")), until=_d(g.get("until")))
            for alias in [g["name"], *(g.get("aliases") or [])]:
                self.names.add(alias, Entry("org", org))

    def _add_companies(self, companies: dict) -> None:
        """Companies and business bodies (data/actors/companies.yaml): home country + BUS. Each alias is also
        indexed without diacritics and, where the tokenizer keeps 'AT&T' as one word, in that form, and keeps
        the form it is written in (companies.py checks the text's capitals against it); an ambiguous alias (an
        ordinary word or a family name) is a `company_word`."""
        for c in companies.get("companies") or []:
            code = str(c["code"]).upper()
            org = Org(code, c["name"], "BUS", None, None, str(c["country"]).upper(), _d(c.get("since")),
                      _d(c.get("until")))
            for alias in [c["name"], *(c.get("aliases") or [])]:
                for form, toks in company_spellings(alias):
                    self.names.add_words(toks, Entry("org", org, form))
            for alias in c.get("ambiguous_aliases") or []:
                for form, toks in company_spellings(alias):
                    self.names.add_words(toks, Entry("company_word", org, form))

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
                if not alias.isascii():
                    self.people.setdefault(norm(fold(alias)), person)
            for alias in p.get("ambiguous_aliases") or []:
                self.names.add(alias, Entry("person_ambiguous", person))

    def country(self, code: str | None) -> Country | None:
        return self.countries.get(code or "")

    def person(self, name: str) -> Person | None:
        """A known person by any of their names, with or without diacritics ('Juan Guaidó', 'Juan Guaido')."""
        found = self.people.get(norm(name))
        if found is None and not name.isascii():
            found = self.people.get(norm(fold(name)))
        return found


def _d(value) -> str | None:
    return None if value is None else str(value)


# Data files whose `national_bodies` and `armed_groups` join those of organisations.yaml, in this order (an
# earlier file's entry comes first when two share a name): agencies.yaml holds named ministries, agencies, courts
# and services; bodies_world.yaml the armed groups, juntas, parliaments and parties of the world's news.
NATIONAL_BODY_FILES = ("agencies", "bodies_world")
# Data files of people: people.yaml (the home domain and the 2011-2016 crises) and people_world.yaml (heads of
# state and government, ministers, opposition and armed-group leaders worldwide). No name is in both (a test
# checks it): the world file leaves out anyone people.yaml has.
PEOPLE_FILES = ("people", "people_world")


_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "ı": "i", "œ": "oe", "Œ": "OE"})


def fold(text: str) -> str:
    """A name without diacritics: 'Société Générale' → 'Societe Generale', 'Møller' → 'Moller'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_acronym(alias: str) -> bool:
    """'BP', 'AT&T', 'E.ON', 'S&P 500': no lower-case letter, at least two capitals."""
    return not any(ch.islower() for ch in alias) and sum(ch.isupper() for ch in alias) >= 2


def company_spellings(alias: str) -> list[tuple[str, tuple[str, ...]]]:
    """(form, words) under which a company's alias is indexed: as written, without diacritics, and with
    'X&Y' kept as one word as the tokenizer keeps it ('AT&T', 'S&P 500')."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for form in (alias,) if alias.isascii() else dict.fromkeys([alias, fold(alias)]):
        out.append((form, words_of(form)))
        if "&" in form and (tight := _tight_words(form)) != out[-1][1]:
            out.append((form, tight))
    return out


def _tight_words(text: str) -> tuple[str, ...]:
    """words_of, but an ampersand between two letters stays inside the word."""
    return tuple(re.findall(r"[\w.'’&-]+|[^\w\s]", POSSESSIVE.sub(r" \1", norm(text))))


@cache
def knowledge_base() -> KnowledgeBase:
    """The project's knowledge base, loaded once per process."""
    def part(name: str) -> dict:
        try:
            return load_yaml(f"actors/{name}.yaml") or {}
        except FileNotFoundError:
            return {}

    organisations = dict(part("organisations"))  # a copy: load_yaml's cached dict stays as parsed
    for section in ("national_bodies", "armed_groups"):
        organisations[section] = [*(organisations.get(section) or []),
                                  *(b for f in NATIONAL_BODY_FILES for b in part(f).get(section) or [])]
    people = {"people": [p for f in PEOPLE_FILES for p in part(f).get("people") or []]}
    return KnowledgeBase(part("countries"), organisations, part("roles"), people, part("companies"))
