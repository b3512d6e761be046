"""Coding that several processes share: an article's claim (owner and lease), sightings and stale events
that wait for the one ordered finishing step, and PostgreSQL's full-text index (tsvector + GIN).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN: a batch (copy-and-move) rebuild would drop SQLite's full-text triggers
    op.add_column("articles", sa.Column("claimed_by", sa.String(96)))
    op.add_column("articles", sa.Column("claim_expires", sa.Float))
    op.create_index("ix_articles_to_code", "articles", ["coded_at", "id"])
    op.create_table(
        "pending_sightings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("evidence", sa.Text),
        sa.Column("day", sa.String(10), nullable=False),
    )
    op.create_table(
        "stale_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False, index=True),
        sa.Column("event_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_unlinked", "mentions", ["event_id", "article_id"])
    bind = op.get_bind()
    # the document count's key in term_df was "\x00n", which PostgreSQL's text cannot hold
    if bind.dialect.name == "sqlite":
        bind.execute(sa.text("UPDATE term_df SET term = :new WHERE term = :old").bindparams(new=" n", old="\x00n"))
    if bind.dialect.name == "postgresql":
        from dragoman.store.fulltext import create_postgres_fts

        create_postgres_fts(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from dragoman.store.fulltext import drop_postgres_fts

        drop_postgres_fts(bind)
    op.drop_index("ix_mentions_unlinked", "mentions")
    op.drop_table("stale_events")
    op.drop_table("pending_sightings")
    op.drop_index("ix_articles_to_code", "articles")
    op.drop_column("articles", "claim_expires")
    op.drop_column("articles", "claimed_by")
