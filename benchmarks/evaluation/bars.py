"""The quality gate: bars kept in benchmarks/bars.toml, checked by each benchmark's --check."""

from __future__ import annotations

import tomllib
from pathlib import Path

BARS = Path(__file__).resolve().parents[1] / "bars.toml"


def bars(section: str) -> dict[str, float]:
    """The bars of one benchmark: measure name → minimum."""
    data = tomllib.loads(BARS.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in (data.get(section) or {}).items()}


def check_bars(section: str, measured: dict[str, float]) -> int:
    """Print each bar with its measure; 1 when any is missed (or not measured), else 0."""
    missed = 0
    for name, bar in bars(section).items():
        value = measured.get(name)
        ok = value is not None and value >= bar
        missed += not ok
        shown = "not measured" if value is None else f"{value:.3f}"
        print(f"{'ok  ' if ok else 'MISS'} {section}: {name} {shown} (bar {bar:.3f})")
    return 1 if missed else 0
