"""The temporal tagger's vocabulary, from data/times.yaml: month, weekday and unit names, numbers in words,
holidays, trigger words, and the context words the tense and the checks consult."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dragoman.data import load_yaml

_V = load_yaml("times.yaml")

MONTHS: dict[str, int] = _V["months"]
WEEKDAYS: dict[str, int] = _V["weekdays"]
UNITS: dict[str, str] = _V["units"]
SMALL: dict[str, int] = _V["small_numbers"]
TENS: dict[str, int] = _V["tens"]
ORDINALS: dict[str, int] = _V["ordinals"]
POD: dict[str, str] = _V["parts_of_day"]
SEASONS: dict[str, str] = _V["seasons"]
DECADE_WORDS: dict[str, int] = _V["decade_words"]
PAST_WORDS = frozenset(_V["past_words"])
NEXT_WORDS = frozenset(_V["next_words"])
THIS_WORDS = frozenset(_V["this_words"])
SET_ADV: dict[str, str] = _V["set_adverbs"]

FUTURE_GOVERNORS = frozenset(_V["future_governors"])
FUTURE_AUX = frozenset(_V["future_auxiliaries"])
PLANNED = frozenset(_V["planned_verbs"])
MODALS = frozenset(_V["modals"])

COUNT_NOUN_OK = frozenset(_V["count_nouns_ok"])
COUNTED_NOUNS = frozenset(_V["counted_nouns"])
SEASON_CUES = frozenset(_V["season_cues"])
DETERMINERS = frozenset(_V["determiners"])
PREPS = frozenset(_V["prepositions"])
YEAR_PREPS = PREPS | frozenset(_V["year_cues"])
MONTH_CUES = PREPS | frozenset(_V["month_cues"])
PLURAL_UNIT_CUES = frozenset(_V["plural_unit_cues"])
CURRENT_NOT_TIME = frozenset(_V["current_not_time"])

# word -> the first kind of trigger that lists it
TRIGGER_KINDS: dict[str, str] = {}
for _kind, _words in _V["triggers"].items():
    for _w in _words:
        TRIGGER_KINDS.setdefault(_w, _kind)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (n >= 1) or last (n = -1) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(spec: dict) -> Callable[[int], date]:
    """The function from a year to a holiday's date, for one entry of the holidays table."""
    if "day" in spec:
        month, day = spec["day"]
        return lambda y: date(y, month, day)
    if "easter" in spec:
        shift = timedelta(days=spec["easter"])
        return lambda y: easter(y) + shift
    month, weekday, n = spec["nth_weekday"]
    plus = timedelta(days=spec.get("plus_days", 0))
    return lambda y: nth_weekday(y, month, weekday, n) + plus


HOLIDAYS: dict[str, Callable[[int], date]] = {name: _holiday(spec) for name, spec in _V["holidays"].items()}
