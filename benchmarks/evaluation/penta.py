"""Penta-class of each sentence's main event, against conflibert-cameo/cameo_class_train.tsv.

Each line: a real news sentence, TAB, its label 0–4 (Phoenix penta class of the sentence's event).
dragoman's prediction is the penta class of the sentence's highest-confidence event; no event = 0.
Which sentences are dev (errors may be studied) and which are held-out (never studied) is decided by the
committed manifest, benchmarks/splits/manifest.tsv (see benchmarks/splits/build.py for how and when).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "data" / "conflibert-cameo" / "cameo_class_train.tsv"


def read(path: Path) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        if label.strip().isdigit():
            rows.append((text.strip(), int(label)))
    return rows


def macro_f1(gold: list[int], pred: list[int], classes=range(5)) -> tuple[float, dict[int, tuple[float, float, float]]]:
    per = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[c] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f for _, _, f in per.values()) / len(per), per


def predict(texts: list[str]) -> list[int]:
    from dragoman.extract import InputDoc, extractor

    out = []
    for x in extractor().extract_stream(InputDoc(text=t) for t in texts):
        events = x.doc.events or x.doc.incidents  # a sentence with no event: the kind of thing it reports
        out.append(max(events, key=lambda e: e.confidence).penta_class if events else 0)
    return out


def evaluate(path: Path = DEFAULT) -> dict:
    rows = read(path)
    texts = [t for t, _ in rows]
    gold = [g for _, g in rows]
    started = time.perf_counter()
    pred = predict(texts)
    elapsed = time.perf_counter() - started
    f1, per = macro_f1(gold, pred)
    from evaluation.splits import is_dev

    dev = [is_dev(t) for t in texts]
    dev_f1, _ = macro_f1([g for g, d in zip(gold, dev, strict=True) if d], [p for p, d in zip(pred, dev, strict=True) if d])
    held_f1, _ = macro_f1([g for g, d in zip(gold, dev, strict=True) if not d],
                          [p for p, d in zip(pred, dev, strict=True) if not d])
    confusion = Counter(zip(gold, pred, strict=True))
    return {"sentences": len(rows), "macro_f1": f1, "dev_macro_f1": dev_f1, "heldout_macro_f1": held_f1,
            "dev_sentences": sum(dev), "heldout_sentences": len(dev) - sum(dev),
            "per_class": {c: {"p": p, "r": r, "f1": f} for c, (p, r, f) in per.items()},
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
            "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows),
            "seconds": elapsed}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        print(f"skipped: {path} not found")
        raise SystemExit(0)
    r = evaluate(path)
    print(f"penta-class macro-F1 {r['macro_f1']:.3f} (dev half {r['dev_macro_f1']:.3f}, "
          f"held-out half {r['heldout_macro_f1']:.3f}), accuracy {r['accuracy']:.3f}, "
          f"{r['sentences']} sentences in {r['seconds']:.1f}s")
    for c, v in r["per_class"].items():
        print(f"  class {c}: P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}")
    print("  confusion (gold->pred):", r["confusion"])
