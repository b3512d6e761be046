"""Exports, loaded by the tools people load them with: DuckDB with GDELT's own column types and
constraints, pyarrow, and a JSON Schema of the PLOVER manual's record."""

import csv
import importlib.util
import io
import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import jsonschema
import pyarrow.parquet as pq
import pytest
from corpus import corpus_db
from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401 - registers the sub-commands
)
from dragoman.data import load_yaml
from dragoman.events.codebook import codebook
from dragoman.export.dates import period_start
from dragoman.export.gdelt import EVENT_COLUMNS, FLAG_COLUMNS, MENTION_COLUMNS, known_group, type_codes
from dragoman.export.geo import fips
from dragoman.export.plover import plover_code, schema_path

ROOT = Path(__file__).resolve().parents[1]
GDELT_SQL = ROOT / "docs" / "gdelt"
OFFICIAL_CROSSWALK = ROOT.parent / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
COPY = "COPY {table} FROM '{path}' (DELIMITER '\t', HEADER false, QUOTE '')"
runner = CliRunner()


def export(db: str, *args: str, env: dict | None = None) -> str:
    """An export with every event (the format tests check all rows; the confidence floor has its own test)."""
    env = {"DRAGOMAN_MIN_CONFIDENCE": "0", **(env or {})}
    result = runner.invoke(app, ["--db", db, "export", *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return corpus_db(tmp_path_factory, "exports")


def store(db: str, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def gdelt(tmp_path: Path, events: str, mentions: str | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB database with GDELT's event (and Mentions) tables, loaded from the exports."""
    con = duckdb.connect()
    con.execute((GDELT_SQL / "events.sql").read_text())
    con.execute((GDELT_SQL / "mentions.sql").read_text())
    for table, text in (("events", events), ("mentions", mentions)):
        if text is not None:
            path = tmp_path / f"{table}.tsv"
            path.write_text(text, encoding="utf-8")
            con.execute(COPY.format(table=table, path=path))
    return con


REALISED_DAY = ("SELECT id FROM events WHERE date_precision = 'day' AND status IN ('reported', 'background') "
                "AND id IN (SELECT event_id FROM mentions)")


# -- GDELT ---------------------------------------------------------------------------------------------


def test_gdelt_events_load_into_duckdb_with_gdelts_types_and_constraints(db, tmp_path):
    con = gdelt(tmp_path, export(db, "events", "--format", "gdelt"))
    ids = {r[0] for r in con.sql("SELECT GLOBALEVENTID FROM events").fetchall()}
    assert ids == {r[0] for r in store(db, REALISED_DAY)}  # one row per event; PRIMARY KEY held
    unrealised = {r[0] for r in store(db, "SELECT id FROM events WHERE status IN ('negated', 'planned', 'hypothetical')")}
    assert unrealised and not ids & unrealised
    assert con.sql("SELECT count(*) FROM events WHERE MonthYear != SQLDATE // 100 OR Year != SQLDATE // 10000 "
                   "OR floor(FractionDate) != Year").fetchone()[0] == 0
    codes = con.sql("SELECT EventCode, EventBaseCode, EventRootCode, QuadClass FROM events").fetchall()
    assert any(c.startswith("0") for c, *_ in codes)  # leading zeros survive: codes are text
    assert all(b == c[:3] and r == c[:2] for c, b, r, _ in codes)
    for event_id, code, quad in con.sql("SELECT GLOBALEVENTID, EventCode, QuadClass FROM events").fetchall():
        assert codebook().info(code).quad_class == quad, event_id
    # geography in FIPS 10-4: Kosovo is KV, Serbia RI, Belgium BE
    geo = dict(con.sql("SELECT ActionGeo_FullName, ActionGeo_CountryCode FROM events "
                       "WHERE ActionGeo_CountryCode IS NOT NULL").fetchall())
    assert geo and all(len(c) == 2 for c in geo.values())
    assert "KV" in geo.values() and not {"KSV", "XKX", "SRB"} & set(geo.values())
    actor_geo = con.sql("SELECT DISTINCT Actor1Geo_Type, Actor1Geo_CountryCode, Actor1Geo_FullName FROM events "
                        "WHERE Actor1CountryCode = 'SRB'").fetchall()
    assert actor_geo == [(1, "RI", "Serbia")]
    groups = con.sql("SELECT DISTINCT Actor1KnownGroupCode FROM events WHERE Actor1Code LIKE 'IGOEUREEC%'").fetchall()
    assert groups == [("EEC",)]
    # the source URL is the article of the mention that first reported the event
    first = dict(store(db, "SELECT m.event_id, a.url FROM mentions m JOIN articles a ON a.id = m.article_id "
                           "WHERE m.id IN (SELECT min(id) FROM mentions GROUP BY event_id)"))
    for event_id, url, added in con.sql("SELECT GLOBALEVENTID, SOURCEURL, DATEADDED FROM events").fetchall():
        assert url == first[event_id] and len(str(added)) == 14


def test_gdelt_mentions_reference_their_events_and_add_up(db, tmp_path):
    text = export(db, "mentions", "--format", "gdelt")
    assert all(len(line.split("\t")) == len(MENTION_COLUMNS) == 16 for line in text.splitlines())
    con = gdelt(tmp_path, export(db, "events", "--format", "gdelt"), text)  # FOREIGN KEY held
    assert con.sql("SELECT count(*) FROM (SELECT GLOBALEVENTID, NumMentions, count(*) AS n FROM events "
                   "JOIN mentions USING (GLOBALEVENTID) GROUP BY ALL HAVING n != NumMentions)").fetchone()[0] == 0
    assert con.sql("SELECT count(*) FROM events WHERE GLOBALEVENTID NOT IN (SELECT GLOBALEVENTID FROM mentions)"
                   ).fetchone()[0] == 0
    exported = {r[0] for r in store(db, REALISED_DAY)}
    truth = sorted((event_id, start, round(conf * 100), url, length, index + 1, 1) for event_id, start, conf, url, length, index
                   in store(db, "SELECT m.event_id, m.trigger_start, m.confidence, a.url, length(a.text), "
                                "m.sentence_index FROM mentions m JOIN articles a ON a.id = m.article_id")
                   if event_id in exported)
    rows = con.sql("SELECT GLOBALEVENTID, ActionCharOffset, Confidence, MentionIdentifier, MentionDocLen, "
                   "SentenceID, MentionType FROM mentions ORDER BY ALL").fetchall()
    assert rows == truth
    assert all(0 <= offset < length for _, offset, _, _, length, _, _ in rows)


def test_gdelt_rows_without_a_day_or_that_did_not_happen_come_only_when_asked_and_flagged(db, tmp_path):
    text = export(db, "events", "--format", "gdelt", "--all-dates", "--unrealised")
    rows = [line.split("\t") for line in text.splitlines()]
    columns = EVENT_COLUMNS + FLAG_COLUMNS
    assert all(len(r) == len(columns) == 63 for r in rows)
    records = [dict(zip(columns, r, strict=True)) for r in rows]
    assert len(records) == store(db, "SELECT count(*) FROM events")[0][0]
    statuses = {r["Status"] for r in records}
    assert {"negated", "planned", "reported"} <= statuses
    month = [r for r in records if r["DatePrecision"] == "month"]
    assert month and all(r["SQLDATE"] == "" and len(r["MonthYear"]) == 6 and r["Year"] for r in month)
    year = [r for r in records if r["DatePrecision"] == "year"]
    assert year and all(r["SQLDATE"] == r["MonthYear"] == "" and len(r["Year"]) == 4 for r in year)
    con = duckdb.connect()
    con.execute((GDELT_SQL / "events.sql").read_text())
    path = tmp_path / "all.tsv"
    path.write_text("\n".join("\t".join(r[:61]) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(duckdb.ConstraintException):  # why they are left out by default
        con.execute(COPY.format(table="events", path=path))


def test_a_pipe_straight_into_duckdb(db):
    """The README's pipeline: `dragoman export events --format gdelt | duckdb`."""
    load = ("import duckdb, sys; con = duckdb.connect(); con.execute(open(sys.argv[1]).read()); "
            "con.execute(\"COPY events FROM '/dev/stdin' (DELIMITER '\\t', HEADER false, QUOTE '')\"); "
            "print(con.sql('SELECT count(*) FROM events').fetchone()[0])")
    writer = subprocess.Popen([sys.executable, "-m", "dragoman", "--db", db, "export", "events", "--format", "gdelt",
                               "--min-confidence", "0"], stdout=subprocess.PIPE)
    done = subprocess.run([sys.executable, "-c", load, str(GDELT_SQL / "events.sql")], stdin=writer.stdout,
                          capture_output=True, text=True, timeout=300)
    writer.stdout.close()
    assert writer.wait(60) == 0 and done.returncode == 0, done.stderr
    assert int(done.stdout) == len(store(db, REALISED_DAY))


def test_gdelt_codes():
    assert (fips("KSV"), fips("SRB"), fips("BEL"), fips("EUR"), fips(None)) == ("KV", "RI", "BE", None, None)
    assert known_group("IGOEUREEC") == "EEC" and known_group("IGOUNO") == "UNO"
    assert known_group("IGOWSTNATMIL") == "NAT" and known_group("IGOUNOWHO") == "WHO"
    assert known_group("SRBGOV") is None and known_group(None) is None
    assert type_codes("SRBGOVMIL") == ["GOV", "MIL"] and type_codes("IGOEUREEC") == ["IGO"]
    assert type_codes("CVL") == ["CVL"] and type_codes("KSVSRBGOV") == ["GOV"]


# -- PLOVER --------------------------------------------------------------------------------------------


def plover(db: str, *args: str) -> list[dict]:
    return [json.loads(line) for line in export(db, "events", "--format", "plover", *args).splitlines()]


def test_plover_records_validate_against_the_manuals_schema(db):
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    records = plover(db)
    for r in records:
        errors = sorted(validator.iter_errors(r), key=str)
        assert not errors, f"{r['id']}: {errors[0].message}"
    expected = {r[0] for r in store(db, REALISED_DAY + " AND root NOT IN ('01', '02')")}
    assert {r["dragoman"]["event_id"] for r in records} == expected
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        mapped = plover_code(r["dragoman"]["cameo"])
        assert r["event"] == [mapped.event] and r["mode"] == list(mapped.mode)
        assert r["context"][:len(mapped.context)] == list(mapped.context)
        assert ("historical" in r["context"]) == (r["dragoman"]["status"] == "background")
        assert r["quad_code"] == load_yaml("plover/conventions.yaml")["categories"][mapped.event]
    entities = [a for r in records for a in r["actor"] + r["recipient"]]
    codes = {a.get("code") for a in entities}
    assert {"KOS", "EUR", "SRB"} <= codes and "KSV" not in codes
    assert {"code": "SRB", "sector": "GOV"}.items() <= next(a for a in entities if a.get("sector") == "GOV"
                                                          and a.get("code") == "SRB").items()
    sectors = {s["code"] for s in load_yaml("actors/roles.yaml")["sectors"]}
    assert all("code" in a or a["sector"][:3] in sectors for a in entities)  # no country: a sector only


def test_plover_unrealised_events_carry_the_manuals_auxiliary_modes(db):
    records = plover(db, "--unrealised")
    by_status = {}
    for r in records:
        by_status.setdefault(r["dragoman"]["status"], []).append(r)
    assert all("negation" in r["context"] for r in by_status["negated"])
    assert all("future" in r["context"] for r in by_status["planned"])
    assert len(records) > len(plover(db))


def _script():
    spec = importlib.util.spec_from_file_location("plover_crosswalk", ROOT / "scripts" / "plover_crosswalk.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not OFFICIAL_CROSSWALK.exists(), reason="the official crosswalk is in ../shared/data/plover")
def test_the_shipped_crosswalk_is_the_official_table():
    official = _script().parse(OFFICIAL_CROSSWALK.read_text(encoding="utf-8"))
    assert load_yaml("plover/crosswalk.yaml") == official


def test_crosswalk_mapping_and_the_codebook_agree():
    assert plover_code("010") is None and plover_code("0214") is None  # PLOVER drops 01 and 02
    assert plover_code("057").event == "SUPPORT" and plover_code("0841").mode == ("release",)
    assert [plover_code(c).event for c in ("084", "086", "163", "175", "191", "192", "1712")] == [
        "RETREAT", "RETREAT", "COERCE", "ASSAULT", "COERCE", "COERCE", "ASSAULT"]
    assert plover_code("094").context == ("military", "legal")
    assert plover_code("1834") == plover_code("183") and plover_code("155").event == "MOBILIZE"
    for code in load_yaml("cameo.yaml")["codes"]:
        mapped = plover_code(code)
        assert codebook().info(code).plover == (mapped.event if mapped else None), code
    categories = set(load_yaml("plover/conventions.yaml")["categories"])
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    assert set(schema["$defs"]["category"]["enum"]) == categories
    assert {e["event"] for e in load_yaml("plover/crosswalk.yaml")["codes"].values()} == categories


# -- tabular -------------------------------------------------------------------------------------------


def test_tabular_exports_carry_real_dates_and_their_article(db, tmp_path):
    truth = {r[0]: r[1:] for r in store(
        db, "SELECT m.id, m.date, m.date_precision, a.title, a.published, a.url, a.coded_at "
            "FROM mentions m JOIN articles a ON a.id = m.article_id")}
    assert {"day", "month", "year"} <= {t[1] for t in truth.values()}
    out = tmp_path / "events.parquet"
    runner.invoke(app, ["--db", db, "export", "events", "--format", "parquet", "--min-confidence", "0", "--out", str(out)])
    table = pq.read_table(out)
    assert str(table.schema.field("date").type) == "date32[day]"
    assert table.num_rows == len(truth)
    for row in table.to_pylist():
        day, precision, title, published, url, coded_at = truth[row["id"]]
        assert row["date"] == period_start(day, precision) and row["date_precision"] == precision
        assert (row["title"], row["published"], row["url"], row["coded_at"]) == (title, published, url, coded_at)
    year = next(r for r in table.to_pylist() if r["date_precision"] == "year")
    assert year["date"] == date(int(truth[year["id"]][0][:4]), 1, 1)

    csv_path = tmp_path / "events.csv"
    csv_path.write_text(export(db, "events", "--format", "csv"), encoding="utf-8")
    con = duckdb.connect()
    types = {r[0]: r[1] for r in con.sql(f"DESCRIBE SELECT * FROM read_csv('{csv_path}')").fetchall()}
    assert types["date"] == "DATE"  # sniffed as a date, so `cast(date AS DATE)` works on every row
    assert con.sql(f"SELECT count(*) FROM read_csv('{csv_path}') WHERE date IS NOT NULL").fetchone()[0] == sum(
        1 for t in truth.values() if t[0])
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert all(not r["date"] or date.fromisoformat(r["date"]) for r in rows)

    lines = [json.loads(line) for line in export(db, "events", "--format", "jsonl").splitlines()]
    assert [x["id"] for x in lines] == sorted(truth)
    assert all(x["date"] is None or len(x["date"]) == 10 for x in lines)


def test_export_filters_and_the_confidence_floor(db):
    def ids(*args, env=None):
        return [json.loads(line)["id"] for line in export(db, "events", "--format", "jsonl", *args, env=env).splitlines()]

    def truth(where, *params):
        return [r[0] for r in store(db, f"SELECT id FROM mentions WHERE {where} ORDER BY id", *params)]

    assert ids("--code", "04") == truth("root = '04'")
    assert ids("--status", "negated") == truth("status = 'negated'")
    assert ids("--dyad", "SRB", "KSV") == truth("(source_code LIKE 'SRB%' AND target_code LIKE 'KSV%') OR "
                                                "(source_code LIKE 'KSV%' AND target_code LIKE 'SRB%')")
    confident = truth("confidence >= 0.3")
    assert 0 < len(confident) < len(truth("1"))
    assert ids("--min-confidence", "0.3") == confident
    assert ids(env={"DRAGOMAN_MIN_CONFIDENCE": "0.3"}) == confident  # the setting is the default
    assert ids("--min-confidence", "0", env={"DRAGOMAN_MIN_CONFIDENCE": "0.3"}) == truth("1")
    gdelt_ids = [line.split("\t")[0] for line in export(db, "events", "--format", "gdelt", "--min-confidence", "0.3"
                                                        ).splitlines()]
    strong = {r[0] for r in store(db, "SELECT event_id FROM mentions GROUP BY event_id HAVING max(confidence) >= 0.3")}
    assert gdelt_ids and {int(i) for i in gdelt_ids} <= strong
