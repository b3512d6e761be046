"""Calendar arithmetic for normalisation: TimeML value strings, and which weekday, month, day or season a
name without a year means, seen from the publication date and the tense."""

from __future__ import annotations

from datetime import date, timedelta

from .vocab import NEXT_WORDS, PAST_WORDS, THIS_WORDS


def ymd(d: date) -> str:
    """A day as TimeML writes it: 2025-02-21."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week(d: date) -> str:
    """An ISO week: 2025-W08."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def ym(y: int, m: int) -> str:
    """A month: 2025-02."""
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) k months after (y, m)."""
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when there is no such day (February 30)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def quarter_of(d: date) -> int:
    """The quarter (1-4) a day falls in."""
    return (d.month - 1) // 3 + 1



def direction(rel: str | None, tense: str | None) -> int:
    """-1 backwards, +1 forwards, 0 the current one / the nearest."""
    if rel:
        r = " ".join(rel.lower().split())
        if r in PAST_WORDS:
            return -1
        if r in NEXT_WORDS:
            return 1
        if r in THIS_WORDS:
            return 0
    if tense == "past":
        return -1
    if tense == "future":
        return 1
    return 0


def resolve_weekday(anchor: date, wd: int, rel: str | None, tense: str | None) -> date:
    """The date a weekday name refers to, seen from anchor."""
    r = " ".join(rel.lower().split()) if rel else None
    delta = (wd - anchor.weekday()) % 7  # days forward to the next such weekday (0 = today)
    if r in PAST_WORDS or r == "last":
        return anchor - timedelta(days=(7 - delta) % 7 or 7)
    if r in NEXT_WORDS or r == "next":
        return anchor + timedelta(days=delta or 7)
    if r == "this":
        # "this Friday": the one of the current week, looking forward when it has not come yet
        return anchor + timedelta(days=delta) if tense != "past" else anchor - timedelta(days=(7 - delta) % 7)
    if delta == 0:
        return anchor  # news names the day of publication by its weekday, whatever the tense
    if tense in ("future", "present"):  # "will meet Friday", "the talks begin Friday"
        return anchor + timedelta(days=delta)
    return anchor - timedelta(days=7 - delta)


def resolve_month(anchor: date, month: int, rel: str | None, tense: str | None) -> tuple[int, int]:
    """(year, month) a month name means, seen from anchor."""
    r = " ".join(rel.lower().split()) if rel else None
    y = anchor.year
    if r in THIS_WORDS:
        return y, month
    if r in PAST_WORDS:
        return (y, month) if month < anchor.month else (y - 1, month)
    if r in NEXT_WORDS:
        return (y, month) if month > anchor.month else (y + 1, month)
    if month == anchor.month:
        return y, month
    if tense == "past":
        return (y, month) if month < anchor.month else (y - 1, month)
    if tense == "future":
        return (y, month) if month > anchor.month else (y + 1, month)
    diff = month - anchor.month
    if diff > 6:
        return y - 1, month
    if diff < -6:
        return y + 1, month
    return y, month


def resolve_month_day(anchor: date, month: int, day: int, tense: str | None) -> date | None:
    """The date a month and day without a year means, seen from anchor."""
    cands = [d for d in (safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not cands:
        return None
    if tense == "past":
        back = [d for d in cands if d <= anchor + timedelta(days=1)]
        if back:
            return max(back)
    if tense == "future":
        fwd = [d for d in cands if d >= anchor - timedelta(days=1)]
        if fwd:
            return min(fwd)
    return min(cands, key=lambda d: (abs((d - anchor).days), d > anchor))


def season_year(anchor: date, season: str, rel: str | None, tense: str | None) -> int:
    """The year of the season a season name means, seen from anchor."""
    cur = ["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"][anchor.month - 1]
    order = ["WI", "SP", "SU", "FA"]
    y = anchor.year
    d = direction(rel, tense)
    r = " ".join(rel.lower().split()) if rel else None
    if r in THIS_WORDS or (d == 0):
        return y
    if season == cur:
        return y + d
    before = order.index(season) < order.index(cur)
    if d < 0:
        return y if before else y - 1
    return y + 1 if before else y
