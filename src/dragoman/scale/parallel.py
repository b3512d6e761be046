"""The driver's side of parallel coding: split a round of claimed articles into batches, keep every
worker busy, store what SQLite workers hand back, and give a dead worker's batch to another worker
(what it had stored stays stored: only the articles still claimed are coded again)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..process import InProcess, ProcessResult, coder_version, save_extraction
from ..store import Store
from .worker import Coded, warm

BATCH = 8  # articles per task (fewer at the end of a round): small enough to balance the workers, large
#           enough for spaCy's batching
TRIES = 3  # a batch whose worker dies this many times is recorded as failed, article by article


class WorkerDied(Exception):
    """A worker process ended while it coded a batch."""


class Backend(Protocol):
    """Worker processes somewhere: local (pool.py) or a Ray cluster (rayrun.py)."""

    workers: int

    def submit(self, ids: list[int], claim: str) -> object: ...

    def wait(self, pending: list, timeout: float | None = None) -> list[tuple[object, list | WorkerDied]]:
        """Finished tasks, (task, its results or WorkerDied): at least one, or none after `timeout` s."""
        ...

    def close(self) -> None: ...


class Parallel:
    """process_store's coding by a backend's workers. While they code, the driver does what it can of
    the ordered finishing step (`idle`, given by process_store)."""

    overlaps_finishing = True

    def __init__(self, backend: Backend, batch: int = BATCH):
        self.backend = backend
        self.batch = batch
        self.died = 0  # workers lost during this run (each batch went to another worker)

    def code(self, store: Store, ids: list[int], claim: str, stop=None, idle=None) -> Iterator[ProcessResult]:
        version = coder_version()
        rest = list(ids)  # not submitted yet, in the order given
        queue: list[tuple[list[int], int]] = []  # batches to submit again (their worker died), first
        tasks: dict = {}
        while tasks or queue or rest:
            while (queue or rest) and len(tasks) < 2 * self.backend.workers:  # each worker busy, one waiting
                if queue:
                    chunk, tries = queue.pop(0)
                else:  # smaller batches near the end, so that the workers finish together
                    size = max(1, min(self.batch, -(-len(rest) // (2 * self.backend.workers))))
                    chunk, rest, tries = rest[:size], rest[size:], 1
                tasks[self.backend.submit(chunk, claim)] = (chunk, tries)
            finished = self.backend.wait(list(tasks), timeout=0)
            while not finished and idle is not None and idle():  # the workers are busy: finish meanwhile
                finished = self.backend.wait(list(tasks), timeout=0)
            for task, outcome in finished or self.backend.wait(list(tasks)):
                chunk, tries = tasks.pop(task)
                if isinstance(outcome, WorkerDied):
                    self.died += 1
                    yield from self._retry(store, chunk, tries, claim, version, queue)
                    continue
                for item in outcome:
                    if isinstance(item, Coded):
                        result = save_extraction(store, item.extraction, version, claim)
                        if result is not None:
                            yield result
                    else:
                        yield item
            if stop is not None and stop.is_set():
                return  # unfinished batches keep their claims until the run releases them

    def _retry(self, store: Store, chunk: list[int], tries: int, claim: str, version: str, queue: list):
        left = store.claimed_by(claim, chunk)
        if not left:
            return
        if tries < TRIES:
            queue.insert(0, (left, tries + 1))
            return
        for article_id in left:
            store.mark_coded(article_id, version, f"extraction failed: the worker died {TRIES} times", claim)
            yield ProcessResult(article_id, 0, f"extraction failed: the worker died {TRIES} times")

    def warm(self) -> None:
        """Start every worker now, each with what it loads (Ray actors are started with the backend)."""
        start = getattr(self.backend, "warm", None)
        if start is not None:
            start()

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Parallel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Serial(InProcess):
    """Coding in this process, as a context manager like Parallel."""

    def warm(self) -> None:
        """Load now what the coder loads on first use (as a worker process does when it starts)."""
        warm(self.extractor)

    def close(self) -> None:
        pass

    def __enter__(self) -> Serial:
        return self

    def __exit__(self, *exc) -> None:
        pass


def coding_for(db: str, settings, workers: int = 1, ray: str | None = None):
    """The coding a command asked for: this process (workers=1, no Ray), N local processes, or Ray."""
    if ray:
        from .rayrun import RayBackend

        return Parallel(RayBackend(ray, db, settings.spacy_model, settings.max_article_chars, workers))
    if workers > 1:
        from .pool import PoolBackend

        return Parallel(PoolBackend(workers, db, settings.spacy_model, settings.max_article_chars))
    from ..extract import Extractor

    return Serial(Extractor(model=settings.spacy_model, max_chars=settings.max_article_chars))
