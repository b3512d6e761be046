"""GET /metrics: the monitor's counters and the store's gauges in Prometheus text format."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse

from ..monitor.metrics import METRICS
from ..store import Store
from .deps import get_store

router = APIRouter()
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"


@router.get("/metrics", response_class=PlainTextResponse, tags=["monitoring"],
            summary="Prometheus metrics: articles fetched, events coded, errors by kind, poll latency")
def metrics(store: Annotated[Store, Depends(get_store)]) -> PlainTextResponse:
    activity = store.articles.activity(since_hours=1)
    sources = store.sources.list_sources(followed_only=True)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    gauges = {
        "articles": activity["articles"],
        "event_mentions": activity["mentions"],
        "backlog_articles": activity["uncoded"],
        "sources": len(sources),
        "sources_failing": sum(1 for s in sources if s.get("last_error")),
        "sources_due": sum(1 for s in sources if not s.get("next_poll") or s["next_poll"] <= now),
    }
    return PlainTextResponse(METRICS.prometheus(gauges), media_type=PROMETHEUS_TEXT)
