"""Process-wide counters of the monitoring loop, exposed in Prometheus text format."""

from __future__ import annotations

import threading
from collections import Counter


class Metrics:
    """Counters and a latency summary; thread-safe, in memory, reset when the process starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counters: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.poll_seconds_sum = 0.0
        self.poll_count = 0

    def inc(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counters[name] += n

    def error(self, kind: str) -> None:
        with self._lock:
            self.errors[kind] += 1

    def poll_latency(self, seconds: float) -> None:
        with self._lock:
            self.poll_seconds_sum += seconds
            self.poll_count += 1

    def prometheus(self, gauges: dict[str, float] | None = None) -> str:
        """The Prometheus text exposition of every counter, plus the given gauges."""
        lines = []
        with self._lock:
            for name, help_text in (("articles_fetched", "Articles fetched and stored as new"),
                                    ("events_coded", "Event mentions coded"),
                                    ("polls", "Source polls"),
                                    ("not_modified", "Polls answered 304 Not Modified")):
                lines += [f"# HELP dragoman_{name}_total {help_text}.", f"# TYPE dragoman_{name}_total counter",
                          f"dragoman_{name}_total {self.counters[name]}"]
            lines += ["# HELP dragoman_errors_total Errors by kind.", "# TYPE dragoman_errors_total counter"]
            for kind, n in sorted(self.errors.items()):
                lines.append(f'dragoman_errors_total{{kind="{_label(kind)}"}} {n}')
            lines += ["# HELP dragoman_poll_latency_seconds Time to poll a source.",
                      "# TYPE dragoman_poll_latency_seconds summary",
                      f"dragoman_poll_latency_seconds_sum {self.poll_seconds_sum:.6f}",
                      f"dragoman_poll_latency_seconds_count {self.poll_count}"]
        for name, value in (gauges or {}).items():
            lines += [f"# TYPE dragoman_{name} gauge", f"dragoman_{name} {value}"]
        return "\n".join(lines) + "\n"


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


METRICS = Metrics()
