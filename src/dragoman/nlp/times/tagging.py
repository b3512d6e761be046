"""Tagging a parsed doc: candidates from the rules around trigger words, checked against the parse,
settled longest first, completed by spaCy's DATE/TIME entities, and normalised in text order so that
anaphoric expressions count from the last date the article mentioned."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from dragoman.model import TimeExpr

from .calendar import safe_date
from .checks import plausible
from .docview import DocView
from .grammar import AFTER, BEFORE, WORD, Ctx, Rule, grp
from .normalise import apply_rule, precision_of
from .rulebook import ENTITY_RULES, NO_REF_RULES, PRIORITY, RULES
from .tense import tense_for
from .vocab import TRIGGER_KINDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around trigger words, merged, with the kinds of trigger each holds."""
    wins: list[tuple[int, int, set[str]]] = []
    n = len(text)
    kinds_of = TRIGGER_KINDS
    for w in WORD.finditer(text):
        word = w.group()
        kind = "num" if word[0].isdigit() else kinds_of.get(word.lower())
        if kind is None:
            continue
        a = w.start() - BEFORE
        b = w.end() + AFTER
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


def _candidates(d: DocView) -> list[tuple[int, int, Rule, re.Match]]:
    out = []
    text = d.text
    for ws, we, kinds in _windows(text):
        for rule in RULES:
            if rule.needs.isdisjoint(kinds):
                continue
            for m in rule.regex.finditer(text, ws, we):
                out.extend(_candidate(rule, m, d))
    return out


def _candidate(rule: Rule, m: re.Match, d: DocView) -> list[tuple[int, int, Rule, re.Match]]:
    s, e = m.span()
    if e == s or not plausible(rule, m, d):
        return []
    while e > s and d.text[e - 1] in " ,;:":
        e -= 1
    return [(s, e, rule, m)]


def _select(cands: list[tuple[int, int, Rule, re.Match]]) -> list[tuple[int, int, Rule, re.Match]]:
    """Non-overlapping candidates, longest first (earlier rules win ties)."""
    order = sorted(cands, key=lambda c: (-(c[1] - c[0]), PRIORITY[c[2].name], c[0]))
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
        d = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
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


def tag_times(doc: Doc, anchor: date | None, text: str | None = None) -> list[TimeExpr]:
    """Every temporal expression in a parsed doc, normalised against anchor (the publication date). `text` is
    doc.text when the caller has it."""
    d = DocView(doc, text)
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
        tense = tense_for(doc, text, s, e) if (rule is None or rule.tense) else None
        ctx = Ctx(anchor, tense, ref, coarse)
        if rule is None:
            found = _ent_match(d, s, e)
            if found is None:
                continue
            rule, m = found
            res = apply_rule(rule, m, ctx)
            if res is None:
                continue
            value, typ = res
            prec = precision_of(value)
        else:
            res = apply_rule(rule, m, ctx)
            if res is None:
                continue
            value, typ = res
            prec = precision_of(value)
        out.append(TimeExpr(text=text[s:e], start=s, end=e, value=value, precision=prec, type=typ))
        if rule is not None and rule.name in ("clock", "hour_in_the") and value and not grp(m, "wd") \
                and not grp(m, "cdate") and not grp(m, "cpod2"):
            bare_clocks.append(len(out) - 1)
        if typ in ("DATE", "TIME") and rule.name not in NO_REF_RULES and not (
                rule.name == "quarter" and re.search(r"year[-\s](?:earlier|ago)", m.group(0), re.I)):
            r = _ref_from(value)
            if r:
                coarse = r
                if r[1] == "day":
                    ref = r[0]
    for i in bare_clocks:
        _date_clock_from_sentence(d, out, i)
    return out


def _date_clock_from_sentence(d: DocView, out: list[TimeExpr], i: int) -> None:
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


def _ent_match(d: DocView, s: int, e: int) -> tuple[Rule, re.Match] | None:
    """A rule that matches the whole of a spaCy entity and passes the context checks."""
    for rule in RULES:
        if rule.name not in ENTITY_RULES:
            continue
        m = rule.regex.fullmatch(d.text, s, e)
        if m and plausible(rule, m, d):
            return rule, m
    return None
