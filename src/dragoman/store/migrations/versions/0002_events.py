"""Event coding: events, mentions, quotes, times, actor memory; coding state on articles.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _actor(prefix):
    return [
        sa.Column(f"{prefix}_text", sa.Text),
        sa.Column(f"{prefix}_start", sa.Integer),
        sa.Column(f"{prefix}_end", sa.Integer),
        sa.Column(f"{prefix}_name", sa.Text),
        sa.Column(f"{prefix}_code", sa.String(32)),
        sa.Column(f"{prefix}_country", sa.String(8)),
        sa.Column(f"{prefix}_sector", sa.String(8)),
        sa.Column(f"{prefix}_role", sa.Text),
    ]


def upgrade() -> None:
    # plain ADD COLUMN: a batch (copy-and-move) rebuild would drop the full-text triggers
    op.add_column("articles", sa.Column("coded_at", sa.String(40)))
    op.add_column("articles", sa.Column("coder_version", sa.String(40)))
    op.add_column("articles", sa.Column("code_error", sa.Text))
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("root", sa.String(4), nullable=False),
        sa.Column("quad_class", sa.SmallInteger),
        sa.Column("penta_class", sa.SmallInteger),
        sa.Column("goldstein", sa.Float),
        sa.Column("source_code", sa.String(32)),
        sa.Column("target_code", sa.String(32)),
        sa.Column("source_name", sa.Text),
        sa.Column("target_name", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("status", sa.String(16)),
        sa.Column("first_seen", sa.String(40)),
        sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_articles", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_outlets", sa.Integer, nullable=False, server_default="0"),
        sa.Column("story_id", sa.Integer),
    )
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_source_target", "events", ["source_code", "target_code", "date"])
    op.create_index("ix_events_target", "events", ["target_code", "date"])
    op.create_index("ix_events_root_date", "events", ["root", "date"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id")),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("sentence_index", sa.Integer),
        sa.Column("sentence_start", sa.Integer),
        sa.Column("sentence_end", sa.Integer),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("root", sa.String(4), nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("quad_class", sa.SmallInteger),
        sa.Column("penta_class", sa.SmallInteger),
        sa.Column("plover", sa.String(16)),
        sa.Column("goldstein", sa.Float),
        *_actor("source"),
        *_actor("target"),
        sa.Column("joint", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("trigger_text", sa.Text),
        sa.Column("trigger_start", sa.Integer),
        sa.Column("trigger_end", sa.Integer),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("location_text", sa.Text),
        sa.Column("location_name", sa.Text),
        sa.Column("location_country", sa.String(8)),
        sa.Column("location_lat", sa.Float),
        sa.Column("location_lon", sa.Float),
        sa.Column("status", sa.String(16)),
        sa.Column("attribution_text", sa.Text),
        sa.Column("attribution_name", sa.Text),
        sa.Column("attribution_code", sa.String(32)),
        sa.Column("confidence", sa.Float),
        sa.Column("rule", sa.Text),
    )
    op.create_index("ix_mentions_event_id", "mentions", ["event_id"])
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("kind", sa.String(12)),
        sa.Column("cue", sa.Text),
        *_actor("speaker"),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_table(
        "times",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("value", sa.String(40)),
        sa.Column("precision", sa.String(8)),
        sa.Column("type", sa.String(12)),
    )
    op.create_index("ix_times_article_id", "times", ["article_id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("first_seen", sa.String(40)),
        sa.Column("last_seen", sa.String(40)),
        sa.Column("article_id", sa.Integer),
        sa.Column("evidence", sa.Text),
        sa.Column("origin", sa.String(16), nullable=False, server_default="seen"),
        sa.Column("valid_from", sa.String(10)),
        sa.Column("valid_until", sa.String(10)),
        sa.UniqueConstraint("key", "code", "role", "origin", "valid_from", name="uq_actor_key_code_role"),
    )
    op.create_index("ix_actors_key", "actors", ["key"])


def downgrade() -> None:
    for name in ("actors", "times", "quotes", "mentions", "events"):
        op.drop_table(name)
    for column in ("code_error", "coder_version", "coded_at"):
        op.drop_column("articles", column)
