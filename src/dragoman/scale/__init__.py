"""Coding with several processes: local worker processes (`process --workers N`) or a Ray cluster
(`process --ray ADDRESS`, the optional `dragoman[scale]` extra). Workers load spaCy and the knowledge
base once and code batches of claimed articles; they write to PostgreSQL themselves, or hand their
extractions to the driver when the store is SQLite (one writer). docs/scale.md tells the whole story."""

from .parallel import Parallel, coding_for

__all__ = ["Parallel", "coding_for"]
