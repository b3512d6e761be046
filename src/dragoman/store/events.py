"""The event repository: filtered pages of event mentions with their evidence, distinct events, and the
actors that events name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from .event_query import (
    WALK_COLUMNS,
    WALK_WINDOW,
    EventQuery,
    event_conditions,
    event_select,
    prefix_range,
    sort_order,
    walk_order,
)
from .repository import Repository
from .schema import events, mentions


class Events(Repository):
    """Event mentions and distinct events, as the web pages, the API and the CLI read them."""

    legacy_names = {"web_events": "page", "iter_web_events": "stream", "count_web_events": "count"}

    def page(self, eq: EventQuery, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """One page of event mentions matching a query, with their evidence.

        Two plans: for date or id order, first walk the newest (oldest) rows of the (date, id) index in a
        bounded window and filter them - quick when matches are common, whatever their number; when the
        window does not fill the page, the matches are rare and the filter's own indexes find them all,
        and only their ids are sorted. The page's rows are then read with their article and event.
        """
        with self.engine.connect() as conn:
            ids = self._page_ids(conn, eq, limit, offset)
            if not ids:
                return []
            q = event_select().where(mentions.c.id.in_(ids)).order_by(*sort_order(eq.sort, dialect=conn.dialect.name))
            return [dict(r) for r in conn.execute(q).mappings()]

    def _page_ids(self, conn: sa.Connection, eq: EventQuery, limit: int, offset: int) -> list[int]:
        conds = event_conditions(conn, eq)
        walk = walk_order(eq.sort, dialect=conn.dialect.name)
        if conds and walk is not None:
            window = max(WALK_WINDOW, (limit + offset) * 10)
            inner = sa.select(*(mentions.c[c] for c in WALK_COLUMNS)).order_by(*walk).limit(window)
            if eq.sort == "date":
                inner = inner.where(mentions.c.date.is_not(None))
            w = inner.subquery("w")
            q = (
                sa.select(w.c.id)
                .where(*event_conditions(conn, eq, w))
                .order_by(*walk_order(eq.sort, w, conn.dialect.name))
                .limit(limit)
                .offset(offset)
            )
            ids = [r.id for r in conn.execute(q)]
            if len(ids) == limit:
                return ids
        q = (
            sa.select(mentions.c.id)
            .where(*event_conditions(conn, eq, expand=True))
            .order_by(*sort_order(eq.sort, dialect=conn.dialect.name))
            .limit(limit)
            .offset(offset)
        )
        return [r.id for r in conn.execute(q)]

    def stream(
        self, eq: EventQuery, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Event mentions matching a query, streamed (for downloads of any size)."""
        with self.engine.connect() as conn:
            q = event_select().where(*event_conditions(conn, eq)).order_by(*sort_order(eq.sort, dialect=conn.dialect.name))
            if limit is not None:
                q = q.limit(limit)
            if offset:
                q = q.offset(offset)
            for r in conn.execution_options(yield_per=2000).execute(q).mappings():
                yield dict(r)

    def count(self, eq: EventQuery) -> int:
        """How many event mentions match a query."""
        with self.engine.connect() as conn:
            q = sa.select(sa.func.count()).select_from(mentions).where(*event_conditions(conn, eq))
            return conn.execute(q).scalar_one()

    def get_event(self, event_id: int) -> dict[str, Any] | None:
        """One distinct event (the row that links its mentions)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().first()
            return dict(row) if row else None

    def mention_anchors(self, event_ids: list[int]) -> dict[tuple[int, int], int]:
        """For each (article, event) pair of these events, the first mention's id (its page anchor)."""
        out: dict[tuple[int, int], int] = {}
        ids = sorted({e for e in event_ids if e is not None})
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = (
                    sa.select(
                        mentions.c.article_id, mentions.c.event_id, sa.func.min(mentions.c.id).label("mid")
                    )
                    .where(mentions.c.event_id.in_(ids[i : i + 500]))
                    .group_by(mentions.c.article_id, mentions.c.event_id)
                )
                for r in conn.execute(q):
                    out[(r.article_id, r.event_id)] = r.mid
        return out

    def mention_ids_of(self, article_ids: list[int]) -> list[int]:
        """The ids of these articles' stored mentions (what notify_new_mentions takes)."""
        if not article_ids:
            return []
        with self.engine.connect() as conn:
            q = sa.select(mentions.c.id).where(mentions.c.article_id.in_(list(article_ids)))
            return [r.id for r in conn.execute(q.order_by(mentions.c.id))]

    # -- actors ---------------------------------------------------------------------------------
    def counterparts(self, code: str, limit: int = 25) -> list[dict[str, Any]]:
        """The actors an actor deals with: events each way and their Goldstein sums, busiest first."""
        e = events.c
        coop = sa.func.sum(sa.case((e.goldstein > 0, e.goldstein), else_=0.0))
        conflict = sa.func.sum(sa.case((e.goldstein < 0, e.goldstein), else_=0.0))
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for side, other, key in (
                (e.source_code, e.target_code, "to"),
                (e.target_code, e.source_code, "from"),
            ):
                q = (
                    sa.select(
                        other.label("code"),
                        sa.func.count().label("n"),
                        coop.label("coop"),
                        conflict.label("conflict"),
                    )
                    .where(prefix_range(side, code), other.is_not(None), sa.not_(prefix_range(other, code)))
                    .group_by(other)
                )
                for r in conn.execute(q):
                    row = out.setdefault(
                        r.code, {"code": r.code, "to": 0, "from": 0, "cooperation": 0.0, "conflict": 0.0}
                    )
                    row[key] += r.n
                    row["cooperation"] = round(row["cooperation"] + (r.coop or 0.0), 3)
                    row["conflict"] = round(row["conflict"] + (r.conflict or 0.0), 3)
        ranked = sorted(out.values(), key=lambda r: (-(r["to"] + r["from"]), r["code"]))
        return ranked[:limit]

    def actor_codes(self, prefix: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actor codes seen in events, with how often each is source and target, busiest first."""
        e = events.c
        rows: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for col, key in ((e.source_code, "as_source"), (e.target_code, "as_target")):
                q = sa.select(col.label("code"), sa.func.count().label("n")).where(col.is_not(None))
                if prefix:
                    q = q.where(prefix_range(col, prefix))
                for r in conn.execute(q.group_by(col)):
                    row = rows.setdefault(r.code, {"code": r.code, "as_source": 0, "as_target": 0})
                    row[key] = r.n
        ranked = sorted(rows.values(), key=lambda r: (-(r["as_source"] + r["as_target"]), r["code"]))
        return ranked[:limit]

    def actor_names(self, code: str, limit: int = 5) -> list[str]:
        """The names events give an actor code, commonest first."""
        e = events.c
        with self.engine.connect() as conn:
            names: dict[str, int] = {}
            for col, name in ((e.source_code, e.source_name), (e.target_code, e.target_name)):
                q = (
                    sa.select(name.label("name"), sa.func.count().label("n"))
                    .where(col == code.upper(), name.is_not(None))
                    .group_by(name)
                    .order_by(sa.desc("n"))
                    .limit(limit)
                )
                for r in conn.execute(q):
                    names[r.name] = names.get(r.name, 0) + r.n
        return [n for n, _ in sorted(names.items(), key=lambda kv: -kv[1])][:limit]
