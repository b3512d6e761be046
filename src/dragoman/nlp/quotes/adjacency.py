"""Quotes the parse did not reach, attributed by what stands next to them: ", X said", "X said:", a lead-in
ending with a colon, "― Name", and transcript labels ("PENCE: ...")."""

from __future__ import annotations

import re

from .marks import _WORD, _Seg, _trim
from .parse import _Cand, _Ctx
from .vocab import LABEL_STOP

# -- assembling ---------------------------------------------------------------------------------------------

def _alnum_outside(text: str, s: int, e: int, segs: list[_Seg]) -> int:
    """Words in text[s:e] that are not inside any of segs."""
    n = 0
    for m in _WORD.finditer(text, s, e):
        if not any(g.open <= m.start() < g.close for g in segs) and m.group().lower() != "that":
            n += 1
    return n


def _adjacent_cue(ctx: _Ctx, seg: _Seg, by_tok: dict[int, _Cand], used: set[int]) -> _Cand | None:
    """A cue right after the closing mark ('...,' she said) or right before the opening one (she said: '...')."""
    doc, text = ctx.doc, ctx.text
    n = len(doc)
    # after: within the sentence of the closing mark, a few tokens on, before any other quote
    if seg.closed:
        i = ctx.tok_at(seg.close)
        if i < n and doc[i].idx < seg.close:
            i += 1
        sent_end = ctx.sents[ctx.sent_of(min(i, n - 1))][1] if i < n else n
        # the quote should end its clause: punctuation inside or right after the closing mark
        inner_end = text[seg.end:seg.close].strip()
        after = text[seg.close:seg.close + 2].lstrip()
        ends_clause = any(ch in inner_end for ch in ",?!—–-…") or (after[:1] in (",", "—", "–"))
        seen = 0
        k = i
        while k < n and seen < 9:
            t = doc[k]
            if ctx.in_quote(t) or (k >= sent_end and seen > 0):
                break
            if not (t.is_punct or t.is_space):
                seen += 1
            c = by_tok.get(k)
            if c is not None:
                if k not in used and (ends_clause or seen <= 3):
                    return c
                break
            k += 1
    # before: the clause leading into the quote ends with a colon or comma, or the cue itself, or "that"
    j = ctx.tok_at(seg.open) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j >= 0 and ctx.sent_of(j) == ctx.sent_of(ctx.tok_at(seg.open)) and not ctx.in_quote(doc[j]):
        lead = doc[j]
        if lead.text in (":", ",", "—", "–") or lead.lower_ == "that" or j in by_tok:
            seen = 0
            k = j
            sent_start = ctx.sents[ctx.sent_of(j)][0]
            while k >= sent_start and seen < 12:
                t = doc[k]
                if ctx.in_quote(t):
                    break
                if not (t.is_punct or t.is_space):
                    seen += 1
                c = by_tok.get(k)
                if c is not None and (k not in used or c.parts == []):
                    return c
                k -= 1
    # lead-in sentence ending with a colon: 'Trump said Monday:' / 'In a statement, the ministry wrote:'
    if ctx.tok_at(seg.open) == ctx.sents[ctx.sent_of(ctx.tok_at(seg.open))][0] or \
            not text[text.rfind("\n", 0, seg.open) + 1:seg.open].strip():
        j = ctx.tok_at(seg.open) - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in "“\"‘"):
            j -= 1
        if j >= 0 and doc[j].text == ":" and not ctx.in_quote(doc[j]):
            si = ctx.sent_of(j)
            for k in range(j - 1, ctx.sents[si][0] - 1, -1):
                c = by_tok.get(k)
                if c is not None and not ctx.in_quote(doc[k]) and (k not in used or c.parts == []):
                    return c
    # 'Warren Hammers Wells Fargo CEO: "You Should Resign"': a named subject before the colon
    j = ctx.tok_at(seg.open) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j > 0 and doc[j].text == ":" and not ctx.in_quote(doc[j]):
        verb = doc[j].head
        if verb.pos_ in ("VERB", "AUX") and verb.i < j:
            subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
            if subj and (subj[0].pos_ == "PROPN" or subj[0].ent_type_ in ("PERSON", "ORG")):
                return _Cand(cue=(verb.idx, verb.idx + len(verb)), cue_tok=verb, spk_tok=subj[0], parts=[])
    return None


def _word_count(text: str, s: int, e: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, s, e))


_DASHES = "—―–-"


def _dash_cue(ctx: _Ctx, seg: _Seg) -> _Cand | None:
    """'"..." ― Jane Doe': a dash and a name right after the closing mark."""
    text, doc = ctx.text, ctx.doc
    m = re.compile(r"[ \t\u00a0]*([—―–]|--?)[ \t\u00a0]*").match(text, seg.close)
    if not m or not seg.closed:
        return None
    k = ctx.tok_at(m.end())
    if doc[k].idx < m.end():
        k += 1
    names = []
    for t in doc[k:k + 6]:
        if "\n" in t.text or (names and "\n" in doc[t.i - 1].whitespace_):
            break
        if t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or (names and t.text in (".", "-")):
            names.append(t)
        else:
            break
    while names and not names[-1].is_alpha:
        names.pop()
    if not names:
        return None
    d = ctx.tok_at(m.start(1))
    return _Cand(cue=m.span(1), cue_tok=doc[d], spk_tok=names[-1], parts=[],
                 spk_span=(names[0].idx, names[-1].idx + len(names[-1])))


def _label_cands(ctx: _Ctx) -> list[_Cand]:
    """Transcript and headline labels: "PENCE: Well, look ..." / "Pence: Flowers won't be at debate"."""
    out = []
    doc, text = ctx.doc, ctx.text
    for m in re.finditer(r"(?m)^[ \t]*([^\n:]{2,60}?):[ \t]+(\S[^\n]*)$", text):
        label_s, label_e = m.span(1)
        toks = [doc[k] for k in range(ctx.tok_at(label_s), ctx.tok_at(label_e - 1) + 1)]
        words = [t for t in toks if not t.is_punct]
        if not 1 <= len(words) <= 4 or any(t.lower_ in LABEL_STOP for t in words):
            continue
        caps = all(t.is_upper and t.is_alpha for t in words)
        if not caps and not all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words):
            continue
        if any(t.like_num or t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for t in words):
            continue
        cs, ce = _trim(text, m.start(2), m.end(2), " ")
        if _word_count(text, cs, ce) < 2:
            continue
        colon = doc[ctx.tok_at(label_e)]
        if colon.text != ":":
            continue
        out.append(_Cand(cue=(colon.idx, colon.idx + 1), cue_tok=colon, spk_tok=words[-1], parts=[(cs, ce)],
                         spk_span=(words[0].idx, words[-1].idx + len(words[-1])),
                         kind="direct" if caps else None))
    return out
