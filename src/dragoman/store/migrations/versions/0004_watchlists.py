"""Watchlists and their webhook deliveries; indexes for the web app's event queries and charts; the
chart rollup (cooperation and conflict per country pair and week, month and year, kept by triggers).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = [
    # walking events newest (or oldest) first, with what filters look at, without reading the rows
    (
        "ix_mentions_walk",
        "mentions",
        [
            "date",
            "id",
            "source_code",
            "target_code",
            "root",
            "code",
            "status",
            "quad_class",
            "article_id",
            "event_id",
        ],
    ),
    ("ix_mentions_source_target", "mentions", ["source_code", "target_code", "date"]),
    ("ix_mentions_target_source", "mentions", ["target_code", "source_code", "date"]),
    ("ix_mentions_root_date", "mentions",
     ["root", "date", "code", "source_code", "target_code", "goldstein", "confidence"]),
    # the cooperation-conflict charts: covering, so the aggregation never reads the rows
    ("ix_events_chart_source", "events", ["source_code", "target_code", "date", "status", "goldstein"]),
    ("ix_events_chart_target", "events", ["target_code", "source_code", "date", "status", "goldstein"]),
]


# The chart rollups: Goldstein sums of the events that happened (reported or background) per week, month
# and year, by country pair (first three letters of each code: chart_rollup) and by country on either
# side (actor_rollup; an event counts once for a country on both sides). Bucket '' holds events whose date
# is too coarse for the bin. Triggers keep both in step with the events table.
BUCKETS = {
    "week": "CASE WHEN length({d}) = 10 THEN date({d}, 'weekday 0', '-6 days') ELSE '' END",
    "month": "CASE WHEN length({d}) >= 7 THEN substr({d}, 1, 7) || '-01' ELSE '' END",
    "year": "substr({d}, 1, 4) || '-01-01'",
}
# (table, key columns, key values, extra condition) for each row an event adds
FACETS = [
    ("chart_rollup", "src3, tgt3",
     "coalesce(substr({e}.source_code, 1, 3), ''), coalesce(substr({e}.target_code, 1, 3), '')", ""),
    ("actor_rollup", "actor3", "substr({e}.source_code, 1, 3)", " AND coalesce({e}.source_code, '') != ''"),
    ("actor_rollup", "actor3", "substr({e}.target_code, 1, 3)",
     " AND coalesce({e}.target_code, '') != ''"
     " AND substr({e}.target_code, 1, 3) IS NOT substr({e}.source_code, 1, 3)"),
]
_HAPPENED = "{e}.status IN ('reported', 'background') AND {e}.date IS NOT NULL"
_UPSERT = """INSERT INTO {table} ({keys}, bin, bucket, cooperation, conflict, events)
    SELECT {values}, '{bin}', {bucket}, {agg}
    {source} WHERE {happened}{extra} {group}
    ON CONFLICT ({keys}, bin, bucket) DO UPDATE SET cooperation = cooperation + excluded.cooperation,
        conflict = conflict + excluded.conflict, events = events + excluded.events;"""
TRIGGERS = {
    "chart_rollup_ai": "AFTER INSERT ON events BEGIN {add} END",
    "chart_rollup_ad": "AFTER DELETE ON events BEGIN {sub} END",
    "chart_rollup_au": "AFTER UPDATE OF source_code, target_code, date, status, goldstein ON events "
    "BEGIN {sub} {add} END",
}


def _upserts(e: str, sign: str = "", backfill: bool = False) -> list[str]:
    """One upsert per facet and bin: of a trigger's row (new/old, with sign), or of the whole table."""
    if backfill:
        agg = "sum(max(coalesce(goldstein, 0), 0)), sum(min(coalesce(goldstein, 0), 0)), count(*)"
    else:
        agg = f"{sign}max(coalesce({e}.goldstein, 0), 0), {sign}min(coalesce({e}.goldstein, 0), 0), {sign}1"
    out = []
    for table, keys, values, extra in FACETS:
        n = keys.count(",") + 1
        group = f"GROUP BY {', '.join(str(i) for i in range(1, n + 1))}, {n + 2}" if backfill else ""
        for b, expr in BUCKETS.items():
            out.append(_UPSERT.format(
                table=table, keys=keys, values=values.format(e=e), bin=b, bucket=expr.format(d=f"{e}.date"),
                agg=agg, source="FROM events" if backfill else "", happened=_HAPPENED.format(e=e),
                extra=extra.format(e=e), group=group))
    return out


def _create_rollups() -> None:
    for table, keys in (("chart_rollup", ["src3", "tgt3"]), ("actor_rollup", ["actor3"])):
        op.create_table(
            table,
            *(sa.Column(k, sa.String(3), nullable=False) for k in keys),
            sa.Column("bin", sa.String(5), nullable=False),
            sa.Column("bucket", sa.String(10), nullable=False),
            sa.Column("cooperation", sa.Float, nullable=False),
            sa.Column("conflict", sa.Float, nullable=False),
            sa.Column("events", sa.Integer, nullable=False),
            sa.PrimaryKeyConstraint(*keys, "bin", "bucket"),
            sqlite_with_rowid=False,  # rows clustered by key: a chart reads one contiguous range
        )
    op.create_index("ix_chart_rollup_target", "chart_rollup", ["tgt3", "src3", "bin", "bucket"])
    if op.get_bind().dialect.name != "sqlite":
        return  # the rollups are kept by SQLite triggers; other databases chart from the events table
    add, sub = "\n".join(_upserts("new")), "\n".join(_upserts("old", "-"))
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body.format(add=add, sub=sub)}")
    for statement in _upserts("events", backfill=True):  # what is stored already
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "watchlists",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("actors", sa.JSON),
        sa.Column("dyads", sa.JSON),
        sa.Column("codes", sa.JSON),
        sa.Column("queries", sa.JSON),
        sa.Column("webhook", sa.Text),
    )
    op.create_table(
        "watch_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "watchlist_id", sa.Integer, sa.ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("match_key", sa.String(64), nullable=False),
        sa.Column("mention_id", sa.Integer),
        sa.Column("event_id", sa.Integer),
        sa.Column("article_id", sa.Integer),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("state", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt", sa.Float, nullable=False, server_default="0"),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("delivered_at", sa.String(40)),
        sa.UniqueConstraint("watchlist_id", "match_key", name="uq_watch_delivery_key"),
    )
    op.create_index("ix_watch_deliveries_due", "watch_deliveries", ["state", "next_attempt"])
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    _create_rollups()


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("actor_rollup")
    op.drop_table("chart_rollup")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table)
    op.drop_table("watch_deliveries")
    op.drop_table("watchlists")
