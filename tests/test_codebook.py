"""The CAMEO codebook file and the plain-English event sentences, over every code."""

import re

import pytest
import yaml

from dragoman.data import DATA, load_yaml
from dragoman.events.codebook import codebook
from dragoman.events.describe import STATUS_PREFIX, base_phrase, describe

CODES = sorted(str(c) for c in load_yaml("cameo.yaml")["codes"])
STATUSES = ("reported", "planned", "negated", "hypothetical", "background")


def test_every_code_has_its_whole_name():
    """A name with a comma once ended at the comma in YAML ("Make statement" for "Make statement, not
    specified below"), leaving the rest as a stray key."""
    raw = yaml.safe_load((DATA / "cameo.yaml").read_text(encoding="utf-8"))
    assert len(CODES) > 280
    for code, entry in raw["codes"].items():
        assert set(entry) <= {"name", "goldstein", "plover"}, f"{code}: stray keys {set(entry) - {'name'}}"
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"] != ""
    assert codebook().info("010").name == "Make statement, not specified below"
    assert codebook().info("0254").name == "Appeal for easing of economic sanctions, boycott or embargo"
    assert codebook().info("183").name == "Conduct suicide, car or other non-military bombing, not specified below"
    unspecified = [c for c in CODES if codebook().info(c).name.endswith("not specified below")]
    assert len(unspecified) >= 30


def test_every_code_parses_with_a_goldstein_value_and_class():
    for code in CODES:
        info = codebook().info(code)
        assert info.root == code[:2] and -10 <= info.goldstein <= 10 and 1 <= info.quad_class <= 4


@pytest.fixture(scope="module")
def nlp():
    from dragoman.nlp.pipeline import ModelNotInstalled, load

    try:
        return load()
    except ModelNotInstalled as exc:  # pragma: no cover - the model is a declared dependency
        pytest.skip(str(exc))


def test_base_forms_are_the_verbs_own(nlp):
    """Every past-tense verb the phrases use has its real base form (spaCy's lemmatizer agrees), so
    "provided" is "provide", not "provid"."""
    frames = ("The minister {} them yesterday.", "He {} her.", "The court {} the debt in 2010.")
    for past, base in load_yaml("phrases.yaml")["base_forms"].items():
        lemmas = set()
        for frame in frames:
            token = next(t for t in nlp(frame.format(past)) if t.text == past)
            if token.tag_ == "VBD":
                lemmas.add(token.lemma_)
        assert base in lemmas, f"{past} -> {base}: spaCy says {lemmas or 'not a past-tense verb'}"


def test_every_phrase_verb_has_a_base_form():
    base = load_yaml("phrases.yaml")["base_forms"]
    for key, entry in load_yaml("phrases.yaml")["phrases"].items():
        for template in entry.values():
            words = [w for w in template.split() if not w.startswith("{")]
            assert words[0] in base, f"{key}: {template!r} does not start with a known verb"
            assert all(w in base for w in words if w.endswith("ed")), f"{key}: {template!r}"


@pytest.mark.parametrize("status", STATUSES)
def test_sentences_for_every_code(status):
    past_forms = set(load_yaml("phrases.yaml")["base_forms"])
    for code in CODES:
        for target in ("Kosovo", None):
            text = describe("Serbia", code, target, status, "2025-02-21", "day", "Brussels")
            assert text.startswith("Serbia ") and text.endswith(" on 21 February 2025 in Brussels.")
            assert "{" not in text and "  " not in text and "CAMEO" not in text, text
            if target:
                assert " Kosovo" in text
            words = re.findall(r"[a-z]+", text.removeprefix("Serbia "))
            if status in STATUS_PREFIX and not (status == "planned" and code[:2] in ("03", "13")):
                assert text.startswith(f"Serbia {STATUS_PREFIX[status]} "), text
                assert not past_forms & set(words), f"{code} {status}: {text}"
            else:
                assert words[0] in past_forms, text


def test_unrealised_sentences_read_as_english():
    assert describe("Serbia", "070", "Kosovo", "negated") == "Serbia did not provide aid to Kosovo."
    assert describe("Serbia", "11", None, "hypothetical") == "Serbia might voice disapproval."
    assert describe("EU", "051", "Kosovo", "planned") == "EU is expected to praise or endorse Kosovo."
    assert base_phrase("arrested or detained {target}") == "arrest or detain {target}"
