"""Noun phrases: how far a mention reaches and which of its words say who it is."""

from __future__ import annotations

from spacy.tokens import Token

CORE_DEPS = {"compound", "amod", "nmod", "poss", "flat", "det", "nummod", "case", "punct"}
EXTENT_SKIP = {"relcl", "advcl", "cc", "conj"}


LIST_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def list_read_as_apposition(head: Token) -> Token | None:
    """'The United States, India, Israel and other governments sent ...': the parser read the second item of a
    list as an apposition of the first and hung the rest on it. The second item, when it names the same kind of
    thing as the first and the list goes on after it; else None."""
    if head.pos_ != "PROPN" or head.ent_type_ not in LIST_ENTITIES:
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == head.ent_type_ and any(
                x.dep_ == "conj" for x in c.children):
            return c
    return None


def _drop_child(head: Token, child: Token) -> bool:
    """Modifiers that are not part of naming the actor: clauses, times, a person's whereabouts."""
    if child.dep_ in EXTENT_SKIP or (child.dep_ == "appos" and child == list_read_as_apposition(head)):
        return True
    if child.dep_ == "appos" and child.pos_ in ("AUX", "VERB"):
        return True  # "Senate President, Bukola Saraki, will on Tuesday lead ...": the parser's apposition is the verb
    if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        return True  # "a decision to recognise ..."
    if child.dep_ == "acl" and child.tag_ == "VBN" and any(c.dep_ in ("prep", "agent", "advmod", "npadvmod")
                                                           for c in child.children):
        return True  # "the activist released on bail", "two soldiers freed by UK forces": what befell them
    if child.dep_ == "prep":
        pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return False
        if pobj.ent_type_ in ("DATE", "TIME") or (pobj.tag_ == "VBG" and pobj.pos_ == "VERB"):
            return True  # "on Tuesday", "of attacking civil society", "accused the captives of spying"
        if child.lower_ in ("in", "at") and pobj.ent_type_ in ("GPE", "FAC", "LOC") and (
                head.ent_type_ == "PERSON" or head.pos_ == "PROPN"):
            return True  # "President Donald Trump in Washington"
    if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
        return True
    return False


def _loose_edge(t: Token) -> bool:
    """A word a phrase does not begin or end with: punctuation, a conjunction, white space."""
    return t.is_punct or t.dep_ == "cc" or t.is_space


def np_extent(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head` (clauses, times, whereabouts left out)."""
    skip: set[int] = set()
    for child in head.children:
        if _drop_child(head, child):
            skip.update(t.i for t in child.subtree)
    idx = [t.i for t in head.subtree if t.i not in skip]
    start, end = min(idx), max(idx) + 1
    doc = head.doc
    cut = min((i for i in skip if head.i < i < end), default=None)
    if cut is not None and all(_loose_edge(doc[i]) for i in idx if i > cut):
        end = cut  # "Saraki, will on Tuesday, lead": only punctuation is left after the part left out
    present = set(idx)
    gap = next((i for i in range(head.i + 1, end) if i not in present), None)
    if gap is not None and all(_loose_edge(doc[i]) for i in idx if i > gap):
        end = gap  # the sentence's full stop hung on the subject: the phrase is not the whole sentence
    while start < end - 1 and _loose_edge(doc[start]):
        start += 1
    while end - 1 > start and _loose_edge(doc[end - 1]):
        end -= 1
    # a closing bracket or quote that belongs to the phrase stays
    if end < len(doc) and doc[end].text in {")", "”", "’"} and any(doc[k].text in {"(", "“"} for k in range(start, end)):
        end += 1
    return start, end


NAME_PREPS = frozenset({"without", "for", "against"})


def core_tokens(head: Token) -> list[Token]:
    """The tokens that say who the head is: its modifiers, possessor, apposition and 'of' phrase."""
    out = [head]
    for child in head.children:
        if child.dep_ in CORE_DEPS:
            out.extend(child.subtree if child.dep_ in ("poss", "compound", "nmod") else [child])
            if child.dep_ == "amod" and child.text[:1].isupper():  # 'South Sudanese', 'Central African': one name
                out.extend(c for c in child.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper()
                           and c.i == child.i - 1)
        elif child.dep_ == "appos" and child != list_read_as_apposition(head) and child.pos_ not in ("AUX", "VERB"):
            out.extend(core_tokens(child))
        elif child.dep_ == "prep" and child.lower_ in NAME_PREPS and head.text[:1].isupper() and any(
                c.dep_ == "pobj" and c.text[:1].isupper() for c in child.children):
            # "Reporters Without Borders", "Movement for Democratic Change": a capitalised name's own preposition
            out.append(child)
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in core_tokens(c))
        elif child.dep_ == "prep" and child.lower_ in ("at", "from") and any(
                c.dep_ == "pobj" and c.ent_type_ == "ORG" and c.pos_ == "PROPN" for c in child.children):
            # "judges at the International Criminal Court", "inspectors from the IAEA": whose people they are
            out.append(child)
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in core_tokens(c))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not (pobj.tag_ == "VBG" and pobj.pos_ == "VERB"):  # not 'of spying
                    out.append(child)  # "Court of Justice", "Ministry of Foreign Affairs": the name's own "of"
                    out.extend(core_tokens(pobj))
    return sorted({t.i: t for t in out}.values(), key=lambda t: t.i)


def plain(head: Token) -> str | None:
    """The phrase naming an institution, without articles and clauses: 'Ministry of Foreign Affairs'."""
    toks = core_tokens(head)
    words = [t for t in toks if t.dep_ not in ("det", "punct") and not t.is_space]
    if not words or len(words) > 8:
        return None
    text = head.doc[words[0].i:words[-1].i + 1].text
    return text[:1].upper() + text[1:]


def joined_words(toks: list[Token]) -> tuple[list[str], list[tuple[int, int]]]:
    """The normalised words of a token list, with hyphenated words rejoined as the knowledge bases write them
    ('Al', '-', 'Qaida' → 'al-qaida'), and for each word the range [first, last) of its tokens."""
    from .kb import norm

    words: list[str] = []
    spans: list[tuple[int, int]] = []
    texts = [t.text for t in toks]  # read once: each .text makes a new string
    i = 0
    while i < len(toks):
        j = i + 1
        while j + 1 < len(toks) and texts[j] == "-" and not toks[j - 1].whitespace_ and not toks[j].whitespace_ \
                and toks[j + 1].i == toks[j].i + 1 and toks[j].i == toks[j - 1].i + 1:
            j += 2
        words.append(norm(texts[i] if j == i + 1 else "".join(texts[i:j])))
        spans.append((i, j))
        i = j
    return words, spans
