"""Who a quote's speaker is, by the article's one resolver (the one the event coder uses).

The quote finder (dragoman.nlp.quotes) gives each speaker as a span of the text. Here the span gets its
actor: the resolver's code, name and role when it knows the phrase ("the Serbian Foreign Ministry", "he"
after "Djuric"); otherwise the name of the person the phrase names or, for he/she, the person most
recently named (a subject preferred) in the same or the two previous sentences, a bare surname expanded to
the full name seen earlier. Mentions inside quotation marks do not count.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import ActorRef, Quote
from ..nlp.quotes import quote_segments
from ..nlp.quotes.vocab import SPEAKER_PRONOUNS, SUBJ_DEPS
from .mentions import PERSON_PRONOUNS
from .resolver import ArticleResolver

NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # spaCy labels a speaker's name may carry
_HE_SHE = frozenset({"he", "she"}) & PERSON_PRONOUNS


def resolve_speakers(quotes: list[Quote], doc: Doc, resolver: ArticleResolver,
                     actor: Callable[[Token], ActorRef | None] | None = None, text: str | None = None) -> None:
    """Give every quote's speaker its actor, in place. `actor` resolves a phrase head (the event coder's
    Coder.actor, which also finds owners: "Serbia's statement"); by default the resolver alone. `text` is
    doc.text when the caller has it."""
    people = _People(doc, quotes, doc.text if text is None else text)
    for q in quotes:
        if q.speaker is None:
            continue
        span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        ref = actor(head) if actor is not None else resolver.resolve(head)
        if ref is not None and (ref.code or ref.name):
            q.speaker = replace(ref, text=q.speaker.text, start=q.speaker.start, end=q.speaker.end)
        else:
            q.speaker.name = people.name_of(head)


class _People:
    """The people an article names outside quotation marks, for naming speakers the resolver does not know."""

    def __init__(self, doc: Doc, quotes: list[Quote], text: str):
        self.doc = doc
        segs = quote_segments(text)
        self.seg_spans = [(g.open, g.close) for g in segs]
        self.seg_opens = [g.open for g in segs]
        try:
            self.sent_starts = [s.start for s in doc.sents]
        except ValueError:  # no parser or sentencizer: the whole text is one sentence
            self.sent_starts = [0]
        heads = set()
        for q in quotes:
            if q.speaker is not None:
                span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand")
                if span is not None and span.root.pos_ == "PROPN":
                    heads.add(span.root.i)
        self.speaker_heads = heads
        self._mentions: list[tuple[int, int, str, bool]] | None = None

    def in_quote(self, tok: Token) -> bool:
        """Whether the token stands inside quotation marks."""
        k = bisect.bisect_right(self.seg_opens, tok.idx) - 1
        return k >= 0 and self.seg_spans[k][0] <= tok.idx < self.seg_spans[k][1]

    def name_of(self, tok: Token) -> str | None:
        """The person (or named entity) a speaker phrase headed by tok names."""
        low = tok.lower_
        if tok.pos_ == "PRON" or low in SPEAKER_PRONOUNS:
            return self.antecedent(tok) if low in _HE_SHE else None
        for start, end, name, _subj in self.mentions():
            if start <= tok.i < end:
                return name
        return _entity_name(tok)

    def mentions(self) -> list[tuple[int, int, str, bool]]:
        """Mentions of people outside quotes, in text order: (first token, end token, full name, is subject).

        A PERSON entity is one; so is a proper name whose last word is the surname of a person named earlier
        (the small model often labels a bare surname an organisation). The full name is kept for both."""
        if self._mentions is None:
            self._mentions = list(self._scan())
        return self._mentions

    def _scan(self):
        doc = self.doc
        full: dict[str, str] = {}  # surname -> full name
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
            i = j + 1
            name = self._chunk_name(chunk, full)
            if name is not None:
                yield chunk.start, chunk.end, name, any(tk.dep_ in SUBJ_DEPS for tk in chunk)

    def _chunk_name(self, chunk, full: dict[str, str]) -> str | None:
        last = chunk[-1]
        if self.in_quote(last) or not last.is_alpha:
            return None
        surname = last.lower_
        if any(tk.ent_type_ == "PERSON" for tk in chunk):
            words = [tk.text for tk in chunk if tk.ent_type_ == "PERSON" or tk.i == last.i]
            name = _clean_name(" ".join(words))
            if len(words) > 1:
                full[surname] = name
            return full.get(surname, name)
        if surname in full:
            return full[surname]
        if 2 <= len(chunk) <= 3 and all(tk.ent_type_ == "" and tk.is_title and tk.is_alpha for tk in chunk):
            full[surname] = chunk.text  # a name the entity recogniser missed ("Marko Petrovic met ...")
            return chunk.text
        if last.i in self.speaker_heads and last.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            return _clean_name(chunk.text)  # a speaker by surname only ("Rendell said ...")
        return None

    def antecedent(self, pron: Token) -> str | None:
        """Nearest person named before the pronoun in its sentence or the two before; a subject if there is."""
        si = bisect.bisect_right(self.sent_starts, pron.i) - 1
        first_tok = self.sent_starts[max(0, si - 2)]
        best = None
        for start, end, name, subj in reversed(self.mentions()):
            if end > pron.i:
                continue
            if start < first_tok:
                break
            if subj:
                return name
            if best is None:
                best = name
        return best


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
