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


def _busy_seconds() -> float:
    """CPU seconds all CPUs have spent busy since boot (/proc/stat)."""
    import os

    fields = [int(v) for v in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class OtherLoad:
    """CPU seconds used by processes other than ours while a block runs: every CPU's busy time minus
    the CPU time of `ours()` (a list of psutil processes: this one, its workers, the database server).
    0 on a machine nobody else uses; about the block's wall time when another process keeps a core busy."""

    def __init__(self, ours):
        self.ours = ours

    @staticmethod
    def _cpu(procs) -> dict:
        out = {}
        for p in procs:
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except Exception:  # noqa: BLE001 - a process that ended meanwhile
                pass
        return out

    def __enter__(self) -> OtherLoad:
        self._t0 = time.perf_counter()
        self._busy0 = _busy_seconds()
        self._ours0 = self._cpu(self.ours())
        return self

    def stop(self) -> None:
        """Take the figures now (while our processes still exist)."""
        ours = self._cpu(self.ours())
        mine = sum(v - self._ours0.get(pid, 0.0) for pid, v in ours.items())
        self.seconds = time.perf_counter() - self._t0
        self.ours_cpu = mine
        self.others_cpu = max(0.0, _busy_seconds() - self._busy0 - mine)

    def __exit__(self, *exc) -> None:
        if not hasattr(self, "others_cpu"):
            self.stop()
