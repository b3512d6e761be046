"""The time rules in the order they are tried, with the few settings that concern the order.

An expression is the longest candidate; between equally long candidates the rule listed first in PREFERRED
wins, then the one listed first in ORDER (a rule and its handler live in rules_dates, rules_periods or
rules_spans, its check in checks)."""

from __future__ import annotations

from . import rules_dates, rules_periods, rules_spans  # noqa: F401 - importing them registers the rules
from .grammar import RULES as _REGISTERED
from .grammar import Rule

ORDER = [
    "mdy",
    "dmy",
    "iso",
    "numeric",
    "month_year",
    "month_relyear",
    "year",
    "spoken_year",
    "decade",
    "century",
    "md",
    "dm",
    "month",
    "weekday",
    "weekday_set",
    "deictic",
    "this_pod",
    "clock",
    "hour_in_the",
    "pod_alone",
    "rel_unit",
    "season",
    "quarter",
    "year_quarter",
    "quarter_adj",
    "the_quarter",
    "holiday",
    "weekend",
    "end_of_unit",
    "week_of",
    "ago",
    "year_earlier",
    "anaphor",
    "so_far",
    "duration",
    "duration_adj",
    "duration_long",
    "vague_plural",
    "half_unit",
    "unit_and_half",
    "set_adv",
    "set_every",
    "present_ref",
    "past_ref",
    "future_ref",
]
if sorted(ORDER) != sorted(_REGISTERED):  # pragma: no cover - a rule added without a place in the order
    raise RuntimeError(f"time rules out of order: {sorted(set(ORDER) ^ set(_REGISTERED))}")
RULES: list[Rule] = [_REGISTERED[name] for name in ORDER]

PREFERRED = ["set_every", "weekday_set", "ago", "anaphor", "so_far", "rel_unit", "quarter"]
PRIORITY = {r.name: (PREFERRED.index(r.name) if r.name in PREFERRED else len(PREFERRED) + i)
            for i, r in enumerate(RULES)}
BY_PRIORITY = sorted(RULES, key=lambda r: PRIORITY[r.name])
# rules that may read a spaCy DATE/TIME entity the rules did not find as a whole
ENTITY_RULES = {"duration", "weekday", "month", "year", "vague_plural", "present_ref", "past_ref",
                "future_ref", "season", "decade"}
# comparisons set no scene: later anaphors ("the next day") do not count from them
NO_REF_RULES = {"present_ref", "past_ref", "future_ref", "year_earlier", "ago"}
