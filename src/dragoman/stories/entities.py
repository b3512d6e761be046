"""Countries an article is about, for story clustering: named in its text (names, adjectives, peoples,
capitals, seats of government, from the actor knowledge base) or given by its coded actors and places.

They become terms of their own ("@SYR") beside the words, so two crises told in the same words
("protesters", "security forces") stay apart by the country they happen in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from ..data import load_yaml

PREFIX = "@"
MAX_CHARS = 6000


@cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, str]]:
    data = load_yaml("actors/countries.yaml")
    ambiguous = {a["word"] for a in data.get("ambiguous") or []}
    forms: dict[str, str] = {}
    for c in data["countries"]:
        names = [c["name"], *(c.get("aliases") or []), *(c.get("adjectives") or []), *(c.get("people") or []),
                 *(c.get("seats") or []), *([c["capital"]] if c.get("capital") else [])]
        for name in names:
            name = re.sub(r"^the ", "", name)
            if len(name) >= 2 and name not in ambiguous:
                forms.setdefault(name, c["code"])
    for name in (load_yaml("stories.yaml") or {}).get("not_countries") or []:
        forms[name] = ""  # matched as a whole, so its country word is not counted
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # The lookahead on the forms' first letters only spares the engine trying every form at each word
    # (most words start with a letter no form starts with); it changes nothing that matches.
    first = "".join(sorted({re.escape(f[0]) for f in forms if f}))
    return re.compile(rf"(?<![\w.])(?=[{first}])({alternatives})(?!\w)"), forms


def text_countries(title: str | None, text: str) -> Counter[str]:
    """Country codes named in a title and text (case-sensitive: 'Turkey', not 'turkey')."""
    pattern, forms = _lexicon()
    out: Counter[str] = Counter()
    for chunk in (title or "", text[:MAX_CHARS]):
        out.update(forms[m.group(1)] for m in pattern.finditer(chunk) if forms[m.group(1)])
    return out


def country_terms(title: str | None, text: str, codes: Iterable[str], weight: float) -> Counter[str]:
    """The article's country terms: each mention in the text, and each coded actor or place
    (an actor code's first three letters when they are a country), counted `weight` times."""
    counts = text_countries(title, text)
    named = set(counts)
    # a coded actor's country adds weight only to a country the text names: a country the coder inferred from
    # the story's context (a bare "lawmakers" → USALEG) would make every story about one country look alike
    counts.update(c[:3] for c in codes if c and c[:3] in named)
    return Counter({PREFIX + c: n * weight for c, n in counts.items()})


def countries_of(vector: dict[str, float]) -> dict[str, float]:
    """The country terms of a term vector or centroid."""
    return {t: w for t, w in vector.items() if t.startswith(PREFIX)}
