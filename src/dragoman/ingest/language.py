"""Language identification of article text (py3langid, offline)."""

from __future__ import annotations

import py3langid


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language; the page's declared language for very short texts."""
    sample = text[:1500]
    if len(sample.strip()) < 40:
        return declared
    lang, _score = py3langid.classify(sample)
    return lang
