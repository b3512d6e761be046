"""`make eval`: every quality benchmark with --check against benchmarks/bars.toml; exit 1 when any bar is missed.

Skips (exit 0, with a message) when ../shared/data is not beside the project, as on a user's clone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
RUNS = [
    ["eval_events.py", "--check", "--no-train"],
    ["eval_world.py", "--check"],
    ["eval_background.py", "--check"],
]


def main() -> int:
    if not DATA.exists():
        print(f"quality gate skipped: no evaluation data at {DATA}")
        return 0
    failed = []
    for run in RUNS:
        started = time.monotonic()
        print(f"\n$ benchmarks/{' '.join(run)}", flush=True)
        code = subprocess.call([sys.executable, str(HERE / run[0]), *run[1:]])
        print(f"({time.monotonic() - started:.0f} s)", flush=True)
        if code:
            failed.append(run[0])
    print("\nquality gate: " + (f"FAILED ({', '.join(failed)})" if failed else "all bars met"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
