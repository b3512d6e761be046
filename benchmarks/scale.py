"""Articles coded per second with 1 and 2 worker processes, on SQLite and on PostgreSQL.

Real news of real length: the TempEval-3 training articles (TimeBank + AQUAINT, ../shared/data/tempeval3;
~1,000 characters to a few thousand each), or the sample corpus (examples/corpus) when the data is not
there. For each store (SQLite; PostgreSQL started here from Debian's package, as the tests do) and each
worker count, the articles are ingested into a fresh store, the coding is started and warmed (spaCy, the
knowledge base and what the coder loads on first use, in this process or in each worker), then
`process_store` codes every article: the timed part is coding, storing and the ordered finishing step
(events, actor memory, stories), as `dragoman process --workers N` runs them: one process for 1 worker,
N worker processes and the driver for N (the driver stores for SQLite and does the finishing step of the
articles coded so far while the workers code the rest). Articles per second = articles / that time, end
to end; the finishing step's time is shown, done while coding and after it. The 2-worker run should be >= 1.6x the 1-worker run.

The machine is shared: a contention figure (wall/CPU of a busy loop; 1.0 on an idle core) is printed
before each run, and the load average with it; and, for the run itself, the CPU time our processes used
(driver, workers, PostgreSQL server) and the CPU time every other process used meanwhile (0 on a machine
nobody else uses: a 2-worker figure taken while others kept a core busy is not a 2-core figure).

    .venv/bin/python benchmarks/scale.py                # 120 articles, both stores, 1 and 2 workers
    .venv/bin/python benchmarks/scale.py --docs 60 --stores sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import OtherLoad, contention  # noqa: E402


def texts(n: int) -> tuple[str, list[dict]]:
    """n articles (cycled when there are fewer), as JSON-lines records; and where they came from."""
    data = ROOT.parent / "shared" / "data" / "tempeval3"
    records: list[dict] = []
    if data.is_dir():
        from evaluation.times import find_files, read_timeml

        for path in find_files(data):
            doc = read_timeml(path)
            if len(doc.text.split()) >= 150:
                records.append({"title": doc.text.strip().split("\n")[0][:120], "text": doc.text.strip()})
        source = "TempEval-3 training articles (TimeBank + AQUAINT)"
    if not records:
        for line in (ROOT / "examples" / "corpus" / "articles.jsonl").read_text().splitlines():
            records.append(json.loads(line))
        source = "examples/corpus/articles.jsonl"
    out = []
    for i in range(n):
        r = dict(records[i % len(records)])
        r["text"] = r["text"] if i < len(records) else f"{r['text']}\n\n(Copy {i // len(records)}.)"
        r["url"] = f"https://bench.example/{i}"
        r["published"] = f"2013-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(r)
    return source, out


def build(db: str, records: list[dict], jsonl: Path) -> int:
    from dragoman.config import Settings
    from dragoman.ingest.ingestor import Ingestor
    from dragoman.store import open_store

    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with open_store(db) as store, Ingestor(store, Settings(db=db)) as ingestor:
        results = list(ingestor.ingest([str(jsonl)]))
    return sum(1 for r in results if r.status == "new")


def our_processes(server=None):
    """This process, its children (the workers) and the PostgreSQL server's processes, if any."""
    import psutil

    me = psutil.Process()
    procs = [me, *me.children(recursive=True)]
    if server is not None:
        for p in psutil.process_iter(["cmdline"]):
            if str(server.data) in " ".join(p.info["cmdline"] or []):
                procs += [p, *p.children(recursive=True)]
    return procs


def measure(db: str, workers: int, pool_baseline: bool = False, server=None) -> dict:
    """One timed run of `process_store` on a freshly ingested store, with the coding `dragoman process
    --workers N` uses: this process for 1 (or one worker process and the driver with pool_baseline), N
    worker processes for N > 1. Loading (spaCy, the knowledge base and what the coder loads on first use:
    place names, the language identifier; starting the workers) is done first and not timed, for either
    run; everything process_store does is."""
    from dragoman.config import Settings
    from dragoman.process import RoundFinisher, process_store
    from dragoman.scale.parallel import Parallel, coding_for
    from dragoman.scale.pool import PoolBackend
    from dragoman.store import open_store

    settings = Settings(db=db)
    if pool_baseline and workers == 1:
        coding = Parallel(PoolBackend(1, db, settings.spacy_model, settings.max_article_chars))
    else:
        coding = coding_for(db, settings, workers)
    coding.warm()  # loading is not timed, in either run: spaCy, the knowledge base, the coder's first-use data
    load = os.getloadavg()[0]
    busy = contention()
    import dragoman.process as process

    spent = {"after": 0.0, "ahead": 0.0}

    def timed(key, call):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return call(*a, **k)
            finally:
                spent[key] += time.perf_counter() - t
        return run

    finish, step = process.finish_coded, RoundFinisher.step
    process.finish_coded = timed("after", finish)
    RoundFinisher.step = timed("ahead", step)
    try:
        with open_store(db) as store, coding, OtherLoad(lambda: our_processes(server)) as others:
            t0 = time.perf_counter()
            results = process_store(store, coding=coding)
            seconds = time.perf_counter() - t0
            others.stop()
            events = store.event_count()
    finally:
        process.finish_coded, RoundFinisher.step = finish, step
    return {"workers": workers, "coding": type(coding).__name__ + (" (1 worker process)" if pool_baseline and workers == 1 else ""),
            "articles": len(results), "seconds": round(seconds, 2),
            "finishing_after_s": round(spent["after"], 2), "finishing_ahead_s": round(spent["ahead"], 2),
            "articles_per_s": round(len(results) / seconds, 2), "events": events,
            "contention": round(busy, 2), "load": round(load, 2),
            "our_cpu_s": round(others.ours_cpu, 2), "others_cpu_s": round(others.others_cpu, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--json", action="store_true", help="every figure as one JSON object at the end")
    parser.add_argument("--pool-baseline", action="store_true",
                        help="time the 1-worker run as one worker process beside the driver (which then stores "
                             "and finishes while the worker codes), not as `dragoman process` in one process")
    args = parser.parse_args()
    source, records = texts(args.docs)
    chars = sum(len(r["text"]) for r in records) / len(records)
    print(f"{len(records)} articles from {source}, {chars:.0f} characters on average; {os.cpu_count()} CPUs")
    report: dict = {"source": source, "docs": len(records), "mean_chars": round(chars), "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        server = None
        try:
            for kind in args.stores.split(","):
                if kind == "postgresql" and server is None:
                    from pgserver import PostgresServer

                    server = PostgresServer().start()
                per_store = {}
                for workers in (1, 2):
                    db = (str(Path(tmp) / f"{kind}-{workers}.db") if kind == "sqlite"
                          else server.create_database("bench"))
                    build(db, records, Path(tmp) / "in.jsonl")
                    run = {"store": kind, **measure(db, workers, args.pool_baseline, server)}
                    per_store[workers] = run
                    report["runs"].append(run)
                    print(f"{kind:10} {workers} worker(s) [{run['coding']}]: {run['articles']} articles in "
                          f"{run['seconds']} s = {run['articles_per_s']} articles/s (finishing step: "
                          f"{run['finishing_ahead_s']} s while coding, {run['finishing_after_s']} s after; "
                          f"{run['events']} events; CPU: ours {run['our_cpu_s']} s, other processes' "
                          f"{run['others_cpu_s']} s; contention {run['contention']}, load {run['load']})")
                speedup = per_store[2]["articles_per_s"] / per_store[1]["articles_per_s"]
                report[f"{kind}_speedup"] = round(speedup, 2)
                print(f"{kind:10} 2 workers / 1 worker: {speedup:.2f}x end to end (target >= 1.6)")
        finally:
            if server is not None:
                server.stop()
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
