"""The lab one fuzz worker runs cases in: a store, a guarded fetcher, a hostile HTTP server on 127.0.0.1,
the web app, the extractor — and one function per kind of case.

A case returns a CaseResult: the failures (tracebacks: an exception that escaped a public entry point,
or a result the last-resort handler had to produce), the good inputs it lost, and notes (exceptions
that item isolation caught and reported as a raw 'SomeError: ...' reason, worth a look)."""

from __future__ import annotations

import gzip
import ipaddress
import random
import socket
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import fuzzcases as fc

ALLOWED = ipaddress.ip_address("127.0.0.1")  # the lab's server plays the public web; everything else is private
_RAW_REASON = ("Error: ", "Exception: ")  # reason_for's fallback: an exception type nobody anticipated
_EXPECTED_RAW = ("ArchiveLoadFailed", "XMLSyntaxError", "ParserError", "StatusAndHeadersParserException",
                 "NotAnArticle")


@dataclass
class CaseResult:
    kind: str
    failures: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    goods: int = 0


def resolve_numeric(host, port, *args, **kw):
    """The lab's resolver: IP literals (in any spelling) and localhost only — the harness sends no DNS query."""
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    except socket.gaierror:
        if str(host).lower() == "localhost":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        raise socket.gaierror(socket.EAI_NONAME, "the fuzz harness resolves no names") from None


class HostileServer:
    """A raw HTTP server: /good/NAME.html and /feed/NAME.xml serve registered good documents, /h/N runs
    hostile script N, /robots.txt is given per server."""

    def __init__(self, robots: bytes = b"User-agent: *\nAllow: /\n", robots_pause: float = 0.0):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.docs: dict[str, tuple[str, bytes]] = {}
        self.scripts: dict[str, object] = {}
        self.robots = robots
        self.robots_pause = robots_pause
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.sock.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            with conn:
                head = b""
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                path = head.split(b" ", 2)[1].decode("latin-1") if head.count(b" ") >= 2 else "/"
                if path == "/robots.txt":
                    if self.robots_pause:
                        self._trickle(conn, _response(200, "text/plain", self.robots), self.robots_pause)
                    else:
                        conn.sendall(_response(200, "text/plain", self.robots))
                elif path in self.docs:
                    ctype, body = self.docs[path]
                    conn.sendall(_response(200, ctype, body))
                elif path in self.scripts:
                    self.scripts[path](conn)
                else:
                    conn.sendall(_response(404, "text/html", b"<html>not found</html>"))
        except OSError:
            return

    @staticmethod
    def _trickle(conn, data: bytes, pause: float) -> None:
        for i in range(0, len(data), 2):
            conn.sendall(data[i:i + 2])
            time.sleep(pause)


def _response(status: int, ctype: str, body: bytes, extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n{extra}"
            "Connection: close\r\n\r\n").encode("latin-1", "replace") + body


def hostile_script(rng: random.Random, good: fc.Good, lab_port: int):
    """A function that answers one connection in a hostile way."""
    choice = rng.randrange(12)
    page = good.html().encode()

    def send(data: bytes):
        return lambda conn: conn.sendall(data)

    if choice == 0:
        return send(bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000))))
    if choice == 1:  # headers at a few bytes a second
        data = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(500))
        return lambda conn: HostileServer._trickle(conn, data, 0.2)
    if choice == 2:
        return send(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(20_000)) + b"\r\n")
    if choice == 3:
        return send(rng.choice([b"HTTP/1.1 abc\r\n\r\n", b"HTTP/9 200\r\n\r\n", b"\r\n\r\n", b"HTTP/1.1 200 OK\r\n"
                                b"Content-Length: -5\r\n\r\nx", b"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\n\r\nshort"]))
    if choice == 4:  # a gzip bomb
        bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
        return send(_response(200, "text/html", bomb, "Content-Encoding: gzip\r\n"))
    if choice == 5:  # an endless chunked body
        def endless(conn):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in range(100_000):
                conn.sendall(b"4000\r\n" + b"<p>x</p>" * 2048 + b"\r\n")
        return endless
    if choice == 6:  # a redirect to a private address, or a loop
        target = rng.choice(["http://10.0.0.1/", "http://169.254.169.254/latest/", "http://[::1]:{p}/",
                             "http://127.0.0.2:{p}/", "http://2130706434:{p}/", "http://0.0.0.0:{p}/",
                             "http://localhost:{p}/h/loop", "/h/loop", "javascript:alert(1)", "http://[::1"])
        return send(_response(302, "text/html", b"", f"Location: {target.format(p=lab_port)}\r\n"))
    if choice == 7:
        return send(_response(200, "text/html; charset=utf-16", page))
    if choice == 8:
        return send(_response(200, rng.choice(["text/html", "application/rss+xml", "", "text/plain", "x/y"]),
                              fc.hostile_html(rng, good)))
    if choice == 9:
        return send(_response(rng.choice([429, 503, 500, 404, 304]), "text/html", b"",
                              f"Retry-After: {rng.choice(['5', 'x', '99999999999999999999', 'Wed, 21 Oct 3015'])}\r\n"))
    if choice == 10:
        return send(_response(200, "application/rss+xml", fc.hostile_feed_document(rng, good)))
    return send(_response(200, "text/html", page))


class Lab:
    """Everything a worker needs, built once per worker."""

    def __init__(self):
        from dragoman.config import Settings
        from dragoman.ingest import Ingestor
        from dragoman.ingest.netguard import AddressPolicy
        from dragoman.ingest.web import Fetcher
        from dragoman.store import open_store

        self.dir = Path(tempfile.mkdtemp(prefix="dragoman-fuzz-"))
        self.settings = Settings(db=str(self.dir / "fuzz.db"), host_delay=0.0, connect_timeout=2.0,
                                 read_timeout=2.0, total_timeout=3.0, max_body_bytes=2_000_000,
                                 max_crawl_delay=1.0, feed_full_content_min_chars=100, max_sitemap_urls=50)
        self.policy = AddressPolicy(resolve=resolve_numeric, allowed=lambda ip: ip == ALLOWED)
        self.store = open_store(self.settings.db)
        self.fetcher = Fetcher(self.settings, policy=self.policy)
        self.ingestor = Ingestor(self.store, self.settings, fetcher=self.fetcher)
        self.server = HostileServer()
        self._client = None
        self._extractor = None
        self.n = 0

    def path(self, name: str) -> Path:
        self.n += 1
        folder = self.dir / f"c{self.n}"
        folder.mkdir()
        return folder / name

    @property
    def client(self):
        if self._client is None:
            from fastapi.testclient import TestClient

            from dragoman.web import create_app

            self._client = TestClient(create_app(self.settings), raise_server_exceptions=True)
        return self._client

    @property
    def extractor(self):
        if self._extractor is None:
            from dragoman.extract import Extractor

            self._extractor = Extractor()
        return self._extractor

    # -- checking what the ingestor did -------------------------------------------------------------
    def ingest(self, refs: list[str], result: CaseResult, goods: list[fc.Good]) -> None:
        try:
            results = list(self.ingestor.ingest(refs))
        except Exception:  # noqa: BLE001 - this is what the harness is looking for
            result.failures.append(traceback.format_exc())
            return
        stored = []
        for r in results:
            reason = r.reason or ""
            if reason.startswith("internal error"):
                result.failures.append(f"{r.input_ref[:200]}: {reason[:300]}")
            elif any(marker in reason for marker in _RAW_REASON) and not reason.startswith(_EXPECTED_RAW) \
                    and "unreadable" not in reason:
                result.notes.append(reason[:200])
            if r.article_id and r.status in ("new", "duplicate"):
                stored.append(r.article_id)
        texts = [self.store.get_article(a)["text"] for a in stored]
        for g in goods:
            result.goods += 1
            if not any(g.marker in t for t in texts):
                result.lost.append(g.marker)


def run_case(lab: Lab, seed: int, case: int, kind: str) -> CaseResult:
    """Build and run one case of one kind; nothing it raises is swallowed without being counted."""
    from fuzzkinds import KINDS

    rng = random.Random(seed * 1_000_003 + case)
    result = CaseResult(kind)
    try:
        KINDS[kind](lab, rng, case, result)
    except Exception:  # noqa: BLE001
        result.failures.append(traceback.format_exc())
    return result


def today() -> date:
    return datetime.now().date()
