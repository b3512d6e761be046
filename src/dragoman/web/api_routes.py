"""The JSON API under /api (OpenAPI schema at /api/openapi.json, docs at /api/docs)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from ..store import Store
from ..store.event_query import EventQuery
from . import schemas, views
from .deps import get_store, page
from .downloads import csv_chunks, jsonl_chunks
from .ingest import ingest_url
from .params import (
    DATE,
    BinParam,
    DownloadLimit,
    Id,
    Limit,
    Offset,
    OptionalId,
    actor_code,
    event_query,
    parse_dyad,
)
from .security import require_token

router = APIRouter(prefix="/api", default_response_class=JSONResponse, responses=schemas.INVALID)
StoreDep = Annotated[Store, Depends(get_store)]
EventsDep = Annotated[EventQuery, Depends(event_query)]


class IngestRequest(BaseModel):
    url: str = Field(max_length=2000, description="An http(s) URL of an article or feed.")


@router.get(
    "",
    tags=["home"],
    response_model=schemas.HomePage,
    summary="Latest stories and events, and the store's counts",
)
def api_home(store: StoreDep) -> JSONResponse:
    return JSONResponse(views.home_data(store))


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API documentation, rendered on the server from the OpenAPI schema (no script, no CDN)."""
    return page(request, "apidocs.html", schema=request.app.openapi(), json_url="/api/openapi.json")


# -- articles --------------------------------------------------------------------------------------


@router.get(
    "/articles",
    tags=["articles"],
    response_model=schemas.ArticlesPage,
    summary="Stored articles, newest published first",
)
def api_articles(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    since: Annotated[str, Query(pattern=DATE)] = "",
    outlet: Annotated[str, Query(max_length=255)] = "",
    duplicates: bool = True,
) -> JSONResponse:
    rows = store.articles.list_articles(
        since=since or None, outlet=outlet or None, limit=limit, offset=offset, include_duplicates=duplicates
    )
    for r in rows:
        r["page"] = f"/article/{r['id']}"
    return JSONResponse({"limit": limit, "offset": offset, "articles": rows})


@router.get(
    "/articles/{article_id}",
    tags=["articles"],
    response_model=schemas.ArticlePage,
    responses=schemas.ERRORS,
    summary="One article: text, blocks, and its coded events, quotes and times with offsets",
)
def api_article(article_id: Id, store: StoreDep) -> JSONResponse:
    return JSONResponse(views.article_data(store, article_id))


# -- events ----------------------------------------------------------------------------------------


@router.get(
    "/events",
    tags=["events"],
    response_model=schemas.EventsPage,
    summary="Coded event mentions with their evidence, filtered and paged",
)
def api_events(
    store: StoreDep,
    eq: EventsDep,
    limit: Limit = 50,
    offset: Offset = 0,
    count: Annotated[bool, Query(description="Also count every match (slower on big stores).")] = False,
) -> JSONResponse:
    return JSONResponse(views.events_data(store, eq, limit, offset, count))


def _download(
    store: Store, eq: EventQuery, limit: int | None, chunks, media: str, ext: str
) -> StreamingResponse:
    rows = store.events.stream(eq, limit=limit)
    return StreamingResponse(
        chunks(rows),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="dragoman-events.{ext}"'},
    )


@router.get(
    "/events.csv",
    tags=["events"],
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV, header first"}
    },
    summary="Any event query as CSV (streamed)",
)
def api_events_csv(
    store: StoreDep,
    eq: EventsDep,
    limit: DownloadLimit = None,
) -> StreamingResponse:
    return _download(store, eq, limit, csv_chunks, "text/csv; charset=utf-8", "csv")


@router.get(
    "/events.jsonl",
    tags=["events"],
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            "description": "JSON lines",
        }
    },
    summary="Any event query as JSON lines (streamed)",
)
def api_events_jsonl(
    store: StoreDep,
    eq: EventsDep,
    limit: DownloadLimit = None,
) -> StreamingResponse:
    return _download(store, eq, limit, jsonl_chunks, "application/x-ndjson; charset=utf-8", "jsonl")


@router.get(
    "/events/{event_id}",
    tags=["events"],
    response_model=schemas.EventPage,
    responses=schemas.ERRORS,
    summary="One distinct event and every mention of it",
)
def api_event(event_id: Id, store: StoreDep) -> JSONResponse:
    event = store.events.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id}")
    mentions = [
        views.event_row(r) for r in store.events.page(EventQuery(event_id=event_id, sort="id"), limit=1000)
    ]
    return JSONResponse({"event": event, "mentions": mentions})


# -- actors and dyads ------------------------------------------------------------------------------


@router.get(
    "/actors",
    tags=["actors"],
    response_model=schemas.ActorsPage,
    summary="Actor codes seen in events, busiest first",
)
def api_actors(
    store: StoreDep,
    q: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{0,32}$", description="Code prefix.")] = "",
    limit: Limit = 100,
) -> JSONResponse:
    return JSONResponse(views.actors_data(store, q.upper() or None, limit))


@router.get(
    "/actors/{code}",
    tags=["actors"],
    response_model=schemas.ActorPage,
    responses=schemas.ERRORS,
    summary="An actor: events as source and as target, counterparts, Goldstein sums per bucket",
)
def api_actor(code: str, store: StoreDep, bin: BinParam = "") -> JSONResponse:
    return JSONResponse(views.actor_data(store, actor_code(code), bin or "week"))


@router.get(
    "/dyads/{a}/{b}",
    tags=["actors"],
    response_model=schemas.DyadPage,
    responses=schemas.ERRORS,
    summary="A dyad: both directions per bucket, and its timeline",
)
def api_dyad(a: str, b: str, store: StoreDep, bin: BinParam = "") -> JSONResponse:
    return JSONResponse(views.dyad_data(store, actor_code(a), actor_code(b), bin or "week"))


@router.get(
    "/dyads/{a}/{b}/chart",
    tags=["actors"],
    response_model=schemas.DyadChart,
    responses=schemas.ERRORS,
    summary="A dyad's cooperation and conflict per bucket, both directions (SQL aggregation)",
)
def api_dyad_chart(a: str, b: str, store: StoreDep, bin: BinParam = "") -> JSONResponse:
    return JSONResponse(views.dyad_chart(store, actor_code(a), actor_code(b), bin or "week"))


# -- stories, timelines, briefs, search ---------------------------------------------------------------


@router.get(
    "/stories",
    tags=["stories"],
    response_model=schemas.StoriesPage,
    summary="Developing stories, most recently active first",
)
def api_stories(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    since: Annotated[str, Query(pattern=DATE)] = "",
    actor: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{0,32}$")] = "",
) -> JSONResponse:
    rows = store.stories.list_stories(since=since or None, actor=actor or None, limit=limit, offset=offset)
    return JSONResponse({"limit": limit, "offset": offset, "stories": [views.story_summary(s) for s in rows]})


@router.get(
    "/stories/{story_id}",
    tags=["stories"],
    response_model=schemas.StoryPage,
    responses=schemas.ERRORS,
    summary="A story: articles, outlets, timeline and the brief of its latest article",
)
def api_story(story_id: Id, store: StoreDep) -> JSONResponse:
    return JSONResponse(views.story_data(store, story_id))


@router.get(
    "/timeline",
    tags=["stories"],
    response_model=schemas.TimelinePage,
    summary="Events in date order, one plain-English line each",
)
def api_timeline(
    store: StoreDep,
    story: OptionalId = None,
    actor: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{0,32}$")] = "",
    dyad: Annotated[str, Query(max_length=70, description="SRB,KSV")] = "",
    query: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(pattern=DATE)] = "",
    until: Annotated[str, Query(pattern=DATE)] = "",
    statements: bool = False,
) -> JSONResponse:
    pair = parse_dyad(dyad)
    if not (story or actor or pair or query.strip()):
        raise HTTPException(422, "say what to follow: story, actor, dyad or query")
    return JSONResponse(
        views.timeline_data(
            store,
            story=story,
            actor=actor.upper() or None,
            dyad=pair,
            query=query.strip() or None,
            since=since or None,
            until=until or None,
            statements=statements,
        )
    )


@router.get(
    "/briefs/{article_id}",
    tags=["stories"],
    response_model=schemas.Brief,
    responses=schemas.ERRORS,
    summary="The brief of an article (dragoman-brief/2)",
)
def api_brief(article_id: Id, store: StoreDep) -> JSONResponse:
    return JSONResponse(views.brief_data(store, article_id))


@router.get(
    "/search",
    tags=["search"],
    response_model=schemas.SearchPage,
    summary="Full-text search over articles, with snippets; matching actors",
)
def api_search(
    store: StoreDep, q: Annotated[str, Query(max_length=200)] = "", limit: Limit = 20, offset: Offset = 0
) -> JSONResponse:
    return JSONResponse(views.search_data(store, q, limit, offset))


# -- writes ----------------------------------------------------------------------------------------


@router.post(
    "/ingest",
    tags=["writes"],
    response_model=schemas.IngestPage,
    dependencies=[Depends(require_token)],
    summary="Ingest and code a URL (needs the token; public addresses only)",
)
def api_ingest(body: IngestRequest, request: Request) -> JSONResponse:
    return JSONResponse(ingest_url(request.app.state, body.url))
