"""Quotation marks: pairing them in each paragraph, continued quotes, two apostrophes as a double mark."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .parse import _Cand


OPEN_PUNCT = "([{<—–-/\u2018\u201c\""
SCARE_MAX_WORDS = 4
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


# -- quotation-mark spans ------------------------------------------------------------------------------------

@dataclass
class _Seg:
    """A quoted stretch: [start, end) is the inner text, [open, close) includes the marks."""

    open: int
    start: int
    end: int
    close: int
    closed: bool
    para: int
    cont: bool = False  # continues the quote of the previous paragraph
    cand: _Cand | None = None
    via: str = ""
    consumed: bool = False


_DOUBLE = "\u201c\u201d\u201f\"\u00ab\u00bb"
_DQ_MARK = re.compile("[\u201c\u201d\u201f\"\u00ab\u00bb]|''")
_MARKS = re.compile("[\u201c\u201d\u201f\"\u00ab\u00bb\u2018\u2019]")


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or '?' for the quotation mark at i, from what surrounds it within [lo, hi)."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    prev_open = prev.isspace() or prev in OPEN_PUNCT
    next_close = nxt.isspace() or nxt in ".,;:!?)]}—–-…'’\"”"
    if prev_open and not next_close:
        return "open"
    if next_close and not prev_open:
        return "close"
    return "?"


def _trim(text: str, s: int, e: int, strip_end: str = ",;: ") -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in strip_end):
        e -= 1
    return s, e


def quote_segments(text: str) -> list[_Seg]:
    """Spans inside quotation marks, in text order (nested quotes stay inside their outer quote).

    A quote left open at the end of a paragraph continues when the next paragraph opens with the same kind
    of mark (the newspaper convention); a run of such paragraphs that never closes, or a quote broken off
    by another opening mark, is a stray mark and gives nothing.
    """
    found: list[tuple[_Seg, str, bool]] = []  # (segment, mark family, opens its paragraph)
    scan = _PAIRS.sub(_pair_mark, text) if "''" in text else text  # ''quoted'' (two apostrophes)
    pos = 0
    para = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        para += 1
        first = lo + len(line) - len(line.lstrip())
        opened: int | None = None  # position of the open double mark
        single: int | None = None  # position of an open single mark (top level only)
        for m in _MARKS.finditer(scan, lo, hi):
            i = m.start()
            ch = scan[i]
            if ch in _DOUBLE:
                role = _role(scan, i, lo, hi)
                if role == "?":
                    role = "open" if ch in "\u201c\u201f\u00ab" else "close" if ch in "\u201d\u00bb" else (
                        "close" if opened is not None else "open")
                if role == "open":
                    if opened is not None:
                        if not text[opened + 1:i].strip():
                            continue  # a doubled mark
                        seg = _mk(text, opened, i, False, para)
                        seg.consumed = True  # broken off by another opening mark: unreliable
                        found.append((seg, "", False))
                    opened = i
                    single = None
                elif opened is not None:
                    fam = "straight" if scan[opened] == '"' else "curly"
                    found.append((_mk(text, opened, i + 1, True, para), fam, opened <= first + 1))
                    opened = None
            elif opened is None:  # single curly marks, outside double quotes only
                role = _role(text, i, lo, hi)
                if ch == "\u2018" and role == "open":
                    single = i
                elif ch == "\u2019" and role == "close" and single is not None:
                    if _WORD.search(text, single + 1, i):
                        found.append((_mk(text, single, i + 1, True, para), "single", single == first))
                    single = None
        if opened is not None:
            fam = "straight" if scan[opened] == '"' else "curly"
            found.append((_mk(text, opened, hi, False, para), fam, opened <= first + 1))
    # continuation chains: an unclosed quote, then a paragraph opening with the same kind of mark
    keep: list[_Seg] = []
    chain: list[_Seg] = []
    chain_fam = ""
    for seg, fam, opens in found:
        if seg.consumed:
            continue
        if chain:
            if opens and fam == chain_fam and seg.para == chain[-1].para + 1:
                seg.cont = True
                chain.append(seg)
                if seg.closed:
                    keep.extend(chain)
                    chain = []
                continue
            chain = []  # never closed: stray marks
        if seg.closed:
            keep.append(seg)
        else:
            chain, chain_fam = [seg], fam
    return [g for g in keep if g.end > g.start]


def _mk(text: str, open_: int, close: int, closed: bool, para: int) -> _Seg:
    s, e = _trim(text, open_ + 1, close - 1 if closed else close)
    if open_ > 0 and text[open_ - 1:open_ + 1] == "''":
        open_ -= 1
    if closed and text[close - 1:close + 1] == "''":
        close += 1
    return _Seg(open=open_, start=s, end=e, close=close, closed=closed, para=para)


_PAIRS = re.compile("''")


def _pair_mark(m: re.Match) -> str:
    """Two apostrophes standing for a double quote: ' "' when opening, '" ' when closing (same length)."""
    text, i = m.string, m.start()
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 2] if i + 2 < len(text) else " "
    if (prev.isspace() or prev in OPEN_PUNCT) and not nxt.isspace():
        return ' "'
    return '" '


# -- the parse ---------------------------------------------------------------------------------------------
