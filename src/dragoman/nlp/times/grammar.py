"""The grammar of time expressions: pattern fragments for how English writes dates, times and durations, the
Rule a handler is registered as, and the match helpers handlers share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .numbers import words_to_number
from .vocab import HOLIDAYS, MONTHS, ORDINALS, SMALL, TENS

if TYPE_CHECKING:  # pragma: no cover
    from .docview import DocView


NUMW_ALT = "|".join(sorted(list(SMALL) + list(TENS) + ["hundred", "thousand", "dozen"], key=len,
                            reverse=True))
ORDW_ALT = "|".join(sorted(ORDINALS, key=len, reverse=True))
NUMWORDS = rf"(?:(?:{NUMW_ALT})(?:(?:[\s-]+|\s+and\s+)(?:{NUMW_ALT}))*)"
NUMDIG = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+1/2|\s*½)?"
NUM = (rf"(?:(?:{NUMDIG}|{NUMWORDS}|a|an)\s+and\s+a\s+half|{NUMDIG}|{NUMWORDS}|a\s+couple\s+of|"
        r"a\s+couple|a\s+few|a\s+dozen|a\s+hundred|a\s+thousand|a\s+half|half\s+an?|half|a\s+number\s+of|"
        r"dozens\s+of|several|few|many|a|an)")
UNIT_ALT = (r"seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries|"
             r"millenni(?:um|a)")
UNIT = rf"(?P<unit>{UNIT_ALT})"
MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
MON = rf"(?P<mon>(?:{MONTH_FULL})(?![\w-])|(?:{MONTH_ABBR})\.)"
MONX = rf"(?P<mon>(?:{MONTH_FULL})|(?:{MONTH_ABBR})\.?)"  # only before a day number
WD_ALT = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])|(?:Mon|Tues?|Wed|"
           r"Thu(?:rs?)?|Fri|Sat|Sun)\.")
WD = rf"(?P<wd>{WD_ALT})"
DAY = (rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)(?!%)|(?P<dayw>{ORDW_ALT}|"
        r"twenty[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[\s-]first))")
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d%])(?!,\d)"
SPOKEN_YEAR = (r"(?P<syear>(?:nineteen|eighteen)[\s-]+(?:hundred|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|"
                r"eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)|"
                r"two\s+thousand(?:(?:\s+and)?[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?|"
                r"twenty[\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                r"nineteen|twenty(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?))")
ANYYEAR = rf"(?:{YEAR}|{SPOKEN_YEAR})"
REL = (r"(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming|previous|prior|preceding|following|"
        r"upcoming|current|present|same|ensuing|subsequent)")
TZ = (r"(?:\s*\(?(?:\d{3,4}\s+)?(?:(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST|HKT|SGT|AEST|"
       r"AEDT|[A-Z][a-z]+\s+time)|local\s+time)\)?)?")
CLOCK = (r"(?P<clock>(?P<hh>[012]?\d)(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|"
          r"A\.M\.?|P\.M\.?|AM\b|PM\b)|(?P<hh2>[012]?\d):(?P<mm2>[0-5]\d)(?!\d)|(?P<noon>noon|midnight|"
          r"midday)|(?P<hh3>[012]?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
          r"twelve)\s+o'clock)")
# modifiers TimeML keeps inside the expression
DMOD_CORE = (r"early|late|mid|pre|post|the\s+(?:end|beginning|start|middle|turn|close|"
              r"rest)\s+of(?:\s+the)?|the\s+(?:first|second|latter|last)\s+half\s+of(?:\s+the)?|late\s+in|"
              r"early\s+in|the\s+(?:first|second|third|fourth|last|final)\s+(?:week|weekend|days?)\s+of")
DMOD = rf"(?:(?P<dmod>{DMOD_CORE}|earlier|later)[\s-]+)?"
# before days and weeks, "earlier"/"later" stay outside the expression ("earlier Friday", "later this week")
DMOD_DAY = rf"(?:(?P<dmod>{DMOD_CORE})[\s-]+)?"
QMOD = (rf"(?:(?P<qmod>around|approximately|roughly|nearly|almost|"
         rf"(?:over|under)(?=\s+(?:an?\s|\d|{NUMW_ALT}))|"
         r"more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|"
         r"at\s+least|at\s+most|up\s+to|well\s+over|well\s+under|little\s+more\s+than|a\s+little\s+(?:more|"
         r"less)\s+than|the\s+better\s+part\s+of|upwards\s+of|close\s+to|a\s+full|an\s+additional|"
         r"a\s+further)\s+)?")

HOLIDAY_ALT = "|".join(re.escape(h).replace("'", "['’]?").replace(r"\ ", r"\s+")
                       for h in sorted(HOLIDAYS, key=len, reverse=True))


# -- rules ----------------------------------------------------------------------------------------------------

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
Check = Callable[[re.Match, "DocView"], bool]


@dataclass
class Rule:
    """One way English writes a time: its pattern, what it means (handler), the context it needs."""

    name: str
    regex: re.Pattern
    handler: Handler
    check: Check | None = None  # confirms an ambiguous match against the parse ("May" the modal, counts)
    needs: frozenset[str] = frozenset()  # trigger kinds, one of which must be near for the rule to run
    tense: bool = False  # the value depends on the tense of the governing verb


RULES: dict[str, Rule] = {}  # by name; the order they are tried in is rulebook.ORDER
WORD = re.compile(r"[A-Za-z]+|\d+")
BEFORE, AFTER = 50, 40  # characters of context a rule may need on either side of a trigger


def time_rule(name: str, pattern: str, *, needs: str, check: Check | None = None,
              tense: bool = False) -> Callable[[Handler], Handler]:
    """Register the decorated handler as the rule `name` for `pattern`."""
    # no expression starts inside a word or a number; one may end before a possessive "'s"
    compiled = re.compile(r"(?<![\w'’$#/.-])(?:" + pattern + r")(?=['’]s\b|[^\w'’]|['’](?!\w)|$)",
                          re.I)

    def deco(fn: Handler) -> Handler:
        RULES[name] = Rule(name, compiled, fn, check, frozenset(needs.split()), tense)
        return fn
    return deco


def grp(m: re.Match, name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group."""
    try:
        return m.group(name)
    except IndexError:
        return None


def year_of(m: re.Match) -> int | None:
    """The year a match names, in digits or spoken ('nineteen ninety-eight')."""
    y = grp(m, "year")
    if y:
        return int(y)
    sy = grp(m, "syear")
    if sy:
        words = re.split(r"[\s-]+", sy.lower())
        if words[0] == "two" and len(words) > 1 and words[1] == "thousand":
            rest = [w for w in words[2:] if w != "and"]
            return 2000 + int(words_to_number(" ".join(rest)) or 0) if rest else 2000
        head = SMALL.get(words[0]) or TENS.get(words[0])
        rest = [w for w in words[1:] if w != "and"]
        if rest == ["hundred"]:
            return head * 100
        tail = words_to_number(" ".join(rest))
        if head is None or tail is None:
            return None
        return head * 100 + int(tail)
    return None


def day_of(m: re.Match) -> int | None:
    """The day of the month a match names ('21', '21st', 'twenty-first')."""
    d = grp(m, "day")
    if d:
        return int(d)
    dw = grp(m, "dayw")
    if dw:
        words = re.split(r"[\s-]+", dw.lower())
        if len(words) == 2:
            return TENS.get(words[0], 0) + ORDINALS.get(words[1], 0)
        return ORDINALS.get(words[0])
    return None


def month_of(m: re.Match) -> int | None:
    """The month a match names."""
    mon = grp(m, "mon")
    return MONTHS.get(mon.lower().rstrip(".")) if mon else None


def clock_value(m: re.Match) -> str | None:
    """'T15:00' / 'T12:00' from the clock groups."""
    if grp(m, "noon"):
        w = m.group("noon").lower()
        return "T24:00" if w == "midnight" else "T12:00"
    hh = grp(m, "hh")
    mm = grp(m, "mm")
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
    if grp(m, "hh2") is not None:
        h = int(m.group("hh2"))
        if h > 24:
            return None
        return f"T{h:02d}:{int(m.group('mm2')):02d}"
    if grp(m, "hh3") is not None:
        v = m.group("hh3")
        h = int(v) if v.isdigit() else int(SMALL.get(v.lower(), 0) or words_to_number(v) or 0)
        if not 1 <= h <= 12:
            return None
        return f"T{h:02d}:00"
    return None
