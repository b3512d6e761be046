"""Temporal expressions: find them in a parsed article and normalise them against its publication date.

Values follow TimeML (TIMEX3): "2025-02-21" (day), "2025-02" (month), "2025" (year), "199" (the 1990s),
"19" (the 20th century), "2025-W08" (week), "2025-W08-WE" (weekend), "2025-SU" (season), "2025-Q1"
(quarter), "2025-H1" (half year), "FY2025" (fiscal year), "2025-02-21T15:00" and "2025-02-21TMO" (times
and parts of days), "P3Y"/"PT5H"/"PXD" (durations), "P1Y" or "XXXX-WXX-5" (sets), and "PAST_REF",
"PRESENT_REF", "FUTURE_REF".

Detection is a grammar of regular expressions over the text of the spaCy doc (rules for how English
writes dates and times), checked against the parse where a word is ambiguous ("May" the modal, years
against counts, bare month names) and completed by spaCy's own DATE/TIME entities where those normalise.
Overlapping candidates are settled longest first. Normalisation is relative to the anchor (the
publication date); weekdays, month names and quarters without a year look backwards or forwards
according to the tense of the governing verb. Anaphoric expressions ("the next day", "that year",
"two days later") count from the last date the article mentioned. Without an anchor every
anchor-relative value is None: nothing is invented.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.attrs import IDX

from dragoman.model import TimeExpr

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["tag_times", "normalise"]

# -- vocabulary ---------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_UNITS = {
    "second": "S", "seconds": "S", "minute": "M", "minutes": "M", "hour": "H", "hours": "H", "day": "D",
    "days": "D", "week": "W", "weeks": "W", "fortnight": "F", "fortnights": "F", "month": "M",
    "months": "M", "year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE",
    "centuries": "CE", "millennium": "ML", "millennia": "ML", "weekend": "WE", "weekends": "WE",
    "quarter": "Q", "quarters": "Q",
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
        "midday": "MI", "noon": "MI", "daytime": "DT", "tonight": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_PAST_WORDS = {"last", "past", "previous", "prior", "preceding", "this past", "recent"}
_NEXT_WORDS = {"next", "coming", "following", "upcoming", "this coming", "ensuing", "subsequent"}
_THIS_WORDS = {"this", "current", "present", "same"}

# -- pattern fragments --------------------------------------------------------------------------------------

_NUMW_ALT = "|".join(sorted(list(_SMALL) + list(_TENS) + ["hundred", "thousand", "dozen"], key=len,
                            reverse=True))
_ORDW_ALT = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_NUMWORDS = rf"(?:(?:{_NUMW_ALT})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMW_ALT}))*)"
_NUMDIG = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+1/2|\s*½)?"
_NUM = (rf"(?:(?:{_NUMDIG}|{_NUMWORDS}|a|an)\s+and\s+a\s+half|{_NUMDIG}|{_NUMWORDS}|a\s+couple\s+of|"
        r"a\s+couple|a\s+few|a\s+dozen|a\s+hundred|a\s+thousand|a\s+half|half\s+an?|half|a\s+number\s+of|"
        r"dozens\s+of|several|few|many|a|an)")
_UNIT_ALT = (r"seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|"
             r"millenni(?:um|a)")
_UNIT = rf"(?P<unit>{_UNIT_ALT})"
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MON = rf"(?P<mon>(?:{_MONTH_FULL})(?![\w-])|(?:{_MONTH_ABBR})\.)"
_MONX = rf"(?P<mon>(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})\.?)"  # only before a day number
_WD_ALT = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])|(?:Mon|Tues?|Wed|"
           r"Thu(?:rs?)?|Fri|Sat|Sun)\.")
_WD = rf"(?P<wd>{_WD_ALT})"
_DAY = (rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)(?!%)|(?P<dayw>{_ORDW_ALT}|"
        r"twenty[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[\s-]first))")
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d%])(?!,\d)"
_SPOKEN_YEAR = (r"(?P<syear>(?:nineteen|eighteen)[\s-]+(?:hundred|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|"
                r"eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)|"
                r"two\s+thousand(?:(?:\s+and)?[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?|"
                r"twenty[\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                r"nineteen|twenty(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?))")
_ANYYEAR = rf"(?:{_YEAR}|{_SPOKEN_YEAR})"
_REL = (r"(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming|previous|prior|preceding|following|"
        r"upcoming|current|present|same|ensuing|subsequent)")
_TZ = (r"(?:\s*\(?(?:\d{3,4}\s+)?(?:(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST|HKT|SGT|AEST|"
       r"AEDT|[A-Z][a-z]+\s+time)|local\s+time)\)?)?")
_CLOCK = (r"(?P<clock>(?P<hh>[012]?\d)(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|"
          r"A\.M\.?|P\.M\.?|AM\b|PM\b)|(?P<hh2>[012]?\d):(?P<mm2>[0-5]\d)(?!\d)|(?P<noon>noon|midnight|"
          r"midday)|(?P<hh3>[012]?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
          r"twelve)\s+o'clock)")
# modifiers TimeML keeps inside the expression
_DMOD_CORE = (r"early|late|mid|pre|post|the\s+(?:end|beginning|start|middle|turn|close|"
              r"rest)\s+of(?:\s+the)?|the\s+(?:first|second|latter|last)\s+half\s+of(?:\s+the)?|late\s+in|"
              r"early\s+in|the\s+(?:first|second|third|fourth|last|final)\s+(?:week|weekend|days?)\s+of")
_DMOD = rf"(?:(?P<dmod>{_DMOD_CORE}|earlier|later)[\s-]+)?"
# before days and weeks, "earlier"/"later" stay outside the expression ("earlier Friday", "later this week")
_DMOD_DAY = rf"(?:(?P<dmod>{_DMOD_CORE})[\s-]+)?"
_QMOD = (rf"(?:(?P<qmod>around|approximately|roughly|nearly|almost|"
         rf"(?:over|under)(?=\s+(?:an?\s|\d|{_NUMW_ALT}))|"
         r"more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|"
         r"at\s+least|at\s+most|up\s+to|well\s+over|well\s+under|little\s+more\s+than|a\s+little\s+(?:more|"
         r"less)\s+than|the\s+better\s+part\s+of|upwards\s+of|close\s+to|a\s+full|an\s+additional|"
         r"a\s+further)\s+)?")


# -- small date helpers -------------------------------------------------------------------------------------


def _ymd(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _easter(year: int) -> date:
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


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (n >= 1) or last (n = -1) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "christmas eve": lambda y: date(y, 12, 24), "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25), "boxing day": lambda y: date(y, 12, 26),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "independence day": lambda y: date(y, 7, 4), "the fourth of july": lambda y: date(y, 7, 4),
    "july fourth": lambda y: date(y, 7, 4), "veterans day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11), "bastille day": lambda y: date(y, 7, 14),
    "may day": lambda y: date(y, 5, 1), "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter sunday": _easter, "easter": _easter, "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "good friday": lambda y: _easter(y) - timedelta(days=2),
}
_HOLIDAY_ALT = "|".join(re.escape(h).replace("'", "['’]?").replace(r"\ ", r"\s+")
                        for h in sorted(_HOLIDAYS, key=len, reverse=True))


# -- numbers ------------------------------------------------------------------------------------------------


def _words_to_number(s: str) -> float | None:
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", s.lower()):
        if w in ("and", ""):
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w == "dozen":
            current = (current or 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(s: str) -> float | None:
    """A cardinal written in digits or words; None for vague quantities ("several", "a few")."""
    t = " ".join(s.lower().replace(",", "").split())
    half = 0.0
    for suffix in (" and a half", " 1/2", "½"):
        if t.endswith(suffix):
            t = t[: -len(suffix)].strip()
            half = 0.5
    if t in ("a", "an", "one", "a single"):
        return 1 + half
    if t in ("half", "half a", "half an", "a half"):
        return 0.5
    if t in ("a hundred", "a thousand"):
        return (100 if t.endswith("hundred") else 1000) + half
    if t in ("a couple of", "a couple"):
        return 2 + half
    if t == "a dozen":
        return 12 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    n = _words_to_number(t)
    return None if n is None else n + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """A TimeML duration: P3Y, PT5H, P2Y6M, PXD..."""
    code = _UNITS.get(unit.lower(), unit)
    time_unit = code in ("H", "S") or (code == "M" and unit.lower().startswith("min"))
    if n is None:
        if code == "DE":
            return "PXY"
        if code == "CE":
            return "PXC"
        if code == "F":
            return "PXW"
        return ("PTX" if time_unit else "PX") + code
    if code == "DE":
        n, code = n * 10, "Y"
    elif code == "CE":
        n, code = n * 100, "Y"
    elif code == "ML":
        n, code = n * 1000, "Y"
    elif code == "F":
        n, code = n * 2, "W"
    elif code == "WE":
        n, code = n * 2, "D"
    elif code == "Q":
        n, code = n * 3, "M"
    if n != int(n):  # fractions go one unit down
        whole = int(n)
        frac = n - whole
        down = {"Y": (12, "M"), "M": (30, "D") if not time_unit else (60, "S"), "W": (7, "D"), "D": (24, "H"),
                "H": (60, "M")}.get(code)
        if down:
            sub = frac * down[0]
            sub_s = _fmt_num(round(sub, 2))
            if code == "D":
                return f"P{whole}DT{sub_s}H" if whole else f"PT{sub_s}H"
            if time_unit or code == "D":
                head = f"{whole}{code}" if whole else ""
                return f"PT{head}{sub_s}{down[1]}"
            head = f"{whole}{code}" if whole else ""
            return f"P{head}{sub_s}{down[1]}"
    return ("PT" if time_unit else "P") + _fmt_num(n) + code


# -- the grammar --------------------------------------------------------------------------------------------


@dataclass
class Ctx:
    anchor: date | None
    tense: str | None
    ref: date | None  # the last day the text mentioned (for "the next day", "that morning")
    coarse: tuple[date, str] | None = None  # the last date of any precision ("that year", "a year earlier")

    def base(self, unit: str) -> tuple[date, str] | None:
        """The reference an anaphoric expression counts from, for a unit of 'day', 'month', 'year'..."""
        if unit in ("year", "quarter", "month") and self.coarse:
            return self.coarse
        if self.ref:
            return self.ref, "day"
        return (self.anchor, "day") if self.anchor else None


Result = tuple[str | None, str]  # (value, type)
Handler = Callable[[re.Match, Ctx], Result | None]


@dataclass
class Rule:
    name: str
    regex: re.Pattern
    handler: Handler
    check: str = ""  # which ambiguity checks the parse must pass: "year", "month", "plural", ...
    needs: frozenset[str] = frozenset()  # trigger words, one of which must be near for the rule to run


_RULES: list[Rule] = []

# Trigger words: the rules only run on windows of text around one of these (speed: most of an article holds
# none). Each rule names the kinds of trigger it needs.
_TRIGGER_KINDS: dict[str, str] = {}
for _kind, _words in {
    "mon": "january february march april may june july august september october november december jan feb "
           "mar apr jun jul aug sep sept oct nov dec",
    "wd": "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays "
          "fridays saturdays sundays mon tue tues wed thu thur thurs fri sat sun",
    "set": "annually yearly daily weekly monthly hourly quarterly nightly biweekly bimonthly semiannually "
           "biannually fortnightly every each per",
    "deic": "today tonight yesterday tomorrow",
    "unit": "second seconds minute minutes hour hours day days week weeks fortnight fortnights month "
            "months year years decade decades century centuries millennium millennia weekend weekends",
    "ref": "now current currently recent recently lately past future someday nowadays present moment "
           "juncture",
    "season": "spring summer fall autumn winter springs summers falls autumns winters",
    "pod": "morning afternoon evening night overnight noon midnight midday clock mornings afternoons "
           "evenings nights",
    "quarter": "quarter half period",
    "holiday": "christmas easter thanksgiving valentine valentines halloween independence veterans "
               "armistice bastille labor memorial luther presidents election boxing",
    "spoken": "nineteen eighteen thousand twenty",
    "decade": "twenties thirties forties fifties sixties seventies eighties nineties",
}.items():
    for _w in _words.split():
        _TRIGGER_KINDS.setdefault(_w, _kind)
_WORD = re.compile(r"[A-Za-z]+|\d+")
_BEFORE, _AFTER = 50, 40  # characters of context a rule may need on either side of a trigger


def _rule(name: str, pattern: str, check: str = "", needs: str = "") -> Callable[[Handler], Handler]:
    # no expression starts inside a word or a number; one may end before a possessive "'s"
    compiled = re.compile(r"(?<![\w'’$#/.-])(?:" + pattern + r")(?=['’]s\b|[^\w'’]|['’](?!\w)|$)",
                          re.I)

    def deco(fn: Handler) -> Handler:
        _RULES.append(Rule(name, compiled, fn, check, frozenset(needs.split())))
        return fn
    return deco


def _g(m: re.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _direction(rel: str | None, tense: str | None) -> int:
    """-1 backwards, +1 forwards, 0 the current one / the nearest."""
    if rel:
        r = " ".join(rel.lower().split())
        if r in _PAST_WORDS:
            return -1
        if r in _NEXT_WORDS:
            return 1
        if r in _THIS_WORDS:
            return 0
    if tense == "past":
        return -1
    if tense == "future":
        return 1
    return 0


def _year_of(m: re.Match) -> int | None:
    y = _g(m, "year")
    if y:
        return int(y)
    sy = _g(m, "syear")
    if sy:
        words = re.split(r"[\s-]+", sy.lower())
        if words[0] == "two" and len(words) > 1 and words[1] == "thousand":
            rest = [w for w in words[2:] if w != "and"]
            return 2000 + int(_words_to_number(" ".join(rest)) or 0) if rest else 2000
        head = _SMALL.get(words[0]) or _TENS.get(words[0])
        rest = [w for w in words[1:] if w != "and"]
        if rest == ["hundred"]:
            return head * 100
        tail = _words_to_number(" ".join(rest))
        if head is None or tail is None:
            return None
        return head * 100 + int(tail)
    return None


def _day_of(m: re.Match) -> int | None:
    d = _g(m, "day")
    if d:
        return int(d)
    dw = _g(m, "dayw")
    if dw:
        words = re.split(r"[\s-]+", dw.lower())
        if len(words) == 2:
            return _TENS.get(words[0], 0) + _ORDINALS.get(words[1], 0)
        return _ORDINALS.get(words[0])
    return None


def _month_of(m: re.Match) -> int | None:
    mon = _g(m, "mon")
    return MONTHS.get(mon.lower().rstrip(".")) if mon else None


def resolve_weekday(anchor: date, wd: int, rel: str | None, tense: str | None) -> date:
    """The date a weekday name refers to, seen from anchor."""
    r = " ".join(rel.lower().split()) if rel else None
    delta = (wd - anchor.weekday()) % 7  # days forward to the next such weekday (0 = today)
    if r in _PAST_WORDS or r == "last":
        return anchor - timedelta(days=(7 - delta) % 7 or 7)
    if r in _NEXT_WORDS or r == "next":
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
    r = " ".join(rel.lower().split()) if rel else None
    y = anchor.year
    if r in _THIS_WORDS:
        return y, month
    if r in _PAST_WORDS:
        return (y, month) if month < anchor.month else (y - 1, month)
    if r in _NEXT_WORDS:
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
    cands = [d for d in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d]
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


def _season_year(anchor: date, season: str, rel: str | None, tense: str | None) -> int:
    cur = ["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"][anchor.month - 1]
    order = ["WI", "SP", "SU", "FA"]
    y = anchor.year
    d = _direction(rel, tense)
    r = " ".join(rel.lower().split()) if rel else None
    if r in _THIS_WORDS or (d == 0):
        return y
    if season == cur:
        return y + d
    before = order.index(season) < order.index(cur)
    if d < 0:
        return y if before else y - 1
    return y + 1 if before else y


def _clock_value(m: re.Match) -> str | None:
    """'T15:00' / 'T12:00' from the clock groups."""
    if _g(m, "noon"):
        w = m.group("noon").lower()
        return "T24:00" if w == "midnight" else "T12:00"
    hh = _g(m, "hh")
    mm = _g(m, "mm")
    if hh is not None:
        h = int(hh)
        ampm = m.group("ampm").lower().replace(".", "").replace(" ", "")
        if h > 12 or h == 0:
            return None
        if ampm == "pm" and h != 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        return f"T{h:02d}:{int(mm or 0):02d}"
    if _g(m, "hh2") is not None:
        h = int(m.group("hh2"))
        if h > 24:
            return None
        return f"T{h:02d}:{int(m.group('mm2')):02d}"
    if _g(m, "hh3") is not None:
        v = m.group("hh3")
        h = int(v) if v.isdigit() else int(_SMALL.get(v.lower(), 0) or _words_to_number(v) or 0)
        if not 1 <= h <= 12:
            return None
        return f"T{h:02d}:00"
    return None


# dates with a year -----------------------------------------------------------------------------------------

@_rule("mdy", rf"(?:{_WD},?\s+)?{_MONX}\s+{_DAY},?\s+{_ANYYEAR}(?!\d)", "month")
def _h_mdy(m: re.Match, ctx: Ctx) -> Result | None:
    y, mo, d = _year_of(m), _month_of(m), _day_of(m)
    dt = _safe_date(y, mo, d) if y and mo and d else None
    return (_ymd(dt), "DATE") if dt else None


@_rule("dmy", rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONX},?\s+{_ANYYEAR}(?!\d)", "month")
def _h_dmy(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_mdy(m, ctx)


@_rule("iso", r"(?P<year>(?:1[0-9]|"
              r"20)\d\d)-(?P<mo>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[012]\d):(?P<mm>[0-5]\d))?")
def _h_iso(m: re.Match, ctx: Ctx) -> Result | None:
    dt = _safe_date(int(m.group("year")), int(m.group("mo")), int(m.group("day")))
    if not dt:
        return None
    if m.group("hh"):
        return f"{_ymd(dt)}T{m.group('hh')}:{m.group('mm')}", "TIME"
    return _ymd(dt), "DATE"


@_rule("numeric", r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d)(?P=sep)(?P<year>(?:1[0-9]|20)\d\d|"
                  r"\d\d)(?![\d.]\d)")
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
    dt = _safe_date(year, month, day)
    return (_ymd(dt), "DATE") if dt else None


@_rule("month_year", rf"{_DMOD}{_MON}(?:,?\s+|\s+of\s+){_ANYYEAR}(?!\d)", "month")
def _h_month_year(m: re.Match, ctx: Ctx) -> Result | None:
    y, mo = _year_of(m), _month_of(m)
    return (_ym(y, mo), "DATE") if y and mo else None


@_rule("month_relyear", rf"{_DMOD}{_MON}(?:\s+of)?\s+(?P<yrel>this|last|next|the\s+previous|"
                        rf"the\s+following)\s+year",
       "month")
def _h_month_relyear(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    r = m.group("yrel").lower()
    y = a.year + (-1 if r in ("last", "the previous") else 1 if r in ("next", "the following") else 0)
    return _ym(y, _month_of(m)), "DATE"


@_rule("year", rf"{_DMOD}(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*|the\s+(?:calendar\s+)?year\s+|"
               rf"calendar\s+)?{_YEAR}(?!\d)",
       "year")
def _h_year(m: re.Match, ctx: Ctx) -> Result | None:
    y = int(m.group("year"))
    if _g(m, "fy"):
        return f"FY{y}", "DATE"
    return str(y), "DATE"


@_rule("spoken_year", rf"{_DMOD}(?:(?:the\s+)?year\s+)?{_SPOKEN_YEAR}", "spoken_year")
def _h_spoken_year(m: re.Match, ctx: Ctx) -> Result | None:
    y = _year_of(m)
    return (str(y), "DATE") if y else None


@_rule("decade", rf"(?:the\s+)?{_DMOD}(?:(?P<dec>(?:1[0-9]|20)\d0)['’]?s|['’](?P<dec2>\d0)s|"
                 rf"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
       "decade")
def _h_decade(m: re.Match, ctx: Ctx) -> Result | None:
    if _g(m, "dec"):
        return m.group("dec")[:3], "DATE"
    if _g(m, "dec2"):
        d = int(m.group("dec2"))
        century = 19 if d >= 30 or not ctx.anchor or ctx.anchor.year < 2000 + d else 20
        return f"{century}{d // 10}", "DATE"
    return f"19{_DECADE_WORDS[m.group('decw').lower()]}", "DATE"


@_rule("century", rf"(?:the\s+)?{_DMOD}(?:(?P<cord>{_ORDW_ALT}|\d{{1,2}}(?:st|nd|rd|th))|(?P<crel>this|last|"
       r"next|past|previous|current|coming))[\s-]+century")
def _h_century(m: re.Match, ctx: Ctx) -> Result | None:
    o = _g(m, "cord")
    if o:
        n = _ORDINALS.get(o.lower()) or int(re.sub(r"\D", "", o) or 0)
        return (f"{n - 1:02d}", "DATE") if n else None
    if not ctx.anchor:
        return None, "DATE"
    c = ctx.anchor.year // 100 + _direction(m.group("crel"), None)
    return f"{c:02d}", "DATE"


# dates without a year --------------------------------------------------------------------------------------

@_rule("md", rf"{_DMOD_DAY}(?:(?:{_REL}\s+)?{_WD},?\s+)?(?:(?P<mrel>last|next|this\s+past|"
             rf"this\s+coming)\s+)?{_MONX}\s+{_DAY}(?!\s*(?:%|percent|[-/]\d))(?:,?\s+(?P<yrel>this|last|"
             rf"next)\s+year)?", "month")
def _h_md(m: re.Match, ctx: Ctx) -> Result | None:
    mo, d = _month_of(m), _day_of(m)
    if not mo or not d or d > 31:
        return None
    if not ctx.anchor:
        return None, "DATE"
    yrel = (_g(m, "yrel") or "").lower()
    if yrel:  # "Feb. 24 last year"
        dt = _safe_date(ctx.anchor.year + {"last": -1, "next": 1}.get(yrel, 0), mo, d)
        return (_ymd(dt), "DATE") if dt else None
    tense = ctx.tense
    rel = (_g(m, "mrel") or _g(m, "rel") or "").lower()
    if rel:
        if rel in ("last", "this past"):
            tense = "past"
        elif rel in ("next", "this coming"):
            tense = "future"
    dt = resolve_month_day(ctx.anchor, mo, d, tense)
    return (_ymd(dt), "DATE") if dt else None


@_rule("dm", rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}", "month")
def _h_dm(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_md(m, ctx)


@_rule("month", rf"{_DMOD}(?:{_REL}\s+)?{_MON}", "month_alone")
def _h_month(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "DATE"
    y, mo = resolve_month(ctx.anchor, _month_of(m), _g(m, "rel"), ctx.tense)
    return _ym(y, mo), "DATE"


@_rule("weekday", rf"{_DMOD_DAY}(?:{_REL}\s+)?{_WD}(?:\s+(?P<pod>morning|afternoon|evening|night|"
       r"overnight))?(?!\s*,?\s*(?:" + _MONTH_FULL + "|" + _MONTH_ABBR + r")\.?\s+\d)", "weekday")
def _h_weekday(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME" if _g(m, "pod") else "DATE"
    wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    d = resolve_weekday(ctx.anchor, wd, _g(m, "rel"), ctx.tense)
    pod = _g(m, "pod")
    if pod:
        return f"{_ymd(d)}T{_POD[pod.lower()]}", "TIME"
    return _ymd(d), "DATE"


@_rule("weekday_set", rf"(?:(?:every|each)\s+(?P<wd1>{_WD_ALT})s?|"
                      r"(?P<wd2>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))s)"
                      r"(?:\s+(?P<pod>mornings?|afternoons?|evenings?|nights?))?", "weekday")
def _h_weekday_set(m: re.Match, ctx: Ctx) -> Result | None:
    w = (_g(m, "wd1") or _g(m, "wd2") or "").lower().rstrip(".")
    n = WEEKDAYS.get(w.rstrip("s")) if w not in WEEKDAYS else WEEKDAYS[w]
    if n is None:
        return None
    pod = _g(m, "pod")
    v = f"XXXX-WXX-{n + 1}"
    if pod:
        v += "T" + _POD[pod.lower().rstrip("s")]
    return v, "SET"


@_rule("deictic", rf"{_DMOD_DAY}(?:the\s+day\s+(?P<dd>before\s+yesterday|after\s+tomorrow)|"
                  r"(?P<deic>today|tonight|yesterday|tomorrow))"
                  r"(?:\s+(?P<pod>morning|afternoon|evening|night))?")
def _h_deictic(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME" if _g(m, "pod") or (_g(m, "deic") or "").lower() == "tonight" else "DATE"
    a = ctx.anchor
    dd = _g(m, "dd")
    if dd:
        d = a + timedelta(days=-2 if dd.lower().startswith("before") else 2)
        return _ymd(d), "DATE"
    w = m.group("deic").lower()
    d = a + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))
    pod = _g(m, "pod")
    if w == "tonight":
        return f"{_ymd(d)}TNI", "TIME"
    if pod:
        return f"{_ymd(d)}T{_POD[pod.lower()]}", "TIME"
    return _ymd(d), "DATE"


@_rule("this_pod", rf"{_DMOD_DAY}(?P<prel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|"
                   rf"night)")
def _h_this_pod(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME"
    r = m.group("prel").lower()
    d = ctx.anchor + timedelta(days=-1 if r in ("last", "yesterday") else 1 if r == "tomorrow" else 0)
    return f"{_ymd(d)}T{_POD[m.group('pod').lower()]}", "TIME"


@_rule("clock", rf"(?:(?:around|approximately|roughly|(?:shortly|just)\s+(?:before|after))\s+)?{_CLOCK}{_TZ}"
       r"(?:\s+(?:in\s+the\s+(?P<cpod>morning|afternoon|evening)|at\s+night|(?P<cpod2>tonight|"
       r"this\s+morning|this\s+afternoon|this\s+evening|tomorrow|today|yesterday)))?"
       rf"(?:,?\s+(?:(?:{_WD})|(?P<cdate>(?:{_MONTH_FULL}|{_MONTH_ABBR})\.?\s+[0-3]?\d(?:,\s+\d{{4}})?)))?",
       "clock")
def _h_clock(m: re.Match, ctx: Ctx) -> Result | None:
    t = _clock_value(m)
    if t is None:
        return None
    cpod = (_g(m, "cpod") or "").lower()
    if cpod in ("afternoon", "evening") and t < "T12:00":
        t = f"T{int(t[1:3]) + 12:02d}{t[3:]}"
    if not ctx.anchor and not _g(m, "cdate"):
        return None, "TIME"
    day: date | None = ctx.anchor
    if _g(m, "wd"):
        day = resolve_weekday(ctx.anchor, WEEKDAYS[m.group("wd").lower().rstrip(".")], None, ctx.tense)
    elif _g(m, "cdate"):
        inner = normalise(m.group("cdate"), ctx.anchor, ctx.tense)
        if inner[0] and re.fullmatch(r"\d{4}-\d\d-\d\d", inner[0]):
            day = date.fromisoformat(inner[0])
        else:
            return None, "TIME"
    else:
        c2 = (_g(m, "cpod2") or "").lower()
        if c2 == "tomorrow":
            day = ctx.anchor + timedelta(days=1)
        elif c2 == "yesterday":
            day = ctx.anchor - timedelta(days=1)
        if c2 in ("tonight", "this afternoon", "this evening") and t < "T12:00":
            t = f"T{int(t[1:3]) + 12:02d}{t[3:]}"
    return f"{_ymd(day)}{t}", "TIME"


@_rule("hour_in_the", r"(?P<hh>[1-9]|1[012]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                      r"twelve)\s+(?:in\s+the\s+(?P<p>morning|afternoon|evening)|at\s+night)")
def _h_hour_in_the(m: re.Match, ctx: Ctx) -> Result | None:
    v = m.group("hh")
    h = int(v) if v.isdigit() else _SMALL.get(v.lower(), 0)
    p = (_g(m, "p") or "night").lower()
    if p in ("afternoon", "evening") or (p == "night" and h >= 6):
        h = h + 12 if h < 12 else h
    if not ctx.anchor:
        return None, "TIME"
    return f"{_ymd(ctx.anchor)}T{h % 24:02d}:00", "TIME"


@_rule("pod_alone", r"(?P<pod>midday|mid[\s-]?afternoon|mid[\s-]?morning)")
def _h_pod_alone(m: re.Match, ctx: Ctx) -> Result | None:
    if not ctx.anchor:
        return None, "TIME"
    p = m.group("pod").lower().replace("-", "")
    code = "MI" if p == "midday" else "AF" if "afternoon" in p else "MO"
    return f"{_ymd(ctx.anchor)}T{code}", "TIME"


# relative calendar units -----------------------------------------------------------------------------------

@_rule("rel_unit", rf"{_DMOD_DAY}(?:the\s+)?{_REL}\s+(?P<ru>week|month|year|quarter|decade|century|weekend|"
       r"spring|summer|fall|autumn|winter|fiscal\s+year|half)")
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
    k = -1 if rel in _PAST_WORDS else 1 if rel in _NEXT_WORDS or rel == "next" else 0
    if unit == "week":
        return _week(base + timedelta(weeks=k)), "DATE"
    if unit == "weekend":
        d = base + timedelta(weeks=k)
        if k == 0 and base.weekday() < 3 and ctx.tense == "past":
            d = base - timedelta(weeks=1)
        return _week(d) + "-WE", "DATE"
    if unit == "month":
        return _ym(*_add_months(base.year, base.month, k)), "DATE"
    if unit in ("year", "fiscal year"):
        return (f"FY{base.year + k}" if unit.startswith("fiscal") else str(base.year + k)), "DATE"
    if unit == "quarter":
        q = base.year * 4 + _quarter(base) - 1 + k
        return f"{q // 4}-Q{q % 4 + 1}", "DATE"
    if unit == "half":
        h = base.year * 2 + (base.month > 6) + k
        return f"{h // 2}-H{h % 2 + 1}", "DATE"
    if unit == "decade":
        return str(base.year // 10 + k), "DATE"
    if unit == "century":
        return f"{base.year // 100 + k:02d}", "DATE"
    season = _SEASONS[unit]
    return f"{_season_year(base, season, rel, ctx.tense)}-{season}", "DATE"


@_rule("season", rf"{_DMOD}(?:the\s+)?(?P<season>spring|summer|fall|autumn|"
                 rf"winter)(?:\s+(?:of\s+)?{_ANYYEAR})?",
       "season")
def _h_season(m: re.Match, ctx: Ctx) -> Result | None:
    s = _SEASONS[m.group("season").lower()]
    y = _year_of(m)
    if y:
        return f"{y}-{s}", "DATE"
    if not ctx.anchor:
        return None, "DATE"
    return f"{_season_year(ctx.anchor, s, None, ctx.tense)}-{s}", "DATE"


@_rule("quarter", r"(?:the\s+)?(?:(?P<qfy>fiscal|calendar)\s+)?(?P<qord>first|second|third|fourth|1st|2nd|"
                  r"3rd|4th|final|last|latest|current|previous|past|recent|most\s+recent|next|coming|"
                  r"year-earlier|year-ago|comparable|same|year\s+earlier|year\s+ago|prior-year|prior\s+year|"
                  r"fiscal)[\s-]+(?:fiscal\s+)?(?P<qh>quarter|half|period)(?!-\w)"
       rf"(?:\s+(?:of|in|for)\s+(?:(?P<qfy2>fiscal)\s+)?(?:{_YEAR}|(?P<qyrel>this|last|next|the\s+current|"
       r"the\s+previous|the\s+past)\s+(?:fiscal\s+)?year))?", "quarter")
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
    fy = "FY" if (_g(m, "qfy") or "").lower() == "fiscal" or _g(m, "qfy2") or o == "fiscal" else ""
    year = int(m.group("year")) if _g(m, "year") else None
    a = ctx.anchor
    if year is None:
        yrel = (_g(m, "qyrel") or "").lower()
        if not a:
            return None, "DATE"
        if yrel:
            year = a.year + {"last": -1, "the previous": -1, "the past": -1, "next": 1}.get(yrel, 0)
    per = 4 if qh == "quarter" else 2
    if n is None and year is not None and o in ("last", "final"):
        n = per  # "the last quarter of 1989"
    cur = _quarter(a) if (a and qh == "quarter") else ((a.month > 6) + 1 if a else 1)
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


@_rule("year_quarter", rf"{_YEAR}['’]s\s+(?P<qord>first|second|third|fourth)[\s-]+(?P<qh>quarter|half)")
def _h_year_quarter(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_quarter(m, ctx)


@_rule("quarter_adj", r"(?P<qord>first|second|third|fourth)-(?P<qh>quarter|half)(?=[\s-])")
def _h_quarter_adj(m: re.Match, ctx: Ctx) -> Result | None:
    return _h_quarter(m, ctx)


@_rule("the_quarter", r"the\s+quarter(?!\s+(?:of\s+(?:a|an|the|its|his|her|their|\d)|century|percent|point|"
                      r"mile|hour|inch|pound|cent))", "the_quarter")
def _h_the_quarter(m: re.Match, ctx: Ctx) -> Result | None:
    """ "In the quarter": the latest quarter reported on (the current one when the verb looks ahead)."""
    a = ctx.anchor
    if not a:
        return None, "DATE"
    t = a.year * 4 + _quarter(a) - 1 + (0 if ctx.tense == "future" else -1)
    return f"{t // 4}-Q{t % 4 + 1}", "DATE"


@_rule("holiday", rf"{_DMOD}(?:(?P<hrel>last|next|this)\s+)?(?P<hol>{_HOLIDAY_ALT})(?:\s+(?P<hweek>week|"
                  rf"weekend))?(?:,?\s+{_YEAR})?", "holiday")
def _h_holiday(m: re.Match, ctx: Ctx) -> Result | None:
    key = re.sub(r"\s+", " ", m.group("hol").lower().replace("’", "'"))
    if key not in _HOLIDAYS:
        key = key.replace("new years", "new year's").replace("valentines", "valentine's")
    fn = _HOLIDAYS.get(key)
    if fn is None:
        return None
    if _g(m, "year"):
        d = fn(int(m.group("year")))
    elif not ctx.anchor:
        return None, "DATE"
    else:
        a = ctx.anchor
        cands = [fn(a.year - 1), fn(a.year), fn(a.year + 1)]
        direction = _direction(_g(m, "hrel"), ctx.tense)
        if direction < 0:
            d = max(c for c in cands if c <= a)
        elif direction > 0:
            d = min(c for c in cands if c >= a)
        else:
            d = min(cands, key=lambda c: abs((c - a).days))
    if _g(m, "hweek"):
        return _week(d) + ("-WE" if m.group("hweek").lower() == "weekend" else ""), "DATE"
    return _ymd(d), "DATE"


@_rule("weekend", rf"{_DMOD}the\s+weekend")
def _h_weekend(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    if a.weekday() >= 5:
        return _week(a) + "-WE", "DATE"
    if ctx.tense == "future" or (ctx.tense is None and a.weekday() >= 3):
        return _week(a) + "-WE", "DATE"
    return _week(a - timedelta(weeks=1)) + "-WE", "DATE"


@_rule("end_of_unit", r"(?P<dmod>the\s+(?:end|beginning|start|middle|turn|close|"
                      r"rest)\s+of)\s+the\s+(?P<u>week|month|year|quarter|decade|century)")
def _h_end_of_unit(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    u = m.group("u").lower()
    if u == "week":
        return _week(a), "DATE"
    if u == "month":
        return _ym(a.year, a.month), "DATE"
    if u == "year":
        return str(a.year), "DATE"
    if u == "quarter":
        return f"{a.year}-Q{_quarter(a)}", "DATE"
    if u == "decade":
        return str(a.year // 10), "DATE"
    return f"{a.year // 100:02d}", "DATE"


@_rule("week_of", rf"the\s+week\s+of\s+{_MONX}\s+{_DAY}(?:,?\s+{_YEAR})?", "month")
def _h_week_of(m: re.Match, ctx: Ctx) -> Result | None:
    mo, d = _month_of(m), _day_of(m)
    if not mo or not d:
        return None
    if _g(m, "year"):
        dt = _safe_date(int(m.group("year")), mo, d)
    elif ctx.anchor:
        dt = resolve_month_day(ctx.anchor, mo, d, ctx.tense)
    else:
        return None, "DATE"
    return (_week(dt), "DATE") if dt else None


# anchored offsets ------------------------------------------------------------------------------------------

def _shift(base: date, n: float, unit: str, sign: int) -> tuple[str, str] | None:
    code = _UNITS.get(unit.lower())
    k = int(round(n)) * sign
    if code in ("Y", "DE", "CE"):
        mult = {"Y": 1, "DE": 10, "CE": 100}[code]
        return str(base.year + k * mult), "year"
    if code == "M":
        if unit.lower().startswith("min"):
            return _ymd(base), "day"
        return _ym(*_add_months(base.year, base.month, k)), "month"
    if code in ("W", "F", "WE"):
        return _week(base + timedelta(weeks=k * (2 if code == "F" else 1))), "week"
    if code == "D":
        return _ymd(base + timedelta(days=k)), "day"
    if code == "Q":
        q = base.year * 4 + _quarter(base) - 1 + k
        return f"{q // 4}-Q{q % 4 + 1}", "quarter"
    if code in ("H", "S"):
        return _ymd(base), "day"
    return None


@_rule("ago", rf"{_QMOD}(?P<num>{_NUM})\s+(?:(?:more|full|long)\s+)?{_UNIT}(?:\s+or\s+so)?\s+"
       r"(?P<dir>ago|from\s+now|hence|earlier|later|previously|afterwards?|(?:before|after|"
       r"since)(?!\s+[\w$]))")
def _h_ago(m: re.Match, ctx: Ctx) -> Result | None:
    direction = m.group("dir").lower().split()[0]
    n = parse_number(m.group("num"))
    anaphoric = direction not in ("ago", "from", "hence")
    if direction == "since":
        return None
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "DATE"
    unit = m.group("unit").lower()
    code = _UNITS.get(unit, "")
    if anaphoric:
        b = ctx.base("year" if code in ("Y", "DE", "CE") else "month" if unit.startswith("month") else "day")
        if b is None:
            return None, "DATE"
        base, prec = b
        if prec == "quarter" and code == "Y":  # "a year earlier" after "the third quarter"
            q = base.year * 4 + _quarter(base) - 1 + sign * 4 * int(round(n))
            return f"{q // 4}-Q{q % 4 + 1}", "DATE"
    else:
        base = ctx.anchor
        if base is None:
            return None, "DATE"
    r = _shift(base, n, unit, sign)
    return (r[0], "DATE") if r else None


@_rule("year_earlier", r"(?:a\s+)?year[-\s](?:earlier|ago)(?=\s+[a-z])", "year_earlier")
def _h_year_earlier(m: re.Match, ctx: Ctx) -> Result | None:
    """The adjective "year-earlier"/"year-ago" ("year-earlier sales"): the same period a year before."""
    b = ctx.base("year")
    if b is None:
        return None, "DATE"
    base, prec = b
    if prec == "quarter":
        return f"{base.year - 1}-Q{_quarter(base)}", "DATE"
    return str(base.year - 1), "DATE"


@_rule("anaphor", rf"{_DMOD}(?:(?P<aw>that|the\s+same|that\s+same|the\s+very\s+same)\s+"
                  r"(?P<au>day|week|month|year|morning|afternoon|evening|night)|"
                  r"the\s+(?P<an>next|following|previous|preceding|prior)\s+"
                  r"(?P<au2>day|morning|afternoon|evening|night)|"
                  r"the\s+day\s+(?P<ab>before|after)(?!\s+[\w$]))")
def _h_anaphor(m: re.Match, ctx: Ctx) -> Result | None:
    unit = (_g(m, "au") or _g(m, "au2") or "day").lower()
    b = ctx.base(unit)
    if b is None:
        return None, "DATE"
    base = b[0]
    k = 0
    if _g(m, "an"):
        k = 1 if m.group("an").lower() in ("next", "following") else -1
    elif _g(m, "ab"):
        k = -1 if m.group("ab").lower() == "before" else 1
    if unit == "year":
        return str(base.year + k), "DATE"
    if unit == "month":
        return _ym(*_add_months(base.year, base.month, k)), "DATE"
    if unit == "week":
        return _week(base + timedelta(weeks=k)), "DATE"
    d = base + timedelta(days=k)
    if unit in _POD:
        return f"{_ymd(d)}T{_POD[unit]}", "TIME"
    return _ymd(d), "DATE"


@_rule("so_far", r"(?:so\s+far\s+(?:this|in\s+the)\s+(?P<u>week|month|year)|(?:earlier|"
                 r"later)\s+this\s+(?P<u2>month|year))")
def _h_so_far(m: re.Match, ctx: Ctx) -> Result | None:
    a = ctx.anchor
    if not a:
        return None, "DATE"
    u = (_g(m, "u") or _g(m, "u2") or "").lower()
    return (_week(a) if u == "week" else _ym(a.year, a.month) if u == "month" else str(a.year)), "DATE"


# durations -------------------------------------------------------------------------------------------------

@_rule("duration", rf"{_QMOD}(?:the\s+)?(?:(?P<span>past|last|next|first|coming|previous|following|final|"
                   r"remaining|ensuing|preceding|initial|latest|same|intervening|succeeding|other)\s+)?"
                   rf"(?P<num>{_NUM})\s+(?:(?:more|full|long|straight|consecutive|additional|further|extra|"
                   rf"successive)\s+)?{_UNIT}(?!-)(?:\s+or\s+(?:so|more|longer))?", "duration")
def _h_duration(m: re.Match, ctx: Ctx) -> Result | None:
    unit = m.group("unit").lower()
    n = parse_number(m.group("num"))
    if n is not None:
        return duration_value(n, unit), "DURATION"
    if not unit.endswith(("s", "ia")):
        return None  # "several year" is no expression
    return duration_value(None, unit), "DURATION"


@_rule("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|{_NUMWORDS}|half|multi|a)-"
                       r"(?P<unit>second|minute|hour|day|week|month|year|decade|century)(?:-long)?(?!-old)")
def _h_duration_adj(m: re.Match, ctx: Ctx) -> Result | None:
    n = parse_number(m.group("num")) if m.group("num").lower() != "multi" else None
    return duration_value(n, m.group("unit")), "DURATION"


@_rule("duration_long", r"(?P<unit>day|week|month|year|decades?|hour|years|months|weeks|centuries|"
                        r"minute)-long")
def _h_duration_long(m: re.Match, ctx: Ctx) -> Result | None:
    u = m.group("unit").lower()
    if u.endswith("s"):  # "decades-long"
        return duration_value(None, u), "DURATION"
    return duration_value(1, u), "DURATION"


@_rule("vague_plural", rf"{_QMOD}(?:(?:the\s+)?(?P<vq>recent|coming|past|next|last|early|later|following|"
                       r"ensuing|intervening|few|many|several|subsequent)\s+)?"
                       r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?!-)",
       "plural")
def _h_vague_plural(m: re.Match, ctx: Ctx) -> Result | None:
    vq = (_g(m, "vq") or "").lower()
    unit = m.group("unit").lower()
    if vq in ("recent",) and unit in ("days", "weeks"):
        return "PAST_REF", "DATE"
    if vq in ("coming", "next") and unit in ("days", "weeks", "months"):
        return "FUTURE_REF", "DATE"
    return duration_value(None, unit), "DURATION"


@_rule("half_unit", r"(?P<hf>half\s+an?|a\s+half)\s+(?P<unit>hour|day|year|month|century|decade|minute)")
def _h_half_unit(m: re.Match, ctx: Ctx) -> Result | None:
    return duration_value(0.5, m.group("unit")), "DURATION"


@_rule("unit_and_half", r"(?P<num>a|an|one)\s+(?P<unit>hour|day|year|month|minute|week)\s+and\s+a\s+half")
def _h_unit_and_half(m: re.Match, ctx: Ctx) -> Result | None:
    return duration_value(1.5, m.group("unit")), "DURATION"


# sets ------------------------------------------------------------------------------------------------------

_SET_ADV = {"annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
            "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
            "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M", "fortnightly": "P2W"}


@_rule("set_adv", r"(?P<adv>annually|yearly|daily|weekly|monthly|hourly|quarterly|nightly|biweekly|"
                  r"bimonthly|semi-?annually|biannually|fortnightly)", "set_adv")
def _h_set_adv(m: re.Match, ctx: Ctx) -> Result | None:
    return _SET_ADV[m.group("adv").lower()], "SET"


@_rule("set_every", rf"(?:(?P<times>once|twice|thrice|(?:{_NUMDIG}|{_NUMWORDS}|several|many)\s+times)\s+)?"
                    r"(?:(?P<ev>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?"
                    rf"(?:(?P<num>{_NUMDIG}|{_NUMWORDS}|few|couple\s+of)\s+)?"
                    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|"
                    r"decades?|quarters?|mornings?|afternoons?|evenings?|summers?|winters?|springs?|autumns?|"
                    r"falls?)"
                    rf"|(?P<ev2>every|each)\s+{_MON})", "set")
def _h_set_every(m: re.Match, ctx: Ctx) -> Result | None:
    if _g(m, "ev2"):
        return f"XXXX-{_month_of(m):02d}", "SET"
    ev = m.group("ev").lower()
    unit = m.group("unit").lower()
    if ev in ("a", "an") and (_g(m, "num") or _g(m, "other")):
        return None
    if unit.rstrip("s") in ("morning", "afternoon", "evening", "night"):
        return f"XXXX-XX-XXT{_POD[unit.rstrip('s')]}", "SET"
    if unit.rstrip("s") == "weekend":
        return "XXXX-WXX-WE", "SET"
    if unit.rstrip("s") in _SEASONS:
        return f"XXXX-{_SEASONS[unit.rstrip('s')]}", "SET"
    n = parse_number(m.group("num")) if _g(m, "num") else 1
    if _g(m, "other"):
        n = (n or 1) * 2
    return duration_value(n, unit.rstrip("s") if unit not in ("centuries",) else unit), "SET"


# reference words -------------------------------------------------------------------------------------------

@_rule("present_ref", r"(?P<pw>now|currently|at\s+present|nowadays|these\s+days|current|the\s+present|"
                      r"this\s+(?:crucial\s+|critical\s+|difficult\s+)?(?:moment|juncture))", "present")
def _h_present_ref(m: re.Match, ctx: Ctx) -> Result | None:
    return "PRESENT_REF", "DATE"


@_rule("past_ref", r"(?P<pw>(?:more\s+|only\s+|very\s+)?recently|lately|the\s+past|in\s+recent\s+times)",
       "past")
def _h_past_ref(m: re.Match, ctx: Ctx) -> Result | None:
    return "PAST_REF", "DATE"


@_rule("future_ref", r"(?P<pw>the\s+future|the\s+near\s+future|the\s+distant\s+future|future|someday|"
                     r"one\s+day|some\s+day|the\s+days\s+ahead|the\s+weeks\s+ahead|the\s+months\s+ahead|"
                     r"the\s+years\s+ahead)", "future")
def _h_future_ref(m: re.Match, ctx: Ctx) -> Result | None:
    return "FUTURE_REF", "DATE"


_NEEDS = {
    "mdy": "mon", "dmy": "mon", "md": "mon", "dm": "mon", "month_year": "mon", "month_relyear": "mon",
    "month": "mon", "week_of": "mon", "iso": "num", "numeric": "num", "year": "num",
    "spoken_year": "spoken", "decade": "num decade", "century": "unit", "weekday": "wd", "weekday_set": "wd",
    "deictic": "deic", "this_pod": "pod", "clock": "num pod", "hour_in_the": "pod", "pod_alone": "pod",
    "rel_unit": "unit season quarter", "season": "season", "quarter": "quarter", "quarter_adj": "quarter",
    "year_quarter": "quarter", "the_quarter": "quarter", "holiday": "holiday unit", "weekend": "unit",
    "end_of_unit": "unit", "ago": "unit", "year_earlier": "unit", "anaphor": "unit pod", "so_far": "unit",
    "duration": "unit", "duration_adj": "unit",
    "duration_long": "unit", "vague_plural": "unit", "half_unit": "unit", "unit_and_half": "unit",
    "set_adv": "set", "set_every": "unit pod season mon", "present_ref": "ref", "past_ref": "ref",
    "future_ref": "ref unit",
}
for _r in _RULES:
    _r.needs = frozenset(_NEEDS[_r.name].split())


# -- public: normalise one expression -----------------------------------------------------------------------


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


def _apply(rule: Rule, m: re.Match, ctx: Ctx) -> Result | None:
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
    for rule in _BY_PRIORITY:
        m = rule.regex.fullmatch(s)
        if not m:
            continue
        out = _apply(rule, m, ctx)
        if out is not None:
            return out[0], precision_of(out[0]), out[1]
    return None, None, "DATE"


# -- tagging a doc ------------------------------------------------------------------------------------------

_FUTURE_GOVERNORS = {
    "plan", "expect", "schedule", "due", "set", "intend", "hope", "want", "aim", "agree", "decide", "prepare",
    "likely", "go", "seek", "vow", "promise", "threaten", "need", "propose", "wish", "plot", "poised",
    "slate", "expected", "scheduled", "ready", "about", "try", "attempt", "offer", "pledge", "would",
}
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PLANNED = {"schedule", "slate", "set", "plan", "expect", "due", "reschedule", "postpone", "delay",
            "timetable"}
_MODALS = {"could", "might", "may", "should", "must", "can", "ca", "need"}


def _verb_tense(v: Token, depth: int = 0) -> str | None:
    """'past', 'future', 'present' or None for a verb with its auxiliaries."""
    auxes = sorted((c for c in v.children if c.dep_ in ("aux", "auxpass") and c.lower_ not in ("not", "n't")),
                   key=lambda t: t.i)
    lowers = [a.lower_ for a in auxes]
    if any(w in _FUTURE_AUX for w in lowers) or "would" in lowers or "'d" in lowers and v.tag_ == "VB":
        return "future"
    if any(w in _MODALS for w in lowers):
        if any(w in ("have", "'ve") for w in lowers):
            return "past"
        return None if "could" in lowers else "future"  # "may meet Friday"; "could" is often a past
    if "to" in lowers:
        h = v.head
        if h is v or depth >= 3:
            return None
        if h.lemma_.lower() in _FUTURE_GOVERNORS or h.lower_ in _FUTURE_GOVERNORS:
            return "future"
        if h.lemma_ == "be" and "Pres" in h.morph.get("Tense"):
            return "future"  # "is to meet"
        if h.pos_ in ("VERB", "AUX"):
            t = _verb_tense(h, depth + 1)
            return "future" if t in ("present", "future") else t
        return None
    if any(w in ("has", "have", "'ve", "had") for w in lowers):
        return "past"
    if v.lemma_.lower() in _PLANNED and v.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        # what is planned or scheduled lies ahead ("a summit set for April", "they planned a rally on
        # Saturday"), unless the sentence says it is over ("a service planned for Saturday was cancelled")
        if v.dep_ in ("acl", "amod") and depth < 3:
            h = v.head
            # compare indices: spaCy makes a new Token object on each access, so `h.head is h` is never
            # true and a noun root ("A summit planned for April") would loop for ever
            while h.head.i != h.i and h.pos_ not in ("VERB", "AUX"):
                h = h.head
            if h is not v and h.pos_ in ("VERB", "AUX") and _verb_tense(h, depth + 1) == "past":
                return "past"
        return "future"
    if auxes:
        first = auxes[0]
        tense = first.morph.get("Tense")
        if "Past" in tense:
            return "past"
        if "Pres" in tense:
            if v.tag_ == "VBG" and first.lemma_ == "be":
                return "future"  # "is meeting on Friday"
            return "present"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    if v.tag_ == "VBN":
        return "past"
    if depth < 3 and v.head is not v and v.head.pos_ in ("VERB", "AUX") and v.dep_ in (
            "xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl"):
        return _verb_tense(v.head, depth + 1)
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb governing the characters [start, end) of doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    t = span.root
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return _verb_tense(t)
        if t.head is t:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return _verb_tense(t)
    return None


_NEEDS_TENSE = {"md", "dm", "month", "weekday", "rel_unit", "season", "quarter", "quarter_adj", "the_quarter",
                "holiday", "clock", "weekend", "week_of", "year_quarter"}
_COUNT_NOUN_OK = {"year", "years", "budget", "fiscal", "season", "election", "elections", "census", "level",
                  "levels", "model", "edition", "summer", "winter", "spring", "fall", "campaign", "war",
                  "agreement", "accord", "law", "act", "quarter", "period", "figure", "figures", "results",
                  "crop", "harvest", "games", "olympics", "cup", "report", "plan", "session", "survey",
                  "estimate", "estimates", "first-half", "high", "low", "peak", "total", "earnings", "sales",
                  "profit", "loss", "output", "production", "revenue", "deadline", "target", "goal"}
_SEASON_CUES = {"in", "this", "last", "next", "during", "since", "until", "by", "of", "early", "late", "mid",
                "over"}
_DETERMINERS = {"the", "its", "his", "her", "their", "this", "that", "'s", "’s", "our", "my", "your"}
_PREPS = {"in", "since", "of", "from", "until", "till", "by", "to", "before", "after", "during", "through",
          "throughout", "around", "between", "and", "for"}
_YEAR_PREPS = _PREPS | {"circa", "c.", "early", "late", "mid", "fiscal", "year", "'s", "as"}
_MONTH_CUES = _PREPS | {"early", "late", "mid", "last", "next", "this", "or", "each", "every", "past",
                       "coming", "end", "beginning", "start", "middle", "on"}


class _Doc:
    """Character-indexed views of a spaCy doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self._tok_at: list[int] | None = None
        self.ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        self._sents: list = []
        self._sent_starts: list[int] = []

    def sent_of(self, tok: Token):
        """The sentence of a token (Token.sent rescans the whole doc on every call)."""
        if not self._sents:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        return self._sents[bisect_right(self._sent_starts, tok.i) - 1]

    def token_at(self, char: int) -> Token | None:
        """The token covering the character (or the token starting after it, within white space)."""
        if self._tok_at is None:
            self._tok_at = self.doc.to_array([IDX]).tolist() if len(self.doc) else []
        starts = self._tok_at
        if not starts or not 0 <= char < len(self.text):
            return None
        i = bisect_right(starts, char) - 1
        if i < 0:
            return self.doc[0]
        tok = self.doc[i]
        if char >= tok.idx + len(tok.text) and i + 1 < len(starts):
            return self.doc[i + 1]
        return tok

    def in_ent(self, start: int, end: int, labels: tuple[str, ...] = ("DATE", "TIME")) -> bool:
        return any(s < end and start < e and lab in labels for s, e, lab in self.ents)

    def prev_word(self, start: int) -> str:
        m = re.search(r"([\w'’.$%-]+)\W*$", self.text[max(0, start - 40):start])
        return m.group(1).lower() if m else ""

    def next_word(self, end: int) -> str:
        m = re.match(r"\W*?([\w'’.$%-]+)", self.text[end:end + 40])
        return m.group(1).lower() if m else ""


def _group_span(m: re.Match, name: str) -> tuple[int, int] | None:
    try:
        s, e = m.span(name)
    except IndexError:
        return None
    return (s, e) if s >= 0 else None


def _plausible(rule: Rule, m: re.Match, d: _Doc) -> bool:
    """Checks against the parse and context for the ambiguous patterns."""
    start, end = m.span()
    text = m.group(0)
    if _in_title(rule, m, d):
        return False
    # capitalised month and weekday names only ("may", "march", "sun" are words too)
    for g in ("mon", "wd", "wd1", "wd2"):
        sp = _group_span(m, g)
        if sp and not d.text[sp[0]].isupper():
            return False
    mon_sp = _group_span(m, "mon")
    if mon_sp:
        word = d.text[mon_sp[0]:mon_sp[1]]
        tok = d.token_at(mon_sp[0])
        if word.lower() in ("may", "march") and tok is not None and tok.tag_ in ("MD", "VB", "VBP", "VBZ"):
            if not d.in_ent(mon_sp[0], mon_sp[1]):
                return False
        if rule.check == "month_alone" and word.lower() in ("may", "march", "june", "august", "april"):
            # a bare name: a person (April Smith, June Carter) or the modal unless the context says date
            if tok is not None and tok.ent_type_ in ("PERSON", "ORG", "GPE") and not _g(m, "rel"):
                return False
            if not _g(m, "rel") and not _g(m, "dmod") and d.prev_word(start) not in _MONTH_CUES \
                    and not d.in_ent(mon_sp[0], mon_sp[1]):
                return False
        if rule.check == "month_alone" and word.endswith("."):
            if not (_g(m, "rel") or d.prev_word(start) in _MONTH_CUES):
                return False
    if rule.check == "year":
        y = int(m.group("year"))
        ys, ye = m.span("year")
        prev = d.prev_word(ys)
        nxt = d.text[ye:ye + 3]
        if re.match(r"\s*(?:%|percent|[-–]\s*(?:\d|[a-z]+\s+(?:shares|vote)))", d.text[ye:ye + 12], re.I):
            return False
        before = d.text[max(0, ys - 2):ys]
        if re.search(r"[$£€#]\s?$|No\.\s?$", d.text[max(0, ys - 4):ys]) or (
                before.endswith(("-", "/")) and not _g(m, "dmod")):
            return False
        if nxt.startswith((".", ",")) and re.match(r"[.,]\d", nxt):
            return False
        tok = d.token_at(ys)
        cue = prev in _YEAR_PREPS or _g(m, "fy") or _g(m, "dmod") or d.in_ent(ys, ye)
        if not (1900 <= y <= 2099) and not cue:
            return False
        if tok is not None:
            h = tok.head
            if tok.dep_ in ("nummod", "quantmod") and h.tag_ in ("NNS", "NNPS") \
                    and h.lower_ not in _COUNT_NOUN_OK and prev not in _DETERMINERS:
                return False  # "1500 troops", but "the 1992 protests"
            if tok.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "LAW") and not cue:
                return False
            if tok.dep_ == "nummod" and h.lower_ in ("people", "troops", "men", "women", "members", "miles",
                                                    "tons", "shares", "dollars", "votes"):
                return False
            if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and not cue:
                if not (1950 <= y <= 2030):
                    return False
                if h.tag_ in ("NNS",) or tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
                    return False
    if rule.check == "spoken_year":
        sy = m.group("syear").lower()
        if sy.startswith("two thousand") or sy.startswith("twenty"):
            prev = d.prev_word(start)
            if "year" in text.lower():
                return True
            if not (prev in _YEAR_PREPS or d.in_ent(start, end)):
                return False
            nxt = d.token_at(end + 1) if end + 1 < len(d.text) else None
            if nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or nxt.lower_ in ("dollars", "people")):
                return False
    if rule.check == "decade":
        if _g(m, "decw") and not text.lower().startswith(("the", "early", "late", "mid")):
            return False
        if _g(m, "dec"):
            tok = d.token_at(start if not text.lower().startswith("the") else m.start("dec"))
            if tok is not None and tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") \
                    and not text.lower().startswith("the"):
                return False
    if rule.check == "plural":
        # bare plural units only when something makes them temporal ("for years", "in recent weeks")
        if _g(m, "vq") or _g(m, "qmod"):
            return True
        prev = d.prev_word(start)
        if prev == "the":
            prev = d.prev_word(start - 4) if d.prev_word(start - 4) in ("in", "over", "during") else "the"
        if prev not in ("for", "in", "within", "over", "after", "during", "take", "took", "takes", "taking",
                        "spent", "spend", "last", "lasted", "lasting", "lasts", "wait", "waited", "waiting",
                        "and", "or", "than"):
            return False
        nxt = d.next_word(end)
        if nxt in ("of", "old", "later", "earlier", "ago", "before", "after"):
            return False
    if rule.check == "duration":
        num = m.group("num").lower()
        unit = m.group("unit").lower()
        if num in ("a", "an") and unit == "second":
            return False
        nxt = d.text[end:end + 12].lower()
        if re.match(r"\s*(?:-?old\b|of age\b)", nxt):
            pass
        if num in ("many", "few", "several", "a few", "a number of", "dozens of") and unit.endswith("s"):
            return True
    if rule.check == "weekday":
        nxt = d.text[end:end + 15]
        if re.match(r"\s*(?:Times|Telegraph|Post|Herald|Express|Mirror|Journal|Star|Tribune|Night\s+Live|"
                    r"Club|Group|Agreement|Accord|School|Service|Prayers?|Mass)\b", nxt):
            return False
        ws = _group_span(m, "wd")
        if ws:
            tok = d.token_at(ws[0])
            if tok is not None and tok.ent_type_ in ("ORG", "WORK_OF_ART", "PERSON"):
                if not d.in_ent(ws[0], ws[1]):
                    return False
    if rule.check == "season":
        if not (_g(m, "year") or _g(m, "syear") or _g(m, "dmod") or text.lower().startswith("the ")
                or d.prev_word(start) in _SEASON_CUES):
            return False
        if not (_g(m, "year") or _g(m, "syear")) and re.match(
                r"\s+(?:of\s+(?!\d)|[a-z]+ing\b|games|olympics)", d.text[end:end + 20], re.I):
            return False  # "the spring of discontent", "summer camps", "the Winter Olympics"
    if rule.check == "year_earlier":
        return not re.match(r"\s+(?:earlier|ago|before|later)", d.text[m.end():m.end() + 9])
    if rule.check == "quarter" and _NOT_A_YEAR_AFTER.match(d.text, m.end(), m.end() + 30):
        return False  # "the first half of the match"
    if rule.check == "the_quarter":
        return d.prev_word(start) in ("in", "for", "during", "of", "from", "over", "through", "since", "and")
    if rule.check == "present":
        w = m.group("pw").lower()
        tok = d.token_at(start)
        if w == "current":
            if tok is None or tok.dep_ not in ("amod",):
                return False
            head = tok.head.lower_
            if head in ("account", "accounts", "events", "affairs", "assets", "liabilities", "prices",
                        "dollars", "value", "yield", "price", "rate", "rates", "flow", "flows", "density") \
                    or "current" in d.text[end:end + 12].lower():
                return False
        if w == "now" and tok is not None and re.match(r"\s*(?:that\b)", d.text[end:end + 8]):
            return True
        if w in ("this time", "the present") and not re.match(r"\s*[,.;]", d.text[end:end + 3]):
            return w == "the present"
    if rule.check == "future":
        w = m.group("pw").lower()
        if w == "future":
            if d.prev_word(start) not in ({"in", "near", "distant", "immediate"} | _DETERMINERS) - {"the"}:
                return False
        if w in ("one day", "some day"):
            nxt = d.next_word(end)
            if nxt in ("of", "after", "before", "later", "earlier", "in", "and", "or", "a"):
                return False
            if d.prev_word(start) not in ("", ".", ",", "that", "and", "but", "will", "would", "hopes",
                                          "hope"):
                return False
    if rule.check == "past":
        w = m.group("pw").lower()
        if w == "the past":
            nxt = d.next_word(end)
            if nxt in _UNITS or nxt in ("few", "several", "two", "three", "decade"):
                return False
    if rule.name == "clock" and _g(m, "noon") and d.prev_word(start) == "high":
        return False
    if rule.check == "set":
        ev = m.group("ev") if _g(m, "ev") else None
        if ev and ev.lower() in ("a", "an") and not _g(m, "times"):
            # "a year" is a frequency only after an amount: "$5 billion a year", "twice a day"
            tok = d.token_at(start)
            prev_tok = d.doc[tok.i - 1] if tok is not None and tok.i > 0 else None
            if prev_tok is None:
                return False
            if prev_tok.lower_ in ("once", "twice", "thrice", "times", "%", "percent", "cents", "dollars"):
                return True
            if prev_tok.like_num or prev_tok.tag_ in ("NNS", "CD") \
                    or prev_tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
                return not re.match(r"\s+(?:ago|earlier|later|before|after)", d.text[end:end + 8])
            return False
    if rule.check == "holiday":
        hol = m.group("hol")
        if hol[0].islower():
            return False
    return True


# ties between equally long candidates go to the rule listed first here, then to the earlier rule
_PREFERRED = ["set_every", "weekday_set", "ago", "anaphor", "so_far", "rel_unit", "quarter"]
_NAME_WORDS = re.compile(rf"^(?:{_MONTH_FULL}|{_MONTH_ABBR}|"
                         r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|"
                         r"Thu(?:rs?)?|Fri|Sat|Sun|Christmas|Easter|Thanksgiving|Day|"
                         r"Eve|Year|Years|Valentine|Halloween|Labor|Memorial|Independence|Veterans|"
                         r"Armistice|Bastille|Election|Good|Boxing|New|Presidents|Martin|Luther|King|July|"
                         r"Fourth|May|FY|EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|UTC|BST|CET|CEST|A|P|AM|PM|I|"
                         r"Q[1-4]|H[12])$")


_NOT_A_YEAR_AFTER = re.compile(r"\s+of\s+(?:the|a|an|its|his|her|their|this|that)\s+"
                               r"(?!(?:fiscal\s+|calendar\s+|current\s+|previous\s+)?year\b)", re.I)


def _in_title(rule: Rule, m: re.Match, d: _Doc) -> bool:
    """A capitalised common word inside running text: a name or title ("ABC's This Week", "60 Minutes")."""
    words = list(re.finditer(r"[A-Za-z]+", m.group(0)))
    caps = [w for w in words if w.group(0)[0].isupper() and not _NAME_WORDS.match(w.group(0))]
    if not caps:
        return False
    first = caps[0]
    pos = m.start() + first.start()
    tok = d.token_at(pos)
    if tok is None:
        return False
    if first is words[0] and tok.is_sent_start:
        caps = caps[1:]
        if not caps:
            return False
        tok = d.token_at(m.start() + caps[0].start())
        if tok is None:
            return False
    sent = d.sent_of(tok)
    alpha = [t for t in sent if t.is_alpha and len(t) > 3]
    if alpha and sum(t.text[0].isupper() for t in alpha) / len(alpha) > 0.6:
        return False  # a headline in title case
    if tok.is_sent_start:
        return False
    prev = d.doc[tok.i - 1]
    if prev.is_alpha or prev.tag_ == "POS" or prev.is_digit:
        return True
    if prev.is_quote or prev.text in ("``", "''"):
        return tok.i >= 2 and (d.doc[tok.i - 2].pos_ == "PROPN" or d.doc[tok.i - 2].tag_ == "POS")
    return False


_RULE_PRIORITY = {r.name: (_PREFERRED.index(r.name) if r.name in _PREFERRED else len(_PREFERRED) + i)
                  for i, r in enumerate(_RULES)}
_BY_PRIORITY = sorted(_RULES, key=lambda r: _RULE_PRIORITY[r.name])
_ENT_OK_RULES = {"duration", "weekday", "month", "year", "vague_plural", "present_ref", "past_ref",
                 "future_ref", "season", "decade"}


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around trigger words, merged, with the kinds of trigger each holds."""
    wins: list[tuple[int, int, set[str]]] = []
    n = len(text)
    kinds_of = _TRIGGER_KINDS
    for w in _WORD.finditer(text):
        word = w.group()
        kind = "num" if word[0].isdigit() else kinds_of.get(word.lower())
        if kind is None:
            continue
        a = w.start() - _BEFORE
        b = w.end() + _AFTER
        if wins and a <= wins[-1][1]:
            wins[-1][2].add(kind)
            wins[-1] = (wins[-1][0], b, wins[-1][2])
        else:
            wins.append((max(0, a), b, {kind}))
    out = []
    for a, b, kinds in wins:  # never cut a word
        b = min(b, n)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        out.append((a, b, kinds))
    return out


def _candidates(d: _Doc) -> list[tuple[int, int, Rule, re.Match]]:
    out = []
    text = d.text
    for ws, we, kinds in _windows(text):
        for rule in _RULES:
            if rule.needs.isdisjoint(kinds):
                continue
            for m in rule.regex.finditer(text, ws, we):
                out.extend(_candidate(rule, m, d))
    return out


def _candidate(rule: Rule, m: re.Match, d: _Doc) -> list[tuple[int, int, Rule, re.Match]]:
    s, e = m.span()
    if e == s or not _plausible(rule, m, d):
        return []
    while e > s and d.text[e - 1] in " ,;:":
        e -= 1
    return [(s, e, rule, m)]


def _select(cands: list[tuple[int, int, Rule, re.Match]]) -> list[tuple[int, int, Rule, re.Match]]:
    """Non-overlapping candidates, longest first (earlier rules win ties)."""
    order = sorted(cands, key=lambda c: (-(c[1] - c[0]), _RULE_PRIORITY[c[2].name], c[0]))
    taken: list[tuple[int, int, Rule, re.Match]] = []
    occupied: set[int] = set()
    for c in order:
        if any(i in occupied for i in range(c[0], c[1])):
            continue
        occupied.update(range(c[0], c[1]))
        taken.append(c)
    return sorted(taken, key=lambda c: c[0])


def _ref_from(value: str | None) -> tuple[date, str] | None:
    """The date (and its precision) a calendar value gives later anaphoric expressions to count from."""
    try:
        return _ref_from_value(value)
    except ValueError:
        return None


def _ref_from_value(value: str | None) -> tuple[date, str] | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d, "day") if d else None
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m and 1 <= int(m.group(2)) <= 12:
        return date(int(m.group(1)), int(m.group(2)), 15), "month"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return date(int(m.group(1)), 3 * int(m.group(2)) - 1, 15), "quarter"
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return date(int(m.group(1)), 7, 1), "year"
    return None


_AHEAD = re.compile(r"(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|starting|beginning|effective|"
                    r"deadline\s+(?:of|until|for))\s+(?:on\s+)?$", re.I)
_UNTIL = re.compile(r"(?:until|till|by|before)\s+(?:on\s+)?$", re.I)


def _tense_for(doc: Doc, text: str, start: int, end: int) -> str | None:
    """The tense a weekday or a month name should follow: the words just before it, else the verb."""
    before = text[max(0, start - 30):start]
    if _AHEAD.search(before):
        return "future"
    tense = tense_at(doc, start, end)
    if tense in (None, "present") and _UNTIL.search(before):
        return "future"
    return tense


_NO_REF_RULES = {"present_ref", "past_ref", "future_ref", "year_earlier", "ago"}  # comparisons set no scene


def tag_times(doc: Doc, anchor: date | None) -> list[TimeExpr]:
    """Every temporal expression in a parsed doc, normalised against anchor (the publication date)."""
    d = _Doc(doc)
    chosen = _select(_candidates(d))
    covered = {i for s, e, _, _ in chosen for i in range(s, e)}
    # spaCy's DATE/TIME entities the rules did not see: kept when they normalise as a whole
    extra: list[tuple[int, int, str]] = []
    for s, e, lab in d.ents:
        if lab not in ("DATE", "TIME") or any(i in covered for i in range(s, e)):
            continue
        extra.append((s, e, lab))
    out: list[TimeExpr] = []
    bare_clocks: list[int] = []
    ref: date | None = anchor
    coarse: tuple[date, str] | None = None
    items: list[tuple[int, int, Rule | None, re.Match | None]] = [(s, e, r, m) for s, e, r, m in chosen]
    for s, e, _lab in extra:
        items.append((s, e, None, None))
    items.sort(key=lambda x: x[0])
    text = d.text
    for s, e, rule, m in items:
        tense = _tense_for(doc, text, s, e) if (rule is None or rule.name in _NEEDS_TENSE) else None
        ctx = Ctx(anchor, tense, ref, coarse)
        if rule is None:
            found = _ent_match(d, s, e)
            if found is None:
                continue
            rule, m = found
            res = _apply(rule, m, ctx)
            if res is None:
                continue
            value, typ = res
            prec = precision_of(value)
        else:
            res = _apply(rule, m, ctx)
            if res is None:
                continue
            value, typ = res
            prec = precision_of(value)
        out.append(TimeExpr(text=text[s:e], start=s, end=e, value=value, precision=prec, type=typ))
        if rule is not None and rule.name in ("clock", "hour_in_the") and value and not _g(m, "wd") \
                and not _g(m, "cdate") and not _g(m, "cpod2"):
            bare_clocks.append(len(out) - 1)
        if typ in ("DATE", "TIME") and rule.name not in _NO_REF_RULES and not (
                rule.name == "quarter" and re.search(r"year[-\s](?:earlier|ago)", m.group(0), re.I)):
            r = _ref_from(value)
            if r:
                coarse = r
                if r[1] == "day":
                    ref = r[0]
    for i in bare_clocks:
        _date_clock_from_sentence(d, out, i)
    return out


def _date_clock_from_sentence(d: _Doc, out: list[TimeExpr], i: int) -> None:
    """'at 10:35 a.m. (0735 GMT) Friday': a clock time takes its day from a date in the same sentence."""
    t = out[i]
    tok = d.token_at(t.start)
    if tok is None or not t.value:
        return
    sent = d.sent_of(tok)
    best: TimeExpr | None = None
    for o in out:
        if o is t or o.end <= sent.start_char or o.start >= sent.end_char or not o.value:
            continue
        if not re.fullmatch(r"\d{4}-\d\d-\d\d(?:T(?:MO|AF|EV|NI))?", o.value):
            continue
        if best is None or abs(o.start - t.start) < abs(best.start - t.start):
            best = o
    if best is not None and best.value:
        t.value = best.value[:10] + t.value[10:]


def _ent_match(d: _Doc, s: int, e: int) -> tuple[Rule, re.Match] | None:
    """A rule that matches the whole of a spaCy entity and passes the context checks."""
    for rule in _RULES:
        if rule.name not in _ENT_OK_RULES:
            continue
        m = rule.regex.fullmatch(d.text, s, e)
        if m and _plausible(rule, m, d):
            return rule, m
    return None
