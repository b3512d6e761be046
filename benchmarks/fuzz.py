"""Fuzzing dragoman's inputs: hostile files, JSON lines, WARC records, feed items, sitemap and OPML
entries, publication dates, HTTP answers, robots.txt files, web query parameters and `extract` batches —
each hostile input between good ones.

    .venv/bin/python benchmarks/fuzz.py [--inputs 20000] [--seed 1] [--workers 2] [--json FILE]

Reports: inputs tried (per kind), failures (an exception that escaped a public entry point — a
traceback — or a 5xx from the web app), hangs (a case still running after 60 s: its worker is killed
and replaced), good inputs lost (a good article beside a hostile one that did not end up stored or
extracted), and peak RSS of the workers. Cases are seeded: `--seed S --only N` re-runs case N alone.
Everything runs on 127.0.0.1; the harness resolves no host names.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

HANG_SECONDS = 60.0


def worker(seed: int, tasks, results) -> None:
    import resource

    from fuzzkinds import kind_of
    from fuzzlab import Lab, run_case

    lab = Lab()
    while True:
        try:
            case = tasks.get(timeout=1)
        except queue.Empty:
            continue
        if case is None:
            break
        kind = kind_of(seed, case)
        results.put(("start", case, kind, (os.getpid(), time.monotonic())))
        started = time.monotonic()
        res = run_case(lab, seed, case, kind)
        results.put(("done", case, kind, {"failures": res.failures, "lost": res.lost, "notes": res.notes,
                                          "goods": res.goods, "seconds": time.monotonic() - started}))
    results.put(("bye", None, None, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))


class Report:
    def __init__(self):
        self.kinds: Counter[str] = Counter()
        self.failures: list[tuple[int, str, str]] = []
        self.hangs: list[tuple[int, str]] = []
        self.lost: list[tuple[int, str, str]] = []
        self.notes: Counter[str] = Counter()
        self.goods = 0
        self.slowest: tuple[float, int, str] = (0.0, -1, "")
        self.peak_rss = 0

    def add(self, case: int, kind: str, data: dict) -> None:
        self.kinds[kind] += 1
        self.goods += data["goods"]
        self.failures += [(case, kind, f) for f in data["failures"]]
        self.lost += [(case, kind, m) for m in data["lost"]]
        for note in data["notes"]:
            self.notes[note[:120]] += 1
        if data["seconds"] > self.slowest[0]:
            self.slowest = (data["seconds"], case, kind)

    def as_dict(self, seconds: float) -> dict:
        return {"inputs": sum(self.kinds.values()) + len(self.hangs), "by_kind": dict(self.kinds),
                "failures": len(self.failures), "hangs": len(self.hangs), "good_inputs": self.goods,
                "good_lost": len(self.lost), "peak_rss_mb": round(self.peak_rss / 1e6),
                "slowest_case": {"seconds": round(self.slowest[0], 1), "case": self.slowest[1],
                                 "kind": self.slowest[2]},
                "wall_seconds": round(seconds), "failure_samples": [f"case {c} ({k}): {t[-1500:]}"
                                                                    for c, k, t in self.failures[:10]],
                "hang_cases": self.hangs[:20], "lost_samples": self.lost[:20],
                "caught_raw_exceptions": self.notes.most_common(15)}


def run(inputs: int, seed: int, workers: int, only: int | None = None) -> dict:
    import psutil

    ctx = mp.get_context("fork")
    tasks, results = ctx.Queue(), ctx.Queue()
    cases = [only] if only is not None else list(range(inputs))
    for case in cases:
        tasks.put(case)
    procs: dict[int, mp.Process] = {}
    current: dict[int, tuple[str, int, float]] = {}  # case -> (kind, worker pid, started)
    report = Report()

    def spawn() -> None:
        p = ctx.Process(target=worker, args=(seed, tasks, results), daemon=True)
        p.start()
        procs[p.pid] = p

    for _ in range(max(1, min(workers, len(cases)))):
        spawn()
    started = last_print = time.monotonic()
    done = 0
    while done < len(cases):
        try:
            msg, case, kind, data = results.get(timeout=0.5)
        except queue.Empty:
            msg = None
        if msg == "start":
            current[case] = (kind, data[0], data[1])
        elif msg == "done":
            current.pop(case, None)
            report.add(case, kind, data)
            done += 1
        for p in list(procs.values()):
            try:
                report.peak_rss = max(report.peak_rss, psutil.Process(p.pid).memory_info().rss)
            except psutil.Error:
                pass
        now = time.monotonic()
        for case_id, (kind, pid, at) in list(current.items()):
            if now - at > HANG_SECONDS:  # a hang: its worker is killed and replaced, the case counted
                victim = procs.pop(pid, None)
                if victim is not None:
                    victim.kill()
                    victim.join()
                report.hangs.append((case_id, kind))
                current.pop(case_id)
                done += 1
                spawn()
        if now - last_print > 30:
            last_print = now
            print(f"  {done}/{len(cases)} cases, {now - started:.0f} s, failures {len(report.failures)}, "
                  f"hangs {len(report.hangs)}, lost {len(report.lost)}", file=sys.stderr, flush=True)
    for _ in procs:
        tasks.put(None)
    deadline = time.monotonic() + 30
    alive = len(procs)
    while alive and time.monotonic() < deadline:
        try:
            msg, _, _, data = results.get(timeout=1)
        except queue.Empty:
            continue
        if msg == "bye":
            report.peak_rss = max(report.peak_rss, data)
            alive -= 1
    for p in procs.values():
        p.join(5)
    return report.as_dict(time.monotonic() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", type=int, default=None, help="run this one case (to reproduce a failure)")
    ap.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = ap.parse_args()
    report = run(args.inputs, args.seed, args.workers, args.only)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
