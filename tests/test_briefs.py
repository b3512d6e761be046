"""Briefs from the record: the seed with the sample corpus, and untrusted text in HTML."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

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

    assert article_brief["format"] == "dragoman-brief/1"
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
    assert seed_brief["format"] == "dragoman-brief/1"
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


def test_background_has_2008_and_corpus_milestones(seed_brief):
    bg = seed_brief["background"]
    assert any(b["date"] and b["date"].startswith("2008") and "independence" in b["text"] for b in bg)
    from_corpus = [b for b in bg if (b["source"]["outlet"] or "").endswith(".example")]
    assert from_corpus, bg
    assert all(b["date"] and b["date"] < "2025-02-24" for b in from_corpus)
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
