"""Speed and memory of ``dragoman extract`` against bare spaCy on the same generated news articles.

What it measures, in one run, over ``--docs`` (default 2,000) generated article-length English news
documents (350-700 words each, political news from templates, fixed seed):

* speed: documents per second of dragoman's extraction stream,
  ``Extractor().extract_stream(InputDoc(text=t, published="2024-03-11") for t in texts)`` (what
  ``dragoman extract`` runs per document, without writing JSON), against bare
  ``nlp.pipe(texts, batch_size=16)`` of the very same spaCy pipeline (``dragoman.nlp.pipeline.load()``)
  over the same texts. Both are warmed up on 50 documents first. Then ``--repeat`` (default 2) timed
  passes run over all documents; within a pass the two sides are interleaved in chunks of ``--chunk``
  (default 100) documents, alternating which goes first, so that load from other processes on a shared
  machine falls on both alike. Each side's time is summed over its chunks and the best (lowest) pass
  counts. Wall time is the figure; CPU time of the process (``time.process_time``) is reported beside
  it as a cross-check that is robust to other load. The JSON serialisation the CLI does
  (``json.dumps(x.doc.to_dict(), ensure_ascii=False)``) is timed separately inside the dragoman side and
  reported as a third figure, "dragoman + JSON". Target: dragoman / spaCy >= 0.75 (documents per
  second by wall time, without JSON). A contention figure (wall/CPU of a busy loop; 1.0 on an idle
  core) is printed at the start and after each pass.
* where dragoman's own time goes, over the first 200 documents: wall time per stage (``_prepare``,
  ``detect_language``, ``ArticleResolver.prime``, ``tag_times``, ``find_quotes``, ``code_doc``; each
  stage function wrapped with a timer in this process only, src untouched; the rest is spaCy's pipe),
  then a cProfile pass listing the top 10 functions of dragoman's own code by cumulative time. cProfile
  inflates pure-Python code relative to spaCy's compiled code, so read its figures as a ranking.
  ``--no-profile`` skips both.
* memory: a subprocess streams ``--memory-docs`` (default 5,000) generated documents through ``extract_stream`` (serialising each
  to JSON as the CLI does) and samples its own RSS (psutil) every 250 documents; prints the peak RSS
  (the largest sample, and the OS high-water mark ``ru_maxrss``), RSS at 1k/2k/3k/4k/5k documents and
  the growth from document 1,000 to 5,000, and the largest rise of any later sample above the RSS at
  document 1,000 (the last sample, taken as the stream ends, can be lower: spaCy's batch buffers are
  gone by then). Targets: peak < 1024 MB, and flat: neither figure above 50 MB.

Run it from the repository root::

    .venv/bin/python benchmarks/extract_speed.py                 # speed, profile, then memory
    .venv/bin/python benchmarks/extract_speed.py --docs 500 --repeat 1 --no-memory   # quick look
    .venv/bin/python benchmarks/extract_speed.py --memory        # memory only
    .venv/bin/python benchmarks/extract_speed.py --check         # exit 1 when a target is missed
    .venv/bin/python benchmarks/extract_speed.py --json          # every figure as one JSON object at the end

Every figure is reproducible: the documents come from ``random.Random(--seed)`` (default 20240311).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import json
import os
import pstats
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from machine import contention  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "dragoman"
TARGET_RATIO = 0.75
TARGET_PEAK_MB = 1024.0
TARGET_GROWTH_MB = 50.0
PUBLISHED = "2024-03-11"
WARMUP = 50
PROFILE_DOCS = 200
MEMORY_DOCS = 5000
SAMPLE_EVERY = 250
BATCH_SIZE = 16

# -- generated news ------------------------------------------------------------------------------------

COUNTRIES = [  # (name, adjective, capital)
    ("Serbia", "Serbian", "Belgrade"), ("Kosovo", "Kosovan", "Pristina"), ("Russia", "Russian", "Moscow"),
    ("Ukraine", "Ukrainian", "Kyiv"), ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Turkey", "Turkish", "Ankara"), ("Iran", "Iranian", "Tehran"), ("Israel", "Israeli", "Jerusalem"),
    ("Egypt", "Egyptian", "Cairo"), ("Nigeria", "Nigerian", "Abuja"), ("Kenya", "Kenyan", "Nairobi"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"), ("Sudan", "Sudanese", "Khartoum"), ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"), ("China", "Chinese", "Beijing"), ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"), ("Mexico", "Mexican", "Mexico City"), ("Colombia", "Colombian", "Bogota"),
    ("Venezuela", "Venezuelan", "Caracas"), ("Poland", "Polish", "Warsaw"), ("Hungary", "Hungarian", "Budapest"),
    ("Georgia", "Georgian", "Tbilisi"), ("Armenia", "Armenian", "Yerevan"), ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Syria", "Syrian", "Damascus"), ("Lebanon", "Lebanese", "Beirut"), ("Iraq", "Iraqi", "Baghdad"),
]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister",
         "Finance Minister", "opposition leader", "Justice Minister", "army chief", "central bank governor"]
FIRST = ["Marek", "Ilona", "Tomas", "Amara", "Dariusz", "Selin", "Kofi", "Farida", "Lucas", "Mirela", "Oren",
         "Nadia", "Rustam", "Yuki", "Pedro", "Aisha", "Viktor", "Leila", "Jonas", "Zeynep", "Bongani", "Ravi",
         "Elena", "Hamid", "Sofia", "Anton", "Grace", "Omar", "Katarina", "Malik"]
LAST = ["Dolenko", "Varga", "Okafor", "Brennik", "Castellano", "Haddad", "Marinovic", "Tanaka", "Osei", "Kowal",
        "Rahimi", "Petrak", "Lindqvist", "Abebe", "Moreau", "Sato", "Demir", "Nwosu", "Volkov", "Halloran",
        "Mensah", "Qureshi", "Albescu", "Ferreira", "Ivanic", "Karimov", "Lewandowska", "Mbeki", "Salas", "Toth"]
ORGS = ["the United Nations", "NATO", "the European Union", "the African Union", "the World Bank",
        "the International Monetary Fund", "the Red Cross", "the OSCE", "the Arab League", "Amnesty International",
        "the UN Security Council", "the European Commission", "Human Rights Watch", "the World Health Organization"]
GROUPS = ["protesters", "rebels", "police", "troops", "militants", "security forces", "striking workers",
          "students", "farmers", "opposition supporters", "border guards", "separatist fighters"]
PLACES = ["Geneva", "Brussels", "Vienna", "Istanbul", "Doha", "the capital", "the border town of Mitrovica",
          "the port city of Odesa", "a village near Aleppo", "the northern province", "Lagos", "Mombasa",
          "Kharkiv", "the disputed region", "Strasbourg", "New York", "Addis Ababa", "the Gaza Strip"]
TOPICS = ["a ceasefire", "the peace plan", "new sanctions", "the trade agreement", "the gas deal",
          "prisoner exchanges", "border demarcation", "the election results", "the aid corridor",
          "the nuclear programme", "visa liberalisation", "the water-sharing treaty", "debt relief",
          "the constitutional reform", "the refugee crisis", "military cooperation"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ADVERBS = ["sharply", "publicly", "again", "repeatedly", "strongly", "openly"]
BACKGROUND = [
    "{c} declared independence in {y}.", "{c} joined {o} in {y}.", "The two countries fought a war in {y}.",
    "Relations between {c} and {c2} have been tense since {y}.", "{c} has been under sanctions since {y}.",
    "More than {n},000 people were killed in the conflict that ended in {y}.",
    "The last round of talks collapsed in {y} after {n} days.", "{c} and {c2} restored diplomatic ties in {y}.",
    "{o} has kept a mission in {c} since {y}.", "Elections in {c} are due in {y2}.",
]


class NewsGenerator:
    """Deterministic political-news articles; the same seed gives the same documents."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        r = self.rng
        self.people: list[tuple[str, str, str]] = []  # (full name, role, country adjective)
        for _ in range(240):
            _, adj, _ = r.choice(COUNTRIES)
            self.people.append((f"{r.choice(FIRST)} {r.choice(LAST)}", r.choice(ROLES), adj))

    def _date(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.45:
            return f"on {r.choice(WEEKDAYS)}"
        if k < 0.7:
            return f"on {r.randint(1, 28)} {r.choice(MONTHS)} {r.choice([2023, 2024])}"
        return r.choice(["last week", "yesterday", "earlier this month", "last month", "on Sunday night",
                         "next week", "later this year", "in January"])

    def _actor(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.45:
            name, role, adj = r.choice(self.people)
            return f"{adj} {role} {name}"
        if k < 0.65:
            return r.choice(COUNTRIES)[0]
        if k < 0.85:
            return r.choice(ORGS)
        return f"{r.choice(COUNTRIES)[1]} {r.choice(GROUPS)}"

    def _speaker(self) -> tuple[str, str]:
        name, role, adj = self.rng.choice(self.people)
        return f"{adj} {role} {name}", name.split()[-1]

    def _quote(self) -> str:
        r = self.rng
        said = r.choice(["said", "told reporters", "said in a statement", "told state television", "added"])
        body = r.choice([
            f"We will not accept {r.choice(TOPICS)} under these conditions",
            f"This is a dangerous escalation and {r.choice(COUNTRIES)[0]} bears full responsibility",
            "Our door remains open to dialogue, but patience is running out",
            f"We expect {r.choice(ORGS)} to act without delay",
            f"The talks were constructive and we agreed to meet again {self._date()}",
            f"Nobody should be surprised by what happened in {r.choice(PLACES)}",
            f"We are ready to sign {r.choice(TOPICS)} as soon as the other side is",
        ])
        k = r.random()
        if k < 0.5:
            pron = r.choice(["he", "she"])
            return f"\u201c{body},\u201d {pron} {said}."
        full, last = self._speaker()
        if k < 0.8:
            return f"\u201c{body},\u201d {full} {said}."
        return f"{last} {said} that {body[0].lower()}{body[1:]}."

    def _event(self) -> str:
        r = self.rng
        a, b = self._actor(), self._actor()
        d, p, t = self._date(), r.choice(PLACES), r.choice(TOPICS)
        return r.choice([
            f"{a} met {b} in {p} {d} to discuss {t}.",
            f"{a} {r.choice(ADVERBS)} criticised {b} over {t} {d}.",
            f"{a} urged {b} to return to talks on {t}.",
            f"{a} and {b} signed {t} in {p} {d}.",
            f"Police arrested {r.randint(3, 90)} {r.choice(GROUPS)} in {p} {d}.",
            f"{r.choice(GROUPS).capitalize()} attacked a convoy near {p} {d}, killing {r.randint(2, 40)} people.",
            f"{a} said {d} that {b} had violated {t}.",
            f"{a} agreed with {b} to extend {t} for another {r.randint(2, 12)} months.",
            f"{a} will meet {b} in {p} {d}.",
            f"{a} accused {b} of obstructing {t}.",
            f"{a} threatened to impose sanctions on {b} {d}.",
            f"{a} expelled {r.randint(2, 9)} diplomats from {b} {d}.",
            f"{a} offered humanitarian aid to {b} after the floods in {p}.",
            f"{a} rejected {b}'s proposal on {t} {d}.",
            f"Thousands of {r.choice(GROUPS)} marched through {p} {d} demanding {t}.",
            f"{a} called on {b} to release the detained journalists.",
            f"{a} praised {b} for its role in {t}.",
            f"{a} denied that it had sent troops to {p}.",
        ])

    def _background(self) -> str:
        r = self.rng
        c, c2 = r.sample(COUNTRIES, 2)
        return r.choice(BACKGROUND).format(c=c[0], c2=c2[0], o=r.choice(ORGS), y=r.randint(1991, 2022),
                                           y2=r.randint(2025, 2027), n=r.randint(2, 90))

    def _sentence(self) -> str:
        k = self.rng.random()
        s = self._event() if k < 0.55 else self._quote() if k < 0.8 else self._background()
        return s[0].upper() + s[1:]

    def article(self) -> str:
        """350-700 words: paragraphs of 2-4 sentences until a drawn length is reached."""
        r = self.rng
        target = r.randint(350, 675)
        paragraphs: list[str] = []
        words = 0
        while words < target:
            para: list[str] = []
            for _ in range(r.randint(2, 4)):
                para.append(self._sentence())
                words += len(para[-1].split())
                if words >= target:
                    break
            paragraphs.append(" ".join(para))
        return "\n\n".join(paragraphs)


def generate(n: int, seed: int) -> list[str]:
    gen = NewsGenerator(seed)
    return [gen.article() for _ in range(n)]


def iter_generated(n: int, seed: int) -> Iterator[str]:
    gen = NewsGenerator(seed)
    for _ in range(n):
        yield gen.article()


# -- speed ---------------------------------------------------------------------------------------------

def inputs(texts: Iterable[str]) -> Iterator[Any]:
    from dragoman.extract import InputDoc

    for t in texts:
        yield InputDoc(text=t, published=PUBLISHED)


@dataclass
class Clock:
    """Wall and CPU seconds (CPU: this process, all threads) accumulated over timed sections."""

    wall: float = 0.0
    cpu: float = 0.0

    def add(self, wall: float, cpu: float) -> None:
        self.wall += wall
        self.cpu += cpu


def run_spacy(nlp: Any, texts: list[str], clock: Clock) -> None:
    w0, c0 = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    clock.add(time.perf_counter() - w0, time.process_time() - c0)


def run_dragoman(ex: Any, texts: list[str], clock: Clock, json_clock: Clock) -> tuple[int, int]:
    """Time extraction into `clock` and the JSON serialisation into `json_clock`: (events, errored docs)."""
    events = errors = 0
    w_json = c_json = 0.0
    w0, c0 = time.perf_counter(), time.process_time()
    for x in ex.extract_stream(inputs(texts)):
        events += len(x.doc.events)
        errors += x.doc.error is not None
        jw, jc = time.perf_counter(), time.process_time()
        json.dumps(x.doc.to_dict(), ensure_ascii=False)
        w_json += time.perf_counter() - jw
        c_json += time.process_time() - jc
    clock.add(time.perf_counter() - w0 - w_json, time.process_time() - c0 - c_json)
    json_clock.add(w_json, c_json)
    return events, errors


def timed_pass(nlp: Any, ex: Any, texts: list[str], chunk: int) -> tuple[Clock, Clock, Clock, int, int]:
    """One pass over all texts, the two sides interleaved chunk by chunk (alternating which goes first),
    so that load from other processes falls on both alike: (spaCy, dragoman, JSON, events, errors)."""
    sp, dr, js = Clock(), Clock(), Clock()
    events = errors = 0
    gc.collect()
    for k, lo in enumerate(range(0, len(texts), chunk)):
        part = texts[lo:lo + chunk]
        if k % 2 == 0:
            run_spacy(nlp, part, sp)
        e, r = run_dragoman(ex, part, dr, js)
        if k % 2 == 1:
            run_spacy(nlp, part, sp)
        events, errors = events + e, errors + r
    return sp, dr, js, events, errors


STAGES = [  # (label, module, attribute): wrapped with a timer in this process only (src is not touched)
    ("_prepare (text format, dates)", "dragoman.extract", "_prepare"),
    ("detect_language", "dragoman.extract", "detect_language"),
    ("ArticleResolver.prime", "dragoman.actors.resolver", "ArticleResolver.prime"),
    ("tag_times", "dragoman.nlp.times", "tag_times"),
    ("find_quotes", "dragoman.nlp.quotes", "find_quotes"),
    ("_background_sentences", "dragoman.extract", "_background_sentences"),
    ("code_doc", "dragoman.extract", "code_doc"),
]


def _timed(fn: Callable[..., Any], acc: dict[str, float], label: str) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*a, **kw)
        finally:
            acc[label] += time.perf_counter() - t0

    return wrapper


def stage_times(ex: Any, texts: list[str]) -> dict[str, Any]:
    """Wall time per stage of extract_stream, by wrapping each stage function with a timer."""
    import importlib

    acc: dict[str, float] = {label: 0.0 for label, _, _ in STAGES}
    undo: list[tuple[Any, str, Any]] = []
    for label, module, attr in STAGES:
        owner: Any = importlib.import_module(module)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        fn = getattr(owner, name, None) if owner is not None else None
        if fn is None:
            acc.pop(label)
            continue
        undo.append((owner, name, fn))
        setattr(owner, name, _timed(fn, acc, label))
    try:
        gc.collect()
        t0 = time.perf_counter()
        for _x in ex.extract_stream(inputs(texts)):
            pass
        total = time.perf_counter() - t0
    finally:
        for owner, name, fn in reversed(undo):
            setattr(owner, name, fn)
    rows = [{"stage": k, "s": v, "share": v / total} for k, v in acc.items()]
    rest = total - sum(acc.values())
    rows.append({"stage": "rest: spaCy nlp.pipe and the loop", "s": rest, "share": rest / total})
    return {"docs": len(texts), "total_s": total, "stages": rows}


def profile(ex: Any, texts: list[str]) -> dict[str, Any]:
    """cProfile of extract_stream: dragoman's own functions by cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    t0 = time.perf_counter()
    for _x in ex.extract_stream(inputs(texts)):
        pass
    total = time.perf_counter() - t0
    prof.disable()
    st = pstats.Stats(prof, stream=io.StringIO())
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = st.stats  # type: ignore[attr-defined]
    src = str(SRC)
    own = []
    for (path, line, func), (_cc, nc, tt, ct, _callers) in raw.items():
        if path.startswith(src):
            own.append({"function": f"{Path(path).relative_to(SRC.parent)}:{line}({func})", "calls": nc,
                        "tottime_s": tt, "cumtime_s": ct})
    own.sort(key=lambda r: -r["cumtime_s"])
    skip = tuple(f"({s})" for s in ("extract_stream", "prepared", "wrapper"))  # the stream: ~100% by construction
    top = [r for r in own if not r["function"].endswith(skip)][:10]
    spacy_ct = sum(v[3] for (p, _ln, f), v in raw.items() if f == "pipe" and p.endswith("spacy/language.py"))
    return {"docs": len(texts), "total_s": total, "spacy_pipe_s": spacy_ct, "top": top}


def real_texts(n: int) -> list[str]:
    """Real news: the TempEval-3 articles (TimeBank + AQUAINT) and the background-summaries updates grouped five
    to a document, from ../shared/data; cycled to n documents."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from evaluation.times import find_files, read_timeml

    data = Path(__file__).resolve().parents[2] / "shared" / "data"
    texts = [read_timeml(p).text for p in find_files(data / "tempeval3")]
    for event in sorted((data / "background-summaries").glob("*/annotator1.tsv")):
        import csv

        with event.open(encoding="utf-8") as fh:
            updates = [row[1].strip('" ') for row in csv.reader(fh, delimiter="\t") if len(row) > 1][1:]
        texts += [" ".join(updates[i:i + 5]) for i in range(0, len(updates), 5)]
    texts = [t for t in texts if len(t.split()) >= 40]
    return [texts[i % len(texts)] for i in range(n)] if texts else []


def speed(args: argparse.Namespace) -> dict[str, Any]:
    from dragoman.extract import Extractor
    from dragoman.nlp.pipeline import load

    t0 = time.perf_counter()
    texts = real_texts(args.docs) if args.real else generate(args.docs, args.seed)
    if args.real and not texts:
        print("skipped: no real news text in ../shared/data")
        return {"ratio": 1.0, "skipped": True}
    gen_s = time.perf_counter() - t0
    n_words = sum(len(t.split()) for t in texts)
    print(f"{'real news' if args.real else 'generated'}: {len(texts)} documents, {n_words} words "
          f"({n_words / len(texts):.0f} per document, "
          f"min {min(len(t.split()) for t in texts)}, max {max(len(t.split()) for t in texts)}) "
          f"in {gen_s:.1f} s; seed {args.seed}")
    nlp = load()
    ex = Extractor()
    assert ex.nlp is nlp, "Extractor and load() should share the process-wide pipeline"
    print(f"pipeline: {nlp.meta.get('name')} {nlp.meta.get('version')}; components {nlp.pipe_names}")
    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"contention (wall/CPU of a busy loop) {contention():.2f}")
    warm = real_texts(WARMUP) if args.real else generate(WARMUP, args.seed + 1)
    timed_pass(nlp, ex, warm, args.chunk)
    runs: list[tuple[Clock, Clock, Clock]] = []
    events = errors = 0
    print(f"{args.repeat} timed passes over {len(texts)} documents, interleaved in chunks of {args.chunk}:")
    for i in range(args.repeat):
        sp_c, dr_c, js_c, events, errors = timed_pass(nlp, ex, texts, args.chunk)
        runs.append((sp_c, dr_c, js_c))
        print(f"  pass {i + 1}: spaCy {sp_c.wall:.1f} s (CPU {sp_c.cpu:.1f}), dragoman {dr_c.wall:.1f} s "
              f"(CPU {dr_c.cpu:.1f}), JSON {js_c.wall:.2f} s; load average {os.getloadavg()[0]:.2f}, "
              f"contention {contention():.2f}", flush=True)
    n = len(texts)
    best = {
        "spacy": (min(r[0].wall for r in runs), min(r[0].cpu for r in runs)),
        "dragoman": (min(r[1].wall for r in runs), min(r[1].cpu for r in runs)),
        "dragoman_json": (min(r[1].wall + r[2].wall for r in runs), min(r[1].cpu + r[2].cpu for r in runs)),
    }
    rate = {k: (n / w, n / c) for k, (w, c) in best.items()}
    ratio = rate["dragoman"][0] / rate["spacy"][0]
    ratio_cpu = rate["dragoman"][1] / rate["spacy"][1]
    print()
    print(f"{'':24}{'docs/s':>9}{'words/s':>9}{'best s':>9}{'CPU docs/s':>12}{'CPU s':>8}")
    for key, label in (("spacy", "bare spaCy nlp.pipe"), ("dragoman", "dragoman extract_stream"),
                       ("dragoman_json", "dragoman + JSON")):
        (w, c), (rw, rc) = best[key], rate[key]
        print(f"{label:24}{rw:9.2f}{rw * n_words / n:9.0f}{w:9.1f}{rc:12.2f}{c:8.1f}")
    print(f"dragoman found {events} events in {n} documents; {errors} documents with an error")
    print(f"ratio dragoman/spaCy {ratio:.3f} (target >= {TARGET_RATIO}); with JSON "
          f"{rate['dragoman_json'][0] / rate['spacy'][0]:.3f}; by CPU time {ratio_cpu:.3f} "
          f"(with JSON {rate['dragoman_json'][1] / rate['spacy'][1]:.3f})")
    result: dict[str, Any] = {
        "docs": n, "words": n_words, "seed": args.seed, "repeat": args.repeat, "chunk": args.chunk,
        "runs": [{"spacy": vars(a), "dragoman": vars(b), "json": vars(c)} for a, b, c in runs],
        "spacy_docs_per_s": rate["spacy"][0], "dragoman_docs_per_s": rate["dragoman"][0],
        "dragoman_json_docs_per_s": rate["dragoman_json"][0], "ratio": ratio,
        "ratio_with_json": rate["dragoman_json"][0] / rate["spacy"][0], "ratio_cpu": ratio_cpu,
        "events": events, "errors": errors,
    }
    overhead_ms = 1000 * (best["dragoman"][0] - best["spacy"][0]) / n
    overhead_cpu_ms = 1000 * (best["dragoman"][1] - best["spacy"][1]) / n
    print(f"dragoman's time beyond spaCy: {overhead_ms:.1f} ms per document (CPU {overhead_cpu_ms:.1f} ms)")
    result["overhead_ms_per_doc"] = overhead_ms
    result["overhead_cpu_ms_per_doc"] = overhead_cpu_ms
    if args.profile:
        docs = texts[:PROFILE_DOCS]
        stages = stage_times(ex, docs)
        print()
        print(f"stages of extract_stream over {stages['docs']} documents ({stages['total_s']:.1f} s, "
              "each stage function wrapped with a timer):")
        print(f"  {'stage':36}{'s':>8}{'ms/doc':>8}{'share':>8}")
        for r in stages["stages"]:
            print(f"  {r['stage']:36}{r['s']:8.2f}{1000 * r['s'] / stages['docs']:8.1f}{r['share']:8.1%}")
        prof = profile(ex, docs)
        print(f"cProfile of the same {prof['docs']} documents: {prof['total_s']:.1f} s under the profiler "
              f"(spaCy's pipe {prof['spacy_pipe_s']:.1f} s of it; the profiler inflates Python code, not spaCy's)")
        print("  top 10 of dragoman's own functions by cumulative time:")
        print(f"  {'cum s':>7}{'own s':>7}{'calls':>9}  function")
        for r in prof["top"]:
            print(f"  {r['cumtime_s']:7.2f}{r['tottime_s']:7.2f}{r['calls']:9d}  {r['function']}")
        result["stages"] = stages
        result["profile"] = prof
    return result


# -- memory --------------------------------------------------------------------------------------------

def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def memory_child(n: int, seed: int) -> int:
    """Runs in the subprocess: stream n documents, print one JSON line per sample."""
    from dragoman.extract import Extractor

    ex = Extractor()
    print(json.dumps({"docs": 0, "rss_mb": rss_mb()}), flush=True)
    done = 0
    t0 = time.perf_counter()
    for x in ex.extract_stream(inputs(iter_generated(n, seed))):
        json.dumps(x.doc.to_dict(), ensure_ascii=False)
        done += 1
        if done % SAMPLE_EVERY == 0:
            print(json.dumps({"docs": done, "rss_mb": rss_mb(), "s": time.perf_counter() - t0}), flush=True)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(json.dumps({"done": done, "maxrss_mb": maxrss_mb}), flush=True)
    return 0


def memory(args: argparse.Namespace) -> dict[str, Any]:
    total = args.memory_docs
    ref = 1000 if total >= 2000 else SAMPLE_EVERY  # the RSS the rest is compared with
    cmd = [sys.executable, str(Path(__file__).resolve()), "--memory-child", str(total), "--seed", str(args.seed)]
    print(f"memory: streaming {total} documents in a subprocess, RSS sampled every {SAMPLE_EVERY}")
    samples: list[dict[str, float]] = []
    maxrss = 0.0
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            rec = json.loads(line)
            if "maxrss_mb" in rec:
                maxrss = rec["maxrss_mb"]
            else:
                samples.append(rec)
                if rec["docs"] and rec["docs"] % 1000 == 0:
                    print(f"  {int(rec['docs']):5d} docs  RSS {rec['rss_mb']:7.1f} MB  ({rec['s']:.0f} s)", flush=True)
    if proc.returncode != 0:
        raise SystemExit(f"memory subprocess failed with exit code {proc.returncode}")
    by_docs = {int(s["docs"]): s["rss_mb"] for s in samples}
    last = max(by_docs)
    peak_sample = max(s["rss_mb"] for s in samples)
    peak = max(peak_sample, maxrss)
    growth = by_docs[last] - by_docs[ref]
    drift = max(v for k, v in by_docs.items() if k >= ref) - by_docs[ref]
    marks = [k for k in range(1000, last + 1, 1000) if k in by_docs] or sorted(k for k in by_docs if k)
    print(f"RSS after loading: {by_docs[0]:.1f} MB; at " + "/".join(f"{k / 1000:g}k" for k in marks) + " docs: "
          + " / ".join(f"{by_docs[k]:.1f}" for k in marks) + " MB")
    print(f"peak RSS {peak:.1f} MB (largest sample {peak_sample:.1f}, ru_maxrss {maxrss:.1f}; target < "
          f"{TARGET_PEAK_MB:.0f}); growth doc {ref} -> {last}: {growth:+.1f} MB; largest rise above the "
          f"RSS at doc {ref}: {drift:+.1f} MB (flat: <= {TARGET_GROWTH_MB:.0f})")
    return {"docs": last, "reference_doc": ref, "samples": samples, "peak_mb": peak, "peak_sample_mb": peak_sample,
            "ru_maxrss_mb": maxrss, "growth_mb": growth, "max_rise_mb": drift}


# -- main ----------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents for the speed comparison")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes over all documents")
    parser.add_argument("--chunk", type=int, default=100, help="documents per interleaved chunk")
    parser.add_argument("--seed", type=int, default=20240311)
    parser.add_argument("--real", action="store_true", help="real news from ../shared/data instead of generated text")
    parser.add_argument("--memory", action="store_true", help="only the memory measurement")
    parser.add_argument("--no-memory", dest="with_memory", action="store_false", help="skip the memory measurement")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="skip the cProfile breakdown")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON at the end")
    parser.add_argument("--memory-docs", type=int, default=MEMORY_DOCS, help="documents streamed for memory")
    parser.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        return memory_child(args.memory_child, args.seed)
    results: dict[str, Any] = {}
    missed: list[str] = []
    if not args.memory:
        results["speed"] = speed(args)
        if results["speed"]["ratio"] < TARGET_RATIO:
            missed.append(f"ratio {results['speed']['ratio']:.3f} < {TARGET_RATIO}")
        print()
    if args.memory or args.with_memory:
        results["memory"] = m = memory(args)
        if m["peak_mb"] >= TARGET_PEAK_MB:
            missed.append(f"peak RSS {m['peak_mb']:.0f} MB >= {TARGET_PEAK_MB:.0f}")
        if max(m["growth_mb"], m["max_rise_mb"]) > TARGET_GROWTH_MB:
            missed.append(f"RSS rose {m['max_rise_mb']:.0f} MB after doc {m['reference_doc']} "
                          f"(> {TARGET_GROWTH_MB:.0f})")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
