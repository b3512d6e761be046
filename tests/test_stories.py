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
