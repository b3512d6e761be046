"""The store on both of its databases: SQLite (the embedded default) and PostgreSQL (a real server the
test session starts). The same migrations create both; every query answers the same on both; writers in
several processes at once neither lose nor double articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from scale_corpus import CORPUS, cli, ingest_corpus

from dragoman.store import open_store
from dragoman.store.engine import alembic_config
from dragoman.store.event_query import EventQuery

ROOT = Path(__file__).resolve().parents[1]


def test_the_same_migrations_create_both_stores(store_url):
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with open_store(store_url) as store, store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head
        tables = set(sa.inspect(conn).get_table_names())
    assert {"articles", "events", "mentions", "stories", "pending_sightings", "stale_events"} <= tables
    with open_store(store_url):  # opening again migrates nothing
        pass


def test_concurrent_ingest_neither_loses_nor_doubles_articles(store_url, tmp_path):
    inputs = [str(CORPUS / "html"), str(CORPUS / "feed.xml"), str(CORPUS / "articles.jsonl"),
              str(CORPUS / "text")]
    with open_store(store_url):
        pass  # created (and migrated) once, before the writers start
    procs = [subprocess.Popen([sys.executable, "-m", "dragoman", "--db", store_url, "ingest", *inputs], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    with open_store(store_url) as store, store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT canonical_url, content_hash, outlet_id FROM articles")).all()
        outlets = conn.execute(sa.text("SELECT domain FROM outlets")).scalars().all()
    assert len(rows) == 20, sorted(rows)  # every article of the corpus once (H5 as H4's near-duplicate)
    assert len({(r.content_hash, r.outlet_id) for r in rows}) == len(rows)
    assert len(set(outlets)) == len(outlets) == 4  # the four fictional outlets, once each


@pytest.fixture(scope="module")
def coded(tmp_path_factory, pg_server) -> dict[str, str]:
    """The sample corpus coded on each database."""
    stores = {"sqlite": str(tmp_path_factory.mktemp("both") / "s.db"), "postgresql": pg_server.create_database()}
    for db in stores.values():
        ingest_corpus(db)
        assert cli("--db", db, "process").exit_code == 0
        assert cli("--db", db, "watch", "add", "dinar", "--query", "dinar currency", "--actor", "SRB").exit_code == 0
    return stores


QUERIES = {
    # the same hits, each with a highlighted snippet (ranks differ: BM25 on SQLite, ts_rank on PostgreSQL)
    "search": lambda s: sorted((({k: r[k] for k in ("id", "title", "url", "published", "outlet")},
                                "\x02" in r["snippet"] and "\x03" in r["snippet"])
                               for r in s.search("Kosovo police", limit=100)), key=repr),
    "search (accents)": lambda s: [r["id"] for r in s.search("Vucic Petkovic")],
    "count_search": lambda s: (s.count_search("Kosovo"), s.count_search("licence plates"), s.count_search("...")),
    "events": lambda s: s.web_events(EventQuery(actor="SRB"), limit=500),
    "events by text": lambda s: s.web_events(EventQuery(text="Brussels agreement"), limit=500),
    "events by dyad and code": lambda s: s.web_events(EventQuery(dyad=("SRB", "KSV"), code="04", sort="date")),
    "count events": lambda s: (s.count_web_events(EventQuery()), s.count_web_events(EventQuery(status="reported"))),
    "week chart": lambda s: s.goldstein_series("SRB", "KSV", bin="week", since="2000-01-01"),
    "month chart": lambda s: s.goldstein_series(actor="SRB", bin="month", rollup=False),
    "year chart": lambda s: s.goldstein_series("KSV", None, bin="year", rollup=False),
    "counterparts": lambda s: s.counterparts("SRB"),
    "actor codes": lambda s: (s.actor_codes(), s.actor_names("SRB")),
    "articles": lambda s: (s.list_articles(limit=100), s.count_articles(since="2013-01-01")),
    "stories": lambda s: [(r["title"], r["n_articles"], r["actors"]) for r in s.list_stories(limit=100)],
    "mentions": lambda s: s.query_mentions(actor="KSV", limit=None),
    "export events": lambda s: list(s.iter_export_events(EventQuery())),
    "export mentions": lambda s: list(s.iter_export_mentions(EventQuery(actor="SRB"))),
    "watch matches": lambda s: s.watch_matches(s.get_watchlist("dinar"), limit=100),
    "actors": lambda s: s.list_actors(limit=500),
}


def _plain(value):
    """Rows as comparable values (story ids aside, which SQLite may reuse after a merge)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("story_id", "coded_at", "ingested", "updated",
                                                                    "first_seen", "article_ingested", "created")}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


@pytest.mark.parametrize("name", list(QUERIES))
def test_every_query_answers_the_same_on_both(coded, name):
    answers = {}
    for kind, db in coded.items():
        with open_store(db) as store:
            answers[kind] = _plain(QUERIES[name](store))
    assert answers["sqlite"] == answers["postgresql"]
    assert answers["sqlite"] not in ([], (), {}, None)


def test_a_pooled_connection_the_server_dropped_is_replaced(pg_server, monkeypatch):
    import dragoman.store.engine as engine_module

    url = pg_server.create_database()
    with open_store(url) as store:
        with store.engine.connect() as conn:  # one pooled connection, handed back
            mine = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": mine}).scalar_one()
        finally:
            admin.dispose()
        monkeypatch.setattr(engine_module, "PING_AFTER_IDLE", 0.0)  # as if it had rested long enough
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one() != mine


def test_reads_take_no_transaction_and_leave_writes_in_theirs(store_url):
    from dragoman.store.repository import reading
    from dragoman.store.schema import outlets

    with open_store(store_url) as store:
        engine = store.engine
        for _ in range(3):  # the pooled connection goes from reads to a write and back
            with reading(engine) as conn:
                assert conn.execute(sa.select(sa.func.count()).select_from(outlets)).scalar_one() == 0
                if engine.dialect.name == "postgresql":  # no BEGIN sent: the server sees no transaction
                    assert conn.connection.driver_connection.info.transaction_status.name == "IDLE"
            with pytest.raises(RuntimeError), engine.begin() as conn:
                conn.execute(outlets.insert().values(domain="news.example"))
                raise RuntimeError("rolled back")
        with engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(outlets)).scalar_one() == 0
