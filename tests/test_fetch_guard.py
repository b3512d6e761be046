"""Every fetch is guarded and bounded: the address guard (on by default, DNS rebinding and redirects
included), a total deadline from connect to last byte, a cap on robots.txt crawl delays, invalid URLs,
and a page in the wrong charset — against real servers on 127.0.0.1 (and 127.0.0.2 playing a public host)."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time

import pytest
from fakesite import FakeSite, Story
from stories import STORIES

from dragoman.config import Settings
from dragoman.ingest import Ingestor
from dragoman.ingest.netguard import AddressPolicy
from dragoman.ingest.web import Fetcher, FetchError

PUBLIC = ipaddress.ip_address("127.0.0.2")  # plays a public address in these tests


def only_127_0_0_2(ip) -> bool:
    return ip == PUBLIC


def ingest(store, settings, *refs, fetcher=None):
    with Ingestor(store, settings, fetcher=fetcher) as ing:
        return list(ing.ingest(list(refs)))


# -- the guard is on by default ------------------------------------------------------------------------


def test_guard_blocks_private_addresses_by_default(tmp_path, site):
    settings = Settings(db=str(tmp_path / "g.db"), host_delay=0.0)
    assert settings.allow_private_urls is False
    from dragoman.store import open_store

    with open_store(settings.db) as store:
        results = ingest(store, settings, site.url("/articles/brussels-agreement.html"), site.url("/feed.xml"))
        assert [r.status for r in results] == ["failed", "failed"]
        assert all(r.reason.startswith("refused: 127.0.0.1 resolves to a non-public address") for r in results)
        assert store.article_count() == 0
    assert site.log == []  # not even robots.txt was asked for


def test_cli_ingest_and_run_are_guarded(tmp_path, site):
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAGOMAN_")}
    env["DRAGOMAN_DB"] = str(tmp_path / "c.db")
    run = [sys.executable, "-m", "dragoman"]
    out = subprocess.run([*run, "ingest", site.url("/articles/ohrid-annex.html")], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 1 and "refused" in out.stderr and "Traceback" not in out.stderr
    subprocess.run([*run, "sources", "add", site.url("/feed.xml")], env=env, check=True, capture_output=True)
    subprocess.run([*run, "run", "--once", "--no-serve"], env=env, check=True, capture_output=True, timeout=300)
    status = json.loads(subprocess.run([*run, "status", "--json"], env=env, capture_output=True, text=True,
                                       check=True).stdout)
    assert status["articles"] == 0 and "refused" in status["sources"][0]["last_error"]
    assert site.log == []
    env["DRAGOMAN_ALLOW_PRIVATE_URLS"] = "true"  # the explicit setting for intranet use
    out = subprocess.run([*run, "ingest", site.url("/articles/ohrid-annex.html")], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and "1 new" in out.stdout


@pytest.fixture
def public_site():
    """A site on 127.0.0.2, which the tests' policy treats as public, with redirects to private places."""
    s = FakeSite(stories=list(STORIES), host="127.0.0.2").serve()
    yield s
    s.close()


def _settings(tmp_path, **kw) -> Settings:
    return Settings(db=str(tmp_path / "p.db"), host_delay=0.0, connect_timeout=2.0, read_timeout=2.0,
                    total_timeout=5.0, **kw)


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/articles/ohrid-annex.html",
                                    "http://localhost:{port}/articles/ohrid-annex.html",
                                    "http://2130706433:{port}/articles/ohrid-annex.html",
                                    "http://[::ffff:127.0.0.1]:{port}/articles/ohrid-annex.html",
                                    "http://169.254.169.254/latest/meta-data/"])
def test_redirects_to_private_addresses_are_refused(tmp_path, store, site, public_site, target):
    public_site.redirects["/go"] = target.format(port=site.server.server_address[1])
    settings = _settings(tmp_path)
    with Fetcher(settings, policy=AddressPolicy(allowed=only_127_0_0_2)) as fetcher:
        with pytest.raises(FetchError, match="refused: .* non-public address"):
            fetcher.fetch(public_site.url("/go"))
        assert fetcher.fetch(public_site.url("/articles/ohrid-annex.html")).status == 200
    assert site.log == []


def test_feed_listing_private_links_fetches_none_of_them(tmp_path, store, site, public_site):
    """A followed third-party feed listing http://127.0.0.1:…/secret: polled by `run`, nothing private is fetched."""
    from dragoman.monitor.poller import poll_source
    from dragoman.monitor.sources import add_sources

    port = site.server.server_address[1]
    links = [f"http://127.0.0.1:{port}/articles/ohrid-annex.html", f"http://2130706433:{port}/private/x.html",
             public_site.url("/articles/brussels-agreement.html")]
    items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(links))
    public_site.extra["/third-party.xml"] = (200, "application/rss+xml", (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{items}</channel></rss>").encode())
    settings = _settings(tmp_path)
    add_sources(store, [public_site.url("/third-party.xml")])
    fetcher = Fetcher(settings, policy=AddressPolicy(allowed=only_127_0_0_2))
    with Ingestor(store, settings, fetcher=fetcher) as ing:
        report = poll_source(store.get_source(public_site.url("/third-party.xml")), ing)
    fetcher.close()
    assert len(report.new_ids) == 1 and len(report.failures) == 2
    assert all("refused" in f for f in report.failures)
    assert site.log == []


def test_dns_rebinding_cannot_reach_the_private_address(tmp_path, store):
    """The name answers a public address to the check and 127.0.0.1 afterwards: the connection is made to
    the address that was checked, so the private server is never asked."""
    secret = FakeSite(name="Secret", stories=[Story("x", "Internal secret page", "2025-01-02",
                                                    [STORIES[0].paragraphs[0]] * 3)]).serve()
    port = secret.server.server_address[1]
    public = FakeSite(name="Public", stories=[Story("x", "Public page", "2025-01-02", STORIES[2].paragraphs)],
                      host="127.0.0.2", port=port).serve()
    answers = iter(["127.0.0.2", "127.0.0.2"])

    def rebinding(host, port, *args, **kw):
        if host != "rebind.example":
            return socket.getaddrinfo(host, port, *args, **kw)
        address = next(answers, "127.0.0.1")  # public twice (a check and a connect), then private
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    try:
        settings = _settings(tmp_path, respect_robots=False)
        policy = AddressPolicy(resolve=rebinding, allowed=only_127_0_0_2)
        url = f"http://rebind.example:{port}/articles/x.html"
        assert policy.addresses("rebind.example", port) == ["127.0.0.2"]  # the web app's up-front check
        with Fetcher(settings, policy=policy) as fetcher:
            [result] = ingest(store, settings, url, fetcher=fetcher)
        assert result.status == "new"
        assert store.get_article(result.article_id)["title"].startswith("Public page")
        with Fetcher(settings, policy=policy) as fetcher:  # the next connection gets 127.0.0.1: refused
            with pytest.raises(FetchError, match="refused"):
                fetcher.fetch(f"http://rebind.example:{port}/articles/other.html")
        assert secret.log == []
    finally:
        secret.close()
        public.close()


def test_web_ingest_dns_rebinding(tmp_path, monkeypatch):
    """POST /api/ingest: checked by one resolution, connected by another — the private page is not fetched."""
    from fastapi.testclient import TestClient

    from dragoman.ingest import netguard
    from dragoman.web import create_app

    secret = FakeSite(name="Secret", stories=[Story("x", "Internal secret page", "2025-01-02",
                                                    [STORIES[0].paragraphs[0]] * 3)]).serve()
    port = secret.server.server_address[1]
    public = FakeSite(name="Public", stories=[Story("x", "Public page", "2025-01-02", STORIES[2].paragraphs)],
                      host="127.0.0.2", port=port).serve()
    real = socket.getaddrinfo
    calls = []

    def rebinding(host, port, *args, **kw):
        if host != "rebind.example":
            return real(host, port, *args, **kw)
        calls.append(host)
        address = "127.0.0.2" if len(calls) <= 2 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(netguard, "is_public", only_127_0_0_2)
    settings = Settings(db=str(tmp_path / "w.db"), token="t", host_delay=0.0, respect_robots=False,
                        connect_timeout=2.0, read_timeout=5.0)
    try:
        with TestClient(create_app(settings)) as client:
            r = client.post("/api/ingest", json={"url": f"http://rebind.example:{port}/articles/x.html"},
                            headers={"Authorization": "Bearer t"})
            assert r.status_code == 200, r.text
            [result] = r.json()["results"]
            assert result["status"] == "new" and result["title"].startswith("Public page")
            r = client.post("/api/ingest", json={"url": f"http://rebind.example:{port}/articles/y.html"},
                            headers={"Authorization": "Bearer t"})
            assert r.status_code == 400 and "non-public" in r.json()["detail"]
        assert secret.log == []
    finally:
        secret.close()
        public.close()


# -- deadlines -----------------------------------------------------------------------------------------


class TrickleServer:
    """Answers robots.txt at once, and everything else with response headers at two bytes a second."""

    def __init__(self, pause: float = 0.5):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.pause = pause
        self.sent_bytes = 0
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            request = conn.recv(65536)
            if request.startswith(b"GET /robots.txt"):
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            headers = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Slow-%d: yes\r\n" % i for i in range(1000))
            try:
                for i in range(0, len(headers), 2):
                    conn.sendall(headers[i:i + 2])
                    self.sent_bytes += 2
                    time.sleep(self.pause)
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()


@pytest.mark.timeout(60)  # before the fix the fetch never ended: the total deadline only covered the body
def test_total_deadline_covers_trickled_headers(tmp_path):
    server = TrickleServer()
    settings = Settings(db=str(tmp_path / "t.db"), allow_private_urls=True, host_delay=0.0, read_timeout=5.0,
                        total_timeout=3.0)
    try:
        with Fetcher(settings) as fetcher:
            with pytest.raises(FetchError, match=r"timed out \(slower than 3 s in all\)"):
                fetcher.fetch(server.url + "/article.html")
        assert 4 <= server.sent_bytes < 40  # it was reading headers, a little at a time, until the deadline
    finally:
        server.close()


@pytest.mark.timeout(120)
def test_crawl_delay_is_capped_and_the_source_marked_slow(tmp_path):
    from dragoman.monitor.runner import Monitor
    from dragoman.monitor.sources import add_sources
    from dragoman.store import open_store

    site = FakeSite(stories=list(STORIES[:2]), robots="User-agent: *\nCrawl-delay: 100000\n").serve()
    settings = Settings(db=str(tmp_path / "s.db"), allow_private_urls=True, host_delay=0.0, max_crawl_delay=0.5,
                        connect_timeout=2.0, read_timeout=2.0, total_timeout=4.0)
    try:
        with open_store(settings.db) as store:
            add_sources(store, [site.url("/feed.xml")])
            Monitor(store, settings).poll(Monitor(store, settings).due_sources(everything=True))
            assert store.article_count() == 2
            [source] = store.list_sources()
            assert "slow host: robots.txt asks for 100000 s" in source["last_error"]
            assert source["error_count"] == 0
        times = sorted(r.at for r in site.log)
        assert len(times) == 4  # robots.txt, the feed, two articles
        assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.45  # the capped delay is kept
    finally:
        site.close()


# -- what a fetched page may be ------------------------------------------------------------------------


def test_invalid_urls_fail_cleanly(tmp_path, store, site):
    settings = _settings(tmp_path, allow_private_urls=True)
    with Fetcher(settings) as fetcher:
        for bad in ("http://exa\x01mple.com/", "http://[::1/", "http://a.com:99999/"):
            with pytest.raises(FetchError):
                fetcher.fetch(bad)
    results = ingest(store, settings, "http://exa\x01mple.com/x")
    assert results[0].status == "failed" and "not a valid http(s) URL" in results[0].reason


def test_utf8_page_with_a_wrong_utf16_header_is_read(store, settings, site):
    page = STORIES[1].html("Gazette", site.base).replace("Brussels", "Brüssel — «Bruxelles»").encode("utf-8")
    site.extra["/wrong-charset.html"] = (200, "text/html; charset=utf-16", page)
    site.extra["/latin1.html"] = (200, "text/html; charset=iso-8859-1",
                                  STORIES[3].html("Gazette", site.base).replace("Kosovo", "Kosovë").encode("latin-1"))
    results = ingest(store, settings, site.url("/wrong-charset.html"), site.url("/latin1.html"))
    assert [r.status for r in results] == ["new", "new"]
    assert "Brüssel — «Bruxelles»" in store.get_article(results[0].article_id)["text"]
    assert "Kosovë" in store.get_article(results[1].article_id)["text"]
