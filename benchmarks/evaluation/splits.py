"""The committed dev / held-out manifest (benchmarks/splits/manifest.tsv), shared by every benchmark.

Errors are only ever listed for dev items; held-out figures are reported as they come.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[1] / "splits" / "manifest.tsv"


def item_key(text: str) -> str:
    """The item's key: a digest of its lower-cased letters and digits (robust to tokenisation and spacing)."""
    return hashlib.sha1(re.sub(r"[^0-9a-z]", "", text.lower()).encode("utf-8")).hexdigest()[:16]


@cache
def _manifest() -> dict[str, str]:
    out = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, half, *_ = line.split("\t")
        out[key] = half
    return out


def half_of(text: str) -> str:
    """'dev' or 'held-out' for an item's text; an item missing from the manifest is an error, not a guess."""
    key = item_key(text)
    try:
        return _manifest()[key]
    except KeyError:
        raise KeyError(f"item {key} is not in {MANIFEST}; rebuild it with benchmarks/splits/build.py") from None


def is_dev(text: str) -> bool:
    return half_of(text) == "dev"
