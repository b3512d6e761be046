"""Headline-style sentences whose verb the parser took for a noun (nlp/verbless.py); sentences written for these
tests."""

from dragoman.extract import extract
from dragoman.nlp import verbless
from dragoman.nlp.pipeline import load


def roots(text: str) -> list[tuple[str, str]]:
    return [(s.root.text, s.root.pos_) for s in load()(text).sents]


def test_a_present_tense_verb_read_as_a_noun_is_read_again_as_the_verb():
    assert roots("Citigroup files suit against Wachovia over the bank deal.") == [("files", "VERB")]
    doc = load()("Thousands of truckers in the capital demonstrate against the fuel tax.")
    verb = [t for t in doc if t.dep_ == "ROOT"][0]
    assert (verb.text, verb.tag_, verb.lemma_) == ("demonstrate", "VBP", "demonstrate")


def test_sentences_the_parser_already_reads_are_left_alone():
    assert roots("Police arrest dozens of protesters in Manama.") == [("arrest", "VERB")]
    assert roots("The price of gold rises by more than 8%.") == [("price", "NOUN")]  # not an event verb


def test_the_repaired_sentence_gives_its_event():
    events = extract("Rebels storm the compound of the ruler in the capital.", published="2011-08-23").events
    assert [e.trigger.text.split()[0] for e in events] == ["storm"]


def test_past_forms_are_what_the_parser_reads_as_verbs():
    assert [verbless.past_tense(w) for w in ("file", "beg", "rally", "demand", "open")] == [
        "filed", "begged", "rallied", "demanded", "opened"]


def test_a_past_tense_verb_read_as_a_participle_is_the_predicate_again():
    assert roots("Gunmen firing from rooftops killed at least 45 protesters near the university.") == [
        ("killed", "VERB")]
    events = extract("Gunmen firing from rooftops killed at least 45 protesters near Sanaa University.",
                     published="2011-03-18").events
    assert [(e.root, e.target.code) for e in events if e.trigger.text == "killed"] == [("18", "YEMOPP")]


def test_an_acronym_read_as_a_verb_is_parsed_again_as_a_name():
    assert roots("ECOWAS imposed sanctions, closing its members' borders with Mali.") == [("imposed", "VERB")]
    events = extract("ECOWAS imposed sanctions on Mali.", published="2020-08-20").events
    assert [(e.code, e.source.code, e.target.code) for e in events] == [("163", "IGOWAFWAS", "MLI")]
    assert roots("REBELS SEIZE THE CAPITAL.")[0][0] != "REBELS"  # a headline in capitals is left as it is


def test_a_verb_the_parser_reads_as_a_modifier_even_in_its_past_form_is_read_with_a_stand_in():
    events = extract("The Taliban capture Aibak, the capital of Samangan province, their sixth provincial capital in "
                     "four days.", published="2021-08-09").events
    assert [(e.code, e.trigger.text) for e in events] == [("192", "capture")]
