"""The watchlist repository: named selections of actors, dyads, codes and words, and the event mentions
that match them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..timeutil import utcnow_iso
from . import fulltext
from .event_query import code_condition, dyad_condition, event_select, prefix_range
from .repository import Repository, reading
from .schema import mentions, watch_deliveries, watchlists


def _watch_condition(conn: sa.Connection, wl: dict[str, Any]):
    """A watchlist as a condition on mentions: one of its actors or dyads, one of its codes, one of its
    queries (each kind of criterion that is given must hold)."""
    m = mentions.c
    parts = []
    who = [
        sa.or_(prefix_range(m.source_code, a), prefix_range(m.target_code, a)) for a in wl.get("actors") or []
    ]
    who += [dyad_condition(mentions, a, b) for a, b in wl.get("dyads") or []]
    if who:
        parts.append(sa.or_(*who))
    codes = [code_condition(mentions, c) for c in wl.get("codes") or []]
    if codes:
        parts.append(sa.or_(*codes))
    ids = fulltext.matching_ids(conn, list(wl.get("queries") or []))
    if ids is not None:
        parts.append(m.article_id.in_(ids))
    return sa.and_(*parts) if parts else sa.false()


class Watchlists(Repository):
    """Watchlists and their matches."""

    def add_watchlist(
        self,
        name: str,
        actors: list[str],
        dyads: list[tuple[str, str]],
        codes: list[str],
        queries: list[str],
        webhook: str | None = None,
    ) -> int:
        """Create a watchlist (a ValueError when the name is taken)."""
        with self.engine.begin() as conn:
            if conn.execute(sa.select(watchlists.c.id).where(watchlists.c.name == name)).first():
                raise ValueError(f"a watchlist named {name!r} exists already")
            return conn.execute(
                watchlists.insert().values(
                    name=name,
                    created=utcnow_iso(),
                    actors=list(actors),
                    dyads=[list(d) for d in dyads],
                    codes=list(codes),
                    queries=list(queries),
                    webhook=webhook or None,
                )
            ).inserted_primary_key[0]

    def list_watchlists(self) -> list[dict[str, Any]]:
        with reading(self.engine) as conn:
            return [
                dict(r) for r in conn.execute(sa.select(watchlists).order_by(watchlists.c.name)).mappings()
            ]

    def get_watchlist(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(watchlists).where(watchlists.c.name == name)).mappings().first()
            return dict(row) if row else None

    def remove_watchlist(self, name: str) -> bool:
        """Delete a watchlist and its delivery records; False when there is none of that name."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(watchlists.c.id).where(watchlists.c.name == name)).first()
            if row is None:
                return False
            conn.execute(watch_deliveries.delete().where(watch_deliveries.c.watchlist_id == row.id))
            conn.execute(watchlists.delete().where(watchlists.c.id == row.id))
            return True

    def watch_matches(
        self, wl: dict[str, Any], limit: int = 50, mention_ids: list[int] | None = None
    ) -> list[dict[str, Any]]:
        """Event mentions matching a watchlist, most recently coded first (optionally among given ids)."""
        with reading(self.engine) as conn:
            q = event_select().where(_watch_condition(conn, wl))
            if mention_ids is not None:
                q = q.where(mentions.c.id.in_(list(mention_ids)))
            q = q.order_by(mentions.c.id.desc()).limit(limit)
            return [dict(r) for r in conn.execute(q).mappings()]
