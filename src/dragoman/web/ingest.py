"""Ingesting one URL from the server: refused for private addresses (checked up front for a clear 400,
and again on the address each connection is made to), then fetched, stored, coded, clustered and
announced to watchlists — one request at a time."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import HTTPException

from ..ingest import Ingestor
from ..ingest.web import Fetcher
from ..stories.cluster import assign_article
from ..watch import notify_coded_articles
from .security import UrlRefused, check_public_url


def _extractor(app_state):
    if app_state.extractor is None:
        from ..extract import Extractor
        from ..nlp.pipeline import ModelNotInstalled

        settings = app_state.settings
        try:
            app_state.extractor = Extractor(model=settings.spacy_model, max_chars=settings.max_article_chars)
        except ModelNotInstalled as exc:
            raise HTTPException(503, str(exc)) from None
    return app_state.extractor


def ingest_url(app_state, url: str) -> dict[str, Any]:
    """Fetch and store the article (or feed entries) at a public URL, code what is new, and report."""
    from ..process import process_store

    settings = app_state.settings
    store = app_state.store
    try:
        url = check_public_url(url, settings.allow_private_urls)
    except UrlRefused as exc:
        raise HTTPException(400, f"{url}: {exc}") from None
    with app_state.ingest_lock:
        fetcher = Fetcher(settings)  # guarded at every connection, redirects and robots.txt included
        with fetcher, Ingestor(store, settings, fetcher=fetcher) as ingestor:
            results = list(ingestor.ingest([url]))
        new = [r.article_id for r in results if r.status == "new" and r.article_id]
        pending = set(store.coding.articles_to_code())
        todo = [a for a in new if a in pending]
        coded = process_store(store, _extractor(app_state), article_ids=todo) if todo else []
        for article_id in new:
            if article_id not in todo:
                assign_article(store, article_id)
        # harmless if process_store notifies too: a match is recorded (and POSTed) once
        notify_coded_articles(store, todo, deliverer=app_state.deliverer)
    return {
        "url": url,
        "results": [asdict(r) for r in results],
        "articles": [{"id": a, "url": f"/article/{a}"} for a in new],
        "coded": [{"article_id": c.article_id, "events": c.events, "error": c.error} for c in coded],
    }
