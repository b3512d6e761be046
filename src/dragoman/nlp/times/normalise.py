"""Normalising one expression: its TimeML value, precision and type."""

from __future__ import annotations

import re
from datetime import date

from .grammar import Ctx, Result, Rule
from .rulebook import BY_PRIORITY


def precision_of(value: str | None) -> str | None:
    """'day' for YYYY-MM-DD (and times), 'month' for YYYY-MM, 'year' for YYYY, else None."""
    if not value:
        return None
    if re.match(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def _type_of(value: str | None, typ: str) -> str:
    if typ in ("DURATION", "SET"):
        return typ
    if value and re.match(r"\d{4}-\d\d-\d\dT", value):
        return "TIME"
    return typ


def apply_rule(rule: Rule, m: re.Match, ctx: Ctx) -> Result | None:
    """(value, type) of a rule's match; None when the handler finds no value."""
    try:
        out = rule.handler(m, ctx)
    except (ValueError, OverflowError, KeyError, TypeError):  # a date beyond the calendar, an odd spelling
        return None
    if out is None:
        return None
    value, typ = out
    return value, _type_of(value, typ)


def normalise(text: str, anchor: date | None, tense: str | None = None) -> tuple[str | None, str | None, str]:
    """(value, precision, type) of one temporal expression, relative to anchor (the publication date).

    tense is 'past', 'future', 'present' or None; it decides which way a weekday, a month or a date
    without a year points. Without an anchor, anchor-relative expressions get value None. Text that is
    no temporal expression gives (None, None, "DATE").
    """
    s = " ".join(text.strip().split())
    s = re.sub(r"^(?:on|in|at|during|since|until|by|from|for)\s+", "", s, flags=re.I)
    s = s.rstrip(".,;:")
    ctx = Ctx(anchor, tense, None)
    for rule in BY_PRIORITY:
        m = rule.regex.fullmatch(s)
        if not m:
            continue
        out = apply_rule(rule, m, ctx)
        if out is not None:
            return out[0], precision_of(out[0]), out[1]
    return None, None, "DATE"
