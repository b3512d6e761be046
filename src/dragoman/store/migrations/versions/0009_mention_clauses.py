"""Each mention keeps the clause its trigger stands in ('Kosovo declared independence from Serbia in 2008.'),
worked out from the parse at coding time, so that reading a brief never parses a sentence. Mentions coded
before have none: briefs show their sentence instead.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN: a batch (copy-and-move) rebuild would drop SQLite's chart-rollup triggers on mentions
    op.add_column("mentions", sa.Column("clause", sa.Text))


def downgrade() -> None:
    op.drop_column("mentions", "clause")
