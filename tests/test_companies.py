"""Companies and business bodies (data/actors/companies.yaml): the data's invariants, and how the resolver and the
coder read company names in running text (sentences written for these tests)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dragoman.actors.kb import KnowledgeBase, company_spellings, knowledge_base
from dragoman.actors.resolver import ArticleResolver
from dragoman.data import load_yaml
from dragoman.extract import extract
from dragoman.nlp.pipeline import load

COMPANIES = load_yaml("actors/companies.yaml")["companies"]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---- the data ----------------------------------------------------------------------------------------------

def test_every_company_is_its_home_country_plus_bus():
    kb = knowledge_base()
    for c in COMPANIES:
        assert c["code"] == f"{c['country']}BUS", c["name"]
        assert kb.country(c["country"]) is not None, f"{c['name']}: unknown country {c['country']}"
    assert 400 <= len(COMPANIES) <= 700


def test_dates_are_well_formed_and_ordered():
    for c in COMPANIES:
        since, until = (str(c[k]) if c.get(k) is not None else None for k in ("since", "until"))
        for value in (since, until):
            assert value is None or DATE.match(value), f"{c['name']}: {value!r}"
        assert since is None or until is None or since <= until, c["name"]


def _periods_overlap(a: dict, b: dict) -> bool:
    """Whether two entries' periods (inclusive, open where a bound is missing) share a day."""
    a_since, a_until = str(a.get("since") or "0000"), str(a.get("until") or "9999")
    b_since, b_until = str(b.get("since") or "0000"), str(b.get("until") or "9999")
    return not (a_until < b_since or b_until < a_since)


def test_a_name_belongs_to_one_code_at_a_time():
    """Two entries may share a name only when they follow each other in time (a company that moved its head
    office: Royal Dutch Shell, then Shell plc)."""
    by_words: dict[tuple[str, ...], list[dict]] = {}
    for c in COMPANIES:
        for alias in [c["name"], *(c.get("aliases") or []), *(c.get("ambiguous_aliases") or [])]:
            for _, words in company_spellings(alias):
                by_words.setdefault(words, [])
                if c not in by_words[words]:
                    by_words[words].append(c)
    for words, owners in by_words.items():
        for i, a in enumerate(owners):
            for b in owners[i + 1:]:
                if a["code"] != b["code"]:
                    assert not _periods_overlap(a, b), f"{' '.join(words)!r}: {a['name']} and {b['name']}"


def test_no_company_name_is_already_a_country_an_organisation_or_a_person():
    others = KnowledgeBase(*(load_yaml(f"actors/{n}.yaml") for n in ("countries", "organisations", "roles",
                                                                     "people")))
    for c in COMPANIES:
        for alias in [c["name"], *(c.get("aliases") or []), *(c.get("ambiguous_aliases") or [])]:
            for _, words in company_spellings(alias):
                hit = others.names.match_at(list(words), 0)
                assert not (hit and hit[0] == len(words)), f"{alias!r} ({c['name']}) is already {hit[1]}"


def test_ambiguous_aliases_are_not_also_safe():
    for c in COMPANIES:
        safe = {a.lower() for a in [c["name"], *(c.get("aliases") or [])]}
        assert not safe & {a.lower() for a in c.get("ambiguous_aliases") or []}, c["name"]


# ---- in running text -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    return load()


def actors(nlp, text: str, published: date = date(2010, 5, 3)) -> dict[str, str | None]:
    """Every noun phrase the resolver codes, by its text."""
    doc = nlp(text)
    r = ArticleResolver(published=published)
    r.prime(doc)
    out = {}
    for t in doc:
        if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "compound":
            ref = r.resolve(t)
            if ref is not None:
                out[ref.text] = ref.code
    return out


def sources(text: str, published: str = "2010-05-03") -> list[str | None]:
    return [e.source.code if e.source else None for e in extract(text, published=published).events]


def test_a_company_acts_as_its_home_country_business():
    assert sources("General Motors asked the government for a loan on Monday.") == ["USABUS"]
    assert sources("BP's chief executive apologised on Tuesday.") == ["GBRBUS"]
    assert "USABUS" in sources("Lehman Brothers' creditors sued the bank on Monday.")


def test_a_companys_workers_are_labour(nlp):
    found = actors(nlp, "General Motors workers went on strike on Monday, and BP's chief executive resigned.")
    assert found["General Motors workers"] == "USALAB"
    assert found["BP's chief executive"] == "GBRBUS"


def test_the_and_possessives_do_not_hide_the_name(nlp):
    found = actors(nlp, "The New York Stock Exchange suspended trading after Lehman Brothers' collapse.")
    assert found["The New York Stock Exchange"] == "USABUS"
    assert actors(nlp, "BP's shares fell.").get("BP's") == "GBRBUS"


def test_spellings_the_tokenizer_and_the_press_use(nlp):
    assert actors(nlp, "AT&T sued Societe Generale on Monday.") == {"AT&T": "USABUS", "Societe Generale": "FRABUS"}
    assert actors(nlp, "Société Générale sued its former trader.")["Société Générale"] == "FRABUS"


def test_an_acronym_counts_only_in_capitals(nlp):
    assert actors(nlp, "ANA cancelled 40 flights on Monday.")["ANA"] == "JPNBUS"
    assert "JPNBUS" not in actors(nlp, "Ana said on Monday she would resign.").values()


def test_an_ordinary_word_is_not_mistaken_for_a_company(nlp):
    assert "NLDBUS" not in actors(nlp, "Shell fire hit the village on Monday.").values()
    assert "USABUS" not in actors(nlp, "Apple farmers protested in Kashmir on Monday.").values()
    assert "INDBUS" not in actors(nlp, "Reliance on Russian gas worried the ministers.").values()
    # ... but the word is the company when it plainly names one, or once the company is named in full
    assert actors(nlp, "Shell said on Monday it would leave Russia.")["Shell"] == "NLDBUS"
    named = actors(nlp, "Royal Dutch Shell agreed to pay. Shell executives met the minister on Monday.")
    assert named["Shell executives"] == "NLDBUS"


def test_a_company_name_inside_a_person_name_or_a_role_is_neither(nlp):
    assert actors(nlp, "Gerald Ford pardoned Richard Nixon.")["Gerald Ford"] != "USABUS"
    assert actors(nlp, "Iran air defences shot down the drone.")["Iran air defences"] == "IRNMIL"
    assert actors(nlp, "Korean Air cancelled flights to Tokyo.")["Korean Air"] == "KORBUS"


def test_a_company_that_moved_is_coded_by_where_it_was_on_the_day(nlp):
    text = "Shell said on Monday it would sell its stake."
    assert actors(nlp, text, date(2010, 5, 3))["Shell"] == "NLDBUS"
    assert actors(nlp, text, date(2023, 5, 3))["Shell"] == "GBRBUS"
    assert actors(nlp, "Transocean blamed the well's owner.", date(2010, 5, 3))["Transocean"] == "CHEBUS"
    assert actors(nlp, "Transocean blamed the well's owner.", date(2005, 5, 3))["Transocean"] == "USABUS"
    assert actors(nlp, "Jat Airways cancelled flights.", date(2005, 5, 3))["Jat Airways"] == "SCGBUS"
