"""The app factory: one FastAPI app over one store, with security headers, static files, the page,
API and watchlist routes, and the webhook sender running beside it."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import Settings
from ..store import Store, open_store
from ..watch.delivery import Deliverer, register
from . import api_routes, metrics_route, page_routes, watch_routes
from .deps import page
from .security import BodyLimit, SecurityHeaders

STATIC = Path(__file__).parent / "static"
DESCRIPTION = """dragoman's record as JSON: articles, coded events (CAMEO) with their evidence, actors, dyads,
stories, timelines, briefs, search and watchlists. Every HTML page has a JSON twin here
(/story/4 and /api/stories/4). The server is read-only unless a token is configured; writes need
`Authorization: Bearer TOKEN`."""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def create_app(settings: Settings, store: Store | None = None, *, start_deliverer: bool = True) -> FastAPI:
    """The web app over the store named by settings.db (or the given store)."""
    own_store = store is None
    store = store or open_store(settings.db)
    deliverer = Deliverer(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if start_deliverer:
            register(store, deliverer)
            deliverer.start()  # resumes deliveries left pending by earlier runs
        yield
        deliverer.stop()
        if own_store:
            store.close()

    app = FastAPI(
        title="dragoman",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings
    app.state.deliverer = deliverer
    app.state.ingest_lock = threading.Lock()
    app.state.extractor = None
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)  # outermost: every response, 413s included
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_routes.router)
    app.include_router(watch_routes.router)
    app.include_router(metrics_route.router)
    app.include_router(page_routes.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _is_api(request) or request.url.path.endswith(".atom"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(
            request, "error.html", status_code=exc.status_code, status=exc.status_code, message=exc.detail
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg")} for e in exc.errors()]
        if _is_api(request):
            return JSONResponse({"detail": errors}, status_code=422)
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in errors)
        return page(request, "error.html", status_code=422, status=422, message=message)

    return app
