"""The seed as an acceptance test of event coding (issue: Event coding, section 8)."""

import pytest

from dragoman.extract import extract


@pytest.fixture(scope="module")
def seed_doc(request):
    from conftest import SEED

    if not SEED.exists():
        pytest.skip(f"the project seed is not here ({SEED}); tests/test_extract_seed_shaped.py covers the same ground")
    return extract(SEED.read_text(encoding="utf-8"), published="2025-02-24")


def events(doc, root=None, src=None, tgt=None):
    out = []
    for e in doc.events:
        if root and e.root != root:
            continue
        if src and not (e.source and e.source.code == src):
            continue
        if tgt and not (e.target and e.target.code == tgt):
            continue
        out.append(e)
    return out


def test_contract_basics(seed_doc):
    d = seed_doc.to_dict()
    assert d["format"] == "dragoman/1"
    assert d["title"] == "Serbia and EU Discuss Reviving Dialogue with Kosovo"
    assert d["outlet"] == "n1info.rs" and d["published"] == "2025-02-24" and d["language"] == "en"
    for e in d["events"]:
        assert isinstance(e["code"], str) and e["code"].startswith(e["root"]) and len(e["root"]) == 2
        assert d["text"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        for key in ("source", "target"):
            if e[key]:
                assert d["text"][e[key]["start"]:e[key]["end"]] == e[key]["text"]
        assert e["status"] in {"reported", "planned", "negated", "hypothetical", "background"}
    starts = [(e["sentence"]["index"], e["trigger"]["start"]) for e in d["events"]]
    assert starts == sorted(starts)


def test_meeting_djuric_sorensen_on_friday(seed_doc):
    meets = events(seed_doc, "04", "SRBGOV", "IGOEUREEC")
    assert meets, [(e.code, e.source, e.target) for e in seed_doc.events]
    m = meets[0]
    assert m.source.name == "Marko Djuric" and m.target.name == "Peter Sorensen"
    assert m.date == "2025-02-21" and m.date_precision == "day"
    assert m.status == "reported"


def test_djuric_appeals_to_the_eu(seed_doc):
    appeals = events(seed_doc, "02", "SRBGOV", "IGOEUREEC")
    assert appeals and "urged" in appeals[0].trigger.text


def test_djuric_disapproves_of_kosovo_authorities(seed_doc):
    assert events(seed_doc, "11", "SRBGOV", "KSVGOV")


def test_declaration_of_independence_is_background(seed_doc):
    decl = [e for e in seed_doc.events if e.source and e.source.code and e.source.code.startswith("KSV")
            and "declared" in e.trigger.text]
    assert decl
    assert decl[0].status == "background"
    assert decl[0].date == "2008" and decl[0].date_precision == "year"


def test_eu_mediation_is_background(seed_doc):
    med = [e for e in events(seed_doc, "04", "IGOEUREEC") if e.status == "background"]
    targets = {e.target.code for e in med if e.target}
    assert {"SRBGOV", "KSVGOV"} <= targets


def test_quote_attributed_to_the_ministry(seed_doc):
    q = [q for q in seed_doc.quotes if "clear and mutual interest in seeing progress" in q.text]
    assert q
    assert q[0].speaker is not None and q[0].speaker.code == "SRBGOV"
    assert "Ministry of Foreign Affairs" in q[0].speaker.text


def test_no_event_with_actors_swapped(seed_doc):
    assert not [e for e in events(seed_doc, "04", "IGOEUREEC", "SRBGOV") if e.status == "reported"]
    assert not events(seed_doc, "02", "IGOEUREEC", "SRBGOV")
    assert not events(seed_doc, "11", "KSVGOV", "SRBGOV")


def test_kosovo_and_metohija_resolves_to_kosovo():
    from dragoman.actors.resolver import ArticleResolver
    from dragoman.nlp.pipeline import load

    doc = load()("Belgrade said the Serbs in Kosovo and Metohija feel insecure. Kosovo and Metohija is a province.")
    resolver = ArticleResolver()
    resolver.prime(doc)
    head = next(t for t in doc if t.text == "Kosovo" and t.i > 5 and t.dep_ == "nsubj")
    ref = resolver.resolve(head)
    assert ref is not None and ref.code == "KSV"
