"""Queries over sources: the feeds and sitemaps a user follows, with their HTTP cache state."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..timeutil import utcnow_iso
from .repository import Repository
from .schema import sources


class Sources(Repository):
    """Sources (feeds and sitemaps) and their HTTP cache state."""

    def get_source(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sources).where(sources.c.url == url)).mappings().first()
            return dict(row) if row else None

    def upsert_source(self, url: str, **values: Any) -> int:
        """Create the source if new, then update the given fields."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(sources.c.id).where(sources.c.url == url)).first()
            if row is None:
                values.setdefault("created", utcnow_iso())
                return conn.execute(sources.insert().values(url=url, **values)).inserted_primary_key[0]
            if values:
                conn.execute(sources.update().where(sources.c.id == row.id).values(**values))
            return row.id

    def list_sources(self, followed_only: bool = True) -> list[dict[str, Any]]:
        q = sa.select(sources).order_by(sources.c.id)
        if followed_only:
            q = q.where(sources.c.followed.is_(True))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def remove_source(self, url_or_id: str) -> bool:
        cond = sources.c.url == url_or_id
        if url_or_id.isdigit():
            cond = sa.or_(cond, sources.c.id == int(url_or_id))
        with self.engine.begin() as conn:
            return conn.execute(sources.delete().where(cond)).rowcount > 0
