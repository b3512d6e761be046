"""Character-indexed views of a parsed doc, for the checks and the tagger."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.attrs import IDX

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


class DocView:
    """Character-indexed views of a spaCy doc."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # spaCy rebuilds doc.text from every token on each access
        self._tok_at: list[int] | None = None
        self.ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        self._sents: list = []
        self._sent_starts: list[int] = []

    def sent_of(self, tok: Token):
        """The sentence of a token (Token.sent rescans the whole doc on every call)."""
        if not self._sents:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        return self._sents[bisect_right(self._sent_starts, tok.i) - 1]

    def token_at(self, char: int) -> Token | None:
        """The token covering the character (or the token starting after it, within white space)."""
        if self._tok_at is None:
            self._tok_at = self.doc.to_array([IDX]).tolist() if len(self.doc) else []
        starts = self._tok_at
        if not starts or not 0 <= char < len(self.text):
            return None
        i = bisect_right(starts, char) - 1
        if i < 0:
            return self.doc[0]
        tok = self.doc[i]
        if char >= tok.idx + len(tok.text) and i + 1 < len(starts):
            return self.doc[i + 1]
        return tok

    def in_ent(self, start: int, end: int, labels: tuple[str, ...] = ("DATE", "TIME")) -> bool:
        """Whether [start, end) overlaps one of spaCy's entities with one of these labels."""
        return any(s < end and start < e and lab in labels for s, e, lab in self.ents)

    def prev_word(self, start: int) -> str:
        """The word before a character offset, in lower case."""
        m = re.search(r"([\w'’.$%-]+)\W*$", self.text[max(0, start - 40):start])
        return m.group(1).lower() if m else ""

    def next_word(self, end: int) -> str:
        """The word after a character offset, in lower case."""
        m = re.match(r"\W*?([\w'’.$%-]+)", self.text[end:end + 40])
        return m.group(1).lower() if m else ""


def group_span(m: re.Match, name: str) -> tuple[int, int] | None:
    """The span of a named group, or None when the pattern has no such group or it did not take part."""
    try:
        s, e = m.span(name)
    except IndexError:
        return None
    return (s, e) if s >= 0 else None
