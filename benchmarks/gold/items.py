"""Texts of the items our gold events refer to, read from ../shared/data (never copied into the project).

An item id names its source:
  iraq_war-N, financial_crisis-N, ...   the N-th update (0-based data row) of background-summaries/<event>/annotator1.tsv
  cameo_ner_train-N                      the N-th sentence (0-based) of conflibert-cameo/cameo_ner_train.txt, detokenized
  cameo_class_train-N                    line N (1-based) of conflibert-cameo/cameo_class_train.tsv
"""

from __future__ import annotations

import csv
import hashlib
import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1].parent / "shared" / "data"


def text_hash(text: str) -> str:
    """A short, stable digest of a text (whitespace-normalised, lower-cased)."""
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:16]


@cache
def _updates(event: str, data: Path) -> list[tuple[str, str]]:
    path = data / "background-summaries" / event / "annotator1.tsv"
    rows = []
    with path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t", quotechar='"')
        next(reader, None)
        for row in reader:
            if len(row) < 2:
                continue
            rows.append((row[0].strip("[] "), row[1].replace("\\n", "\n").strip()))
    return rows


@cache
def _ner_sentences(data: Path) -> list[str]:
    sys.path.insert(0, str(HERE.parent))
    from evaluation.spans import detokenize, read

    return [detokenize(toks)[0] for toks, _ in read(data / "conflibert-cameo" / "cameo_ner_train.txt")]


@cache
def _class_lines(data: Path) -> list[str]:
    lines = (data / "conflibert-cameo" / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    return [line.rsplit("\t", 1)[0].strip() for line in lines]


def item(item_id: str, data: Path = DATA) -> tuple[str, str | None]:
    """(text, published) of an item."""
    name, _, n = item_id.rpartition("-")
    k = int(n)
    if name == "cameo_ner_train":
        return _ner_sentences(data)[k], None
    if name == "cameo_class_train":
        return _class_lines(data)[k - 1], None
    published, text = _updates(name, data)[k]
    return text, published


def updates(event: str, data: Path = DATA) -> list[tuple[str, str]]:
    """(published, text) of every update of a background-summaries event."""
    return _updates(event, data)


def ner_sentences(data: Path = DATA) -> list[str]:
    return _ner_sentences(data)
