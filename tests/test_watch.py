"""Watchlists: the CLI, the Atom feed (valid XML, entries linked to their evidence) and webhooks - a
receiver on 127.0.0.1 gets exactly one successful JSON POST per new match, after retries when it first
answers 500, and never again for the same match."""

from __future__ import annotations

import json
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from test_web_api import LiveServer, cli, corpus_db

from dragoman.config import Settings
from dragoman.store import open_store
from dragoman.watch import Deliverer, notify_new_mentions
from dragoman.watch.delivery import register

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_ARTICLES = [
    {
        "title": "Serbia and Kosovo trade accusations over border crossing",
        "url": "https://wire.example/border-1",
        "published": "2025-07-01",
        "text": "Serbia and Kosovo trade accusations over border crossing\n\n"
        "Serbia accused Kosovo on Tuesday of blocking trucks at the Jarinje crossing. "
        "Kosovo Prime Minister Albin Kurti criticised Serbia for what he called a campaign of pressure.\n\n"
        "The European Union urged both sides to show restraint.",
    },
    {
        "title": "EU envoy visits Belgrade",
        "url": "https://wire.example/envoy-2",
        "published": "2025-07-02",
        "text": "EU envoy visits Belgrade\n\nThe EU special representative met Serbian President "
        "Aleksandar Vucic in Belgrade on Wednesday to discuss the dialogue with Kosovo.",
    },
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return corpus_db(tmp_path_factory, "watch")


def ingest_and_code(db: str, tmp_path: Path, articles: list[dict]) -> list[int]:
    """Ingest and code new articles; returns the ids of their new mentions."""
    path = tmp_path / "new.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    with open_store(db) as store:
        before = store.mention_count() and max(
            m["id"] for m in store.query_mentions(limit=None, order="date")
        )
    assert cli("--db", db, "ingest", str(path)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0
    with open_store(db) as store:
        return sorted(m["id"] for m in store.query_mentions(limit=None) if m["id"] > before)


# -- the CLI -----------------------------------------------------------------------------------------


def test_watch_add_list_remove(tmp_path):
    db = str(tmp_path / "w.db")
    r = cli(
        "--db",
        db,
        "watch",
        "add",
        "balkans",
        "--actor",
        "srbgov",
        "--actor",
        "KSVGOV",
        "--dyad",
        "SRB",
        "KSV",
        "--dyad",
        "SRB",
        "IGOEUREEC",
        "--code",
        "19",
        "--code",
        "0431",
        "--query",
        "licence plates",
        "--webhook",
        "https://hooks.example/dragoman",
    )
    assert r.exit_code == 0, r.stdout
    assert "balkans" in r.stdout
    listed = json.loads(cli("--db", db, "watch", "list", "--json").stdout)
    assert listed == [
        {
            "name": "balkans",
            "created": listed[0]["created"],
            "actors": ["SRBGOV", "KSVGOV"],
            "dyads": [["SRB", "KSV"], ["SRB", "IGOEUREEC"]],
            "codes": ["19", "0431"],
            "queries": ["licence plates"],
            "webhook": "https://hooks.example/dragoman",
        }
    ]
    table = cli("--db", db, "watch", "list").stdout
    assert "balkans" in table and "SRB–KSV" in table
    assert cli("--db", db, "watch", "add", "balkans", "--actor", "SRB").exit_code == 2  # the name is taken
    for bad in (
        ["bad name!", "--actor", "SRB"],
        ["nothing"],
        ["c", "--code", "1x"],
        ["d", "--actor", "S-RB"],
        ["e", "--dyad", "SRB"],
        ["f", "--actor", "SRB", "--webhook", "ftp://x.example/"],
    ):
        r = cli("--db", db, "watch", "add", *bad)
        assert r.exit_code == 2, bad
    assert cli("--db", db, "watch", "remove", "balkans").exit_code == 0
    assert json.loads(cli("--db", db, "watch", "list", "--json").stdout) == []
    assert cli("--db", db, "watch", "remove", "balkans").exit_code == 2
    assert "no watchlists" in cli("--db", db, "watch", "list").stdout


# -- the Atom feed ----------------------------------------------------------------------------------


def test_atom_feed_is_valid_and_links_evidence(db, tmp_path):
    assert (
        cli(
            "--db",
            db,
            "watch",
            "add",
            "dyad-feed",
            "--dyad",
            "SRB",
            "KSV",
            "--code",
            "11",
            "--code",
            "12",
            "--code",
            "05",
        ).exit_code
        == 0
    )
    server = LiveServer(Settings(db=db))
    try:
        with server.client() as c:
            r = c.get("/watch/dyad-feed.atom")
            assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
            feed = ET.fromstring(r.content)
            assert feed.tag == f"{ATOM}feed"
            for tag in ("id", "title", "updated", "author"):
                assert feed.find(f"{ATOM}{tag}") is not None, tag
            self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
            assert self_link[0].get("href") == f"{server.url}/watch/dyad-feed.atom"
            entries = feed.findall(f"{ATOM}entry")
            matches = c.get("/api/watchlists/dyad-feed").json()["matches"]
            keys = {(m["article_id"], m["event_id"]) for m in matches}
            assert entries and len(entries) == len(keys)
            ids = [e.find(f"{ATOM}id").text for e in entries]
            assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
            for entry in entries:
                assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}updated").text
                href = next(
                    link.get("href")
                    for link in entry.findall(f"{ATOM}link")
                    if link.get("rel") == "alternate"
                )
                assert href.startswith(f"{server.url}/article/") and "#event-" in href
                path, anchor = href[len(server.url) :].split("#")
                page = c.get(path)
                assert page.status_code == 200 and f'id="{anchor}"' in page.text
                mention = int(anchor.removeprefix("event-"))
                m = next(m for m in matches if m["id"] == mention)
                assert {m["source_code"][:3], m["target_code"][:3]} == {"SRB", "KSV"}
                assert m["root"] in ("11", "12", "05")
                assert entry.find(f"{ATOM}category").get("term") == m["code"]
            # new matching news appears at the top of the feed; the old entries keep their ids
            new = ingest_and_code(db, tmp_path, NEW_ARTICLES[:1])
            assert new
            again = ET.fromstring(c.get("/watch/dyad-feed.atom").content)
            new_ids = [e.find(f"{ATOM}id").text for e in again.findall(f"{ATOM}entry")]
            assert set(ids) < set(new_ids)
            top = again.find(f"{ATOM}entry")
            top_href = next(
                link.get("href") for link in top.findall(f"{ATOM}link") if link.get("rel") == "alternate"
            )
            assert int(top_href.rsplit("#event-", 1)[1]) in new
            assert c.get("/watch/nobody.atom").status_code == 404
    finally:
        server.close()
        cli("--db", db, "watch", "remove", "dyad-feed")


# -- webhooks ------------------------------------------------------------------------------------------


class Receiver:
    """A webhook receiver on 127.0.0.1: answers 500 to the first POST of each delivery, then 200."""

    def __init__(self, always_fail: bool = False):
        self.requests: list[dict] = []
        self.seen: set[str] = set()
        self.always_fail = always_fail
        self.gate = threading.Event()
        self.gate.set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                receiver.gate.wait(30)
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                key = self.headers.get("x-dragoman-delivery", "")
                status = 500 if receiver.always_fail or key not in receiver.seen else 200
                receiver.seen.add(key)
                receiver.requests.append(
                    {
                        "key": key,
                        "status": status,
                        "body": json.loads(body),
                        "type": self.headers.get("content-type"),
                        "path": self.path,
                    }
                )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()


def wait_until(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_webhook_gets_one_post_per_new_match_with_retries(db, tmp_path):
    receiver = Receiver()
    assert (
        cli(
            "--db",
            db,
            "watch",
            "add",
            "hooked",
            "--actor",
            "SRB",
            "--actor",
            "KSV",
            "--webhook",
            receiver.url,
        ).exit_code
        == 0
    )
    store = open_store(db)
    deliverer = Deliverer(store, base_delay=0.05, max_attempts=5)
    register(store, deliverer)  # the sender `dragoman process` wakes, with quick retries for the test
    try:
        old = [m["id"] for m in store.query_mentions(actor="SRB", limit=50)]
        assert notify_new_mentions(store, old, deliverer=deliverer) == 0  # news from before the watchlist
        receiver.gate.clear()  # the receiver hangs: coding must not wait for it
        new = ingest_and_code(db, tmp_path, NEW_ARTICLES)  # `dragoman process` queues the alerts itself
        wl = store.get_watchlist("hooked")
        expected = {
            f"{m['article_id']}-{m['event_id']}" for m in store.watch_matches(wl, limit=1000, mention_ids=new)
        }
        assert expected
        assert {d["match_key"] for d in store.list_deliveries(wl["id"])} == expected
        receiver.gate.set()
        assert wait_until(
            lambda: all(d["state"] == "delivered" for d in store.list_deliveries(wl["id"]))
        )
        ok = [r for r in receiver.requests if r["status"] == 200]
        assert sorted(r["key"] for r in ok) == sorted(f"hooked/{k}" for k in expected)  # exactly one each
        failed = [r for r in receiver.requests if r["status"] == 500]
        assert sorted(r["key"] for r in failed) == sorted(r["key"] for r in ok)  # each retried after its 500
        assert all(d["attempts"] == 2 and d["last_status"] == 200 for d in store.list_deliveries(wl["id"]))
        body = ok[0]["body"]
        assert ok[0]["type"] == "application/json" and ok[0]["path"] == "/hook"
        assert body["format"] == "dragoman-watch/1" and body["watchlist"] == "hooked"
        assert body["evidence"] == f"/article/{body['article']['id']}#event-{body['event']['mention_id']}"
        assert {"code", "name", "source", "target", "date", "status", "confidence", "rule"} <= set(
            body["event"]
        )
        # the same mentions again (a second run, a recode): nothing new is sent
        queued = len(store.list_deliveries(wl["id"]))
        assert notify_new_mentions(store, new, deliverer=deliverer) == 0
        assert len(store.list_deliveries(wl["id"])) == queued  # nothing queued, so nothing can be sent
    finally:
        deliverer.stop()
        receiver.close()
        store.close()
        cli("--db", db, "watch", "remove", "hooked")


def test_webhook_gives_up_after_max_attempts(db, tmp_path):
    receiver = Receiver(always_fail=True)
    assert (
        cli("--db", db, "watch", "add", "doomed", "--query", "Jarinje", "--webhook", receiver.url).exit_code
        == 0
    )
    store = open_store(db)
    deliverer = Deliverer(store, base_delay=0.02, max_attempts=3)
    register(store, deliverer)
    try:
        article = {
            "title": "Jarinje crossing stays closed",
            "url": "https://wire.example/jarinje-3",
            "published": "2025-07-04",
            "text": "Jarinje crossing stays closed\n\nKosovo police closed the Jarinje crossing again on "
            "Friday. Serbia condemned the closure and demanded that it be reopened at once.",
        }
        ingest_and_code(db, tmp_path, [article])
        wl = store.get_watchlist("doomed")
        assert store.list_deliveries(wl["id"])  # queued by `dragoman process`
        assert wait_until(lambda: all(d["state"] == "failed" for d in store.list_deliveries(wl["id"])))
        for d in store.list_deliveries(wl["id"]):
            assert d["attempts"] == 3 and d["last_status"] == 500 and d["last_error"] == "HTTP 500"
        assert len(receiver.requests) == 3 * len(store.list_deliveries(wl["id"]))
    finally:
        deliverer.stop()
        receiver.close()
        store.close()
        cli("--db", db, "watch", "remove", "doomed")


def test_a_delivery_is_claimed_once(tmp_path):
    store = open_store(str(tmp_path / "claims.db"))
    try:
        wid = store.add_watchlist("w", ["SRB"], [], [], [], "http://127.0.0.1:9/")
        assert store.add_deliveries(wid, [{"match_key": "1-1", "payload": {"x": 1}}]) == 1
        assert store.add_deliveries(wid, [{"match_key": "1-1", "payload": {"x": 1}}]) == 0
        now = time.time()
        assert len(store.claim_deliveries(now)) == 1
        assert store.claim_deliveries(now) == []  # claimed: another sender gets nothing
        assert len(store.claim_deliveries(now + 1000)) == 1  # a crashed sender's claim expires
    finally:
        store.close()


def test_web_created_webhooks_must_be_public(db):
    server = LiveServer(Settings(db=db, token="t0ken"))
    try:
        r = httpx.post(
            f"{server.url}/api/watchlists",
            headers={"Authorization": "Bearer t0ken"},
            json={"name": "internal", "actors": ["SRB"], "webhook": "http://127.0.0.1:8080/hook"},
        )
        assert r.status_code == 400 and "non-public" in r.json()["detail"]
    finally:
        server.close()
