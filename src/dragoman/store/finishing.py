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
from .repository import reading
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
CANDIDATES = 200  # stored events a mention is compared with: the first ones (by id) of its root, actors' countries
#                  and year
LINK_RUN = 32  # articles linked in one transaction
_KEYS = 16  # (root, countries, year) keys whose candidates one query reads
_LINK = mentions.update().where(mentions.c.id == _P("m_id")).values(event_id=_P("e_id"))
_LINK_ALL = sa.text("UPDATE mentions SET event_id = link.e_id FROM unnest(CAST(:m_ids AS integer[]), "
                    "CAST(:e_ids AS integer[])) AS link(m_id, e_id) WHERE mentions.id = link.m_id")
_LAST_EVENT = sa.select(sa.func.coalesce(sa.func.max(events.c.id), 0))
_NEXT_EVENT_IDS = sa.text("SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, :n)")
_SET_EVENT = (events.update().where(events.c.id == _P("e_id"))
              .values(status=_P("e_status"), date=_P("e_date"), date_precision=_P("e_precision"),
                      source_code=_P("e_source"), target_code=_P("e_target")))
_UNLINKED_OF = (sa.select(mentions, articles.c.outlet_id.label("article_outlet"))
                .join(articles, articles.c.id == mentions.c.article_id)
                .where(mentions.c.article_id.in_(_P("articles", expanding=True)), mentions.c.event_id.is_(None))
                .order_by(mentions.c.id))
_STALE_OF = (sa.select(stale_events.c.article_id, stale_events.c.event_id)
             .where(stale_events.c.article_id.in_(_P("articles", expanding=True))))
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
def _find_events(n_keys: int):
    """The stored events that mentions with these n (root, source country, target country, year) keys may
    report: for each key, the first CANDIDATES events (by id) of that root whose codes and date begin so.
    One query for an article's mentions (a few shapes, each built once)."""
    e = events.c
    parts = [sa.select(e.id, e.root, e.source_code, e.target_code, e.date, e.date_precision, e.status)
             .where(e.root == _P(f"root{i}"), e.source_code.startswith(_P(f"src{i}")),
                    e.target_code.startswith(_P(f"tgt{i}")), e.date.startswith(_P(f"year{i}")))
             .order_by(e.id).limit(_P("limit", type_=sa.Integer)).subquery() for i in range(n_keys)]
    return sa.union_all(*(sa.select(p) for p in parts))


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
        with reading(self.engine) as conn:
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
        its earlier coding touched (an event left without mentions is removed). One transaction. Returns the
        ids of the mentions linked."""
        return self.finish_articles([article_id])[article_id]

    def finish_articles(self, article_ids: list[int]) -> dict[int, list[int]]:
        """finish_article for each of these articles, one after the other, with what each links seen by the
        next: the stored events their mentions may report are read at once, the mentions are matched in
        order, in memory (a mention may report an event an earlier one started or changed), then the new
        events are inserted (ids in the mentions' order), the changed ones updated, the mentions linked and
        the stored events they joined recounted. Up to LINK_RUN articles go in one transaction; an article
        coded before, whose old events wait for a recount (and may go), is linked on its own, after what
        comes before it is written. Returns the ids of the mentions each article linked."""
        out: dict[int, list[int]] = {}
        now = utcnow_iso()
        article_ids = list(dict.fromkeys(article_ids))  # each once, in the order given
        for i in range(0, len(article_ids), LINK_RUN):
            chunk = article_ids[i:i + LINK_RUN]
            with self.engine.begin() as conn:
                stale: dict[int, set[int]] = {}
                for r in conn.execute(_STALE_OF, {"articles": chunk}):
                    stale.setdefault(r.article_id, set()).add(r.event_id)
                run: list[int] = []
                for article_id in [*chunk, None]:
                    if run and (article_id is None or article_id in stale):
                        out.update(_link_run(conn, run, set(), now))  # written before the next one reads
                        run = []
                    if article_id in stale:
                        conn.execute(_DROP_STALE, {"article": article_id})
                        out.update(_link_run(conn, [article_id], stale[article_id], now))
                    elif article_id is not None:
                        run.append(article_id)
        return out


def _link_run(conn, article_ids: list[int], stale: set[int], now: str) -> dict[int, list[int]]:
    """Link the unlinked mentions of these articles, in order (see finish_articles), and recount `stale`."""
    rows = [m for i in range(0, len(article_ids), _CHUNK)
            for m in conn.execute(_UNLINKED_OF, {"articles": article_ids[i:i + _CHUNK]}).mappings()]
    by_article: dict[int, list] = {a: [] for a in article_ids}
    for m in rows:  # in mention order
        by_article[m["article_id"]].append(m)
    linking = _Linking(conn, [m for m in rows if _linkable(m)], now)
    for a in article_ids:
        for m in by_article[a]:
            linking.link(m)
    made = linking.new
    if made:
        for e, event_id in zip(made, _new_event_ids(conn, len(made)), strict=True):
            e.id = event_id
        conn.execute(events.insert(), [{**e.values, "id": e.id, "n_mentions": e.mentions,
                                        "n_articles": len(e.articles), "n_outlets": len(e.outlets)} for e in made])
    changed = [e for e in linking.stored if e.changed]
    if changed:
        conn.execute(_SET_EVENT, [{"e_id": e.id, "e_status": e.status, "e_date": e.date,
                                   "e_precision": e.date_precision, "e_source": e.source_code,
                                   "e_target": e.target_code} for e in changed])
    if linking.links:
        _link_mentions(conn, [(m["id"], e.id) for m, e in linking.links])
    # a new event's counts are known here (its mentions, their articles and outlets); stored ones are recounted
    _recount(conn, stale | {e.id for e in linking.stored if e.matched})
    return {a: [m["id"] for m in by_article[a]] for a in article_ids}


def _new_event_ids(conn, n: int) -> list[int]:
    """The ids n new events get, in order, as the database would give them on insert (the next n of the
    sequence on PostgreSQL; on SQLite the ones after the largest): inserted with their ids, the new events
    go in one batch that needs no RETURNING (a batch insert with RETURNING is built and parsed
    anew for every number of rows)."""
    if conn.dialect.name == "postgresql":
        return sorted(conn.execute(_NEXT_EVENT_IDS, {"n": n}).scalars())
    last = conn.execute(_LAST_EVENT).scalar_one()
    return list(range(last + 1, last + 1 + n))


def _link_mentions(conn, links: list[tuple[int, int]]) -> None:
    """Set each mention's event: one statement on PostgreSQL (the pairs as two arrays), a batch on SQLite."""
    if conn.dialect.name == "postgresql":
        conn.execute(_LINK_ALL, {"m_ids": [m for m, _ in links], "e_ids": [e for _, e in links]})
    else:
        conn.execute(_LINK, [{"m_id": m, "e_id": e} for m, e in links])


def _linkable(m) -> bool:
    """Whether a mention may report a stored event: it has both actors and a date (otherwise it starts an
    event of its own)."""
    return bool(m["source_code"] and m["target_code"] and m["date"])


def _match_key(m) -> tuple[str, str, str, str]:
    return m["root"], m["source_code"][:3], m["target_code"][:3], m["date"][:4]


class _Event:
    """An event while an article's mentions are linked: a stored one as read, or one the article starts."""

    def __init__(self, row=None, values: dict[str, Any] | None = None):
        src = row._mapping if row is not None else values
        self.id: int | None = row.id if row is not None else None
        self.values = values  # a new event's row, as inserted
        self.root, self.status = src["root"], src["status"]
        self.source_code, self.target_code = src["source_code"], src["target_code"]
        self.date, self.date_precision = src["date"], src["date_precision"]
        self.mentions = 0  # linked to it here
        self.articles: set[int] = set()  # of those mentions
        self.outlets: set[int] = set()
        self.matched = self.changed = False

    def set(self, **values: Any) -> None:
        for k, v in values.items():
            setattr(self, k, v)
        if self.values is not None:
            self.values.update(values)
        else:
            self.changed = True

    def may_be(self, key: tuple[str, str, str, str]) -> bool:
        root, src3, tgt3, year = key
        return (self.root == root and (self.source_code or "").startswith(src3)
                and (self.target_code or "").startswith(tgt3) and (self.date or "").startswith(year))


class _Linking:
    """Articles' mentions matched to events in order, in memory: the stored candidates read at once, the
    events the mentions start added after them (their ids follow every stored one)."""

    def __init__(self, conn, linkable: list, now: str):
        self.now = now
        self.stored: list[_Event] = []
        self.new: list[_Event] = []
        self.links: list[tuple[Any, _Event]] = []
        keys = sorted({_match_key(m) for m in linkable})
        found = {}
        for start in range(0, len(keys), _KEYS):
            part = keys[start:start + _KEYS]
            params: dict[str, Any] = {"limit": CANDIDATES}
            for i, (root, src3, tgt3, year) in enumerate(part):
                params.update({f"root{i}": root, f"src{i}": src3, f"tgt{i}": tgt3, f"year{i}": year})
            found.update((row.id, row) for row in conn.execute(_find_events(len(part)), params))
        self.stored = [_Event(found[i]) for i in sorted(found)]

    def link(self, m) -> None:
        """Link one mention: to the first candidate it reports, or to a new event."""
        event = self._match(m) if _linkable(m) else None
        if event is None:
            event = _Event(values=_event_values(m, self.now))
            self.new.append(event)
        event.mentions += 1
        event.articles.add(m["article_id"])
        if m["article_outlet"] is not None:
            event.outlets.add(m["article_outlet"])
        self.links.append((m, event))

    def _match(self, m) -> _Event | None:
        """The event this mention reports, stored or started by an earlier mention (changed as the mention
        tells more), or None.

        Same event: same CAMEO root, compatible actors (equal codes, or one the country-level form of the
        other: SRB ~ SRBGOV), and dates that agree: within a few days at day precision, or the same
        month/year when either side is coarser (a background "in 2008" joins the 17 February 2008 event).
        The candidates are the first CANDIDATES events of the mention's key, stored ones then new ones."""
        src, tgt, day, precision = m["source_code"], m["target_code"], m["date"], m["date_precision"]
        key = _match_key(m)
        candidates = [e for e in (*self.stored, *self.new) if e.may_be(key)][:CANDIDATES]
        for e in candidates:
            if not (_compatible(src, e.source_code) and _compatible(tgt, e.target_code)):
                continue
            if not _dates_agree(day, precision, e.date, e.date_precision):
                continue
            e.matched = True
            if m["status"] != "background" and e.status == "background":
                e.set(status=m["status"])
            if _rank(precision) > _rank(e.date_precision):
                e.set(date=day, date_precision=precision)
            if len(src) > len(e.source_code or "") or len(tgt) > len(e.target_code or ""):
                e.set(source_code=max(src, e.source_code, key=len), target_code=max(tgt, e.target_code, key=len))
            return e
        return None


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
