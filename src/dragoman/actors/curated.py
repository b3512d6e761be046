"""The project's own knowledge base (data/actors/*.yaml) applied to a mention: names, titles, country
adjectives, organisations and their bodies, seats of government, people with dated roles."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import ActorRef
from .kb import Entry, Org, Role
from .phrases import core_tokens, plain

if TYPE_CHECKING:
    from .resolver import ArticleResolver

INSTITUTIONAL = {"GOV", "COP", "MIL", "JUD", "LEG", "SPY"}


def resolve_curated(r: ArticleResolver, head: Token, start: int, end: int, text: str) -> ActorRef | None:
    """'Serbian Foreign Affairs Minister Marko Djuric' → SRBGOV; 'the EU's Special Representative' → IGOEUREEC;
    'Belgrade' → SRBGOV; None when the project's knowledge base says nothing about the phrase."""
    toks = core_tokens(head)
    names = r._names_in(toks)
    roles = r._roles_in(toks)
    person_name = r._person_name(toks)
    org: Org | None = None
    country_entry: Entry | None = None
    head_entry: Entry | None = None
    for i, n, entry in names:
        covers_head = any(toks[k].i == head.i for k in range(i, i + n))
        kind = entry.kind
        if kind == "metonym":
            if not r.eu_context:
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
            ref = r.resolve(appos)
            return replace(ref, text=text, start=start, end=end) if ref else None
        return None
    if person_name is None and head_role is not None:
        # "the EU's Special Representative for the Dialogue, Peter Sorensen" (apposition misattached)
        for t in head.subtree:
            if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.i > head.i:
                ent = r._ent(t)
                if ent is not None:
                    person_name = ent.text
                    break
    if person_name and org is None and country_entry is None and role is None:
        known = r._from_people(person_name)
        if known is not None:
            return replace(known, text=text, start=start, end=end, name=known.name or person_name)
        if head.ent_type_ != "PERSON" and head_entry is None:
            return None
        ref = ActorRef(text, start, end, name=person_name)
        r._remember(ref, r._sent(head).text)
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
        ref = ActorRef(text, start, end, name=person_name or display(country_entry, sector, role, head),
                       code=country + (sector or ""), country=country, sector=sector,
                       role=role.title if role else None)
    elif role is not None:
        country = None
        if head_role is not None and role.sector in INSTITUTIONAL:
            country = r._context_country(head)
        if person_name:
            known = r._from_people(person_name)
            if known is not None and known.code:
                return replace(known, text=text, start=start, end=end, role=role.title)
        if not person_name and head.tag_ != "NNS" and country:
            twin = r._same_role_person(country, role)
            if twin is not None:
                return replace(twin, text=text, start=start, end=end)
        ref = ActorRef(text, start, end, name=person_name or plain(head) or (role.title if country else None),
                       code=(country or "") + role.sector, country=country, sector=role.sector, role=role.title)
    else:
        return None
    if person_name:
        r._remember(ref, r._sent(head).text)
    elif ref.country and ref.role and not person_name and head.tag_ != "NNS":
        twin = r._same_role_person(ref.country, role) if role else None
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
