"""Weighted terms of an article, for story clustering (tf-idf over content words)."""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’-]+")
EXTRA_STOP = {"said", "says", "say", "told", "according", "also", "would", "could", "year", "years", "week",
              "weeks", "day", "days", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
              "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "percent", "people", "including", "new",
              "time", "mr", "ms", "read", "more"}
STOP = {w.lower() for w in STOP_WORDS} | EXTRA_STOP
MAX_TERMS = 40
MAX_CHARS = 6000


def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def term_counts(title: str | None, text: str) -> Counter[str]:
    """Content-word counts; the title counts twice."""
    counts: Counter[str] = Counter()
    for chunk, weight in ((title or "", 2), (text[:MAX_CHARS], 1)):
        for m in _WORD.finditer(chunk):
            w = _norm(m.group())
            if len(w) >= 3 and w not in STOP:
                counts[w] += weight
    return counts


def weigh(counts: Counter[str], df: dict[str, int], n_docs: int) -> dict[str, float]:
    """The top terms by tf-idf, L2-normalised."""
    scored = {t: (1 + math.log(c)) * (math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1) for t, c in counts.items()}
    top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {t: v / norm for t, v in top}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
