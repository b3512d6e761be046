"""Event-coding quality over the real annotated data in ../shared/data (skips what is absent).

    .venv/bin/python benchmarks/eval_events.py            # all four measures
    .venv/bin/python benchmarks/eval_events.py --only penta spans

Prints, each with its bar (checked on held-out real data):
  penta-class macro-F1 on conflibert-cameo/cameo_class_train.tsv          (bar 0.75)
  source/target span F1 on conflibert-cameo/cameo_ner_train.txt            (bar 0.60)
  TempEval-3 value F1 on tempeval3/TBAQ-cleaned                            (bar 0.70)
  quote content F1 and speaker accuracy on polnear/dev                     (bar 0.70 speaker accuracy)
Nothing here is trained on this data. Dev and held-out halves come from benchmarks/splits/manifest.tsv (one
manifest for every benchmark; benchmarks/splits/build.py says how and when the halves were made); errors are
only ever studied on dev items. --check holds the figures against benchmarks/bars.toml (the quality gate).
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
    parser.add_argument("--check", action="store_true", help="exit 1 when a bar in benchmarks/bars.toml is missed")
    parser.add_argument("--no-train", action="store_true", help="quotes: skip PolNeAR's train split (faster)")
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
        results["quotes"] = quotes.evaluate(path, train=not args.no_train) if path.exists() else {"skipped": str(path)}
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        _print(results)
    if args.check:
        from evaluation.bars import check_bars

        return check_bars("events", _measures(results))
    return 0


def _measures(results: dict) -> dict[str, float]:
    """The figures the quality gate holds against its bars (held-out halves where there is one)."""
    out: dict[str, float] = {}
    if "macro_f1" in results.get("penta", {}):
        out["penta.heldout_macro_f1"] = results["penta"]["heldout_macro_f1"]
        out["penta.dev_macro_f1"] = results["penta"]["dev_macro_f1"]
    if "exact" in results.get("spans", {}):
        out["spans.heldout_exact_f1"] = results["spans"]["heldout_exact"][2]
        out["spans.dev_exact_f1"] = results["spans"]["dev_exact"][2]
    if "held-out" in results.get("times", {}):
        out["times.heldout_value_f1"] = results["times"]["held-out"]["value_f1"]
    if "dev-B (held out)" in results.get("quotes", {}):
        out["quotes.heldout_speaker_acc"] = results["quotes"]["dev-B (held out)"]["speaker_acc_given"]
        out["quotes.heldout_overlap_f1"] = results["quotes"]["dev-B (held out)"]["overlap_f1"]
    return out


def _print(results: dict) -> None:
    for name, r in results.items():
        if "skipped" in r:
            print(f"{name}: skipped ({r['skipped']} not found)")
            continue
        if name == "penta":
            print(f"penta-class macro-F1   held-out {r['heldout_macro_f1']:.3f} ({r['heldout_sentences']} sentences "
                  f"never studied), dev {r['dev_macro_f1']:.3f} ({r['dev_sentences']}), all {r['macro_f1']:.3f}")
        elif name == "spans":
            print(f"source/target span F1  held-out exact {r['heldout_exact'][2]:.3f} ({r['heldout_sentences']} "
                  f"sentences never studied), dev exact {r['dev_exact'][2]:.3f}; all exact {r['exact'][2]:.3f}, "
                  f"overlap {r['overlap'][2]:.3f}")
        elif name == "times":
            print(f"TempEval-3 value F1    held-out {r['held-out']['value_f1']:.3f}, dev {r['dev']['value_f1']:.3f}, "
                  f"all {r['all']['value_f1']:.3f}")
        elif name == "quotes":
            h = r["dev-B (held out)"]
            print(f"PolNeAR quotes         held-out speaker accuracy {h['speaker_acc_given']:.3f}, content overlap "
                  f"F1 {h['overlap_f1']:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
