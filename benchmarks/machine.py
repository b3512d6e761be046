"""How busy the machine is while a benchmark runs, shared by the speed benchmarks."""

from __future__ import annotations

import time


def contention(seconds: float = 0.5) -> float:
    """Wall time / CPU time of a pure-Python busy loop: 1.0 on an idle core, ~3 when three runnable
    processes share each core. Printed so that a figure taken on a loaded machine can be read as such."""
    w0, c0 = time.perf_counter(), time.process_time()
    x = 0
    while time.process_time() - c0 < seconds:
        x += 1
    return (time.perf_counter() - w0) / max(time.process_time() - c0, 1e-9)
