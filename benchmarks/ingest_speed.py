"""Ingestion speed and extraction quality of dragoman against bare trafilatura.

Over the real web pages of trafilatura's evaluation set (``../shared/data/html-extraction``: 106 gzipped
pages and ``evaldata.json``), in one run:

* speed: articles per second for dragoman's whole path from an ``.html`` file on disk to a stored
  article (``Ingestor.ingest`` into a fresh SQLite store: read, extract, deduplicate, detect the
  language, store), against bare ``trafilatura.extract(raw, url=url, include_comments=False)`` on the
  same files, also read from disk. Both count pages handled per second, so the ratio
  dragoman / trafilatura is the inverse ratio of their times. The pages are decompressed to a temporary
  folder first, so gzip is timed on neither side. Each side runs ``--repeat`` (default 5) times, interleaved, after
  one untimed warm-up pass of each, and the best (lowest) time of each counts. Target: ratio >= 0.7.
* quality, scored as trafilatura's own evaluation does: per page, each ``with`` segment found in the
  extracted text is a true positive (else a false negative), each ``without`` segment found is a false
  positive (else a true negative); precision, recall, F1 and accuracy over all pages. Texts and segments
  are whitespace-normalised alike. dragoman's stored body text is scored (its title is metadata, as
  trafilatura's is); a page that gave no stored article scores as empty text. Target: dragoman's F1 no lower than bare trafilatura's.

Run it from the repository root::

    .venv/bin/python benchmarks/ingest_speed.py              # table, then "ratio R (target >= 0.7)"
    .venv/bin/python benchmarks/ingest_speed.py --json       # every figure as one JSON object
    .venv/bin/python benchmarks/ingest_speed.py --check      # exit 1 when a target is missed
    .venv/bin/python benchmarks/ingest_speed.py --diff       # also list segments the two score differently

When the data folder is absent it prints one "skipped: ..." line and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "html-extraction"
TARGET_RATIO = 0.7


@dataclass
class Page:
    """One evaluation page, decompressed to an ``.html`` file."""

    url: str
    path: Path
    with_: list[str]
    without: list[str]


@dataclass
class Score:
    """Segment counts over all pages, and the figures derived from them."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "accuracy": self.accuracy}


@dataclass
class Side:
    """One contender: its timings and its extracted text per page (keyed by file path)."""

    name: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def load_pages(data: Path, workdir: Path) -> tuple[list[Page], list[str]]:
    """Decompress the evaluation pages into ``workdir`` as ``.html`` files; also the files missing."""
    evaldata = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    missing: list[str] = []
    for url, item in evaldata.items():
        source = data / "pages" / f"{item['file']}.gz"
        if not source.is_file():
            missing.append(item["file"])
            continue
        name = item["file"] if item["file"].endswith(".html") else f"{item['file']}.html"
        target = workdir / name
        target.write_bytes(gzip.decompress(source.read_bytes()))
        pages.append(Page(url, target, list(item.get("with", [])), list(item.get("without", []))))
    return pages, missing


class Clock:
    """Wall and process CPU seconds since it was made; CPU time is what other load cannot inflate."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def run_trafilatura(pages: list[Page]) -> tuple[tuple[float, float], dict[str, str]]:
    """Bare trafilatura over every page, each read from disk: ((wall, CPU seconds), text per page)."""
    import trafilatura

    texts: dict[str, str] = {}
    clock = Clock()
    for page in pages:
        raw = page.path.read_bytes()
        texts[str(page.path)] = trafilatura.extract(raw, url=page.url, include_comments=False) or ""
    return clock.read(), texts


def run_dragoman(pages: list[Page], db: Path) -> tuple[tuple[float, float], dict[str, str], dict[str, str],
                                                      Counter[str]]:
    """dragoman's file → stored article path into a fresh store.

    Returns the (wall, CPU) seconds taken, per page the stored title and text, per page the text alone, and the
    count of each ingest status.
    """
    from dragoman.config import Settings
    from dragoman.ingest import Ingestor
    from dragoman.store import open_store

    store = open_store(str(db))  # creating and migrating the store is not timed
    try:
        clock = Clock()
        with Ingestor(store, Settings(db=str(db))) as ing:
            results = list(ing.ingest([str(page.path) for page in pages]))
        elapsed = clock.read()
        statuses: Counter[str] = Counter()
        texts = {str(page.path): "" for page in pages}
        bodies = dict(texts)
        for result in results:
            status = result.status
            if status == "new" and result.duplicate_of is not None:
                status = "new (near-duplicate)"
            statuses[status] += 1
            if result.article_id is None:
                continue
            article = store.get_article(result.article_id)
            if article is not None:
                texts[result.input_ref] = article["text"]
                bodies[result.input_ref] = article["text"]
        return elapsed, texts, bodies, statuses
    finally:
        store.close()


def score(pages: list[Page], texts: dict[str, str]) -> tuple[Score, dict[tuple[str, str, str], bool]]:
    """Segment counts for one side, and per (file, kind, segment) whether the segment was found."""
    total = Score()
    found: dict[tuple[str, str, str], bool] = {}
    for page in pages:
        text = normalise(texts.get(str(page.path), ""))
        for segment in page.with_:
            hit = normalise(segment) in text
            found[(page.path.name, "with", segment)] = hit
            total.tp += hit
            total.fn += not hit
        for segment in page.without:
            hit = normalise(segment) in text
            found[(page.path.name, "without", segment)] = hit
            total.fp += hit
            total.tn += not hit
    return total, found


def differences(traf: dict[tuple[str, str, str], bool],
                drag: dict[tuple[str, str, str], bool]) -> list[dict[str, Any]]:
    """Segments the two sides score differently, with who got each one right."""
    rows = []
    for key, t_hit in traf.items():
        d_hit = drag[key]
        if t_hit != d_hit:
            file, kind, segment = key
            right = "trafilatura" if t_hit == (kind == "with") else "dragoman"
            rows.append({"file": file, "kind": kind, "segment": segment, "right": right})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with evaldata.json and pages/ (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each side; the best counts")
    parser.add_argument("--json", action="store_true", help="print every figure as one JSON object")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the ratio is below 0.7 or dragoman's F1 is below trafilatura's")
    parser.add_argument("--diff", action="store_true", help="list the segments the two score differently")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    data: Path = args.data
    if not (data / "evaldata.json").is_file() or not (data / "pages").is_dir():
        print(f"skipped: evaluation data {data} not found")
        return 0

    with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "pages").mkdir()
        pages, missing = load_pages(data, workdir / "pages")
        if not pages:
            print(f"skipped: no pages found under {data / 'pages'}")
            return 0

        # one untimed pass of each side first: imports, lazily loaded models, stoplists and caches
        # (shared by both sides, as dragoman runs trafilatura too) would otherwise burden whichever runs first
        run_trafilatura(pages)
        run_dragoman(pages, workdir / "warmup.db")

        traf, drag = Side("trafilatura"), Side("dragoman")
        statuses: Counter[str] = Counter()
        bodies: dict[str, str] = {}
        for i in range(args.repeat):
            (elapsed, cpu), traf.texts = run_trafilatura(pages)
            traf.times.append(elapsed)
            traf.cpu.append(cpu)
            (elapsed, cpu), drag.texts, bodies, statuses = run_dragoman(pages, workdir / f"run{i}.db")
            drag.times.append(elapsed)
            drag.cpu.append(cpu)

    n = len(pages)
    traf_rate, drag_rate = n / traf.best, n / drag.best
    ratio = drag_rate / traf_rate
    cpu_ratio = traf.best_cpu / drag.best_cpu
    traf_score, traf_found = score(pages, traf.texts)
    drag_score, drag_found = score(pages, drag.texts)
    drag_body_score, _ = score(pages, bodies)
    diffs = differences(traf_found, drag_found)
    ok = ratio >= TARGET_RATIO and drag_score.f1 >= traf_score.f1

    if args.json:
        report: dict[str, Any] = {
            "data": str(data), "pages": n, "missing_pages": missing, "repeat": args.repeat,
            "trafilatura": {"times": traf.times, "cpu_times": traf.cpu, "best_seconds": traf.best, "articles_per_second": traf_rate,
                            "empty": sum(1 for t in traf.texts.values() if not t),
                            "quality": traf_score.as_dict()},
            "dragoman": {"times": drag.times, "cpu_times": drag.cpu, "best_seconds": drag.best, "articles_per_second": drag_rate,
                         "statuses": dict(statuses), "quality": drag_score.as_dict(),
                         "quality_body_only": drag_body_score.as_dict()},
            "ratio": ratio, "cpu_ratio": cpu_ratio, "target_ratio": TARGET_RATIO, "segments_scored_differently": len(diffs),
            "meets_targets": ok,
        }
        if args.diff:
            report["differences"] = diffs
        print(json.dumps(report, indent=2))
    else:
        gaps = f" ({len(missing)} missing: {', '.join(missing)})" if missing else ""
        print(f"{n} pages from {data}{gaps}")
        print(f"best of {args.repeat} interleaved runs; dragoman statuses: "
              + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        print()
        header = f"{'':<24}{'best s':>8}{'art/s':>9}{'TP':>6}{'FN':>6}{'FP':>6}{'TN':>6}" \
                 f"{'prec':>8}{'recall':>8}{'F1':>8}{'acc':>8}"
        print(header)
        print("-" * len(header))
        rows = [("trafilatura.extract", traf.best, traf_rate, traf_score),
                ("dragoman file→store", drag.best, drag_rate, drag_score)]
        for name, best, rate, sc in rows:
            print(f"{name:<24}{best:>8.2f}{rate:>9.1f}{sc.tp:>6}{sc.fn:>6}{sc.fp:>6}{sc.tn:>6}"
                  f"{sc.precision:>8.3f}{sc.recall:>8.3f}{sc.f1:>8.3f}{sc.accuracy:>8.3f}")
        print()
        print(f"segments scored differently: {len(diffs)}"
              f" (trafilatura right {sum(d['right'] == 'trafilatura' for d in diffs)},"
              f" dragoman right {sum(d['right'] == 'dragoman' for d in diffs)})")
        if args.diff:
            for d in diffs:
                print(f"  {d['right']:<12} {d['kind']:<8} {d['file']}: {d['segment']!r}")
        f1_verdict = "no worse" if drag_score.f1 >= traf_score.f1 else "WORSE"
        print(f"F1 {drag_score.f1:.3f} vs {traf_score.f1:.3f} ({f1_verdict} than bare trafilatura)")
        print(f"ratio {ratio:.2f} (target >= {TARGET_RATIO}); by CPU time {cpu_ratio:.2f} "
              f"(robust to other load on the machine)")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
