"""Event-level precision and recall on real news against blind gold events (issue: events you can trust).

    .venv/bin/python benchmarks/eval_world.py               # dev and held-out halves, per set
    .venv/bin/python benchmarks/eval_world.py --errors      # also list the errors of DEV items only
    .venv/bin/python benchmarks/eval_world.py --check       # exit 1 below a bar of benchmarks/bars.toml

Gold: ../shared/data/world-events-dev (39 Iraq-war updates, 150 ConfliBERT sentences) and the project's own blind
gold (benchmarks/gold/world-events.jsonl: 116 more Iraq-war updates, 65 financial-crisis updates, 150 ConfliBERT
span sentences, 60 BP-oil-spill, 19 Michael-Jackson-death, 4 Haitian-earthquake and 7 swine-flu updates; texts read from ../shared/data). Halves from benchmarks/splits/manifest.tsv. Scoring: see
benchmarks/evaluation/world.py. The headline figures are on every event `dragoman extract` outputs (no
confidence cut); the `min_confidence` setting's cut (what timelines, briefs, exports and alerts show) is
reported beside them, and --thresholds adds other cut-offs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DATA = HERE.parent.parent / "shared" / "data"


def main() -> int:
    from evaluation import world
    from evaluation.bars import check_bars
    from evaluation.splits import half_of

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", action="store_true", help="list the errors of dev items (never held-out ones)")
    ap.add_argument("--thresholds", default="", help="comma-separated confidence cut-offs to report besides the setting")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help="exit 1 when a bar in benchmarks/bars.toml is missed")
    args = ap.parse_args()
    if not (args.data / "world-events-dev").exists():
        print(f"skipped: {args.data / 'world-events-dev'} not found")
        return 0
    from dragoman.config import load_settings

    setting = float(getattr(load_settings({}), "min_confidence", 0.0) or 0.0)
    floor = 0.0
    items = world.load_items(args.data)
    preds = world.extract_items(items)
    cuts = sorted({floor, setting, *[float(x) for x in args.thresholds.split(",") if x.strip()]})
    results: dict = {"min_confidence": setting}
    for cut in cuts:
        parts: dict[str, world.Counts] = {}
        for it in items:
            half = half_of(it.text)
            events = [e for e in preds[it.id] if e["confidence"] >= cut]
            for key in (half, f"{half}/{it.set}", "all"):
                parts.setdefault(key, world.Counts()).add(events, it.gold)
        results[f"{cut:.2f}"] = {k: v.figures() for k, v in sorted(parts.items())}
    if args.errors:
        _print_errors(world, items, preds, floor, half_of)
    main_figs = results[f"{floor:.2f}"]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for cut in cuts:
            print(f"confidence >= {cut:.2f}" + ("  (every event extract outputs)" if cut == floor else "")
                  + ("  (the min_confidence setting)" if cut == setting else ""))
            for key, f in results[f"{cut:.2f}"].items():
                if cut != floor and "/" in key:
                    continue
                cells = "  ".join(f"{lv} P {f[lv]['p']:.3f} R {f[lv]['r']:.3f}" for lv in world.LEVELS)
                print(f"  {key:26} pred {f['predicted']:4} gold {f['gold']:4}  {cells}")
    if args.check:
        measured = {f"world.{half}.{lv}.{pr}": main_figs[half][lv][pr] for half in ("dev", "held-out")
                    if half in main_figs for lv in world.LEVELS for pr in ("p", "r")}
        cut_figs = results[f"{setting:.2f}"]
        measured.update({f"world.cut.{half}.{lv}.p": cut_figs[half][lv]["p"] for half in ("dev", "held-out")
                         if half in cut_figs for lv in ("root", "actors")})
        return check_bars("world", measured)
    return 0


def _print_errors(world, items, preds, floor, half_of) -> None:
    print("# errors on dev items (held-out items are never listed)")
    for it in items:
        if half_of(it.text) != "dev":
            continue
        events = [e for e in preds[it.id] if e["confidence"] >= floor]
        pairs = dict(world.match(events, it.gold, 2))
        full = {i for i, _ in world.match(events, it.gold, 3)}
        lines = []
        for i, e in enumerate(events):
            if i in full:
                continue
            g = it.gold[pairs[i]] if i in pairs else None
            what = "FP" if g is None else f"actors (gold {_actors(g)})"
            lines.append(f"  {what}: {e['code']} {_actors(e)} [{e['trigger']}] {e['status']} {e['rule']} "
                         f"c={e['confidence']}")
        matched_gold = {j for _, j in world.match(events, it.gold, 2)}
        for j, g in enumerate(it.gold):
            if j not in matched_gold:
                lines.append(f"  FN: {g['code']} {_actors(g)} [{g['trigger']}] {g['status']}  «{g['sentence'][:90]}»")
        if lines:
            print(f"{it.id} ({it.set}): {it.text[:160]!r}")
            print("\n".join(lines))


def _actors(e: dict) -> str:
    def one(a):
        return "-" if not a else f"{a.get('code') or '?'}«{a.get('text', '')[:30]}»"
    return f"{one(e.get('source'))}→{one(e.get('target'))}"


if __name__ == "__main__":
    raise SystemExit(main())
