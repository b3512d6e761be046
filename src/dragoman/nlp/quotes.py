"""Quotes and attributions: who said what, in their own words or reported, and according to whom.

Rule-based over a spaCy parse (no model of its own):

1. Quotation-mark spans are found by scanning the text, paragraph by paragraph (straight and curly double
   quotes, curly single quotes at top level; a quote left open at a paragraph end and reopened at the start
   of the next one is a continuation).
2. Reporting verbs (a hand-written list) with a clausal complement give attributions: the complement is the
   content, the verb's subject (or passive agent, or the subject of the verb it hangs on) the speaker.
   "according to X" attaches to the clause it modifies. When the content is (nearly) all inside quotation
   marks the quote itself is the content ("direct"); otherwise the clause is ("indirect").
3. Quotes not reached by the parse are attributed by adjacency ("...," X said / X said: "..." / a lead-in
   sentence ending with a colon), split quotes share the attribution of their first part, and a quote
   continuing a quoted paragraph inherits its attribution.
4. Short quotes (four words or fewer) with no cue are scare quotes or titles and are dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dragoman.model import ActorRef, Quote

# -- lexicon ---------------------------------------------------------------------------------------------------

# verbs of saying / writing / reporting that take a clausal complement ("X <verb> (that) ...")
SPEECH_VERBS = frozenset("""
say tell add note report announce state declare claim insist stress emphasise emphasize warn deny argue
assert contend maintain allege admit acknowledge concede confirm reveal disclose explain write tweet post blog
predict promise pledge vow reply respond answer retort counter recall remark comment observe mention suggest
indicate hint imply complain lament boast brag joke quip muse speculate estimate forecast testify swear assure
reassure remind inform advise caution threaten urge ask demand request plead implore beg appeal propose
recommend agree disagree dispute conclude continue reiterate repeat underline underscore highlight signal
clarify specify stipulate protest charge object rebut whisper shout yell scream exclaim proclaim murmur mutter
confess affirm reaffirm opine theorize theorise posit surmise question wonder brief notify acknowledge concur
instruct order encourage invite challenge press email text write declare pronounce teach tout vouch guarantee
predict project accuse criticize criticise blast slam decry insinuate allege fume rail thunder gush
""".split())

# verbs whose content is usually an infinitive ("urged the EU to use its influence")
INFINITIVE_VERBS = frozenset("""
urge ask tell warn call promise pledge vow threaten order advise encourage invite demand appeal implore beg
press instruct remind caution request challenge plead push exhort
""".split())

# verbs of belief and findings: attributions too, but only with a clausal complement
# ("Trump believes the polls are rigged", "the poll found that ...")
COGNITION_VERBS = frozenset("""
believe think know hope fear expect feel worry doubt suspect show find
""".split())

# phrasal cues: the verb needs this particle or preposition to be a cue ("call for", "point out")
PHRASAL_CUES = {"point": ("out",), "call": ("for", "on", "upon"), "hit": ("back",), "fire": ("back",),
                "lash": ("out",), "speak": ("out",), "go": ("on",)}

# nouns that report a statement when followed by a that-clause ("his claim that ...")
NOUN_CUES = frozenset("""
claim assertion allegation statement argument warning suggestion insistence promise pledge announcement
accusation contention remark comment assurance prediction denial admission charge testimony reminder vow
""".split())

# verbs that characterise by naming: "called the plan a disaster"
NAMING_VERBS = frozenset({"call", "label", "dub", "brand"})

# nouns that name the medium of a statement: "a press release from X" -> the speaker is X
MEDIUM_NOUNS = frozenset("""
release statement report communique communiqué letter tweet post email e-mail memo memorandum interview
announcement document filing note message video transcript editorial op-ed column article speech remarks
briefing blog website site page account conference declaration notice press
""".split())

PERSONAL_PRONOUNS = frozenset({"he", "she"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# words that cannot be a speaker on their own
NON_SPEAKERS = frozenset({"it", "this", "that", "there", "which", "what"})

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
        for m in _MARKS.finditer(text, lo, hi):
            i = m.start()
            ch = text[i]
            if ch in _DOUBLE:
                role = _role(text, i, lo, hi)
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
                    fam = "straight" if text[opened] == '"' else "curly"
                    found.append((_mk(text, opened, i + 1, True, para), fam, opened == first))
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
            fam = "straight" if text[opened] == '"' else "curly"
            found.append((_mk(text, opened, hi, False, para), fam, opened == first))
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
    return _Seg(open=open_, start=s, end=e, close=close, closed=closed, para=para)


# -- the parse ---------------------------------------------------------------------------------------------

class _Ctx:
    """Per-document lookups: token and sentence positions, quote membership."""

    def __init__(self, doc: Doc, segs: list[_Seg]):
        self.doc = doc
        self.text = doc.text
        self.tok_starts = [t.idx for t in doc]
        self.sents = [(s.start, s.end) for s in doc.sents]
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


def _is_cue_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in NAMING_VERBS and any(c.dep_ == "oprd" for c in tok.children):
        return True
    need = PHRASAL_CUES.get(lemma)
    if need is not None:
        return any(c.lower_ in need and c.dep_ in ("prt", "prep") for c in tok.children)
    return lemma in SPEECH_VERBS or (lemma in COGNITION_VERBS and any(c.dep_ == "ccomp" for c in tok.children))


def _cue_span(tok: Token) -> tuple[int, int]:
    """The cue's characters: the verb and an adjacent particle ("pointed out", "called for")."""
    s, e = tok.idx, tok.idx + len(tok)
    for c in tok.rights:
        if c.dep_ in ("prt",) or (c.dep_ == "prep" and tok.lemma_.lower() in PHRASAL_CUES
                                  and c.lower_ in PHRASAL_CUES[tok.lemma_.lower()]):
            if c.i == tok.i + 1:
                e = c.idx + len(c)
    return s, e


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by tok, without relative clauses, participle modifiers or trailing commas."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    for c in tok.rights:
        if c.dep_ in ("relcl", "acl") or (c.dep_ == "punct" and c.text in ",(—–-"):
            hi = min(hi, c.i - 1)
            break
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("relcl", "acl", "punct") and c.i < tok.i and c.text in ",(—–-":
            lo = max(lo, c.i + 1)
            break
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _medium_source(tok: Token) -> Token:
    """'a press release from the Ministry' -> the Ministry; "the ministry's statement" -> the ministry."""
    for _ in range(3):
        if tok.lemma_.lower() not in MEDIUM_NOUNS:
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
            for c in tok.children:
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
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return _medium_source(tok.head)
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
    lemma = verb.lemma_.lower()
    heads = [c for c in verb.children if c.dep_ == "ccomp"]
    if heads:
        return heads
    if lemma in INFINITIVE_VERBS:
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
    if lemma == "accuse":  # "accused X of lying"
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
    for c in head.rights:  # "promised to stay and said she would fight": the second report is its own
        if c.dep_ == "conj" and _is_cue_verb(c) and _content_heads(c):
            hi = c.left_edge.i
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
    parts = _clause_parts(ctx, head, cut=tok)
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


def _candidates(ctx: _Ctx) -> list[_Cand]:
    out: list[_Cand] = []
    for tok in ctx.doc:
        if ctx.in_quote(tok):
            continue  # a cue inside someone's quote belongs to the quoted speech, not to the article
        low = tok.lower_
        if low == "according":
            cand = _according(ctx, tok)
            if cand is not None:
                out.append(cand)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES:
            cand = _noun_cue(ctx, tok)
            if cand is not None:
                out.append(cand)
            continue
        if not _is_cue_verb(tok):
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
        elif tok.lemma_.lower() in NAMING_VERBS:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            preds = [c for c in tok.children if c.dep_ == "oprd"]
            if objs and preds and objs[0].i < preds[0].i:  # "called the plan a disaster"
                parts = _span_parts(ctx, objs[0].left_edge, preds[0].right_edge)
        elif _is_passive(tok) and any(c.dep_ == "agent" for c in tok.children):
            subj = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ not in NON_SPEAKERS]
            if subj:  # "Serbia's commitment ... was reiterated by the Ministry"
                parts = _clause_parts(ctx, subj[0])
        parts = [p for p in parts if not (p[0] <= cue[0] < p[1])] or parts
        out.append(_Cand(cue=cue, cue_tok=tok, spk_tok=_speaker_of(tok), parts=parts))
    return out


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
            if c is not None and k not in used:
                if ends_clause or seen <= 3:
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
    return None


def _word_count(text: str, s: int, e: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, s, e))


_DASHES = "—―–-"
LABEL_STOP = frozenset("""
note update editor photo photos video watch read related source sources correction clarification warning
breaking exclusive q a question answer transcript listen advertisement image caption credit credits
disclosure disclaimer summary analysis opinion live latest more also see file sign subscribe follow
""".split())


def _dash_cue(ctx: _Ctx, seg: _Seg) -> _Cand | None:
    """'"..." ― Jane Doe': a dash and a name right after the closing mark."""
    text, doc = ctx.text, ctx.doc
    i = seg.close
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    if i >= len(text) or text[i] not in _DASHES:
        return None
    k = ctx.tok_at(i)
    if doc[k].idx != i or not doc[k].is_punct:
        return None
    names = []
    for t in doc[k + 1:k + 7]:
        if t.pos_ == "PROPN" or (names and t.text in (".", "-")):
            names.append(t)
        else:
            break
    while names and not names[-1].is_alpha:
        names.pop()
    if not names:
        return None
    return _Cand(cue=(doc[k].idx, doc[k].idx + len(doc[k])), cue_tok=doc[k], spk_tok=names[-1],
                 parts=[], spk_span=(names[0].idx, names[-1].idx + len(names[-1])))


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
        if any(t.like_num or t.ent_type_ in ("DATE", "TIME", "GPE") and not caps for t in words):
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


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct quotes and indirect speech with cue and speaker, in text order."""
    text = doc.text
    if not text.strip() or len(doc) == 0:
        return []
    segs = quote_segments(text)
    ctx = _Ctx(doc, segs)
    cands = _candidates(ctx)
    by_tok = {c.cue_tok.i: c for c in cands if not c.according}
    cands.extend(_label_cands(ctx))
    used: set[int] = set()  # cue tokens that already gave an indirect quote
    results: list[tuple[int, int, str, _Cand | None]] = []

    # 1. parse-based attributions
    for cand in cands:
        if not cand.parts:
            continue
        lo, hi = cand.parts[0][0], cand.parts[-1][1]
        touched = [g for g in segs if g.open < hi and g.close > lo and not g.consumed]
        if touched:
            outside = sum(_alnum_outside(text, a, b, touched) for a, b in cand.parts)
            if cand.according or outside == 0:
                for g in touched:
                    if g.cand is None or g.via == "adjacent":
                        g.cand, g.via = cand, "parse"
                continue
        if cand.cue_tok.i in used:
            continue
        # indirect: the clause; quotes inside it are part of it
        parts = list(cand.parts)
        for g in touched:
            if g.open >= lo and g.close > hi:
                parts[-1] = (parts[-1][0], g.close)
            g.consumed = True
        used.add(cand.cue_tok.i)
        for a, b in parts:
            results.append((a, b, cand.kind or "indirect", cand))

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
                and g.para == prev.para + 1 and _opens_paragraph(text, g) and _closes_paragraph(ctx, prev):
            g.cand = _Cand(cue=None, cue_tok=None, spk_tok=prev.cand.spk_tok, parts=[],
                           spk_span=prev.cand.spk_span)
            g.via = "speaker-only"
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
            if cand.spk_tok is not None:
                q.speaker = _actor(ctx, cand.spk_tok, cand.spk_span)
        quotes.append(q)
        last_end = max(last_end, e)
    return quotes


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
        and not _MARKS.search(rest)


def _between_is_attribution(ctx: _Ctx, a: _Seg, b: _Seg) -> bool:
    """True when the text between two quotes of a paragraph is their attribution or nothing at all."""
    gap = ctx.text[a.close:b.open]
    words = _word_count(ctx.text, a.close, b.open)
    if words == 0 or not gap.strip(" ,.;:—–-\u00a0"):
        return True
    cue = a.cand.cue if a.cand is not None else None
    return cue is not None and a.close <= cue[0] < b.open and words <= 30


# -- speakers -----------------------------------------------------------------------------------------------

def _actor(ctx: _Ctx, tok: Token, span: tuple[int, int] | None = None) -> ActorRef:
    s, e = span or _np_span(tok)
    ref = ActorRef(text=ctx.text[s:e], start=s, end=e)
    low = tok.lower_
    if tok.pos_ == "PRON" or low in SPEAKER_PRONOUNS:
        if low in PERSONAL_PRONOUNS:
            ref.name = _antecedent(ctx, tok)
        return ref
    ref.name = _entity_name(tok)
    return ref


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"[’']s?$", "", text).strip()


def _entity_name(tok: Token) -> str | None:
    """The named entity the speaker phrase is headed by (or its apposition names)."""
    if tok.ent_type_ in NAME_LABELS:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return _clean_name(ent.text)
    for c in tok.children:
        if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG"):
            return _entity_name(c)
    return None


def _antecedent(ctx: _Ctx, pron: Token) -> str | None:
    """Nearest preceding PERSON in this or the two previous sentences; a subject one if there is."""
    si = ctx.sent_of(pron.i)
    first_tok = ctx.sents[max(0, si - 2)][0]
    best = None
    for ent in reversed(ctx.doc.ents):
        if ent.end > pron.i or ent.label_ != "PERSON":
            continue
        if ent.start < first_tok:
            break
        if ctx.in_quote(ent[0]):
            continue
        if ent.root.dep_ in SUBJ_DEPS:
            return _clean_name(ent.text)
        if best is None:
            best = _clean_name(ent.text)
    return best
