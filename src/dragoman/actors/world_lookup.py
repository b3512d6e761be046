"""The world knowledge base (Phoenix dictionaries, data/actors/world/) applied to a mention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import ActorRef
from .kb import SECTORS, norm
from .mentions import person_titles
from .phrases import core_tokens, joined_words
from .world import NULL_CODE, WorldEntry

if TYPE_CHECKING:
    from .resolver import ArticleResolver

# Blocks that may follow a country in a Phoenix code without being its sector (religion, ethnicity).
SECTOR_BLOCKS = SECTORS | {"INS"}


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a Phoenix code: 'SYRGOV' → (SYR, GOV); 'IGOUNOJUDICJ' → (None, IGO);
    'PSEREBHMS' → (PSE, REB); 'IMGMUSALQ' → (None, None)."""
    if not code:
        return None, None
    head = code[:3]
    if head in ("IGO", "NGO", "MNC"):
        return None, head
    if head == "IMG":
        return None, None
    if head in SECTOR_BLOCKS:
        return None, head
    blocks = [code[i:i + 3] for i in range(3, len(code), 3)]
    sector = next((b for b in blocks if b in SECTOR_BLOCKS), None)
    return head, sector


# When a Phoenix code has several sector blocks, the more specific one is the actor's: GOVLEG is the legislature.
_SPECIFIC = ("LEG", "JUD", "MIL", "COP", "SPY")


def plain_code(code: str) -> str:
    """A Phoenix code in the shape the event gold guidelines use: 'USAGOVLEG' → 'USALEG', 'MNCUSA' → 'USABUS',
    'SYRREBFSA' stays (country REB + group); IGO, NGO and IMG codes stay as they are."""
    if code.startswith("MNC") and len(code) >= 6:
        return code[3:6] + "BUS"
    if code[:3] in ("IGO", "NGO", "IMG"):
        return code
    blocks = [code[i:i + 3] for i in range(3, len(code), 3)]
    if "GOV" in blocks:
        specific = next((b for b in blocks if b in _SPECIFIC), None)
        return code[:3] + (specific or "GOV")  # 'JORGOVBUS': a government post, whatever else the person did
    return code


def _ref(text: str, start: int, end: int, name: str, code: str, role: str | None = None) -> ActorRef:
    code = plain_code(code)
    country, sector = split_code(code)
    return ActorRef(text, start, end, name=name, code=code, country=country, sector=sector, role=role)


def _holds(entry, day) -> bool:
    """Whether one of the entry's dated roles holds on `day` (not just a fallback)."""
    if day is None:
        return False
    iso = day.isoformat()
    return any((a or b) and (a is None or a <= iso) and (b is None or iso <= b) for _, a, b in entry.codes)


def world_name(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """The longest name the world KB knows inside the phrase, with its code on the article's date.

    A name that is the phrase's head ('Boko Haram', 'Salva Kiir') gives its code; a name that only modifies
    it ('Hamas fighters', 'Assad's forces') gives the country or group, and a role word the sector."""
    toks = core_tokens(head)
    words, spans = joined_words(toks)
    best: tuple[bool, int, ActorRef] | None = None
    i = 0
    while i < len(words):
        first = toks[spans[i][0]].text[:1]
        # a name opens with a capital, or with a particle before one ('bin Laden', 'de Klerk')
        capital = first.isupper() or first.isdigit()
        particle = not capital and i + 1 < len(words) and toks[spans[i + 1][0]].text[:1].isupper()
        m = r.world.match_at(words, i) if capital or particle else None
        if m and particle and not all(e.kind == "person" for e in m[1]):
            m = None
        if not m:
            i += 1
            continue
        n, entries = m
        covers = any(toks[k].i == head.i for k in range(spans[i][0], spans[i + n - 1][1]))
        if covers and head.ent_type_ == "PERSON" and all(e.kind == "country" for e in entries):
            i += n  # 'Dr. Murray' is a person, whatever place of a country the word also names
            continue
        # of several people with this name, the one in office on the day ("President Bush" in 2008)
        ranked = sorted(entries, key=lambda e: not _holds(e, r.published))
        for entry in ranked:
            code = entry.code_on(r.published)
            if code and entry.kind == "person" and n == 1 and _elsewhere(r, code) and not _distinct(r, toks[spans[i][0]]):
                continue  # one word ('Abdullah') of a person from a country the article never mentions
            if code:
                ref = _ref(text, start, end, entry.name, code)
                office = _office_sector(r, toks) if entry.kind == "person" else None
                if office is not None and ref.country:
                    # the text says the office ("President-elect Obama", "Prime Minister Abe"): it wins
                    ref = ActorRef(text, start, end, name=entry.name, code=ref.country + office,
                                   country=ref.country, sector=office, role=ref.role)
                if entry.kind == "person":
                    r._remember(ref, r.sent_of(head).text)
                if best is None or (covers, n) > best[:2]:
                    best = (covers, n, ref)
                break
        i += n
    if best is None:
        return None
    covers, _, ref = best
    if not covers and ref.country and ref.sector != "REB":
        role = _role_sector(r, head)
        if role is not None:  # "Assad's forces" → SYRMIL: the name's country, the head's role
            return ActorRef(text, start, end, name=ref.name, code=ref.country + role, country=ref.country,
                            sector=role)
    return ref


def _office_sector(r: ArticleResolver, toks: list[Token]) -> str | None:
    """The sector of an office title in the phrase ('President', 'Senate Speaker'), from the curated roles."""
    found = r._roles_in(toks)
    return found[-1][2].sector if found else None


def world_surname(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'Burhan', 'Maduro' alone: a family name the world KB knows for exactly one person."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    ent = r.ent_of.get(head.i)
    if ent is not None and len(ent) > 1:
        return None  # a full name the KB does not know; its last word may be someone else's family name
    if head.text not in r.world.surname_index:
        return _sitting_leader(r, head, start, end, text)
    entry = r.world.surname_index[head.text][0]
    if _other_given_names(head, entry):
        return None  # 'Aung San Suu Kyi' is not 'Aung Kyi': the text spells out a different full name
    code = entry.code_on(r.published)
    if not code:
        return None
    if _elsewhere(r, code) and not (_distinct(r, head) and _holds(entry, r.published)):
        # 'Abdullah' in a story about Afghanistan is not the Saudi king the KB knows by that name; nor is 'Hafez'
        # (Syria's late president) the Jordanian the KB knows by it with no dated office
        return None
    ref = _ref(text, start, end, entry.name, code)
    r._remember(ref, r.sent_of(head).text)
    return ref


def _sitting_leader(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'Mubarak', 'Bashir' alone in a story about their country: of the several people the KB knows by a family
    name, the only one in state office on the day, when the article names his country."""
    if not r.context.places:
        return None
    holders: dict[str, WorldEntry] = {}  # by code: the dictionaries list some people twice
    for entry in r.world.surname_candidates(head.text):
        code = entry.code_on(r.published) if _holds(entry, r.published) and not _other_given_names(head, entry) \
            else None
        if code and split_code(plain_code(code))[1] in STATE_OFFICES and not _elsewhere(r, code):
            holders.setdefault(plain_code(code), entry)
    if not holders:
        return _one_country_family(r, head, start, end, text)
    if len(holders) != 1:
        return None
    code, entry = next(iter(holders.items()))
    ref = _ref(text, start, end, entry.name, code)
    r._remember(ref, r.sent_of(head).text)
    return ref


def _one_country_family(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'Papandreou agreed to resign' with no date that settles which one: when every person the KB knows by the
    family name is of one country, the name says that country (and no office)."""
    countries = set()
    for entry in r.world.surname_candidates(head.text):
        if entry.kind != "person" or _other_given_names(head, entry):
            continue
        countries.update(split_code(plain_code(code))[0] for code, _a, _b in entry.codes if code != NULL_CODE)
    countries.discard(None)
    if len(countries) != 1:
        return None
    country = next(iter(countries))  # split_code gives no country to IGO, NGO and MNC codes
    if _elsewhere(r, country):
        return None
    ref = ActorRef(text, start, end, name=head.text, code=country, country=country)
    r._remember(ref, r.sent_of(head).text)
    return ref


STATE_OFFICES = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


def _other_given_names(head: Token, entry: WorldEntry) -> bool:
    """Whether the capitalised names written before a family name ('Aung San Suu Kyi') include one the KB person's
    name lacks; titles before them ('President', 'Prime Minister') are no names."""
    known = {w.lower() for w in entry.name.replace("-", " ").split()}
    titles = person_titles()
    names = []
    for t in reversed(list(head.lefts)):
        if t.dep_ != "compound" or t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_ in titles:
            break
        names.append(t.lower_)
    return any(n not in known for n in names)


def _distinct(r: ArticleResolver, tok: Token) -> bool:
    """Whether a one-word name is the family name of exactly one person the world KB knows ('Poroshenko',
    not 'Abdullah'), so that it names him even where the article never mentions his country."""
    return tok.ent_type_ in ("PERSON", "") and tok.pos_ == "PROPN" and tok.text in r.world.surname_index


def _elsewhere(r: ArticleResolver, code: str) -> bool:
    """Whether a person's code is of a country the article names none of its places for (an article that names
    no place at all says nothing against anyone)."""
    places = r.context.places
    return bool(places) and code[:3] not in places and not code.startswith(("IGO", "NGO"))


def world_agent(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'security forces' → COP, 'rebels' → REB: a Phoenix agent noun that ends at the phrase's head."""
    sector = _role_sector(r, head)
    if sector is None:
        return None
    return ActorRef(text, start, end, name=None, code=sector, country=None, sector=sector)


def _role_sector(r: ArticleResolver, head: Token) -> str | None:
    """The sector of the agent noun the phrase ends in ('security forces' → COP)."""
    toks = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]
    words = [norm(t.text) for t in toks]
    for i in range(len(toks)):
        m = r.world.agent_at(words, i)
        if m and i + m[0] == len(toks):
            blocks = [m[1][k:k + 3] for k in range(0, len(m[1]), 3)]
            sector = next((b for b in reversed(blocks) if b in SECTOR_BLOCKS and b != "IGO"), None)
            if sector is not None:
                return sector
    return None
