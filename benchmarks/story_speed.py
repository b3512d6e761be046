"""Time to assign a new article to a story, with 1k, 10k and 100k articles already in the store.

What it measures: ``dragoman.stories.cluster.assign_article(store, article_id)`` - one call per new
article, as ingestion/processing does - against SQLite stores holding ``--sizes`` (default 1,000,
10,000 and 100,000) generated articles, their term index and their stories. Per size it prints the
median, p95 and max milliseconds over ``--new`` (default 200) new articles, the ratio of medians
between sizes (sub-linear growth: 100x more articles must cost far less than 100x the time), and a
sanity check of the clustering: how many new articles joined an existing story or started one, and
whether the story they joined is mostly made of articles of the topic they were generated from (purity);
also the whole store's purity and story count before and after the run (story merges show there).

Beside wall time it reports the CPU time of each call (``time.process_time``) and a contention figure
(wall/CPU of a busy loop, 1.0 on an idle core): on a shared, loaded machine the wall figures stretch by
about that factor, while CPU time stays close to what an idle machine would show. The targets are
checked on wall time.

Targets: median < 50 ms at 100,000 articles (checked at every size up to 100,000), and sub-linear
growth: between the smallest and the largest size the median grows at most as the square root of the
store size (time ~ size^e with e < 0.5: under 10x from 1k to 100k).

The generated world (fixed seed): 2,000 story topics spread over three years (2022-2024), each with its
own key terms - two of 800 place names, three of 1,500 person names, four of 600 topic nouns: shared
pools, so each key term belongs to several topics - and two to four actor codes; articles of 80-200 words mix a topic's key terms with a shared,
Zipf-distributed background vocabulary (real news words plus generated words) and stop words. Topic
popularity is log-normal, so some stories are large. Each store is built directly with SQLAlchemy Core
(bulk executemany in big transactions), not through ``assign_article``: articles in chronological order
with the same term vectors the real code stores (``model.article_terms``/``weigh`` against the document
frequencies seen so far, then ``term_df`` updated with every term), one or more coded mentions each
(the actors clustering compares; processing codes an article before clustering it), and one story per
topic with its aggregates. Built stores are cached in ``--cache`` (default
``$TMPDIR/dragoman-story-bench``), keyed by size, seed, generator version and the hash of
``stories/terms.py`` and of the migrations, and copied before each measurement; ``--rebuild`` forces a build.

The new articles: 85% from topics present in the store, dated within their topic's lifetime; 15% from
topics the store has never seen. Each is inserted like ingestion does (a row in ``articles``) together
with its coded mentions, then assigned on its own call. Ten warm-up assignments run first and are not
counted. A second pass of 50 more articles times each store query of ``assign_article`` (by wrapping
the Store methods in this process; src is not touched), and ``--profile`` adds a cProfile of that pass.

Run it from the repository root::

    .venv/bin/python benchmarks/story_speed.py                          # 1k, 10k, 100k
    .venv/bin/python benchmarks/story_speed.py --sizes 1000 10000       # quicker
    .venv/bin/python benchmarks/story_speed.py --profile --check        # profile; exit 1 on a missed target
    .venv/bin/python benchmarks/story_speed.py --rebuild                # ignore cached stores
"""

from __future__ import annotations

import argparse
import bisect
import cProfile
import functools
import hashlib
import io
import json
import math
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from machine import contention  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "dragoman"
GEN_VERSION = 4
N_TOPICS = 2000
N_UNSEEN = 200  # topics reserved for new articles only
START = date(2022, 1, 1)
SPAN_DAYS = 3 * 365
TARGET_MEDIAN_MS = 50.0
TARGET_AT = 100_000
MAX_EXPONENT = 0.5  # sub-linear: the median may grow at most as the square root of the store size
BATCH = 5000
WARMUP = 10
STAGE_PASS = 50
FIXED_NOW = "2025-01-01T00:00:00+00:00"

NEWS_WORDS = """government minister official officials talks meeting security police army military troops forces
border ceasefire agreement deal sanctions election elections vote parliament president prime opposition party
leader leaders protest protests protesters crisis conflict war attack attacks killed wounded injured arrested
court judge trial charges investigation report statement spokesman spokeswoman ministry foreign defence
interior economy economic budget inflation prices energy gas oil pipeline trade exports imports market
markets bank banks debt loan aid humanitarian refugees migrants camp camps hospital health outbreak virus
vaccine water drought floods earthquake rescue village villages town towns city cities region regional
province capital district north south east west northern southern eastern western central coastal rural
negotiations negotiator mediators envoy ambassador embassy diplomats diplomatic summit visit delegation
cooperation treaty accord framework proposal plan reform reforms constitution referendum campaign rally
candidate candidates coalition cabinet resignation decree law laws bill rights freedom press journalists
media broadcaster newspaper television radio internet online social networks company companies workers
union strike strikes wages jobs unemployment growth investment investors project projects infrastructure
road railway airport port ships shipping fuel electricity power grid shortages supplies food grain wheat
harvest farmers land tensions dispute disputes clashes violence unrest curfew emergency evacuation shelling
drone drones missile missiles rocket rockets strike airstrike offensive operation operations withdrawal
deployment peacekeepers mission commander commanders soldiers militia militants rebels insurgents group
groups fighters hostages prisoners release released detained detention prison corruption fraud scandal
allegations evidence witnesses victims families residents citizens population community communities
""".split()
STOPS = ["the", "of", "and", "to", "in", "a", "on", "for", "with", "that", "was", "by", "at", "from", "is",
         "has", "have", "it", "its", "as", "an", "were", "after", "over", "their", "this", "which", "but"]
ONSETS = ["b", "br", "d", "dr", "g", "gr", "k", "kr", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v",
          "z", "sh", "ch", "h", "j", "f", "fl"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia"]
CODAS = ["", "", "", "n", "r", "l", "k", "m", "t", "v", "sk", "nd"]
COUNTRY_CODES = ["SRB", "KSV", "RUS", "UKR", "FRA", "DEU", "TUR", "IRN", "ISR", "EGY", "NGA", "KEN", "ETH",
                 "SDN", "IND", "PAK", "CHN", "JPN", "BRA", "MEX", "COL", "VEN", "POL", "HUN", "GEO", "ARM",
                 "AZE", "SYR", "LBN", "IRQ"]
SECTORS = ["", "GOV", "MIL", "COP", "OPP", "REB", "BUS", "CVL", "JUD", "MED"]


# -- the generated world -------------------------------------------------------------------------------

@dataclass
class Topic:
    """One story topic: its key terms, actors and lifetime."""

    id: int
    places: list[str]
    persons: list[str]
    nouns: list[str]
    codes: list[str]
    start: int  # day offset from START
    duration: int

    @property
    def keys(self) -> list[str]:
        return self.places + self.persons + self.nouns


@dataclass
class Spec:
    """One generated article."""

    topic: int
    published: str
    title: str
    text: str
    mentions: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def day(self) -> str:
        return self.published[:10]


def _pseudo_words(rng: random.Random, n: int, taken: set[str], capital: bool) -> list[str]:
    from dragoman.stories.terms import STOP

    out: list[str] = []
    while len(out) < n:
        w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3))) + rng.choice(CODAS)
        if w in taken or w in STOP or len(w) < 4 or w.endswith("s"):
            continue
        taken.add(w)
        out.append(w.capitalize() if capital else w)
    return out


class World:
    """Topics and vocabularies; everything derives from the seed."""

    def __init__(self, seed: int):
        rng = random.Random(f"world-{seed}")
        taken = set(NEWS_WORDS) | set(STOPS)
        self.background = NEWS_WORDS + _pseudo_words(rng, 3000, taken, capital=False)
        self.bg_cum = list(_cumulative([1.0 / (r + 1) for r in range(len(self.background))]))
        places = _pseudo_words(rng, 800, taken, capital=True)
        firsts = _pseudo_words(rng, 400, taken, capital=True)
        lasts = _pseudo_words(rng, 1500, taken, capital=True)
        nouns = _pseudo_words(rng, 600, taken, capital=False)
        people = sorted({f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(1500)})
        codes = [c + s for c in COUNTRY_CODES for s in SECTORS]
        self.topics: list[Topic] = []
        for i in range(N_TOPICS + N_UNSEEN):
            duration = rng.randint(5, 120)
            self.topics.append(Topic(
                id=i, places=rng.sample(places, 2),
                persons=rng.sample(people, 3),
                nouns=rng.sample(nouns, 4), codes=rng.sample(codes, rng.randint(2, 4)),
                start=rng.randint(0, SPAN_DAYS - duration), duration=duration))
        self.popularity = list(_cumulative([rng.lognormvariate(0.0, 1.0) for _ in range(N_TOPICS)]))

    def _background_word(self, rng: random.Random) -> str:
        i = bisect.bisect_left(self.bg_cum, rng.random() * self.bg_cum[-1])
        return self.background[min(i, len(self.background) - 1)]

    def _words(self, rng: random.Random, topic: Topic, n: int, key_share: float) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            r = rng.random()
            if r < 0.35:
                out.append(rng.choice(STOPS))
            elif r < 0.35 + key_share:
                out.extend(rng.choice(topic.keys).split())
            else:
                out.append(self._background_word(rng))
        return out

    def article(self, rng: random.Random, topic: Topic, day_offset: int | None = None) -> Spec:
        if day_offset is None:
            day_offset = topic.start + rng.randint(0, topic.duration)
        day = START + timedelta(days=day_offset)
        published = f"{day.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+00:00"
        title_words = [rng.choice(topic.places), rng.choice(topic.persons), rng.choice(topic.nouns)]
        title_words += [self._background_word(rng) for _ in range(rng.randint(3, 6))]
        rng.shuffle(title_words)
        title = " ".join(title_words)
        title = title[0].upper() + title[1:]
        words = self._words(rng, topic, rng.randint(80, 200), key_share=0.2)
        sentences: list[str] = []
        i = 0
        while i < len(words):
            n = rng.randint(10, 22)
            chunk = words[i:i + n]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
            i += n
        mentions: list[tuple[str, str | None]] = []
        for _ in range(rng.randint(1, 3)):
            src = rng.choice(topic.codes)
            others = [c for c in topic.codes if c != src]
            mentions.append((src, rng.choice(others) if others and rng.random() < 0.7 else None))
        return Spec(topic.id, published, title, " ".join(sentences), mentions)

    def corpus(self, size: int, seed: int) -> Iterator[Spec]:
        rng = random.Random(f"corpus-{seed}-{size}")
        for _ in range(size):
            i = bisect.bisect_left(self.popularity, rng.random() * self.popularity[-1])
            yield self.article(rng, self.topics[min(i, N_TOPICS - 1)])


def _cumulative(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


# -- building a store ----------------------------------------------------------------------------------

def cache_key(size: int, seed: int) -> str:
    h = hashlib.sha256()
    h.update(f"v{GEN_VERSION}-{seed}-{size}".encode())
    for name in ("stories/terms.py", "stories/entities.py", "stories/model.py", "data/stories.yaml"):
        h.update((SRC / name).read_bytes())
    for p in sorted((SRC / "store" / "migrations" / "versions").glob("*.py")):
        h.update(p.read_bytes())
    return f"stories-{size}-seed{seed}-{h.hexdigest()[:12]}"


def build_store(path: Path, size: int, seed: int, world: World) -> dict[str, Any]:
    """Fill a fresh store with `size` generated articles, their term index, mentions and stories."""
    from dragoman.store import open_store
    from dragoman.store.schema import article_terms, articles, mentions, stories, term_df
    from dragoman.store.stories import N_DOCS_KEY
    from dragoman.stories.model import ArticleInput, Params, add_to_centroid
    from dragoman.stories.model import article_terms as count_terms
    from dragoman.stories.terms import weigh

    params = Params.load()

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    specs = sorted(world.corpus(size, seed), key=lambda s: s.published)
    t_gen = time.perf_counter() - t0
    store = open_store(str(path))
    df: Counter[str] = Counter()
    n_docs = 0
    story_of_topic: dict[int, int] = {}
    story_rows: dict[int, dict[str, Any]] = {}
    story_actors: dict[int, Counter[str]] = defaultdict(Counter)
    story_dyads: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    story_centroid: dict[int, dict[str, float]] = defaultdict(dict)
    t_vec = 0.0
    n_terms = 0
    t1 = time.perf_counter()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA cache_size=-200000")
    for lo in range(0, len(specs), BATCH):
        art_rows: list[dict[str, Any]] = []
        term_rows: list[dict[str, Any]] = []
        mention_rows: list[dict[str, Any]] = []
        for aid, spec in enumerate(specs[lo:lo + BATCH], start=lo + 1):
            v0 = time.perf_counter()
            codes = [c for pair in spec.mentions for c in pair if c]
            counts = count_terms(ArticleInput(aid, spec.published, spec.title, spec.text, codes), params)
            vector = weigh(counts, df, n_docs)
            df.update(set(counts))
            n_docs += 1
            t_vec += time.perf_counter() - v0
            sid = story_of_topic.setdefault(spec.topic, len(story_of_topic) + 1)
            row = story_rows.setdefault(sid, {"id": sid, "title": spec.title, "first_seen": spec.published,
                                              "n_articles": 0, "topic": spec.topic, "first_id": aid})
            row["n_articles"] += 1
            row["last_seen"] = spec.published
            story_centroid[sid] = add_to_centroid(story_centroid[sid], vector, params)
            art_rows.append({"id": aid, "title": spec.title, "text": spec.text, "published": spec.published,
                             "published_precision": "minute", "ingested": FIXED_NOW, "language": "en",
                             "content_hash": hashlib.sha256(spec.text.encode()).hexdigest(),
                             "input_ref": f"bench:topic={spec.topic}", "coded_at": FIXED_NOW, "story_id": sid})
            term_rows.extend({"term": t, "article_id": aid, "weight": w, "day": spec.day} for t, w in vector.items())
            n_terms += len(vector)
            for s, t in spec.mentions:
                mention_rows.append(_mention_row(aid, s, t, spec.day))
                story_actors[sid].update(c for c in (s, t) if c)
                if t:
                    story_dyads[sid][(s, t)] += 1
        with store.engine.begin() as conn:
            conn.execute(articles.insert(), art_rows)
            conn.execute(article_terms.insert(), term_rows)
            conn.execute(mentions.insert(), mention_rows)
    with store.engine.begin() as conn:
        df_rows = [{"term": t, "df": c} for t, c in df.items()] + [{"term": N_DOCS_KEY, "df": n_docs}]
        conn.execute(term_df.insert(), df_rows)
        conn.execute(stories.insert(), [
            {"id": sid, "title": r["title"], "first_seen": r["first_seen"], "last_seen": r["last_seen"],
             "n_articles": r["n_articles"], "n_outlets": 0,
             "actors": [c for c, _ in story_actors[sid].most_common(8)],
             "dyads": [list(d) for d, _ in story_dyads[sid].most_common(5)], "updated": FIXED_NOW,
             # what clustering keeps up to date as articles join (migration 0005)
             "centroid": story_centroid[sid],
             "stats": {"actors": dict(story_actors[sid]), "outlets": {}, "title_key": [r["first_seen"], r["first_id"]],
                       "dyads": {f"{s} {t}": n for (s, t), n in story_dyads[sid].items()}}}
            for sid, r in story_rows.items()])
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    t_total = time.perf_counter() - t0
    sizes = sorted((r["n_articles"] for r in story_rows.values()), reverse=True)
    info = {"size": size, "seed": seed, "stories": len(story_rows), "terms_indexed": n_terms, "vocabulary": len(df),
            "largest_stories": sizes[:5], "median_story": statistics.median(sizes),
            "generate_s": t_gen, "vectors_s": t_vec, "insert_s": time.perf_counter() - t1 - t_vec,
            "build_s": t_total, "db_mb": path.stat().st_size / 2**20}
    Path(str(path) + ".json").write_text(json.dumps(info))
    return info


def _mention_row(article_id: int, source: str, target: str | None, day: str) -> dict[str, Any]:
    return {"article_id": article_id, "code": "040", "root": "04", "name": "Consult", "quad_class": 1,
            "penta_class": 1, "source_code": source, "source_country": source[:3], "target_code": target,
            "target_country": target[:3] if target else None, "date": day, "date_precision": "day",
            "status": "reported", "confidence": 0.9, "rule": "bench"}


def cached_store(cache: Path, size: int, seed: int, world: World, rebuild: bool) -> tuple[Path, dict[str, Any], bool]:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / (cache_key(size, seed) + ".db")
    meta = Path(str(path) + ".json")
    if not rebuild and path.exists() and meta.exists():
        return path, json.loads(meta.read_text()), False
    return path, build_store(path, size, seed, world), True


# -- measuring -----------------------------------------------------------------------------------------

def new_specs(world: World, seed: int, size: int, seen_topics: list[int], n: int) -> list[Spec]:
    rng = random.Random(f"new-{seed}-{size}")
    out = []
    for _ in range(n):
        if rng.random() < 0.85:
            topic = world.topics[rng.choice(seen_topics)]
        else:
            topic = world.topics[N_TOPICS + rng.randrange(N_UNSEEN)]
        out.append(world.article(rng, topic))
    return out


def insert_new(store: Any, spec: Spec) -> int:
    """Like ingestion: one article row (plus its coded mentions, as processing writes before clustering)."""
    from dragoman.store.schema import articles, mentions

    with store.engine.begin() as conn:
        aid = conn.execute(articles.insert().values(
            title=spec.title, text=spec.text, published=spec.published, published_precision="minute",
            ingested=FIXED_NOW, language="en", content_hash=hashlib.sha256(spec.text.encode()).hexdigest(),
            input_ref=f"bench:topic={spec.topic}", coded_at=FIXED_NOW)).inserted_primary_key[0]
        conn.execute(mentions.insert(), [_mention_row(aid, s, t, spec.day) for s, t in spec.mentions])
    return int(aid)


def _topic(input_ref: str) -> int:
    return int(input_ref.rsplit("=", 1)[1])


def story_topics(store: Any) -> dict[int, Counter[int]]:
    """The topics of each stored story's articles, counted."""
    from dragoman.store.schema import articles

    votes: dict[int, Counter[int]] = defaultdict(Counter)
    with store.engine.connect() as conn:
        for r in conn.execute(sa.select(articles.c.story_id, articles.c.input_ref)
                              .where(articles.c.story_id.is_not(None))):
            votes[r.story_id][_topic(r.input_ref)] += 1
    return votes


def store_purity(store: Any) -> tuple[float, int]:
    """(share of stored articles whose story's majority topic is their own, number of stories)."""
    votes = story_topics(store)
    total = sum(sum(c.values()) for c in votes.values())
    return sum(c.most_common(1)[0][1] for c in votes.values()) / total, len(votes)


def joined_topic(store: Any, story_id: int, article_id: int) -> tuple[int | None, int]:
    """(majority topic of the story's other articles, the story's size), read after an assignment."""
    from dragoman.store.schema import articles

    with store.engine.connect() as conn:
        refs = conn.execute(sa.select(articles.c.id, articles.c.input_ref)
                            .where(articles.c.story_id == story_id)).all()
    votes = Counter(_topic(r.input_ref) for r in refs if r.id != article_id)
    return (votes.most_common(1)[0][0] if votes else None), len(refs)


STORE_METHODS = ["article_for_story", "term_stats", "article_country_codes", "term_candidates", "stories_of",
                 "story_views", "index_article_terms", "merge_stories", "set_story", "new_story"]  # those absent from the Store in use are skipped


def _timed(fn: Callable[..., Any], acc: dict[str, list[float]], name: str) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            acc[name].append(time.perf_counter() - t0)

    return wrapper


def _short(path: str) -> str:
    """A profiled file's path from its package (dragoman/..., sqlalchemy/...)."""
    parts = Path(path).parts
    for anchor in ("site-packages", "src", "lib"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor):])
    return path


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(q * len(s)) - 1))]


def measure(path: Path, size: int, seed: int, world: World, n_new: int, profile: bool) -> dict[str, Any]:
    from dragoman.store import Store, open_store
    from dragoman.stories.cluster import assign_article

    work = Path(tempfile.mkdtemp(prefix="dragoman-story-run-"))
    db = work / "store.db"
    shutil.copyfile(path, db)
    result: dict[str, Any] = {"size": size}
    try:
        store = open_store(str(db))
        seen_topics = sorted({c.most_common(1)[0][0] for c in story_topics(store).values()})
        purity_before, stories_before = store_purity(store)
        specs = new_specs(world, seed, size, seen_topics, WARMUP + n_new + STAGE_PASS)
        for spec in specs[:WARMUP]:
            assign_article(store, insert_new(store, spec))
        times: list[float] = []
        cpu: list[float] = []
        calls: list[dict[str, Any]] = []
        outcome: Counter[str] = Counter()  # "seen|unseen" x "own|other|new"
        for spec in specs[WARMUP:WARMUP + n_new]:
            aid = insert_new(store, spec)
            t0, c0 = time.perf_counter(), time.process_time()
            a = assign_article(store, aid)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            assert a is not None
            topic, n_story = joined_topic(store, a.story_id, aid)  # after the clock: not timed
            calls.append({"ms": 1000 * times[-1], "cpu_ms": 1000 * cpu[-1], "new_story": a.new_story,
                          "story_articles": n_story, "score": round(a.score, 3)})
            kind = "seen" if spec.topic < N_TOPICS else "unseen"
            if a.new_story:
                outcome[f"{kind} new"] += 1
            else:
                outcome[f"{kind} {'own' if topic == spec.topic else 'other'}"] += 1
        purity_after, stories_after = store_purity(store)
        joined = sum(v for k, v in outcome.items() if not k.endswith("new"))
        right = outcome["seen own"] + outcome["unseen own"]
        ms = [1000 * t for t in times]
        result.update({"n": len(ms), "median_ms": statistics.median(ms), "p95_ms": pct(ms, 0.95),
                       "max_ms": max(ms), "mean_ms": statistics.fmean(ms), "cpu_median_ms": 1000 * statistics.median(cpu),
                       "cpu_p95_ms": 1000 * pct(cpu, 0.95), "joined": joined,
                       "new": outcome["seen new"] + outcome["unseen new"],
                       "purity": right / joined if joined else float("nan"), "outcome": dict(outcome),
                       "store_purity_before": purity_before, "store_purity_after": purity_after,
                       "stories_before": stories_before, "stories_after": stories_after,
                       "slowest": sorted(calls, key=lambda c: -c["ms"])[:3]})
        # a second pass with each store query timed; optionally under cProfile
        acc: dict[str, list[float]] = defaultdict(list)
        originals = {name: getattr(Store, name) for name in STORE_METHODS if hasattr(Store, name)}
        own = {name for name in originals if name in vars(Store)}  # defined on Store itself, not a mixin
        for name, fn in originals.items():
            setattr(Store, name, _timed(fn, acc, name))  # this process only; src is not touched
        prof = cProfile.Profile() if profile else None
        try:
            total: list[float] = []
            for spec in specs[WARMUP + n_new:]:
                aid = insert_new(store, spec)
                if prof:
                    prof.enable()
                t0 = time.perf_counter()
                assign_article(store, aid)
                total.append(time.perf_counter() - t0)
                if prof:
                    prof.disable()
        finally:
            for name, fn in originals.items():
                if name in own:
                    setattr(Store, name, fn)
                else:
                    delattr(Store, name)
        result["stage_pass"] = {"n": len(total), "median_ms": 1000 * statistics.median(total),
                                "stages": {k: {"calls": len(v), "median_ms": 1000 * statistics.median(v),
                                               "total_ms": 1000 * sum(v)} for k, v in acc.items()}}
        if prof:
            st = pstats.Stats(prof, stream=io.StringIO())
            raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = st.stats  # type: ignore[attr-defined]
            own, everything = [], []
            for (p, line, func), (_cc, nc, tt, ct, _c) in raw.items():
                where = f"{_short(p)}:{line}({func})" if p != "~" else func
                everything.append((tt, ct, nc, where))
                if p.startswith(str(SRC)) and func != "wrapper":
                    own.append((ct, tt, nc, where))
            result["profile"] = {"calls": len(total), "dragoman_by_cumulative": sorted(own, reverse=True)[:12],
                                 "all_by_own_time": sorted(everything, reverse=True)[:12]}
        result["plan"] = explain_candidates(store, specs[-1])
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def explain_candidates(store: Any, spec: Spec) -> list[str]:
    """SQLite's plan for the candidate query of one article (what dominates at large sizes)."""
    from dragoman.store.schema import article_terms

    q = (sa.select(article_terms.c.article_id, sa.func.max(article_terms.c.day).label("day"),
                   sa.func.sum(article_terms.c.weight).label("w"))
         .where(article_terms.c.term.in_(["a", "b"]), article_terms.c.day.between("2022-01-01", "2024-12-31"),
                article_terms.c.article_id != 1)
         .group_by(article_terms.c.article_id).order_by(sa.desc("w")).limit(30))
    sql = str(q.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        return [str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]


# -- main ----------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--new", type=int, default=200, help="new articles assigned and timed per size")
    parser.add_argument("--seed", type=int, default=20240311)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dragoman-story-bench")
    parser.add_argument("--rebuild", action="store_true", help="build the stores even when cached")
    parser.add_argument("--profile", action="store_true", help="cProfile the stage pass at each size")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON at the end")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    print(f"seed {args.seed}; {N_TOPICS} topics (+{N_UNSEEN} unseen); cache {args.cache}; "
          f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"contention (wall/CPU of a busy loop) {contention():.2f}")
    world = World(args.seed)
    results: list[dict[str, Any]] = []
    for size in sizes:
        t0 = time.perf_counter()
        path, info, built = cached_store(args.cache, size, args.seed, world, args.rebuild)
        how = (f"built in {info['build_s']:.1f} s (generate {info['generate_s']:.1f}, vectors "
               f"{info['vectors_s']:.1f}, insert {info['insert_s']:.1f})" if built else
               f"cached (first built in {info['build_s']:.1f} s), ready in {time.perf_counter() - t0:.1f} s")
        print(f"\nstore of {size} articles: {how}; {info['stories']} stories (largest {info['largest_stories']}, "
              f"median {info['median_story']}), {info['terms_indexed']} index rows, {info['vocabulary']} terms, "
              f"{info['db_mb']:.0f} MB", flush=True)
        before = contention()
        r = measure(path, size, args.seed, world, args.new, args.profile)
        r["contention"] = (before + contention()) / 2
        r["build"] = info
        r["built_now"] = built
        results.append(r)
        print(f"  assign_article over {r['n']} new articles: median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
              f"max {r['max_ms']:.1f} ms (mean {r['mean_ms']:.1f}); CPU time median {r['cpu_median_ms']:.1f} ms, "
              f"p95 {r['cpu_p95_ms']:.1f} ms; contention {r['contention']:.2f}")
        print("  slowest calls: " + "; ".join(
            f"{c['ms']:.0f} ms (CPU {c['cpu_ms']:.0f}) {'new story' if c['new_story'] else 'joined'} "
            f"of {c['story_articles']} articles" for c in r["slowest"]))
        o = Counter(r["outcome"])
        print(f"  joined an existing story {r['joined']}, started a new one {r['new']}; purity {r['purity']:.3f} "
              "(share of joins into a story whose other articles are mostly of the article's own topic)")
        print(f"    from topics in the store ({o['seen own'] + o['seen other'] + o['seen new']}): joined own topic's "
              f"story {o['seen own']}, another story {o['seen other']}, started a new one {o['seen new']}")
        print(f"    from unseen topics ({o['unseen own'] + o['unseen other'] + o['unseen new']}): started a story "
              f"{o['unseen new']}, joined one an earlier new article of its topic started {o['unseen own']}, "
              f"joined another {o['unseen other']}")
        print(f"    whole store: {r['stories_before']} stories before, {r['stories_after']} after (merges shrink "
              f"the count); articles in a story whose majority topic is theirs: {r['store_purity_before']:.3f} "
              f"before, {r['store_purity_after']:.3f} after")
        sp = r["stage_pass"]
        print(f"  store queries inside assign_article ({sp['n']} more articles, median {sp['median_ms']:.1f} ms):")
        for name, s in sorted(sp["stages"].items(), key=lambda kv: -kv[1]["total_ms"]):
            print(f"    {name:22}{s['calls']:5d} calls  median {s['median_ms']:7.2f} ms  total {s['total_ms']:8.1f} ms")
        if "profile" in r:
            pr = r["profile"]
            print(f"  cProfile of those {pr['calls']} calls; dragoman's functions by cumulative time "
                  "(cum s, own s, calls):")
            for ct, tt, nc, name in pr["dragoman_by_cumulative"]:
                print(f"    {ct:7.3f} {tt:7.3f} {nc:7d}  {name}")
            print("  all functions by own time (own s, cum s, calls):")
            for tt, ct, nc, name in pr["all_by_own_time"]:
                print(f"    {tt:7.3f} {ct:7.3f} {nc:7d}  {name}")
        print("  candidate query plan: " + " | ".join(r["plan"]), flush=True)
    print()
    print(f"{'articles':>10}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'CPU med':>9}{'x median':>10}{'x size':>8}"
          f"{'purity':>8}")
    base = results[0]
    for r in results:
        print(f"{r['size']:10d}{r['median_ms']:11.1f}{r['p95_ms']:9.1f}{r['max_ms']:9.1f}{r['cpu_median_ms']:9.1f}"
              f"{r['median_ms'] / base['median_ms']:10.2f}{r['size'] / base['size']:8.0f}{r['purity']:8.3f}")
    missed = []
    for r in results:
        if r["size"] <= TARGET_AT and r["median_ms"] >= TARGET_MEDIAN_MS:
            missed.append(f"median {r['median_ms']:.1f} ms at {r['size']} (target < {TARGET_MEDIAN_MS:.0f})")
    if len(results) > 1:
        last = results[-1]
        growth, scale = last["median_ms"] / base["median_ms"], last["size"] / base["size"]
        exponent = math.log(growth) / math.log(scale) if growth > 0 else 0.0
        cpu_growth = last["cpu_median_ms"] / base["cpu_median_ms"]
        print(f"growth {base['size']} -> {last['size']}: median x{growth:.2f} for x{scale:.0f} articles, i.e. "
              f"time ~ size^{exponent:.2f} (sub-linear target: exponent < {MAX_EXPONENT}, x{scale ** MAX_EXPONENT:.1f}); "
              f"CPU time x{cpu_growth:.2f}")
        if exponent >= MAX_EXPONENT:
            missed.append(f"median grew x{growth:.2f} for x{scale:.0f} articles (size^{exponent:.2f})")
    if TARGET_AT in {r["size"] for r in results}:
        r = next(r for r in results if r["size"] == TARGET_AT)
        print(f"median at {TARGET_AT}: {r['median_ms']:.1f} ms (target < {TARGET_MEDIAN_MS:.0f})")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
