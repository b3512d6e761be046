"""The HTML pages: server-rendered, usable without JavaScript, each with a JSON twin under /api."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ..store import Store
from ..store.event_query import EventQuery
from . import views
from .charts import Series, goldstein_chart
from .deps import get_store, page
from .highlight import highlighted_html
from .params import BinParam, Id, Offset, actor_code, event_params, event_query
from .templating import query_string

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
STATIC = Path(__file__).parent / "static"
StoreDep = Annotated[Store, Depends(get_store)]
PAGE = 50


def _actor_chart(data: dict) -> str:
    chart = data["chart"]
    return goldstein_chart(
        [Series(data["code"], "all", chart["points"])],
        chart_id="actor-chart",
        title=f"{data['code']}: cooperation and conflict per {chart['bin']}",
        bin=chart["bin"],
        undrawn=chart["undrawn"],
    )


def _dyad_chart(chart: dict) -> str:
    a, b = chart["a"], chart["b"]
    return goldstein_chart(
        [
            Series(f"{a} → {b}", "ab", chart["a_to_b"]["points"]),
            Series(f"{b} → {a}", "ba", chart["b_to_a"]["points"]),
        ],
        chart_id="dyad-chart",
        title=f"{a} and {b}: cooperation and conflict per {chart['bin']}",
        bin=chart["bin"],
        undrawn=chart["a_to_b"]["undrawn"] + chart["b_to_a"]["undrawn"],
    )


@router.get("/favicon.ico", response_class=FileResponse)
def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/")
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "home.html", data=views.home_data(store), json_url="/api")


@router.get("/events")
def events_page(
    request: Request,
    store: StoreDep,
    eq: Annotated[EventQuery, Depends(event_query)],
    offset: Offset = 0,
) -> HTMLResponse:
    data = views.events_data(store, eq, PAGE, offset)
    params = event_params(eq)
    qs = query_string(params)
    return page(
        request,
        "events.html",
        data=data,
        params=params,
        json_url=f"/api/events{qs}",
        csv_url=f"/api/events.csv{qs}",
        jsonl_url=f"/api/events.jsonl{qs}",
        prev_url=f"/events{query_string(params, offset=max(0, offset - PAGE) or None)}" if offset else None,
        next_url=f"/events{query_string(params, offset=offset + PAGE)}" if data["has_more"] else None,
    )


@router.get("/stories")
def stories_page(request: Request, store: StoreDep, offset: Offset = 0) -> HTMLResponse:
    rows = [views.story_summary(s) for s in store.stories.list_stories(limit=PAGE + 1, offset=offset)]
    return page(
        request,
        "stories.html",
        stories=rows[:PAGE],
        json_url="/api/stories",
        prev_url=f"/stories?offset={max(0, offset - PAGE)}" if offset else None,
        next_url=f"/stories?offset={offset + PAGE}" if len(rows) > PAGE else None,
    )


@router.get("/story/{story_id}")
def story_page(story_id: Id, request: Request, store: StoreDep) -> HTMLResponse:
    return page(
        request, "story.html", story=views.story_data(store, story_id), json_url=f"/api/stories/{story_id}"
    )


@router.get("/article/{article_id}")
def article_page(article_id: Id, request: Request, store: StoreDep) -> HTMLResponse:
    data = views.article_data(store, article_id)
    art = data["article"]
    body = highlighted_html(art["text"], art.get("blocks"), data)
    return page(request, "article.html", data=data, body=body, json_url=f"/api/articles/{article_id}")


@router.get("/brief/{article_id}")
def brief_page(article_id: Id, request: Request, store: StoreDep) -> HTMLResponse:
    return page(
        request,
        "brief.html",
        brief=views.brief_data(store, article_id),
        article_id=article_id,
        json_url=f"/api/briefs/{article_id}",
    )


@router.get("/actors")
def actors_page(
    request: Request, store: StoreDep, q: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{0,32}$")] = ""
) -> HTMLResponse:
    data = views.actors_data(store, q.upper() or None, 200)
    return page(request, "actors.html", data=data, json_url="/api/actors" + query_string({"q": q}))


@router.get("/actor/{code}")
def actor_page(code: str, request: Request, store: StoreDep, bin: BinParam = "") -> HTMLResponse:
    data = views.actor_data(store, actor_code(code), bin or "week")
    return page(
        request,
        "actor.html",
        data=data,
        chart=_actor_chart(data),
        bin=data["chart"]["bin"],
        json_url=f"/api/actors/{data['code']}" + query_string({"bin": bin}),
    )


@router.get("/dyad/{a}/{b}")
def dyad_page(a: str, b: str, request: Request, store: StoreDep, bin: BinParam = "") -> HTMLResponse:
    data = views.dyad_data(store, actor_code(a), actor_code(b), bin or "week")
    return page(
        request,
        "dyad.html",
        data=data,
        chart=_dyad_chart(data["chart"]),
        bin=data["chart"]["bin"],
        json_url=f"/api/dyads/{data['a']}/{data['b']}" + query_string({"bin": bin}),
    )


@router.get("/dyad/{a}/{b}/chart.svg", response_class=Response)
def dyad_svg(a: str, b: str, store: StoreDep, bin: BinParam = "") -> Response:
    chart = views.dyad_chart(store, actor_code(a), actor_code(b), bin or "week")
    return Response(str(_dyad_chart(chart)), media_type="image/svg+xml")


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Offset = 0,
) -> HTMLResponse:
    data = views.search_data(store, q, 20, offset)
    return page(
        request,
        "search.html",
        data=data,
        json_url="/api/search" + query_string({"q": q}),
        prev_url=f"/search{query_string({'q': q, 'offset': max(0, offset - 20) or None})}"
        if offset
        else None,
        next_url=f"/search{query_string({'q': q, 'offset': offset + 20})}"
        if len(data["articles"]) == 20
        else None,
    )
