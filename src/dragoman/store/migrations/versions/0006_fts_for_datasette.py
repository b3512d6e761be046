"""The full-text index names its content table in double quotes (content="articles"), the form
datasette recognises, so that datasette offers search on the articles table. Same index otherwise:
it is dropped, created again and rebuilt from the articles.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        from dragoman.store.fulltext import create_sqlite_fts, drop_sqlite_fts, rebuild_sqlite_fts

        drop_sqlite_fts(bind)
        create_sqlite_fts(bind)
        rebuild_sqlite_fts(bind)


def downgrade() -> None:
    pass  # the index before this revision differed only in its quoting, which SQLite reads the same way
