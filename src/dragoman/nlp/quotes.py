"""Quotes and attributions: who said what, in their own words or reported, and according to whom.

Rule-based over the spaCy parse (nothing trained, no data files); about 3% of the parse time.

1. Quotation marks are paired by scanning each paragraph: straight and curly double quotes, two apostrophes
   used as a double quote, curly single quotes at top level. Whether a mark opens or closes is read from its
   neighbours first and its shape second. A quote left open at a paragraph end continues when the next
   paragraph opens with the same kind of mark; a run that never closes is a stray mark and is ignored.
2. Attribution candidates come from the parse: a reporting verb from a hand-written lexicon with its
   complement clause (ccomp, a that-clause the parser hung elsewhere, an infinitive for "urge"/"ask"/...,
   the object of "announce"/"deny"/..., "called X Y"), beliefs and findings with a clause ("believes that",
   "the poll found that"), "according to X" with the clause it modifies, statement nouns with a that-clause
   ("his claim that ..."), and transcript or headline labels ("PENCE: ...").
   The speaker is the verb's subject, its passive agent ("it was reported by X"), the subject of the verb it
   hangs on ("..., saying that ..."), the antecedent of "who", or the source behind a medium
   ("a press release from the Ministry" -> the Ministry).
3. A candidate whose content is all inside quotation marks attributes those quotes ("direct"); otherwise its
   clause is the content ("indirect"), partial quotes included. With "according to", quoted words of more
   than four words are the content even inside a longer clause.
4. Quotes the parse did not reach are attributed by adjacency (", X said" after the closing mark; "X said:"
   or "X said," before the opening one; a lead-in sentence ending with a colon; "― Name" after it), then
   along split quotes ('"...," he said, "..."'), continued paragraphs and the next sentence of the same
   paragraph. A paragraph that is only a quote, after a paragraph ending on an attributed quote, keeps
   that speaker but gets no cue of its own.
5. Quotes of four words or fewer with no cue are scare quotes or titles and are dropped; longer ones are kept
   without speaker.
6. For he/she speakers, ActorRef.name is the person most recently named (a subject preferred) in the same
   or the two previous sentences; a bare surname is expanded to the full name seen earlier.
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
confess affirm reaffirm opine theorize theorise posit surmise question wonder brief notify concur instruct
order encourage invite challenge press email text pronounce tout vouch guarantee project accuse criticize
criticise blast slam decry insinuate fume rail thunder gush
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

# verbs whose direct object is itself the message ("announced his resignation")
OBJECT_VERBS = frozenset("announce deny confirm reveal predict promise propose claim acknowledge".split())

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

# a clause opening with one of these is adverbial, not what was said
SUBORDINATORS = frozenset("after before when while because since although though until unless once as".split())
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

class _Ctx:
    """Per-document lookups: token and sentence positions, quote membership."""

    def __init__(self, doc: Doc, segs: list[_Seg]):
        self.doc = doc
        self.text = doc.text
        self.tok_starts = [t.idx for t in doc]
        try:
            self.sents = [(s.start, s.end) for s in doc.sents]
        except ValueError:  # no parser or sentencizer: the whole text is one sentence
            self.sents = [(0, len(doc))]
        self.sent_starts = [s for s, _ in self.sents]
        self.segs = segs
        self.seg_opens = [s.open for s in segs]
        self.persons: list[tuple[int, int, str, bool]] | None = None
        self.speaker_heads: set[int] = set()  # tokens heading a speaker phrase

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
        if tok.pos_ == "NOUN" and _lemma(tok) in NOUN_CUES:
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
LABEL_STOP = frozenset("""
note update editor photo photos video watch read related source sources correction clarification warning
breaking exclusive q a question answer transcript listen advertisement image caption credit credits
disclosure disclaimer summary analysis opinion live latest more also see file sign subscribe follow
""".split())


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


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct quotes and indirect speech with cue and speaker, in text order."""
    text = doc.text
    if not text.strip() or len(doc) == 0:
        return []
    segs = quote_segments(text)
    ctx = _Ctx(doc, segs)
    cands = _candidates(ctx)
    ctx.speaker_heads = {c.spk_tok.i for c in cands if c.spk_tok is not None and c.spk_tok.pos_ == "PROPN"}
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
            quoted = sum(_word_count(text, g.start, g.end) for g in touched)
            if outside == 0 or (cand.according and quoted > SCARE_MAX_WORDS):
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
                q.speaker = _actor(ctx, cand.spk_tok, cand.spk_span)
        quotes.append(q)
        last_end = max(last_end, e)
    return quotes


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


# -- speakers -----------------------------------------------------------------------------------------------

def _actor(ctx: _Ctx, tok: Token, span: tuple[int, int] | None = None) -> ActorRef:
    s, e = span or _np_span(tok)
    ref = ActorRef(text=ctx.text[s:e], start=s, end=e)
    low = tok.lower_
    if tok.pos_ == "PRON" or low in SPEAKER_PRONOUNS:
        if low in PERSONAL_PRONOUNS:
            ref.name = _antecedent(ctx, tok)
        return ref
    for start, end, name, _subj in _person_mentions(ctx):
        if start <= tok.i < end:
            ref.name = name
            return ref
    ref.name = _entity_name(tok)
    return ref


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip(" \t\n\u00a0—―–-,;:\"“”‘’'"))
    return re.sub(r"[’']s?$", "", text).strip()


def _entity_name(tok: Token) -> str | None:
    """The named entity the speaker phrase is headed by (or its apposition names)."""
    if tok.ent_type_ in NAME_LABELS:
        doc, start, end = tok.doc, tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":  # walk to the entity's edges: no doc.ents scan
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return _clean_name(doc[start:end].text)
    for c in tok.children:
        if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG"):
            return _entity_name(c)
    return None


def _person_mentions(ctx: _Ctx) -> list[tuple[int, int, str, bool]]:
    """Mentions of people outside quotes, in text order: (first token, end token, full name, is subject).

    A PERSON entity is one; so is a proper name whose last word is the surname of a person named earlier
    (the small model often labels a bare surname an organisation). The full name is kept for both."""
    if ctx.persons is not None:
        return ctx.persons
    doc = ctx.doc
    full: dict[str, str] = {}  # surname -> full name
    out: list[tuple[int, int, str, bool]] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if t.pos_ != "PROPN" and t.ent_type_ != "PERSON":
            i += 1
            continue
        j = i
        while j + 1 < n and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].ent_iob_ == "I"
                             and doc[j + 1].ent_type_ == "PERSON"):
            j += 1
        chunk = doc[i:j + 1]
        last = chunk[-1]
        i = j + 1
        if ctx.in_quote(last) or not last.is_alpha:
            continue
        surname = last.lower_
        if any(tk.ent_type_ == "PERSON" for tk in chunk):
            words = [tk.text for tk in chunk if tk.ent_type_ == "PERSON" or tk.i == last.i]
            name = _clean_name(" ".join(words))
            if len(words) > 1:
                full[surname] = name
            name = full.get(surname, name)
        elif surname in full:
            name = full[surname]
        elif 2 <= len(chunk) <= 3 and all(tk.ent_type_ == "" and tk.is_title and tk.is_alpha for tk in chunk):
            name = chunk.text  # a name the entity recogniser missed ("Marko Petrovic met ...")
            full[surname] = name
        elif last.i in ctx.speaker_heads and last.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            name = _clean_name(chunk.text)  # a speaker by surname only ("Rendell said ...")
        else:
            continue
        subj = any(tk.dep_ in SUBJ_DEPS for tk in chunk)
        out.append((chunk.start, chunk.end, name, subj))
    ctx.persons = out
    return out


def _antecedent(ctx: _Ctx, pron: Token) -> str | None:
    """Nearest person named before the pronoun in its sentence or the two before; a subject if there is."""
    si = ctx.sent_of(pron.i)
    first_tok = ctx.sents[max(0, si - 2)][0]
    best = None
    for start, end, name, subj in reversed(_person_mentions(ctx)):
        if end > pron.i:
            continue
        if start < first_tok:
            break
        if subj:
            return name
        if best is None:
            best = name
    return best
