"""Plain-English sentences for coded events (key facts, timelines)."""

from __future__ import annotations

from datetime import date
from functools import cache

from ..data import load_yaml

STATUS_PREFIX = {"planned": "is expected to", "negated": "did not", "hypothetical": "might"}


@cache
def _data() -> dict:
    data = load_yaml("phrases.yaml")
    return {"phrases": {str(k): v for k, v in data["phrases"].items()}, "base_forms": data["base_forms"]}


def _template(code: str, with_target: bool) -> str:
    """The past-tense verb phrase for a code, most specific first; {target} marks the target."""
    table = _data()["phrases"]
    for key in (code[:3], code[:2]):
        if key in table:
            return table[key]["with" if with_target else "without"]
    return f"took action (CAMEO {code}) towards {{target}}" if with_target else f"took action (CAMEO {code})"


def phrase(code: str, target: str | None) -> str:
    """The verb phrase for a code, most specific first, with the target filled in."""
    return _template(code, bool(target)).format(target=target)


def base_phrase(past_phrase: str) -> str:
    """The phrase with every past-tense verb in its base form ("met or visited" → "meet or visit")."""
    base = _data()["base_forms"]
    return " ".join(base.get(word, word) for word in past_phrase.split(" "))


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


def describe(source: str | None, code: str, target: str | None, status: str = "reported",
             date_value: str | None = None, precision: str | None = None, place: str | None = None,
             weekday: bool = False) -> str:
    """'Marko Djuric met Peter Sorensen on Friday 21 February 2025 in Belgrade.'"""
    who = source or "Someone"
    template = _template(code, bool(target))
    if status in STATUS_PREFIX and not (status == "planned" and code[:2] in ("03", "13")):
        template = f"{STATUS_PREFIX[status]} {base_phrase(template)}"
    verb = template.format(target=target)
    when = format_date(date_value, precision, weekday=weekday)
    text = f"{who} {verb}"
    if when:
        text += f" on {when}" if precision == "day" else f" in {when}"
    if place:
        text += f" in {place}"
    return text + "."
