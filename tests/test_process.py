"""Storing and querying coded events: process, events, export, the actor memory, dictionary import."""

import csv
import io
import json

from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401
)

runner = CliRunner()


def cli(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_process_events_export(tmp_path, article_path):
    db = str(tmp_path / "p.db")
    assert cli("--db", db, "ingest", str(article_path), "--published", "2010-07-23").exit_code == 0
    later = tmp_path / "later.txt"
    later.write_text("**Jeremic answers Pristina**\nRead More @ example.org\n"
                     "Jeremic criticised Pristina on Tuesday over the arrest of Serbs in northern Kosovo.\n",
                     encoding="utf-8")
    assert cli("--db", db, "ingest", str(later), "--published", "2010-07-29").exit_code == 0
    out = cli("--db", db, "process")
    assert out.exit_code == 0 and "coded 2 articles" in out.stdout
    again = cli("--db", db, "process")
    assert "nothing to code" in again.stdout

    rows = json.loads(cli("--db", db, "events", "--json", "--limit", "500").stdout)
    assert rows
    welcome = [r for r in rows if r["root"] == "05" and r["source_code"] == "KSVGOV"]
    assert welcome and welcome[0]["date"] == "2010-07-23"
    assert welcome[0]["article_url"] == "https://danubedispatch.example"
    assert welcome[0]["sentence"] == "Kosovo’s Prime Minister Hashim Thaci welcomed the opinion."
    # the actor memory: a bare "Jeremic" in a later article resolves to the role seen before
    crit = [r for r in rows if r["article_id"] == 2 and r["root"] == "11"]
    assert crit and crit[0]["source_code"] == "SRBGOV" and crit[0]["source_name"] == "Vuk Jeremic"
    assert crit[0]["date"] == "2010-07-27"
    # filters
    dyad = json.loads(cli("--db", db, "events", "--json", "--dyad", "SRBGOV", "KSVGOV").stdout)
    assert dyad and all({r["source_code"], r["target_code"]} == {"SRBGOV", "KSVGOV"} for r in dyad)
    bg = json.loads(cli("--db", db, "events", "--json", "--status", "background").stdout)
    assert bg and all(r["status"] == "background" for r in bg)
    since = json.loads(cli("--db", db, "events", "--json", "--since", "2010-07-25").stdout)
    assert since and all(r["date"] >= "2010-07-25" for r in since)
    assert json.loads(cli("--db", db, "events", "--json", "--code", "05").stdout)

    # recoding replaces, never duplicates
    n_before = len(rows)
    assert cli("--db", db, "process", "--recode").exit_code == 0
    assert len(json.loads(cli("--db", db, "events", "--json", "--limit", "500").stdout)) == n_before

    gdelt = cli("--db", db, "export", "events", "--format", "gdelt", "--min-confidence", "0").stdout.splitlines()
    assert gdelt and all(len(line.split("\t")) == 61 for line in gdelt)
    first = next(row for line in gdelt if (row := line.split("\t"))[26] == "051" and row[5] == "KSVGOV")
    assert first[1] == "20100723" and first[26:29] == ["051", "051", "05"]
    assert first[60] == "https://danubedispatch.example"
    plover = [json.loads(line) for line in cli("--db", db, "export", "events", "--format", "plover",
                                               "--min-confidence", "0").stdout.splitlines()]
    assert plover and all(r["event"] and r["cite_info"]["url"] for r in plover)
    table = list(csv.DictReader(io.StringIO(cli("--db", db, "export", "events", "--format", "csv",
                                                "--min-confidence", "0").stdout)))
    assert len(table) == n_before and table[0]["code"].isdigit() and len(table[0]["code"]) >= 3
    lines = cli("--db", db, "export", "events", "--format", "jsonl", "--min-confidence", "0").stdout.splitlines()
    assert len(lines) == n_before
    pq = tmp_path / "e.parquet"
    assert cli("--db", db, "export", "events", "--format", "parquet", "--min-confidence", "0",
               "--out", str(pq)).exit_code == 0
    import pyarrow.parquet as papq

    t = papq.read_table(pq)
    assert t.num_rows == n_before and t.schema.field("code").type == "string"


def test_actor_dictionary_import(tmp_path):
    db = str(tmp_path / "a.db")
    dictionary = tmp_path / "people.actors.txt"
    dictionary.write_text(
        "# a dictionary in the PETRARCH format, written for this test\n"
        "JANE_EXAMPLEVA_  ; test entry\n"
        "+EXAMPLEVA_\n"
        "\t[XKXGOV 150101-191231]\n"
        "\t[XKXOPP >200101]\n"
        "GREEN_PARTY_OF_NOWHERE_ [XKXPTY]\n", encoding="utf-8")
    out = cli("--db", db, "actors", "import", str(dictionary))
    assert out.exit_code == 0 and "new" in out.stdout
    from datetime import date

    from dragoman.store import open_store

    with open_store(db) as store:
        assert store.lookup_actor("Exampleva", date(2016, 5, 1))["code"] == "XKXGOV"
        assert store.lookup_actor("Jane Exampleva", date(2021, 5, 1))["code"] == "XKXOPP"
        assert store.lookup_actor("Green Party of Nowhere", None)["code"] == "XKXPTY"
    # importing again adds nothing
    assert "0 new" in cli("--db", db, "actors", "import", str(dictionary)).stdout
    agents = tmp_path / "agents.txt"
    agents.write_text("!PERSON! = MAN, MEN\nFARMER [~AGR]\n", encoding="utf-8")
    bad = cli("--db", db, "actors", "import", str(agents))
    assert bad.exit_code == 1 and "agents dictionary" in bad.stderr


def test_process_recodes_what_an_older_coder_coded(tmp_path, article_path, monkeypatch):
    from dragoman import process
    from dragoman.store import Store

    db = str(tmp_path / "v.db")
    assert cli("--db", db, "ingest", str(article_path), "--published", "2010-07-23").exit_code == 0
    assert "coded 1 article" in cli("--db", db, "process").stdout
    assert "nothing to code" in cli("--db", db, "process").stdout
    store = Store(db)
    assert store.articles_to_code(version=process.coder_version()) == []
    # a new coder (its rules or data changed): the article is coded again, once
    monkeypatch.setattr(process, "coder_version", lambda: "0.1.0+newer")
    assert store.articles_to_code(version="0.1.0+newer") == [1]
    assert "coded 1 article" in cli("--db", db, "process").stdout
    assert "nothing to code" in cli("--db", db, "process").stdout
    assert cli("--db", db, "process", "--recode").exit_code == 0  # --recode still forces every article


def test_coder_version_is_a_digest_of_the_rules_and_data(tmp_path):
    import shutil

    from dragoman.process import PACKAGE, coder_digest, coder_files

    names = {f.relative_to(PACKAGE).as_posix() for f in coder_files()}
    assert {"events/coder.py", "actors/resolver.py", "nlp/times/checks.py", "data/coding.yaml",
            "data/times.yaml", "extract.py"} <= names
    assert not any(n.startswith(("web/", "store/", "cli/")) for n in names)
    copy = tmp_path / "dragoman"
    for name in ("nlp", "actors", "events", "data"):
        shutil.copytree(PACKAGE / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE / "extract.py", copy / "extract.py")
    (copy / "ingest").mkdir()
    for name in ("textformat.py", "htmlextract.py"):
        shutil.copy(PACKAGE / "ingest" / name, copy / "ingest" / name)
    assert coder_digest(copy) == coder_digest()
    rules = copy / "events" / "sentence_rules.py"
    rules.write_text(rules.read_text() + "\n# a changed rule\n")
    assert coder_digest(copy) != coder_digest()
