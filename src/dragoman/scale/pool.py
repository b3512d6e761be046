"""Local worker processes (`process --workers N`), each started once (spawned: a clean interpreter,
whatever threads the driver runs) with spaCy and the knowledge base loaded."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .parallel import WorkerDied
from .worker import code_batch, ready, start_worker


class PoolBackend:
    """N local processes. A dead process breaks the pool: it is started again for the batches left."""

    def __init__(self, workers: int, db: str, model: str, max_chars: int):
        self.workers = workers
        self._args = (db, model, max_chars)
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0  # which pool a task went to: only the current pool's failure restarts it
        self._of: dict = {}

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=start_worker, initargs=self._args)
        return self._pool

    def submit(self, ids: list[int], claim: str):
        try:
            future = self._executor().submit(code_batch, ids, claim)
        except BrokenProcessPool:
            self._restart()
            future = self._executor().submit(code_batch, ids, claim)
        self._of[future] = self._generation
        return future

    def wait(self, pending: list, timeout: float | None = None) -> list:
        done, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        out = []
        for future in done:
            generation = self._of.pop(future, None)
            try:
                out.append((future, future.result()))
            except BrokenProcessPool:
                if generation == self._generation:
                    self._restart()
                out.append((future, WorkerDied("a worker process ended")))
        return out

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        self._generation += 1

    def warm(self) -> None:
        """Start every worker now (each loads spaCy, the knowledge base and what the coder loads on first use),
        not at the first batch."""
        futures = [self._executor().submit(ready, 0.5) for _ in range(self.workers)]
        for f in futures:
            f.result()

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and monitoring)."""
        return list(self._pool._processes) if self._pool is not None else []

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
