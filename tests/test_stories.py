"""Story clustering, one event counted once, and timelines."""

import json

from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401
)

runner = CliRunner()


def cli(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


ARTICLES = [
    ("banjska-1", "2023-09-24", "balkanledger.example", "Police officer killed in attack in northern Kosovo",
     "A Kosovo police officer was killed on Sunday when armed men attacked a police patrol near the village of "
     "Banjska in northern Kosovo, Kosovo Prime Minister Albin Kurti said. Kurti blamed Belgrade for the attack. "
     "The gunmen later barricaded themselves in a monastery near Banjska."),
    ("banjska-2", "2023-09-25", "adriaticwire.example", "Kosovo mourns officer killed in Banjska attack",
     "Kosovo held a day of mourning on Monday for the police officer killed in the Banjska attack in northern "
     "Kosovo. Prime Minister Albin Kurti accused Serbia of backing the armed men who attacked the police patrol "
     "near Banjska. Serbian President Aleksandar Vucic denied that Belgrade was involved."),
    ("banjska-copy", "2023-09-24", "wire.example", "Kosovo officer killed in attack near Banjska",
     "A Kosovo police officer was killed on Sunday when armed men attacked a police patrol near the village of "
     "Banjska in northern Kosovo, Kosovo Prime Minister Albin Kurti said. Kurti blamed Belgrade for the attack. "
     "The gunmen later barricaded themselves in a monastery near Banjska. (Wire)"),
    ("tariffs", "2023-10-02", "danubedispatch.example", "EU discusses energy prices with member states",
     "European Union energy ministers discussed gas storage and electricity prices in Luxembourg on Monday. "
     "The ministers agreed to review the market rules for the coming winter, the Council presidency said."),
]


def test_stories_one_event_once_and_timeline(tmp_path):
    db = str(tmp_path / "s.db")
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"url": f"https://{outlet}/{slug}", "title": title, "text": text,
                                          "published": day})
                              for slug, day, outlet, title, text in ARTICLES) + "\n", encoding="utf-8")
    assert cli("--db", db, "ingest", str(path)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0
    stories = json.loads(cli("--db", db, "stories", "--json").stdout)
    by_url = {a["url"]: s["id"] for s in stories for a in s["articles"]}
    assert len(by_url) == 4  # every article in exactly one story
    assert by_url["https://balkanledger.example/banjska-1"] == by_url["https://adriaticwire.example/banjska-2"]
    assert by_url["https://wire.example/banjska-copy"] == by_url["https://balkanledger.example/banjska-1"]
    assert by_url["https://danubedispatch.example/tariffs"] != by_url["https://balkanledger.example/banjska-1"]
    banjska = next(s for s in stories if s["id"] == by_url["https://balkanledger.example/banjska-1"])
    assert banjska["first_seen"] == "2023-09-24" and banjska["last_seen"] == "2023-09-25"
    assert "KSVGOV" in banjska["actors"]

    story = json.loads(cli("--db", db, "story", str(banjska["id"]), "--json").stdout)
    dates = [e["date"] for e in story["timeline"] if e["date"]]
    assert dates == sorted(dates)
    assert all(e["evidence"] and e["evidence"][0]["url"] for e in story["timeline"])

    # one event, several mentions: Kurti's accusation against Belgrade is reported by two outlets
    events = json.loads(cli("--db", db, "events", "--json", "--actor", "KSVGOV").stdout)
    multi = [e for e in events if e["n_articles"] and e["n_articles"] > 1]
    assert multi, events

    md = cli("--db", db, "timeline", "--story", str(banjska["id"]), "--md").stdout
    assert md.startswith("# Timeline: Story") and "2023" in md
    assert cli("--db", db, "timeline").exit_code == 2
    q = json.loads(cli("--db", db, "timeline", "--query", "Banjska", "--json").stdout)
    assert q


def test_incremental_story_counts_match_a_full_recount(tmp_path):
    """Joining and merging update a story's counts and centroid in place; a full recount agrees."""
    from dragoman.store import open_store
    from dragoman.store.schema import stories as stories_table

    db = str(tmp_path / "inc.db")
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps({"url": f"https://{o}/{slug}", "published": day, "title": title,
                                        "text": text}) + "\n" for slug, day, o, title, text in ARTICLES))
    assert cli("--db", db, "ingest", str(path)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0
    with open_store(db) as store:
        ids = sorted(a["id"] for a in store.list_articles(limit=10))
        first, *rest = [i for i in ids if not store.get_article(i)["duplicate_of"]]
        # rebuild stories by hand: one per article, then join and merge them as clustering does
        with store.engine.begin() as conn:
            conn.execute(stories_table.delete())
            conn.exec_driver_sql("UPDATE articles SET story_id = NULL")
        from dragoman.stories.model import Params, add_to_centroid

        start = {"kosovo": 0.8, "police": 0.6}
        a = store.new_story(first, "x", None, start)
        store.set_story(rest[0], a, add_to_centroid(start, {"kosovo": 0.6, "attack": 0.8}, Params.load()))
        b = store.new_story(rest[1], "y", None, {"energy": 1.0})
        kept = store.merge_stories([a, b])
        assert kept == a  # the larger story survives
        merged = store.get_story(kept)
        centroid = store.story_centroids([kept])[kept]
        assert set(centroid) == {"kosovo", "police", "attack", "energy"}
        assert abs(sum(w * w for w in centroid.values()) - 1) < 1e-6
        assert centroid["kosovo"] > centroid["energy"]
        incremental = {k: merged[k] for k in ("title", "first_seen", "last_seen", "n_articles", "n_outlets",
                                               "actors", "dyads")}
        store.refresh_story(kept)
        recount = store.get_story(kept)
        assert incremental == {k: recount[k] for k in incremental}
        assert incremental["n_articles"] == 3 and incremental["n_outlets"] == 3
        assert incremental["title"] == "Police officer killed in attack in northern Kosovo"  # the earliest original
        assert "KSVGOV" in incremental["actors"] or "KSV" in "".join(incremental["actors"])
        assert sorted(a["id"] for a in recount["articles"]) == sorted([first, rest[0], rest[1]])


def _processed(tmp_path, article: dict) -> str:
    """A store holding one article, ingested and processed through the CLI."""
    db = str(tmp_path / "t.db")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(article) + "\n")
    assert cli("--db", db, "ingest", str(path)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0
    return db


def test_timeline_leaves_out_what_did_not_happen_unless_asked(tmp_path):
    db = _processed(tmp_path, {
        "url": "https://balkanledger.example/jarinje", "published": "2024-05-08", "title": "Arrests at Jarinje",
        "text": "Kosovo police arrested two Serbian officials near Jarinje on Monday. Serbia did not expel the "
                "Kosovo envoy. Serbia might recall its ambassador from Skopje."})
    default = json.loads(cli("--db", db, "timeline", "--actor", "SRB", "--json").stdout)
    assert [(e["code"], e["status"]) for e in default] == [("173", "reported")]
    assert default[0]["date"] == "2024-05-06"  # the Monday before publication
    everything = json.loads(cli("--db", db, "timeline", "--actor", "SRB", "--unrealised", "--min-confidence", "0",
                                "--json").stdout)
    assert {(e["code"], e["status"]) for e in everything} == {("173", "reported"), ("161", "negated"),
                                                               ("161", "hypothetical")}


def test_a_timeline_tells_an_event_by_its_most_specific_mention(tmp_path):
    db = _processed(tmp_path, {
        "url": "https://adriaticwire.example/deal", "published": "2013-04-20", "title": "Serbia and Kosovo sign deal",
        "text": "Serbia and Kosovo initial landmark deal on energy\nSerbian Prime Minister Ivica Dacic and Kosovo "
                "Prime Minister Hashim Thaci initialled an agreement on energy in Brussels on Friday."})
    entries = json.loads(cli("--db", db, "timeline", "--dyad", "SRB", "KSV", "--json").stdout)
    agreements = [e for e in entries if e["code"].startswith("05")]
    assert agreements and all(e["source"] == "SRBGOV" for e in agreements)
