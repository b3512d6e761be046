"""Event-coding quality over the real annotated data in ../shared/data (skips what is absent).

    .venv/bin/python benchmarks/eval_events.py            # all four measures
    .venv/bin/python benchmarks/eval_events.py --only penta spans

Prints, each with its bar (checked on held-out real data):
  penta-class macro-F1 on conflibert-cameo/cameo_class_train.tsv          (bar 0.75)
  source/target span F1 on conflibert-cameo/cameo_ner_train.txt            (bar 0.60)
  TempEval-3 value F1 on tempeval3/TBAQ-cleaned                            (bar 0.70)
  quote content F1 and speaker accuracy on polnear/dev                     (bar 0.70 speaker accuracy)
Nothing here is trained on this data; errors are studied on the first half of each set only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DATA = HERE.parents[0].parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--only", nargs="*", choices=["penta", "spans", "times", "quotes"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    wanted = set(args.only or ["penta", "spans", "times", "quotes"])
    results: dict = {}
    if "penta" in wanted:
        from evaluation import penta

        path = args.data / "conflibert-cameo" / "cameo_class_train.tsv"
        results["penta"] = penta.evaluate(path) if path.exists() else {"skipped": str(path)}
    if "spans" in wanted:
        from evaluation import spans

        path = args.data / "conflibert-cameo" / "cameo_ner_train.txt"
        results["spans"] = spans.evaluate(path) if path.exists() else {"skipped": str(path)}
    if "times" in wanted:
        from evaluation import times

        path = args.data / "tempeval3"
        results["times"] = times.evaluate(path) if path.exists() else {"skipped": str(path)}
    if "quotes" in wanted:
        from evaluation import quotes

        path = args.data / "polnear"
        results["quotes"] = quotes.evaluate(path) if path.exists() else {"skipped": str(path)}
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    for name, r in results.items():
        if "skipped" in r:
            print(f"{name}: skipped ({r['skipped']} not found)")
            continue
        if name == "penta":
            print(f"penta-class macro-F1   {r['macro_f1']:.3f}  (bar 0.75; dev half {r['dev_macro_f1']:.3f}, "
                  f"held-out half {r['heldout_macro_f1']:.3f}; {r['sentences']} sentences)")
        elif name == "spans":
            print(f"source/target span F1  {r['exact'][2]:.3f} exact, {r['overlap'][2]:.3f} overlap  (bar 0.60; "
                  f"held-out half exact {r['heldout_exact'][2]:.3f}; {r['sentences']} sentences)")
        else:
            print(f"{name}: " + json.dumps({k: v for k, v in r.items() if not isinstance(v, dict | list)},
                                          default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
