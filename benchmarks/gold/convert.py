"""Turn verbatim gold annotations (as annotators write them) into the committed reference form.

    .venv/bin/python benchmarks/gold/convert.py ANNOTATIONS.jsonl... > benchmarks/gold/world-events.jsonl

The committed file holds no text from ../shared/data: each mention is a character range in its item's text
(benchmarks/gold/items.py rebuilds the text), checked here to be exact.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import items  # noqa: E402


def _span(text: str, needle: str, start: int, end: int) -> list[int]:
    """The first whole-word occurrence of needle in text[start:end] ('he' is not the end of 'The'), else the first
    occurrence at all."""
    hit = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)").search(text, start, end)
    at = hit.start() if hit else text.find(needle, start, end)
    if at < 0:
        raise ValueError(f"{needle!r} not found")
    return [at, at + len(needle)]


def convert(row: dict) -> dict:
    text, _ = items.item(row["article"])
    sent = _span(text, row["sentence"], 0, len(text))
    out = {"article": row["article"], "sentence": sent, "trigger": _span(text, row["trigger"], *sent),
           "code": row["code"], "root": row["root"]}
    for side in ("source", "target"):
        actor = row.get(side)
        out[side] = None if not actor else {"span": _span(text, actor["text"], *sent), "code": actor.get("code")}
    out.update(joint=bool(row.get("joint")), status=row["status"], date=row.get("date"))
    if row.get("uncertain"):
        out["uncertain"] = True
    return out


def main(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                print(json.dumps(convert(json.loads(line)), ensure_ascii=False))
            except (ValueError, KeyError) as exc:
                bad += 1
                print(f"{path}:{n}: {exc}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
