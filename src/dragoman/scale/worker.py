"""One coding worker: a loaded extractor and an open store; codes a batch of claimed articles."""

from __future__ import annotations

from dataclasses import dataclass

from ..extract import Extractor, InputDoc
from ..process import ProcessResult, StoreMemory, coder_version, input_doc, save_extraction
from ..store import open_store

# A short article that touches what the coder loads on first use: the language identifier, the knowledge
# base, place names (a city and a country), people with roles, an event between two countries.
WARM_TEXT = ("WASHINGTON - President Barack Obama met Israeli Prime Minister Benjamin Netanyahu in Paris on Monday, "
             "officials said. Police arrested twelve protesters in Baghdad after clashes with Iraqi soldiers. "
             "France condemned the attack and sent aid to Lebanon.")


def warm(extractor: Extractor) -> None:
    """Code one short article and forget it, so that what the coder loads on first use (place names, the
    language identifier, the knowledge base) is loaded now and not while the first batch is coded."""
    list(extractor.extract_stream([InputDoc(text=WARM_TEXT, id="0", published="2013-01-07")]))


@dataclass
class Coded:
    """An extraction for the driver to store (SQLite: the driver is the one writer)."""

    article_id: int
    extraction: object


class BatchCoder:
    """What each worker process (or Ray actor) holds for its whole life: spaCy, the knowledge base and a
    connection to the store (read for the articles and the actor memory; written when it is PostgreSQL)."""

    def __init__(self, db: str, model: str, max_chars: int):
        self.store = open_store(db, create=False)
        self.extractor = Extractor(model=model, max_chars=max_chars)
        warm(self.extractor)
        self.writes = self.store.engine.dialect.name != "sqlite"

    def code(self, ids: list[int], claim: str) -> list[ProcessResult | Coded]:
        """Code these claimed articles: stored here (PostgreSQL) or returned for the driver to store."""
        rows = [r for r in self.store.articles_for_coding(ids)]
        version = coder_version()
        out: list[ProcessResult | Coded] = []
        for extraction in self.extractor.extract_stream((input_doc(r) for r in rows),
                                                         memory=StoreMemory(self.store)):
            if not self.writes:
                out.append(Coded(int(extraction.doc.id), extraction))
                continue
            result = save_extraction(self.store, extraction, version, claim)
            if result is not None:
                out.append(result)
        return out

    def ping(self) -> bool:
        """Ready (spaCy, the knowledge base and what the coder loads on first use loaded)."""
        return True


_WORKER: BatchCoder | None = None


def start_worker(db: str, model: str, max_chars: int) -> None:
    """Initializer of a local worker process: load once."""
    global _WORKER
    _WORKER = BatchCoder(db, model, max_chars)


def ready(pause: float = 0.0) -> int:
    """A started worker's process id (after a pause, so that a pool starts all its workers at once)."""
    import os
    import time

    time.sleep(pause)
    return os.getpid()


def code_batch(ids: list[int], claim: str) -> list[ProcessResult | Coded]:
    """The task a local worker process runs."""
    assert _WORKER is not None, "worker not started"
    return _WORKER.code(ids, claim)
