"""From newly coded mentions to webhook deliveries: match, record once, wake the sender."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..config import default_min_confidence
from .delivery import Deliverer, deliverer_for


def evidence_path(row: dict[str, Any]) -> str:
    """The web app's page and anchor of a mention: /article/ID#event-N."""
    return f"/article/{row['article_id']}#event-{row['id']}"


def match_key(row: dict[str, Any]) -> str:
    """Stable across recoding: the article and the event it reports (the mention when unlinked)."""
    return (
        f"{row['article_id']}-{row['event_id']}"
        if row.get("event_id")
        else f"{row['article_id']}-m{row['id']}"
    )


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if not (row.get(f"{prefix}_code") or row.get(f"{prefix}_text")):
        return None
    return {
        "code": row.get(f"{prefix}_code"),
        "name": row.get(f"{prefix}_name"),
        "text": row.get(f"{prefix}_text"),
    }


def payload(wl: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The JSON a webhook receives for one match."""
    return {
        "format": "dragoman-watch/1",
        "watchlist": wl["name"],
        "match": match_key(row),
        "event": {
            "mention_id": row["id"],
            "event_id": row.get("event_id"),
            "code": row["code"],
            "root": row["root"],
            "name": row.get("name"),
            "quad_class": row.get("quad_class"),
            "goldstein": row.get("goldstein"),
            "date": row.get("date"),
            "date_precision": row.get("date_precision"),
            "status": row.get("status"),
            "confidence": row.get("confidence"),
            "rule": row.get("rule"),
            "source": _actor(row, "source"),
            "target": _actor(row, "target"),
            "trigger": row.get("trigger_text"),
            "sentence": row.get("sentence"),
        },
        "article": {
            "id": row["article_id"],
            "title": row.get("article_title"),
            "url": row.get("article_url"),
            "outlet": row.get("outlet"),
        },
        "evidence": evidence_path(row),
    }


def notify_new_mentions(store, mention_ids: Iterable[int], *, deliverer: Deliverer | None = None) -> int:
    """Record the watchlist matches among newly coded mentions and queue their webhook POSTs.

    Call it after an article is coded, with the ids of the mentions just stored. It runs a few small
    queries (one per watchlist with a webhook) and returns; the POSTs are sent by a background thread,
    retried with backoff, and recorded in the store so each match is POSTed once (a restart resumes
    pending ones). Only articles ingested after the watchlist was created count as new. Returns the
    number of new deliveries recorded.
    """
    ids = sorted({int(i) for i in mention_ids})
    if not ids:
        return 0
    hooked = [wl for wl in store.watchlists.list_watchlists() if wl.get("webhook")]
    cut = default_min_confidence()
    added = 0
    for wl in hooked:
        rows = store.watchlists.watch_matches(wl, limit=len(ids), mention_ids=ids)
        fresh: dict[str, dict[str, Any]] = {}
        for r in sorted(rows, key=lambda r: r["id"]):
            if (r.get("article_ingested") or "") < wl["created"] or (r.get("confidence") or 0) < cut:
                continue
            key = match_key(r)
            fresh.setdefault(
                key,
                {
                    "match_key": key,
                    "mention_id": r["id"],
                    "event_id": r.get("event_id"),
                    "article_id": r["article_id"],
                    "payload": payload(wl, r),
                },
            )
        added += store.deliveries.add_deliveries(wl["id"], list(fresh.values()))
    if added:
        (deliverer or deliverer_for(store)).wake()
    return added


def notify_coded_articles(store, article_ids: Iterable[int], *, deliverer: Deliverer | None = None) -> int:
    """notify_new_mentions for every mention of articles just coded (convenient after process_store)."""
    return notify_new_mentions(store, store.events.mention_ids_of(list(article_ids)), deliverer=deliverer)
