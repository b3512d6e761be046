"""Putting it together: parse-based attributions, then quotes by adjacency, along split and continued quotes
and into the next sentence; scare quotes dropped."""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.model import ActorRef, Quote

from .adjacency import _adjacent_cue, _alnum_outside, _dash_cue, _label_cands, _word_count
from .marks import _DQ_MARK, SCARE_MAX_WORDS, _Seg, quote_segments
from .parse import _Cand, _candidates, _content_heads, _Ctx, _is_cue_verb, _np_span


def find_quotes(doc: Doc, text: str | None = None) -> list[Quote]:
    """Direct quotes and indirect speech with cue and speaker, in text order. `text` is doc.text when the
    caller has it (spaCy rebuilds doc.text from every token on each access)."""
    text = doc.text if text is None else text
    if not text.strip() or len(doc) == 0:
        return []
    segs = quote_segments(text)
    ctx = _Ctx(doc, segs, text)
    cands = _candidates(ctx)
    by_tok = {c.cue_tok.i: c for c in cands if not c.according}
    cands.extend(_label_cands(ctx))
    used: set[int] = set()  # cue tokens that already gave an indirect quote
    results: list[tuple[int, int, str, _Cand | None]] = []

    # 1. parse-based attributions
    for cand in cands:
        _attribute_by_parse(text, segs, cand, used, results)

    # 2. quotes by adjacency, then along split and continued quotes
    live = [g for g in segs if not g.consumed]
    for g in live:
        if g.cand is None:
            c = _dash_cue(ctx, g) or _adjacent_cue(ctx, g, by_tok, used)
            if c is not None:
                g.cand, g.via = c, "adjacent"
    for prev, g in zip(live, live[1:], strict=False):
        if g.cand is None and prev.cand is not None and prev.cand.cue is not None:
            if g.cont or (prev.para == g.para and _between_is_attribution(ctx, prev, g)):
                g.cand, g.via = prev.cand, "inherited"
    for g, nxt in reversed(list(zip(live, live[1:], strict=False))):
        if nxt.cont and nxt.cand is not None and g.cand is None:
            g.cand, g.via = nxt.cand, "inherited"  # a continued quote attributed at its end
    for prev, g in zip(live, live[1:], strict=False):
        # a paragraph opening with a quote, after a paragraph closing on an attributed quote:
        # the same speaker goes on (no cue of its own)
        if g.cand is None and prev.cand is not None and prev.cand.spk_tok is not None \
                and prev.cand.cue_tok is not None and prev.cand.cue_tok.pos_ in ("VERB", "AUX") \
                and g.para == prev.para + 1 and _opens_paragraph(text, g) and _closes_paragraph(ctx, prev):
            g.cand = _Cand(cue=None, cue_tok=None, spk_tok=prev.cand.spk_tok, parts=[],
                           spk_span=prev.cand.spk_span)
            g.via = "speaker-only"
    _follow_previous_sentence(ctx, live, results)
    for g in live:
        if g.cand is None and _word_count(text, g.start, g.end) <= SCARE_MAX_WORDS:
            continue
        results.append((g.start, g.end, "direct", g.cand))

    results.sort(key=lambda r: (r[0], r[1]))
    quotes: list[Quote] = []
    last_end = -1
    for s, e, kind, cand in results:
        if e <= s or (s < last_end and kind != "direct"):
            continue
        q = Quote(text=text[s:e], start=s, end=e, kind=kind)
        if cand is not None:
            if cand.cue is not None:
                q.cue_start, q.cue_end = cand.cue
                q.cue = text[cand.cue[0]:cand.cue[1]]
            if cand.spk_tok is not None and (cand.spk_span is not None or not ctx.in_quote(cand.spk_tok)):
                sp_s, sp_e = cand.spk_span or _np_span(cand.spk_tok)
                q.speaker = ActorRef(text=text[sp_s:sp_e], start=sp_s, end=sp_e)
        quotes.append(q)
        last_end = max(last_end, e)
    return quotes


def _attribute_by_parse(text: str, segs: list, cand: _Cand, used: set[int], results: list) -> None:
    """One parse candidate: the quotes its clause is made of (direct), or its clause as indirect speech,
    the quotes inside it part of it."""
    if not cand.parts:
        return
    lo, hi = cand.parts[0][0], cand.parts[-1][1]
    touched = [g for g in segs if g.open < hi and g.close > lo and not g.consumed]
    if touched:
        outside = sum(_alnum_outside(text, a, b, touched) for a, b in cand.parts)
        quoted = sum(_word_count(text, g.start, g.end) for g in touched)
        if outside == 0 or (cand.according and quoted > SCARE_MAX_WORDS):
            for g in touched:
                if g.cand is None or g.via == "adjacent":
                    g.cand, g.via = cand, "parse"
            return
    if cand.cue_tok.i in used:
        return
    parts = list(cand.parts)
    for g in touched:
        if g.open >= lo and g.close > hi:
            parts[-1] = (parts[-1][0], g.close)
        g.consumed = True
    used.add(cand.cue_tok.i)
    for a, b in parts:
        results.append((a, b, cand.kind or "indirect", cand))


def _follow_previous_sentence(ctx: _Ctx, live: list[_Seg], results: list) -> None:
    """A quote opening a sentence, right after a sentence of the same paragraph that reported the same
    speaker ('... of the proposals, Mr. Holtz-Eakin said. "They are more detailed."'), goes on with it."""
    text = ctx.text
    last_in_sent: dict[int, _Cand] = {}
    cands = [r[3] for r in results if r[3] is not None] + [g.cand for g in live if g.cand is not None]
    for c in cands:
        if c.cue is not None and c.cue_tok is not None and c.spk_tok is not None:
            si = ctx.sent_of(c.cue_tok.i)
            old = last_in_sent.get(si)
            if old is None or old.cue[0] < c.cue[0]:
                last_in_sent[si] = c
    for g in live:
        if g.cand is not None:
            continue
        before = text[:g.open].rstrip(" \t\u00a0")
        if not before or before[-1] not in ".?!\"”'":
            continue
        si = ctx.sent_of(ctx.tok_at(g.open))
        if ctx.sents[si][0] != ctx.tok_at(g.open):
            continue
        c = last_in_sent.get(si - 1)
        if c is None or "\n" in text[c.cue[0]:g.open]:
            continue
        end_prev = ctx.doc[ctx.sents[si - 1][1] - 1]
        if any(o.cand is None and c.cue[1] < o.open < g.open for o in live) or end_prev.idx > g.open:
            continue
        g.cand, g.via = c, "inherited"


def _opens_paragraph(text: str, g: _Seg) -> bool:
    return not text[text.rfind("\n", 0, g.open) + 1:g.open].strip()


def _closes_paragraph(ctx: _Ctx, g: _Seg) -> bool:
    """The quote ends its paragraph, or only its attribution follows it."""
    text = ctx.text
    end = text.find("\n", g.close)
    end = len(text) if end < 0 else end
    rest = text[g.close:end]
    if not rest.strip(" \t.,;:\u00a0"):
        return True
    cue = g.cand.cue if g.cand is not None else None
    return cue is not None and g.close <= cue[0] < end and _word_count(text, g.close, end) <= 30 \
        and not _DQ_MARK.search(rest)


def _between_is_attribution(ctx: _Ctx, a: _Seg, b: _Seg) -> bool:
    """True when the text between two quotes of a paragraph is their attribution or nothing at all
    ('"...," he said, "..."' / '"...," he said. "..."')."""
    text = ctx.text
    gap = text[a.close:b.open]
    if not gap.strip(" ,.;:—–-\u00a0"):
        return True
    cue = a.cand.cue if a.cand is not None else None
    if cue is None or not a.close <= cue[0] < b.open or _DQ_MARK.search(gap):
        return False
    if not (_word_count(text, a.close, cue[0]) <= 8 and _word_count(text, cue[1], b.open) <= 40
            and gap.rstrip(" \t\u00a0")[-1:] in (",", ".", ":", ";", "—", "–")):
        return False
    lo, hi = ctx.tok_at(a.close), ctx.tok_at(b.open)
    own = a.cand.cue_tok
    return not any(_is_cue_verb(t) and t.idx != cue[0] and t.head != own and _content_heads(t)
                   for t in ctx.doc[lo:hi])
