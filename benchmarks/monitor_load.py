"""Monitoring load: 1,000 feeds served on loopback, one poll cycle at a time.

    .venv/bin/python benchmarks/monitor_load.py [--feeds 1000] [--new-share 0.01]

Measures CPU time (user + system of the dragoman process) and peak RSS for one poll cycle of every
followed source, (a) when nothing changed — every feed answers a conditional GET with 304 — and
(b) when 1 % of the feeds carry one new item, which is fetched, extracted, coded and clustered.
The feeds are served by a separate process on 127.0.0.1 (its CPU is not counted). All feeds live on
one host here, so the per-host delay is set to 0 and the per-host concurrency to the worker count;
with real feeds the politeness settings spread the same work over time.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def serve(port_q, new_feeds) -> None:
    """The feed server (a child process): /feed/N.xml with ETags; new items appear when told."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            path = self.path
            if path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            elif path.startswith("/feed/"):
                n = int(path.split("/")[2].split(".")[0])
                items = ""
                if n in new_feeds:
                    items = (f"<item><title>News {n}</title><link>http://127.0.0.1:{port}/a/{n}.html</link>"
                             f"<guid>a-{n}</guid><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>")
                body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {n}</title>"
                        f"<link>http://127.0.0.1:{port}/</link><description>d</description>{items}"
                        f"</channel></rss>").encode()
                ctype = "application/rss+xml"
                etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            elif path.startswith("/a/"):
                n = int(path.split("/")[2].split(".")[0])
                body = (f"<html><head><title>Talks round {n}</title></head><body><article><h1>Talks round {n}</h1>"
                        f"<p>Serbian President Aleksandar Vucic met Kosovo Prime Minister Albin Kurti in Brussels "
                        f"on Friday for round {n} of the EU-facilitated dialogue, the European Union said.</p>"
                        f"<p>Negotiators discussed item {n * 7} of the agenda, energy supply and missing persons; "
                        f"the next round is planned for later this month, officials said.</p></article></body></html>"
                        ).encode()
                ctype = "text/html; charset=utf-8"
            else:
                body, ctype = b"not found", "text/plain"
            self.send_response(200 if not body.startswith(b"not found") else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    port_q.put(port)
    server.serve_forever()


class RssSampler:
    """Samples this process's RSS while a cycle runs (peak)."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process(os.getpid())
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            self._stop.wait(0.02)

    def __enter__(self) -> RssSampler:
        self.peak = self.proc.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure(monitor, label: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_SELF)
    wall = time.perf_counter()
    with RssSampler() as rss:
        new, coded = monitor.cycle(everything=True)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"case": label, "wall_s": time.perf_counter() - wall, "cpu_s": cpu, "peak_rss_mb": rss.peak / 2**20,
            "new_articles": new, "coded": coded}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--new-share", type=float, default=0.01)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from dragoman.config import Settings
    from dragoman.monitor.runner import Monitor
    from dragoman.monitor.sources import add_sources
    from dragoman.store import open_store

    manager = mp.Manager()
    new_feeds = manager.dict()
    port_q = mp.Queue()
    server = mp.Process(target=serve, args=(port_q, new_feeds), daemon=True)
    server.start()
    port = port_q.get(timeout=30)
    import logging

    logging.getLogger("dragoman").setLevel(logging.ERROR)  # the per-source lines would drown the table
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "load.db"), host_delay=0.0, host_concurrency=args.workers,
                            workers=args.workers, poll_min_interval=1.0)
        with open_store(settings.db) as store:
            add_sources(store, [f"http://127.0.0.1:{port}/feed/{i}.xml" for i in range(args.feeds)])
            monitor = Monitor(store, settings)
            monitor.extractor()  # load spaCy before measuring: it is loaded once per process
            results.append(measure(monitor, "first poll (every feed new, empty)"))
            results.append(measure(monitor, "nothing changed (304)"))
            for i in range(0, args.feeds, max(1, round(1 / args.new_share))):
                new_feeds[i] = True
            results.append(measure(monitor, f"{args.new_share:.0%} of feeds with a new item"))
            results.append(measure(monitor, "nothing changed again (304)"))
    server.terminate()
    print(f"{args.feeds} feeds on 127.0.0.1, {args.workers} workers")
    print(f"{'case':<36}{'wall s':>9}{'CPU s':>9}{'peak RSS MB':>13}{'new':>6}{'coded':>7}")
    for r in results:
        print(f"{r['case']:<36}{r['wall_s']:>9.2f}{r['cpu_s']:>9.2f}{r['peak_rss_mb']:>13.0f}{r['new_articles']:>6}"
              f"{r['coded']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
