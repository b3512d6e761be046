"""Storing what inputs give: exact and near-duplicate checks, one committed article at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..config import Settings
from ..model import Article, DuplicateArticle, IngestResult
from . import dedupe
from .inputs import Failed, InputReader, Known, NotModified, Ready, ToFetch
from .language import detect_language
from .urls import is_http_url
from .web import Fetcher

if TYPE_CHECKING:  # the store sits above ingest: it is handed in, never imported
    from ..store import Store


class Ingestor:
    """Ingests inputs into a store; every input ends as new, duplicate or failed, and is logged."""

    def __init__(self, store: Store, settings: Settings, published: str | None = None,
                 fetcher: Fetcher | None = None):
        self.store = store
        self.settings = settings
        self._own_fetcher = fetcher is None
        self.fetcher = fetcher or Fetcher(settings)
        self.reader = InputReader(settings, self.fetcher, store=store, published=published)
        self._inflight: set[str] = set()  # URLs being fetched now (several threads may share an Ingestor)
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ingest(self, inputs: Iterable[str], as_kind: str = "auto") -> Iterator[IngestResult]:
        """Ingest each input in turn, yielding one result per article-level item."""
        for ref in inputs:
            try:
                for item in self.reader.expand(ref, as_kind):
                    yield self.handle_isolated(item, ref)
            except Exception as exc:  # noqa: BLE001
                yield self._failed(ref, None, f"internal error: {exc!r}"[:300])

    def handle_isolated(self, item, ref: str) -> IngestResult:
        """handle(item); whatever it raises becomes a failed result naming the item."""
        try:
            return self.handle(item)
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the batch
            return self._failed(getattr(item, "input_ref", ref), None, f"internal error: {exc!r}"[:300])

    def handle(self, item) -> IngestResult:
        """Store one work item (fetching it first when it is a URL)."""
        if isinstance(item, ToFetch):
            key = item.url
            with self._lock:
                busy = key in self._inflight
                self._inflight.add(key)
            if busy:  # another source lists the same article and is fetching it right now
                return IngestResult(item.input_ref, "duplicate", None, "being fetched for another source")
            try:
                existing = self.store.articles.article_id_for_url(item.url)
                if existing is not None:
                    item = Known(item.input_ref, item.kind, existing)
                else:
                    item = self.reader.fetch_article(item)
                    if isinstance(item, Ready):
                        return self.store_article(item.article, item.kind)
            finally:
                with self._lock:
                    self._inflight.discard(key)
        if isinstance(item, Known):
            self.store.articles.log_ingest(item.input_ref, item.kind, "duplicate", "URL already stored", item.article_id)
            return IngestResult(item.input_ref, "duplicate", item.article_id, "URL already stored")
        if isinstance(item, NotModified):
            self.store.articles.log_ingest(item.input_ref, item.kind, "duplicate", "not modified (HTTP 304)")
            return IngestResult(item.input_ref, "duplicate", None, "not modified (HTTP 304)")
        if isinstance(item, Failed):
            return self._failed(item.input_ref, item.kind, item.reason)
        assert isinstance(item, Ready)
        return self.store_article(item.article, item.kind)

    def store_article(self, article: Article, kind: str) -> IngestResult:
        """Deduplicate and store one extracted article."""
        ref = article.input_ref or article.url or "(input)"
        # only a valid http(s) URL is an article's URL (never javascript:, data:, a broken host...)
        if article.url and not is_http_url(article.url):
            article.url = None
        if article.canonical_url and not is_http_url(article.canonical_url):
            article.canonical_url = None
        if len(article.text) > self.settings.max_article_chars:
            return self._failed(ref, kind, f"article too long ({len(article.text)} characters > limit "
                                           f"{self.settings.max_article_chars})")
        digest = dedupe.content_hash(article.text)
        signature = dedupe.minhash(article.text)
        buckets = dedupe.band_buckets(signature)
        found = self.store.articles.dedupe_lookup(article.canonical_url, digest, buckets)
        if found["by_url"] is not None:
            return self._duplicate(ref, kind, found["by_url"], "URL already stored")
        duplicate_of = None
        for row in found["same_text"]:
            if article.outlet_domain is None or row["outlet"] in (None, article.outlet_domain):
                return self._duplicate(ref, kind, row["id"], "same text already stored")
            duplicate_of = row["duplicate_of"] or row["id"]
            break
        if duplicate_of is None:
            best_sim = self.settings.near_duplicate_threshold
            for data, original in found["candidates"].values():
                sim = dedupe.similarity(signature, dedupe.from_bytes(data))
                if sim >= best_sim:
                    duplicate_of, best_sim = original, sim
        article.language = detect_language(article.text, article.language)
        try:
            article_id = self.store.articles.add_article(article, digest, dedupe.to_bytes(signature), buckets,
                                                duplicate_of, kind)
        except DuplicateArticle as exc:
            return self._duplicate(ref, kind, exc.article_id, "URL already stored")
        reason = f"near-duplicate of article {duplicate_of}" if duplicate_of else None
        return IngestResult(ref, "new", article_id, reason, duplicate_of=duplicate_of, title=article.title)

    def _failed(self, ref: str, kind: str | None, reason: str) -> IngestResult:
        self.store.articles.log_ingest(ref, kind, "failed", reason)
        return IngestResult(ref, "failed", None, reason)

    def _duplicate(self, ref: str, kind: str, article_id: int | None, reason: str) -> IngestResult:
        self.store.articles.log_ingest(ref, kind, "duplicate", reason, article_id)
        return IngestResult(ref, "duplicate", article_id, reason)
