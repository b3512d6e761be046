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
REFLEXIVES = {"himself", "herself", "itself", "themselves", "oneself"}
NOT_AN_ACTOR = object()  # a rule's verdict: this phrase names no actor, stop looking


# things.yaml lists that name kinds of actor or condition rather than things that never act
NOT_THINGS = ("vehicles", "military_vehicles", "military_strikes", "states_of", "group_when_definite")


@cache
def _lists() -> dict[str, frozenset[str]]:
    """Every word list of data/actors/things.yaml."""
    return {key: frozenset(words) for key, words in load_yaml("actors/things.yaml").items()}


@cache
def _things() -> tuple[frozenset[str], frozenset[str]]:
    """(things, vehicles) from data/actors/things.yaml."""
    lists = _lists()
    return frozenset(w for key, words in lists.items() if key not in NOT_THINGS for w in words), lists["vehicles"]


def _a_named_group(head: Token) -> bool:
    """'the opposition accused the army', 'Syria's opposition': a group; 'opposition to the plan' is a stance."""
    if head.lemma_.lower() not in _lists()["group_when_definite"]:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in head.children):
        return False
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN") and not is_thing(head.head):
        return True  # "Syria's government and opposition": coordinated with an actor, it is one too
    return any(c.dep_ in ("poss", "amod", "compound") or (c.dep_ == "det" and c.lower_ == "the")
               for c in head.children)


def _a_declared_condition(head: Token) -> bool:
    """'a state of emergency': the noun 'state' naming a condition, not a country or its government."""
    if head.lemma_.lower() != "state":
        return False
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return inner is not None and inner.lemma_.lower() in _lists()["states_of"]


def is_military_vehicle(head: Token) -> bool:
    """'jets' in 'Israeli jets struck': a vehicle of war (data/actors/things.yaml)."""
    vehicles = _lists()["military_vehicles"]
    return head.lemma_.lower() in vehicles or head.lower_ in vehicles


def is_war_hardware(head: Token) -> bool:
    """'Turkish artillery', 'a US air strike', 'Israeli jets': what only a state's military fields, so that its
    owner acts as that military (data/actors/things.yaml)."""
    lemma = head.lemma_.lower()
    if is_military_vehicle(head) or lemma in _lists()["military_strikes"]:
        return True
    return lemma in ("strike", "raid", "attack") and any(c.lower_ == "air" for c in head.children)


def is_thing(head: Token) -> bool:
    """A common noun for a weapon, document, abstraction or amount ('a rocket', 'the constitution').

    Proper names ('the Constitutional Court'), amounts of people ('dozens of protesters' has head 'dozens'
    but names protesters) and named entities are not things."""
    if head.lower_ in REFLEXIVES:
        return True  # "blew himself up", "considered himself": the actor again, never a second one
    if head.pos_ != "NOUN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children):
        return False  # "IMF loan", "Minsk agreement": the owner rules decide
    if _a_declared_condition(head):
        return True
    if _a_named_group(head):
        return False
    things, vehicles = _things()
    lemma = head.lemma_.lower()
    if lemma in vehicles or head.lower_ in vehicles:
        owned = any(c.dep_ in ("amod", "compound", "poss", "nmod") and (
            c.ent_type_ in ("NORP", "GPE", "ORG") or (c.lower_ == "led" and any(
                g.ent_type_ in ("NORP", "GPE") for g in c.children)))  # "Saudi-led warplanes"
                    for c in head.children)
        return not owned
    return lemma in things or head.lower_ in things


def is_person_ref(r: ArticleResolver, ref: ActorRef, head: Token | None = None) -> bool:
    """A resolved person (someone named as a person in this article, an unnamed one-person title such as
    'the Turkish president', or a coded 'woman' or 'student', when the phrase's head is given), as opposed to a
    group or a country."""
    if bool(ref.name) and ref.sector != "IGO" and (norm(ref.name) in r.people or r.kb.person(ref.name) is not None):
        return True  # named in the article, or a person the curated KB knows ('Putin')
    if head is None or head.tag_ not in ("NN", "NNP"):
        return False
    if head.tag_ == "NNP":  # a capitalised title: "Iran's Supreme Leader"
        return bool(ref.role) and head.lower_ in person_titles()
    return (bool(ref.role) and head.lower_ in person_titles()) or (bool(ref.code) and head.lower_ in person_nouns())


@cache
def person_titles() -> frozenset[str]:
    """Head nouns of a title that names one person (data/actors/descriptors.yaml)."""
    return frozenset(load_yaml("actors/descriptors.yaml")["person_titles"])


@cache
def person_nouns() -> frozenset[str]:
    """Singular nouns for one person who holds no office: 'a woman', 'a student' (data/actors/descriptors.yaml)."""
    return frozenset(load_yaml("actors/descriptors.yaml")["person_nouns"])


@cache
def unknown_role_people() -> frozenset[str]:
    """Words for people whose role the text does not give: 'a man', 'those responsible'
    (data/actors/descriptors.yaml)."""
    return frozenset(load_yaml("actors/descriptors.yaml")["unknown_role_people"])


@cache
def _descriptors() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("actors/descriptors.yaml")
    return frozenset(data["sympathy_prefixes"]), frozenset(data["sympathy_suffixes"])


def sympathy_only(tok: Token) -> bool:
    """'pro-Russian', 'Russia-backed': the country names a sympathy or a backer, not the group's own country."""
    prefixes, suffixes = _descriptors()
    doc = tok.doc
    before = doc[tok.i - 2] if tok.i >= 2 and doc[tok.i - 1].text == "-" else None
    if before is not None and before.lower_ in prefixes:
        return True
    if tok.lower_.split("-", 1)[0] in prefixes and "-" in tok.text:
        return True
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else None
    return after is not None and after.lower_ in suffixes
