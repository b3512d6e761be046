"""Time rules for periods and offsets: next week, the third quarter, Easter, two years ago, that day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar import (
    add_months,
    direction,
    quarter_of,
    resolve_month_day,
    safe_date,
    season_year,
    week,
    ym,
    ymd,
)
from .checks import (
    is_holiday,
    is_quarter,
    is_season,
    is_the_quarter,
    is_year_earlier,
)
from .grammar import (
    ANYYEAR,
    DAY,
    DMOD,
    DMOD_DAY,
    HOLIDAY_ALT,
    MONX,
    NUM,
    QMOD,
    REL,
    UNIT,
    YEAR,
    Ctx,
    Result,
    day_of,
    grp,
    month_of,
    time_rule,
    year_of,
)
from .numbers import parse_number
from .vocab import (
    HOLIDAYS,
    NEXT_WORDS,
    PAST_WORDS,
    POD,
    SEASONS,
    UNITS,
)

# relative calendar units -----------------------------------------------------------------------------------

@time_rule("rel_unit", rf"{DMOD_DAY}(?:the\s+)?{REL}\s+(?P<ru>week|month|year|quarter|decade|century|weekend|"
           r"spring|summer|fall|autumn|winter|fiscal\s+year|half)",
           needs="unit season quarter", tense=True)
def _h_rel_unit(m: re.Match, ctx: Ctx) -> Result | None:
    rel = " ".join(m.group("rel").lower().split())
    unit = " ".join(m.group("ru").lower().split())
    anaphoric = rel in ("following", "same", "previous", "prior", "preceding", "ensuing", "subsequent") or (
        rel == "next" and re.search(r"\bthe\s+next\b", m.group(0), re.I) is not None)
    if anaphoric:
        b = ctx.base(unit)
        base = b[0] if b else None
    else:
        base = ctx.anchor
    if base is None:
        return None, "DATE"
    k = -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS or rel == "next" else 0
    if unit == "week":
        return week(base + timedelta(weeks=k)), "DATE"
    if unit == "weekend":
        d = base + timedelta(weeks=k)
        if k == 0 and base.weekday() < 3 and ctx.tense == "past":
            d = base - timedelta(weeks=1)
        return week(d) + "-WE", "DATE"
    if unit == "month":
        return ym(*add_months(base.year, base.month, k)), "DATE"
    if unit in ("year", "fiscal year"):
        return (f"FY{base.year + k}" if unit.startswith("fiscal") else str(base.year + k)), "DATE"
    if unit == "quarter":
        q = base.year * 4 + quarter_of(base) - 1 + k
        return f"{q // 4}-Q{q % 4 + 1}", "DATE"
    if unit == "half":
        h = base.year * 2 + (base.month > 6) + k
        return f"{h // 2}-H{h % 2 + 1}", "DATE"
    if unit == "decade":
        return str(base.year // 10 + k), "DATE"
    if unit == "century":
        return f"{base.year // 100 + k:02d}", "DATE"
    season = SEASONS[unit]
    return f"{season_year(base, season, rel, ctx.tense)}-{season}", "DATE"


@time_rule("season", rf"{DMOD}(?:the\s+)?(?P<season>spring|summer|fall|autumn|"
                     rf"winter)(?:\s+(?:of\s+)?{ANYYEAR})?",
           needs="season", check=is_season, tense=True)
def _h_season(m: re.Match, ctx: Ctx) -> Result | None:
    s = SEASONS[m.group("season").lower()]
    y = year_of(m)
    if y:
        return f"{y}-{s}", "DATE"
    if not ctx.anchor:
        return None, "DATE"
    return f"{season_year(ctx.anchor, s, None, ctx.tense)}-{s}", "DATE"


@time_rule("quarter", r"(?:the\s+)?(?:(?P<qfy>fiscal|calendar)\s+)?(?P<qord>first|second|third|fourth|1st|2nd|"
                      r"3rd|4th|final|last|latest|current|previous|past|recent|most\s+recent|next|coming|"
                      r"year-earlier|year-ago|comparable|same|year\s+earlier|year\s+ago|prior-year|prior\s+year|"
                      r"fiscal)[\s-]+(?:fiscal\s+)?(?P<qh>quarter|half|period)(?!-\w)"
           rf"(?:\s+(?:of|in|for)\s+(?:(?P<qfy2>fiscal)\s+)?(?:{YEAR}|(?P<qyrel>this|last|next|the\s+current|"
           r"the\s+previous|the\s+past)\s+(?:fiscal\s+)?year))?",
           needs="quarter", check=is_quarter, tense=True)
def _h_quarter(m: re.Match, ctx: Ctx) -> Result | None:
    o = m.group("qord").lower().replace(" ", "-")
    qh = m.group("qh").lower()
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(o)
    if qh == "period" and (n is not None or o not in (
            "year-earlier", "year-ago", "comparable", "same", "latest", "current", "previous", "prior-year",
            "most-recent")):
        return None  # "the first period" of a match is no quarter
    if qh == "period":
        qh = "quarter"
    if qh == "half" and n is not None and n > 2:
        return None
    fy = "FY" if (grp(m, "qfy") or "").lower() == "fiscal" or grp(m, "qfy2") or o == "fiscal" else ""
    year = int(m.group("year")) if grp(m, "year") else None
    a = ctx.anchor
    if year is None:
        yrel = (grp(m, "qyrel") or "").lower()
        if not a:
            return None, "DATE"
        if yrel:
            year = a.year + {"last": -1, "the previous": -1, "the past": -1, "next": 1}.get(yrel, 0)
    per = 4 if qh == "quarter" else 2
    if n is None and year is not None and o in ("last", "final"):
        n = per  # "the last quarter of 1989"
    cur = quarter_of(a) if (a and qh == "quarter") else ((a.month > 6) + 1 if a else 1)
    if n is None:  # relative: last/latest/current/next/year-earlier
        if not a:
            return None, "DATE"
        if o in ("current", "coming"):
            k = 0
        elif o == "next":
            k = 1
        elif o in ("last", "latest", "previous", "past", "recent", "most-recent", "final", "fiscal"):
            k = 0 if ctx.tense == "future" else -1
        else:  # year-earlier / year-ago: the same period a year before the latest one
            k = -1 - per
        t = a.year * per + cur - 1 + k
        return f"{fy}{t // per}-{'Q' if per == 4 else 'H'}{t % per + 1}", "DATE"
    if year is None:
        year = a.year
        if n > cur and ctx.tense != "future":
            year -= 1
    return f"{fy}{year}-{'Q' if per == 4 else 'H'}{n}", "DATE"


@time_rule("year_quarter", rf"{YEAR}['’]s\s+(?P<qord>first|second|third|fourth)[\s-]+(?P<qh>quarter|half)",
           needs="quarter", tense=True)
def _h_year_quarter(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_quarter(m, ctx)


@time_rule("quarter_adj", r"(?P<qord>first|second|third|fourth)-(?P<qh>quarter|half)(?=[\s-])",
           needs="quarter", tense=True)
def _h_quarter_adj(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_quarter(m, ctx)


@time_rule("the_quarter", r"the\s+quarter(?!\s+(?:of\s+(?:a|an|the|its|his|her|their|\d)|century|percent|point|"
                          r"mile|hour|inch|pound|cent))",
           needs="quarter", check=is_the_quarter, tense=True)
def _h_the_quarter(m: re.Match, ctx: Ctx) -> Result | None:
    """ "In the quarter": the latest quarter reported on (the current one when the verb looks ahead)."""
    a = ctx.anchor
    if not a:
        return None, "DATE"
    t = a.year * 4 + quarter_of(a) - 1 + (0 if ctx.tense == "future" else -1)
    return f"{t // 4}-Q{t % 4 + 1}", "DATE"


@time_rule("holiday", rf"{DMOD}(?:(?P<hrel>last|next|this)\s+)?(?P<hol>{HOLIDAY_ALT})(?:\s+(?P<hweek>week|"
                      rf"weekend))?(?:,?\s+{YEAR})?",
           needs="holiday unit", check=is_holiday, tense=True)
def _h_holiday(m: re.Match, ctx: Ctx) -> Result | None:
    key = re.sub(r"\s+", " ", m.group("hol").lower().replace("’", "'"))
    if key not in HOLIDAYS:
        key = key.replace("new years", "new year's").replace("valentines", "valentine's")
    fn = HOLIDAYS.get(key)
    if fn is None:
        return None
    if grp(m, "year"):
        d = fn(int(m.group("year")))
    elif not ctx.anchor:
        return None, "DATE"
    else:
        a = ctx.anchor
        cands = [fn(a.year - 1), fn(a.year), fn(a.year + 1)]
        way = direction(grp(m, "hrel"), ctx.tense)
        if way < 0:
            d = max(c for c in cands if c <= a)
        elif way > 0:
            d = min(c for c in cands if c >= a)
        else:
            d = min(cands, key=lambda c: abs((c - a).days))
    if grp(m, "hweek"):
        return week(d) + ("-WE" if m.group("hweek").lower() == "weekend" else ""), "DATE"
    return ymd(d), "DATE"


@time_rule("weekend", rf"{DMOD}the\s+weekend",
           needs="unit", tense=True)
def _h_weekend(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    if a.weekday() >= 5:
        return week(a) + "-WE", "DATE"
    if ctx.tense == "future" or (ctx.tense is None and a.weekday() >= 3):
        return week(a) + "-WE", "DATE"
    return week(a - timedelta(weeks=1)) + "-WE", "DATE"


@time_rule("end_of_unit", r"(?P<dmod>the\s+(?:end|beginning|start|middle|turn|close|"
                          r"rest)\s+of)\s+the\s+(?P<u>week|month|year|quarter|decade|century)",
           needs="unit")
def _h_end_of_unit(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    u = m.group("u").lower()
    if u == "week":
        return week(a), "DATE"
    if u == "month":
        return ym(a.year, a.month), "DATE"
    if u == "year":
        return str(a.year), "DATE"
    if u == "quarter":
        return f"{a.year}-Q{quarter_of(a)}", "DATE"
    if u == "decade":
        return str(a.year // 10), "DATE"
    return f"{a.year // 100:02d}", "DATE"


@time_rule("week_of", rf"the\s+week\s+of\s+{MONX}\s+{DAY}(?:,?\s+{YEAR})?",
           needs="mon", tense=True)
def _h_week_of(m: re.Match, ctx: Ctx) -> Result | None:
    mo, d = month_of(m), day_of(m)
    if not mo or not d:
        return None
    if grp(m, "year"):
        dt = safe_date(int(m.group("year")), mo, d)
    elif ctx.anchor:
        dt = resolve_month_day(ctx.anchor, mo, d, ctx.tense)
    else:
        return None, "DATE"
    return (week(dt), "DATE") if dt else None


# anchored offsets ------------------------------------------------------------------------------------------

def _shift(base: date, n: float, unit: str, sign: int) -> tuple[str, str] | None:
    code = UNITS.get(unit.lower())
    k = int(round(n)) * sign
    if code in ("Y", "DE", "CE"):
        mult = {"Y": 1, "DE": 10, "CE": 100}[code]
        return str(base.year + k * mult), "year"
    if code == "M":
        if unit.lower().startswith("min"):
            return ymd(base), "day"
        return ym(*add_months(base.year, base.month, k)), "month"
    if code in ("W", "F", "WE"):
        return week(base + timedelta(weeks=k * (2 if code == "F" else 1))), "week"
    if code == "D":
        return ymd(base + timedelta(days=k)), "day"
    if code == "Q":
        q = base.year * 4 + quarter_of(base) - 1 + k
        return f"{q // 4}-Q{q % 4 + 1}", "quarter"
    if code in ("H", "S"):
        return ymd(base), "day"
    return None


@time_rule("ago", rf"{QMOD}(?P<num>{NUM})\s+(?:(?:more|full|long)\s+)?{UNIT}(?:\s+or\s+so)?\s+"
           r"(?P<dir>ago|from\s+now|hence|earlier|later|previously|afterwards?|(?:before|after|"
           r"since)(?!\s+[\w$]))",
           needs="unit")
def _h_ago(m: re.Match, ctx: Ctx) -> Result | None:
    where = m.group("dir").lower().split()[0]
    n = parse_number(m.group("num"))
    anaphoric = where not in ("ago", "from", "hence")
    if where == "since":
        return None
    sign = -1 if where in ("ago", "earlier", "before", "previously") else 1
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "DATE"
    unit = m.group("unit").lower()
    code = UNITS.get(unit, "")
    if anaphoric:
        b = ctx.base("year" if code in ("Y", "DE", "CE") else "month" if unit.startswith("month") else "day")
        if b is None:
            return None, "DATE"
        base, prec = b
        if prec == "quarter" and code == "Y":  # "a year earlier" after "the third quarter"
            q = base.year * 4 + quarter_of(base) - 1 + sign * 4 * int(round(n))
            return f"{q // 4}-Q{q % 4 + 1}", "DATE"
    else:
        base = ctx.anchor
        if base is None:
            return None, "DATE"
    r = _shift(base, n, unit, sign)
    return (r[0], "DATE") if r else None


@time_rule("year_earlier", r"(?:a\s+)?year[-\s](?:earlier|ago)(?=\s+[a-z])",
           needs="unit", check=is_year_earlier)
def _h_year_earlier(m: re.Match, ctx: Ctx) -> Result | None:
    """The adjective "year-earlier"/"year-ago" ("year-earlier sales"): the same period a year before."""
    b = ctx.base("year")
    if b is None:
        return None, "DATE"
    base, prec = b
    if prec == "quarter":
        return f"{base.year - 1}-Q{quarter_of(base)}", "DATE"
    return str(base.year - 1), "DATE"


@time_rule("anaphor", rf"{DMOD}(?:(?P<aw>that|the\s+same|that\s+same|the\s+very\s+same)\s+"
                      r"(?P<au>day|week|month|year|morning|afternoon|evening|night)|"
                      r"the\s+(?P<an>next|following|previous|preceding|prior)\s+"
                      r"(?P<au2>day|morning|afternoon|evening|night)|"
                      r"the\s+day\s+(?P<ab>before|after)(?!\s+[\w$]))",
           needs="unit pod")
def _h_anaphor(m: re.Match, ctx: Ctx) -> Result | None:
    unit = (grp(m, "au") or grp(m, "au2") or "day").lower()
    b = ctx.base(unit)
    if b is None:
        return None, "DATE"
    base = b[0]
    k = 0
    if grp(m, "an"):
        k = 1 if m.group("an").lower() in ("next", "following") else -1
    elif grp(m, "ab"):
        k = -1 if m.group("ab").lower() == "before" else 1
    if unit == "year":
        return str(base.year + k), "DATE"
    if unit == "month":
        return ym(*add_months(base.year, base.month, k)), "DATE"
    if unit == "week":
        return week(base + timedelta(weeks=k)), "DATE"
    d = base + timedelta(days=k)
    if unit in POD:
        return f"{ymd(d)}T{POD[unit]}", "TIME"
    return ymd(d), "DATE"


@time_rule("so_far", r"(?:so\s+far\s+(?:this|in\s+the)\s+(?P<u>week|month|year)|(?:earlier|"
                     r"later)\s+this\s+(?P<u2>month|year))",
           needs="unit")
def _h_so_far(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    u = (grp(m, "u") or grp(m, "u2") or "").lower()
    return (week(a) if u == "week" else ym(a.year, a.month) if u == "month" else str(a.year)), "DATE"
