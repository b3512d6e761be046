"""The project's own knowledge base (data/actors/*.yaml) applied to a mention: names, titles, country
adjectives, organisations and their bodies, seats of government, people with dated roles."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..data import load_yaml
from ..model import ActorRef
from .companies import is_company
from .kb import Entry, Org, Person, Role
from .mentions import sympathy_only
from .phrases import core_tokens, plain

if TYPE_CHECKING:
    from .resolver import ArticleResolver

INSTITUTIONAL = {"GOV", "COP", "MIL", "JUD", "LEG", "SPY"}
WORKFORCE = {"LAB"}  # a company's workers and unions are its country's labour, not the company


@dataclass
class _Found:
    """What the knowledge base finds in a phrase: its organisation, country, person and role, and what its head is."""

    org: Org | None = None
    country_entry: Entry | None = None
    head_entry: Entry | None = None
    person_name: str | None = None
    role: Role | None = None
    head_role: Role | None = None
    owned: bool = False  # a country named before the organisation: "Israel's UN ambassador"

    def nothing(self) -> bool:
        return self.org is None and self.country_entry is None and self.role is None and self.person_name is None


def resolve_curated(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'Serbian Foreign Affairs Minister Marko Djuric' → SRBGOV; 'the EU's Special Representative' → IGOEUREEC;
    'Belgrade' → SRBGOV; None when the project's knowledge base says nothing about the phrase."""
    f = _find(r, head)
    if f.nothing():
        return None
    if f.head_entry is None and f.head_role is None and head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return _through_apposition(r, head, start, end, text)
    if f.person_name is None and f.head_role is not None:
        f.person_name = _appositive_person(r, head)
    if f.person_name and f.org is None and f.country_entry is None and f.role is None:
        return _person_only(r, head, f.person_name, f.head_entry, start, end, text)
    if f.owned and f.org is not None and f.org.code.startswith("IGO") and f.role is not None and f.role.sector == "GOV":
        f.org = None  # "Israel's UN ambassador", "the Iranian envoy to the UN": the country's diplomat
    if f.org is not None and (f.head_entry is None or f.head_entry.kind == "org" or f.head_role is not None):
        ref = ActorRef(text, start, end, name=f.person_name or f.org.name, code=f.org.code,
                       country=_national(f.org), sector=f.org.sector, role=f.role.title if f.role else None)
        if is_company(f.org):  # 'BP's chief executive': the company's country, and no one else's officer
            ref = replace(ref, country=f.org.country)
            if f.head_role is not None and f.head_role.sector in WORKFORCE:  # 'General Motors workers'
                ref = replace(ref, code=f.org.country + f.head_role.sector, sector=f.head_role.sector)
            if f.person_name is None:
                return ref
        elif ref.country and ref.sector == "GOV" and head.lemma_.lower() in _armed_men():
            # 'Taliban fighters' once the Taliban govern: the new state's forces
            ref = replace(ref, code=ref.country + "MIL", sector="MIL")
    elif f.country_entry is not None:
        ref = _country_ref(f, head, start, end, text)
        known = r._from_people(f.person_name) if f.person_name and r.published else None
        if known is not None and known.code and known.sector and known.country == ref.country \
                and known.sector != ref.sector \
                and (f.role is not None or ref.sector is None) \
                and ref.sector not in TITLE_OVERRIDES.get(known.sector or "", ()):
            # 'Eastern Libyan commander Khalifa Haftar' while he led the offensive on Tripoli: the knowledge base
            # knows in which capacity he acted; the title the text gives wins only as _known_holder lets it.
            # 'Armenia's Pashinyan': a known person named with his country only is what the KB says he is
            ref = replace(ref, code=known.code, sector=known.sector, role=known.role)
    elif f.role is not None:
        country = _role_country(r, f, head)
        known = _known_holder(r, f, head, country, start, end, text)
        if known is not None:
            return known
        ref = _role_ref(f, head, country, start, end, text)
    else:
        return None
    return _settled(r, ref, f, head, start, end, text)


def _find(r: ArticleResolver, head: Token) -> _Found:
    """The names and roles in the phrase of `head`, as the knowledge base reads them."""
    toks = core_tokens(head)
    names = [(i, n, e) for i, n, e in r._names_in(toks)
             if not (e.kind in ("country", "adjective", "people") and sympathy_only(toks[i]))]
    roles = r._roles_in(toks)
    f = _Found(person_name=r._person_name(toks))
    ambiguous: list[Person] = []
    for i, n, entry in names:
        kind = entry.kind
        covers_head = any(toks[k].i == head.i for k in range(i, i + n)) or (
            kind == "person" and _runs_into_head(toks, i + n, head))
        if is_company(entry.ref) and _shares_words_with_a_role(i, n, roles):
            continue  # 'Iran Air Force': the words are 'Iran' and 'air force', not the airline
        if kind == "metonym":
            if not r.eu_context:
                continue
            kind = "org"
        if kind == "ambiguous_org":
            continue
        if kind == "person_ambiguous":
            if covers_head:
                ambiguous.append(entry.ref)
            continue
        if kind == "org" and f.org is None:
            f.org = entry.ref
            f.owned = f.country_entry is not None and f.country_entry.kind in ("country", "adjective")
        elif kind in ("country", "adjective", "people", "seat", "govterm", "legislature") and (
                f.country_entry is None or covers_head):
            f.country_entry = entry
        elif kind == "person" and (f.person_name is None or covers_head or _part_of(f.person_name, entry.ref.name)):
            f.person_name = entry.ref.name  # 'Aung San Suu Kyi' known, where the tagger saw only 'Aung San'
        if covers_head:
            f.head_entry = Entry(kind, entry.ref)
    if ambiguous and (f.person_name is None or r._from_people(f.person_name) is None):
        chosen = _one_in_office(r, ambiguous)
        if chosen is not None:
            f.person_name = chosen
            f.head_entry = f.head_entry or Entry("person", next(p for p in ambiguous if p.name == chosen))
    if _another_country(f.org, names):
        f.org = None  # "Mexico's Ministry of Health" is Mexico's, whichever country's ministry the words also name
    if f.org is not None:  # named, even where the tagger split the name ('U.S. Immigration', 'Customs Enforcement'):
        r.named_orgs.update((f.org.name, f.org.code))  # its short forms ('ICE') count from here on
    if f.person_name and any(f.person_name.lower() in " ".join(t.lower_ for t in toks[i:i + n]).split()
                             for i, n, _ in roles):
        f.person_name = None  # 'Riot police' at a sentence's start: the tagger's 'person' is a role's word
    f.role = roles[-1][2] if roles else None
    f.head_role = next((role for i, n, role in roles if any(toks[k].i == head.i for k in range(i, i + n))), None)
    return f


def _runs_into_head(toks: list[Token], after: int, head: Token) -> bool:
    """'Vladimir Padrino López' where the KB wrote 'Vladimir Padrino' and the tagger left 'López' out of the
    person: a capitalised head right after a known person's name ends that name."""
    return after < len(toks) and toks[after].i == head.i and head.pos_ == "PROPN" and head.text[:1].isupper()


def _one_in_office(r: ArticleResolver, people: list[Person]) -> str | None:
    """'Saleh signs the Gulf deal' (November 2011): of the people a short name may mean, the one whose country the
    article names among those in office that day; else the only one in office, when the article names none of the
    others' countries. No date, no guess."""
    if r.published is None:
        return None
    in_office = {p.name: role.code[:3] for p in people if (role := p.role_on(r.published)) is not None}
    named = [name for name, country in in_office.items() if r.context.places.get(country, 0) > 0]
    if len(named) == 1:
        return named[0]
    others = {p.roles[-1].code[:3] for p in people if p.name not in in_office and p.roles}
    if len(in_office) == 1 and not named and not any(r.context.places.get(c, 0) > 0 for c in others):
        return next(iter(in_office))
    return None


@cache
def _armed_men() -> frozenset[str]:
    """Nouns for a group's fighting men (data/actors/descriptors.yaml `armed_men`)."""
    return frozenset(load_yaml("actors/descriptors.yaml")["armed_men"])


def _national(org: Org) -> str | None:
    """The country of a national body or armed group ('Sudan's army' SDNMIL, the RSF SDNREB): later mentions of
    the same kind of group ('the army') take it; international organisations have none."""
    if org.country:
        return org.country
    code = org.code
    return code[:3] if len(code) == 6 and code[:3] not in ("IGO", "NGO", "IMG", "MNC") and code[3:] == org.sector \
        else None


def _part_of(short: str, full: str) -> bool:
    """Whether a name the tagger found is a shorter part of a name the knowledge base knows."""
    a, b = short.lower().split(), full.lower().split()
    return len(a) < len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _another_country(org: Org | None, names: list[tuple[int, int, Entry]]) -> bool:
    """Whether the phrase names a country, but not the one of the state body it also names."""
    if org is None or not org.country or org.sector not in INSTITUTIONAL:
        return False
    named = {e.ref.code for _, _, e in names if e.kind in ("country", "adjective", "people")}
    return bool(named) and org.country not in named


def _shares_words_with_a_role(i: int, n: int, roles: list[tuple[int, int, Role]]) -> bool:
    """Whether a role phrase overlaps the name [i, i+n) without lying inside it."""
    return any(j < i + n and i < j + m and not (i <= j and j + m <= i + n) for j, m, _ in roles)


def _through_apposition(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'the Belgrade-Pristina Dialogue', "Serbia's commitment": the head is not an actor; an apposition may be."""
    appos = next((c for c in head.children if c.dep_ == "appos"), None)
    if appos is None:
        return None
    ref = r.resolve(appos)
    return replace(ref, text=text, start=start, end=end) if ref else None


def _appositive_person(r: ArticleResolver, head: Token) -> str | None:
    """'the EU's Special Representative for the Dialogue, Peter Sorensen' (apposition misattached)."""
    for t in head.subtree:
        if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.i > head.i:
            ent = r._ent(t)
            if ent is not None:
                return ent.text
    return None


def _person_only(r: ArticleResolver, head: Token, person_name: str, head_entry: Entry | None, start: int,
                 end: int, text: str) -> ActorRef | None:
    """A person the phrase names without an organisation, country or role: as the knowledge base or the
    article's memory knows them."""
    known = r._from_people(person_name)
    if known is not None:
        return replace(known, text=text, start=start, end=end, name=known.name or person_name)
    if head.ent_type_ != "PERSON" and head_entry is None:
        return None
    ref = ActorRef(text, start, end, name=person_name)
    r._remember(ref, r._sent(head).text)
    return ref


def _country_ref(f: _Found, head: Token, start: int, end: int, text: str) -> ActorRef:
    """'Belgrade' → SRBGOV, 'Serbian Foreign Minister' → SRBGOV, 'Serbs' → SRB."""
    country = f.country_entry.ref.code
    sector = None
    if f.head_entry is not None and f.head_entry.kind in ("seat", "govterm"):
        sector = "GOV"
    elif f.head_entry is not None and f.head_entry.kind == "legislature":  # "the U.S. Congress", "Capitol Hill"
        sector = "LEG"
    elif f.role is not None:
        sector = f.role.sector
    return ActorRef(text, start, end, name=f.person_name or display(f.country_entry, sector, f.role, head),
                    code=country + (sector or ""), country=country, sector=sector,
                    role=f.role.title if f.role else None)


def _role_country(r: ArticleResolver, f: _Found, head: Token) -> str | None:
    """A role without a country ('the Prime Minister'): the article's country, for institutional roles."""
    if f.head_role is None or f.role.sector not in INSTITUTIONAL:
        return None
    found = r.context.country_for(head, sector=f.role.sector)
    if found is None or r.context.acted_on_only(head, found):  # 'President X accused Moscow': not Russia's
        return None
    return found[0]


# A known person's sector (key) that the title before his name overrides, and the titles' sectors that do.
TITLE_OVERRIDES = {"LEG": ("OPP",), "GOV": ("OPP",), "MIL": ("OPP", "GOV"), "ELI": ("OPP",), "PTY": ("OPP",)}


def _owned_by_person(head: Token) -> bool:
    """'Gaddafi's forces': the head noun belongs to a person named in a possessive."""
    return any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in head.children)


def _known_holder(r: ArticleResolver, f: _Found, head: Token, country: str | None, start: int, end: int,
                  text: str) -> ActorRef | None:
    """The person who holds a role, when the knowledge base or the article already named them."""
    if f.person_name:
        known = r._from_people(f.person_name)
        if known is not None and known.code:
            if known.country and f.role.sector in TITLE_OVERRIDES.get(known.sector or "", ()):
                # 'opposition leader Juan Guaidó' while he chairs the assembly, 'Defence Minister Padrino' (a
                # general): the title the text gives says in which capacity he acts
                known = replace(known, code=known.country + f.role.sector, sector=f.role.sector)
            elif known.country and known.sector == "GOV" and f.head_role is not None and head.tag_ == "NNS" \
                    and f.head_role.sector in ("MIL", "COP") and _owned_by_person(head):
                # "Gaddafi's forces", "Assad's security forces": the ruler's men are his state's forces
                return replace(known, code=known.country + f.head_role.sector, sector=f.head_role.sector,
                               name=None, text=text, start=start, end=end, role=f.head_role.title)
            return replace(known, text=text, start=start, end=end, role=f.role.title)
    if not f.person_name and head.tag_ != "NNS" and country:
        twin = r._same_role_person(country, f.role)
        if twin is not None:
            return replace(twin, text=text, start=start, end=end)
    return None


def _role_ref(f: _Found, head: Token, country: str | None, start: int, end: int, text: str) -> ActorRef:
    """A role alone ('the Prime Minister') → the article's country's sector, or the bare sector."""
    return ActorRef(text, start, end, name=f.person_name or plain(head) or (f.role.title if country else None),
                    code=(country or "") + f.role.sector, country=country, sector=f.role.sector, role=f.role.title)


def _settled(r: ArticleResolver, ref: ActorRef, f: _Found, head: Token, start: int, end: int,
             text: str) -> ActorRef:
    """A named person is remembered; an unnamed role-holder of a country becomes the person known to hold it."""
    if f.person_name:
        r._remember(ref, r._sent(head).text)
    elif ref.country and ref.role and head.tag_ != "NNS":
        twin = r._same_role_person(ref.country, f.role) if f.role else None
        if twin is not None:
            return replace(twin, text=text, start=start, end=end)
    return ref


def display(entry: Entry, sector: str | None, role: Role | None, head: Token) -> str:
    name = entry.ref.name
    if entry.kind in ("seat", "govterm") and sector == "GOV":
        return f"{name}'s government" if not name.endswith("s") else f"the government of {name}"
    if role is not None:
        return plain(head) or f"{name} ({role.title})"
    return name


def _country_of(code: str) -> str | None:
    return code[:3] if code and not code.startswith("IGO") and len(code) >= 3 else None


def _sector_of(code: str) -> str | None:
    if code.startswith("IGO"):
        return "IGO"
    return code[3:6] or None if len(code) > 3 else None
