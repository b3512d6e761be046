"""Cold load time, memory and lookup speed of the world actor knowledge base (dragoman.actors.world).

What it measures:

- cold load: ``world_kb()`` in a fresh Python process (the module already imported, so the figure is
  the knowledge base alone), best and median of ``--runs`` (default 5) processes; the time to import
  ``dragoman.actors.world`` is printed beside it; in the same processes, the cold load of the curated
  knowledge base (``dragoman.actors.kb.knowledge_base()``: countries, organisations, agencies, companies,
  roles, people) and how many of its entries are companies;
- memory: the process's RSS just before and just after ``world_kb()`` (psutil when installed, else
  /proc/self/statm), and the peak RSS growth (``ru_maxrss``) over the load, in the same processes;
- lookups per second, in one warm process: ``match_at`` and ``agent_at`` tried at every token of a
  paragraph written for this benchmark (a miss is the common case in running text), and
  ``code_on`` on the entries found; plus ``surname_index`` membership tests.

Targets: cold load < 0.5 s and < 60 MB extra RSS. A contention figure (wall/CPU of a busy loop, 1.0 on
an idle core) is printed: on a loaded machine wall times stretch by about that factor.

Run it from the repository root::

    .venv/bin/python benchmarks/kb_load.py
    .venv/bin/python benchmarks/kb_load.py --runs 10 --check      # exit 1 on a missed target
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import contention  # noqa: E402

LOAD_TARGET_S = 0.5
RSS_TARGET_MB = 60.0

# Runs in a fresh interpreter: prints one JSON line with the figures of one cold load.
CHILD = r"""
import json, os, resource, time
def rss():
    try:
        import psutil
        return psutil.Process().memory_info().rss
    except ImportError:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
t0 = time.perf_counter()
import dragoman.actors.world as world
t1 = time.perf_counter()
before, peak_before = rss(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t2 = time.perf_counter()
kb = world.world_kb()
t3 = time.perf_counter()
after, peak_after = rss(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import dragoman.actors.kb as curated
from dragoman.data import load_yaml
t4 = time.perf_counter()
curated.knowledge_base()
t5 = time.perf_counter()
companies = len(load_yaml("actors/companies.yaml").get("companies") or [])
print(json.dumps({"import_s": t1 - t0, "load_s": t3 - t2, "rss_mb": (after - before) / 2**20,
                  "peak_mb": (peak_after - peak_before) / 1024, "entries": len(kb),
                  "names": kb.name_count, "agents": kb.agent_count, "surnames": len(kb.surname_index),
                  "curated_s": t5 - t4, "companies": companies}))
"""

# Written for this benchmark: running news-like text with names, agents and ordinary words.
TEXT = (
    "Security forces loyal to President Bashar al-Assad shelled rebel positions near Homs on Tuesday, "
    "activists said, while the U.N. Security Council met in New York. In Cairo, protesters gathered "
    "outside the court where Hosni Mubarak was on trial, and police fired tear gas at the crowd. "
    "Hamas and Hezbollah leaders condemned the strikes; the Taliban said its fighters had attacked "
    "troops in Helmand. Angela Merkel and Vladimir Putin spoke by telephone about Ukraine, where "
    "separatists seized buildings in Donetsk and residents fled. The World Bank and Amnesty "
    "International called for restraint, and Erdogan told reporters that Turkey would not accept "
    "refugees without help from the European Union. Kagame met Museveni to discuss the border. "
)


def child_runs(runs: int) -> list[dict]:
    out = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise SystemExit(f"child process failed: {proc.stderr.strip().splitlines()[-1:]}")
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def lookup_rates(seconds: float) -> dict[str, float]:
    from dragoman.actors.kb import words_of
    from dragoman.actors.world import world_kb

    kb = world_kb()
    words = list(words_of(TEXT))
    found = [kb.match_at(words, i) for i in range(len(words))]
    entries = [e for hit in found if hit for e in hit[1]]
    days = [date(2005, 1, 1), date(2012, 6, 1), None]
    surnames = [w for w in words if w.isalpha()]

    def rate(step) -> float:
        """Calls per second of `step`, which makes some calls and returns how many."""
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            n += step()
        return n / (time.perf_counter() - t0)

    def every_token(lookup) -> int:
        for i in range(len(words)):
            lookup(words, i)
        return len(words)

    def every_entry() -> int:
        for entry in entries:
            for day in days:
                entry.code_on(day)
        return len(entries) * len(days)

    def every_word() -> int:
        for w in surnames:
            _ = w in kb.surname_index
        return len(surnames)

    return {
        "match_at": rate(lambda: every_token(kb.match_at)),
        "agent_at": rate(lambda: every_token(kb.agent_at)),
        "code_on": rate(every_entry),
        "surname": rate(every_word),
        "tokens": len(words), "names_found": sum(1 for hit in found if hit),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="World actor knowledge base: load time, memory, lookups.")
    ap.add_argument("--runs", type=int, default=5, help="fresh processes for the cold load (default 5)")
    ap.add_argument("--seconds", type=float, default=1.0, help="time per lookup-rate measurement")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    print(f"contention {contention():.2f} (1.0 = idle core)")
    runs = child_runs(args.runs)
    loads = [r["load_s"] for r in runs]
    rss = [r["rss_mb"] for r in runs]
    first = runs[0]
    print(f"world KB: {first['entries']:,} entries, {first['names']:,} names, {first['agents']:,} agent phrases, "
          f"{first['surnames']:,} family names")
    print(f"cold load (world_kb(), {args.runs} fresh processes): best {min(loads) * 1000:.0f} ms, "
          f"median {statistics.median(loads) * 1000:.0f} ms; import of dragoman.actors.world "
          f"{statistics.median(r['import_s'] for r in runs) * 1000:.0f} ms")
    curated = [r["curated_s"] for r in runs]
    print(f"curated KB (knowledge_base(), {first['companies']} companies): best {min(curated) * 1000:.0f} ms, "
          f"median {statistics.median(curated) * 1000:.0f} ms")
    print(f"memory: RSS +{statistics.median(rss):.1f} MB after the load (min {min(rss):.1f}, max {max(rss):.1f}); "
          f"peak RSS +{statistics.median(r['peak_mb'] for r in runs):.1f} MB")
    rates = lookup_rates(args.seconds)
    print(f"lookups over a {rates['tokens']}-token paragraph ({rates['names_found']} positions start a name): "
          f"match_at {rates['match_at']:,.0f}/s, agent_at {rates['agent_at']:,.0f}/s, "
          f"code_on {rates['code_on']:,.0f}/s, surname_index {rates['surname']:,.0f}/s")
    ok = min(loads) < LOAD_TARGET_S and statistics.median(rss) < RSS_TARGET_MB
    print(f"targets: load < {LOAD_TARGET_S} s, RSS < {RSS_TARGET_MB:.0f} MB: {'met' if ok else 'MISSED'}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
