"""Quote and attribution extraction (dragoman.nlp.quotes) on sentences written for these tests."""

from __future__ import annotations

import pytest

from dragoman.actors.resolver import ArticleResolver
from dragoman.actors.speakers import resolve_speakers
from dragoman.model import Quote
from dragoman.nlp.pipeline import ModelNotInstalled, load
from dragoman.nlp.quotes import find_quotes, quote_segments


@pytest.fixture(scope="module")
def nlp():
    try:
        return load()
    except ModelNotInstalled as exc:  # pragma: no cover - the model is a declared dependency
        pytest.skip(str(exc))


def quotes(nlp, text: str) -> list[Quote]:
    """The quotes of a text with their speakers resolved, as `dragoman extract` gives them."""
    doc = nlp(text)
    found = find_quotes(doc)
    for q in found:  # the quote finder gives speakers as spans; who they are is the actor resolver's job
        assert q.speaker is None or (q.speaker.name, q.speaker.code) == (None, None)
    resolver = ArticleResolver()
    resolver.prime(doc)
    resolve_speakers(found, doc, resolver)
    for q in found:  # every offset slices the text exactly
        assert text[q.start:q.end] == q.text
        assert q.kind in ("direct", "indirect")
        if q.cue is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert [q.start for q in found] == sorted(q.start for q in found)
    return found


def only(found: list[Quote]) -> Quote:
    assert len(found) == 1, found
    return found[0]


# -- direct quotes ------------------------------------------------------------------------------------------

def test_split_quote_shares_cue_and_speaker(nlp):
    text = "“We will not accept this,” he said, “under any circumstances.”"
    first, second = quotes(nlp, text)
    assert first.text == "We will not accept this"
    assert second.text == "under any circumstances."
    for q in (first, second):
        assert q.kind == "direct"
        assert q.cue == "said"
        assert q.speaker.text == "he"
    assert (first.cue_start, first.cue_end) == (second.cue_start, second.cue_end)


def test_speaker_after_the_quote_inverted_and_with_told(nlp):
    q = only(quotes(nlp, "“The bridge will reopen in May,” said Anna Kowalski, the city engineer."))
    assert (q.text, q.cue, q.speaker.text, q.speaker.name) == (
        "The bridge will reopen in May", "said", "Anna Kowalski", "Anna Kowalski")
    q = only(quotes(nlp, '"We are not leaving this valley," the farmers told reporters on Sunday.'))
    assert (q.text, q.cue, q.speaker.text) == ("We are not leaving this valley", "told", "the farmers")


def test_speaker_before_a_colon_and_a_quote_over_several_sentences(nlp):
    text = "The mayor of Tuzla said on Monday: “The water is safe again. We tested it twice.”"
    q = only(quotes(nlp, text))
    assert q.text == "The water is safe again. We tested it twice."
    assert (q.kind, q.cue, q.speaker.text) == ("direct", "said", "The mayor of Tuzla")


def test_following_sentence_of_the_same_speaker(nlp):
    text = "“Prices have doubled,” said Maria Lopez, a baker in Valencia. “Nobody can afford bread now.”"
    first, second = quotes(nlp, text)
    assert second.text == "Nobody can afford bread now."
    assert second.cue == first.cue == "said"
    assert second.speaker.text == "Maria Lopez"


def test_partial_quote_according_to_a_press_release(nlp):
    text = ("Serbia remains committed to the process and shares with the EU a “clear and mutual interest in "
            "seeing progress,” according to a press release from the Ministry of Foreign Affairs.")
    q = only(quotes(nlp, text))
    assert q.text == "clear and mutual interest in seeing progress"
    assert q.kind == "direct"
    assert q.cue == "according to"
    assert q.speaker.text == "the Ministry of Foreign Affairs"
    assert q.speaker.name == "Ministry of Foreign Affairs"


def test_cue_words_inside_a_quote_are_not_the_attribution(nlp):
    q = only(quotes(nlp, "“They told us the dam would hold,” Petra Novak said."))
    assert q.text == "They told us the dam would hold"
    assert (q.cue, q.speaker.text) == ("said", "Petra Novak")


def test_quote_continued_over_paragraphs(nlp):
    text = ("“The first winter was the hardest. We had no heating at all.\n\n"
            "“Now the school is open again,” said the headmistress, Lena Horvat.")
    first, second = quotes(nlp, text)
    assert first.text == "The first winter was the hardest. We had no heating at all."
    assert second.text == "Now the school is open again"
    assert first.cue == second.cue == "said"
    assert first.speaker.text == second.speaker.text == "the headmistress"
    assert first.speaker.name == "Lena Horvat"  # from the apposition


def test_quote_paragraph_after_an_attributed_one_keeps_the_speaker(nlp):
    text = ("“We will appeal,” the union leader Tomas Berg said.\n\n"
            "“This ruling ignores everything the workers went through.”")
    first, second = quotes(nlp, text)
    assert first.cue == "said"
    assert second.speaker is not None and second.speaker.text == first.speaker.text
    assert second.cue is None  # no cue of its own


def test_dash_attribution(nlp):
    q = only(quotes(nlp, "“The river gave us everything and took it back.” ― Ivana Petrova"))
    assert (q.cue, q.speaker.text) == ("―", "Ivana Petrova")


def test_transcript_label(nlp):
    text = "HOST: Welcome back to the program.\nMARTIN: Thank you, it is good to be here again."
    found = quotes(nlp, text)
    assert [(q.text, q.speaker.text, q.cue) for q in found] == [
        ("Welcome back to the program.", "HOST", ":"), ("Thank you, it is good to be here again.", "MARTIN", ":")]
    assert {q.kind for q in found} == {"direct"}


def test_two_apostrophes_as_quotation_marks(nlp):
    q = only(quotes(nlp, "The senator said, ''We have the votes and we will pass it.''"))
    assert q.text == "We have the votes and we will pass it."
    assert (q.cue, q.speaker.text) == ("said", "The senator")


# -- what is not a quote --------------------------------------------------------------------------------------

def test_scare_quotes_and_titles_are_skipped(nlp):
    text = ("Officials discussed the so-called “Community of Serb-majority Municipalities” on Tuesday. "
            "The “deal” was later described in a report titled “Next Steps”.")
    assert quotes(nlp, text) == []


def test_long_uncued_quote_is_kept_without_speaker(nlp):
    q = only(quotes(nlp, "A banner over the gate read “No more evictions in our neighbourhood, ever again”."))
    assert q.kind == "direct" and q.speaker is None and q.cue is None


def test_stray_unclosed_quote_gives_nothing(nlp):
    text = "\"The harvest was late this year.\n\nFarmers blamed the rain."
    assert quote_segments(text) == []
    assert all(q.kind == "indirect" for q in quotes(nlp, text))


def test_empty_text(nlp):
    assert find_quotes(nlp("")) == []


# -- indirect speech ------------------------------------------------------------------------------------------

def test_noted_that(nlp):
    text = "Djuric noted that unilateral actions by the authorities posed the greatest threat to the talks."
    q = only(quotes(nlp, text))
    assert q.kind == "indirect"
    assert q.text.endswith("unilateral actions by the authorities posed the greatest threat to the talks")
    assert (q.cue, q.speaker.text) == ("noted", "Djuric")


def test_pronoun_speaker_gets_the_named_person(nlp):
    text = "Marko Petrovic met the envoy in Brussels on Friday. He said the talks would resume in March."
    q = only(quotes(nlp, text))
    assert (q.text, q.kind, q.cue) == ("the talks would resume in March", "indirect", "said")
    assert q.speaker.text == "He"
    assert q.speaker.name == "Marko Petrovic"


def test_pronoun_without_a_person_nearby_has_no_name(nlp):
    text = "The committee met twice. The report was long. The hearing ended. Nothing changed. She said it was over."
    q = only(quotes(nlp, text))
    assert q.speaker.text == "She" and q.speaker.name is None


def test_told_that(nlp):
    q = only(quotes(nlp, "The governor told reporters that the bridge would stay closed until June."))
    assert q.text.endswith("the bridge would stay closed until June")
    assert (q.cue, q.speaker.text) == ("told", "The governor")


def test_urged_takes_the_infinitive_clause(nlp):
    q = only(quotes(nlp, "Vucic urged the EU to use its influence on Pristina."))
    assert q.text == "to use its influence on Pristina"
    assert (q.cue, q.speaker.text) == ("urged", "Vucic")


@pytest.mark.parametrize("verb", ["warned", "claimed", "insisted", "stressed", "emphasised", "added", "argued",
                                  "announced", "denied"])
def test_reporting_verbs_with_that_clause(nlp, verb):
    text = f"The minister {verb} that the new law would protect small farmers."
    q = only(quotes(nlp, text))
    assert q.kind == "indirect"
    assert q.cue == verb
    assert q.speaker.text == "The minister"
    assert q.text.endswith("the new law would protect small farmers")


def test_clause_before_the_verb(nlp):
    q = only(quotes(nlp, "The border crossing will reopen next week, the interior minister said."))
    assert (q.text, q.cue, q.speaker.text) == (
        "The border crossing will reopen next week", "said", "the interior minister")


def test_according_to(nlp):
    q = only(quotes(nlp, "According to the central bank, inflation fell to 3 percent in April."))
    assert q.text == "inflation fell to 3 percent in April"
    assert (q.kind, q.cue, q.speaker.text) == ("indirect", "According to", "the central bank")


def test_spokesman_of(nlp):
    q = only(quotes(nlp, "The president's spokesman said the decision was final."))
    assert q.text == "the decision was final"
    assert q.speaker.text == "The president's spokesman"


def test_passive_with_agent(nlp):
    q = only(quotes(nlp, "It was reported by Reuters that the factory had closed."))
    assert q.text.endswith("the factory had closed")
    assert (q.cue, q.speaker.text, q.speaker.name) == ("reported", "Reuters", "Reuters")


def test_statement_from_is_the_medium(nlp):
    q = only(quotes(nlp, "A statement from the ministry said the talks had failed."))
    assert q.speaker.text == "the ministry"


def test_indirect_clause_with_a_partial_quote_is_one_quote(nlp):
    q = only(quotes(nlp, "Sanchez said the plan was “a betrayal of every family in this town” and would fail."))
    assert q.kind == "indirect"
    assert q.text.startswith("the plan was “a betrayal")
    assert q.speaker.text == "Sanchez"


def test_a_longer_article_in_text_order(nlp):
    text = ("Flood waters reached the old town on Saturday.\n\n"
            "“We lost everything in one night,” said Hana Ibrahim, who runs a bakery by the river.\n\n"
            "The regional governor said the army would help with the clean-up. According to the weather "
            "service, more rain is expected on Tuesday.\n\n"
            "Residents called the response “too little, too late”.")
    found = quotes(nlp, text)
    assert [q.cue for q in found][:3] == ["said", "said", "According to"]
    assert found[0].speaker.name == "Hana Ibrahim"
    assert found[1].text == "the army would help with the clean-up"


def test_which_he_said(nlp):
    text = "The minister condemned the trials against farmers, which he said aim to frighten the villages."
    q = only(quotes(nlp, text))
    assert q.text == "aim to frighten the villages"
    assert (q.cue, q.speaker.text) == ("said", "he")


def test_according_to_skips_a_dateline(nlp):
    q = only(quotes(nlp, "WASHINGTON ― The talks collapsed on Friday, according to two diplomats."))
    assert q.text == "The talks collapsed on Friday"
    assert q.speaker.text == "two diplomats"


def test_the_writers_own_voice_is_not_an_attribution(nlp):
    assert quotes(nlp, "It is worth noting that the river rose by two metres overnight.") == []


def test_place_name_label_is_not_a_speaker(nlp):
    assert quotes(nlp, "WASHINGTON: The Senate voted on Tuesday to extend the program.") == []
