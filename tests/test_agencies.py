"""National government bodies by name (data/actors/agencies.yaml): the data's own rules, and what the coder makes
of sentences that name such bodies (all sentences written for these tests)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dragoman.actors.kb import SECTORS, knowledge_base
from dragoman.data import load_yaml
from dragoman.extract import extract
from dragoman.nlp.words import words_of

DAY = "2024-03-04"  # a Monday
BODIES = load_yaml("actors/agencies.yaml")["national_bodies"]
ORGS = load_yaml("actors/organisations.yaml")
COUNTRIES = load_yaml("actors/countries.yaml")
ROLES = load_yaml("actors/roles.yaml")

# Names that many states give a body of theirs: never an unambiguous alias of one of them.
GENERIC = ["Ministry of Health", "Health Ministry", "Supreme Court", "Interior Ministry", "Ministry of Interior",
           "Ministry of the Interior", "Ministry of Defence", "Ministry of Defense", "Defence Ministry",
           "Foreign Ministry", "Ministry of Foreign Affairs", "Ministry of Justice", "Justice Ministry",
           "Ministry of Finance", "Finance Ministry", "Central Bank", "National Bank", "Constitutional Court",
           "High Court", "National Police", "Federal Police", "Border Guard", "Coast Guard", "Election Commission",
           "Electoral Commission", "Central Election Commission", "National Electoral Council", "National Assembly",
           "Prosecutor General's Office", "Attorney General's Office", "National Security Council",
           "National Intelligence Service", "Intelligence Bureau", "Security Service", "State Security",
           "Department of Health", "Ministry of Home Affairs", "Home Ministry", "Department of Home Affairs",
           "Cabinet Office", "National Guard", "Republican Guard", "Council of State", "Court of Cassation",
           "Federal Supreme Court", "Competition Commission", "Civil Protection", "General Staff", "Secret Service",
           "Border Patrol", "Department of Foreign Affairs", "Department of Justice and Constitutional Development",
           "Ministry of Economy", "Ministry of Education", "Ministry of Agriculture", "Federal Court",
           "National Police Agency", "Shura Council", "State Council", "Federal Council", "Border Force",
           "Presidential Guard", "National Statistics Office", "National Bureau of Statistics"]


def country_codes() -> set[str]:
    return {str(c["code"]) for part in ("countries", "historical") for c in COUNTRIES.get(part) or []}


def test_every_entry_is_a_country_and_a_sector():
    known = country_codes()
    assert 400 <= len(BODIES) <= 750
    for b in BODIES:
        code, country = b["code"], b.get("country")
        assert set(b) <= {"code", "name", "country", "aliases", "ambiguous_aliases", "note"}, b
        assert all(v is not None for v in b.values()), b  # an unquoted comma in a flow mapping makes a null key
        assert country in known and code[:3] == country and code[3:] in SECTORS - {"HLH"}, b


def _forms() -> dict[tuple[str, ...], set[str]]:
    """Every unambiguous name of the curated knowledge base → the codes it stands for."""
    forms: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for part in ("national_bodies", "organisations", "armed_groups"):
        for o in ORGS.get(part) or []:
            for alias in [o["name"], *(o.get("aliases") or []), *(o.get("metonyms") or [])]:
                forms[words_of(alias)].add(str(o["code"]))
    for c in COUNTRIES["countries"] + (COUNTRIES.get("regions") or []) + (COUNTRIES.get("historical") or []):
        for key, sector in (("aliases", ""), ("adjectives", ""), ("people", ""), ("seats", "GOV"),
                            ("government_terms", "GOV"), ("legislature", "LEG"), ("parts", "")):
            for alias in c.get(key) or []:
                forms[words_of(alias)].add(str(c["code"]) + sector)
        forms[words_of(c["name"])].add(str(c["code"]))
    return forms


def test_no_name_stands_for_two_codes():
    forms = _forms()
    mine: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for b in BODIES:
        for alias in [b["name"], *(b.get("aliases") or [])]:
            mine[words_of(alias)].add(b["code"])
    clashes = {" ".join(w): codes | forms.get(w, set()) for w, codes in mine.items()
               if len(codes | forms.get(w, set())) > 1}
    assert clashes == {}
    # an ambiguous alias is never another body's plain name
    for b in BODIES:
        for alias in b.get("ambiguous_aliases") or []:
            other = (mine.get(words_of(alias), set()) | forms.get(words_of(alias), set())) - {b["code"]}
            assert not other, (alias, other)


def test_names_many_states_use_are_ambiguous_only():
    generic = {words_of(g) for g in GENERIC} | {words_of(w) for r in ROLES["roles"] for w in r["words"]}
    plain = [(b["name"], alias) for b in BODIES for alias in [b["name"], *(b.get("aliases") or [])]
             if words_of(alias) in generic]
    assert plain == []
    names = [b["name"] for b in BODIES]
    assert len(names) == len(set(names))
    known = {o["name"] for o in ORGS["national_bodies"]}
    assert known.isdisjoint(names)


def test_the_knowledge_base_reads_the_file():
    kb = knowledge_base()
    for phrase in ("Centers for Disease Control and Prevention", "Home Office", "Roskomnadzor"):
        m = kb.names.match_at(list(words_of(phrase)), 0)
        assert m is not None and m[0] == len(words_of(phrase))
        assert any(e.kind == "org" for e in m[1])


def source(text: str):
    events = extract(text, published=DAY).events
    return {(e.source.text, e.source.code) for e in events if e.source is not None}


@pytest.mark.parametrize("text, actor, code", [
    # a US agency in a story about Mexico is still American, not the article's country
    ("Mexican officials met in Mexico City on Sunday to discuss the outbreak in Oaxaca. "
     "The CDC said on Monday that 40 people had fallen ill.", "The CDC", "USAGOV"),
    ("The Home Office confirmed the plan on Tuesday.", "The Home Office", "GBRGOV"),
    ("The Minerals Management Service approved the drilling plan on Monday.",
     "The Minerals Management Service", "USAGOV"),
    ("Scotland Yard arrested two men in east London on Monday.", "Scotland Yard", "GBRCOP"),
    ("The Crown Prosecution Service charged the driver on Friday.", "The Crown Prosecution Service", "GBRJUD"),
    ("The U.S. Coast Guard rescued 12 people off Florida on Sunday.", "The U.S. Coast Guard", "USAMIL"),
    ("The House Intelligence Committee criticized the report on Thursday.", "The House Intelligence Committee",
     "USALEG"),
    ("Roskomnadzor blocked the website on Monday.", "Roskomnadzor", "RUSGOV"),
    # 'Foreign Office' alone is the British one; 'Security Council' alone the UN's
    ("The German Foreign Office condemned the attack on Monday.", "The German Foreign Office", "DEUGOV"),
    ("The Russian Security Council met on Friday to discuss the sanctions.", "The Russian Security Council",
     "RUSGOV"),
])
def test_a_named_body_is_its_own_country(text, actor, code):
    assert (actor, code) in source(text)


@pytest.mark.parametrize("setting, country", [
    ("President Lula spoke in Brasilia on Monday.", "BRAGOV"),
    ("President Ruto spoke in Nairobi on Monday.", "KENGOV"),
])
def test_a_generic_name_takes_the_article_country(setting, country):
    text = f"{setting} The Ministry of Health said on Tuesday that 40 people had died."
    assert ("The Ministry of Health", country) in source(text)


def test_a_country_named_beside_a_generic_name_wins():
    # the US Supreme Court is named first, so 'Supreme Court' could stand for it; 'Peru's' says whose court it is
    text = "The U.S. Supreme Court ruled on Monday that the law was valid. Peru's Supreme Court rejected the appeal."
    assert ("Peru's Supreme Court", "PERJUD") in source(text)


def test_an_ambiguous_acronym_counts_once_the_body_is_named():
    named = ("U.S. Immigration and Customs Enforcement opened an office in Texas last year. "
             "ICE detained 12 people in Houston on Monday.")
    assert ("ICE", "USACOP") in source(named)
    assert not any(code and code.startswith("USA") for _, code in source("Ice blocked the road to the village on Monday."))


def test_a_defence_ministry_speaks_for_the_armed_forces():
    # sentences written for this test
    assert extract("Russia's defence ministry denied the report on Monday.", published=DAY).events[0].source.code \
        == "RUSMIL"
    assert extract("The Pentagon denied the report on Monday.", published=DAY).events[0].source.code == "USAMIL"
