"""Table definitions (SQLAlchemy Core). Migrations in migrations/versions create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

outlets = sa.Table(
    "outlets", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("domain", sa.String(255), nullable=False, unique=True),
    sa.Column("name", sa.String(255)),
)

articles = sa.Table(
    "articles", metadata,
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
    sa.Column("coded_at", sa.String(40)),
    sa.Column("coder_version", sa.String(40)),
    sa.Column("code_error", sa.Text),
    sa.Column("story_id", sa.Integer, index=True),
    sa.Column("claimed_by", sa.String(96)),  # the coding run that holds it (migration 0008)
    sa.Column("claim_expires", sa.Float),  # epoch seconds; a crashed run's claim lapses then
)

article_lsh = sa.Table(
    "article_lsh", metadata,
    sa.Column("key", sa.BigInteger, nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Index("ix_article_lsh_key", "key"),
)

sources = sa.Table(
    "sources", metadata,
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

ingest_log = sa.Table(
    "ingest_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16)),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("article_id", sa.Integer),
    sa.Column("at", sa.String(40), nullable=False),
)

# -- event coding (migration 0002) ---------------------------------------------------------------

def _actor_columns(prefix: str) -> list[sa.Column]:
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


events = sa.Table(
    "events", metadata,
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

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), index=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
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
    *_actor_columns("source"),
    *_actor_columns("target"),
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
    sa.Column("clause", sa.Text),  # the trigger's clause as a sentence, for briefs (migration 0009)
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("kind", sa.String(12)),
    sa.Column("cue", sa.Text),
    *_actor_columns("speaker"),
)

times = sa.Table(
    "times", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
    sa.Column("text", sa.Text),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("value", sa.String(40)),
    sa.Column("precision", sa.String(8)),
    sa.Column("type", sa.String(12)),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False, index=True),  # normalised name or surname
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("first_seen", sa.String(40)),
    sa.Column("last_seen", sa.String(40)),
    sa.Column("article_id", sa.Integer),
    sa.Column("evidence", sa.Text),
    sa.Column("origin", sa.String(16), nullable=False, server_default="seen"),  # seen | dictionary
    sa.Column("valid_from", sa.String(10)),
    sa.Column("valid_until", sa.String(10)),
    sa.UniqueConstraint("key", "code", "role", "origin", "valid_from", name="uq_actor_key_code_role"),
)

# sightings of a coded article, folded into the actor memory by the ordered finishing step (0008)
pending_sightings = sa.Table(
    "pending_sightings", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("evidence", sa.Text),
    sa.Column("day", sa.String(10), nullable=False),
)

# events that lost a mention when an article was coded again: recounted by the finishing step (0008)
stale_events = sa.Table(
    "stale_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, nullable=False, index=True),
    sa.Column("event_id", sa.Integer, nullable=False),
)


# -- stories (migration 0003) --------------------------------------------------------------------

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("first_seen", sa.String(40)),
    sa.Column("last_seen", sa.String(40)),
    sa.Column("n_articles", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_outlets", sa.Integer, nullable=False, server_default="0"),
    sa.Column("actors", sa.JSON),
    sa.Column("dyads", sa.JSON),
    sa.Column("updated", sa.String(40)),
    sa.Column("centroid", sa.JSON),  # migration 0005
    sa.Column("stats", sa.JSON),
)

# migration 0007: what each merge moved, so a story's content at any moment can be told
story_merges = sa.Table(
    "story_merges", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kept", sa.Integer, nullable=False, index=True),
    sa.Column("absorbed", sa.Integer, nullable=False),
    sa.Column("at_article", sa.Integer),
    sa.Column("at_published", sa.String(40)),
    sa.Column("article_ids", sa.JSON, nullable=False),
)

article_terms = sa.Table(
    "article_terms", metadata,
    sa.Column("term", sa.String(64), nullable=False),
    sa.Column("article_id", sa.Integer, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("day", sa.String(10)),
)

term_df = sa.Table(
    "term_df", metadata,
    sa.Column("term", sa.String(64), primary_key=True),
    sa.Column("df", sa.Integer, nullable=False),
)


# -- watchlists and query indexes (migration 0004) -----------------------------------------------

watchlists = sa.Table(
    "watchlists", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("created", sa.String(40), nullable=False),
    sa.Column("actors", sa.JSON),
    sa.Column("dyads", sa.JSON),
    sa.Column("codes", sa.JSON),
    sa.Column("queries", sa.JSON),
    sa.Column("webhook", sa.Text),
)

watch_deliveries = sa.Table(
    "watch_deliveries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("watchlist_id", sa.Integer, sa.ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    sa.Column("match_key", sa.String(64), nullable=False),  # article-event: stable across recoding
    sa.Column("mention_id", sa.Integer),
    sa.Column("event_id", sa.Integer),
    sa.Column("article_id", sa.Integer),
    sa.Column("payload", sa.Text, nullable=False),
    # pending | sending | delivered | failed
    sa.Column("state", sa.String(12), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt", sa.Float, nullable=False, server_default="0"),  # epoch seconds
    sa.Column("last_status", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("created", sa.String(40), nullable=False),
    sa.Column("delivered_at", sa.String(40)),
    sa.UniqueConstraint("watchlist_id", "match_key", name="uq_watch_delivery_key"),
    sa.Index("ix_watch_deliveries_due", "state", "next_attempt"),
)

# country-level Goldstein sums per week, month and year, kept in step with events by triggers
chart_rollup = sa.Table(
    "chart_rollup", metadata,
    sa.Column("src3", sa.String(3), nullable=False),  # first three letters of the source code ('' if none)
    sa.Column("tgt3", sa.String(3), nullable=False),
    sa.Column("bin", sa.String(5), nullable=False),  # week | month | year
    sa.Column("bucket", sa.String(10), nullable=False),  # first day of the bucket; '' for coarser dates
    sa.Column("cooperation", sa.Float, nullable=False),
    sa.Column("conflict", sa.Float, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("src3", "tgt3", "bin", "bucket"),
    sa.Index("ix_chart_rollup_target", "tgt3", "src3", "bin", "bucket"),
    sqlite_with_rowid=False,
)

# the same per country on either side of an event (counted once when on both)
actor_rollup = sa.Table(
    "actor_rollup", metadata,
    sa.Column("actor3", sa.String(3), nullable=False),
    sa.Column("bin", sa.String(5), nullable=False),
    sa.Column("bucket", sa.String(10), nullable=False),
    sa.Column("cooperation", sa.Float, nullable=False),
    sa.Column("conflict", sa.Float, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("actor3", "bin", "bucket"),
    sqlite_with_rowid=False,
)

# indexes for the web app's filtered event pages and charts (prefix filters are written as ranges)
sa.Index("ix_mentions_walk", mentions.c.date, mentions.c.id, mentions.c.source_code, mentions.c.target_code,
         mentions.c.root, mentions.c.code, mentions.c.status, mentions.c.quad_class, mentions.c.article_id,
         mentions.c.event_id)
sa.Index("ix_mentions_source_target", mentions.c.source_code, mentions.c.target_code, mentions.c.date)
sa.Index("ix_mentions_target_source", mentions.c.target_code, mentions.c.source_code, mentions.c.date)
sa.Index("ix_mentions_root_date", mentions.c.root, mentions.c.date, mentions.c.code, mentions.c.source_code,
         mentions.c.target_code, mentions.c.goldstein, mentions.c.confidence)
sa.Index("ix_events_chart_source", events.c.source_code, events.c.target_code, events.c.date, events.c.status,
         events.c.goldstein)
sa.Index("ix_events_chart_target", events.c.target_code, events.c.source_code, events.c.date, events.c.status,
         events.c.goldstein)
