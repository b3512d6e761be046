"""Fit the calibrated event confidence on dev items only, and report its calibration on held-out items.

    .venv/bin/python benchmarks/fit_confidence.py            # fit, write src/dragoman/data/confidence.yaml, report
    .venv/bin/python benchmarks/fit_confidence.py --report   # report only, with the weights as they are

Procedure (stated, repeatable):
1. Every item of the world-events gold (benchmarks/evaluation/world.py) is extracted; each emitted event is
   labelled correct when it is matched at the "actors" level (same sentence, same CAMEO root, compatible source
   and target), one to one, as the benchmark scores it.
2. A logistic regression of that label on the features of events/confidence.py is fitted on the DEV items only
   (L2 penalty 1.0 on every weight but the bias; Newton's method to convergence).
3. min_confidence, the default cut below which events stay in the store but leave timelines, briefs, exports
   and alerts, is the cut that maximises the dev items' actors-level F1 among 0.05, 0.10, ... 0.50.
4. Calibration (mean predicted vs observed rate in five bins, Brier score) and precision/recall at a few cuts
   are reported on the HELD-OUT items, which took no part in the fit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DATA = HERE.parent.parent / "shared" / "data"
OUT = HERE.parent / "src" / "dragoman" / "data" / "confidence.yaml"


def collect(data: Path):
    """(item, events, features per event, label per event) for every gold item."""
    from evaluation import world

    import dragoman.events.sentence as sentence

    captured: list[dict] = []
    real = sentence.confidence

    def recording(feats: dict) -> float:
        captured.append(feats)
        return float(len(captured) - 1)  # the event carries its feature row's index instead of a confidence

    sentence.confidence = recording
    try:
        items = world.load_items(data)
        preds = world.extract_items(items)
    finally:
        sentence.confidence = real
    rows = []
    for it in items:
        events = preds[it.id]
        good = {i for i, _ in world.match(events, it.gold, 3)}
        for i, e in enumerate(events):
            rows.append((it, captured[int(e["confidence"])], i in good))
    return items, preds, rows


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0  # the bias is not shrunk
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def scores(items, preds, half_of, half: str, cut: float, weights: dict | None = None, rows_by_event=None):
    from evaluation import world

    counts = world.Counts()
    for it in items:
        if half_of(it.text) != half:
            continue
        events = [e for e in preds[it.id] if e["p"] >= cut]
        counts.add(events, it.gold)
    return counts.figures()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--report", action="store_true", help="do not refit; report the current weights")
    args = ap.parse_args()
    if not (args.data / "world-events-dev").exists():
        print(f"skipped: {args.data / 'world-events-dev'} not found")
        return 0
    import yaml
    from evaluation.splits import half_of

    from dragoman.events.confidence import _weights

    items, preds, rows = collect(args.data)
    names = list(rows[0][1])
    x = np.array([[f[n] for n in names] for _, f, _ in rows])
    y = np.array([1.0 if ok else 0.0 for _, _, ok in rows])
    dev = np.array([half_of(it.text) == "dev" for it, _, _ in rows])
    if args.report:
        current = _weights()
        w = np.array([current.get(n, 0.0) for n in names])
    else:
        w = fit(x[dev], y[dev])
    p = 1 / (1 + np.exp(-(x @ w)))
    k = 0
    for it in items:  # put the fitted probability on every event, in the order collect() saw them
        for e in preds[it.id]:
            e["p"] = p[k]
            k += 1
    cuts = [round(0.05 * i, 2) for i in range(1, 11)]
    best = max(cuts, key=lambda c: scores(items, preds, half_of, "dev", c)["actors"]["f1"])
    if not args.report:
        weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}
        header = OUT.read_text(encoding="utf-8").split("weights:")[0] if OUT.exists() else ""
        header = "\n".join(line for line in header.splitlines() if not line.startswith("min_confidence"))
        OUT.write_text(header.rstrip() + "\n" + yaml.safe_dump({"weights": weights, "min_confidence": best},
                                                              sort_keys=False), encoding="utf-8")
        print(f"wrote {OUT} (fitted on {int(dev.sum())} dev events, {int(y[dev].sum())} correct)")
    print(f"min_confidence (max dev actors-level F1): {best}")
    held = ~dev
    print(f"held-out calibration ({int(held.sum())} events, {int(y[held].sum())} correct): "
          f"Brier {float(np.mean((p[held] - y[held]) ** 2)):.3f}")
    edges = [0, 0.2, 0.4, 0.6, 0.8, 1.01]
    for lo, hi in zip(edges, edges[1:], strict=False):
        sel = held & (p >= lo) & (p < hi)
        if sel.any():
            print(f"  predicted {lo:.1f}-{min(hi, 1):.1f}: {int(sel.sum()):4} events, mean predicted "
                  f"{float(p[sel].mean()):.2f}, observed {float(y[sel].mean()):.2f}")
    print("precision / recall by cut (root level, actors level):")
    for cut in (0.0, 0.1, 0.2, best, 0.3, 0.4, 0.5):
        cells = []
        for half in ("dev", "held-out"):
            f = scores(items, preds, half_of, half, cut)
            cells.append(f"{half} root {f['root']['p']:.3f}/{f['root']['r']:.3f} actors {f['actors']['p']:.3f}/"
                         f"{f['actors']['r']:.3f}")
        print(f"  >= {cut:.2f}: " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
