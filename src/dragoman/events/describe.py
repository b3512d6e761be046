"""Plain-English sentences for coded events (key facts, timelines)."""

from __future__ import annotations

from datetime import date
from functools import cache

from ..data import load_yaml

STATUS_PREFIX = {"planned": "is expected to", "negated": "did not", "hypothetical": "might"}


@cache
def _phrases() -> dict[str, dict[str, str]]:
    return {str(k): v for k, v in load_yaml("phrases.yaml").items()}


def phrase(code: str, target: str | None) -> str:
    """The verb phrase for a code, most specific first, with the target filled in."""
    table = _phrases()
    for key in (code[:3], code[:2]):
        if key in table:
            entry = table[key]
            return entry["with"].format(target=target) if target else entry["without"]
    return f"took action (CAMEO {code}) towards {target}" if target else f"took action (CAMEO {code})"


def format_date(value: str | None, precision: str | None, weekday: bool = False) -> str | None:
    """'Friday 21 February 2025', 'February 2025', '2008'."""
    if not value:
        return None
    try:
        if precision == "day" and len(value) >= 10:
            d = date.fromisoformat(value[:10])
            text = f"{d.day} {d:%B %Y}"
            return f"{d:%A} {text}" if weekday else text
        if precision == "month" and len(value) >= 7:
            d = date.fromisoformat(value[:7] + "-01")
            return f"{d:%B %Y}"
    except ValueError:
        return value
    return value[:4] if precision == "year" else value


def _infinitive(past_phrase: str) -> str:
    irregular = {"met": "meet", "made": "make", "held": "hold", "spoke": "speak", "fought": "fight",
                 "showed": "show", "forgave": "forgive", "took": "take", "did": "do"}
    first, _, rest = past_phrase.partition(" ")
    if first in irregular:
        verb = irregular[first]
    elif first.endswith("ied"):
        verb = first[:-3] + "y"
    elif first.endswith(("ised", "ized", "ated", "used", "ged", "ved")):
        verb = first[:-1]
    elif first.endswith("ed"):
        verb = first[:-2]
    else:
        verb = first
    return (verb + " " + rest).strip()


def describe(source: str | None, code: str, target: str | None, status: str = "reported",
             date_value: str | None = None, precision: str | None = None, place: str | None = None,
             weekday: bool = False) -> str:
    """'Marko Djuric met Peter Sorensen on Friday 21 February 2025 in Belgrade.'"""
    who = source or "Someone"
    verb = phrase(code, target)
    if status in STATUS_PREFIX and not (status == "planned" and code[:2] in ("03", "13")):
        verb = f"{STATUS_PREFIX[status]} {_infinitive(verb)}"
    when = format_date(date_value, precision, weekday=weekday)
    text = f"{who} {verb}"
    if when:
        text += f" on {when}" if precision == "day" else f" in {when}"
    if place:
        text += f" in {place}"
    return text + "."
