"""Temporal-expression benchmark: dragoman's tagger against TimeML gold (TempEval-3 style scoring).

Reads the TimeML files of ``../shared/data/tempeval3`` (TBAQ-cleaned: AQUAINT and TimeBank; a file whose
name was already seen in another folder is read once). For each document:

* the text is the content of the ``TEXT`` element with every tag stripped and entities unescaped; the
  gold TIMEX3 spans are kept as character offsets into that text;
* the anchor is the date of the ``DCT`` TIMEX3 (``functionInDocument="CREATION_TIME"``), which is not
  itself scored (it lies outside ``TEXT``);
* ``tag_times(nlp(text), anchor)`` gives the system's expressions.

Scoring follows TempEval-3: a strict match has the same span, a relaxed match any overlap (each gold and
each system expression is matched at most once). Span precision/recall/F1 come from the matched counts;
the value F1 is the official attribute F1: P = relaxed matches with equal value / system expressions,
R = the same / gold expressions (= relaxed F1 x value accuracy over relaxed matches). The type F1 is
computed alike.

The figures are given for all documents and for a split from the committed manifest
(benchmarks/splits/manifest.tsv: the first half of the files in sorted order is "dev", the second "held-out"). Only dev errors are ever looked
at (``--errors`` lists dev errors only), so the held-out figure stays honest.

Run it from the repository root::

    .venv/bin/python benchmarks/evaluation/times.py            # the figures
    .venv/bin/python benchmarks/evaluation/times.py --json     # the figures as one JSON object
    .venv/bin/python benchmarks/evaluation/times.py --errors   # also list the dev half's errors

When the data folder is absent it prints one "skipped: ..." line and exits 0.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tempeval3"

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    value: str | None
    type: str


@dataclass
class GoldDoc:
    name: str
    text: str
    anchor: date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _attrs(s: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(s)}


def _anchor(raw: str) -> date | None:
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", raw):
        a = _attrs(m.group(1))
        if a.get("functionInDocument") == "CREATION_TIME":
            v = a.get("value", "")
            mm = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
            if mm:
                return date(int(mm.group(1)), int(mm.group(2)), int(mm.group(3)))
    return None


def read_timeml(path: Path) -> GoldDoc:
    """The TEXT element's plain text, its TIMEX3 spans (offsets into that text) and the DCT anchor."""
    raw = path.read_text(encoding="utf-8")
    anchor = _anchor(raw)
    m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = m.group(1) if m else ""
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    for t in _TAG.finditer(body):
        chunk = html.unescape(body[pos:t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, name, attrs = t.group(1), t.group(2), t.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, _attrs(attrs))
        elif open_timex is not None:
            start, a = open_timex
            open_timex = None
            timexes.append(GoldTimex(start, length, "", a.get("value"), a.get("type", "DATE")))
    chunk = html.unescape(body[pos:])
    out.append(chunk)
    text = "".join(out)
    for g in timexes:
        g.text = text[g.start:g.end]
    return GoldDoc(path.name, text, anchor, timexes)


def find_files(data_dir: Path) -> list[Path]:
    """Every TimeML file under data_dir in sorted order of its path, each file name once."""
    seen: set[str] = set()
    files: list[Path] = []
    for p in sorted(data_dir.rglob("*.tml"), key=lambda q: q.relative_to(data_dir).as_posix()):
        if p.name in seen:
            continue
        seen.add(p.name)
        files.append(p)
    return files


# -- scoring --------------------------------------------------------------------------------------------


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    docs: int = 0
    seconds: float = 0.0
    parse_seconds: float = 0.0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def figures(self) -> dict[str, float | int]:
        def prf(n: int) -> tuple[float, float, float]:
            p = n / self.system if self.system else 0.0
            r = n / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return round(p, 4), round(r, 4), round(f, 4)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        vp, vr, vf = prf(self.value)
        tp, tr, tf = prf(self.type)
        return {
            "docs": self.docs, "gold": self.gold, "system": self.system,
            "strict_matches": self.strict, "relaxed_matches": self.relaxed, "value_correct": self.value,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_accuracy": round(self.value / self.relaxed, 4) if self.relaxed else 0.0,
            "value_p": vp, "value_r": vr, "value_f1": vf,
            "type_f1": tf,
            "ms_per_doc_tagger": round(1000 * self.seconds / self.docs, 2) if self.docs else 0.0,
            "ms_per_doc_spacy": round(1000 * self.parse_seconds / self.docs, 2) if self.docs else 0.0,
            "tagger_share_of_parse": (round(self.seconds / self.parse_seconds, 4)
                                      if self.parse_seconds else 0.0),
        }


def match(gold: list[GoldTimex], system: list) -> tuple[list[tuple[int, int]], int]:
    """Relaxed one-to-one matching (exact spans first, then the largest overlap); strict match count."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if si not in used_s and s.start == g.start and s.end == g.end:
                pairs.append((gi, si))
                used_g.add(gi)
                used_s.add(si)
                break
    strict = len(pairs)
    cands = []
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        for si, s in enumerate(system):
            if si in used_s:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                cands.append((-overlap, gi, si))
    for _, gi, si in sorted(cands):
        if gi in used_g or si in used_s:
            continue
        pairs.append((gi, si))
        used_g.add(gi)
        used_s.add(si)
    return pairs, strict


def score_doc(doc: GoldDoc, system: list) -> tuple[Counts, list[str]]:
    pairs, strict = match(doc.timexes, system)
    c = Counts(gold=len(doc.timexes), system=len(system), strict=strict, relaxed=len(pairs), docs=1)
    errors: list[str] = []
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    for gi, si in pairs:
        g, s = doc.timexes[gi], system[si]
        if g.value == s.value:
            c.value += 1
        else:
            errors.append(f"VALUE  {g.text!r} gold={g.value} sys={s.text!r}={s.value}  | {_ctx(doc.text, g)}")
        if g.type == s.type:
            c.type += 1
        if (g.start, g.end) != (s.start, s.end):
            errors.append(f"SPAN   gold={g.text!r} sys={s.text!r}")
    for gi, g in enumerate(doc.timexes):
        if gi not in matched_g:
            errors.append(f"MISSED {g.text!r} {g.type} {g.value}  | {_ctx(doc.text, g)}")
    for si, s in enumerate(system):
        if si not in matched_s:
            errors.append(f"EXTRA  {s.text!r} {s.type} {s.value}  | {_ctx(doc.text, s)}")
    return c, errors


def _ctx(text: str, span) -> str:
    a = max(0, span.start - 60)
    b = min(len(text), span.end + 60)
    return " ".join(text[a:b].split())


def evaluate(data_dir: Path, errors_out: list[str] | None = None) -> dict:
    """Figures for all documents, the dev half and the held-out half.

    errors_out, when given, receives the dev half's errors (never the held-out half's).
    """
    sys.path.insert(0, str(ROOT / "src"))
    from dragoman.nlp.pipeline import load
    from dragoman.nlp.times import tag_times
    from evaluation.splits import half_of

    files = find_files(Path(data_dir))
    nlp = load()
    nlp("Warm-up on Friday, March 3, 1998.")
    tag_times(nlp("Warm-up on Friday, March 3, 1998."), date(1998, 3, 9))
    parts = {"all": Counts(), "dev": Counts(), "held-out": Counts()}
    for path in files:
        gold = read_timeml(path)
        t0 = time.perf_counter()
        doc = nlp(gold.text)
        t1 = time.perf_counter()
        system = tag_times(doc, gold.anchor)
        t2 = time.perf_counter()
        c, errs = score_doc(gold, system)
        c.seconds = t2 - t1
        c.parse_seconds = t1 - t0
        split = half_of("tempeval3/" + path.name)
        parts["all"].add(c)
        parts[split].add(c)
        if errors_out is not None and split == "dev" and errs:
            errors_out.append(f"== {path.name} (anchor {gold.anchor})")
            errors_out.extend(errs)
    return {name: counts.figures() for name, counts in parts.items()}


def _print(results: dict) -> None:
    rows = [("strict span", "strict"), ("relaxed span", "relaxed"), ("value", "value")]
    for part, f in results.items():
        print(f"{part}: {f['docs']} documents, {f['gold']} gold expressions, {f['system']} found")
        for label, key in rows:
            print(f"  {label:13s} P {f[key + '_p']:.3f}  R {f[key + '_r']:.3f}  F1 {f[key + '_f1']:.3f}")
        print(f"  value accuracy over relaxed matches {f['value_accuracy']:.3f} "
              f"({f['value_correct']}/{f['relaxed_matches']});  type F1 {f['type_f1']:.3f}")
        print(f"  time per document: tagger {f['ms_per_doc_tagger']:.2f} ms, spaCy parse "
              f"{f['ms_per_doc_spacy']:.2f} ms (tagger = {100 * f['tagger_share_of_parse']:.1f}% of parse)")
    held = results["held-out"]["value_f1"]
    print(f"held-out value F1 {held:.3f} (target >= 0.70; HeidelTime 0.78, SUTime 0.67)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--errors", action="store_true", help="also list the dev half's errors")
    args = ap.parse_args(argv)
    if not args.data.is_dir() or not find_files(args.data):
        print(f"skipped: no TimeML data at {args.data}")
        return 0
    errors: list[str] | None = [] if args.errors else None
    results = evaluate(args.data, errors)
    if errors:
        print("\n".join(errors))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
