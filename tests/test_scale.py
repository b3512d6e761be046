"""Coding past one process: the same corpus gives the same record on SQLite with one process,
PostgreSQL with two worker processes and Ray, and a worker or a run killed mid-batch loses nothing and
doubles nothing. Real components: the session's PostgreSQL server, worker processes, Ray started here."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_corpus import cli, ingest_corpus, snapshot

from dragoman.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DRAGOMAN = [sys.executable, "-m", "dragoman"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> dict:
    """The corpus on SQLite, coded by one process: what every other way must give."""
    db = str(tmp_path_factory.mktemp("baseline") / "one.db")
    ingest_corpus(db)
    assert cli("--db", db, "process").exit_code == 0
    return snapshot(db)


def _check_whole(snap: dict) -> None:
    assert snap["unlinked"] == 0  # every mention belongs to an event
    assert all(e[5] == len(e[7]) > 0 for e in snap["events"])  # no orphan event, counts true
    assert all(a[4] and a[6] is None for a in snap["articles"] if a[3] is None)  # coded, no claim left


def test_postgres_with_two_workers_gives_the_single_process_record(baseline, pg_server):
    url = pg_server.create_database()
    ingest_corpus(url)
    result = cli("--db", url, "process", "--workers", "2")
    assert result.exit_code == 0, result.stdout
    snap = snapshot(url)
    _check_whole(snap)
    assert snap == baseline
    # full-text search finds the same articles on both stores
    with open_store(url) as store:
        assert [r["title"] for r in store.search("Jarinje Brnjak")] and store.count_search("Jarinje") >= 1


def test_ray_gives_the_single_process_record(baseline, tmp_path, pg_server):
    pytest.importorskip("ray", reason="Ray is the optional extra dragoman[scale] (make test installs it)")
    sqlite_db = str(tmp_path / "ray.db")  # SQLite: the Ray workers hand their extractions to the driver
    postgres_db = pg_server.create_database()  # PostgreSQL: the Ray workers write themselves
    for db in (sqlite_db, postgres_db):
        ingest_corpus(db)
    try:
        for db in (sqlite_db, postgres_db):
            result = cli("--db", db, "process", "--ray", "local", "--workers", "2")
            assert result.exit_code == 0, result.stdout
            snap = snapshot(db)
            _check_whole(snap)
            assert snap == baseline
    finally:
        import ray

        ray.shutdown()


class _FinishingAhead:
    """Coding in this process that, like worker processes' coding, finishes what is ready after each
    article it stores (all of it: the most finishing ahead there can be)."""

    overlaps_finishing = True

    def __init__(self):
        from dragoman.extract import Extractor
        from dragoman.process import InProcess

        self.coding = InProcess(Extractor())
        self.ahead = 0  # pieces of the finishing step done before the round's end

    def code(self, store, ids, claim, stop=None, idle=None):
        for result in self.coding.code(store, ids, claim, stop):
            yield result
            while idle():
                self.ahead += 1


def test_finishing_each_article_as_soon_as_it_may_gives_the_single_process_record(baseline, tmp_path):
    from dragoman.process import process_store

    db = str(tmp_path / "ahead.db")
    ingest_corpus(db)
    coding = _FinishingAhead()
    with open_store(db) as store:
        results = process_store(store, coding=coding)
    assert results and coding.ahead > len(results) // 2  # most articles were linked or put in a story early
    snap = snapshot(db)
    _check_whole(snap)
    assert snap == baseline


def test_a_warmed_coder_stores_nothing_of_its_warm_up_and_codes_the_single_process_record(baseline, tmp_path):
    from dragoman.extract import Extractor
    from dragoman.process import process_store
    from dragoman.scale.parallel import Serial

    db = str(tmp_path / "warm.db")
    ingest_corpus(db)
    before = snapshot(db)
    with open_store(db) as store, Serial(Extractor()) as coding:
        coding.warm()
        assert snapshot(db) == before  # the warm-up article is coded and forgotten
        process_store(store, coding=coding)
    assert snapshot(db) == baseline


def _workers_of(pid: int) -> list:
    import psutil

    return [p for p in psutil.Process(pid).children(recursive=True)
            if "resource_tracker" not in " ".join(p.cmdline())]


def _coded(db: str) -> int:
    import sqlalchemy as sa

    from dragoman.store.schema import articles

    with open_store(db) as store, store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).where(articles.c.coded_at.is_not(None))).scalar_one()


def _start(db: str) -> subprocess.Popen:
    return subprocess.Popen([*DRAGOMAN, "--db", db, "process", "--workers", "2"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_until_coding(db: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while _coded(db) == 0:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no article coded in 300 s"
        time.sleep(0.05)


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(baseline, pg_server):
    url = pg_server.create_database()
    ingest_corpus(url)
    proc = _start(url)
    _wait_until_coding(url, proc)
    victim = _workers_of(proc.pid)[0]
    victim.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "coded" in out and "lost their worker" in err  # the batch went to another worker
    cli("--db", url, "process")  # the next run: nothing left, or what was left
    snap = snapshot(url)
    _check_whole(snap)
    assert snap == baseline


def test_a_run_killed_mid_batch_is_finished_by_the_next_run(baseline, pg_server):
    url = pg_server.create_database()
    ingest_corpus(url)
    proc = _start(url)
    _wait_until_coding(url, proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers
    proc.communicate(timeout=60)
    partial = snapshot(url)
    assert any(a[6] for a in partial["articles"])  # claims left by the dead run
    result = cli("--db", url, "process")  # its claims are freed at once (its process is gone)
    assert result.exit_code == 0, result.stdout
    snap = snapshot(url)
    _check_whole(snap)
    assert snap == baseline


@pytest.mark.parametrize(("kind", "n"), [("sqlite", 2), ("postgresql", 2), ("postgresql", 4)])
def test_concurrent_process_commands_never_code_an_article_twice(baseline, kind, n, tmp_path, pg_server):
    db = str(tmp_path / "c.db") if kind == "sqlite" else pg_server.create_database()
    ingest_corpus(db)
    procs = [subprocess.Popen([*DRAGOMAN, "--db", db, "process"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(n)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    snap = snapshot(db)
    _check_whole(snap)
    assert snap == baseline


def test_postgres_binaries_are_found():
    assert shutil.which("pg_ctl") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
