"""How names are compared: lower case, one kind of apostrophe, single spaces, and the words of a phrase."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    """A name as compared: lower case, straight apostrophes, single spaces."""
    return " ".join(re.sub(r"[’'`]", "'", text).lower().split())


POSSESSIVE = re.compile(r"(?<=\w)('s|')(?=\s|$)")


def words_of(text: str) -> tuple[str, ...]:
    """The words (and punctuation marks) of a normalised phrase; a possessive ending is a word of its own, as the
    tokenizer splits it ("People's Bank" → people, 's, bank)."""
    return tuple(re.findall(r"[\w.'’-]+|[^\w\s]", POSSESSIVE.sub(r" \1", norm(text))))
