"""Briefs from the record: the seed with the sample corpus, and untrusted text in HTML."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dragoman.briefs.clauses import clause_text
from dragoman.cli import (
    app,
    commands,  # noqa: F401
)
from dragoman.store import open_store

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def cli(*args):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("briefs") / "corpus.db")
    assert cli("--db", db, "ingest", str(CORPUS / "html"), str(CORPUS / "feed.xml"),
               str(CORPUS / "articles.jsonl")).exit_code == 0
    dates = json.loads((CORPUS / "dates.json").read_text())
    for name, day in dates.items():
        assert cli("--db", db, "ingest", "--published", day, str(CORPUS / "text" / name)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0
    return db


@pytest.fixture(scope="module")
def article_brief(corpus_db):
    """The brief of the seed-shaped article the project wrote (it is in the sample corpus)."""
    with open_store(corpus_db) as store:
        article = next(a for a in store.list_articles(limit=100) if (a["input_ref"] or "").endswith("icj-opinion-reactions.txt"))
    out = cli("--db", corpus_db, "brief", str(article["id"]), "--format", "json")
    assert out.exit_code == 0, out.stdout
    return json.loads(out.stdout)


def test_seed_shaped_headline_credit_and_date(article_brief):
    from conftest import ARTICLE_TITLE

    assert article_brief["format"] == "dragoman-brief/2"
    assert article_brief["headline"] == ARTICLE_TITLE
    assert article_brief["credit"] == {"text": "Read more @ danubedispatch.example", "outlet": "danubedispatch.example",
                                       "url": "https://danubedispatch.example"}
    assert article_brief["article"]["published"] == "2010-07-23"


def test_seed_shaped_brief_ignores_later_news(corpus_db, article_brief, tmp_path):
    later = tmp_path / "later.txt"
    later.write_text("**Jeremic takes the opinion to New York**\nRead More @ later.example\n"
                     "Serbian Foreign Minister Vuk Jeremic met UN officials in New York on Monday to discuss the "
                     "court's opinion on Kosovo.\n", encoding="utf-8")
    assert cli("--db", corpus_db, "ingest", str(later), "--published", "2010-07-27").exit_code == 0
    assert cli("--db", corpus_db, "process").exit_code == 0
    again = json.loads(cli("--db", corpus_db, "brief", str(article_brief["article"]["id"]), "--format", "json").stdout)
    assert again == article_brief


def test_seed_shaped_markdown_and_html(corpus_db, article_brief):
    from conftest import ARTICLE_TITLE

    md = cli("--db", corpus_db, "brief", str(article_brief["article"]["id"])).stdout
    assert md.startswith(f"**{ARTICLE_TITLE}**") and "Read more @ [danubedispatch.example]" in md
    html = cli("--db", corpus_db, "brief", str(article_brief["article"]["id"]), "--format", "html").stdout
    assert "<h1>Hague Court Says Kosovo&#x27;s Declaration" in html or "<h1>Hague Court Says Kosovo&#39;s" in html


@pytest.fixture(scope="module")
def seed_brief(corpus_db):
    from conftest import SEED

    if not SEED.exists():
        pytest.skip(f"the project seed is not here ({SEED}); the seed-shaped article's tests cover the same ground")
    out = cli("--db", corpus_db, "brief", str(SEED), "--published", "2025-02-24", "--format", "json")
    assert out.exit_code == 0, out.stdout
    return json.loads(out.stdout)


def test_headline_and_credit(seed_brief):
    assert seed_brief["format"] == "dragoman-brief/2"
    assert seed_brief["headline"] == "Serbia and EU Discuss Reviving Dialogue with Kosovo"
    assert seed_brief["credit"]["text"] == "Read more @ n1info.rs"
    assert seed_brief["credit"]["url"] == "https://n1info.rs"
    assert seed_brief["article"]["published"] == "2025-02-24"


def test_meeting_fact_is_dated_and_named(seed_brief):
    meeting = [f for f in seed_brief["facts"] if "Djuric" in f["text"] and "Sorensen" in f["text"]]
    assert meeting, seed_brief["facts"]
    fact = meeting[0]
    assert fact["date"] == "2025-02-21" and "Friday 21 February 2025" in fact["text"]
    assert "Foreign Affairs Minister" in fact["text"] and "Special Representative" in fact["text"]
    assert fact["evidence"]["sentence"] == 0 and fact["event_ids"]


def test_quote_speaker(seed_brief):
    q = [q for q in seed_brief["quotes"] if "clear and mutual interest in seeing progress" in q["text"]]
    assert q and q[0]["speaker"]["code"] == "SRBGOV"
    assert q[0]["speaker"]["name"] == "Serbia's Ministry of Foreign Affairs"


def test_background_is_the_articles_own_or_its_storys_past(seed_brief, corpus_db):
    bg = seed_brief["background"]
    assert any(b["date"] and b["date"].startswith("2008") and "independence" in b["text"] for b in bg)
    seed_id = seed_brief["article"]["id"]
    with open_store(corpus_db) as store:
        story = store.get_story(seed_brief["story"]["id"])
        members = {a["id"]: a["published"] for a in story["articles"]}
    for b in bg:
        if b["origin"] == "article":  # the seed's own background section, labelled as such
            assert b["source"]["article_id"] == seed_id
        else:  # an earlier article of the seed's own story, never another story's
            assert b["origin"] == "story" and b["source"]["article_id"] in members
            assert members[b["source"]["article_id"]][:10] < "2025-02-24"
    assert [b["relevance"] for b in bg] == sorted((b["relevance"] for b in bg), reverse=True)


def test_gaps_note_the_one_sided_report(seed_brief):
    kinds = {g["kind"] for g in seed_brief["gaps"]}
    assert "one_sided" in kinds
    one = next(g for g in seed_brief["gaps"] if g["kind"] == "one_sided")
    assert "Serbian side" in one["text"]
    assert "KSVGOV" in one["actors"] or "KSV" in one["actors"]
    assert "IGOEUREEC" in one["actors"]
    assert "weekday_only" in kinds or "no_place" in kinds


def test_brief_ignores_later_news(corpus_db, seed_brief, tmp_path):
    later = tmp_path / "later.txt"
    later.write_text("**Djuric and Sorensen meet again**\nRead More @ later.example\n"
                     "Serbian Foreign Minister Marko Djuric met EU envoy Peter Sorensen again in Belgrade on "
                     "Monday to discuss the dialogue with Kosovo.\n", encoding="utf-8")
    assert cli("--db", corpus_db, "brief", str(later), "--published", "2025-03-10", "--format", "json").exit_code == 0
    again = json.loads(cli("--db", corpus_db, "brief", str(seed_brief["article"]["id"]), "--format", "json").stdout)
    assert again == seed_brief


def test_markdown_and_html_formats(corpus_db, seed_brief):
    md = cli("--db", corpus_db, "brief", str(seed_brief["article"]["id"])).stdout
    assert md.startswith("**Serbia and EU Discuss Reviving Dialogue with Kosovo**")
    assert "**Background**" in md and "**What the article does not say**" in md
    html = cli("--db", corpus_db, "brief", str(seed_brief["article"]["id"]), "--format", "html").stdout
    assert "<h2>Background</h2>" in html and "Content-Security-Policy" in html


def test_untrusted_text_is_escaped(tmp_path):
    db = str(tmp_path / "x.db")
    evil = tmp_path / "evil.jsonl"
    evil.write_text(json.dumps({
        "url": "javascript:alert(1)", "title": "<script>alert('t')</script>\" onmouseover=\"x",
        "published": "2024-01-02",
        "text": "Serbian police arrested <script>alert(1)</script> three men near the Kosovo border on Monday, "
                "the ministry said: “<img src=x onerror=alert(2)>”."}) + "\n", encoding="utf-8")
    assert cli("--db", db, "ingest", str(evil)).exit_code == 0
    html = cli("--db", db, "brief", "1", "--format", "html").stdout
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html


def test_brief_quotes_are_statements_not_fragments(corpus_db, seed_brief):
    """A reporting verb's bare object ("announced the agreements") is not offered as a quote."""
    with open_store(corpus_db) as store:
        article = next(a for a in store.list_articles(limit=100) if "first agreements" in (a["title"] or ""))
    brief = json.loads(cli("--db", corpus_db, "brief", str(article["id"]), "--format", "json").stdout)
    assert brief["quotes"] == [] or all(len(q["text"].split()) >= 4 for q in brief["quotes"])
    assert all(q["text"] != "the agreements" for q in brief["quotes"])
    assert seed_brief["quotes"] and all(len(q["text"].split()) >= 4 for q in seed_brief["quotes"])


def test_seed_facts_do_not_turn_a_topic_into_a_meeting(seed_brief):
    """'The meeting focused on reviving a dialogue between Serbia and Kosovo' reports no Serbia-Kosovo meeting."""
    assert seed_brief["facts"], "the seed has key facts to check"
    assert not [f for f in seed_brief["facts"] if f["text"].startswith("Serbia met Kosovo")]


def _quotes_are_quotes(brief: dict, article_text: str) -> None:
    """Every quote is the article's own words between quotation marks; reported speech is never in marks."""
    from dragoman.briefs.quotes import between_marks

    for q in brief["quotes"]:
        ev = q["evidence"]
        assert q["kind"] == "direct" and article_text[ev["start"]:ev["end"]] == q["text"]
        assert between_marks(article_text, ev["start"], ev["end"]), q
    for s in brief["said"]:
        assert s["kind"] == "reported" and not any(mark in s["text"] for mark in "“”\"")
        assert s["speaker"]["name"] and s["speaker"]["name"] in s["text"]


def test_seed_shaped_quotes_are_quotes_and_reported_speech_is_attributed(corpus_db, article_brief):
    with open_store(corpus_db) as store:
        text = store.get_article(article_brief["article"]["id"])["text"]
    _quotes_are_quotes(article_brief, text)
    assert [(q["text"], q["speaker"]["code"]) for q in article_brief["quotes"]] == [
        ("did not violate international law", "IGOUNOICJ")]
    said = [s["text"] for s in article_brief["said"]]
    assert "Boris Tadic said Serbia would never recognise the independence of Kosovo." in said
    assert any(s.startswith("Serbia urged the members of the General Assembly to support new talks") for s in said)
    html = cli("--db", corpus_db, "brief", str(article_brief["article"]["id"]), "--format", "html").stdout
    assert "<h2>What they said</h2>" in html and "“Boris Tadic" not in html and "“Serbia would" not in html


def test_seed_quotes_only_the_quoted_phrase(corpus_db, seed_brief):
    from conftest import SEED

    with open_store(corpus_db) as store:
        text = store.get_article(seed_brief["article"]["id"])["text"]
    _quotes_are_quotes(seed_brief, text)
    assert [q["text"] for q in seed_brief["quotes"]] == ["clear and mutual interest in seeing progress"]
    said = " ".join(s["text"] for s in seed_brief["said"])
    assert "Marko Djuric noted that unilateral actions by Kosovo’s authorities" in said
    assert SEED.exists()


SERVE_WITHOUT_SPACY = r"""
import json, sys
import spacy, spacy.util

def refuse(*args, **kwargs):
    raise AssertionError("a spaCy pipeline was loaded while serving")

spacy.load = spacy.util.load_model = refuse
from fastapi.testclient import TestClient
from dragoman.config import Settings
from dragoman.web import create_app

db, ids = sys.argv[1], json.loads(sys.argv[2])
background = []
with TestClient(create_app(Settings(db=db), start_deliverer=False)) as client:
    for i in ids:
        page = client.get(f"/brief/{i}")
        assert page.status_code == 200, page.text
        background += [b["text"] for b in client.get(f"/api/briefs/{i}").json()["background"]]
print(json.dumps({"background": background, "parser_imported": "dragoman.nlp.pipeline" in sys.modules}))
"""


def _serve_briefs(db: str) -> dict:
    """Every article's brief, as page and JSON, from a web app in a process where spaCy cannot load."""
    with open_store(db) as store:
        ids = [a["id"] for a in store.articles.list_articles(limit=100)]
    out = subprocess.run([sys.executable, "-c", SERVE_WITHOUT_SPACY, db, json.dumps(ids)], capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_serving_briefs_never_parses(corpus_db):
    """Coding stores each event's clause; serving briefs reads it and never loads the spaCy pipeline."""
    with open_store(corpus_db) as store:
        mentions = list(store.coding.iter_mentions(limit=None))
    assert mentions and all(m["clause"] for m in mentions)
    served = _serve_briefs(corpus_db)
    assert not served["parser_imported"]
    assert "Kosovo declared independence from Serbia in 2008." in served["background"]


def test_mentions_coded_before_clauses_were_stored_show_their_sentence(corpus_db, tmp_path):
    old = str(tmp_path / "old.db")
    with sqlite3.connect(corpus_db) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE mentions SET clause = NULL")
    served, before = _serve_briefs(old), _serve_briefs(corpus_db)
    assert not served["parser_imported"]
    assert served["background"] and served["background"] != before["background"]  # sentences, not clauses


def test_a_mention_without_a_clause_shows_its_sentence():
    assert clause_text({"clause": "Kosovo declared independence in 2008."}, "In 2008, Kosovo declared independence "
                       "from Serbia, which it had been part of.") == "Kosovo declared independence in 2008."
    assert clause_text({"clause": None}, "  the talks resumed\n in Brussels ") == "The talks resumed in Brussels."
