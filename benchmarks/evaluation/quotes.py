"""Quote and attribution benchmark: dragoman's find_quotes against PolNeAR gold attributions.

Reads ``../shared/data/polnear`` (PolNeAR v1: ``<split>/text/<name>.txt`` articles and brat standoff
``<split>/attributions/<name>_<annotator>.ann`` files with Source, Cue and Content spans tied together by
``Attribution`` / ``Attribution-no-source`` events). An article annotated by several annotators is scored
against the first annotation file in sorted order. Every event with a Content span is a gold attribution;
its spans may be discontinuous (a quote split by "he said", a quote over several paragraphs).

System output: ``find_quotes(nlp(text))``. Quotes sharing one cue (same cue offsets) are the parts of one
attribution (a split quote), so they are merged into one predicted attribution before scoring; a quote
without a cue stands alone.

Figures (each gold and each predicted attribution is matched at most once, greedily by overlap size):

* content strict: predicted and gold content cover exactly the same words (``\\w+`` runs), whatever the
  quotation marks, punctuation and segmentation around them - PolNeAR keeps the marks and the comma of a
  direct quote and cuts some quotes sentence by sentence, dragoman gives the words inside the marks;
* content overlap: the two share at least one word (a ``\\w+`` run);
* content words: word-level overlap pooled over the corpus - P = words inside predicted content that lie
  inside some gold content / words inside predicted content; R = the converse over gold content words;
* speaker accuracy over the overlap-matched pairs whose gold has a Source: (a) among pairs whose prediction
  has a speaker, the share where that speaker span overlaps the gold Source span; (b) among all such
  pairs, the same share, a missing speaker counting as wrong;
* cue accuracy: the same two shares for the cue span against the gold Cue span;
* two recalls on subsets (overlap matching): gold content opening with a quotation mark (direct quotes),
  and gold attributions whose cue contains say / tell / according to (reported speech proper). PolNeAR
  also annotates beliefs, intentions, findings and evaluations ("criticized X", "questions about X"),
  which a quote extractor is not after, so these two say more about speech than the overall recall.

Splits: PolNeAR's dev split is divided in two by the committed manifest (benchmarks/splits/manifest.tsv,
the same as sorted file name halves): "dev-A" (the first half; the only part
whose errors are ever listed, ``--errors``) and "dev-B" (never inspected: an honest held-out figure). The
train split is reported as a further figure. No gold data is used by the extractor.

Run it from the repository root::

    .venv/bin/python benchmarks/evaluation/quotes.py               # dev-A, dev-B, dev, train
    .venv/bin/python benchmarks/evaluation/quotes.py --no-train    # dev only (faster)
    .venv/bin/python benchmarks/evaluation/quotes.py --json        # the figures as one JSON object
    .venv/bin/python benchmarks/evaluation/quotes.py --errors      # also list dev-A's errors

When the data folder is absent it prints one "skipped: ..." line and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"

_WORD = re.compile(r"\w+")
_SAY = re.compile(r"(?i)\b(?:say|says|said|saying|tell|tells|told|telling|according to)\b")

Seg = tuple[int, int]


@dataclass
class Attribution:
    content: list[Seg]
    source: list[Seg] = field(default_factory=list)
    cue: list[Seg] = field(default_factory=list)
    kind: str = ""
    label: str = ""  # prediction: its text, for error listings


@dataclass
class Article:
    name: str
    text: str
    gold: list[Attribution]


# -- reading PolNeAR ----------------------------------------------------------------------------------------

def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, list[Seg]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = [(int(a), int(b)) for a, b in (s.split() for s in offsets.split(";"))]
            except ValueError:
                continue
        elif line.startswith("E"):
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            events.append(args)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if not content:
            continue
        out.append(Attribution(content=sorted(content), source=spans.get(ev.get("Source", ""), []),
                               cue=spans.get(ev.get("Cue", ""), [])))
    return out


def read_split(data_dir: Path, split: str) -> list[Article]:
    folder = data_dir / split
    anns: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    out = []
    for name, ann in sorted(anns.items()):
        txt = folder / "text" / f"{name}.txt"
        if txt.is_file():
            out.append(Article(name=name, text=txt.read_text(encoding="utf-8"), gold=read_ann(ann)))
    return out


# -- predictions --------------------------------------------------------------------------------------------

def predictions(quotes: list) -> list[Attribution]:
    """Merge quotes sharing a cue into one attribution (the parts of a split quote)."""
    by_cue: dict[tuple, Attribution] = {}
    out: list[Attribution] = []
    for q in quotes:
        key = (q.cue_start, q.cue_end) if q.cue_start is not None else None
        spk = [(q.speaker.start, q.speaker.end)] if q.speaker is not None else []
        cue = [(q.cue_start, q.cue_end)] if q.cue_start is not None else []
        if key is not None and key in by_cue:
            a = by_cue[key]
            a.content.append((q.start, q.end))
            a.label += " | " + q.text
            if not a.source:
                a.source = spk
            continue
        a = Attribution(content=[(q.start, q.end)], source=spk, cue=cue, kind=q.kind, label=q.text)
        out.append(a)
        if key is not None:
            by_cue[key] = a
    return out


# -- scoring ------------------------------------------------------------------------------------------------

def _words(text: str, segs: list[Seg]) -> set[int]:
    out: set[int] = set()
    for s, e in segs:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return out


def _overlaps(a: list[Seg], b: list[Seg]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(text: str, gold: list[Attribution], pred: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) sharing words, largest overlap first."""
    gw = [_words(text, g.content) for g in gold]
    pw = [_words(text, p.content) for p in pred]
    scored = []
    for gi, g in enumerate(gw):
        for pi, p in enumerate(pw):
            n = len(g & p)
            if n:
                scored.append((n / max(len(g | p), 1), n, gi, pi))
    scored.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in scored:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


@dataclass
class Counts:
    docs: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    overlap: int = 0
    words_pred: int = 0
    words_gold: int = 0
    words_both: int = 0
    spk_pairs: int = 0  # matched pairs whose gold has a source
    spk_given: int = 0  # ... and whose prediction has a speaker
    spk_right: int = 0
    cue_pairs: int = 0
    cue_given: int = 0
    cue_right: int = 0
    direct_gold: int = 0
    direct_found: int = 0
    say_gold: int = 0  # gold attributions cued by say / tell / according to
    say_found: int = 0
    seconds: float = 0.0
    parse_seconds: float = 0.0

    def add(self, other: Counts) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def figures(self) -> dict:
        def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
            p = tp_p / n_p if n_p else 0.0
            r = tp_r / n_r if n_r else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        f: dict = {"docs": self.docs, "gold": self.gold, "system": self.system}
        for name, tp in (("strict", self.strict), ("overlap", self.overlap)):
            f[name + "_p"], f[name + "_r"], f[name + "_f1"] = prf(tp, self.system, tp, self.gold)
        f["words_p"], f["words_r"], f["words_f1"] = prf(self.words_both, self.words_pred, self.words_both,
                                                        self.words_gold)
        f["speaker_acc_given"] = self.spk_right / self.spk_given if self.spk_given else 0.0
        f["speaker_acc_all"] = self.spk_right / self.spk_pairs if self.spk_pairs else 0.0
        f["cue_acc_given"] = self.cue_right / self.cue_given if self.cue_given else 0.0
        f["cue_acc_all"] = self.cue_right / self.cue_pairs if self.cue_pairs else 0.0
        f.update(spk_right=self.spk_right, spk_given=self.spk_given, spk_pairs=self.spk_pairs,
                 cue_right=self.cue_right, cue_given=self.cue_given, cue_pairs=self.cue_pairs,
                 direct_gold=self.direct_gold, direct_found=self.direct_found,
                 say_gold=self.say_gold, say_found=self.say_found)
        f["direct_recall"] = self.direct_found / self.direct_gold if self.direct_gold else 0.0
        f["say_recall"] = self.say_found / self.say_gold if self.say_gold else 0.0
        f["ms_per_doc_quotes"] = 1000 * self.seconds / self.docs if self.docs else 0.0
        f["ms_per_doc_spacy"] = 1000 * self.parse_seconds / self.docs if self.docs else 0.0
        f["quotes_share_of_parse"] = self.seconds / self.parse_seconds if self.parse_seconds else 0.0
        return f


def _is_direct(text: str, a: Attribution) -> bool:
    start = a.content[0][0]
    while start < len(text) and text[start].isspace():
        start += 1
    return text[start:start + 1] in "\"“" or text[start:start + 2] == "''"


def score(art: Article, pred: list[Attribution]) -> tuple[Counts, list[str]]:
    text = art.text
    c = Counts(docs=1, gold=len(art.gold), system=len(pred))
    pairs = match(text, art.gold, pred)
    c.overlap = len(pairs)
    errors: list[str] = []
    for gi, pi in pairs:
        g, p = art.gold[gi], pred[pi]
        if _words(text, g.content) == _words(text, p.content):
            c.strict += 1
        elif errors is not None:
            errors.append(f"SPAN    gold={_show(text, g.content)}\n        sys ={_show(text, p.content)}")
        if g.source:
            c.spk_pairs += 1
            if p.source:
                c.spk_given += 1
                if _overlaps(g.source, p.source):
                    c.spk_right += 1
                else:
                    errors.append(f"SPEAKER gold={_show(text, g.source)} sys={_show(text, p.source)}"
                                  f"  | {_show(text, g.content, 80)}")
            else:
                errors.append(f"NOSPKR  gold={_show(text, g.source)}  | {_show(text, g.content, 80)}")
        if g.cue:
            c.cue_pairs += 1
            if p.cue:
                c.cue_given += 1
                if _overlaps(g.cue, p.cue):
                    c.cue_right += 1
                else:
                    errors.append(f"CUE     gold={_show(text, g.cue)} sys={_show(text, p.cue)}")
    found = {gi for gi, _ in pairs}
    for gi, g in enumerate(art.gold):
        if _is_direct(text, g):
            c.direct_gold += 1
            c.direct_found += gi in found
        if _SAY.search(" ".join(text[a:b] for a, b in g.cue)):
            c.say_gold += 1
            c.say_found += gi in found
    gw = set().union(*(_words(text, g.content) for g in art.gold)) if art.gold else set()
    pw = set().union(*(_words(text, p.content) for p in pred)) if pred else set()
    c.words_gold, c.words_pred, c.words_both = len(gw), len(pw), len(gw & pw)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(art.gold):
        if gi not in matched_g:
            errors.append(f"MISSED  cue={_show(text, g.cue)} | {_show(text, g.content, 120)}")
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            errors.append(f"EXTRA   cue={_show(text, p.cue)} [{p.kind}] | {_show(text, p.content, 120)}")
    return c, errors


def _show(text: str, segs: list[Seg], limit: int = 200) -> str:
    s = " | ".join(" ".join(text[a:b].split()) for a, b in segs)
    return repr(s if len(s) <= limit else s[:limit] + "…")


# -- running ------------------------------------------------------------------------------------------------

def run(articles: list[Article], errors_out: list[str] | None = None) -> Counts:
    sys.path.insert(0, str(ROOT / "src"))
    from dragoman.nlp.pipeline import load
    from dragoman.nlp.quotes import find_quotes

    nlp = load()
    total = Counts()
    for art in articles:
        t0 = time.perf_counter()
        doc = nlp(art.text)
        t1 = time.perf_counter()
        quotes = find_quotes(doc)
        t2 = time.perf_counter()
        c, errs = score(art, predictions(quotes))
        c.parse_seconds, c.seconds = t1 - t0, t2 - t1
        total.add(c)
        if errors_out is not None and errs:
            errors_out.append(f"== {art.name}")
            errors_out.extend(errs)
    return total


def evaluate(data_dir: Path, train: bool = True, errors_out: list[str] | None = None) -> dict:
    """Figures for dev-A (first half of dev), dev-B (second half, held out), dev and train.

    errors_out, when given, receives dev-A's errors only.
    """
    sys.path.insert(0, str(ROOT / "src"))
    from dragoman.nlp.pipeline import load
    from dragoman.nlp.quotes import find_quotes

    data_dir = Path(data_dir)
    find_quotes(load()("Warm-up, he said."))
    from evaluation.splits import half_of

    dev = read_split(data_dir, "dev")
    a = run([x for x in dev if half_of("polnear/dev/" + x.name) == "dev"], errors_out)
    b = run([x for x in dev if half_of("polnear/dev/" + x.name) == "held-out"])
    both = Counts()
    both.add(a)
    both.add(b)
    results = {"dev-A": a.figures(), "dev-B (held out)": b.figures(), "dev": both.figures()}
    if train and (data_dir / "train").is_dir():
        results["train"] = run(read_split(data_dir, "train")).figures()
    return results


def _print(results: dict) -> None:
    for part, f in results.items():
        print(f"{part}: {f['docs']} articles, {f['gold']} gold attributions, {f['system']} predicted")
        print(f"  content strict  (exactly the same words)                           "
              f"P {f['strict_p']:.3f}  R {f['strict_r']:.3f}  F1 {f['strict_f1']:.3f}")
        print(f"  content overlap (one-to-one, sharing a word)                      "
              f"P {f['overlap_p']:.3f}  R {f['overlap_r']:.3f}  F1 {f['overlap_f1']:.3f}")
        print(f"  content words   (word-level overlap pooled over the corpus)        "
              f"P {f['words_p']:.3f}  R {f['words_r']:.3f}  F1 {f['words_f1']:.3f}")
        print(f"  direct quotes (gold content opening with a quotation mark) found: "
              f"{f['direct_recall']:.3f} ({f['direct_found']}/{f['direct_gold']})")
        print(f"  recall on gold cued by say/tell/according to (the core of reported speech): "
              f"{f['say_recall']:.3f} ({f['say_found']}/{f['say_gold']})")
        print(f"  speaker accuracy over matched attributions with a gold source: "
              f"{f['speaker_acc_given']:.3f} where a speaker was predicted ({f['spk_right']}/{f['spk_given']}), "
              f"{f['speaker_acc_all']:.3f} over all ({f['spk_right']}/{f['spk_pairs']})")
        print(f"  cue accuracy over matched attributions with a gold cue:        "
              f"{f['cue_acc_given']:.3f} where a cue was predicted ({f['cue_right']}/{f['cue_given']}), "
              f"{f['cue_acc_all']:.3f} over all ({f['cue_right']}/{f['cue_pairs']})")
        print(f"  time per article: find_quotes {f['ms_per_doc_quotes']:.2f} ms, spaCy parse "
              f"{f['ms_per_doc_spacy']:.1f} ms (find_quotes = {100 * f['quotes_share_of_parse']:.1f}% of parse)")
    held = results["dev-B (held out)"]
    print(f"held-out (dev-B) speaker accuracy {held['speaker_acc_given']:.3f} (target >= 0.70), "
          f"content overlap F1 {held['overlap_f1']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--errors", action="store_true", help="also list dev-A's errors")
    ap.add_argument("--no-train", action="store_true", help="skip the train split")
    args = ap.parse_args(argv)
    if not (args.data / "dev" / "attributions").is_dir():
        print(f"skipped: no PolNeAR data at {args.data}")
        return 0
    errors: list[str] | None = [] if args.errors else None
    results = evaluate(args.data, train=not args.no_train, errors_out=errors)
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
