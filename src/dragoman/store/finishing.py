"""The ordered finishing step of coding, run by one process at a time after articles are coded (by one
process or many): sightings join the actor memory, mentions are linked to events, events that lost
mentions are recounted. Done per article in article order, it gives the same events whatever the number
of coding processes and the order they finished in."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import sqlalchemy as sa

from ..timeutil import iso_day, utcnow_iso
from .locks import _key
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


# Statements built once: the finishing step runs thousands of small ones per round, and building a
# statement (and its cache key) costs SQLAlchemy more than running it.
_P = sa.bindparam
_FIND_EVENTS = (sa.select(events.c.id, events.c.source_code, events.c.target_code, events.c.date,
                          events.c.date_precision)
                .where(events.c.root == _P("root"), events.c.source_code.startswith(_P("src3")),
                       events.c.target_code.startswith(_P("tgt3")), events.c.date.startswith(_P("year")))
                .order_by(events.c.id).limit(200))
_PROMOTE = (events.update().where(events.c.id == _P("e_id"), events.c.status == "background")
            .values(status=_P("e_status")))
_NEW_EVENTS = events.insert().returning(events.c.id, sort_by_parameter_order=True)
_OUTLET = sa.select(articles.c.outlet_id).where(articles.c.id == _P("article"))
_UNLINKED = (sa.select(mentions).where(mentions.c.article_id == _P("article"), mentions.c.event_id.is_(None))
             .order_by(mentions.c.id))
_STALE = sa.select(stale_events.c.event_id).where(stale_events.c.article_id == _P("article"))
_DROP_STALE = stale_events.delete().where(stale_events.c.article_id == _P("article"))
_COUNTS = (sa.select(mentions.c.event_id, sa.func.count(mentions.c.id), sa.func.count(sa.distinct(mentions.c.article_id)),
                     sa.func.count(sa.distinct(articles.c.outlet_id)))
           .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
           .where(mentions.c.event_id.in_(_P("e_ids", expanding=True))).group_by(mentions.c.event_id))
_SET_COUNTS = (events.update().where(events.c.id == _P("e_id"))
               .values(n_mentions=_P("n_m"), n_articles=_P("n_a"), n_outlets=_P("n_o")))
_DROP_EVENTS = events.delete().where(events.c.id.in_(_P("e_ids", expanding=True)))
_SEEN_ROWS = (sa.select(actors.c.id, actors.c.key, actors.c.code, actors.c.role, actors.c.first_seen,
                         actors.c.last_seen)
              .where(actors.c.key.in_(_P("a_keys", expanding=True)), actors.c.origin == "seen")
              .order_by(actors.c.id))
_SEEN_SPAN = actors.update().where(actors.c.id == _P("a_id")).values(first_seen=_P("a_first"), last_seen=_P("a_last"))
_CHUNK = 500  # ids per IN list


@cache
def _improve(columns: tuple[str, ...]):
    """The update of a matched event's date and/or codes (a few shapes, each built once)."""
    return events.update().where(events.c.id == _P("e_id")).values({c: _P(f"v_{c}") for c in columns})


class FinishingQueries:
    """Mixin of Store: what the finishing step reads and writes."""

    engine: sa.Engine

    @contextmanager
    def finishing_turn(self) -> Iterator[bool]:
        """Hold the finishing step's lock (locks.exclusive(engine, "finish")) if no process holds it now:
        True inside the block; False, at once, when another process does."""
        engine = self.engine
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                got = bool(conn.execute(sa.select(sa.func.pg_try_advisory_lock(_key("finish")))).scalar())
                conn.commit()
                try:
                    yield got
                finally:
                    if got:
                        conn.execute(sa.select(sa.func.pg_advisory_unlock(_key("finish"))))
                        conn.commit()
            return
        path = engine.url.database
        if engine.dialect.name != "sqlite" or not path or path == ":memory:":
            yield True  # one process only can see this store
            return
        with open(f"{path}.finish.lock", "a+b") as handle:  # the file locks.exclusive uses
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def articles_to_finish(self) -> list[int]:
        """Coded articles whose mentions wait for linking or whose old events wait for a recount, in order."""
        with self.engine.connect() as conn:
            unlinked = sa.select(mentions.c.article_id).where(mentions.c.event_id.is_(None))
            stale = sa.select(stale_events.c.article_id)
            return sorted({r[0] for r in conn.execute(sa.union(unlinked, stale))})

    def fold_sightings(self) -> int:
        """Add every pending sighting to the actor memory (in article order), and clear them: a row per
        name key (full name and surname), code and role, its first and last day widened by each sighting.
        One read of the rows the sightings may touch, then batched writes."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(pending_sightings)
                                .order_by(pending_sightings.c.article_id, pending_sightings.c.id)).all()
            if not rows:
                return 0
            plan = [(r, _name_keys(r.name)) for r in rows]
            keys = sorted({k for _, ks in plan for k in ks})
            known: dict[tuple, dict[str, Any]] = {}  # (key, code, role) -> the stored row's id and days
            for i in range(0, len(keys), _CHUNK):
                for a in conn.execute(_SEEN_ROWS, {"a_keys": keys[i:i + _CHUNK]}):
                    known.setdefault((a.key, a.code, a.role), {"id": a.id, "first": a.first_seen,
                                                               "last": a.last_seen, "changed": False})
            new: dict[tuple, dict[str, Any]] = {}  # rows to add, in the order first seen
            for r, ks in plan:
                day = r.day
                for key in ks:
                    k = (key, r.code, r.role)
                    if k in new:
                        row = new[k]
                        row["first_seen"], row["last_seen"] = min(row["first_seen"], day), max(row["last_seen"], day)
                    elif k in known:
                        row = known[k]
                        row["first"], row["last"] = min(row["first"] or day, day), max(row["last"] or day, day)
                        row["changed"] = True
                    else:
                        new[k] = dict(name=r.name, key=key, code=r.code, role=r.role, first_seen=day, last_seen=day,
                                      article_id=r.article_id, evidence=r.evidence, origin="seen")
            if new:
                conn.execute(actors.insert(), list(new.values()))
            spans = [{"a_id": v["id"], "a_first": v["first"], "a_last": v["last"]} for v in known.values() if v["changed"]]
            if spans:
                conn.execute(_SEEN_SPAN, spans)
            ids = [r.id for r in rows]
            for i in range(0, len(ids), _CHUNK):
                conn.execute(pending_sightings.delete().where(pending_sightings.c.id.in_(ids[i:i + _CHUNK])))
            return len(rows)

    def finish_article(self, article_id: int) -> list[int]:
        """Link the article's unlinked mentions to events (stored ones, or new) and recount what they and
        its earlier coding touched (an event left without mentions is removed). One transaction. Returns
        the ids of the mentions linked."""
        now = utcnow_iso()
        with self.engine.begin() as conn:
            stale = {r.event_id for r in conn.execute(_STALE, {"article": article_id})}
            if stale:
                conn.execute(_DROP_STALE, {"article": article_id})
            rows = conn.execute(_UNLINKED, {"article": article_id}).mappings().all()
            touched = set(stale)
            links: list[dict[str, int]] = []
            fresh: list = []  # mentions that start events of their own, inserted together (in order)

            counts: dict[str, int] = {}  # a fresh event's counts: its one mention, article and outlet

            def add_fresh() -> None:
                if fresh:
                    if not counts:
                        outlet = conn.execute(_OUTLET, {"article": article_id}).scalar()
                        counts.update(n_mentions=1, n_articles=1, n_outlets=int(outlet is not None))
                    made = conn.execute(_NEW_EVENTS, [{**_event_values(m, now), **counts} for m in fresh]
                                        ).scalars().all()
                    links.extend({"m_id": m["id"], "e_id": e} for m, e in zip(fresh, made, strict=True))
                    fresh.clear()  # counted already: no recount

            for m in rows:
                if not (m["source_code"] and m["target_code"] and m["date"]):
                    fresh.append(m)  # no actor pair or no date: never the same event as another mention
                    continue
                add_fresh()  # the events before it first, so that event ids follow the mentions' order
                event_id = _link_event(conn, m, now)
                links.append({"m_id": m["id"], "e_id": event_id})
                touched.add(event_id)
            add_fresh()
            for i in range(0, len(links), _CHUNK):  # one UPDATE per 500 mentions, not one each
                part = {x["m_id"]: x["e_id"] for x in links[i:i + _CHUNK]}
                conn.execute(mentions.update().where(mentions.c.id.in_(list(part)))
                             .values(event_id=sa.case(part, value=mentions.c.id)))
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
        best = None
        for row in conn.execute(_FIND_EVENTS, {"root": m["root"], "src3": src[:3], "tgt3": tgt[:3],
                                               "year": day[:4]}):
            if not (_compatible(src, row.source_code) and _compatible(tgt, row.target_code)):
                continue
            if not _dates_agree(day, precision, row.date, row.date_precision):
                continue
            best = row
            break
        if best is not None:
            updates = {}
            if m["status"] != "background":
                conn.execute(_PROMOTE, {"e_id": best.id, "e_status": m["status"]})
            if _rank(precision) > _rank(best.date_precision):
                updates.update(date=day, date_precision=precision)
            if len(src) > len(best.source_code or "") or len(tgt) > len(best.target_code or ""):
                updates.update(source_code=max(src, best.source_code, key=len),
                               target_code=max(tgt, best.target_code, key=len))
            if updates:
                conn.execute(_improve(tuple(updates)), {"e_id": best.id, **{f"v_{k}": v for k, v in updates.items()}})
            return best.id
    return conn.execute(_NEW_EVENTS, [_event_values(m, now)]).scalar_one()


def _event_values(m, now: str) -> dict[str, Any]:
    """A new event as one mention reports it."""
    return dict(code=m["code"], root=m["root"], quad_class=m["quad_class"], penta_class=m["penta_class"],
                goldstein=m["goldstein"], source_code=m["source_code"], target_code=m["target_code"],
                source_name=m["source_name"], target_name=m["target_name"], date=m["date"],
                date_precision=m["date_precision"], status=m["status"], first_seen=now)


def _recount(conn, event_ids: set[int]) -> None:
    """Recount these events' mentions, articles and outlets (one grouped query, one batched update); an
    event left without mentions is removed."""
    ids = sorted(event_ids)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        counts = {r[0]: r[1:] for r in conn.execute(_COUNTS, {"e_ids": chunk})}
        gone = [eid for eid in chunk if eid not in counts]
        if gone:
            conn.execute(_DROP_EVENTS, {"e_ids": gone})
        if counts:
            conn.execute(_SET_COUNTS, [{"e_id": eid, "n_m": n, "n_a": a, "n_o": o}
                                       for eid, (n, a, o) in sorted(counts.items())])


def _name_keys(name: str) -> list[str]:
    """The actor memory's keys for a name: the normalised full name and surname."""
    from ..actors.kb import norm

    keys = {norm(name)}
    parts = name.split()
    if len(parts) > 1:
        keys.add(norm(parts[-1]))
    return sorted(keys)
