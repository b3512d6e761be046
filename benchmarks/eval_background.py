"""Background and story clustering, measured on ../shared/data/background-summaries (skips when absent).

    .venv/bin/python benchmarks/eval_background.py [--events iraq_war swine_flu ...] [--json]

1. Background. For each news event, its dated updates are ingested in date order into a fresh store as
   articles dated their Date and coded (`dragoman process`); for each update, the Background section
   of its brief (built from earlier updates only — briefs ignore anything published later) is scored
   against the three human-written backgrounds with ROUGE-1 and ROUGE-2 F1 (rouge-score, stemmed;
   the mean over the three references, averaged over updates). The baseline is "the first sentences of
   the previous update" (its first two sentences). Updates with no earlier update, or with no human
   background, are not scored.
2. Story clustering. The updates of all events are mixed into one store in date order, coded and
   clustered; BCubed precision, recall and F1 compare the stories with the events the updates came
   from (target F1 >= 0.90).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "background-summaries"
csv.field_size_limit(10_000_000)


def read_event(folder: Path) -> list[dict]:
    """Updates of one event: date, text and the annotators' backgrounds (aligned by row)."""
    tables = []
    for path in sorted(folder.glob("annotator*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            tables.append(list(csv.DictReader(fh, delimiter="\t")))
    rows = []
    for i, row in enumerate(tables[0]):
        day = re.sub(r"[\[\]\s]", "", row["Date"])
        backgrounds = [t[i]["Background"].strip().strip('"').strip() for t in tables
                       if i < len(t) and (t[i].get("Background") or "").strip().strip('"').strip()]
        rows.append({"date": day, "text": row["Update"].strip().strip('"').strip(), "backgrounds": backgrounds})
    rows.sort(key=lambda r: r["date"])
    return rows


def _sentences(text: str, n: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text.strip())
    return " ".join(parts[:n])


def _ingest(store, updates: list[tuple[str, dict]], workdir: Path) -> dict[str, int]:
    """Ingest updates (already in date order) as JSONL articles; returns url -> article id."""
    from dragoman.config import Settings
    from dragoman.ingest import Ingestor

    path = workdir / "updates.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for url, u in updates:
            title = _sentences(u["text"], 1)[:140]
            fh.write(json.dumps({"url": url, "title": title, "text": u["text"], "published": u["date"]}) + "\n")
    ids = {}
    with Ingestor(store, Settings(db=store.db)) as ing:
        for (url, _), result in zip(updates, ing.ingest([str(path)]), strict=False):
            ids[url] = result.article_id
    return ids


def _code(store) -> None:
    from dragoman.extract import Extractor
    from dragoman.process import process_store

    process_store(store, Extractor())


def evaluate_background(events: dict[str, list[dict]], workdir: Path) -> dict:
    from rouge_score import rouge_scorer

    from dragoman.briefs.builder import build_brief
    from dragoman.store import open_store

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    totals = {"ours": [0.0, 0.0], "baseline": [0.0, 0.0]}
    per_event = {}
    n_all = 0
    for name, updates in events.items():
        store = open_store(str(workdir / f"{name}.db"))
        items = [(f"https://updates.example/{name}/{i}", u) for i, u in enumerate(updates)]
        ids = _ingest(store, items, workdir)
        _code(store)
        ev_tot = {"ours": [0.0, 0.0], "baseline": [0.0, 0.0]}
        n = 0
        for i, (url, u) in enumerate(items):
            if i == 0 or not u["backgrounds"] or ids.get(url) is None:
                continue
            brief = build_brief(store, ids[url])
            ours = " ".join(b["text"] for b in brief["background"])
            baseline = _sentences(updates[i - 1]["text"], 2)
            for key, text in (("ours", ours), ("baseline", baseline)):
                scores = [scorer.score(ref, text) for ref in u["backgrounds"]]
                ev_tot[key][0] += sum(s["rouge1"].fmeasure for s in scores) / len(scores)
                ev_tot[key][1] += sum(s["rouge2"].fmeasure for s in scores) / len(scores)
            n += 1
        store.close()
        per_event[name] = {k: {"rouge1": v[0] / max(n, 1), "rouge2": v[1] / max(n, 1)} for k, v in ev_tot.items()}
        per_event[name]["updates_scored"] = n
        for key in totals:
            totals[key][0] += ev_tot[key][0]
            totals[key][1] += ev_tot[key][1]
        n_all += n
    return {"updates_scored": n_all, "per_event": per_event,
            **{k: {"rouge1": v[0] / max(n_all, 1), "rouge2": v[1] / max(n_all, 1)} for k, v in totals.items()}}


def bcubed(clusters: dict[str, int], labels: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering against gold labels."""
    by_cluster: dict[int, list[str]] = {}
    by_label: dict[str, list[str]] = {}
    for item, c in clusters.items():
        by_cluster.setdefault(c, []).append(item)
        by_label.setdefault(labels[item], []).append(item)
    p = r = 0.0
    for item, c in clusters.items():
        same_cluster = by_cluster[c]
        same_label = by_label[labels[item]]
        correct = sum(1 for x in same_cluster if labels[x] == labels[item])
        p += correct / len(same_cluster)
        r += correct / len(same_label)
    p /= len(clusters)
    r /= len(clusters)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_clustering(events: dict[str, list[dict]], workdir: Path) -> dict:
    from dragoman.store import open_store

    store = open_store(str(workdir / "mixed.db"))
    mixed = sorted(((u["date"], name, i, u) for name, ups in events.items() for i, u in enumerate(ups)),
                   key=lambda x: (x[0], x[1], x[2]))
    items = [(f"https://updates.example/{name}/{i}", u) for _, name, i, u in mixed]
    labels = {f"https://updates.example/{name}/{i}": name for _, name, i, _ in mixed}
    ids = _ingest(store, items, workdir)
    started = time.perf_counter()
    _code(store)
    elapsed = time.perf_counter() - started
    clusters = {}
    for url, aid in ids.items():
        if aid is None:
            continue
        art = store.article_for_story(aid)
        clusters[url] = art["story_id"]
    store.close()
    p, r, f = bcubed(clusters, {u: labels[u] for u in clusters})
    return {"articles": len(clusters), "stories": len(set(clusters.values())), "events": len(events),
            "bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f, "process_seconds": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--events", nargs="*")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-background", action="store_true")
    parser.add_argument("--skip-clustering", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 when a bar in benchmarks/bars.toml is missed")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    folders = sorted(p for p in args.data.iterdir() if p.is_dir() and (not args.events or p.name in args.events))
    events = {f.name: read_event(f) for f in folders}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_background:
            results["background"] = evaluate_background(events, Path(tmp))
        if not args.skip_clustering:
            results["clustering"] = evaluate_clustering(events, Path(tmp))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)
    if args.check:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from evaluation.bars import check_bars

        measured = {}
        if "background" in results:
            b = results["background"]
            measured["background.rouge1"] = b["ours"]["rouge1"]
            measured["background.rouge2_over_baseline"] = b["ours"]["rouge2"] - b["baseline"]["rouge2"]
        if "clustering" in results:
            measured["clustering.bcubed_f1"] = results["clustering"]["bcubed_f1"]
        return check_bars("stories", {k: v for k, v in measured.items()})
    return 0


def _print(results: dict) -> None:
    if "background" in results:
        b = results["background"]
        print(f"background ROUGE-1/ROUGE-2 F1: dragoman {b['ours']['rouge1']:.3f}/{b['ours']['rouge2']:.3f}, "
              f"baseline (first sentences of the previous update) {b['baseline']['rouge1']:.3f}/"
              f"{b['baseline']['rouge2']:.3f}, over {b['updates_scored']} updates")
        for name, e in b["per_event"].items():
            print(f"  {name:<20} dragoman {e['ours']['rouge1']:.3f}/{e['ours']['rouge2']:.3f}  baseline "
                  f"{e['baseline']['rouge1']:.3f}/{e['baseline']['rouge2']:.3f}  ({e['updates_scored']} updates)")
    if "clustering" in results:
        c = results["clustering"]
        print(f"story clustering BCubed P {c['bcubed_precision']:.3f} R {c['bcubed_recall']:.3f} "
              f"F1 {c['bcubed_f1']:.3f} (target 0.90): {c['articles']} updates of {c['events']} events "
              f"in {c['stories']} stories")


if __name__ == "__main__":
    sys.exit(main())
