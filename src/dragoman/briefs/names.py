"""Readable names for actors and codes in briefs: 'Marko Djuric, Serbia's Foreign Minister'."""

from __future__ import annotations

from ..actors.kb import knowledge_base

SECTOR_WORDS = {"GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary", "LEG": "parliament",
                "OPP": "opposition", "PTY": "political parties", "REB": "rebels", "CVL": "civilians",
                "MED": "media", "BUS": "business", "REF": "refugees", "REL": "religious leaders", "SPY": "intelligence",
                "NGO": "NGOs", "HRI": "human rights groups", "LAB": "labour", "EDU": "academia", "UAF": "armed men"}


def code_name(code: str | None) -> str | None:
    """'KSVGOV' → "Kosovo's government", 'IGOEUREEC' → 'the European Union', 'SRB' → 'Serbia'."""
    if not code:
        return None
    kb = knowledge_base()
    if code.startswith(("IGO", "NGO")):
        for org in kb.orgs_by_name.values():
            if org.code == code and org.parent is None:
                return f"the {org.name}" if not org.name.startswith("the ") else org.name
        return code
    country = kb.country(code[:3])
    if country is None:
        return code
    sector = code[3:6]
    if not sector:
        return country.name
    word = SECTOR_WORDS.get(sector, sector)
    return f"{country.name}'s {word}"


def country_possessive(code: str | None) -> str | None:
    if not code or code.startswith(("IGO", "NGO")):
        return None
    country = knowledge_base().country(code[:3])
    return f"{country.name}'s" if country else None


PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "who", "which"}


def person_label(name: str | None, role: str | None, code: str | None, text: str | None = None) -> str | None:
    """How a brief names an actor: the article's own words when they name the person, else name and role."""
    if text and name and name in text and len(text) <= 120:
        return text
    person = bool(name and role and name != role and len(name.split()) >= 2 and name[0].isupper()
                  and not name.startswith(("The ", "the ")) and not (code or "").startswith(("IGO", "NGO")))
    if not person and text and len(text) <= 60 and text.lower() not in PRONOUNS:
        return text
    if name and role and name != role:
        poss = country_possessive(code)
        org = code_name(code) if code and code.startswith("IGO") else None
        where = poss or (f"{org}'s" if org else None)
        return f"{name}, {where} {role}" if where else f"{name} ({role})"
    return name or text
