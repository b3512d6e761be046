"""The delivery repository: the queue of watchlist matches to post to webhooks, claimed by one sender at
a time, retried until delivered or failed for good."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from ..timeutil import utcnow_iso
from .repository import Repository
from .schema import watch_deliveries, watchlists

DELIVERY_LEASE = 120.0  # seconds a claimed delivery stays claimed (a crashed sender's claim expires)


class Deliveries(Repository):
    """Webhook deliveries of watchlist matches."""

    def add_deliveries(self, watchlist_id: int, rows: list[dict[str, Any]]) -> int:
        """Record matches to deliver (ignoring ones already recorded); returns how many are new."""
        if not rows:
            return 0
        now = utcnow_iso()
        added = 0
        with self.engine.begin() as conn:
            for r in rows:
                exists = conn.execute(
                    sa.select(watch_deliveries.c.id).where(
                        watch_deliveries.c.watchlist_id == watchlist_id,
                        watch_deliveries.c.match_key == r["match_key"],
                    )
                ).first()
                if exists:
                    continue
                conn.execute(
                    watch_deliveries.insert().values(
                        watchlist_id=watchlist_id,
                        match_key=r["match_key"],
                        mention_id=r.get("mention_id"),
                        event_id=r.get("event_id"),
                        article_id=r.get("article_id"),
                        payload=json.dumps(r["payload"], ensure_ascii=False, default=str),
                        state="pending",
                        attempts=0,
                        next_attempt=0.0,
                        created=now,
                    )
                )
                added += 1
        return added

    def claim_deliveries(self, now: float, limit: int = 20) -> list[dict[str, Any]]:
        """Due deliveries, each claimed atomically (so two processes never send the same one at once)."""
        d = watch_deliveries.c
        due = (
            sa.select(watch_deliveries, watchlists.c.webhook, watchlists.c.name.label("watchlist"))
            .select_from(watch_deliveries.join(watchlists, watchlists.c.id == d.watchlist_id))
            .where(d.state.in_(("pending", "sending")), d.next_attempt <= now)
            .order_by(d.next_attempt, d.id)
            .limit(limit)
        )
        claimed = []
        with self.engine.begin() as conn:
            for r in conn.execute(due).mappings().all():
                ok = conn.execute(
                    watch_deliveries.update()
                    .where(d.id == r["id"], d.state.in_(("pending", "sending")), d.next_attempt <= now)
                    .values(state="sending", next_attempt=now + DELIVERY_LEASE)
                ).rowcount
                if ok:
                    claimed.append(dict(r))
        return claimed

    def finish_delivery(
        self,
        delivery_id: int,
        *,
        delivered: bool,
        attempts: int,
        next_attempt: float | None,
        status: int | None,
        error: str | None,
    ) -> None:
        """Record an attempt: delivered, to retry at next_attempt, or failed for good (next_attempt None)."""
        state = "delivered" if delivered else ("pending" if next_attempt is not None else "failed")
        with self.engine.begin() as conn:
            conn.execute(
                watch_deliveries.update()
                .where(watch_deliveries.c.id == delivery_id)
                .values(
                    state=state,
                    attempts=attempts,
                    next_attempt=next_attempt or 0.0,
                    last_status=status,
                    last_error=error,
                    delivered_at=utcnow_iso() if delivered else None,
                )
            )

    def next_delivery_time(self) -> float | None:
        """When the earliest pending delivery falls due (epoch seconds), or None."""
        d = watch_deliveries.c
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.min(d.next_attempt)).where(d.state.in_(("pending", "sending")))
            ).scalar()

    def count_pending_deliveries(self) -> int:
        d = watch_deliveries.c
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.count()).where(d.state.in_(("pending", "sending")))
            ).scalar_one()

    def list_deliveries(self, watchlist_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        q = sa.select(watch_deliveries).order_by(watch_deliveries.c.id.desc()).limit(limit)
        if watchlist_id is not None:
            q = q.where(watch_deliveries.c.watchlist_id == watchlist_id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]
