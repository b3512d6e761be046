"""A record of story merges: which story absorbed which, when, and the absorbed story's articles, so
that what a story held at any moment can be told (a brief's background never depends on later news).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_merges",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kept", sa.Integer, nullable=False, index=True),
        sa.Column("absorbed", sa.Integer, nullable=False),
        sa.Column("at_article", sa.Integer),
        sa.Column("at_published", sa.String(40)),
        sa.Column("article_ids", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_merges")
