"""Time rules for durations, sets and reference words: three years, every Monday, now, recently."""

from __future__ import annotations

import re

from .checks import (
    is_duration,
    is_future_ref,
    is_past_ref,
    is_plural_duration,
    is_present_ref,
    is_set,
)
from .grammar import (
    MON,
    NUM,
    NUMDIG,
    NUMWORDS,
    QMOD,
    UNIT,
    Ctx,
    Result,
    grp,
    month_of,
    time_rule,
)
from .numbers import duration_value, parse_number
from .vocab import (
    POD,
    SEASONS,
    SET_ADV,
)

# durations -------------------------------------------------------------------------------------------------

@time_rule("duration", rf"{QMOD}(?:the\s+)?(?:(?P<span>past|last|next|first|coming|previous|following|final|"
                       r"remaining|ensuing|preceding|initial|latest|same|intervening|succeeding|other)\s+)?"
                       rf"(?P<num>{NUM})\s+(?:(?:more|full|long|straight|consecutive|additional|further|extra|"
                       rf"successive)\s+)?{UNIT}(?!-)(?:\s+or\s+(?:so|more|longer))?",
           needs="unit", check=is_duration)
def _h_duration(m: re.Match, ctx: Ctx) -> Result | None:
    unit = m.group("unit").lower()
    n = parse_number(m.group("num"))
    if n is not None:
        return duration_value(n, unit), "DURATION"
    if not unit.endswith(("s", "ia")):
        return None  # "several year" is no expression
    return duration_value(None, unit), "DURATION"


@time_rule("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|{NUMWORDS}|half|multi|a)-"
                           r"(?P<unit>second|minute|hour|day|week|month|year|decade|century)(?:-long)?(?!-old)",
           needs="unit")
def _h_duration_adj(m: re.Match, ctx: Ctx) -> Result | None:
    n = parse_number(m.group("num")) if m.group("num").lower() != "multi" else None
    return duration_value(n, m.group("unit")), "DURATION"


@time_rule("duration_long", r"(?P<unit>day|week|month|year|decades?|hour|years|months|weeks|centuries|"
                            r"minute)-long",
           needs="unit")
def _h_duration_long(m: re.Match, ctx: Ctx) -> Result | None:
    u = m.group("unit").lower()
    if u.endswith("s"):  # "decades-long"
        return duration_value(None, u), "DURATION"
    return duration_value(1, u), "DURATION"


@time_rule("vague_plural", rf"{QMOD}(?:(?:the\s+)?(?P<vq>recent|coming|past|next|last|early|later|following|"
                           r"ensuing|intervening|few|many|several|subsequent)\s+)?"
                           r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?!-)",
           needs="unit", check=is_plural_duration)
def _h_vague_plural(m: re.Match, ctx: Ctx) -> Result | None:
    vq = (grp(m, "vq") or "").lower()
    unit = m.group("unit").lower()
    if vq in ("recent",) and unit in ("days", "weeks"):
        return "PAST_REF", "DATE"
    if vq in ("coming", "next") and unit in ("days", "weeks", "months"):
        return "FUTURE_REF", "DATE"
    return duration_value(None, unit), "DURATION"


@time_rule("half_unit", r"(?P<hf>half\s+an?|a\s+half)\s+(?P<unit>hour|day|year|month|century|decade|minute)",
           needs="unit")
def _h_half_unit(m: re.Match, ctx: Ctx) -> Result | None:
    return duration_value(0.5, m.group("unit")), "DURATION"


@time_rule("unit_and_half", r"(?P<num>a|an|one)\s+(?P<unit>hour|day|year|month|minute|week)\s+and\s+a\s+half",
           needs="unit")
def _h_unit_and_half(m: re.Match, ctx: Ctx) -> Result | None:
    return duration_value(1.5, m.group("unit")), "DURATION"


# sets ------------------------------------------------------------------------------------------------------

@time_rule("set_adv", r"(?P<adv>annually|yearly|daily|weekly|monthly|hourly|quarterly|nightly|biweekly|"
                      r"bimonthly|semi-?annually|biannually|fortnightly)",
           needs="set")
def _h_set_adv(m: re.Match, ctx: Ctx) -> Result | None:
    return SET_ADV[m.group("adv").lower()], "SET"


@time_rule("set_every", rf"(?:(?P<times>once|twice|thrice|(?:{NUMDIG}|{NUMWORDS}|several|many)\s+times)\s+)?"
                        r"(?:(?P<ev>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?"
                        rf"(?:(?P<num>{NUMDIG}|{NUMWORDS}|few|couple\s+of)\s+)?"
                        r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|"
                        r"decades?|quarters?|mornings?|afternoons?|evenings?|summers?|winters?|springs?|autumns?|"
                        r"falls?)"
                        rf"|(?P<ev2>every|each)\s+{MON})",
           needs="unit pod season mon", check=is_set)
def _h_set_every(m: re.Match, ctx: Ctx) -> Result | None:
    if grp(m, "ev2"):
        return f"XXXX-{month_of(m):02d}", "SET"
    ev = m.group("ev").lower()
    unit = m.group("unit").lower()
    if ev in ("a", "an") and (grp(m, "num") or grp(m, "other")):
        return None
    if unit.rstrip("s") in ("morning", "afternoon", "evening", "night"):
        return f"XXXX-XX-XXT{POD[unit.rstrip('s')]}", "SET"
    if unit.rstrip("s") == "weekend":
        return "XXXX-WXX-WE", "SET"
    if unit.rstrip("s") in SEASONS:
        return f"XXXX-{SEASONS[unit.rstrip('s')]}", "SET"
    n = parse_number(m.group("num")) if grp(m, "num") else 1
    if grp(m, "other"):
        n = (n or 1) * 2
    return duration_value(n, unit.rstrip("s") if unit not in ("centuries",) else unit), "SET"


# reference words -------------------------------------------------------------------------------------------

@time_rule("present_ref", r"(?P<pw>now|currently|at\s+present|nowadays|these\s+days|current|the\s+present|"
                          r"this\s+(?:crucial\s+|critical\s+|difficult\s+)?(?:moment|juncture))",
           needs="ref", check=is_present_ref)
def _h_present_ref(m: re.Match, ctx: Ctx) -> Result | None:
    return "PRESENT_REF", "DATE"


@time_rule("past_ref", r"(?P<pw>(?:more\s+|only\s+|very\s+)?recently|lately|the\s+past|in\s+recent\s+times)",
           needs="ref", check=is_past_ref)
def _h_past_ref(m: re.Match, ctx: Ctx) -> Result | None:
    return "PAST_REF", "DATE"


@time_rule("future_ref", r"(?P<pw>the\s+future|the\s+near\s+future|the\s+distant\s+future|future|someday|"
                         r"one\s+day|some\s+day|the\s+days\s+ahead|the\s+weeks\s+ahead|the\s+months\s+ahead|"
                         r"the\s+years\s+ahead)",
           needs="ref unit", check=is_future_ref)
def _h_future_ref(m: re.Match, ctx: Ctx) -> Result | None:
    return "FUTURE_REF", "DATE"
