"""The world actor knowledge base: people, countries, organisations and armed groups from the
PETRARCH/Phoenix dictionaries (data/actors/world/, built by scripts/build_world_kb.py), with their
date-bounded codes, and the Phoenix agent nouns ("rebels" -> REB).

The project's own curated files (data/actors/*.yaml, kb.py) are the authority: callers consult them
first and use this knowledge base for what they do not know. Lookups take the lower-case tokens of
kb.words_of, like kb.PhraseIndex.match_at.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ..data import DATA

WORLD = DATA / "actors" / "world"
NULL_CODE = "---"  # the dictionaries' "no code"
_NOT_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "ELI", "INT", "---"}

Span = tuple[str, str | None, str | None]  # (code, from ISO date, until ISO date), bounds inclusive


@dataclass(frozen=True)
class WorldEntry:
    """One dictionary record. kind: person, country, organisation, group (armed non-state), igo, ngo or
    company. codes: the dated roles in dictionary order; a role with neither bound is the default."""

    id: str  # source file and line of the record, e.g. "countries:14090"
    name: str
    kind: str
    codes: tuple[Span, ...]

    def code_on(self, day: date | None) -> str | None:
        """The code valid on `day` (None: the current one, as far as the dictionaries know).

        A dated role holds only inside its bounds; when several hold, the one that began last wins.
        Outside every dated role the record's default code applies (often ELI or OPP: what the person
        became); without one, a person is ELI of the country of their nearest role and anything else
        has no code."""
        dated = [s for s in self.codes if s[1] or s[2]]
        default = next((c for c, a, b in reversed(self.codes) if not a and not b), None)
        if day is None:
            held = [s for s in dated if s[2] is None]
        else:
            iso = day.isoformat()
            held = [s for s in dated if (s[1] is None or s[1] <= iso) and (s[2] is None or iso <= s[2])]
        if held:
            return _real(max(enumerate(held), key=lambda p: (p[1][1] or "", p[0]))[1][0])
        if default is not None:
            return _real(default)
        if self.kind != "person" or not dated:
            return None
        return _former(_nearest(dated, day)[0])


def _real(code: str) -> str | None:
    if code == NULL_CODE:
        return None
    if len(code) == 6 and code.endswith("OCC"):
        return code[:3]  # Phoenix marks occupied countries ('IRQOCC', 2003-2006); CAMEO codes the country
    return code


def _nearest(dated: list[Span], day: date | None) -> Span:
    """The role that ended last before `day` (or, for a day before every role, the first role)."""
    if day is not None:
        iso = day.isoformat()
        before = [s for s in dated if s[2] is not None and s[2] < iso]
        if not before:
            return min(dated, key=lambda s: s[1] or "")
        return max(before, key=lambda s: s[2] or "")
    return max(dated, key=lambda s: s[2] or "")


def _former(code: str) -> str | None:
    """A former office-holder is ELI of their country (CAMEO practice); organisations' people get none."""
    country = code[:3]
    if len(code) < 3 or not country.isalpha() or country in _NOT_COUNTRIES:
        return None
    return country + "ELI"


def _read_tsv(path: Path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()


def _surname_key(surname: str) -> str:
    return _bare(_fold(surname.lower().replace("’", "'")))


class SurnameIndex(Mapping):
    """Family name (one token, any case, possessive and diacritics tolerated) -> the entries of the
    one person the knowledge base knows by it."""

    def __init__(self, kb: WorldKB, rows: dict[str, str]):
        self._kb = kb
        self._rows = rows

    def __getitem__(self, surname: str) -> tuple[WorldEntry, ...]:
        return tuple(self._kb.entries(self._rows[_surname_key(surname)]))

    def __contains__(self, surname: object) -> bool:
        return isinstance(surname, str) and _surname_key(surname) in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class WorldKB:
    """Name, agent and family-name lookups over the compiled files. Entries are built on first use."""

    def __init__(self, folder: Path = WORLD):
        self._rows = _read_tsv(folder / "entries.tsv.gz")
        self._names: dict[str, str] = dict(line.split("\t", 1) for line in _read_tsv(folder / "names.tsv.gz"))
        self._name_len = _first_word_lengths(self._names)
        self._agents: dict[str, str] = dict(line.split("\t", 1) for line in _read_tsv(folder / "agents.tsv.gz"))
        self._agent_len = _first_word_lengths(self._agents)
        one, several = {}, {}
        for line in _read_tsv(folder / "surnames.tsv.gz"):
            surname, ids, how = line.split("\t")
            (one if how == "one" else several)[surname] = ids
            several.setdefault(surname, ids)
        self.surname_index = SurnameIndex(self, one)
        self._surname_all = several
        self._cache: dict[int, WorldEntry] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def name_count(self) -> int:
        return len(self._names)

    @property
    def agent_count(self) -> int:
        return len(self._agents)

    def entry(self, number: int) -> WorldEntry:
        """The entry on row `number` of entries.tsv.gz."""
        found = self._cache.get(number)
        if found is None:
            found = self._cache[number] = _parse_entry(self._rows[number])
        return found

    def entries(self, numbers: str) -> list[WorldEntry]:
        return [self.entry(int(n)) for n in numbers.split(",")]

    def lookup(self, name: str) -> list[WorldEntry]:
        """Entries with exactly this normalised name (lower case, words_of tokens joined by spaces)."""
        found = self._names.get(name.lower())
        return self.entries(found) if found else []

    def match_at(self, words: list[str], i: int) -> tuple[int, list[WorldEntry]] | None:
        """(length, entries) of the longest known name starting at words[i]; entries best first
        (the dictionaries' own spelling before generated ones, then dictionary order)."""
        found = _longest(self._names, self._name_len, words, i)
        return (found[0], self.entries(found[1])) if found else None

    def agent_at(self, words: list[str], i: int) -> tuple[int, str] | None:
        """(length, agent code) of the longest Phoenix agent noun starting at words[i]: "security forces"
        -> COP, "rebels" -> REB. The three agents the dictionary puts before the actor's code
        (peacekeeping troops, truce monitors, observers in: IGO~) come back as "IGO"; see agent_prefix."""
        found = _longest(self._agents, self._agent_len, words, i)
        return (found[0], found[1].strip("~")) if found else None

    def agent_prefix(self, phrase: str) -> bool:
        """Whether the agent code of this phrase goes before the actor's code (IGO~) instead of after."""
        return self._agents.get(phrase.lower(), "").endswith("~")

    def surname_candidates(self, surname: str) -> list[WorldEntry]:
        """Every active person with this family name, even when it names several people."""
        found = self._surname_all.get(_surname_key(surname))
        return self.entries(found) if found else []


def _first_word_lengths(phrases: dict[str, str]) -> dict[str, int]:
    """First word -> the most words any phrase starting with it has."""
    out: dict[str, int] = {}
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        n = rest.count(" ") + 2 if rest else 1
        if n > out.get(first, 0):
            out[first] = n
    return out


def _longest(table: dict[str, str], lengths: dict[str, int], words: list[str], i: int) -> tuple[int, str] | None:
    """The longest phrase of `table` starting at words[i]. A trailing possessive ("Assad's", "rebels'")
    and diacritics the dictionaries did not write ("Vučić" for VUCIC) are tolerated."""
    if i < 0 or i >= len(words):
        return None
    first = words[i].lower()
    most = lengths.get(first, 0)
    if not first.isascii() or first.endswith("'"):
        most = max(most, lengths.get(_bare(_fold(first)), 0))
    elif first.endswith("'s"):
        most = max(most, lengths.get(first[:-2], 0))
    if not most:
        return None  # the common case in running text
    window = [w.lower() for w in words[i:i + most]]
    for n in range(len(window), 0, -1):
        phrase = " ".join(window[:n])
        for key in _spellings(phrase):
            found = table.get(key)
            if found is not None:
                return n, found
    return None


def _spellings(phrase: str) -> list[str]:
    keys = [phrase]
    if not phrase.isascii():
        keys.append(_fold(phrase))
    bare = _bare(keys[-1])
    if bare != keys[-1]:
        keys.append(bare)
    return keys


def _bare(phrase: str) -> str:
    """Without a trailing possessive: "assad's" -> "assad", "rebels'" -> "rebels"."""
    if phrase.endswith("'s"):
        return phrase[:-2]
    return phrase[:-1] if phrase.endswith("'") else phrase


def _fold(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _parse_entry(row: str) -> WorldEntry:
    ident, kind, name, codes = row.split("\t")
    spans = []
    for part in codes.split(";") if codes else ():
        code, start, until = part.split("|")
        spans.append((code, start or None, until or None))
    return WorldEntry(ident, name, kind, tuple(spans))


@cache
def world_kb() -> WorldKB:
    """The shipped world knowledge base, loaded once per process."""
    return WorldKB(WORLD)
