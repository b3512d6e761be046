"""What kind of mention a phrase is: a pronoun, a thing (never an actor), a person."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..data import load_yaml
from ..model import ActorRef
from .kb import norm

if TYPE_CHECKING:
    from .resolver import ArticleResolver

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
REL_PRONOUNS = {"who", "which", "that", "whom", "whose"}
NOT_AN_ACTOR = object()  # a rule's verdict: this phrase names no actor, stop looking


@cache
def _things() -> tuple[frozenset[str], frozenset[str]]:
    """(things, vehicles) from data/actors/things.yaml."""
    data = load_yaml("actors/things.yaml")
    vehicles = frozenset(data["vehicles"])
    return frozenset(w for key, words in data.items() if key != "vehicles" for w in words), vehicles


def is_thing(head: Token) -> bool:
    """A common noun for a weapon, document, abstraction or amount ('a rocket', 'the constitution').

    Proper names ('the Constitutional Court'), amounts of people ('dozens of protesters' has head 'dozens'
    but names protesters) and named entities are not things."""
    if head.pos_ != "NOUN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children):
        return False  # "IMF loan", "Minsk agreement": the owner rules decide
    things, vehicles = _things()
    lemma = head.lemma_.lower()
    if lemma in vehicles or head.lower_ in vehicles:
        owned = any(c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG")
                    for c in head.children)
        return not owned
    return lemma in things or head.lower_ in things


def is_person_ref(r: ArticleResolver, ref: ActorRef) -> bool:
    """A resolved person (someone named as a person in this article), as opposed to a group or a country."""
    return bool(ref.name) and ref.sector != "IGO" and norm(ref.name) in r.people
