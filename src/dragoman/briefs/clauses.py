"""The clause an event was found in, as readable text ('Kosovo declared independence from Serbia in 2008.').

The clause is worked out from the parse when the article is coded (nlp/clauses.py) and stored with the
mention; reading a brief never parses. A mention coded before clauses were stored shows its sentence."""

from __future__ import annotations

from typing import Any

from ..nlp.clauses import as_sentence


def clause_text(mention: dict[str, Any], sentence: str | None) -> str:
    """The mention's stored clause, or its sentence (as a sentence) when it has none."""
    return mention.get("clause") or as_sentence(sentence or "")
