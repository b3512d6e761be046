"""Stories keep their term centroid and their running counts, so that adding an article to a story
costs the same whatever the story's size.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("centroid", sa.JSON))  # term -> decayed sum of article weights
        batch.add_column(sa.Column("stats", sa.JSON))  # actor, dyad and outlet counts behind the summary
    op.create_index("ix_article_terms_postings", "article_terms", ["term", "day", "article_id", "weight"])
    op.drop_index("ix_article_terms_term_day", table_name="article_terms")


def downgrade() -> None:
    op.create_index("ix_article_terms_term_day", "article_terms", ["term", "day"])
    op.drop_index("ix_article_terms_postings", table_name="article_terms")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("stats")
        batch.drop_column("centroid")
