"""Watchlists in the web app: pages with forms (the token in a form field), the JSON API (the token
in an Authorization header) and each watchlist's Atom feed."""

from __future__ import annotations

import hashlib
import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from ..store import Store
from ..watch.feed import atom_feed
from ..watch.lists import NAME_RE, WatchlistError, make_watchlist, save_watchlist
from . import schemas, views
from .deps import form_fields, get_store, page
from .security import UrlRefused, check_public_url, check_token, require_token

router = APIRouter(responses=schemas.INVALID)
StoreDep = Annotated[Store, Depends(get_store)]


class WatchlistIn(BaseModel):
    name: str = Field(max_length=64)
    actors: list[str] = Field(default_factory=list, max_length=50)
    dyads: list[list[str]] = Field(default_factory=list, max_length=50)
    codes: list[str] = Field(default_factory=list, max_length=50)
    queries: list[str] = Field(default_factory=list, max_length=50)
    webhook: str | None = Field(None, max_length=2000)


def _name(name: str) -> str:
    if not NAME_RE.match(name):
        raise HTTPException(404, "no such watchlist")
    return name


def _create(request: Request, store: Store, data: WatchlistIn) -> dict:
    """Check and store a watchlist; a webhook from the web must point at a public address (SSRF)."""
    settings = request.app.state.settings
    try:
        wl = make_watchlist(data.name, data.actors, data.dyads, data.codes, data.queries, data.webhook)
        if wl.webhook:
            check_public_url(wl.webhook, settings.allow_private_urls)
        save_watchlist(store, wl)
    except (WatchlistError, UrlRefused) as exc:
        raise HTTPException(400, str(exc)) from None
    return views.watchlist_summary(store.watchlists.get_watchlist(wl.name))


def _split(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", text or "") if w]


# -- JSON ------------------------------------------------------------------------------------------


@router.get(
    "/api/watchlists", tags=["watchlists"], response_model=schemas.WatchlistsPage, summary="Every watchlist"
)
def api_watchlists(store: StoreDep) -> JSONResponse:
    return JSONResponse({"watchlists": [views.watchlist_summary(w) for w in store.watchlists.list_watchlists()]})


@router.get(
    "/api/watchlists/{name}",
    tags=["watchlists"],
    response_model=schemas.WatchlistPage,
    responses=schemas.ERRORS,
    summary="A watchlist and its latest matching events",
)
def api_watchlist(
    name: str, store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> JSONResponse:
    return JSONResponse(views.watchlist_data(store, _name(name), limit))


@router.post(
    "/api/watchlists",
    tags=["watchlists", "writes"],
    status_code=201,
    response_model=schemas.WatchlistSummary,
    dependencies=[Depends(require_token)],
    summary="Create a watchlist (needs the token)",
)
def api_add_watchlist(data: WatchlistIn, request: Request, store: StoreDep) -> JSONResponse:
    return JSONResponse(_create(request, store, data), status_code=201)


@router.delete(
    "/api/watchlists/{name}",
    tags=["watchlists", "writes"],
    response_model=schemas.Removed,
    responses=schemas.ERRORS,
    dependencies=[Depends(require_token)],
    summary="Remove a watchlist (needs the token)",
)
def api_remove_watchlist(name: str, store: StoreDep) -> JSONResponse:
    if not store.watchlists.remove_watchlist(_name(name)):
        raise HTTPException(404, f"no watchlist {name!r}")
    return JSONResponse({"removed": name})


# -- feed ------------------------------------------------------------------------------------------


@router.api_route(
    "/watch/{name}.atom",
    methods=["GET", "HEAD"],
    tags=["watchlists"],
    response_class=Response,
    responses={
        200: {
            "content": {"application/atom+xml": {"schema": {"type": "string"}}},
            "description": "An Atom feed",
        },
        304: {"description": "Not modified (If-None-Match carried the feed's ETag)"},
        **schemas.ERRORS,
    },
    summary="Atom feed of a watchlist's latest matching events, linked to their evidence",
)
def watch_feed(
    name: str, request: Request, store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> Response:
    wl = store.watchlists.get_watchlist(_name(name))
    if wl is None:
        raise HTTPException(404, f"no watchlist {name!r}")
    body = atom_feed(wl, store.watchlists.watch_matches(wl, limit=limit), str(request.base_url))
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    matches = _etags(request.headers.get("if-none-match"))
    if etag in matches or "*" in matches:
        return Response(status_code=304, headers=headers)
    media = "application/atom+xml; charset=utf-8"
    if request.method == "HEAD":
        return Response(b"", media_type=media, headers={**headers, "Content-Length": str(len(body))})
    return Response(body, media_type=media, headers=headers)


def _etags(header: str | None) -> set[str]:
    """The entity tags of an If-None-Match header ("*" matches any; weak tags compare as strong)."""
    if not header:
        return set()
    return {t.strip().removeprefix("W/") for t in header.split(",")}


# -- pages -----------------------------------------------------------------------------------------


@router.get("/watch", response_class=HTMLResponse, include_in_schema=False)
def watch_index(request: Request, store: StoreDep) -> HTMLResponse:
    lists = [views.watchlist_summary(w) for w in store.watchlists.list_watchlists()]
    return page(request, "watchlists.html", watchlists=lists, form={}, error=None, json_url="/api/watchlists")


@router.post("/watch", response_class=HTMLResponse, include_in_schema=False)
async def watch_add_form(request: Request) -> Response:
    form = await form_fields(request)
    store: Store = request.app.state.store
    check_token(request.app.state.settings.token, form.get("token") or None)
    dyads = [_split(line) for line in (form.get("dyads") or "").splitlines() if line.strip()]
    try:
        data = WatchlistIn(
            name=form.get("name", "")[:64],
            actors=_split(form.get("actors", "")),
            dyads=dyads,
            codes=_split(form.get("codes", "")),
            queries=[q for q in (form.get("queries") or "").splitlines() if q.strip()],
            webhook=form.get("webhook") or None,
        )
        created = await run_in_threadpool(_create, request, store, data)
    except (HTTPException, ValidationError) as exc:
        status, message = (
            (exc.status_code, exc.detail)
            if isinstance(exc, HTTPException)
            else (400, "too many items or values too long")
        )
        lists = [views.watchlist_summary(w) for w in store.watchlists.list_watchlists()]
        form.pop("token", None)
        return page(
            request,
            "watchlists.html",
            status_code=status,
            watchlists=lists,
            form=form,
            error=message,
            json_url="/api/watchlists",
        )
    return RedirectResponse(created["url"], status_code=303)


@router.post("/watch/{name}/delete", include_in_schema=False)
async def watch_remove_form(name: str, request: Request) -> Response:
    form = await form_fields(request)
    check_token(request.app.state.settings.token, form.get("token") or None)
    if not request.app.state.store.watchlists.remove_watchlist(_name(name)):
        raise HTTPException(404, f"no watchlist {name!r}")
    return RedirectResponse("/watch", status_code=303)


@router.get("/watch/{name}", response_class=HTMLResponse, include_in_schema=False)
def watch_page(name: str, request: Request, store: StoreDep) -> HTMLResponse:
    data = views.watchlist_data(store, _name(name))
    return page(request, "watchlist.html", wl=data, json_url=f"/api/watchlists/{name}")
