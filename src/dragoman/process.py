"""`dragoman process`: code every stored article not yet coded, and keep the record."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from . import __version__
from .extract import Extractor, InputDoc
from .model import ActorRef, Block
from .store import Store
from .stories.cluster import assign_article
from .watch import notify_coded_articles

PACKAGE = Path(__file__).resolve().parent


# What decides how an article is coded: the code of these packages and modules, and every data file.
CODER_SOURCES = ("nlp", "actors", "events", "extract.py", "ingest/textformat.py", "ingest/htmlextract.py")


def coder_files(root: Path = PACKAGE) -> list[Path]:
    """The coder's rules and data: the files whose change may change what `process` codes."""
    files: set[Path] = set()
    for name in CODER_SOURCES:
        path = root / name
        files.update(path.rglob("*.py") if path.is_dir() else [path] if path.exists() else [])
    files.update(f for f in (root / "data").rglob("*") if f.is_file() and "__pycache__" not in f.parts)
    return sorted(files, key=lambda f: f.relative_to(root).as_posix())


def coder_digest(root: Path = PACKAGE) -> str:
    """A digest of the coder's files: their paths (relative to the package) and contents."""
    h = hashlib.sha256()
    for path in coder_files(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


@cache
def coder_version() -> str:
    """The package version plus a digest of the coder's rules and data files (recorded with every coded
    article; `process` recodes an article an older coder coded)."""
    return f"{__version__}+{coder_digest()}"


class StoreMemory:
    """The actor memory across articles, backed by the store's actors table."""

    def __init__(self, store: Store):
        self.store = store

    def lookup(self, name: str, on: date | None) -> ActorRef | None:
        row = self.store.lookup_actor(name, on)
        if row is None:
            return None
        code = row["code"]
        igo = code.startswith("IGO")
        return ActorRef("", 0, 0, name=row["name"], code=code, country=None if igo else code[:3],
                        sector="IGO" if igo else (code[3:6] or None), role=row["role"])


@dataclass
class ProcessResult:
    article_id: int
    events: int
    error: str | None
    alerts: int = 0  # webhook deliveries queued for watchlists this article matched


def process_store(store: Store, extractor: Extractor, recode: bool = False, limit: int | None = None,
                  on_result: Callable[[ProcessResult], None] | None = None,
                  article_ids: list[int] | None = None, stop=None) -> list[ProcessResult]:
    """Code stored articles (each committed on its own) and return what happened to each."""
    version = coder_version()
    ids = article_ids if article_ids is not None else store.articles_to_code(recode=recode, limit=limit,
                                                                             version=version)
    results: list[ProcessResult] = []

    def items() -> Iterator[InputDoc]:
        for article_id in ids:
            if stop is not None and stop.is_set():
                return  # a clean stop: what was coded is committed, the rest waits for the next run
            row = store.article_for_coding(article_id)
            if row is None:
                continue
            yield _input_doc(row)

    for extraction in extractor.extract_stream(items(), memory=StoreMemory(store)):
        doc = extraction.doc
        article_id = int(doc.id)
        try:
            n = store.save_extraction(article_id, doc, extraction.sightings, version)
            result = ProcessResult(article_id, n, doc.error)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
            store.mark_coded(article_id, version, f"could not store: {exc}")
            result = ProcessResult(article_id, 0, f"could not store: {exc}")
        try:
            assign_article(store, article_id)
        except Exception as exc:  # noqa: BLE001 - clustering trouble must not lose the coding
            result.error = (result.error + "; " if result.error else "") + f"story assignment failed: {exc}"
        try:
            result.alerts = notify_coded_articles(store, [article_id])
        except Exception as exc:  # noqa: BLE001 - a watchlist problem must not lose the coding
            result.error = (result.error + "; " if result.error else "") + f"watchlist alerts failed: {exc}"
        results.append(result)
        if on_result:
            on_result(result)
    for article_id in store.articles_without_story():  # near-duplicates join their original's story
        if stop is not None and stop.is_set():
            break
        if store.article_for_story(article_id)["duplicate_of"] or store.is_coded(article_id):
            assign_article(store, article_id)
    return results


def _input_doc(row: dict) -> InputDoc:
    return InputDoc(text=row["text"], id=str(row["id"]), published=row["published"], url=row["url"],
                    title=row["title"], outlet=row["outlet"],
                    blocks=[Block(k, s, e) for k, s, e in (row.get("blocks") or [])])
