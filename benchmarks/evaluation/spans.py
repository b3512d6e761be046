"""Source/target/joint actor spans of each sentence's main event, against conflibert-cameo/cameo_ner_train.txt.

BIO tags per token: S (source), T (target), R (joint actors acting together). Scored entity-level:
exact (same type, same token range, as seqeval) and overlap (same type, any shared token).
Dev and held-out sentences come from the committed manifest, benchmarks/splits/manifest.tsv.
The sentence is rebuilt from its tokens as running text (see detokenize); dragoman's highest-confidence event gives
the predicted spans (a joint event's two actors form one R span).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "data" / "conflibert-cameo" / "cameo_ner_train.txt"


def read(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, toks, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        parts = line.split()
        toks.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    if toks:
        sents.append((toks, tags))
    return sents


def entities(tags: list[str]) -> set[tuple[str, int, int]]:
    out, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if kind is not None:
                out.add((kind, start, i))
            kind, start = (tag[2:], i) if tag != "O" else (None, None)
    return out


def _token_range(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    idx = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
    return (idx[0], idx[-1] + 1) if idx else None


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "n't", "'", "’", "”"}
NO_SPACE_AFTER = {"(", "[", "$", "“", "#"}


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Rebuild running text from the gold tokens (as the news text was), keeping each token's offsets.

    Joining tokens with spaces would hand the parser "Kenya ’ s" and "rebel - held"; real text reads
    "Kenya’s" and "rebel-held", and that is what dragoman is built for.
    """
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        glue = i == 0 or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
        if tok in ("s", "S") and prev in ("’", "'"):
            glue = True
        if tok == "-" and prev[-1:].isalnum() and i + 1 < len(tokens) and tokens[i + 1][:1].isalnum():
            glue = True
        if prev == "-" and i >= 2 and tokens[i - 2][-1:].isalnum() and tok[:1].isalnum():
            glue = True
        if not glue:
            out.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
    return "".join(out), offsets


def predicted(tokens: list[str], doc) -> set[tuple[str, int, int]]:
    _, offsets = detokenize(tokens)
    events = doc.events or doc.incidents  # a sentence with no event: the victims its incident names
    if not events:
        return set()
    ev = max(events, key=lambda e: e.confidence)
    out = set()
    text = doc.text
    if ev.joint and ev.source is not None and ev.target is not None and ev.source.end <= ev.target.start \
            and text[ev.source.end:ev.target.start].strip(" ,") in ("and", "", "&"):
        # co-actors ("Jordan and Britain agreed"): one joint span
        r = _token_range(offsets, ev.source.start, ev.target.end)
        if r:
            out.add(("R", *r))
        return out
    # one event per coordinated actor: all events of the main trigger give the spans
    same = [e for e in events if e.trigger.start == ev.trigger.start]
    for e in same:
        for kind, ref in (("S", e.source), ("T", e.target)):
            if ref is not None:
                r = _token_range(offsets, ref.start, ref.end)
                if r:
                    out.add((kind, *r))
    return out


def score(gold: list[set], pred: list[set], overlap: bool) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        if overlap:
            matched_g = {x for x in g if any(y[0] == x[0] and y[1] < x[2] and x[1] < y[2] for y in p)}
            matched_p = {y for y in p if any(y[0] == x[0] and y[1] < x[2] and x[1] < y[2] for x in g)}
            tp += len(matched_p)
            fp += len(p) - len(matched_p)
            fn += len(g) - len(matched_g)
        else:
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def evaluate(path: Path = DEFAULT) -> dict:
    from dragoman.extract import InputDoc, extractor

    sents = read(path)
    started = time.perf_counter()
    docs = [x.doc for x in extractor().extract_stream(InputDoc(text=detokenize(t)[0]) for t, _ in sents)]
    elapsed = time.perf_counter() - started
    gold = [entities(tags) for _, tags in sents]
    pred = [predicted(toks, d) for (toks, _), d in zip(sents, docs, strict=True)]
    from evaluation.splits import is_dev

    dev = [is_dev(d.text) for d in docs]
    out = {"sentences": len(sents), "seconds": elapsed, "dev_sentences": sum(dev), "heldout_sentences": len(dev) - sum(dev)}

    def part(xs: list, want: bool) -> list:
        return [x for x, d in zip(xs, dev, strict=True) if d == want]

    for name, overlap in (("exact", False), ("overlap", True)):
        out[name] = score(gold, pred, overlap)
        out[f"dev_{name}"] = score(part(gold, True), part(pred, True), overlap)
        out[f"heldout_{name}"] = score(part(gold, False), part(pred, False), overlap)
        for kind in ("S", "T", "R"):
            out[f"{name}_{kind}"] = score([{x for x in g if x[0] == kind} for g in gold],
                                          [{x for x in p if x[0] == kind} for p in pred], overlap)
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        print(f"skipped: {path} not found")
        raise SystemExit(0)
    r = evaluate(path)
    for name in ("exact", "overlap"):
        p, rec, f = r[name]
        print(f"source/target span F1 ({name}) {f:.3f} (P {p:.3f} R {rec:.3f}); dev half {r['dev_' + name][2]:.3f}, "
              f"held-out half {r['heldout_' + name][2]:.3f}; S {r[name + '_S'][2]:.3f} T {r[name + '_T'][2]:.3f} "
              f"R {r[name + '_R'][2]:.3f}")
    print(f"{r['sentences']} sentences in {r['seconds']:.1f}s")
