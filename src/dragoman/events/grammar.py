"""Small questions asked of the dependency parse: children by relation, voice, objects, conjuncts."""

from __future__ import annotations

from spacy.tokens import Token

from ..actors.phrases import list_read_as_apposition
from .vocab import vocab

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis", "acl"}
_CLAUSE_OR_CONJ = frozenset(CLAUSE_DEPS | {"conj"})


def is_time(t: Token) -> bool:
    """A date or time word: never an actor or a target ('on Tuesday', 'this week')."""
    return t.ent_type_ in ("DATE", "TIME") or t.lower_ in vocab().time_words


def children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in v.children)


def pobj(prep: Token) -> Token | None:
    """The object of a preposition ('with Serbia' → Serbia); in 'at supporters trying to cross', where the parser
    made the object the subject of a gerund clause, the subject."""
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
        if c.dep_ == "pcomp":
            subj = next((s for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")), None)
            return subj if subj is not None and c.tag_ == "VBG" else c
    return None


def with_conjuncts(t: Token) -> list[Token]:
    """A noun and the nouns coordinated after it ('Serbia and Kosovo'), without the speakers of a closing
    attribution the parser coordinated with it ('struck a beach ..., witnesses and officials said')."""
    out = [t]
    listed = list_read_as_apposition(t)
    following = [*t.conjuncts, *((listed, *listed.conjuncts) if listed is not None else ())]
    for c in sorted((c for c in following if c.i > t.i), key=lambda c: c.i):
        if _closing_speakers_from(c):
            break
        if c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


def _closing_speakers_from(c: Token) -> bool:
    """Whether `c`, after a comma, opens the speakers of a sentence that ends in a subjectless 'said'."""
    root = c.sent.root
    if root.i <= c.i or root.lemma_.lower() not in vocab().say_verbs or any(x.dep_ in ("nsubj", "nsubjpass")
                                                                 for x in root.children):
        return False
    start = c.left_edge.i
    return start > 0 and c.doc[start - 1].text == "," and all(c.doc[k].text != "," for k in range(start, root.i))


def governing_verb(n: Token) -> Token | None:
    """The verb a noun depends on, directly or through a preposition ('talks began', 'met for talks')."""
    head = n.head
    if head.dep_ in ("prep", "agent") and head.head is not head:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def clause_tokens(v: Token) -> set[int]:
    """The token indexes of v's own clause: its subtree without the clauses under it, however deep
    ('does not recognise Kosovo's independence, declared in 2008': the 2008 is the declaration's)."""
    skip: set[int] = set()
    subtree = list(v.subtree)  # walked once: each walk makes a new Token per word
    for t in subtree:
        if t is not v and t.dep_ in _CLAUSE_OR_CONJ and t.pos_ in ("VERB", "AUX") and t.i not in skip:
            skip.update(x.i for x in t.subtree)
    return {t.i for t in subtree if t.i not in skip}


def aux_words(v: Token) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
