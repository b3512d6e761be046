"""Speed of the web app's JSON API on a big store: filtered event queries and the dyad chart.

What it measures: p50 and p95 wall-clock milliseconds of HTTP requests to a real uvicorn server on
127.0.0.1 (``dragoman serve`` in its own process), over a SQLite store of ``--events`` (default 1,000,000)
generated distinct events, one mention each plus a second mention for one in ten (1.1 mentions per
event), in articles of about ten mentions each. Two groups of requests:

- filtered event queries: ``GET /api/events`` with an actor, a source and target, a dyad, a CAMEO root
  with a date range, a quad class with a status, words in the article (full text), an actor with a
  code and a year, a deep page (offset 500), oldest-first and most-conflictual sorts; 50 rows a page;
- the dyad chart: ``GET /api/dyads/A/B/chart`` per week, month and year, both directions, aggregated
  in SQL with GROUP BY bucket: for country-level dyads (SRB/KSV, USA/RUS, ALB/MKD) over the rollup
  that triggers keep, for the others (SRBGOV/KSVGOV, IGOEUREEC/SRB) over the events table's covering
  chart indexes. Both kinds are drawn in the mix and reported apart.

Each request kind runs ``--repeat`` times (default 25) with varied parameters (actors drawn from the
popular and the rare ends of the distribution), after a warm-up pass. Target: p95 < 100 ms for each
group. ``--check`` exits 1 on a missed target.

The generated world (fixed seed): 40 countries (SRB and KSV among the busiest) with 8 sectors each
plus 6 organisations, Zipf-distributed; CAMEO codes from the codebook, weighted towards statements
and consultations like real news; dates over 2005-2025 (85% to the day, 10% to the month, 5% to the
year); statuses 75% reported, 15% background, 5% planned, 3% negated, 2% hypothetical. Rows go
straight into the outlets, articles, events and mentions tables with SQLAlchemy Core executemany in
big transactions (after the store's migrations, so every index and trigger of migration 0004 is there
and the rollups fill as real coding would fill them; no ANALYZE, as in a real store). Built stores
are cached in ``--cache`` (default ``$TMPDIR/dragoman-api-bench``), keyed by size, seed, generator
version and a hash of the migrations; ``--rebuild`` forces a build.

Run it from the repository root::

    .venv/bin/python benchmarks/api_speed.py                   # 1M events (the first build takes minutes)
    .venv/bin/python benchmarks/api_speed.py --events 100000   # quicker
    .venv/bin/python benchmarks/api_speed.py --check --explain # exit 1 on a missed target; show query plans
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dragoman.events.codebook import codebook  # noqa: E402
from dragoman.store import open_store  # noqa: E402
from dragoman.store.schema import articles, events, mentions, outlets  # noqa: E402

GENERATOR_VERSION = 3
TARGET_MS = 100.0
COUNTRIES = [
    "SRB",
    "KSV",
    "USA",
    "RUS",
    "DEU",
    "FRA",
    "GBR",
    "ALB",
    "MKD",
    "MNE",
    "BIH",
    "HRV",
    "SVN",
    "GRC",
    "TUR",
    "CHN",
    "UKR",
    "HUN",
    "ROU",
    "BGR",
    "ITA",
    "AUT",
    "CHE",
    "ESP",
    "NLD",
    "BEL",
    "POL",
    "CZE",
    "SVK",
    "SWE",
    "NOR",
    "FIN",
    "DNK",
    "IRL",
    "PRT",
    "ISR",
    "IRN",
    "JPN",
    "IND",
    "BRA",
]
SECTORS = ["", "GOV", "MIL", "COP", "OPP", "LEG", "JUD", "CVL"]
ORGS = ["IGOEUREEC", "IGOWSTNAT", "IGOUNO", "IGOEUROSC", "NGOHRI", "IGOCOE"]
ROOT_WEIGHTS = {
    "01": 20,
    "02": 6,
    "03": 6,
    "04": 18,
    "05": 6,
    "06": 3,
    "07": 2,
    "08": 3,
    "09": 1,
    "10": 3,
    "11": 6,
    "12": 3,
    "13": 2,
    "14": 3,
    "15": 1,
    "16": 2,
    "17": 3,
    "18": 2,
    "19": 2,
    "20": 0.3,
}
STATUSES = [("reported", 75), ("background", 15), ("planned", 5), ("negated", 3), ("hypothetical", 2)]
NEWS_WORDS = (
    "talks agreement border police election minister dialogue sanctions tariff customs licence plates "
    "municipalities association energy bridge protest troops peacekeepers embassy visit summit treaty "
    "recognition passport court ruling parliament vote opposition ceasefire aid loan investment"
).split()


def vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """News words first, then generated ones; Zipf weights (rank^-1), so a few words are everywhere."""
    letters = "abcdefghijklmnoprstuvz"
    made = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(size)}
    words = NEWS_WORDS + sorted(made - set(NEWS_WORDS))
    return words, [1.0 / (rank + 1) for rank in range(len(words))]


START, DAYS = date(2005, 1, 1), 365 * 21


def actor_pool() -> tuple[list[str], list[float]]:
    """Every actor code with a Zipf weight; SRB and KSV codes are among the busiest."""
    codes = [c + s for c in COUNTRIES for s in SECTORS] + ORGS
    weights = []
    for code in codes:
        rank = COUNTRIES.index(code[:3]) + 1 if code[:3] in COUNTRIES else 8
        sector = SECTORS.index(code[3:]) if code[:3] in COUNTRIES else 2
        weights.append(1.0 / rank / (1 + sector * 0.6))
    return codes, weights


def build(path: Path, n_events: int, seed: int) -> None:
    """Generate the store at path (rows in bulk; the store's migrations create tables and indexes)."""
    rng = random.Random(seed)
    cb = codebook()
    codes_by_root: dict[str, list[str]] = {}
    for c in cb.codes:
        codes_by_root.setdefault(c[:2], []).append(c)
    roots, root_w = zip(*ROOT_WEIGHTS.items(), strict=True)
    actors, actor_w = actor_pool()
    statuses, status_w = zip(*STATUSES, strict=True)
    words, word_w = vocabulary(rng)
    word_cum = list(itertools.accumulate(word_w))
    actor_cum = list(itertools.accumulate(actor_w))
    root_cum = list(itertools.accumulate(root_w))
    status_cum = list(itertools.accumulate(status_w))
    store = open_store(str(path))
    engine = store.engine
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(
            outlets.insert(),
            [{"id": i, "domain": f"outlet{i}.example", "name": f"Outlet {i}"} for i in range(1, 51)],
        )
    per_article = 10
    batch = 50_000
    event_id = mention_id = 0
    article_id = 0
    with engine.begin() as conn:
        art_rows, ev_rows, m_rows = [], [], []
        sentences: list[tuple[int, int, int]] = []  # per article: (start, end) of each sentence
        text_parts: list[str] = []
        pos = 0

        def flush(final: bool = False) -> None:
            """Insert what is buffered (called between articles: every buffered mention's article is done)."""
            nonlocal art_rows, ev_rows, m_rows
            if len(ev_rows) >= batch or final:
                if art_rows:
                    conn.execute(articles.insert(), art_rows)
                if ev_rows:
                    conn.execute(events.insert(), ev_rows)
                if m_rows:
                    conn.execute(mentions.insert(), m_rows)
                art_rows, ev_rows, m_rows = [], [], []

        def new_article(day: date) -> None:
            nonlocal article_id, pos, text_parts, sentences
            if article_id and text_parts:
                close_article()
                flush()
            article_id += 1
            pos, text_parts, sentences = 0, [], []
            art_rows.append(
                {
                    "id": article_id,
                    "url": f"https://outlet{article_id % 50 + 1}.example/a/{article_id}",
                    "canonical_url": f"https://outlet{article_id % 50 + 1}.example/a/{article_id}",
                    "outlet_id": article_id % 50 + 1,
                    "title": " ".join(rng.choices(words, cum_weights=word_cum, k=6)).capitalize(),
                    "published": day.isoformat(),
                    "published_precision": "day",
                    "ingested": "2025-01-01T00:00:00+00:00",
                    "language": "en",
                    "text": "",
                    "content_hash": f"{article_id:064x}",
                    "copies": 0,
                    "coded_at": "2025-01-01T00:00:00+00:00",
                }
            )

        def close_article() -> None:
            art_rows[-1]["text"] = " ".join(text_parts)

        def sentence() -> tuple[int, int]:
            nonlocal pos
            s = " ".join(rng.choices(words, cum_weights=word_cum, k=12)).capitalize() + "."
            start = pos + (1 if text_parts else 0)
            text_parts.append(s)
            pos = start + len(s)
            return start, pos

        mentions_in_article = per_article
        for _ in range(n_events):
            event_id += 1
            r = rng.choices(roots, cum_weights=root_cum)[0]
            code = rng.choice(codes_by_root[r])
            info = cb.info(code)
            src, tgt = rng.choices(actors, cum_weights=actor_cum, k=2)
            if rng.random() < 0.08:
                tgt = None
            day = START + timedelta(days=rng.randrange(DAYS))
            p = rng.random()
            d, prec = (
                (day.isoformat(), "day")
                if p < 0.85
                else (day.isoformat()[:7], "month")
                if p < 0.95
                else (day.isoformat()[:4], "year")
            )
            status = rng.choices(statuses, cum_weights=status_cum)[0]
            n_m = 2 if rng.random() < 0.1 else 1
            ev_rows.append(
                {
                    "id": event_id,
                    "code": code,
                    "root": r,
                    "quad_class": info.quad_class,
                    "penta_class": info.penta_class,
                    "goldstein": info.goldstein,
                    "source_code": src,
                    "target_code": tgt,
                    "source_name": src,
                    "target_name": tgt,
                    "date": d,
                    "date_precision": prec,
                    "status": status,
                    "first_seen": "2025-01-01T00:00:00+00:00",
                    "n_mentions": n_m,
                    "n_articles": n_m,
                    "n_outlets": n_m,
                }
            )
            for _ in range(n_m):
                if mentions_in_article >= per_article:
                    new_article(day)
                    mentions_in_article = 0
                mentions_in_article += 1
                mention_id += 1
                s_start, s_end = sentence()
                m_rows.append(
                    {
                        "id": mention_id,
                        "event_id": event_id,
                        "article_id": article_id,
                        "sentence_index": mentions_in_article - 1,
                        "sentence_start": s_start,
                        "sentence_end": s_end,
                        "code": code,
                        "root": r,
                        "name": info.name,
                        "quad_class": info.quad_class,
                        "penta_class": info.penta_class,
                        "plover": info.plover,
                        "goldstein": info.goldstein,
                        "source_code": src,
                        "source_name": src,
                        "source_text": src,
                        "target_code": tgt,
                        "target_name": tgt,
                        "target_text": tgt,
                        "joint": False,
                        "trigger_text": "met",
                        "trigger_start": s_start,
                        "trigger_end": s_start + 3,
                        "date": d,
                        "date_precision": prec,
                        "status": status,
                        "confidence": round(rng.random(), 2),
                        "rule": f"verb:{code}",
                    }
                )
        close_article()
        flush(final=True)
    store.close()
    print(
        f"built {path.name}: {n_events:,} events, {mention_id:,} mentions, {article_id:,} articles "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def cached_store(n_events: int, seed: int, cache: Path, rebuild: bool) -> Path:
    h = hashlib.sha256()
    for p in sorted((ROOT / "src/dragoman/store/migrations/versions").glob("*.py")):
        h.update(p.read_bytes())
    path = cache / f"events-{n_events}-seed{seed}-v{GENERATOR_VERSION}-{h.hexdigest()[:10]}.db"
    if rebuild or not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".building")
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        build(tmp, n_events, seed)
        tmp.rename(path)
    return path


def serve(db: Path) -> tuple[str, subprocess.Popen]:
    """``dragoman serve`` on a free 127.0.0.1 port, in its own process (as in real use: a server in the
    benchmark's process would share its interpreter lock with the client)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DRAGOMAN_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "dragoman", "--db", str(db), "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/api/openapi.json", timeout=2).status_code == 200:
                return base, proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def event_queries(
    rng: random.Random, actors: list[str], weights: list[float], words: list[str]
) -> dict[str, callable]:
    busy = [a for a, _ in sorted(zip(actors, weights, strict=True), key=lambda x: -x[1])[:20]]
    rare = [a for a, _ in sorted(zip(actors, weights, strict=True), key=lambda x: x[1])[:60]]

    def pick() -> str:
        return rng.choice(busy if rng.random() < 0.6 else rare)

    def year() -> int:
        return rng.randrange(2005, 2026)

    return {
        "actor": lambda: {"actor": pick()},
        "source+target": lambda: {"source": pick(), "target": pick()},
        "dyad": lambda: {"dyad": f"{pick()},{pick()}"},
        "root+dates": lambda: {
            "root": rng.choice(["14", "17", "18", "19", "04"]),
            "since": f"{year()}-01-01",
            "until": f"{year()}-12-31",
        },
        "quad+status": lambda: {
            "quad_class": rng.randint(1, 4),
            "status": rng.choice(["reported", "planned"]),
        },
        "text": lambda: {"text": " ".join(rng.sample(words[10:400], rng.randint(1, 2)))},
        "actor+code+year": lambda: {
            "actor": pick(),
            "code": rng.choice(["04", "19", "01", "11"]),
            "since": str(year()),
            "until": str(year()),
        },
        "deep page": lambda: {"actor": rng.choice(busy), "offset": 500},
        "oldest first": lambda: {"actor": pick(), "sort": "date"},
        "most conflictual": lambda: {"code": rng.choice(["18", "19", "20"]), "sort": "goldstein"},
    }


def measure(client: httpx.Client, url: str, params_of, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        params = params_of()
        t = time.perf_counter()
        r = client.get(url, params=params)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url} {params}: HTTP {r.status_code} {r.text[:200]}")
    return times


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def explain(db: Path) -> None:
    """Print the statements a few representative requests run, with SQLite's plan of each."""
    from dragoman.store.event_query import EventQuery

    store = open_store(str(db))
    seen: list[tuple[str, object]] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cur, statement, params, ctx, many: seen.append((statement, params)))
    cases = [("events: actor SRB", lambda: store.web_events(EventQuery(actor="SRB"), 51)),
             ("events: rare dyad", lambda: store.web_events(EventQuery(dyad=("BRAJUD", "SRB")), 51)),
             ("events: text", lambda: store.web_events(EventQuery(text="border police"), 51)),
             ("chart: SRB → KSV per week (rollup)", lambda: store.goldstein_series("SRB", "KSV")),
             ("chart: SRBGOV → KSVGOV per week (events)", lambda: store.goldstein_series("SRBGOV", "KSVGOV"))]
    with store.engine.connect() as conn:
        for label, run in cases:
            seen.clear()
            run()
            print(f"-- {label}")
            for statement, params in list(seen):
                if "min(" in statement:
                    continue  # the index seeks that turn a prefix into a code list
                print("   ", " ".join(statement.split())[:150])
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params):
                    print("      ", row[-1])
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--events", type=int, default=1_000_000, help="generated distinct events (default 1,000,000)"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=25, help="requests per query kind")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dragoman-api-bench")
    ap.add_argument("--rebuild", action="store_true", help="build the store even if cached")
    ap.add_argument("--check", action="store_true", help="exit 1 when a p95 misses the target")
    ap.add_argument("--explain", action="store_true", help="print query plans")
    args = ap.parse_args()
    db = cached_store(args.events, args.seed, args.cache, args.rebuild)
    if args.explain:
        explain(db)
    base, server = serve(db)
    rng = random.Random(args.seed + 1)
    actors, weights = actor_pool()
    results: dict[str, dict[str, list[float]]] = {"filtered event queries": {}, "dyad chart": {}}
    with httpx.Client(base_url=base, timeout=60) as client:
        queries = event_queries(rng, actors, weights, vocabulary(random.Random(args.seed))[0])
        for params_of in queries.values():  # warm-up
            measure(client, "/api/events", params_of, 2)
        for name, params_of in queries.items():
            results["filtered event queries"][name] = measure(client, "/api/events", params_of, args.repeat)
        dyad_groups = {"countries": [("SRB", "KSV"), ("USA", "RUS"), ("ALB", "MKD"), ("KSV", "SRB")],
                       "codes": [("SRBGOV", "KSVGOV"), ("IGOEUREEC", "SRB"), ("SRB", "KSVGOV")]}
        for group, dyads in dyad_groups.items():
            for bin in ("week", "month", "year"):
                a, b = dyads[0]
                client.get(f"/api/dyads/{a}/{b}/chart", params={"bin": bin})  # warm-up
                times = []
                for _ in range(args.repeat):
                    a, b = rng.choice(dyads)
                    times += measure(client, f"/api/dyads/{a}/{b}/chart", lambda bin=bin: {"bin": bin}, 1)
                results["dyad chart"][f"{group}, per {bin}"] = times
    server.terminate()
    server.wait(10)
    size = os.path.getsize(db) / 1e6
    print(
        f"\nstore: {args.events:,} events ({size:,.0f} MB), {args.repeat} requests per kind, "
        f"real uvicorn on 127.0.0.1\n"
    )
    ok = True
    for group, kinds in results.items():
        print(f"{group}:")
        print(f"  {'kind':<24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for kind, times in kinds.items():
            print(f"  {kind:<24} {statistics.median(times):8.1f} {pct(times, 95):8.1f} {max(times):8.1f}")
        every = [t for times in kinds.values() for t in times]
        p95 = pct(every, 95)
        met = p95 < TARGET_MS
        ok &= met
        print(
            f"  {'all':<24} {statistics.median(every):8.1f} {p95:8.1f} {max(every):8.1f}   "
            f"target p95 < {TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}\n"
        )
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
