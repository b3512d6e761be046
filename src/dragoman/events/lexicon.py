"""The trigger lexicon (data/triggers/*.yaml, one file per CAMEO root): which verb or noun, with which
particle, preposition or object, means which CAMEO code."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from ..data import DATA, load_yaml


@dataclass(frozen=True)
class Trigger:
    lemma: str
    code: str
    pos: str  # "verb" or "noun"
    particle: str | None = None
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    xcomps: frozenset[str] = frozenset()  # "declined to comment": the infinitive that must follow
    target: tuple[str, ...] = ()
    passive: bool = True
    weight: float = 1.0
    intransitive: bool = False  # "took to the streets", not "took them to the camp"
    needs_target: bool = False  # "received the envoy" is a visit hosted, "received the award" no event

    @property
    def specificity(self) -> int:
        return 4 * bool(self.objects) + 4 * bool(self.xcomps) + 2 * bool(self.particle) + 2 * bool(self.prep)

    @property
    def rule(self) -> str:
        parts = [self.pos, self.lemma]
        if self.particle:
            parts.append(self.particle)
        if self.prep:
            parts.append("+" + self.prep)
        if self.objects:
            parts.append("obj")
        if self.xcomps:
            parts.append("xcomp")
        return ":".join(parts)


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))

    def verb_entries(self, lemma: str) -> list[Trigger]:
        return self.verbs.get(lemma, [])

    def noun_entries(self, lemma: str) -> list[Trigger]:
        return self.nouns.get(lemma, [])


def _entry(raw: dict, pos: str) -> Trigger:
    objects = raw.get("object") or []
    if isinstance(objects, str):
        objects = [objects]
    target = raw.get("target") or []
    if isinstance(target, str):
        target = [target]
    xcomps = raw.get("xcomp") or []
    if isinstance(xcomps, str):
        xcomps = [xcomps]
    return Trigger(lemma=str(raw["lemma"]).lower(), code=str(raw["code"]), pos=pos,
                   particle=raw.get("particle"), prep=raw.get("prep"),
                   objects=frozenset(str(o).lower() for o in objects), xcomps=frozenset(str(x).lower() for x in xcomps),
                   target=tuple(target),
                   passive=bool(raw.get("passive", True)), weight=float(raw.get("weight", 1.0)),
                   intransitive=bool(raw.get("intransitive", False)),
                   needs_target=bool(raw.get("needs_target", False)))


def build_lexicon(data: dict) -> Lexicon:
    lex = Lexicon()
    for raw in data.get("verbs") or []:
        t = _entry(raw, "verb")
        lex.verbs[t.lemma].append(t)
    for raw in data.get("nouns") or []:
        t = _entry(raw, "noun")
        lex.nouns[t.lemma].append(t)
    for table in (lex.verbs, lex.nouns):
        for entries in table.values():
            entries.sort(key=lambda t: -t.specificity)
    return lex


@cache
def lexicon() -> Lexicon:
    """The project's trigger lexicon (data/triggers/*.yaml, one file per CAMEO root), loaded once."""
    merged: dict[str, list] = {"verbs": [], "nouns": []}
    for path in sorted((DATA / "triggers").glob("*.yaml")):
        part = load_yaml(f"triggers/{path.name}") or {}
        merged["verbs"].extend(part.get("verbs") or [])
        merged["nouns"].extend(part.get("nouns") or [])
    return build_lexicon(merged)
