"""`dragoman process`: code every stored article not yet coded, and keep the record.

Coding is claimed (store/claims.py) so that any number of runs share the work without coding an article
twice; what depends on order (events, the actor memory, stories) is the finishing step's, one run at a
time, in article order."""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

from . import __version__
from .extract import Extractor, InputDoc
from .model import ActorRef, Block
from .store import Store
from .store.claims import new_claim_token
from .store.coding import ClaimLost
from .store.finishing import LINK_RUN
from .store.locks import exclusive
from .stories.cluster import assign_article
from .watch.notify import notify_new_mentions

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


class Coding(Protocol):
    """How claimed articles get coded: in this process, or by worker processes (dragoman.scale)."""

    def code(self, store: Store, ids: list[int], claim: str, stop=None,
             idle: Callable[[], bool] | None = None) -> Iterator[ProcessResult]:
        """Code and store these claimed articles (in the order given); a result for each one stored (in any
        order). Coding that waits for other processes calls `idle` meanwhile: one small piece of the
        ordered finishing step each time, False when none is ready."""
        ...


ROUND = 256  # articles claimed and coded before each finishing step


def process_store(store: Store, extractor: Extractor | None = None, recode: bool = False, limit: int | None = None,
                  on_result: Callable[[ProcessResult], None] | None = None,
                  article_ids: list[int] | None = None, stop=None,
                  coding: Coding | None = None) -> list[ProcessResult]:
    """Code stored articles and return what happened to each.

    In rounds: claim up to ROUND articles (oldest first; ones another run holds are skipped), code them
    (each committed on its own, by `coding`: this process with `extractor` by default), then run the
    finishing step in order (finish_coded). Coding by worker processes gets the round in publication
    order and finishes the round's coded prefix while the workers code the rest (RoundFinisher). Same
    articles, same rounds: same events and stories, whatever codes them."""
    coding = coding or InProcess(extractor)
    claim = new_claim_token()
    version = coder_version()
    pool = list(article_ids) if article_ids is not None else (store.articles_to_code(recode=True) if recode else None)
    results: dict[int, ProcessResult] = {}
    try:
        while not (stop is not None and stop.is_set()):
            want = ROUND if limit is None else min(ROUND, limit - len(results))
            if want <= 0:
                break
            if pool is None:
                ids = store.claim_articles(claim, want, version=version)
            else:
                chunk, pool = pool[:want], pool[want:]
                if not chunk:
                    break
                ids = store.claim_articles(claim, want, ids=chunk, recode=recode, version=version)
                if not ids:
                    continue
            if not ids:
                break
            ahead = RoundFinisher(store, ids, results, stop)
            overlap = getattr(coding, "overlaps_finishing", False)
            for result in coding.code(store, ahead.coding_order() if overlap else ids, claim, stop,
                                      idle=ahead.step if overlap else None):
                results[result.article_id] = result
                if on_result:
                    on_result(result)
            store.renew_claims(claim)
            finish_coded(store, results, stop)
    finally:
        store.release_claims(claim)
    finish_coded(store, results, stop)
    return sorted(results.values(), key=lambda r: r.article_id)


def _note(results: dict[int, ProcessResult], article_id: int, message: str) -> None:
    r = results.get(article_id)
    if r is not None:
        r.error = (r.error + "; " if r.error else "") + message


def _link(store: Store, results: dict[int, ProcessResult], article_ids: list[int]) -> None:
    """Link these articles' mentions to events, in order (LINK_RUN articles at a time), and queue their
    watchlist alerts."""
    for i in range(0, len(article_ids), LINK_RUN):
        run = article_ids[i:i + LINK_RUN]
        linked = store.finish_articles(run)
        for article_id in run:
            try:
                alerts = notify_new_mentions(store, linked[article_id])
                if article_id in results:
                    results[article_id].alerts += alerts
            except Exception as exc:  # noqa: BLE001 - a watchlist problem must not lose the coding
                _note(results, article_id, f"watchlist alerts failed: {exc}")


def _story(store: Store, results: dict[int, ProcessResult], article_id: int, art: dict | None) -> None:
    """Put one article into a story if it is coded or a near-duplicate (whose original's story it joins)."""
    if art is not None and art["story_id"] is None and (art["duplicate_of"] or art["coded_at"] is not None
                                                        or store.is_coded(article_id)):
        try:
            assign_article(store, article_id, art)
        except Exception as exc:  # noqa: BLE001 - clustering trouble must not lose the coding
            _note(results, article_id, f"story assignment failed: {exc}")


def finish_coded(store: Store, results: dict[int, ProcessResult] | None = None, stop=None) -> None:
    """The ordered finishing step, one process at a time: pending sightings join the actor memory;
    each coded article's mentions are linked to events, in article order, and its watchlist alerts
    queued; then articles without a story are assigned, in publication order (near-duplicates join
    their original's story). Problems are added to the article's result, never raised."""
    results = results if results is not None else {}
    with exclusive(store.engine, "finish"):
        store.fold_sightings()
        _link(store, results, store.articles_to_finish())
        for article_id in store.articles_without_story():
            if stop is not None and stop.is_set():
                break
            _story(store, results, article_id, store.article_for_story(article_id))


class RoundFinisher:
    """The finishing step of a round, done ahead while worker processes code it: an article is linked
    once it and every article before it (article order) is coded, and put into a story once it and
    every article before it in publication order is (a near-duplicate: once its original is). What is
    left is finish_coded's at the end of the round. Linking and stories read only what coded articles
    and earlier steps wrote, and the actor memory (which coding reads) is left to finish_coded: the
    same steps in the same order give the same events and stories as finishing after the round."""

    def __init__(self, store: Store, ids: list[int], results: dict[int, ProcessResult], stop=None):
        self.store, self.results, self.stop = store, results, stop
        self.round = set(ids)
        self._queues: tuple[deque[int], deque[int]] | None = None
        self._art: dict[int, dict | None] = {}  # article_for_story of each article found ready

    def _pending(self, article_id: int) -> bool:
        return article_id in self.round and article_id not in self.results

    def queues(self) -> tuple[deque[int], deque[int]]:
        """(articles to link, in article order; articles without a story, in publication order)."""
        if self._queues is None:
            self._queues = (deque(sorted(set(self.store.articles_to_finish()) | self.round)),
                            deque(self.store.articles_without_story()))
        return self._queues

    def coding_order(self) -> list[int]:
        """The round's articles in the order that lets stories follow coding closest: articles that
        have a story (recoded) first, in article order, then the others in publication order."""
        place = {a: i for i, a in enumerate(self.queues()[1]) if a in self.round}
        return sorted(self.round, key=lambda a: (place.get(a, -1), a))

    def step(self, budget: float = 0.1) -> bool:
        """Finish what is ready, for up to `budget` seconds, if no other process is finishing now;
        False when nothing was ready."""
        if self.stop is not None and self.stop.is_set():
            return False
        to_link, to_assign = self.queues()
        if not (to_link and not self._pending(to_link[0])) and not (to_assign and self._story_ready(to_assign[0])):
            return False  # nothing ready: no need for the lock
        done = False
        until = time.monotonic() + budget
        with self.store.finishing_turn() as mine:
            while mine and time.monotonic() < until:
                if to_link and not self._pending(to_link[0]):
                    ready = []
                    while to_link and not self._pending(to_link[0]) and len(ready) < LINK_RUN:
                        ready.append(to_link.popleft())
                    _link(self.store, self.results, ready)
                elif to_assign and self._story_ready(to_assign[0]):
                    _story(self.store, self.results, to_assign[0], self._art.pop(to_assign[0], None))
                    to_assign.popleft()
                else:
                    break
                done = True
        return done

    def _story_ready(self, article_id: int) -> bool:
        """Whether the article and the original it duplicates (and that one's) are coded by now."""
        if article_id in self._art:
            return True  # found ready before (what is coded stays coded)
        seen, current, first = set(), article_id, None
        while current and current not in seen:
            if self._pending(current):
                return False
            seen.add(current)
            art = self.store.article_for_story(current)
            if current == article_id:
                first = art
            current = art["duplicate_of"] if art else None
        self._art[article_id] = first
        return True


class InProcess:
    """Coding in this process, with one loaded extractor."""

    overlaps_finishing = False  # one process: nothing to finish while it waits

    def __init__(self, extractor: Extractor):
        self.extractor = extractor

    def code(self, store: Store, ids: list[int], claim: str, stop=None,
             idle: Callable[[], bool] | None = None) -> Iterator[ProcessResult]:
        def items() -> Iterator[InputDoc]:
            for row in store.articles_for_coding(ids):
                if stop is not None and stop.is_set():
                    return  # a clean stop: what was coded is committed, the rest waits for the next run
                yield input_doc(row)

        version = coder_version()
        for extraction in self.extractor.extract_stream(items(), memory=StoreMemory(store)):
            result = save_extraction(store, extraction, version, claim)
            if result is not None:
                yield result


def save_extraction(store: Store, extraction, version: str, claim: str) -> ProcessResult | None:
    """Store one extraction under the run's claim; None when another run took the article meanwhile."""
    doc = extraction.doc
    article_id = int(doc.id)
    try:
        n = store.save_extraction(article_id, doc, extraction.sightings, version, claim, extraction.clauses)
        return ProcessResult(article_id, n, doc.error)
    except ClaimLost:
        return None
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
        try:
            store.mark_coded(article_id, version, f"could not store: {exc}", claim)
        except ClaimLost:
            return None
        return ProcessResult(article_id, 0, f"could not store: {exc}")


def input_doc(row: dict) -> InputDoc:
    """A stored article as the extractor reads it."""
    return InputDoc(text=row["text"], id=str(row["id"]), published=row["published"], url=row["url"],
                    title=row["title"], outlet=row["outlet"],
                    blocks=[Block(k, s, e) for k, s, e in (row.get("blocks") or [])])
