"""The clause an event's trigger stands in, as readable text ('Kosovo declared independence from Serbia in
2008.'), taken from the parse at coding time (briefs read it from the store and never parse)."""

from __future__ import annotations

DROP_LEADING = {"that", "and", "but", "which", "while", "as", "when", "because", "so"}
MAX_WORDS = 45


def as_sentence(text: str) -> str:
    """Text as a sentence: one space between words, a capital first, a full stop last when it has none."""
    text = " ".join(text.split()).strip().rstrip(",;:")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…", "”", '"')) else text + "."


def token_at(doc, char: int):
    """The token of a parsed doc that covers a character offset, or None."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _text_of(doc, start: int, end: int, text: str | None) -> str:
    """The text of tokens [start, end): sliced from the doc's text when the caller has it (Span.text joins the
    span's tokens anew)."""
    if text is None or start >= end:
        return doc[start:end].text
    last = doc[end - 1]
    return text[doc[start].idx:last.idx + len(last)]


def clause_of(doc, trigger_start: int, text: str | None = None) -> str | None:
    """The clause of the trigger at a character offset (subject, verb, objects, modifiers), as a sentence;
    None when no token is there. `text` is doc.text when the caller has it."""
    tok = token_at(doc, trigger_start)
    if tok is None:
        return None
    words = [t for t in tok.subtree if not (t.dep_ in ("mark", "cc") and t.i < tok.i)]
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in tok.children) and tok.dep_ in ("conj", "xcomp"):
        words = list(tok.head.subtree)
    start, end = min(t.i for t in words), max(t.i for t in words) + 1
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in DROP_LEADING):
        start += 1
    span = [t for t in doc[start:end] if not t.is_space]
    if len(span) > MAX_WORDS:
        return as_sentence(_text_of(doc, start, span[MAX_WORDS - 1].i + 1, text).rstrip(",;: ") + " …")
    return as_sentence(_text_of(doc, start, end, text))
