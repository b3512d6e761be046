"""The ordered finishing step of coding, run by one process at a time after articles are coded (by one
process or many): sightings join the actor memory, mentions are linked to events, events that lost
mentions are recounted. Done per article in article order, it gives the same events whatever the number
of coding processes and the order they finished in."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..timeutil import iso_day, utcnow_iso
from .schema import actors, articles, events, mentions, pending_sightings, stale_events

LINK_WINDOW_DAYS = 3


def _compatible(a: str | None, b: str | None) -> bool:
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def _rank(precision: str | None) -> int:
    return {"day": 3, "month": 2, "year": 1}.get(precision or "", 0)


def _dates_agree(a: str, pa: str | None, b: str | None, pb: str | None) -> bool:
    if not b:
        return False
    if pa == "day" and pb == "day":
        da, db = iso_day(a), iso_day(b)
        return da is not None and db is not None and abs((da - db).days) <= LINK_WINDOW_DAYS
    coarse = min(_rank(pa), _rank(pb))
    width = {2: 7, 1: 4}.get(coarse, 0)
    return bool(width) and a[:width] == b[:width]


class FinishingQueries:
    """Mixin of Store: what the finishing step reads and writes."""

    engine: sa.Engine

    def articles_to_finish(self) -> list[int]:
        """Coded articles whose mentions wait for linking or whose old events wait for a recount, in order."""
        with self.engine.connect() as conn:
            unlinked = sa.select(mentions.c.article_id).where(mentions.c.event_id.is_(None))
            stale = sa.select(stale_events.c.article_id)
            return sorted({r[0] for r in conn.execute(sa.union(unlinked, stale))})

    def fold_sightings(self) -> int:
        """Add every pending sighting to the actor memory (in article order), and clear them."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(pending_sightings)
                                .order_by(pending_sightings.c.article_id, pending_sightings.c.id)).all()
            for r in rows:
                _remember(conn, r)
            if rows:
                conn.execute(pending_sightings.delete().where(pending_sightings.c.id.in_([r.id for r in rows])))
            return len(rows)

    def finish_article(self, article_id: int) -> list[int]:
        """Link the article's unlinked mentions to events (stored ones, or new) and recount what they and
        its earlier coding touched (an event left without mentions is removed). One transaction. Returns
        the ids of the mentions linked."""
        now = utcnow_iso()
        with self.engine.begin() as conn:
            stale = {r.event_id for r in conn.execute(
                sa.select(stale_events.c.event_id).where(stale_events.c.article_id == article_id))}
            conn.execute(stale_events.delete().where(stale_events.c.article_id == article_id))
            rows = conn.execute(sa.select(mentions).where(mentions.c.article_id == article_id,
                                                          mentions.c.event_id.is_(None))
                                .order_by(mentions.c.id)).mappings().all()
            touched = set(stale)
            for m in rows:
                event_id = _link_event(conn, m, now)
                conn.execute(mentions.update().where(mentions.c.id == m["id"]).values(event_id=event_id))
                touched.add(event_id)
            _recount(conn, touched)
            return [m["id"] for m in rows]


def _link_event(conn, m, now: str) -> int:
    """The stored event this mention reports, or a new one.

    Same event: same CAMEO root, compatible actors (equal codes, or one the country-level form of the
    other: SRB ~ SRBGOV), and dates that agree: within a few days at day precision, or the same
    month/year when either side is coarser (a background "in 2008" joins the 17 February 2008 event).
    """
    src, tgt, day, precision = m["source_code"], m["target_code"], m["date"], m["date_precision"]
    if src and tgt and day:
        q = sa.select(events.c.id, events.c.source_code, events.c.target_code, events.c.date,
                      events.c.date_precision).where(
            events.c.root == m["root"], events.c.source_code.startswith(src[:3]),
            events.c.target_code.startswith(tgt[:3]), events.c.date.startswith(day[:4]))
        best = None
        for row in conn.execute(q.order_by(events.c.id).limit(200)):
            if not (_compatible(src, row.source_code) and _compatible(tgt, row.target_code)):
                continue
            if not _dates_agree(day, precision, row.date, row.date_precision):
                continue
            best = row
            break
        if best is not None:
            updates = {}
            if m["status"] != "background":
                conn.execute(events.update().where(events.c.id == best.id, events.c.status == "background")
                             .values(status=m["status"]))
            if _rank(precision) > _rank(best.date_precision):
                updates.update(date=day, date_precision=precision)
            if len(src) > len(best.source_code or "") or len(tgt) > len(best.target_code or ""):
                updates.update(source_code=max(src, best.source_code, key=len),
                               target_code=max(tgt, best.target_code, key=len))
            if updates:
                conn.execute(events.update().where(events.c.id == best.id).values(**updates))
            return best.id
    return conn.execute(events.insert().values(
        code=m["code"], root=m["root"], quad_class=m["quad_class"], penta_class=m["penta_class"],
        goldstein=m["goldstein"], source_code=src, target_code=tgt, source_name=m["source_name"],
        target_name=m["target_name"], date=day, date_precision=precision, status=m["status"], first_seen=now,
    )).inserted_primary_key[0]


def _recount(conn, event_ids: set[int]) -> None:
    for eid in sorted(event_ids):
        row = conn.execute(
            sa.select(sa.func.count(mentions.c.id), sa.func.count(sa.distinct(mentions.c.article_id)),
                      sa.func.count(sa.distinct(articles.c.outlet_id)))
            .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
            .where(mentions.c.event_id == eid)).first()
        if row[0] == 0:
            conn.execute(events.delete().where(events.c.id == eid))
        else:
            conn.execute(events.update().where(events.c.id == eid)
                         .values(n_mentions=row[0], n_articles=row[1], n_outlets=row[2]))


def _remember(conn, sighting: Any) -> None:
    """One sighting into the actor memory: a row per name key (full name and surname), code and role."""
    from ..actors.kb import norm

    name, day = sighting.name, sighting.day
    keys = {norm(name)}
    parts = name.split()
    if len(parts) > 1:
        keys.add(norm(parts[-1]))
    for key in sorted(keys):
        row = conn.execute(sa.select(actors.c.id, actors.c.first_seen, actors.c.last_seen).where(
            actors.c.key == key, actors.c.code == sighting.code, actors.c.role == sighting.role,
            actors.c.origin == "seen")).first()
        if row is None:
            conn.execute(actors.insert().values(
                name=name, key=key, code=sighting.code, role=sighting.role, first_seen=day, last_seen=day,
                article_id=sighting.article_id, evidence=sighting.evidence, origin="seen"))
        else:
            conn.execute(actors.update().where(actors.c.id == row.id).values(
                first_seen=min(row.first_seen or day, day), last_seen=max(row.last_seen or day, day)))
