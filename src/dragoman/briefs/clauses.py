"""The clause an event was found in, as readable text ('Kosovo declared independence from Serbia in 2008')."""

from __future__ import annotations

from functools import lru_cache

DROP_LEADING = {"that", "and", "but", "which", "while", "as", "when", "because", "so"}
MAX_WORDS = 45


@lru_cache(maxsize=2048)
def _parse(sentence: str):
    from ..nlp.pipeline import load

    return load()(sentence)


def clause_text(sentence: str, trigger_offset: int | None) -> str:
    """The trigger's clause (subject, verb, objects, modifiers) from a sentence, as a sentence."""
    sentence = " ".join(sentence.split())
    if trigger_offset is None or not sentence:
        return _finish(sentence)
    doc = _parse(sentence)
    tok = next((t for t in doc if t.idx <= trigger_offset < t.idx + len(t.text)), None)
    if tok is None:
        return _finish(sentence)
    words = [t for t in tok.subtree if not (t.dep_ in ("mark", "cc") and t.i < tok.i)]
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in tok.children) and tok.dep_ in ("conj", "xcomp"):
        words = list(tok.head.subtree)
    start, end = min(t.i for t in words), max(t.i for t in words) + 1
    while start < end and (doc[start].is_punct or doc[start].lower_ in DROP_LEADING):
        start += 1
    span = doc[start:end]
    if len(span) > MAX_WORDS:
        span = doc[start:start + MAX_WORDS]
        return _finish(span.text.rstrip(",;: ") + " …")
    return _finish(span.text)


def _finish(text: str) -> str:
    text = text.strip().rstrip(",;:")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…", "”", '"')) else text + "."
