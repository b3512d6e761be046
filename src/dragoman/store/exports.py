"""Queries behind the event-level exports (GDELT events and mentions, PLOVER): one row per distinct
event with the mention that first reported it, and the mentions of those events.

An event is selected by its own columns (code, actors, date and its precision, status) and by its best
evidence: its confidence is the highest of its mentions'.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from .event_query import EventQuery, event_conditions
from .repository import Repository
from .schema import articles, events, mentions, outlets

_MENTION_COLUMNS = (
    "source_text", "source_name", "source_country", "source_sector", "source_role", "source_start", "source_end",
    "target_text", "target_name", "target_country", "target_sector", "target_role", "target_start", "target_end",
    "joint", "trigger_text", "trigger_start", "trigger_end", "sentence_index", "sentence_start", "sentence_end",
    "location_text", "location_name", "location_country", "location_lat", "location_lon",
    "attribution_text", "attribution_name", "attribution_code", "rule",
)


def _selected_events(conn: sa.Connection, eq: EventQuery):
    """The events matching a query, each with its first mention's id and its highest confidence."""
    agg = (
        sa.select(mentions.c.event_id, sa.func.min(mentions.c.id).label("mention_id"),
                  sa.func.max(mentions.c.confidence).label("confidence"))
        .where(mentions.c.event_id.is_not(None)).group_by(mentions.c.event_id).subquery("agg")
    )
    ev = (
        sa.select(events.c.id.label("event_id"), events.c.code, events.c.root, events.c.quad_class,
                  events.c.goldstein, events.c.source_code, events.c.target_code, events.c.date,
                  events.c.date_precision, events.c.status, events.c.first_seen, events.c.n_mentions,
                  events.c.n_articles, events.c.n_outlets, agg.c.mention_id, agg.c.confidence)
        .select_from(events.join(agg, agg.c.event_id == events.c.id))
        .subquery("ev")
    )
    return ev, event_conditions(conn, eq, ev)


class Exports(Repository):
    """The rows of the event-level exports, streamed."""

    def iter_export_events(self, eq: EventQuery) -> Iterator[dict[str, Any]]:
        """Distinct events matching the query, oldest id first, with the evidence of their first mention
        (its actors' names and countries, place, sentence, article and outlet)."""
        with self.engine.connect() as conn:
            ev, conds = _selected_events(conn, eq)
            q = (
                sa.select(ev, *(mentions.c[c] for c in _MENTION_COLUMNS),
                          articles.c.id.label("article_id"), articles.c.url.label("article_url"),
                          articles.c.title.label("article_title"),
                          articles.c.published.label("article_published"), articles.c.coded_at,
                          articles.c.language.label("article_language"), outlets.c.domain.label("outlet"),
                          outlets.c.name.label("outlet_name"),
                          sa.func.substr(articles.c.text, mentions.c.sentence_start + 1,
                                         mentions.c.sentence_end - mentions.c.sentence_start).label("sentence"))
                .select_from(ev.join(mentions, mentions.c.id == ev.c.mention_id)
                             .join(articles, articles.c.id == mentions.c.article_id)
                             .outerjoin(outlets, outlets.c.id == articles.c.outlet_id))
                .where(*conds)
                .order_by(ev.c.event_id)
            )
            for r in conn.execution_options(yield_per=2000).execute(q).mappings():
                yield dict(r)

    def iter_export_mentions(self, eq: EventQuery) -> Iterator[dict[str, Any]]:
        """Every mention of the events iter_export_events selects, by event then mention."""
        with self.engine.connect() as conn:
            ev, conds = _selected_events(conn, eq)
            q = (
                sa.select(mentions.c.id, mentions.c.event_id, mentions.c.article_id, mentions.c.sentence_index,
                          mentions.c.source_start, mentions.c.target_start, mentions.c.trigger_start,
                          mentions.c.source_text, mentions.c.source_name, mentions.c.source_code,
                          mentions.c.target_text, mentions.c.target_name, mentions.c.target_code,
                          mentions.c.confidence, ev.c.first_seen, articles.c.coded_at,
                          articles.c.url.label("article_url"), outlets.c.domain.label("outlet"),
                          sa.func.length(articles.c.text).label("doc_length"))
                .select_from(mentions.join(ev, ev.c.event_id == mentions.c.event_id)
                             .join(articles, articles.c.id == mentions.c.article_id)
                             .outerjoin(outlets, outlets.c.id == articles.c.outlet_id))
                .where(*conds)
                .order_by(mentions.c.event_id, mentions.c.id)
            )
            for r in conn.execution_options(yield_per=2000).execute(q).mappings():
                yield dict(r)
