"""Continuous monitoring against a local fake news site: sources, polling, politeness, faults, crashes."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fakesite import FakeSite, Fault, Story
from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401
)
from dragoman.config import Settings
from dragoman.monitor.runner import Monitor
from dragoman.monitor.schedule import PollOutcome, next_interval
from dragoman.monitor.sources import add_sources
from dragoman.store import open_store

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def cli(*args, env=None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


TOPICS = [
    ("energy", "They discussed electricity supply to the northern municipalities and the energy agreements."),
    ("plates", "The talks covered vehicle licence plates and the recognition of documents at crossings."),
    ("missing persons", "Both delegations reviewed the search for people missing since the war of the 1990s."),
    ("the dinar", "The use of the Serbian dinar in Serb-majority areas dominated the discussion."),
    ("policing", "Policing in the north and the return of Serb officers to the Kosovo police were debated."),
    ("courts", "The integration of judges and prosecutors into the judicial system was on the agenda."),
    ("trade", "Trade rules, customs stamps and the movement of goods across the boundary were reviewed."),
    ("diplomas", "University diplomas and the recognition of degrees were the first item discussed."),
    ("telecoms", "A dialling code and the licensing of mobile operators were settled in principle."),
    ("the bridge", "The reopening of the main bridge in Mitrovica to traffic was examined at length."),
    ("cadastre", "Land records taken to Serbia in 1999 and their return were the subject of the meeting."),
    ("elections", "Local elections in the four northern municipalities and Serb participation were discussed."),
    ("heritage", "The protection of Serbian Orthodox monasteries and cultural sites was reviewed."),
    ("mines", "Ownership of the Trepca mining complex and its workers' pensions came up in the talks."),
]
PLACES = ["Brussels", "Ohrid", "Berlin", "Paris", "Vienna", "Skopje", "Tirana", "Rome", "Bratislava", "Ljubljana",
          "Zagreb", "Sofia", "Athens", "Budapest"]


def story(i: int, day: str = "2024-03-01") -> Story:
    topic, sentence = TOPICS[i % len(TOPICS)]
    place = PLACES[i % len(PLACES)]
    return Story(f"news-{i}", f"Talks in {place} on {topic}", day, [
        f"Serbian President Aleksandar Vucic met Kosovo Prime Minister Albin Kurti in {place} on Friday for talks "
        f"on {topic}, the European Union said.", sentence])


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db=str(tmp_path / "m.db"), allow_private_urls=True, host_delay=0.0, connect_timeout=2.0, read_timeout=2.0,
                    total_timeout=4.5, poll_min_interval=1.0, poll_default_interval=5.0, workers=4)


def test_sources_commands(tmp_path, site):
    db = str(tmp_path / "s.db")
    opml = tmp_path / "f.opml"
    opml.write_bytes(site.opml())
    assert cli("--db", db, "sources", "add", site.url("/sitemap.xml"), "--interval", "60", "--tag", "balkans",
               "--name", "Gazette").exit_code == 0
    assert cli("--db", db, "sources", "add", "--opml", str(opml)).exit_code == 0
    assert cli("--db", db, "sources", "add", site.url("/sitemap.xml")).exit_code == 0  # again: no duplicate
    rows = json.loads(cli("--db", db, "sources", "list", "--json").stdout)
    assert sorted(r["url"] for r in rows) == sorted([site.url("/sitemap.xml"), site.url("/feed.xml")])
    sm = next(r for r in rows if r["url"].endswith("sitemap.xml"))
    assert sm["interval"] == 60 and sm["tags"] == ["balkans"] and sm["name"] == "Gazette"
    bad = cli("--db", db, "sources", "add", "ftp://example.org/feed")
    assert bad.exit_code == 2 and "not an http(s) URL" in bad.stderr
    assert cli("--db", db, "sources", "remove", site.url("/feed.xml")).exit_code == 0
    assert len(json.loads(cli("--db", db, "sources", "list", "--json").stdout)) == 1
    assert cli("--db", db, "sources", "remove", "https://nowhere.example/x").exit_code == 1


def test_new_articles_become_events_within_one_cycle(settings):
    site = FakeSite(stories=[story(1), story(2)]).serve()
    try:
        with open_store(settings.db) as store:
            add_sources(store, [site.url("/feed.xml")])
            monitor = Monitor(store, settings)
            assert monitor.cycle(everything=True)[0] == 2
            site.publish(story(3, "2024-03-08"))
            new, coded = monitor.cycle(everything=True)
            assert new == 1 and coded == 1
            url = site.url("/articles/news-3.html")
            article_id = store.article_id_for_url(url)
            events = store.query_mentions(article_id=article_id)
            assert any(e["root"] == "04" and e["source_code"] == "SRBGOV" for e in events), [(e["code"], e["source_code"], e["status"], e["date"]) for e in events]
            assert store.get_article(article_id)["story_id"] is not None
            # the feed repeats the old items: nothing is added twice
            assert monitor.cycle(everything=True)[0] == 0
            assert store.article_count() == 3
            src = store.get_source(site.url("/feed.xml"))
            assert src["last_status"] == 304 and src["etag"]
    finally:
        site.close()


def test_politeness_host_delay_robots_and_crawl_delay(settings):
    site = FakeSite(stories=[story(i) for i in range(4)], robots="User-agent: *\nCrawl-delay: 1\n").serve()
    try:
        settings.host_delay = 0.3
        with open_store(settings.db) as store:
            add_sources(store, [site.url("/feed.xml"), site.url("/sitemap.xml")])
            Monitor(store, settings).poll(store.list_sources())
        log = sorted(site.log, key=lambda r: r.at)
        assert [r.path for r in log].count("/robots.txt") == 1  # fetched once, cached
        gaps = [b.at - a.at for a, b in zip(log, log[1:], strict=False)]
        assert len(log) >= 6 and min(gaps) >= 0.95  # the site's Crawl-delay of 1 s beats our 0.3 s
        assert all(r.headers["user-agent"].startswith("dragoman/") for r in log)
    finally:
        site.close()


def test_robots_disallow_and_each_fault_stays_with_its_source(settings):
    good = FakeSite(stories=[story(1)]).serve()
    bad = FakeSite(name="Faulty", stories=[story(2)]).serve()
    blocked = FakeSite(name="Private", stories=[story(3)], robots="User-agent: *\nDisallow: /\n").serve()
    try:
        bad.faults["/status/"] = Fault()
        bad.faults["/slow-feed.xml"] = Fault(delay=5.0)
        bad.faults["/limited.xml"] = Fault(status=429, retry_after="120")
        bad.faults["/trickle.xml"] = Fault(trickle=0.05)
        bad.extra["/slow-feed.xml"] = (200, "application/rss+xml", bad.feed())
        bad.extra["/trickle.xml"] = (200, "application/rss+xml", bad.feed() * 3)
        bad.extra["/broken.xml"] = (200, "application/rss+xml", b"<rss><channel><item><title>x")
        bad.extra["/empty.xml"] = (200, "application/rss+xml", b"")
        sources = [good.url("/feed.xml"), bad.url("/status/500"), bad.url("/slow-feed.xml"),
                   bad.url("/limited.xml"), bad.url("/trickle.xml"), bad.url("/broken.xml"), bad.url("/empty.xml"),
                   bad.url("/loop"), "http://127.0.0.1:9/feed.xml", blocked.url("/feed.xml")]
        with open_store(settings.db) as store:
            add_sources(store, sources)
            Monitor(store, settings).cycle(everything=True)  # a hang would trip pytest-timeout
            rows = {s["url"]: s for s in store.list_sources()}
            assert rows[good.url("/feed.xml")]["last_error"] is None
            assert store.article_id_for_url(good.url("/articles/news-1.html")) is not None
            errors = {u: rows[u]["last_error"] for u in sources[1:]}
            assert errors[bad.url("/status/500")] == "HTTP 500"
            assert errors[bad.url("/slow-feed.xml")].startswith("timed out")
            assert errors[bad.url("/limited.xml")] == "HTTP 429"
            assert errors[bad.url("/trickle.xml")].startswith("timed out")
            assert "malformed" in errors[bad.url("/broken.xml")] or "empty" in errors[bad.url("/broken.xml")]
            assert errors[bad.url("/empty.xml")]
            assert errors[bad.url("/loop")].startswith("too many redirects")
            assert errors["http://127.0.0.1:9/feed.xml"].startswith("cannot connect")
            assert errors[blocked.url("/feed.xml")] == "disallowed by robots.txt"
            assert not [r for r in blocked.log if r.path != "/robots.txt"]
            for u in sources[1:]:
                assert rows[u]["error_count"] == 1
            now = datetime.now(UTC)
            limited_next = datetime.fromisoformat(rows[bad.url("/limited.xml")]["next_poll"])
            assert (limited_next - now).total_seconds() >= 110  # Retry-After: 120 honoured
    finally:
        for s in (good, bad, blocked):
            s.close()


def test_adaptive_schedule():
    s = Settings(poll_min_interval=300, poll_max_interval=86400, poll_default_interval=1800)
    assert next_interval(s, 1800, PollOutcome(new_items=3), None, 0) == 900
    assert next_interval(s, 1800, PollOutcome(not_modified=True), None, 0) == 2700
    assert next_interval(s, 400, PollOutcome(new_items=5), None, 0) == 300  # never below the minimum
    assert next_interval(s, 80000, PollOutcome(), None, 0) == 86400  # never above the maximum
    assert next_interval(s, 1800, PollOutcome(error="HTTP 500"), None, 3) == 1800 * 8
    assert next_interval(s, 1800, PollOutcome(error="HTTP 429", retry_after=7200), None, 1) == 7200
    assert next_interval(s, 1800, PollOutcome(new_items=1, max_age=3600), None, 0) == 3600  # Cache-Control
    assert next_interval(s, 1800, PollOutcome(new_items=9), 60, 0) == 60  # a fixed interval wins


def _env(db: str) -> dict:
    return {**os.environ, "DRAGOMAN_DB": db, "DRAGOMAN_ALLOW_PRIVATE_URLS": "1", "DRAGOMAN_HOST_DELAY": "0.02", "DRAGOMAN_POLL_MIN_INTERVAL": "1"}


def test_graceful_stop_on_sigterm(tmp_path):
    site = FakeSite(stories=[story(1)]).serve()
    db = str(tmp_path / "g.db")
    proc = None
    try:
        assert cli("--db", db, "sources", "add", site.url("/feed.xml")).exit_code == 0
        proc = subprocess.Popen([sys.executable, "-m", "dragoman", "run", "--no-serve", "--log-json"],
                                env=_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 240  # a liveness bound on a loaded machine, not a speed check
        coded = False
        while not coded and time.monotonic() < deadline and proc.poll() is None:
            with open_store(db) as store:
                coded = store.activity()["mentions"] > 0
            time.sleep(0.3)
        assert coded, "the run loop never coded the polled article"
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 0
        lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
        assert lines[-1]["msg"] == "stopped"
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()  # a failed assertion above must not leave the run loop behind
            proc.wait()
        site.close()


def _snapshot(db: str) -> dict:
    with open_store(db) as store:
        arts = store.list_articles(limit=10_000)
        mentions = sorted((m["article_url"], m["code"], m["trigger_start"], m["source_code"], m["target_code"])
                          for m in store.iter_mentions())
        story_sizes = sorted(s["n_articles"] for s in store.list_stories(limit=10_000))
        uncoded = store.activity()["uncoded"]
    return {"articles": sorted(a["canonical_url"] for a in arts), "n": len(arts), "mentions": mentions,
            "stories": story_sizes, "uncoded": uncoded}


def test_kill_minus_nine_at_random_points_loses_and_duplicates_nothing(tmp_path):
    site = FakeSite(stories=[story(i, f"2024-03-{i + 1:02d}") for i in range(14)]).serve()
    try:
        killed_db, clean_db = str(tmp_path / "killed.db"), str(tmp_path / "clean.db")
        for db in (killed_db, clean_db):
            assert cli("--db", db, "sources", "add", site.url("/feed.xml"), site.url("/news-sitemap.xml")).exit_code == 0
        cmd = [sys.executable, "-m", "dragoman", "run", "--no-serve", "--once"]
        rng = random.Random(20261129)
        for _ in range(20):
            proc = subprocess.Popen(cmd, env=_env(killed_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.2, 4.0))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        subprocess.run(cmd, env=_env(killed_db), check=True, capture_output=True, timeout=300)
        subprocess.run(cmd, env=_env(clean_db), check=True, capture_output=True, timeout=300)
        killed, clean = _snapshot(killed_db), _snapshot(clean_db)
        assert clean["n"] == 14 and clean["uncoded"] == 0
        assert killed == clean
    finally:
        site.close()


def test_run_fires_watchlist_alerts_and_metrics_count_the_work(settings):
    from fastapi.testclient import TestClient
    from test_watch import Receiver, wait_until

    from dragoman.monitor.metrics import METRICS
    from dragoman.watch import Deliverer
    from dragoman.watch.delivery import register
    from dragoman.web import create_app

    site = FakeSite(stories=[story(1)]).serve()
    site.faults["/status/"] = Fault()
    receiver = Receiver()  # answers 500 to each delivery's first POST, then 200
    try:
        assert cli("--db", settings.db, "watch", "add", "serbia", "--actor", "SRBGOV",
                   "--webhook", receiver.url).exit_code == 0
        with open_store(settings.db) as store:
            deliverer = Deliverer(store, base_delay=0.05)
            register(store, deliverer)
            fetched, coded, errors_5xx = (METRICS.counters["articles_fetched"], METRICS.counters["events_coded"],
                                          METRICS.errors["http_5xx"])
            add_sources(store, [site.url("/feed.xml"), site.url("/status/503")])
            Monitor(store, settings).cycle(everything=True)
            wl = store.get_watchlist("serbia")
            deliveries = store.list_deliveries(wl["id"])
            assert deliveries  # Vucic (SRBGOV) met Kurti: the run queued an alert itself
            assert wait_until(lambda: all(d["state"] == "delivered" for d in store.list_deliveries(wl["id"])))
            delivered = [r for r in receiver.requests if r["status"] == 200]
            assert len(delivered) == len(deliveries)
            assert all(r["body"]["watchlist"] == "serbia" and r["body"]["article"]["url"].endswith("news-1.html")
                       for r in delivered)
            deliverer.stop()

            response = TestClient(create_app(settings, store, start_deliverer=False)).get("/metrics")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
        values = {}
        for line in response.text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        assert values["dragoman_articles_fetched_total"] == fetched + 1
        assert values["dragoman_events_coded_total"] > coded
        assert values['dragoman_errors_total{kind="http_5xx"}'] == errors_5xx + 1
        assert values["dragoman_poll_latency_seconds_count"] >= 2
        assert values["dragoman_articles"] == 1 and values["dragoman_sources"] == 2
        assert values["dragoman_sources_failing"] == 1 and values["dragoman_backlog_articles"] == 0
    finally:
        receiver.close()
        site.close()


def test_section_page_source_and_status_report(settings):
    site = FakeSite(stories=[story(4), story(5)]).serve()
    try:
        with open_store(settings.db) as store:
            add_sources(store, [site.url("/news/")])
            new, coded = Monitor(store, settings).cycle(everything=True)
            assert new == 2 and coded == 2  # the two article links, not the navigation or the partner site
            assert store.article_id_for_url(site.url("/articles/news-4.html")) is not None
            assert not [r for r in site.log if r.path in ("/about", "/")]
            assert store.get_source(site.url("/news/"))["kind"] == "page"
        result = cli("--db", settings.db, "status", "--json")
        assert result.exit_code == 0
        status = json.loads(result.stdout)
        assert status["articles"] == 2 and status["articles_last_hour"] == 2 and status["uncoded"] == 0
        assert status["mentions"] > 0
        (src,) = status["sources"]
        assert src["url"] == site.url("/news/") and src["last_poll"] and src["next_poll"] > src["last_poll"]
        assert src["last_error"] is None
        text = cli("--db", settings.db, "status").stdout
        assert text.startswith("articles: 2 (2 in the last hour") and "backlog: 0 articles to code" in text
    finally:
        site.close()


def test_run_codes_with_worker_processes_on_postgres_as_one_process_on_sqlite(tmp_path, pg_server):
    site = FakeSite(stories=[story(i, f"2024-03-{i + 1:02d}") for i in range(6)]).serve()
    try:
        sqlite_db, postgres_db = str(tmp_path / "one.db"), pg_server.create_database()
        for db in (sqlite_db, postgres_db):
            assert cli("--db", db, "sources", "add", site.url("/feed.xml")).exit_code == 0
        cmd = [sys.executable, "-m", "dragoman", "run", "--no-serve", "--once"]
        subprocess.run(cmd, env=_env(sqlite_db), check=True, capture_output=True, timeout=300)
        subprocess.run([*cmd, "--workers", "2"], env=_env(postgres_db), check=True, capture_output=True, timeout=300)
        one, many = _snapshot(sqlite_db), _snapshot(postgres_db)
        assert one["n"] == 6 and one["uncoded"] == 0 and one["mentions"]
        assert many == one
    finally:
        site.close()
