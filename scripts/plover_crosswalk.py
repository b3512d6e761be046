"""Rebuild src/dragoman/data/plover/crosswalk.yaml from the official CAMEO → PLOVER table.

The table is CAMEO2PLOVER-2021.txt from the openeventdata/PLOVER repository (CC BY-SA 4.0, edited by
Philip Schrodt, PLOVER manual Draft 0.8, 17 September 2021). Each line reads

    CODE: CATEGORY, mode[; mode], context[; context]  # CAMEO description

and a line "NN: CATEGORY" opens a root's section. Usage:

    .venv/bin/python scripts/plover_crosswalk.py [../shared/data/plover/CAMEO2PLOVER-2021.txt]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
TARGET = ROOT / "src" / "dragoman" / "data" / "plover" / "crosswalk.yaml"
DROPPED = ["01", "02"]  # the manual's table "PLOVER equivalents to CAMEO cue categories": dropped

HEADER = """\
# CAMEO -> PLOVER crosswalk: event category, modes and contexts of every CAMEO code.
#
# Converted by scripts/plover_crosswalk.py from CAMEO2PLOVER-2021.txt ("CAMEO to PLOVER conversion
# table", PLOVER manual version Draft 0.8, 17 September 2021, edited by Philip Schrodt) in the
# openeventdata/PLOVER repository, https://github.com/openeventdata/PLOVER, which is licensed under
# the Creative Commons Attribution-ShareAlike 4.0 International License. This file is a derived work
# under the same licence (see LICENSE.md beside it). Do not edit by hand: rerun the script.
#
# roots:   a root's own category (the first section the table opens for it: 08 is CONCEDE, while
#          084-087 and 0813/0814 are RETREAT); a code the table does not list takes its three-digit
#          parent's entry, else its root's category with no mode or context.
# dropped: roots PLOVER leaves out (CAMEO 01 statements, 02 appeals).
# codes:   event (PLOVER category), mode and context (lists, possibly empty), cameo (the table's own
#          description of the code).
"""


def parse(text: str) -> dict:
    """The table as {roots, dropped, codes}; the same code listed twice must agree."""
    roots: dict[str, str] = {}
    codes: dict[str, dict] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", "~")):
            continue
        body, _, comment = line.partition("#")
        m = re.fullmatch(r"(\d{2,4}):\s*(.*)", body.strip())
        if m is None:
            raise ValueError(f"line {lineno}: not 'CODE: CATEGORY, mode, context': {raw!r}")
        code, rest = m.groups()
        parts = [p.strip() for p in rest.split(",")]
        category = parts[0].upper()
        if len(code) == 2:
            roots.setdefault(code, category)
            continue
        entry = {"event": category, "mode": _values(parts[1] if len(parts) > 1 else ""),
                 "context": _values(parts[2] if len(parts) > 2 else ""), "cameo": comment.strip() or None}
        if code in codes and {k: v for k, v in codes[code].items() if k != "cameo"} != \
                {k: v for k, v in entry.items() if k != "cameo"}:
            raise ValueError(f"line {lineno}: code {code} listed twice with different entries")
        codes.setdefault(code, entry)
    return {"roots": dict(sorted(roots.items())), "dropped": DROPPED, "codes": dict(sorted(codes.items()))}


def _values(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def render(data: dict) -> str:
    lines = [HEADER, "roots:"]
    lines += [f'  "{k}": {v}' for k, v in data["roots"].items()]
    lines.append("dropped: [" + ", ".join(f'"{r}"' for r in data["dropped"]) + "]")
    lines.append("codes:")
    for code, e in data["codes"].items():
        cameo = yaml.safe_dump(e["cameo"], default_style='"', width=1000).strip() if e["cameo"] else "null"
        lines.append(f'  "{code}": {{event: {e["event"]}, mode: [{", ".join(e["mode"])}], '
                     f'context: [{", ".join(e["context"])}], cameo: {cameo}}}')
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    data = parse(source.read_text(encoding="utf-8"))
    text = render(data)
    if yaml.safe_load(text) != {**data}:
        raise SystemExit("the rendered YAML does not read back as the parsed table")
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(data['codes'])} codes, {len(data['roots'])} roots")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
