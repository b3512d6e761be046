"""Queries over coded events: saving an article's extraction (under its claim), the actor memory,
and reading events back. Linking mentions into events is the finishing step's (finishing.py)."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import sqlalchemy as sa

from ..model import ActorRef, ExtractedDoc
from ..timeutil import utcnow_iso
from .repository import Repository, reading
from .schema import (
    actors,
    articles,
    events,
    mentions,
    outlets,
    pending_sightings,
    quotes,
    stale_events,
    times,
)


def _actor_values(prefix: str, ref: ActorRef | None) -> dict[str, Any]:
    if ref is None:
        return {}
    return {f"{prefix}_text": ref.text, f"{prefix}_start": ref.start, f"{prefix}_end": ref.end,
            f"{prefix}_name": ref.name, f"{prefix}_code": ref.code, f"{prefix}_country": ref.country,
            f"{prefix}_sector": ref.sector, f"{prefix}_role": ref.role}


class ClaimLost(Exception):
    """An article's claim passed to another run (the lease lapsed): this run's coding is not stored."""


_MENTION_NULLS = dict.fromkeys(
    [f"{p}_{k}" for p in ("source", "target") for k in ("text", "start", "end", "name", "code", "country",
                                                        "sector", "role")]
    + ["location_text", "location_name", "location_country", "location_lat", "location_lon",
       "attribution_text", "attribution_name", "attribution_code"])


def _mention_values(article_id: int, ev) -> dict[str, Any]:
    """One mention row; every row has every key (one executemany for an article's mentions)."""
    values = {
        **_MENTION_NULLS, "article_id": article_id, "event_id": None, "sentence_index": ev.sentence.index,
        "sentence_start": ev.sentence.start, "sentence_end": ev.sentence.end,
        "code": ev.code, "root": ev.root, "name": ev.name, "quad_class": ev.quad_class,
        "penta_class": ev.penta_class, "plover": ev.plover, "goldstein": ev.goldstein,
        "joint": ev.joint, "trigger_text": ev.trigger.text, "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end, "date": ev.date, "date_precision": ev.date_precision,
        "status": ev.status, "confidence": ev.confidence, "rule": ev.rule,
        **_actor_values("source", ev.source), **_actor_values("target", ev.target),
    }
    if ev.location is not None:
        values.update(location_text=ev.location.text, location_name=ev.location.name,
                      location_country=ev.location.country, location_lat=ev.location.lat,
                      location_lon=ev.location.lon)
    if ev.attribution is not None:
        values.update(attribution_text=ev.attribution.text, attribution_name=ev.attribution.name,
                      attribution_code=ev.attribution.code)
    return values


_SPEAKER_NULLS = dict.fromkeys(f"speaker_{k}" for k in ("text", "start", "end", "name", "code", "country",
                                                         "sector", "role"))


def _quote_values(article_id: int, q) -> dict[str, Any]:
    return {**_SPEAKER_NULLS, "article_id": article_id, "text": q.text, "start": q.start, "end": q.end,
            "kind": q.kind, "cue": q.cue, **_actor_values("speaker", q.speaker)}


class Coding(Repository):
    """What coding writes (extractions, the actor memory) and reads back."""

    # -- what to code ---------------------------------------------------------------------------
    def articles_to_code(self, recode: bool = False, limit: int | None = None,
                         version: str | None = None) -> list[int]:
        """Ids of stored originals not coded yet, or coded by a coder other than `version` when given (all of
        them with recode), oldest first."""
        q = sa.select(articles.c.id).where(articles.c.duplicate_of.is_(None)).order_by(articles.c.id)
        if not recode:
            stale = articles.c.coded_at.is_(None)
            if version is not None:
                stale = sa.or_(stale, articles.c.coder_version.is_(None), articles.c.coder_version != version)
            q = q.where(stale)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(q)]

    def is_coded(self, article_id: int) -> bool:
        with reading(self.engine) as conn:
            return conn.execute(sa.select(articles.c.coded_at).where(articles.c.id == article_id)).scalar() is not None

    def article_for_coding(self, article_id: int) -> dict[str, Any] | None:
        rows = self.articles_for_coding([article_id])
        return rows[0] if rows else None

    def articles_for_coding(self, ids: list[int]) -> list[dict[str, Any]]:
        """What coding reads of these articles, in the order of the ids (missing ones left out)."""
        if not ids:
            return []
        with reading(self.engine) as conn:
            rows = conn.execute(
                sa.select(articles.c.id, articles.c.text, articles.c.title, articles.c.url, articles.c.published,
                          articles.c.blocks, articles.c.language, outlets.c.domain.label("outlet"))
                .select_from(articles.outerjoin(outlets)).where(articles.c.id.in_(list(ids)))).mappings()
            found = {r["id"]: dict(r) for r in rows}
        return [found[i] for i in ids if i in found]

    # -- saving --------------------------------------------------------------------------------
    def save_extraction(self, article_id: int, doc: ExtractedDoc, sightings: list, version: str,
                        claim: str, clauses: list[str | None] | None = None) -> int:
        """Replace an article's mentions, quotes and times with a new extraction, if the claim `claim` still
        holds it (ClaimLost otherwise: another run codes it). Mentions are stored unlinked and sightings
        pending; the finishing step (store/finishing.py) links them to events and the actor memory in order.
        `clauses` are the events' clauses for briefs, in the order of doc.events (None where none was found).

        One transaction: a crash leaves the article either coded completely or not at all.
        """
        now = utcnow_iso()
        with self.engine.begin() as conn:
            self._take(conn, article_id, claim, now=now, coder_version=version, code_error=doc.error,
                       language=doc.language)
            _clear_extraction(conn, article_id)
            if doc.events:
                padded = list(clauses or []) + [None] * len(doc.events)
                conn.execute(mentions.insert(), [{**_mention_values(article_id, ev), "clause": clause}
                                                 for ev, clause in zip(doc.events, padded, strict=False)])
            if doc.quotes:
                conn.execute(quotes.insert(), [_quote_values(article_id, q) for q in doc.quotes])
            if doc.times:
                conn.execute(times.insert(), [dict(article_id=article_id, text=t.text, start=t.start, end=t.end,
                                                   value=t.value, precision=t.precision, type=t.type)
                                              for t in doc.times])
            day = (doc.published or now)[:10]
            if sightings:
                conn.execute(pending_sightings.insert(), [
                    dict(article_id=article_id, name=s.name, code=s.code, role=s.role, evidence=s.evidence[:500],
                         day=day) for s in sightings])
            return len(doc.events)

    def mark_coded(self, article_id: int, version: str, error: str | None, claim: str) -> None:
        """Record that coding an article failed (or found nothing), if the claim still holds it."""
        with self.engine.begin() as conn:
            self._take(conn, article_id, claim, now=utcnow_iso(), coder_version=version, code_error=error)

    @staticmethod
    def _take(conn, article_id: int, claim: str, now: str, **values) -> None:
        """Mark the article coded and release its claim, first thing in the transaction: the row is then
        locked (PostgreSQL) or the database is (SQLite) until commit."""
        done = conn.execute(articles.update().where(articles.c.id == article_id, articles.c.claimed_by == claim)
                            .values(coded_at=now, claimed_by=None, claim_expires=None, **values)).rowcount
        if not done:
            raise ClaimLost(f"article {article_id} is no longer claimed by this run")

    # -- the actor memory -------------------------------------------------------------------------
    def _remember(self, conn, sighting, article_id: int, day: str) -> None:
        from ..actors.kb import norm

        name = sighting.name
        keys = {norm(name)}
        parts = name.split()
        if len(parts) > 1:
            keys.add(norm(parts[-1]))
        for key in keys:
            row = conn.execute(sa.select(actors.c.id, actors.c.first_seen, actors.c.last_seen).where(
                actors.c.key == key, actors.c.code == sighting.code, actors.c.role == sighting.role,
                actors.c.origin == "seen")).first()
            if row is None:
                conn.execute(actors.insert().values(
                    name=name, key=key, code=sighting.code, role=sighting.role, first_seen=day, last_seen=day,
                    article_id=article_id, evidence=sighting.evidence[:500], origin="seen"))
            else:
                conn.execute(actors.update().where(actors.c.id == row.id).values(
                    first_seen=min(row.first_seen or day, day), last_seen=max(row.last_seen or day, day)))

    def lookup_actor(self, name: str, on: date | None) -> dict[str, Any] | None:
        """The role a person held on a day: a dictionary entry valid then, else the sighting nearest before
        (the latest seen), else the first sighting. One query: the best row of each kind, the first kind found
        wins."""
        from ..actors.kb import norm

        params: dict[str, Any] = {"key": norm(name)}
        if on is not None:
            params["day"] = on.isoformat()
        with reading(self.engine) as conn:
            rows = conn.execute(_actor_lookup(on is not None), params).mappings().all()
        if not rows:
            return None
        best = dict(min(rows, key=lambda r: r["choice"]))
        del best["choice"]
        return best

    def add_dictionary_actors(self, rows: list[dict[str, Any]]) -> int:
        """Insert imported dictionary entries (skipping ones already present)."""
        added = 0
        with self.engine.begin() as conn:
            for r in rows:
                exists = conn.execute(sa.select(actors.c.id).where(
                    actors.c.key == r["key"], actors.c.code == r["code"], actors.c.origin == "dictionary",
                    actors.c.valid_from.is_(r.get("valid_from")) if r.get("valid_from") is None
                    else actors.c.valid_from == r["valid_from"])).first()
                if exists:
                    continue
                conn.execute(actors.insert().values(origin="dictionary", **r))
                added += 1
        return added

    def list_actors(self, query: str | None = None, limit: int = 100, offset: int = 0,
                    sort: str = "-last_seen") -> list[dict[str, Any]]:
        """People the actor memory has seen (and imported names), last seen first (sort: -last_seen,
        last_seen, name)."""
        a = actors.c
        order = {"-last_seen": [a.last_seen.desc().nulls_last(), a.id], "last_seen": [a.last_seen.asc().nulls_last(), a.id],
                 "name": [a.name, a.id]}
        q = _actor_filter(sa.select(actors), query).order_by(*order.get(sort, order["-last_seen"]))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q.limit(limit).offset(offset)).mappings()]

    def count_actors(self, query: str | None = None) -> int:
        with self.engine.connect() as conn:
            return conn.execute(_actor_filter(sa.select(sa.func.count()).select_from(actors), query)).scalar_one()

    # -- reading events -----------------------------------------------------------------------------
    def query_mentions(self, actor: str | None = None, dyad: tuple[str, str] | None = None,
                       code: str | None = None, since: str | None = None, until: str | None = None,
                       status: str | None = None, article_id: int | None = None, quad_class: int | None = None,
                       text: str | None = None, limit: int | None = 100, offset: int = 0,
                       order: str = "date") -> list[dict[str, Any]]:
        """Coded event mentions with their evidence, filtered."""
        return list(self.iter_mentions(actor, dyad, code, since, until, status, article_id, quad_class, text,
                                       limit, offset, order))

    def iter_mentions(self, actor=None, dyad=None, code=None, since=None, until=None, status=None,
                      article_id=None, quad_class=None, text=None, limit=None, offset=0, order="date",
                      story_id=None, article_ids=None, event_ids=None, directed=False):
        """Like query_mentions, streamed (for exports of any size)."""
        q = (sa.select(mentions, articles.c.title.label("article_title"), articles.c.url.label("article_url"),
                       articles.c.coded_at, outlets.c.domain.label("outlet"), events.c.n_mentions,
                       events.c.n_articles, events.c.n_outlets,
                       sa.func.substr(articles.c.text, mentions.c.sentence_start + 1,
                                      mentions.c.sentence_end - mentions.c.sentence_start).label("sentence"))
             .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id)
                          .outerjoin(outlets, outlets.c.id == articles.c.outlet_id)
                          .outerjoin(events, events.c.id == mentions.c.event_id)))
        q = _filter(q, mentions, actor, dyad, code, since, until, status, quad_class, directed)
        if article_id is not None:
            q = q.where(mentions.c.article_id == article_id)
        if story_id is not None:
            q = q.where(articles.c.story_id == story_id)
        if article_ids is not None:
            q = q.where(mentions.c.article_id.in_(list(article_ids)))
        if event_ids is not None:
            q = q.where(mentions.c.event_id.in_(list(event_ids)))
        if text:
            like = f"%{text}%"
            q = q.where(sa.or_(mentions.c.source_name.ilike(like), mentions.c.target_name.ilike(like),
                               mentions.c.trigger_text.ilike(like), articles.c.title.ilike(like)))
        if order == "-date":
            q = q.order_by(mentions.c.date.desc().nulls_last(), mentions.c.id.desc())
        elif order == "confidence":
            q = q.order_by(mentions.c.confidence.desc(), mentions.c.id)
        else:
            q = q.order_by(mentions.c.date.nulls_last(), mentions.c.article_id, mentions.c.sentence_index,
                           mentions.c.trigger_start, mentions.c.id)
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(q).mappings()
            for r in result:
                yield dict(r)

    def article_extraction(self, article_id: int) -> dict[str, list[dict[str, Any]]]:
        """An article's stored mentions, quotes and times."""
        with self.engine.connect() as conn:
            m = [dict(r) for r in conn.execute(sa.select(mentions).where(mentions.c.article_id == article_id)
                                               .order_by(mentions.c.sentence_index, mentions.c.trigger_start))
                 .mappings()]
            qs = [dict(r) for r in conn.execute(sa.select(quotes).where(quotes.c.article_id == article_id)
                                                .order_by(quotes.c.start)).mappings()]
            ts = [dict(r) for r in conn.execute(sa.select(times).where(times.c.article_id == article_id)
                                                .order_by(times.c.start)).mappings()]
        return {"mentions": m, "quotes": qs, "times": ts}

    def event_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()

    def mention_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(mentions)).scalar_one()


# An article's earlier extraction cleared at once on PostgreSQL: its events wait for a recount (stale_events)
_PG_CLEAR = sa.text(
    "WITH gone AS (DELETE FROM mentions WHERE article_id = :article RETURNING event_id), "
    "quotes_gone AS (DELETE FROM quotes WHERE article_id = :article), "
    "times_gone AS (DELETE FROM times WHERE article_id = :article), "
    "sightings_gone AS (DELETE FROM pending_sightings WHERE article_id = :article) "
    "INSERT INTO stale_events (article_id, event_id) SELECT :article, event_id FROM gone "
    "WHERE event_id IS NOT NULL GROUP BY event_id ORDER BY event_id")


def _clear_extraction(conn, article_id: int) -> None:
    """Remove an article's mentions, quotes, times and pending sightings, and note the events its mentions
    were linked to as stale (the finishing step recounts them): one statement on PostgreSQL."""
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_CLEAR, {"article": article_id})
        return
    old = sorted({r.event_id for r in conn.execute(
        sa.select(mentions.c.event_id).where(mentions.c.article_id == article_id,
                                             mentions.c.event_id.is_not(None)).distinct())})
    if old:
        conn.execute(stale_events.insert(), [{"article_id": article_id, "event_id": e} for e in old])
    conn.execute(mentions.delete().where(mentions.c.article_id == article_id))
    conn.execute(quotes.delete().where(quotes.c.article_id == article_id))
    conn.execute(times.delete().where(times.c.article_id == article_id))
    conn.execute(pending_sightings.delete().where(pending_sightings.c.article_id == article_id))


@cache
def _actor_lookup(dated: bool):
    """lookup_actor's query: the dictionary entry valid on the day (latest start first), the sighting
    nearest before the day (latest seen first), the first sighting; each as a row with its rank (choice)."""
    a = actors.c
    key = a.key == sa.bindparam("key")
    dictionary = sa.select(actors, sa.literal_column("1").label("choice")).where(key, a.origin == "dictionary")
    if dated:
        day = sa.bindparam("day")
        dictionary = dictionary.where(sa.or_(a.valid_from.is_(None), a.valid_from <= day),
                                      sa.or_(a.valid_until.is_(None), a.valid_until >= day))
    parts = [dictionary.order_by(a.valid_from.desc().nulls_last()).limit(1)]
    if dated:
        parts.append(sa.select(actors, sa.literal_column("2").label("choice")).where(key, a.origin == "seen")
                     .where(a.first_seen <= sa.bindparam("day")).order_by(a.last_seen.desc()).limit(1))
    parts.append(sa.select(actors, sa.literal_column("3").label("choice")).where(key, a.origin == "seen")
                 .order_by(a.first_seen).limit(1))
    return sa.union_all(*(sa.select(p.subquery()) for p in parts))


def _actor_filter(q, query: str | None):
    if query:
        q = q.where(sa.or_(actors.c.name.ilike(f"%{query}%"), actors.c.code == query.upper()))
    return q


def _filter(q, table, actor, dyad, code, since, until, status, quad_class, directed=False):
    if actor:
        a = actor.upper()
        q = q.where(sa.or_(table.c.source_code.startswith(a), table.c.target_code.startswith(a)))
    if dyad:
        a, b = dyad[0].upper(), dyad[1].upper()
        forward = sa.and_(table.c.source_code.startswith(a), table.c.target_code.startswith(b))
        backward = sa.and_(table.c.source_code.startswith(b), table.c.target_code.startswith(a))
        q = q.where(forward if directed else sa.or_(forward, backward))
    if code:
        q = q.where(table.c.root == code) if len(code) == 2 else q.where(table.c.code.startswith(code))
    if since:
        q = q.where(table.c.date >= since)
    if until:
        q = q.where(table.c.date <= until)
    if status:
        q = q.where(table.c.status == status)
    if quad_class:
        q = q.where(table.c.quad_class == quad_class)
    return q
