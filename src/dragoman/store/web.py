"""Queries behind the web app and watchlists: filtered event pages, chart aggregates, counterparts,
watchlists and their webhook deliveries.

Actor and code filters are prefixes (SRB matches SRBGOV); they are written as ranges
(``code >= 'SRB' AND code < 'SRC'``) so that SQLite can use its indexes, which a LIKE with a
concatenated pattern cannot.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from ..timeutil import utcnow_iso
from . import fulltext
from .schema import (
    actor_rollup,
    articles,
    chart_rollup,
    events,
    mentions,
    outlets,
    watch_deliveries,
    watchlists,
)

CHART_STATUSES = ("reported", "background")  # events that happened (not planned, negated or hypothetical)
BINS = ("week", "month", "year")
SORTS = ("-date", "date", "-confidence", "confidence", "-goldstein", "goldstein", "-id", "id")
WALK_WINDOW = 4000  # rows of the date index filtered before the filter's own indexes are tried
DELIVERY_LEASE = 120.0  # seconds a claimed delivery stays claimed (a crashed sender's claim expires)


@dataclass
class EventQuery:
    """A selection of coded event mentions. Codes are prefixes; dates are ISO strings (inclusive)."""

    actor: str | None = None  # as source or target
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # either direction
    code: str | None = None  # CAMEO root (2 digits) or code prefix
    quad_class: int | None = None
    status: str | None = None  # one status, or several separated by commas
    since: str | None = None
    until: str | None = None
    text: str | None = None  # words that must all appear in the event's article (full-text)
    article_id: int | None = None
    story_id: int | None = None
    event_id: int | None = None
    min_confidence: float | None = None  # the coder's confidence, 0..1
    precision: str | None = None  # date precision: day, month or year; several separated by commas
    sort: str = "-date"


def prefix_range(column, prefix: str):
    """``column`` starts with ``prefix``, as an index-friendly range."""
    p = prefix.upper()
    if not p:
        return sa.true()
    return sa.and_(column >= p, column < p[:-1] + chr(ord(p[-1]) + 1))


def code_condition(table, code: str):
    """A CAMEO root (two digits) or a code prefix (a code starts with its root: the root narrows first)."""
    if len(code) <= 2:
        return table.c.root == code
    return sa.and_(table.c.root == code[:2], prefix_range(table.c.code, code))


def dyad_condition(table, a: str, b: str, directed: bool = False):
    forward = sa.and_(prefix_range(table.c.source_code, a), prefix_range(table.c.target_code, b))
    if directed:
        return forward
    return sa.or_(
        forward, sa.and_(prefix_range(table.c.source_code, b), prefix_range(table.c.target_code, a))
    )


def event_conditions(conn: sa.Connection, eq: EventQuery, t=mentions, expand: bool = False) -> list:
    """The query's conditions on mentions (or on a subquery with the same column names). With expand,
    actor prefixes become exact code lists (found by index seeks), which SQLite's planner uses better."""
    m = t.c

    def side(column, prefix: str):
        return _side(conn, column, prefix) if expand else prefix_range(column, prefix)

    out: list = []
    if eq.actor:
        out.append(sa.or_(side(m.source_code, eq.actor), side(m.target_code, eq.actor)))
    if eq.source:
        out.append(side(m.source_code, eq.source))
    if eq.target:
        out.append(side(m.target_code, eq.target))
    if eq.dyad:
        a, b = eq.dyad
        out.append(
            sa.or_(
                sa.and_(side(m.source_code, a), side(m.target_code, b)),
                sa.and_(side(m.source_code, b), side(m.target_code, a)),
            )
        )
    if eq.code:
        out.append(code_condition(t, eq.code))
    if eq.quad_class:
        out.append(m.quad_class == eq.quad_class)
    if eq.status:
        statuses = [s.strip() for s in eq.status.split(",") if s.strip()]
        out.append(m.status == statuses[0] if len(statuses) == 1 else m.status.in_(statuses))
    if eq.min_confidence:
        out.append(m.confidence >= eq.min_confidence)
    if eq.precision:
        out.append(m.date_precision.in_([p.strip() for p in eq.precision.split(",") if p.strip()]))
    if eq.since:
        out.append(m.date >= eq.since)
    if eq.until:
        out.append(m.date <= eq.until)
    if eq.article_id is not None:
        out.append(m.article_id == eq.article_id)
    if eq.event_id is not None:
        out.append(m.event_id == eq.event_id)
    if eq.story_id is not None:
        out.append(m.article_id.in_(sa.select(articles.c.id).where(articles.c.story_id == eq.story_id)))
    if eq.text:
        ids = fulltext.matching_ids(conn, [eq.text])
        if ids is not None:
            out.append(m.article_id.in_(ids))
    return out


def _as_sqlite(order: list, dialect: str) -> list:
    """SQLite sorts NULL lowest, PostgreSQL highest: on PostgreSQL, SQLite's order is said explicitly."""
    if dialect != "postgresql":
        return order
    out = []
    for o in order:
        if isinstance(o, UnaryExpression) and o.modifier is operators.desc_op:
            out.append(o.nulls_last())
        elif isinstance(o, UnaryExpression):
            out.append(o)
        else:
            out.append(o.asc().nulls_first())
    return out


def _order(sort: str, t=mentions, dialect: str = "sqlite") -> list:
    m = t.c
    return _as_sqlite({
        "-date": [m.date.desc(), m.id.desc()],  # NULLs sort first ascending, so last here
        "date": [m.date.is_(None), m.date, m.id],
        "-confidence": [m.confidence.desc(), m.id.desc()],
        "confidence": [m.confidence, m.id],
        "-goldstein": [m.goldstein.desc(), m.id.desc()],
        "goldstein": [m.goldstein, m.id],
        "-id": [m.id.desc()],
        "id": [m.id],
    }.get(sort) or [m.date.desc(), m.id.desc()], dialect)


def _walk_order(sort: str, t=mentions, dialect: str = "sqlite") -> list | None:
    """For sorts an index can give (date, id): the order to walk it in; None for other sorts."""
    m = t.c
    order = {
        "-date": [m.date.desc(), m.id.desc()],
        "date": [m.date, m.id],
        "-id": [m.id.desc()],
        "id": [m.id],
    }.get(sort)
    return None if order is None else _as_sqlite(order, dialect)


_WALK_COLUMNS = (
    "id",
    "date",
    "source_code",
    "target_code",
    "root",
    "code",
    "quad_class",
    "status",
    "article_id",
    "event_id",
    "confidence",
    "date_precision",
)


def _event_select():
    """Mentions with their article, outlet, event counts and sentence (the shape of iter_mentions)."""
    return sa.select(
        mentions,
        articles.c.title.label("article_title"),
        articles.c.url.label("article_url"),
        articles.c.coded_at,
        articles.c.ingested.label("article_ingested"),
        articles.c.published.label("article_published"),
        outlets.c.domain.label("outlet"),
        events.c.n_mentions,
        events.c.n_articles,
        events.c.n_outlets,
        sa.func.substr(
            articles.c.text,
            mentions.c.sentence_start + 1,
            mentions.c.sentence_end - mentions.c.sentence_start,
        ).label("sentence"),
    ).select_from(
        mentions.join(articles, articles.c.id == mentions.c.article_id)
        .outerjoin(outlets, outlets.c.id == articles.c.outlet_id)
        .outerjoin(events, events.c.id == mentions.c.event_id)
    )


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


def _codes(conn: sa.Connection, column, prefix: str, cap: int = 64) -> list[str] | None:
    """The distinct codes in an indexed column that start with prefix, one index seek each (so that a
    prefix becomes exact IN lists); None when there are more than cap."""
    p = prefix.upper()
    upper = p[:-1] + chr(ord(p[-1]) + 1)
    out: list[str] = []
    while len(out) <= cap:  # one lower bound only, so that SQLite seeks instead of scanning from the prefix
        lower = column > out[-1] if out else column >= p
        code = conn.execute(sa.select(sa.func.min(column)).where(lower, column < upper)).scalar()
        if code is None:
            return out
        out.append(code)
    return None


def _side(conn: sa.Connection, column, prefix: str):
    codes = _codes(conn, column, prefix)
    if codes is None:
        return prefix_range(column, prefix)
    return column.in_(codes) if codes else sa.false()


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


class WebQueries:
    """Mixin of Store: what the web app and watchlists read and write."""

    engine: sa.Engine

    # -- events ---------------------------------------------------------------------------------
    def web_events(self, eq: EventQuery, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
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
            q = _event_select().where(mentions.c.id.in_(ids)).order_by(*_order(eq.sort, dialect=conn.dialect.name))
            return [dict(r) for r in conn.execute(q).mappings()]

    def _page_ids(self, conn: sa.Connection, eq: EventQuery, limit: int, offset: int) -> list[int]:
        conds = event_conditions(conn, eq)
        walk = _walk_order(eq.sort, dialect=conn.dialect.name)
        if conds and walk is not None:
            window = max(WALK_WINDOW, (limit + offset) * 10)
            inner = sa.select(*(mentions.c[c] for c in _WALK_COLUMNS)).order_by(*walk).limit(window)
            if eq.sort == "date":
                inner = inner.where(mentions.c.date.is_not(None))
            w = inner.subquery("w")
            q = (
                sa.select(w.c.id)
                .where(*event_conditions(conn, eq, w))
                .order_by(*_walk_order(eq.sort, w, conn.dialect.name))
                .limit(limit)
                .offset(offset)
            )
            ids = [r.id for r in conn.execute(q)]
            if len(ids) == limit:
                return ids
        q = (
            sa.select(mentions.c.id)
            .where(*event_conditions(conn, eq, expand=True))
            .order_by(*_order(eq.sort, dialect=conn.dialect.name))
            .limit(limit)
            .offset(offset)
        )
        return [r.id for r in conn.execute(q)]

    def iter_web_events(
        self, eq: EventQuery, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Event mentions matching a query, streamed (for downloads of any size)."""
        with self.engine.connect() as conn:
            q = _event_select().where(*event_conditions(conn, eq)).order_by(*_order(eq.sort, dialect=conn.dialect.name))
            if limit is not None:
                q = q.limit(limit)
            if offset:
                q = q.offset(offset)
            for r in conn.execution_options(yield_per=2000).execute(q).mappings():
                yield dict(r)

    def count_web_events(self, eq: EventQuery) -> int:
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

    # -- charts and actors ------------------------------------------------------------------------
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
        prefixes = [p for p in (source, target, actor) if p]
        if (
            rollup
            and prefixes
            and all(len(p) == 3 for p in prefixes)
            and not (actor and (source or target))
            and not (since or until)
            and tuple(statuses) == CHART_STATUSES
            and self._has_rollup()
        ):
            return self._rollup_series(source, target, actor, bin)
        e = events.c
        points, undrawn = [], 0
        with self.engine.connect() as conn:
            conds = [e.status.in_(statuses), e.date.is_not(None)]
            if actor:
                conds.append(sa.or_(_side(conn, e.source_code, actor), _side(conn, e.target_code, actor)))
            if source:
                conds.append(_side(conn, e.source_code, source))
            if target:
                conds.append(_side(conn, e.target_code, target))
            if since:
                conds.append(e.date >= since)
            if until:
                conds.append(e.date <= until)
            per_day = (
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
            bucket, precise = _bucket(per_day.c.d, bin, conn.dialect.name)
            bucket = sa.case((precise, bucket), else_=sa.null()).label("bucket")
            q = (
                sa.select(
                    bucket,
                    sa.func.sum(per_day.c.coop).label("cooperation"),
                    sa.func.sum(per_day.c.conf).label("conflict"),
                    sa.func.sum(per_day.c.n).label("events"),
                )
                .group_by(sa.literal_column("bucket"))
                .order_by(sa.literal_column("bucket"))
            )
            for r in conn.execute(q):
                if r.bucket is None:
                    undrawn += r.events
                    continue
                points.append(
                    {
                        "bucket": r.bucket,
                        "cooperation": round(r.cooperation or 0.0, 3),
                        "conflict": round(r.conflict or 0.0, 3),
                        "events": r.events,
                    }
                )
        return {"bin": bin, "points": points, "undrawn": undrawn}

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

    # -- watchlists -------------------------------------------------------------------------------
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
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            q = _event_select().where(_watch_condition(conn, wl))
            if mention_ids is not None:
                q = q.where(mentions.c.id.in_(list(mention_ids)))
            q = q.order_by(mentions.c.id.desc()).limit(limit)
            return [dict(r) for r in conn.execute(q).mappings()]

    # -- webhook deliveries -----------------------------------------------------------------------
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
