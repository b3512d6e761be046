"""The event query language of the store: a selection of event mentions (EventQuery) turned into SQL
conditions and orders, shared by the event pages, charts, watchlists and exports.

Actor and code filters are prefixes (SRB matches SRBGOV); they are written as ranges
(``code >= 'SRB' AND code < 'SRC'``) so that SQLite can use its indexes, which a LIKE with a
concatenated pattern cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from . import fulltext
from .schema import articles, events, mentions, outlets

SORTS = ("-date", "date", "-confidence", "confidence", "-goldstein", "goldstein", "-id", "id")
WALK_WINDOW = 4000  # rows of the date index filtered before the filter's own indexes are tried


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
    """Events between two actor prefixes: a to b when directed, else either way."""
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
        return side_condition(conn, column, prefix) if expand else prefix_range(column, prefix)

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


def sort_order(sort: str, t=mentions, dialect: str = "sqlite") -> list:
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


def walk_order(sort: str, t=mentions, dialect: str = "sqlite") -> list | None:
    """For sorts an index can give (date, id): the order to walk it in; None for other sorts."""
    m = t.c
    order = {
        "-date": [m.date.desc(), m.id.desc()],
        "date": [m.date, m.id],
        "-id": [m.id.desc()],
        "id": [m.id],
    }.get(sort)
    return None if order is None else _as_sqlite(order, dialect)


WALK_COLUMNS = (
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


def event_select():
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


def codes_with_prefix(conn: sa.Connection, column, prefix: str, cap: int = 64) -> list[str] | None:
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


def side_condition(conn: sa.Connection, column, prefix: str):
    """``column`` starts with ``prefix``, as an exact list of the codes stored (a range when they are many)."""
    codes = codes_with_prefix(conn, column, prefix)
    if codes is None:
        return prefix_range(column, prefix)
    return column.in_(codes) if codes else sa.false()
