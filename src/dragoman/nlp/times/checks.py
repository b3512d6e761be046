"""Checks against the parse and the context for the patterns that are ambiguous: "May" the modal, years
against counts and prices, bare month names, plural units, "current" and "future" as adjectives.

Every rule may name one check (Rule.check, next to its pattern); `plausible` runs the checks every match
must pass first, then the rule's own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .docview import DocView, group_span
from .grammar import MONTH_ABBR, MONTH_FULL, grp
from .vocab import (
    COUNT_NOUN_OK,
    COUNTED_NOUNS,
    CURRENT_NOT_TIME,
    DETERMINERS,
    MONTH_CUES,
    PLURAL_UNIT_CUES,
    SEASON_CUES,
    UNITS,
    YEAR_PREPS,
)

if TYPE_CHECKING:  # pragma: no cover
    from .grammar import Rule

_NAME_WORDS = re.compile(rf"^(?:{MONTH_FULL}|{MONTH_ABBR}|"
                         r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|"
                         r"Thu(?:rs?)?|Fri|Sat|Sun|Christmas|Easter|Thanksgiving|Day|"
                         r"Eve|Year|Years|Valentine|Halloween|Labor|Memorial|Independence|Veterans|"
                         r"Armistice|Bastille|Election|Good|Boxing|New|Presidents|Martin|Luther|King|July|"
                         r"Fourth|May|FY|EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|UTC|BST|CET|CEST|A|P|AM|PM|I|"
                         r"Q[1-4]|H[12])$")
_NOT_A_YEAR_AFTER = re.compile(r"\s+of\s+(?:the|a|an|its|his|her|their|this|that)\s+"
                               r"(?!(?:fiscal\s+|calendar\s+|current\s+|previous\s+)?year\b)", re.I)
_NEWSPAPER_AFTER = re.compile(r"\s*(?:Times|Telegraph|Post|Herald|Express|Mirror|Journal|Star|Tribune|"
                              r"Night\s+Live|Club|Group|Agreement|Accord|School|Service|Prayers?|Mass)\b")


def plausible(rule: Rule, m: re.Match, d: DocView) -> bool:
    """Whether a match is a time: no title, names spelt as names, and the rule's own check."""
    if in_title(m, d) or not names_are_names(m, d):
        return False
    return rule.check is None or rule.check(m, d)


def in_title(m: re.Match, d: DocView) -> bool:
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


def names_are_names(m: re.Match, d: DocView) -> bool:
    """Month and weekday names capitalised ("may", "march", "sun" are words too); "May" not the modal."""
    for g in ("mon", "wd", "wd1", "wd2"):
        sp = group_span(m, g)
        if sp and not d.text[sp[0]].isupper():
            return False
    mon_sp = group_span(m, "mon")
    if mon_sp:
        word = d.text[mon_sp[0]:mon_sp[1]]
        tok = d.token_at(mon_sp[0])
        if word.lower() in ("may", "march") and tok is not None and tok.tag_ in ("MD", "VB", "VBP", "VBZ"):
            if not d.in_ent(mon_sp[0], mon_sp[1]):
                return False
    return True


# -- the rules' own checks, by the rules that use them ----------------------------------------------------


def is_month_alone(m: re.Match, d: DocView) -> bool:
    """A bare month name: not a person (April Smith, June Carter), not the modal, unless the context says date."""
    start = m.start()
    mon_sp = group_span(m, "mon")
    word = d.text[mon_sp[0]:mon_sp[1]]
    tok = d.token_at(mon_sp[0])
    if word.lower() in ("may", "march", "june", "august", "april"):
        if tok is not None and tok.ent_type_ in ("PERSON", "ORG", "GPE") and not grp(m, "rel"):
            return False
        if not grp(m, "rel") and not grp(m, "dmod") and d.prev_word(start) not in MONTH_CUES \
                and not d.in_ent(mon_sp[0], mon_sp[1]):
            return False
    if word.endswith("."):
        if not (grp(m, "rel") or d.prev_word(start) in MONTH_CUES):
            return False
    return True


def is_year(m: re.Match, d: DocView) -> bool:
    """A number that is a year, not a count, a price, a percentage or a product ("1500 troops", "$2000")."""
    y = int(m.group("year"))
    ys, ye = m.span("year")
    prev = d.prev_word(ys)
    nxt = d.text[ye:ye + 3]
    if re.match(r"\s*(?:%|percent|[-–]\s*(?:\d|[a-z]+\s+(?:shares|vote)))", d.text[ye:ye + 12], re.I):
        return False
    before = d.text[max(0, ys - 2):ys]
    if re.search(r"[$£€#]\s?$|No\.\s?$", d.text[max(0, ys - 4):ys]) or (
            before.endswith(("-", "/")) and not grp(m, "dmod")):
        return False
    if nxt.startswith((".", ",")) and re.match(r"[.,]\d", nxt):
        return False
    tok = d.token_at(ys)
    cue = prev in YEAR_PREPS or grp(m, "fy") or grp(m, "dmod") or d.in_ent(ys, ye)
    if not (1900 <= y <= 2099) and not cue:
        return False
    if tok is None:
        return True
    h = tok.head
    if tok.dep_ in ("nummod", "quantmod") and h.tag_ in ("NNS", "NNPS") \
            and h.lower_ not in COUNT_NOUN_OK and prev not in DETERMINERS:
        return False  # "1500 troops", but "the 1992 protests"
    if tok.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "LAW") and not cue:
        return False
    if tok.dep_ == "nummod" and h.lower_ in COUNTED_NOUNS:
        return False
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and not cue:
        if not (1950 <= y <= 2030):
            return False
        if h.tag_ in ("NNS",) or tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return False
    return True


def is_spoken_year(m: re.Match, d: DocView) -> bool:
    """'two thousand eight' and 'twenty twenty' only where a year is expected ('in', 'the year ...')."""
    start, end = m.span()
    sy = m.group("syear").lower()
    if sy.startswith("two thousand") or sy.startswith("twenty"):
        prev = d.prev_word(start)
        if "year" in m.group(0).lower():
            return True
        if not (prev in YEAR_PREPS or d.in_ent(start, end)):
            return False
        nxt = d.token_at(end + 1) if end + 1 < len(d.text) else None
        if nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or nxt.lower_ in ("dollars", "people")):
            return False
    return True


def is_decade(m: re.Match, d: DocView) -> bool:
    """'the sixties' (not 'in his sixties'), '1990s' that is no sum of money."""
    text = m.group(0)
    if grp(m, "decw") and not text.lower().startswith(("the", "early", "late", "mid")):
        return False
    if grp(m, "dec"):
        tok = d.token_at(m.start() if not text.lower().startswith("the") else m.start("dec"))
        if tok is not None and tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") \
                and not text.lower().startswith("the"):
            return False
    return True


def is_weekday(m: re.Match, d: DocView) -> bool:
    """A weekday that does not name a paper, a club or an accord ('the Sunday Times', 'Good Friday Agreement')."""
    if _NEWSPAPER_AFTER.match(d.text[m.end():m.end() + 15]):
        return False
    ws = group_span(m, "wd")
    if ws:
        tok = d.token_at(ws[0])
        if tok is not None and tok.ent_type_ in ("ORG", "WORK_OF_ART", "PERSON"):
            if not d.in_ent(ws[0], ws[1]):
                return False
    return True


def is_clock(m: re.Match, d: DocView) -> bool:
    """'noon' but not 'high noon'."""
    return not (grp(m, "noon") and d.prev_word(m.start()) == "high")


def is_season(m: re.Match, d: DocView) -> bool:
    """'last summer', 'in the spring of 2019', but not 'the spring of discontent' or 'summer camps'."""
    start, end = m.span()
    if not (grp(m, "year") or grp(m, "syear") or grp(m, "dmod") or m.group(0).lower().startswith("the ")
            or d.prev_word(start) in SEASON_CUES):
        return False
    if not (grp(m, "year") or grp(m, "syear")) and re.match(
            r"\s+(?:of\s+(?!\d)|[a-z]+ing\b|games|olympics)", d.text[end:end + 20], re.I):
        return False  # "the spring of discontent", "summer camps", "the Winter Olympics"
    return True


def is_quarter(m: re.Match, d: DocView) -> bool:
    """'the first half of 2024', not 'the first half of the match'."""
    return not _NOT_A_YEAR_AFTER.match(d.text, m.end(), m.end() + 30)


def is_the_quarter(m: re.Match, d: DocView) -> bool:
    """'in the quarter' after a preposition."""
    return d.prev_word(m.start()) in ("in", "for", "during", "of", "from", "over", "through", "since", "and")


def is_holiday(m: re.Match, d: DocView) -> bool:
    """Holidays are capitalised ('Easter', not 'easter eggs' written in lower case)."""
    return not m.group("hol")[0].islower()


def is_year_earlier(m: re.Match, d: DocView) -> bool:
    """The adjective 'year-earlier', not 'a year earlier than'."""
    return not re.match(r"\s+(?:earlier|ago|before|later)", d.text[m.end():m.end() + 9])


def is_duration(m: re.Match, d: DocView) -> bool:
    """'a second' is the ordinal ('a second round'), no duration."""
    return not (m.group("num").lower() in ("a", "an") and m.group("unit").lower() == "second")


def is_plural_duration(m: re.Match, d: DocView) -> bool:
    """Bare plural units only when something makes them temporal ("for years", "in recent weeks")."""
    start, end = m.span()
    if grp(m, "vq") or grp(m, "qmod"):
        return True
    prev = d.prev_word(start)
    if prev == "the":
        prev = d.prev_word(start - 4) if d.prev_word(start - 4) in ("in", "over", "during") else "the"
    if prev not in PLURAL_UNIT_CUES:
        return False
    return d.next_word(end) not in ("of", "old", "later", "earlier", "ago", "before", "after")


def is_set(m: re.Match, d: DocView) -> bool:
    """'a year' is a frequency only after an amount: '$5 billion a year', 'twice a day'."""
    ev = m.group("ev") if grp(m, "ev") else None
    if not (ev and ev.lower() in ("a", "an") and not grp(m, "times")):
        return True
    start, end = m.span()
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


def is_present_ref(m: re.Match, d: DocView) -> bool:
    """'now', 'currently'; 'current' only as an adjective of a time-bound thing (not 'current account')."""
    start, end = m.span()
    w = m.group("pw").lower()
    tok = d.token_at(start)
    if w == "current":
        if tok is None or tok.dep_ not in ("amod",):
            return False
        if tok.head.lower_ in CURRENT_NOT_TIME or "current" in d.text[end:end + 12].lower():
            return False
    if w == "now" and tok is not None and re.match(r"\s*(?:that\b)", d.text[end:end + 8]):
        return True
    if w in ("this time", "the present") and not re.match(r"\s*[,.;]", d.text[end:end + 3]):
        return w == "the present"
    return True


def is_past_ref(m: re.Match, d: DocView) -> bool:
    """'the past' but not 'the past few weeks' (a duration)."""
    if m.group("pw").lower() == "the past":
        nxt = d.next_word(m.end())
        if nxt in UNITS or nxt in ("few", "several", "two", "three", "decade"):
            return False
    return True


def is_future_ref(m: re.Match, d: DocView) -> bool:
    """'in the future', 'in future'; 'one day' only as 'some day', not 'one day after'."""
    start, end = m.span()
    w = m.group("pw").lower()
    if w == "future":
        if d.prev_word(start) not in ({"in", "near", "distant", "immediate"} | DETERMINERS) - {"the"}:
            return False
    if w in ("one day", "some day"):
        nxt = d.next_word(end)
        if nxt in ("of", "after", "before", "later", "earlier", "in", "and", "or", "a"):
            return False
        if d.prev_word(start) not in ("", ".", ",", "that", "and", "but", "will", "would", "hopes", "hope"):
            return False
    return True
