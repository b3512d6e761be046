"""The data of every page, as plain JSON-ready dicts: the JSON API returns them as they are, and the
HTML pages render them (so /story/4 and /api/stories/4 always agree)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import HTTPException

from ..briefs.builder import build_brief
from ..briefs.names import code_name
from ..store import Store
from ..store.event_query import EventQuery
from ..store.fulltext import HIGHLIGHT_END, HIGHLIGHT_START
from ..stories.timeline import build_timeline
from ..watch.lists import describe_watchlist
from .params import event_params

HIDDEN = ("article_ingested",)


def event_row(r: dict[str, Any]) -> dict[str, Any]:
    """A stored mention as the API shows it, with the page and anchor of its evidence."""
    row = {k: v for k, v in r.items() if k not in HIDDEN}
    row["evidence_url"] = f"/article/{r['article_id']}#event-{r['id']}"
    return row


def _day(value: str | None) -> str | None:
    return (value or "")[:10] or None


def story_summary(s: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": s["id"],
        "title": s["title"],
        "first_seen": _day(s["first_seen"]),
        "last_seen": _day(s["last_seen"]),
        "n_articles": s["n_articles"],
        "n_outlets": s["n_outlets"],
        "actors": s.get("actors") or [],
        "dyads": s.get("dyads") or [],
        "url": f"/story/{s['id']}",
    }


def _timeline(store: Store, entries: list) -> list[dict[str, Any]]:
    anchors = store.events.mention_anchors([e.event_id for e in entries if e.event_id])
    out = []
    for e in entries:
        d = e.to_dict()
        for ev in d["evidence"]:
            mid = anchors.get((ev["article_id"], e.event_id))
            ev["evidence_url"] = f"/article/{ev['article_id']}" + (f"#event-{mid}" if mid else "")
        out.append(d)
    return out


# -- pages ---------------------------------------------------------------------------------------


def home_data(store: Store) -> dict[str, Any]:
    return {
        "counts": {
            "articles": store.articles.article_count(),
            "events": store.coding.event_count(),
            "mentions": store.coding.mention_count(),
            "stories": store.stories.story_count(),
        },
        "stories": [story_summary(s) for s in store.stories.list_stories(limit=10)],
        "events": [event_row(r) for r in store.events.page(EventQuery(sort="-date"), limit=15)],
    }


def events_data(store: Store, eq: EventQuery, limit: int, offset: int, count: bool = False) -> dict[str, Any]:
    rows = store.events.page(eq, limit=limit + 1, offset=offset)
    more = len(rows) > limit
    params = event_params(eq)
    data: dict[str, Any] = {
        "filters": params,
        "sort": eq.sort,
        "limit": limit,
        "offset": offset,
        "has_more": more,
        "events": [event_row(r) for r in rows[:limit]],
    }
    if count:
        data["count"] = store.events.count(eq)
    return data


def story_data(store: Store, story_id: int) -> dict[str, Any]:
    story = store.stories.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    articles = [
        {
            "id": a["id"],
            "url": a["url"],
            "title": a["title"],
            "outlet": a["outlet"],
            "published": _day(a["published"]),
            "duplicate_of": a["duplicate_of"],
        }
        for a in story["articles"]
    ]
    originals = [a for a in articles if not a["duplicate_of"]] or articles
    latest = max(originals, key=lambda a: (a["published"] or "", a["id"]), default=None)
    brief = None
    if latest is not None:
        try:
            brief = brief_links(store, build_brief(store, latest["id"]))
        except (KeyError, ValueError):
            brief = None
    outlets = Counter(a["outlet"] for a in articles if a["outlet"])
    return {
        **story_summary(story),
        "articles": articles,
        "outlets": [{"outlet": o, "articles": n} for o, n in outlets.most_common()],
        "timeline": _timeline(store, build_timeline(store, story_id=story_id)),
        "brief": brief,
        "brief_article_id": latest["id"] if latest else None,
    }


def brief_links(store: Store, brief: dict[str, Any]) -> dict[str, Any]:
    """A brief with the page and anchor of each fact's evidence."""
    ids = [e for f in brief["facts"] for e in f.get("event_ids") or []]
    anchors = store.events.mention_anchors(ids)
    for f in brief["facts"]:
        aid = f["evidence"]["article_id"]
        mid = next((anchors.get((aid, e)) for e in f.get("event_ids") or [] if anchors.get((aid, e))), None)
        f["evidence_url"] = f"/article/{aid}" + (f"#event-{mid}" if mid else "")
    return brief


def brief_data(store: Store, article_id: int) -> dict[str, Any]:
    if store.articles.get_article(article_id) is None:
        raise HTTPException(404, f"no article {article_id}")
    return brief_links(store, build_brief(store, article_id))


def article_data(store: Store, article_id: int) -> dict[str, Any]:
    art = store.articles.get_article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id}")
    art.pop("content_hash", None)
    extraction = store.coding.article_extraction(article_id)
    story_id = store.stories.stories_of([article_id]).get(article_id)
    story = store.stories.get_story(story_id) if story_id else None
    for m in extraction["mentions"]:
        m["evidence_url"] = f"/article/{article_id}#event-{m['id']}"
    return {
        "article": art,
        **extraction,
        "story": {"id": story["id"], "title": story["title"], "url": f"/story/{story['id']}"}
        if story
        else None,
    }


def actor_data(store: Store, code: str, bin: str = "week") -> dict[str, Any]:
    as_source = store.events.count(EventQuery(source=code))
    as_target = store.events.count(EventQuery(target=code))
    people = [p for p in store.coding.list_actors(code, limit=200) if (p["code"] or "").startswith(code)]
    if not (as_source or as_target or people):
        raise HTTPException(404, f"no events or people with actor code {code}")
    return {
        "code": code,
        "label": code_name(code),
        "names": store.events.actor_names(code),
        "people": [
            {
                "name": p["name"],
                "role": p["role"],
                "code": p["code"],
                "first_seen": p["first_seen"],
                "last_seen": p["last_seen"],
                "origin": p["origin"],
            }
            for p in people[:50]
        ],
        "counts": {"as_source": as_source, "as_target": as_target},
        "chart": store.charts.goldstein_series(actor=code, bin=bin),
        "counterparts": store.events.counterparts(code),
        "events_as_source": [event_row(r) for r in store.events.page(EventQuery(source=code), limit=20)],
        "events_as_target": [event_row(r) for r in store.events.page(EventQuery(target=code), limit=20)],
    }


def actors_data(store: Store, prefix: str | None, limit: int) -> dict[str, Any]:
    codes = store.events.actor_codes(prefix, limit=limit)
    for c in codes:
        c["label"] = code_name(c["code"])
        c["url"] = f"/actor/{c['code']}"
    return {"prefix": prefix, "actors": codes}


def dyad_chart(store: Store, a: str, b: str, bin: str = "week") -> dict[str, Any]:
    """Both directions of a dyad, aggregated per bucket in SQL."""
    return {
        "a": a,
        "b": b,
        "bin": bin,
        "a_to_b": store.charts.goldstein_series(a, b, bin=bin),
        "b_to_a": store.charts.goldstein_series(b, a, bin=bin),
    }


def dyad_data(store: Store, a: str, b: str, bin: str = "week") -> dict[str, Any]:
    n_ab = store.events.count(EventQuery(source=a, target=b))
    n_ba = store.events.count(EventQuery(source=b, target=a))
    if not (n_ab or n_ba):
        raise HTTPException(404, f"no events between {a} and {b}")
    return {
        "a": a,
        "b": b,
        "labels": {"a": code_name(a), "b": code_name(b)},
        "counts": {"a_to_b": n_ab, "b_to_a": n_ba},
        "chart": dyad_chart(store, a, b, bin),
        "timeline": _timeline(store, build_timeline(store, dyad=(a, b))),
    }


def search_data(store: Store, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    q = q.strip()
    hits = store.articles.search(q, limit=limit, offset=offset) if q else []
    for h in hits:
        h["snippet_marked"] = h["snippet"]
        h["snippet"] = h["snippet"].replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        h["url"] = f"/article/{h['id']}"
    word = q.split()[0] if q.split() else ""
    codes = store.events.actor_codes(word, limit=10) if word.isalnum() and len(word) >= 3 else []
    people = (
        [{"name": p["name"], "code": p["code"], "role": p["role"]} for p in store.coding.list_actors(q, limit=10)]
        if q
        else []
    )
    return {
        "q": q,
        "limit": limit,
        "offset": offset,
        "articles": hits,
        "actor_codes": codes,
        "people": people,
    }


def timeline_data(
    store: Store,
    *,
    story: int | None,
    actor: str | None,
    dyad: tuple[str, str] | None,
    query: str | None,
    since: str | None,
    until: str | None,
    statements: bool,
) -> dict[str, Any]:
    entries = build_timeline(
        store,
        story_id=story,
        actor=actor,
        dyad=dyad,
        query=query,
        since=since,
        until=until,
        include_statements=statements,
    )
    return {
        "story": story,
        "actor": actor,
        "dyad": list(dyad) if dyad else None,
        "query": query,
        "entries": _timeline(store, entries),
    }


def watchlist_summary(wl: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": wl["name"],
        "created": wl["created"],
        "actors": wl["actors"] or [],
        "dyads": wl["dyads"] or [],
        "codes": wl["codes"] or [],
        "queries": wl["queries"] or [],
        "webhook": bool(wl.get("webhook")),
        "description": describe_watchlist(wl),
        "url": f"/watch/{wl['name']}",
        "feed": f"/watch/{wl['name']}.atom",
    }


def watchlist_data(store: Store, name: str, limit: int = 50) -> dict[str, Any]:
    wl = store.watchlists.get_watchlist(name)
    if wl is None:
        raise HTTPException(404, f"no watchlist {name!r}")
    deliveries = store.deliveries.list_deliveries(wl["id"], limit=20) if wl.get("webhook") else []
    return {
        **watchlist_summary(wl),
        "matches": [event_row(r) for r in store.watchlists.watch_matches(wl, limit=limit)],
        "deliveries": [
            {
                k: d[k]
                for k in (
                    "match_key",
                    "state",
                    "attempts",
                    "last_status",
                    "last_error",
                    "created",
                    "delivered_at",
                )
            }
            for d in deliveries
        ],
    }

