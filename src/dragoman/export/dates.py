"""Dates in exports: a stored date of any precision as a real date, and GDELT's numeric forms."""

from __future__ import annotations

from datetime import date


def period_start(value: str | None, precision: str | None = None) -> date | None:
    """The first day of the period a stored date names: "2008-02-17" → 2008-02-17, "2008-02" → 2008-02-01,
    "1999" → 1999-01-01; None when there is no date or it does not parse. The precision says how much
    of it is meaningful and travels beside it."""
    if not value:
        return None
    text = value.strip()
    if precision == "year" or len(text) == 4:
        text = text[:4] + "-01-01"
    elif precision == "month" or len(text) == 7:
        text = text[:7] + "-01"
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def day(value: str | None, precision: str | None) -> date | None:
    """The date only when it is known to the day."""
    if precision not in (None, "day") or not value or len(value) < 10:
        return None
    return period_start(value, "day")


def timestamp14(value: str | None) -> str:
    """An ISO timestamp as GDELT's YYYYMMDDHHMMSS (UTC as stored); empty when unknown."""
    digits = "".join(ch for ch in (value or "")[:19] if ch.isdigit())
    return digits.ljust(14, "0") if len(digits) >= 8 else ""
