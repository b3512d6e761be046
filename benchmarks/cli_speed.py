"""Start-up time of the command line: `dragoman --version`, `dragoman --help` and a sub-command's help.

What it measures: wall-clock seconds of the whole process, as a user waits for it (`python -m
dragoman ...` from the project's interpreter, spawned with subprocess; the console script does the
same), best and median of ``--runs`` runs (default 15) after one warm-up run that fills the OS file
cache. Python's own start-up (`python -c pass`) is printed beside it. Target: best run under 0.5 s for
each command; ``--check`` exits 1 on a missed target.

Run it from the repository root::

    .venv/bin/python benchmarks/cli_speed.py
    .venv/bin/python benchmarks/cli_speed.py --runs 30 --check
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from machine import contention

TARGET = 0.5
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "dragoman --version": [sys.executable, "-m", "dragoman", "--version"],
    "dragoman --help": [sys.executable, "-m", "dragoman", "--help"],
    "dragoman events --help": [sys.executable, "-m", "dragoman", "events", "--help"],
    "dragoman export --help": [sys.executable, "-m", "dragoman", "export", "--help"],
}


def timings(argv: list[str], runs: int) -> list[float]:
    """Seconds per run, after a warm-up run; a failing command is an error."""
    subprocess.run(argv, check=True, capture_output=True)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a best run is 0.5 s or more")
    args = parser.parse_args()
    print(f"machine contention (wall/CPU of a busy loop, 1.0 = idle core): {contention():.2f}")
    missed = []
    for label, argv in COMMANDS.items():
        t = timings(argv, args.runs)
        best, median = min(t), statistics.median(t)
        print(f"{label:<26} best {best:.3f} s   median {median:.3f} s   ({args.runs} runs)")
        if label.startswith("dragoman") and best >= TARGET:
            missed.append(label)
    if missed:
        print(f"over {TARGET} s: {', '.join(missed)}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
