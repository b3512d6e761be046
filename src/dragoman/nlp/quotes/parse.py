"""Attribution candidates from the parse: a reporting verb and its clause, "according to X", statement nouns,
and the speaker of each (subject, passive agent, the source behind a medium)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from .marks import _Seg
from .vocab import (
    COGNITION_VERBS,
    INFINITIVE_VERBS,
    MEDIUM_NOUNS,
    NAMING_VERBS,
    NON_SPEAKERS,
    NOUN_CUES,
    OBJECT_VERBS,
    PHRASAL_CUES,
    SPEECH_VERBS,
    SUBORDINATORS,
)


class _Ctx:
    """Per-document lookups: token and sentence positions, quote membership."""

    def __init__(self, doc: Doc, segs: list[_Seg], text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.tok_starts = doc.to_array([IDX]).tolist() if len(doc) else []  # no Token made per word
        try:
            self.sents = [(s.start, s.end) for s in doc.sents]
        except ValueError:  # no parser or sentencizer: the whole text is one sentence
            self.sents = [(0, len(doc))]
        self.sent_starts = [s for s, _ in self.sents]
        self.segs = segs
        self.seg_opens = [s.open for s in segs]

    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def sent_of(self, tok_i: int) -> int:
        return bisect.bisect_right(self.sent_starts, tok_i) - 1

    def seg_at(self, char: int) -> _Seg | None:
        """The quote whose marks enclose char."""
        k = bisect.bisect_right(self.seg_opens, char) - 1
        if k >= 0 and self.segs[k].open <= char < self.segs[k].close:
            return self.segs[k]
        return None

    def in_quote(self, tok: Token) -> bool:
        return self.seg_at(tok.idx) is not None


_KNOWN: frozenset[str] = frozenset()


def _known() -> frozenset[str]:
    global _KNOWN
    if not _KNOWN:
        _KNOWN = (SPEECH_VERBS | COGNITION_VERBS | INFINITIVE_VERBS | OBJECT_VERBS | NAMING_VERBS
                  | frozenset(PHRASAL_CUES) | NOUN_CUES | MEDIUM_NOUNS)
    return _KNOWN


_LEMMAS: dict[tuple[str, str], str] = {}


def _lemma(tok: Token) -> str:
    """The token's lemma, mended where the lemmatiser slips on a reporting word ("hoped" -> "hop")."""
    key = (tok.lower_, tok.lemma_)
    got = _LEMMAS.get(key)
    if got is not None:
        return got
    known = _known()
    lemma = tok.lemma_.lower()
    if lemma not in known:
        w = tok.lower_
        for cand in (w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-4], w[:-3] + "y", w[:-1] + "e"):
            if len(cand) > 2 and cand in known and (w.endswith(("s", "ed", "d", "ing")) or cand == w):
                lemma = cand
                break
    if len(_LEMMAS) < 50_000:
        _LEMMAS[key] = lemma
    return lemma


def _is_cue_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = _lemma(tok)
    if lemma in NAMING_VERBS and any(c.dep_ == "oprd" for c in tok.children):
        return tok.dep_ not in ("acl", "amod", "relcl") and any(c.dep_ == "dobj" for c in tok.children)
    need = PHRASAL_CUES.get(lemma)
    if need is not None:
        return any(c.lower_ in need and c.dep_ in ("prt", "prep") for c in tok.children)
    return lemma in SPEECH_VERBS or (lemma in COGNITION_VERBS and any(c.dep_ == "ccomp" for c in tok.children))


def _cue_span(tok: Token) -> tuple[int, int]:
    """The cue's characters: the verb and an adjacent particle ("pointed out", "called for")."""
    s, e = tok.idx, tok.idx + len(tok)
    for c in tok.rights:
        if c.dep_ in ("prt",) or (c.dep_ == "prep" and _lemma(tok) in PHRASAL_CUES
                                  and c.lower_ in PHRASAL_CUES[_lemma(tok)]):
            if c.i == tok.i + 1:
                e = c.idx + len(c)
    return s, e


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by tok, without relative clauses, participle modifiers or trailing commas."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i

    def breaks(c: Token) -> bool:
        if c.dep_ in ("relcl", "acl"):
            return True
        return c.dep_ == "punct" and (c.text in ",(—–;" or (c.text == "-" and bool(
            c.whitespace_ or (c.i > 0 and doc[c.i - 1].whitespace_))))

    for c in tok.rights:
        if breaks(c):
            hi = min(hi, c.left_edge.i - 1)
            break
    for c in reversed(list(tok.lefts)):
        if breaks(c):
            lo = max(lo, c.right_edge.i + 1)
            break
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _medium_source(tok: Token) -> Token:
    """'a press release from the Ministry' -> the Ministry; "the ministry's statement" -> the ministry."""
    for _ in range(3):
        if _lemma(tok) not in MEDIUM_NOUNS:
            return tok
        nxt = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    nxt = objs[0]
                    break
            if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
                nxt = c
                break
        if nxt is None:
            return tok
        tok = nxt
    return tok


def _speaker_of(verb: Token) -> Token | None:
    """The one who speaks through `verb`: its subject, its passive agent, or that of the verb it hangs on."""
    tok = verb
    for _ in range(4):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        if passive:
            for c in tok.children:
                if c.dep_ == "agent":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        return _medium_source(objs[0])
            if tok is verb:
                return None
        else:
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if tok.dep_ == "relcl" and subjects and all(c.lower_ in ("who", "which", "that") for c in subjects):
                return _medium_source(tok.head)  # "Smith, who said ..."
            for c in tok.children:
                if c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that"):
                    continue
                if c.dep_ in ("nsubj", "csubj") and c.lower_ not in NON_SPEAKERS:
                    if c.dep_ == "csubj":
                        return None
                    return _medium_source(c)
                if c.dep_ == "nsubj":
                    return None  # "it said", "this means": an expletive or a thing
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _medium_source(tok.head)
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "before asking her"
            continue
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
            if tok.dep_ == "advcl" and tok.tag_ not in ("VBG", "VBN"):
                return None  # "because he said": an adverbial clause with its own subject is handled above
            tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and _lemma(tok.head) in MEDIUM_NOUNS:
            return _medium_source(tok.head)  # "a statement saying ..."
        return None
    return None


def _that_clause_below(tok: Token, max_depth: int = 3) -> Token | None:
    """A clause introduced by a complementiser "that" hanging under tok (the parser often attaches
    "told a meeting of leaders that ..." as a relative clause of the object)."""
    frontier = [tok]
    for _ in range(max_depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("relcl", "acl", "ccomp", "advcl") and any(
                        g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
                    return c
                if c.dep_ in ("prep", "pobj", "dobj", "dative", "compound", "amod") or c.pos_ in ("NOUN", "PROPN"):
                    nxt.append(c)
        frontier = nxt
    return None


def _content_heads(verb: Token) -> list[Token]:
    """The complement clause(s) of a reporting verb."""
    lemma = _lemma(verb)
    heads = [c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.lower_ not in SUBORDINATORS]
    if any(h.i > verb.i for h in heads):
        heads = [h for h in heads if h.i > verb.i]  # a clause before the verb is another's
    elif heads:  # "The talks will resume, he said": nothing but the subject between clause and verb
        between = verb.doc[heads[0].right_edge.i + 1:verb.i]
        opened = sum(t.text in "([" for t in between) > sum(t.text in ")]" for t in between)
        if opened or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") for t in between):
            heads = []  # "(her campaign later disclosed that ...)": the verb sits in a parenthesis
    if not heads:  # "tweeted that Machado was ...", parsed as an adverbial clause
        heads = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                 and c.left_edge.lower_ == "that" and c.left_edge.dep_ in ("mark", "advmod", "nsubj")][:1]
    if heads:
        return heads
    if lemma in INFINITIVE_VERBS or verb.dep_ == "relcl":  # "... Serbs, which he said aim to ..."
        heads = [c for c in verb.children if c.dep_ == "xcomp"]
        if not heads:  # "called on the EU to act": the infinitive hangs on the preposition's object
            for c in verb.children:
                if c.dep_ == "prep":
                    heads = [g for g in c.subtree if g.dep_ == "xcomp" and g.head.head == c]
                    if heads:
                        break
        if heads:
            return heads
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "prep", "npadvmod"):
            h = _that_clause_below(c)
            if h is not None:
                return [h]
    if lemma in OBJECT_VERBS:  # "denied the allegations", "announced his resignation"
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in NON_SPEAKERS]
        if objs:
            return objs
    if lemma == "accuse" and not _is_passive(verb) and verb.dep_ not in ("acl", "amod"):  # "accused X of lying"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return [c]
    if lemma == "call":  # "called for an investigation"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                return [g for g in c.children if g.dep_ == "pobj"]
    return []


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


# -- attribution candidates -----------------------------------------------------------------------------------

@dataclass
class _Cand:
    """One attribution: its cue, its speaker and (when the parse gives one) its content."""

    cue: tuple[int, int] | None
    cue_tok: Token | None
    spk_tok: Token | None
    parts: list[tuple[int, int]]  # content character ranges
    according: bool = False
    spk_span: tuple[int, int] | None = None  # when not the noun phrase of spk_tok
    kind: str | None = None


def _clause_parts(ctx: _Ctx, head: Token, cut: Token | None = None) -> list[tuple[int, int]]:
    """Character ranges of head's subtree (minus `cut`'s subtree), trimmed of edge punctuation."""
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    # "promised to stay and said she would fight", "... in 2012, arguing that ...": a second report at the
    # end of the clause is its own attribution
    for t in head.subtree:
        if t.i > head.i and t.dep_ in ("conj", "advcl") and t.right_edge.i + 1 >= hi - 1 \
                and (t.dep_ == "conj" or t.tag_ == "VBG") and _is_cue_verb(t) and _content_heads(t):
            hi = t.left_edge.i
            while hi > lo and ctx.doc[hi - 1].dep_ in ("cc", "punct"):
                hi -= 1
            break
    ranges = [(lo, hi)]
    if cut is not None:
        clo, chi = cut.left_edge.i, cut.right_edge.i + 1
        ranges = [(lo, clo), (chi, hi)]
    out = []
    doc = ctx.doc
    for a, b in ranges:
        while a < b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in "“\"‘":
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b - a >= 1 and any(not doc[k].is_punct for k in range(a, b)):
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1])))
    return out


def _span_parts(ctx: _Ctx, lo_tok: Token, hi_tok: Token) -> list[tuple[int, int]]:
    doc = ctx.doc
    a, b = lo_tok.i, hi_tok.i + 1
    while a < b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in "“\"‘":
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))] if b > a else []


_DATELINE = re.compile(r"[A-Z][A-Z.' ]+(?:, [A-Z][A-Za-z.]+)*(?: \([A-Za-z ]+\))? *(?:[—―–]|--?)\s*")


def _skip_dateline(text: str, part: tuple[int, int]) -> tuple[int, int]:
    """'WASHINGTON ― Donald Trump's ...' -> 'Donald Trump's ...' (a dateline opening the paragraph)."""
    s, e = part
    if s == 0 or text[s - 1] == "\n":
        m = _DATELINE.match(text, s, e)
        if m and m.end() < e:
            return m.end(), e
    return part


def _according(ctx: _Ctx, tok: Token) -> _Cand | None:
    doc = ctx.doc
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = [doc[tok.i + 1]]
    if not to:
        return None
    objs = [g for g in to[0].children if g.dep_ == "pobj"]
    spk = _medium_source(objs[0]) if objs else None
    head = tok.head
    if head is tok or head.i == to[0].i:
        return None
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head is not head:
        head = head.head
    parts = [_skip_dateline(ctx.text, p) for p in _clause_parts(ctx, head, cut=tok)]
    cue = (tok.idx, to[0].idx + len(to[0]))
    return _Cand(cue=cue, cue_tok=tok, spk_tok=spk, parts=parts, according=True)


def _noun_cue(ctx: _Ctx, tok: Token) -> _Cand | None:
    """"his claim that ...", "a statement by the ministry that ..."."""
    head = None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp", "relcl", "appos") and any(
                g.lower_ == "that" and g.dep_ == "mark" for g in c.children) and c.i > tok.i:
            head = c
            break
    if head is None:
        return None
    spk = None
    for c in tok.children:
        if c.dep_ == "poss":
            spk = c
        elif c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") and c.i < head.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            spk = objs[0] if objs else spk
    return _Cand(cue=(tok.idx, tok.idx + len(tok)), cue_tok=tok, spk_tok=spk, parts=_clause_parts(ctx, head))


def _cue_kind(tok: Token) -> str | None:
    """What kind of cue a token may be: 'according', a statement noun, a reporting verb, or none."""
    if tok.lower_ == "according":
        return "according"
    if tok.pos_ == "NOUN" and _lemma(tok) in NOUN_CUES:
        return "noun"
    return "verb" if _is_cue_verb(tok) else None


def _candidates(ctx: _Ctx) -> list[_Cand]:
    out: list[_Cand] = []
    for tok in ctx.doc:
        kind = _cue_kind(tok)
        # a cue inside someone's quote belongs to the quoted speech, not to the article (asked second: most
        # words are no cue, and the cue test is cheaper than the quote lookup)
        if kind is None or ctx.in_quote(tok):
            continue
        if kind == "according":
            cand = _according(ctx, tok)
            if cand is not None:
                out.append(cand)
            continue
        if kind == "noun":
            cand = _noun_cue(ctx, tok)
            if cand is not None:
                out.append(cand)
            continue
        heads = _content_heads(tok)
        parts: list[tuple[int, int]] = []
        cue = _cue_span(tok)
        if heads:
            for h in heads:
                parts.extend(_clause_parts(ctx, h))
        elif tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX") and not _is_cue_verb(tok.head) \
                and tok.right_edge.i - tok.left_edge.i <= 10:
            # "The talks, he said, would resume" / "We are ready," he said.
            parts = _clause_parts(ctx, tok.head, cut=tok)
        elif _lemma(tok) in NAMING_VERBS:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            preds = [c for c in tok.children if c.dep_ == "oprd"]
            if objs and preds and objs[0].i < preds[0].i:  # "called the plan a disaster"
                parts = _span_parts(ctx, objs[0].left_edge, preds[0].right_edge)
        elif _is_passive(tok) and any(c.dep_ == "agent" for c in tok.children):
            subj = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ not in NON_SPEAKERS]
            if subj:  # "Serbia's commitment ... was reiterated by the Ministry"
                parts = _clause_parts(ctx, subj[0])
        parts = [p for p in parts if not (p[0] <= cue[0] < p[1])] or parts
        spk = _speaker_of(tok)
        span = None
        if spk is None or ctx.in_quote(spk):
            spk, span = _near_speaker(ctx, tok)
        if spk is None and tok.tag_ in ("VBG", "VB") and (tok.head.pos_ == "ADJ" or tok.head.lower_ == "worth"):
            continue  # "it is worth noting that ...", "it is fair to say that ...": the writer's own voice
        out.append(_Cand(cue=cue, cue_tok=tok, spk_tok=spk, parts=parts, spk_span=span))
    return out


_NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM"})


def _near_speaker(ctx: _Ctx, verb: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """When the parse gives no usable subject right after a quote ('"...," Chief Jordan said'), the noun
    phrase just before the verb, or just after it ('said Chief Jordan')."""
    doc = ctx.doc
    k = verb.i - 1
    while k >= 0 and (doc[k].tag_ in ("RB", "MD") or doc[k].dep_ in ("aux", "neg")):
        k -= 1
    near_quote = any(ctx.in_quote(doc[j]) for j in range(max(0, verb.i - 10), verb.i))
    if not near_quote:
        return None, None
    if k >= 0 and not ctx.in_quote(doc[k]) and doc[k].pos_ in ("PROPN", "NOUN", "PRON") \
            and doc[k].lower_ not in NON_SPEAKERS:
        lo = k
        while lo > 0 and doc[lo - 1].pos_ in _NP_POS and not ctx.in_quote(doc[lo - 1]) and doc[lo - 1].text != "”":
            lo -= 1
        return doc[k], (doc[lo].idx, doc[k].idx + len(doc[k]))
    k = verb.i + 1
    if k < len(doc) and doc[k].pos_ in ("PROPN", "DET", "NOUN") and not ctx.in_quote(doc[k]):
        hi = k
        while hi + 1 < len(doc) and doc[hi + 1].pos_ in _NP_POS and not ctx.in_quote(doc[hi + 1]):
            hi += 1
        if doc[hi].pos_ in ("PROPN", "NOUN"):
            return doc[hi], (doc[k].idx, doc[hi].idx + len(doc[hi]))
    return None, None
