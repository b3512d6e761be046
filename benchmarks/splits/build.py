"""Build benchmarks/splits/manifest.tsv: which half (dev or held-out) every evaluation item is in.

    .venv/bin/python benchmarks/splits/build.py      # rewrites the manifest from ../shared/data

One item is one text, keyed by a hash of its letters and digits (benchmarks/evaluation/splits.py), so a sentence
that occurs in two tasks (927 ConfliBERT sentences are in both the class and the span file) has one half everywhere.

How the halves were made (2026-12-06), and why some items can never be held out:
- ConfliBERT class and span sentences: until 2026-11-29 the coder was built while looking at the first half of
  each file, then at the even-numbered sentences of each file. Any sentence seen either way, in either file, is
  "dev" for good. The sentences never exposed are "held-out".
- World events (world-events-dev and the project's own gold, benchmarks/gold/): new this round; an item is
  held-out when its hash is odd, unless its text was exposed through the ConfliBERT studies above.
- TempEval-3 documents and PolNeAR dev documents: the first half in sorted order was the studied half from the
  start; that stays so.
- Story clustering and background (background-summaries): all six events were studied while the clustering was
  built; they are all "dev", and clustering thresholds are chosen by leave-one-event-out cross-validation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "gold"))

import items  # noqa: E402
from evaluation import penta, spans  # noqa: E402
from evaluation.splits import MANIFEST, item_key  # noqa: E402

DATA = items.DATA


def _legacy_exposed(n: int) -> list[bool]:
    """Seen by the coder's authors: the first half, then the even-numbered items."""
    return [i % 2 == 0 or i < n // 2 for i in range(n)]


def build() -> list[tuple[str, str, str, str]]:
    rows: dict[str, list[str]] = {}  # key -> [half, task, item id]

    def put(key: str, half: str, task: str, ident: str) -> None:
        if key in rows:
            if half == "dev":
                rows[key][0] = "dev"
            if task not in rows[key][1].split(","):
                rows[key][1] += "," + task
            return
        rows[key] = [half, task, ident]

    class_rows = penta.read(DATA / "conflibert-cameo" / "cameo_class_train.tsv")
    ner = spans.read(DATA / "conflibert-cameo" / "cameo_ner_train.txt")
    exposed: set[str] = set()
    for seen, (text, _) in zip(_legacy_exposed(len(class_rows)), class_rows, strict=True):
        if seen:
            exposed.add(item_key(text))
    ner_texts = [spans.detokenize(toks)[0] for toks, _ in ner]
    for seen, text in zip(_legacy_exposed(len(ner_texts)), ner_texts, strict=True):
        if seen:
            exposed.add(item_key(text))
    for i, (text, _) in enumerate(class_rows):
        key = item_key(text)
        put(key, "dev" if key in exposed else "held-out", "penta", f"cameo_class_train#{i}")
    for i, text in enumerate(ner_texts):
        key = item_key(text)
        put(key, "dev" if key in exposed else "held-out", "spans", f"cameo_ner_train-{i}")

    world = DATA / "world-events-dev"
    world_items = [(json.loads(line)["id"], json.loads(line)["text"])
                   for name in ("iraq-set.jsonl", "conflibert-set.jsonl")
                   for line in (world / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    for ident in (HERE.parent / "gold" / "world-items.txt").read_text().split():
        world_items.append((ident, items.item(ident)[0]))
    for ident, text in world_items:
        key = item_key(text)
        odd = int(key[-1], 16) % 2 == 1
        put(key, "held-out" if odd and key not in exposed else "dev", "world", ident)

    from evaluation import quotes, times

    timeml = times.find_files(DATA / "tempeval3")
    for i, path in enumerate(timeml):
        put(item_key("tempeval3/" + path.name), "dev" if i < (len(timeml) + 1) // 2 else "held-out", "times",
            path.name)
    polnear_dev = [a.name for a in quotes.read_split(DATA / "polnear", "dev")]
    for i, name in enumerate(polnear_dev):
        put(item_key("polnear/dev/" + name), "dev" if i < (len(polnear_dev) + 1) // 2 else "held-out", "quotes",
            name)
    for event in sorted(p.name for p in (DATA / "background-summaries").iterdir() if p.is_dir()):
        put(item_key("background-summaries/" + event), "dev", "stories", event)
    return sorted((k, *v) for k, v in rows.items())


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return 0
    rows = build()
    with MANIFEST.open("w", encoding="utf-8") as fh:
        fh.write("# key\thalf\ttasks\tfirst item (see benchmarks/splits/build.py for how the halves were made)\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for _, half, tasks, _ in rows:
        for task in tasks.split(","):
            counts[(task, half)] = counts.get((task, half), 0) + 1
    for (task, half), n in sorted(counts.items()):
        print(f"{task:8} {half:9} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
