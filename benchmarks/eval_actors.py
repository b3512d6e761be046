"""Actor coding accuracy on real news, against blind gold events (the world-events gold; see eval_world.py).

    .venv/bin/python benchmarks/eval_actors.py            # dev and held-out halves
    .venv/bin/python benchmarks/eval_actors.py --check    # exit 1 below a bar of benchmarks/bars.toml [actors]

For every gold event that dragoman finds (same sentence and same CAMEO root, paired one to one as in
eval_world.py), it reports:
  source accuracy   the predicted source is compatible with the gold source (country equal, sector equal when
                    both have one; IGO/NGO codes on their first six letters; an uncertain gold on sector alone)
  target accuracy   the same for the target (both absent counts as right)
  both coded        the share of found gold events with a gold source and target where dragoman coded both
and, over all gold events with a source, the share whose source dragoman codes right (found and compatible).
Halves from benchmarks/splits/manifest.tsv; errors are never listed for held-out items.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DATA = HERE.parent.parent / "shared" / "data"


def score(world, items, preds, half_of) -> dict:
    tallies: dict[str, dict[str, int]] = {}
    for it in items:
        half = half_of(it.text)
        t = tallies.setdefault(half, {"found": 0, "src_ok": 0, "tgt_ok": 0, "both_gold": 0, "both_coded": 0,
                                      "gold_with_source": 0, "src_ok_all": 0})
        t["gold_with_source"] += sum(1 for g in it.gold if g.get("source"))
        events = preds[it.id]
        for i, j in world.match(events, it.gold, 2):
            p, g = events[i], it.gold[j]
            t["found"] += 1
            src = dict(g["source"], uncertain=g.get("uncertain")) if g.get("source") else None
            tgt = dict(g["target"], uncertain=g.get("uncertain")) if g.get("target") else None
            s_ok = world.actor_ok(p.get("source"), src)
            t["src_ok"] += s_ok
            t["src_ok_all"] += s_ok and src is not None
            t["tgt_ok"] += world.actor_ok(p.get("target"), tgt)
            if src is not None and tgt is not None:
                t["both_gold"] += 1
                t["both_coded"] += bool((p.get("source") or {}).get("code") and (p.get("target") or {}).get("code"))
    out = {}
    for half, t in sorted(tallies.items()):
        found = t["found"] or 1
        out[half] = {"found": t["found"], "source_accuracy": round(t["src_ok"] / found, 3),
                     "target_accuracy": round(t["tgt_ok"] / found, 3),
                     "both_coded": round(t["both_coded"] / (t["both_gold"] or 1), 3),
                     "source_recall": round(t["src_ok_all"] / (t["gold_with_source"] or 1), 3)}
    return out


def main() -> int:
    from evaluation import world
    from evaluation.bars import check_bars
    from evaluation.splits import half_of

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if not (args.data / "world-events-dev").exists():
        print(f"skipped: {args.data / 'world-events-dev'} not found")
        return 0
    items = world.load_items(args.data)
    preds = world.extract_items(items)
    results = score(world, items, preds, half_of)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for half, r in results.items():
            print(f"{half:9} found {r['found']:4} gold events: source accuracy {r['source_accuracy']:.3f}, target "
                  f"accuracy {r['target_accuracy']:.3f}, both actors coded {r['both_coded']:.3f}; right source "
                  f"over all gold sources {r['source_recall']:.3f}")
    if args.check:
        measured = {f"actors.{half}.{k}": v for half, r in results.items() for k, v in r.items() if k != "found"}
        return check_bars("actors", measured)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
