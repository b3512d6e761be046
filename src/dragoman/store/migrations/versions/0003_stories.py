"""Stories: story table, article term index, document frequencies; articles.story_id.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_seen", sa.String(40)),
        sa.Column("last_seen", sa.String(40)),
        sa.Column("n_articles", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_outlets", sa.Integer, nullable=False, server_default="0"),
        sa.Column("actors", sa.JSON),
        sa.Column("dyads", sa.JSON),
        sa.Column("updated", sa.String(40)),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.add_column("articles", sa.Column("story_id", sa.Integer))
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "article_terms",
        sa.Column("term", sa.String(64), nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("day", sa.String(10)),
    )
    op.create_index("ix_article_terms_term_day", "article_terms", ["term", "day"])
    op.create_index("ix_article_terms_article", "article_terms", ["article_id"])
    op.create_table(
        "term_df",
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("term_df")
    op.drop_table("article_terms")
    op.drop_index("ix_articles_story_id", "articles")
    op.drop_column("articles", "story_id")
    op.drop_table("stories")
