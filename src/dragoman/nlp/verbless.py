"""Headline-style sentences the parser reads without a verb: 'Citigroup files suit against Wachovia', 'The CEOs
of the big three automakers beg for help'. A present-tense verb that is also a noun ('files', 'beg', 'demand')
after a plural or a name is often tagged a noun, and the sentence then has no predicate at all. This component
finds such a word, parses the sentence again with the word in an unmistakable verb form ('filed', 'begged'),
and keeps that parse, with the original word read as a present-tense verb. A past-tense verb with an object that
the parser hung on a noun as a participle ('Gunmen firing from rooftops killed 45 protesters') becomes the
predicate again. An acronym the tagger read as a verb ('ECOWAS imposed sanctions on Mali', where 'ECOWAS' looks
like a gerund) is parsed again as the name it is."""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..data import load_yaml

REPARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
SUBJECT_ENDS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NOT_BEFORE_A_VERB = frozenset({"DET", "ADP", "ADJ", "CCONJ", "PART", "SCONJ", "AUX"})


@cache
def verb_lemmas() -> frozenset[str]:
    """Verbs the event lexicon codes, and the reporting verbs: the words worth a second parse."""
    out: set[str] = set()
    for root in range(1, 21):
        for entry in load_yaml(f"triggers/{root:02d}.yaml").get("verbs") or []:
            out.add(str(entry["lemma"]))
    out.update(str(v) for v in load_yaml("coding.yaml")["say_verbs"])
    return frozenset(out)


def past_tense(base: str) -> str:
    """A regular past form the parser reads as a verb: 'file' → 'filed', 'beg' → 'begged', 'rally' → 'rallied'."""
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    one_syllable = sum(ch in "aeiou" for ch in base) == 1
    if one_syllable and len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" \
            and base[-3] not in "aeiou":
        return base + base[-1] + "ed"
    return base + "ed"


def _base(word: str) -> str | None:
    """The verb a present-tense form stands for, when the lexicon knows it ('files' → 'file', 'beg' → 'beg')."""
    lemmas = verb_lemmas()
    if word in lemmas:
        return word
    for cut in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(cut[0]) and not word.endswith("ss") and word[: -len(cut[0])] + cut[1] in lemmas:
            return word[: -len(cut[0])] + cut[1]
    if word.endswith("es") and word[:-1] in lemmas:  # 'pledges' → 'pledge'
        return word[:-1]
    return None


def _may_end_a_subject(prev: Token) -> bool:
    """'Citigroup' (even tagged an adjective), 'automakers', 'they', a closing comma or quote, 'all' in 'X, Y and
    Z all announce': a word a subject can end with, right before its verb."""
    if prev.lower_ in ("all", "both", "each") or prev.text in (",", ")", '"', "”"):
        return True
    if prev.pos_ == "ADJ" and prev.text[:1].isupper() and prev.ent_type_ != "NORP":
        return True  # a company's name read as an adjective
    return prev.pos_ in SUBJECT_ENDS and prev.pos_ not in NOT_BEFORE_A_VERB


def misread_verb(sent: Span) -> tuple[Token, str] | None:
    """(token, its verb lemma) of the first lower-case word a verbless sentence's parse read as a noun although it
    follows its would-be subject ('Citigroup files suit', 'GM, Ford, and Chrysler, beg for help')."""
    if sent.root.pos_ in ("VERB", "AUX"):
        return None
    for tok in sent[1:]:
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or not tok.is_lower or not tok.is_alpha:
            continue
        if not _may_end_a_subject(tok.doc[tok.i - 1]):
            continue
        base = _base(tok.lower_)
        if base is not None:
            return tok, base
    return None


NAME_STAND_IN = "Britain"  # a name the parser always reads as a noun, put in an acronym's place for a second parse


def acronym_read_as_verb(sent: Span) -> Token | None:
    """The first all-capital word ('ECOWAS', 'MONUSCO') the tagger took for a verb or an adjective, in a sentence
    not itself written in capitals."""
    words = [t for t in sent if t.is_alpha]
    if sum(t.text.isupper() for t in words) * 2 > len(words):
        return None  # a headline in capitals
    for tok in words:
        if len(tok.text) >= 3 and tok.text.isupper() and (tok.pos_ in ("VERB", "AUX", "ADJ") or (
                tok.dep_ == "ROOT" and tok.pos_ != "PROPN")):
            return tok
    return None


VERB_STAND_IN = "seized"  # a past-tense verb the parser reads as the predicate where a rarer one's form fails


def _reparse(nlp: Language, sent: Span, tok: Token, base: str | None) -> Doc | None:
    """`sent` parsed again with `tok` as a past-tense verb of `base` (or, with no base, as a name); when even the
    past form is read as a modifier ('The Taliban captured Aibak, the capital of ...'), with a stand-in verb."""
    if base is None:
        return _parse_with(nlp, sent, tok, NAME_STAND_IN)
    fixed = _parse_with(nlp, sent, tok, past_tense(base))
    if fixed is None:
        fixed = _parse_with(nlp, sent, tok, VERB_STAND_IN)
        if fixed is not None and fixed[tok.i - sent.start].dep_ != "ROOT":
            return None  # the stand-in must be the predicate it stands for
    return fixed


def _parse_with(nlp: Language, sent: Span, tok: Token, word: str) -> Doc | None:
    words = [t.text if t.i != tok.i else word for t in sent]
    doc = Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
    for name in REPARSE_PIPES:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or roots[0].pos_ not in ("VERB", "AUX"):
        return None
    return doc


def participle_for_a_verb(sent: Span) -> Token | None:
    """'Gunmen firing from rooftops killed at least 45 protesters': a past-tense verb with an object, which the
    parser hung on a noun as a participle, leaving the sentence's first noun as its root."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX") or root.pos_ not in ("NOUN", "PROPN"):
        return None
    for tok in sent:
        if tok.i > root.i and tok.pos_ == "VERB" and tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") \
                and any(c.dep_ == "dobj" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
            return tok
    return None


def _promote(root: Token, verb: Token) -> None:
    """Make `verb` the sentence's predicate with the old root as its subject."""
    verb.head = verb
    verb.dep_ = "ROOT"
    verb.tag_ = "VBD"
    root.head = verb
    root.dep_ = "nsubj"


def repair(nlp: Language, doc: Doc) -> Doc:
    """Re-read each verbless sentence whose verb the parser took for a noun or for a participle (see the module
    docstring)."""
    for sent in list(doc.sents):
        acronym = acronym_read_as_verb(sent)
        if acronym is not None:
            fixed = _reparse(nlp, sent, acronym, None)
            if fixed is not None:
                _adopt(doc, sent, fixed)
                acronym.tag_, acronym.pos_, acronym.lemma_ = "NNP", "PROPN", acronym.text
            continue
        found = misread_verb(sent)
        if found is None:
            verb = participle_for_a_verb(sent)
            if verb is not None:
                _promote(sent.root, verb)
            continue
        tok, base = found
        fixed = _reparse(nlp, sent, tok, base)
        if fixed is None:
            continue
        _adopt(doc, sent, fixed)
        tok.tag_, tok.pos_, tok.lemma_ = ("VBZ" if tok.lower_ != base else "VBP"), "VERB", base
        doc.ents = [e for e in doc.ents if not (e.start <= tok.i < e.end)]
    return doc


def _adopt(doc: Doc, sent: Span, fixed: Doc) -> None:
    """Copy the second parse of `sent` into `doc`."""
    offset = sent.start
    for new in fixed:
        old = doc[offset + new.i]
        old.head = doc[offset + new.head.i]
        old.dep_ = new.dep_
        old.tag_, old.pos_, old.lemma_ = new.tag_, new.pos_, new.lemma_


@Language.factory("dragoman_verbless")
def make_verbless(nlp: Language, name: str):
    """The repair as a pipeline component (after the entity recogniser)."""
    return lambda doc: repair(nlp, doc)
