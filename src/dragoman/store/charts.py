"""The chart repository: cooperation and conflict over time, from the events table or from the rollups that
SQLite triggers keep."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .event_query import side_condition
from .repository import Repository
from .schema import actor_rollup, chart_rollup, events

CHART_STATUSES = ("reported", "background")  # events that happened (not planned, negated or hypothetical)
BINS = ("week", "month", "year")


def _bucket(d, bin: str, dialect: str = "sqlite"):
    """(bucket expression, condition that the date is precise enough for it) for a date column."""
    if bin == "week" and dialect == "postgresql":  # the Monday of the ISO week
        monday = sa.func.date_trunc("week", sa.cast(d, sa.Date))
        return sa.func.to_char(monday, "YYYY-MM-DD"), sa.func.length(d) == 10
    if bin == "week":
        return sa.func.date(d, "weekday 0", "-6 days"), sa.func.length(d) == 10
    if bin == "month":
        return sa.func.substr(d, 1, 7) + "-01", sa.func.length(d) >= 7
    return sa.func.substr(d, 1, 4) + "-01-01", sa.func.length(d) >= 4


class Charts(Repository):
    """Aggregates of distinct events for charts."""

    def goldstein_series(
        self,
        source: str | None = None,
        target: str | None = None,
        *,
        actor: str | None = None,
        bin: str = "week",
        since: str | None = None,
        until: str | None = None,
        statuses: tuple[str, ...] = CHART_STATUSES,
        rollup: bool = True,
    ) -> dict[str, Any]:
        """Cooperation (Goldstein > 0) and conflict (< 0) sums of distinct events per week/month/year.

        Directed (source → target prefixes) or, with ``actor``, every event the actor is part of.
        Aggregated in SQL (GROUP BY bucket): from the rollups (kept by triggers) when every prefix is
        a country (three letters), else from the events table over the covering chart indexes, with
        prefixes turned into exact code lists. Events whose date is too coarse for the bucket are
        counted in ``undrawn``.
        """
        if bin not in BINS:
            raise ValueError(f"bin {bin!r}: expected one of {', '.join(BINS)}")
        if rollup and self._rollup_answers(source, target, actor, since, until, statuses):
            return self._rollup_series(source, target, actor, bin)
        with self.engine.connect() as conn:
            conds = _series_conditions(conn, source, target, actor, since, until, statuses)
            rows = conn.execute(_bucketed(_per_day(conds), bin, conn.dialect.name)).all()
        points = [{"bucket": r.bucket, "cooperation": round(r.cooperation or 0.0, 3),
                   "conflict": round(r.conflict or 0.0, 3), "events": r.events} for r in rows if r.bucket is not None]
        return {"bin": bin, "points": points, "undrawn": sum(r.events for r in rows if r.bucket is None)}

    def _rollup_answers(self, source: str | None, target: str | None, actor: str | None, since: str | None,
                        until: str | None, statuses: tuple[str, ...]) -> bool:
        """Whether the rollups hold the series: country-level prefixes, all dates, the chart's statuses."""
        prefixes = [p for p in (source, target, actor) if p]
        return (bool(prefixes) and all(len(p) == 3 for p in prefixes) and not (actor and (source or target))
                and not (since or until) and tuple(statuses) == CHART_STATUSES and self._has_rollup())

    def _has_rollup(self) -> bool:
        """Whether the store has the trigger-kept chart rollup (SQLite stores migrated to 0004)."""
        if getattr(self, "_rollup_ok", None) is None:
            with self.engine.connect() as conn:
                self._rollup_ok = conn.dialect.name == "sqlite" and bool(conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'chart_rollup_ai'"
                ).scalar())
        return self._rollup_ok

    def _rollup_series(self, source: str | None, target: str | None, actor: str | None, bin: str) -> dict:
        """A series from the trigger-kept rollups (country-level prefixes only)."""
        if actor:
            t = actor_rollup.c
            conds = [t.actor3 == actor.upper()]
        else:
            t = chart_rollup.c
            conds = [t.src3 == source.upper()] if source else []
            conds += [t.tgt3 == target.upper()] if target else []
        q = (sa.select(t.bucket, sa.func.sum(t.cooperation).label("cooperation"),
                       sa.func.sum(t.conflict).label("conflict"), sa.func.sum(t.events).label("events"))
             .where(t.bin == bin, t.events > 0, *conds).group_by(t.bucket).order_by(t.bucket))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        points = [{"bucket": b, "cooperation": round(c, 3), "conflict": round(f, 3), "events": n}
                  for b, c, f, n in rows if b]
        return {"bin": bin, "points": points, "undrawn": sum(n for b, _, _, n in rows if not b)}


def _series_conditions(conn: sa.Connection, source: str | None, target: str | None, actor: str | None,
                       since: str | None, until: str | None, statuses: tuple[str, ...]) -> list:
    """The chart's conditions on events: statuses, a date, the actors (as exact code lists) and the period."""
    e = events.c
    conds = [e.status.in_(statuses), e.date.is_not(None)]
    if actor:
        conds.append(sa.or_(side_condition(conn, e.source_code, actor), side_condition(conn, e.target_code, actor)))
    if source:
        conds.append(side_condition(conn, e.source_code, source))
    if target:
        conds.append(side_condition(conn, e.target_code, target))
    if since:
        conds.append(e.date >= since)
    if until:
        conds.append(e.date <= until)
    return conds


def _per_day(conds: list):
    """Cooperation and conflict sums and event counts per event date (a subquery the covering indexes answer)."""
    e = events.c
    return (
        sa.select(
            e.date.label("d"),
            sa.func.sum(sa.case((e.goldstein > 0, e.goldstein), else_=0.0)).label("coop"),
            sa.func.sum(sa.case((e.goldstein < 0, e.goldstein), else_=0.0)).label("conf"),
            sa.func.count().label("n"),
        )
        .where(*conds)
        .group_by(e.date)
        .subquery("per_day")
    )


def _bucketed(per_day, bin: str, dialect: str):
    """The per-day sums summed per bucket; dates too coarse for the bucket fall in a NULL bucket."""
    bucket, precise = _bucket(per_day.c.d, bin, dialect)
    bucket = sa.case((precise, bucket), else_=sa.null()).label("bucket")
    return (
        sa.select(
            bucket,
            sa.func.sum(per_day.c.coop).label("cooperation"),
            sa.func.sum(per_day.c.conf).label("conflict"),
            sa.func.sum(per_day.c.n).label("events"),
        )
        .group_by(sa.literal_column("bucket"))
        .order_by(sa.literal_column("bucket"))
    )
