"""Background and story clustering, measured on ../shared/data/background-summaries (skips when absent).

    .venv/bin/python benchmarks/eval_background.py [--events iraq_war swine_flu ...] [--json] [--check]

1. Background. For each news event, its dated updates are ingested in date order into a fresh store as
   articles dated their Date and coded (`dragoman process`); for each update, the Background section
   of its brief (built from earlier updates of the same story only) is scored against the three
   human-written backgrounds with ROUGE-1 and ROUGE-2 F1 (rouge-score, stemmed; the mean over the three
   references, averaged over updates). Two baselines: "lead" - the previous update's first two
   sentences - and "lead, length-matched" - the previous updates' text, latest first, cut to the same
   number of words as dragoman's background for that update (ROUGE rewards length; this one does not
   gain from it). Updates with no earlier update, or with no human background, are not scored. Every
   background item whose source is the update itself or a later one is counted (it must be 0).
2. Story clustering. The updates of all events are mixed into one store in date order, coded and
   clustered as `dragoman process` does; BCubed and per-event purity compare the stories with the events.
   That figure is in-sample (the join threshold was fitted on these events), so the reported figure is
   cross-validated: benchmarks/evaluation/clustering.py fits the threshold on five events (and the
   project's own concurrent-crises fixture) and scores the sixth, for each event in turn, on the
   date-interleaved stream and on an "aligned" stream where all events run at once.
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


def _lead_matched(previous: list[dict], words: int) -> str:
    """The previous updates' text, latest first, cut to `words` words."""
    out: list[str] = []
    for u in reversed(previous):
        out.extend(u["text"].split())
        if len(out) >= words:
            break
    return " ".join(out[:words])


def _not_earlier(brief: dict, article_id: int, published: dict[int, str | None]) -> int:
    """Background items taken from the update itself (outside its own background section) or a later one."""
    mine = (published.get(article_id) or "")[:10]
    bad = 0
    for b in brief["background"]:
        source = b["source"]["article_id"]
        if source == article_id:
            bad += b.get("origin") != "article"  # the update's own background section is allowed, labelled
        elif (published.get(source) or "")[:10] >= mine:
            bad += 1
    return bad


def evaluate_background(events: dict[str, list[dict]], workdir: Path) -> dict:
    from rouge_score import rouge_scorer

    from dragoman.briefs.builder import build_brief
    from dragoman.store import open_store

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    kinds = ("ours", "baseline", "baseline_matched")
    totals = {k: [0.0, 0.0] for k in kinds}
    per_event = {}
    n_all = not_earlier_all = words_all = 0
    for name, updates in events.items():
        store = open_store(str(workdir / f"{name}.db"))
        items = [(f"https://updates.example/{name}/{i}", u) for i, u in enumerate(updates)]
        ids = _ingest(store, items, workdir)
        _code(store)
        published = {aid: (store.get_article(aid) or {}).get("published") for aid in ids.values() if aid}
        ev_tot = {k: [0.0, 0.0] for k in kinds}
        n = not_earlier = 0
        for i, (url, u) in enumerate(items):
            if i == 0 or not u["backgrounds"] or ids.get(url) is None:
                continue
            brief = build_brief(store, ids[url])
            not_earlier += _not_earlier(brief, ids[url], published)
            ours = " ".join(b["text"] for b in brief["background"])
            words_all += len(ours.split())
            texts = {"ours": ours, "baseline": _sentences(updates[i - 1]["text"], 2),
                     "baseline_matched": _lead_matched(updates[:i], max(len(ours.split()), 1))}
            for key, text in texts.items():
                scores = [scorer.score(ref, text) for ref in u["backgrounds"]]
                ev_tot[key][0] += sum(s["rouge1"].fmeasure for s in scores) / len(scores)
                ev_tot[key][1] += sum(s["rouge2"].fmeasure for s in scores) / len(scores)
            n += 1
        store.close()
        per_event[name] = {k: {"rouge1": v[0] / max(n, 1), "rouge2": v[1] / max(n, 1)} for k, v in ev_tot.items()}
        per_event[name]["updates_scored"] = n
        per_event[name]["items_not_earlier"] = not_earlier
        for key in totals:
            totals[key][0] += ev_tot[key][0]
            totals[key][1] += ev_tot[key][1]
        n_all += n
        not_earlier_all += not_earlier
    return {"updates_scored": n_all, "per_event": per_event, "items_not_earlier": not_earlier_all,
            "mean_words": words_all / max(n_all, 1),
            **{k: {"rouge1": v[0] / max(n_all, 1), "rouge2": v[1] / max(n_all, 1)} for k, v in totals.items()}}


def _coded_items(store, ids: dict[str, int]) -> dict[int, object]:
    from dragoman.stories.cluster import article_input

    return {aid: article_input(store, aid, store.article_for_story(aid)) for aid in ids.values() if aid is not None}


def _fixture(workdir: Path):
    """The project's concurrent-crises fixture (tests/crises.py), coded: (items in date order, labels)."""
    from dragoman.store import open_store

    sys.path.insert(0, str(ROOT / "tests"))
    from crises import crisis_stream

    store = open_store(str(workdir / "crises.db"))
    updates = [(f"https://crises.example/{name}/{k}", {"date": day, "text": text})
               for k, (name, day, text) in enumerate(crisis_stream())]
    ids = _ingest(store, updates, workdir)
    _code(store)
    items = _coded_items(store, ids)
    store.close()
    labels = {ids[url]: url.split("/")[3] for url, _ in updates if ids.get(url)}
    return sorted(items.values(), key=lambda it: (it.published or "~", it.article_id)), labels


def evaluate_clustering(events: dict[str, list[dict]], workdir: Path, cross_validate: bool = True) -> dict:
    from evaluation import clustering as cl

    from dragoman.store import open_store

    store = open_store(str(workdir / "mixed.db"))
    mixed = sorted(((u["date"], name, i, u) for name, ups in events.items() for i, u in enumerate(ups)),
                   key=lambda x: (x[0], x[1], x[2]))
    items = [(f"https://updates.example/{name}/{i}", u) for _, name, i, u in mixed]
    ids = _ingest(store, items, workdir)
    started = time.perf_counter()
    _code(store)
    elapsed = time.perf_counter() - started
    labels = {ids[url]: url.split("/")[3] for url, _ in items if ids.get(url) is not None}
    clusters = {aid: store.article_for_story(aid)["story_id"] for aid in labels}
    coded = _coded_items(store, ids)
    store.close()
    p, r, f = cl.bcubed(clusters, labels)
    out = {"articles": len(clusters), "stories": len(set(clusters.values())), "events": len(events),
           "in_sample": {"bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f,
                         "purity": cl.purity(clusters, labels)}, "process_seconds": elapsed}
    if cross_validate and len(events) > 1:
        started = time.perf_counter()
        out["cross_validated"] = cl.cross_validate(coded, labels, _fixture(workdir))
        out["cv_seconds"] = time.perf_counter() - started
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--events", nargs="*")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-background", action="store_true")
    parser.add_argument("--skip-clustering", action="store_true")
    parser.add_argument("--no-cv", action="store_true", help="only the in-sample clustering figure (quicker)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a bar in benchmarks/bars.toml is missed")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    folders = sorted(p for p in args.data.iterdir() if p.is_dir() and (not args.events or p.name in args.events))
    events = {f.name: read_event(f) for f in folders}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_background:
            results["background"] = evaluate_background(events, Path(tmp))
        if not args.skip_clustering:
            results["clustering"] = evaluate_clustering(events, Path(tmp), cross_validate=not args.no_cv)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)
    if args.check:
        from evaluation.bars import check_bars

        return check_bars("stories", measures(results))
    return 0


def measures(results: dict) -> dict[str, float]:
    """The figures benchmarks/bars.toml [stories] holds bars for."""
    measured = {}
    if "background" in results:
        b = results["background"]
        measured["background.rouge1"] = b["ours"]["rouge1"]
        measured["background.rouge2_over_baseline"] = b["ours"]["rouge2"] - b["baseline"]["rouge2"]
        measured["background.rouge2_over_matched_baseline"] = b["ours"]["rouge2"] - b["baseline_matched"]["rouge2"]
        measured["background.items_not_earlier_ok"] = 1.0 if b["items_not_earlier"] == 0 else 0.0
    cv = results.get("clustering", {}).get("cross_validated")
    if cv:
        measured["clustering.bcubed_f1"] = cv["dated"]["bcubed_f1"]
        measured["clustering.aligned_bcubed_f1"] = cv["aligned"]["bcubed_f1"]
        measured["clustering.fixture_bcubed_f1"] = cv["fixture"]["f1"]
        # no story made mostly of another event: the share of each held-out event's main story that is its own
        measured["clustering.min_own_share"] = min(f["dated"]["purity"]["largest_story_own_share"]
                                                   for f in cv["folds"].values())
    return measured


def _print(results: dict) -> None:
    if "background" in results:
        b = results["background"]
        print(f"background ROUGE-1/ROUGE-2 F1 over {b['updates_scored']} updates (dragoman's background "
              f"{b['mean_words']:.0f} words on average):")
        print(f"  dragoman                                   {b['ours']['rouge1']:.3f} / {b['ours']['rouge2']:.3f}")
        print(f"  lead (previous update, first 2 sentences)  {b['baseline']['rouge1']:.3f} / {b['baseline']['rouge2']:.3f}")
        print(f"  lead, length-matched (previous updates)    {b['baseline_matched']['rouge1']:.3f} / "
              f"{b['baseline_matched']['rouge2']:.3f}")
        print(f"  background items from the same or a later update: {b['items_not_earlier']}")
        for name, e in b["per_event"].items():
            print(f"  {name:<20} dragoman {e['ours']['rouge1']:.3f}/{e['ours']['rouge2']:.3f}  lead "
                  f"{e['baseline']['rouge1']:.3f}/{e['baseline']['rouge2']:.3f}  matched "
                  f"{e['baseline_matched']['rouge1']:.3f}/{e['baseline_matched']['rouge2']:.3f}  "
                  f"({e['updates_scored']} updates)")
    if "clustering" in results:
        _print_clustering(results["clustering"])


def _print_clustering(c: dict) -> None:
    s = c["in_sample"]
    print(f"story clustering, in-sample (shipped threshold, fitted on these events): BCubed P "
          f"{s['bcubed_precision']:.3f} R {s['bcubed_recall']:.3f} F1 {s['bcubed_f1']:.3f}; {c['articles']} "
          f"updates of {c['events']} events in {c['stories']} stories")
    _print_purity(s["purity"])
    cv = c.get("cross_validated")
    if not cv:
        return
    print("story clustering, cross-validated (leave one event out: threshold fitted on the other five events "
          "and the crises fixture, scored on the held-out event):")
    for kind in ("dated", "aligned"):
        k = cv[kind]
        print(f"  {kind:<8} BCubed P {k['bcubed_precision']:.3f} R {k['bcubed_recall']:.3f} F1 {k['bcubed_f1']:.3f}")
    for ev, f in cv["folds"].items():
        d, a = f["dated"], f["aligned"]
        print(f"  held out {ev:<20} threshold {f['threshold']:.2f}: dated F1 {d['f1']:.3f} (in largest story "
              f"{d['purity']['in_largest_story']:.2f}, its own share {d['purity']['largest_story_own_share']:.2f}), "
              f"aligned F1 {a['f1']:.3f} ({a['purity']['in_largest_story']:.2f}, "
              f"{a['purity']['largest_story_own_share']:.2f})")
    fx = cv["fixture"]
    print(f"  fitted on all events: threshold {cv['fitted_on_all']['threshold']:.2f} (data/stories.yaml); "
          f"crises fixture BCubed F1 {fx['f1']:.3f}")


def _print_purity(p: dict) -> None:
    for ev, e in p["events"].items():
        print(f"  {ev:<20} {e['updates']:4d} updates in {e['stories']:3d} stories; in its largest story "
              f"{e['in_largest_story']:.2f}, which is {e['largest_story_own_share']:.2f} its own")
    print(f"  most foreign updates in one story (of 5+): {p['max_foreign_updates']} "
          f"(share {p['max_foreign_share']:.2f})")


if __name__ == "__main__":
    sys.exit(main())
