"""Time rules for calendar dates and clock times: with a year, without one, weekdays, today, 10 a.m."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .calendar import (
    direction,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    safe_date,
    ym,
    ymd,
)
from .checks import (
    is_clock,
    is_decade,
    is_month_alone,
    is_spoken_year,
    is_weekday,
    is_year,
)
from .grammar import (
    ANYYEAR,
    CLOCK,
    DAY,
    DMOD,
    DMOD_DAY,
    MON,
    MONTH_ABBR,
    MONTH_FULL,
    MONX,
    ORDW_ALT,
    REL,
    SPOKEN_YEAR,
    TZ,
    WD,
    WD_ALT,
    YEAR,
    Ctx,
    Result,
    clock_value,
    day_of,
    grp,
    month_of,
    time_rule,
    year_of,
)
from .vocab import (
    DECADE_WORDS,
    ORDINALS,
    POD,
    SMALL,
    WEEKDAYS,
)

# dates with a year -----------------------------------------------------------------------------------------

@time_rule("mdy", rf"(?:{WD},?\s+)?{MONX}\s+{DAY},?\s+{ANYYEAR}(?!\d)",
           needs="mon")
def _h_mdy(m: re.Match, ctx: Ctx) -> Result | None:
    y, mo, d = year_of(m), month_of(m), day_of(m)
    dt = safe_date(y, mo, d) if y and mo and d else None
    return (ymd(dt), "DATE") if dt else None


@time_rule("dmy", rf"(?:{WD},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONX},?\s+{ANYYEAR}(?!\d)",
           needs="mon")
def _h_dmy(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_mdy(m, ctx)


@time_rule("iso", r"(?P<year>(?:1[0-9]|"
                  r"20)\d\d)-(?P<mo>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[012]\d):(?P<mm>[0-5]\d))?",
           needs="num")
def _h_iso(m: re.Match, ctx: Ctx) -> Result | None:
    dt = safe_date(int(m.group("year")), int(m.group("mo")), int(m.group("day")))
    if not dt:
        return None
    if m.group("hh"):
        return f"{ymd(dt)}T{m.group('hh')}:{m.group('mm')}", "TIME"
    return ymd(dt), "DATE"


@time_rule("numeric", r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d)(?P=sep)(?P<year>(?:1[0-9]|20)\d\d|"
                      r"\d\d)(?![\d.]\d)",
           needs="num")
def _h_numeric(m: re.Match, ctx: Ctx) -> Result | None:
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("year")
    year = int(y)
    if len(y) == 2:
        year += 1900 if year > 40 else 2000
    if m.group("sep") == ".":
        day, month = a, b  # 17.2.2008: day first
        if len(y) == 2:
            return None
    else:
        month, day = (a, b) if a <= 12 else (b, a)  # 2/17/2008 (US), 17/2/2008 when unambiguous
    dt = safe_date(year, month, day)
    return (ymd(dt), "DATE") if dt else None


@time_rule("month_year", rf"{DMOD}{MON}(?:,?\s+|\s+of\s+){ANYYEAR}(?!\d)",
           needs="mon")
def _h_month_year(m: re.Match, ctx: Ctx) -> Result | None:
    y, mo = year_of(m), month_of(m)
    return (ym(y, mo), "DATE") if y and mo else None


@time_rule("month_relyear", rf"{DMOD}{MON}(?:\s+of)?\s+(?P<yrel>this|last|next|the\s+previous|"
                            rf"the\s+following)\s+year",
           needs="mon")
def _h_month_relyear(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    r = m.group("yrel").lower()
    y = a.year + (-1 if r in ("last", "the previous") else 1 if r in ("next", "the following") else 0)
    return ym(y, month_of(m)), "DATE"


@time_rule("year", rf"{DMOD}(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*|the\s+(?:calendar\s+)?year\s+|"
                   rf"calendar\s+)?{YEAR}(?!\d)",
           needs="num", check=is_year)
def _h_year(m: re.Match, ctx: Ctx) -> Result | None:
    y = int(m.group("year"))
    if grp(m, "fy"):
        return f"FY{y}", "DATE"
    return str(y), "DATE"


@time_rule("spoken_year", rf"{DMOD}(?:(?:the\s+)?year\s+)?{SPOKEN_YEAR}",
           needs="spoken", check=is_spoken_year)
def _h_spoken_year(m: re.Match, ctx: Ctx) -> Result | None:
    y = year_of(m)
    return (str(y), "DATE") if y else None


@time_rule("decade", rf"(?:the\s+)?{DMOD}(?:(?P<dec>(?:1[0-9]|20)\d0)['’]?s|['’](?P<dec2>\d0)s|"
                     rf"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
           needs="num decade", check=is_decade)
def _h_decade(m: re.Match, ctx: Ctx) -> Result | None:
    if grp(m, "dec"):
        return m.group("dec")[:3], "DATE"
    if grp(m, "dec2"):
        d = int(m.group("dec2"))
        century = 19 if d >= 30 or not ctx.anchor or ctx.anchor.year < 2000 + d else 20
        return f"{century}{d // 10}", "DATE"
    return f"19{DECADE_WORDS[m.group('decw').lower()]}", "DATE"


@time_rule("century", rf"(?:the\s+)?{DMOD}(?:(?P<cord>{ORDW_ALT}|\d{{1,2}}(?:st|nd|rd|th))|(?P<crel>this|last|"
           r"next|past|previous|current|coming))[\s-]+century",
           needs="unit")
def _h_century(m: re.Match, ctx: Ctx) -> Result | None:
    o = grp(m, "cord")
    if o:
        n = ORDINALS.get(o.lower()) or int(re.sub(r"\D", "", o) or 0)
        return (f"{n - 1:02d}", "DATE") if n else None
    if not ctx.anchor:
        return None, "DATE"
    c = ctx.anchor.year // 100 + direction(m.group("crel"), None)
    return f"{c:02d}", "DATE"


# dates without a year --------------------------------------------------------------------------------------

@time_rule("md", rf"{DMOD_DAY}(?:(?:{REL}\s+)?{WD},?\s+)?(?:(?P<mrel>last|next|this\s+past|"
                 rf"this\s+coming)\s+)?{MONX}\s+{DAY}(?!\s*(?:%|percent|[-/]\d))(?:,?\s+(?P<yrel>this|last|"
                 rf"next)\s+year)?",
           needs="mon", tense=True)
def _h_md(m: re.Match, ctx: Ctx) -> Result | None:
    mo, d = month_of(m), day_of(m)
    if not mo or not d or d > 31:
        return None
    if not ctx.anchor:
        return None, "DATE"
    yrel = (grp(m, "yrel") or "").lower()
    if yrel:  # "Feb. 24 last year"
        dt = safe_date(ctx.anchor.year + {"last": -1, "next": 1}.get(yrel, 0), mo, d)
        return (ymd(dt), "DATE") if dt else None
    tense = ctx.tense
    rel = (grp(m, "mrel") or grp(m, "rel") or "").lower()
    if rel:
        if rel in ("last", "this past"):
            tense = "past"
        elif rel in ("next", "this coming"):
            tense = "future"
    dt = resolve_month_day(ctx.anchor, mo, d, tense)
    return (ymd(dt), "DATE") if dt else None


@time_rule("dm", rf"(?:{WD},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON}",
           needs="mon", tense=True)
def _h_dm(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_md(m, ctx)


@time_rule("month", rf"{DMOD}(?:{REL}\s+)?{MON}",
           needs="mon", check=is_month_alone, tense=True)
def _h_month(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "DATE"
    y, mo = resolve_month(ctx.anchor, month_of(m), grp(m, "rel"), ctx.tense)
    return ym(y, mo), "DATE"


@time_rule("weekday", rf"{DMOD_DAY}(?:{REL}\s+)?{WD}(?:\s+(?P<pod>morning|afternoon|evening|night|"
           r"overnight))?(?!\s*,?\s*(?:" + MONTH_FULL + "|" + MONTH_ABBR + r")\.?\s+\d)",
           needs="wd", check=is_weekday, tense=True)
def _h_weekday(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME" if grp(m, "pod") else "DATE"
    wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    d = resolve_weekday(ctx.anchor, wd, grp(m, "rel"), ctx.tense)
    pod = grp(m, "pod")
    if pod:
        return f"{ymd(d)}T{POD[pod.lower()]}", "TIME"
    return ymd(d), "DATE"


@time_rule("weekday_set", rf"(?:(?:every|each)\s+(?P<wd1>{WD_ALT})s?|"
                          r"(?P<wd2>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))s)"
                          r"(?:\s+(?P<pod>mornings?|afternoons?|evenings?|nights?))?",
           needs="wd", check=is_weekday)
def _h_weekday_set(m: re.Match, ctx: Ctx) -> Result | None:
    w = (grp(m, "wd1") or grp(m, "wd2") or "").lower().rstrip(".")
    n = WEEKDAYS.get(w.rstrip("s")) if w not in WEEKDAYS else WEEKDAYS[w]
    if n is None:
        return None
    pod = grp(m, "pod")
    v = f"XXXX-WXX-{n + 1}"
    if pod:
        v += "T" + POD[pod.lower().rstrip("s")]
    return v, "SET"


@time_rule("deictic", rf"{DMOD_DAY}(?:the\s+day\s+(?P<dd>before\s+yesterday|after\s+tomorrow)|"
                      r"(?P<deic>today|tonight|yesterday|tomorrow))"
                      r"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
           needs="deic")
def _h_deictic(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME" if grp(m, "pod") or (grp(m, "deic") or "").lower() == "tonight" else "DATE"
    a = ctx.anchor
    dd = grp(m, "dd")
    if dd:
        d = a + timedelta(days=-2 if dd.lower().startswith("before") else 2)
        return ymd(d), "DATE"
    w = m.group("deic").lower()
    d = a + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))
    pod = grp(m, "pod")
    if w == "tonight":
        return f"{ymd(d)}TNI", "TIME"
    if pod:
        return f"{ymd(d)}T{POD[pod.lower()]}", "TIME"
    return ymd(d), "DATE"


@time_rule("this_pod", rf"{DMOD_DAY}(?P<prel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|"
                       rf"night)",
           needs="pod")
def _h_this_pod(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME"
    r = m.group("prel").lower()
    d = ctx.anchor + timedelta(days=-1 if r in ("last", "yesterday") else 1 if r == "tomorrow" else 0)
    return f"{ymd(d)}T{POD[m.group('pod').lower()]}", "TIME"


@time_rule("clock", rf"(?:(?:around|approximately|roughly|(?:shortly|just)\s+(?:before|after))\s+)?{CLOCK}{TZ}"
           r"(?:\s+(?:in\s+the\s+(?P<cpod>morning|afternoon|evening)|at\s+night|(?P<cpod2>tonight|"
           r"this\s+morning|this\s+afternoon|this\s+evening|tomorrow|today|yesterday)))?"
           rf"(?:,?\s+(?:(?:{WD})|(?P<cdate>(?:{MONTH_FULL}|{MONTH_ABBR})\.?\s+[0-3]?\d(?:,\s+\d{{4}})?)))?",
           needs="num pod", check=is_clock, tense=True)
def _h_clock(m: re.Match, ctx: Ctx) -> Result | None:
    t = clock_value(m)
    if t is None:
        return None
    cpod = (grp(m, "cpod") or "").lower()
    if cpod in ("afternoon", "evening") and t < "T12:00":
        t = f"T{int(t[1:3]) + 12:02d}{t[3:]}"
    if not ctx.anchor and not grp(m, "cdate"):
        return None, "TIME"
    day: date | None = ctx.anchor
    if grp(m, "wd"):
        day = resolve_weekday(ctx.anchor, WEEKDAYS[m.group("wd").lower().rstrip(".")], None, ctx.tense)
    elif grp(m, "cdate"):
        from .normalise import normalise  # the date after a clock time is itself an expression

        inner = normalise(m.group("cdate"), ctx.anchor, ctx.tense)
        if inner[0] and re.fullmatch(r"\d{4}-\d\d-\d\d", inner[0]):
            day = date.fromisoformat(inner[0])
        else:
            return None, "TIME"
    else:
        c2 = (grp(m, "cpod2") or "").lower()
        if c2 == "tomorrow":
            day = ctx.anchor + timedelta(days=1)
        elif c2 == "yesterday":
            day = ctx.anchor - timedelta(days=1)
        if c2 in ("tonight", "this afternoon", "this evening") and t < "T12:00":
            t = f"T{int(t[1:3]) + 12:02d}{t[3:]}"
    return f"{ymd(day)}{t}", "TIME"


@time_rule("hour_in_the", r"(?P<hh>[1-9]|1[012]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                          r"twelve)\s+(?:in\s+the\s+(?P<p>morning|afternoon|evening)|at\s+night)",
           needs="pod")
def _h_hour_in_the(m: re.Match, ctx: Ctx) -> Result | None:
    v = m.group("hh")
    h = int(v) if v.isdigit() else SMALL.get(v.lower(), 0)
    p = (grp(m, "p") or "night").lower()
    if p in ("afternoon", "evening") or (p == "night" and h >= 6):
        h = h + 12 if h < 12 else h
    if not ctx.anchor:
        return None, "TIME"
    return f"{ymd(ctx.anchor)}T{h % 24:02d}:00", "TIME"


@time_rule("pod_alone", r"(?P<pod>midday|mid[\s-]?afternoon|mid[\s-]?morning)",
           needs="pod")
def _h_pod_alone(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME"
    p = m.group("pod").lower().replace("-", "")
    code = "MI" if p == "midday" else "AF" if "afternoon" in p else "MO"
    return f"{ymd(ctx.anchor)}T{code}", "TIME"
