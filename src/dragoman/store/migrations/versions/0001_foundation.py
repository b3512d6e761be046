"""Foundation: outlets, articles, LSH bands, sources, ingest log, full-text index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("domain", sa.String(255), nullable=False, unique=True),
        sa.Column("name", sa.String(255)),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text, unique=True),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id")),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.JSON),
        sa.Column("published", sa.String(40), index=True),
        sa.Column("published_precision", sa.String(8)),
        sa.Column("fetched", sa.String(40)),
        sa.Column("ingested", sa.String(40), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("blocks", sa.JSON),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.id"), index=True),
        sa.Column("copies", sa.Integer, nullable=False, server_default="0"),
        sa.Column("raw", sa.LargeBinary),
        sa.Column("raw_type", sa.String(16)),
        sa.Column("input_ref", sa.Text),
    )
    op.create_table(
        "article_lsh",
        sa.Column("key", sa.BigInteger, nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    )
    op.create_index("ix_article_lsh_key", "article_lsh", ["key"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.String(16)),
        sa.Column("name", sa.Text),
        sa.Column("tags", sa.JSON),
        sa.Column("interval", sa.Float),
        sa.Column("followed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_poll", sa.String(40)),
        sa.Column("next_poll", sa.String(40)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("items_last_poll", sa.Integer),
        sa.Column("created", sa.String(40)),
    )
    op.create_table(
        "ingest_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("article_id", sa.Integer),
        sa.Column("at", sa.String(40), nullable=False),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        from dragoman.store.fulltext import create_sqlite_fts

        create_sqlite_fts(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        from dragoman.store.fulltext import drop_sqlite_fts

        drop_sqlite_fts(bind)
    for name in ["ingest_log", "sources", "article_lsh", "articles", "outlets"]:
        op.drop_table(name)
