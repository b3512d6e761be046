"""`dragoman serve`: the web app and JSON API."""

from __future__ import annotations

import typer

from .app import app, open_store_for, state
from .errors import note


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: str | None = typer.Option(
        None, "--host", help="Interface to listen on (default 127.0.0.1; env DRAGOMAN_HOST)."
    ),
    port: int | None = typer.Option(
        None, "--port", min=1, max=65535, help="Port (default 8765; env DRAGOMAN_PORT)."
    ),
) -> None:
    """Explore events, stories, actors and briefs in a browser, with a JSON API under /api.

    Read-only unless a token is set (DRAGOMAN_TOKEN or token in dragoman.toml); then URL ingestion
    and watchlist edits are allowed to requests that carry it.
    """
    import uvicorn

    from ..web import create_app

    st = state(ctx)
    st.options.update({k: v for k, v in {"host": host, "port": port}.items() if v is not None})
    settings = st.settings
    with open_store_for(ctx) as store:
        web = create_app(settings, store)
        where = f"http://{'[' + settings.host + ']' if ':' in settings.host else settings.host}:{settings.port}/"
        note(f"dragoman: serving {settings.db} at {where} (API docs: {where}api/docs; "
             f"{'writes need the token' if settings.token else 'read-only'}); Ctrl-C stops")
        uvicorn.run(web, host=settings.host, port=settings.port, log_level="warning", server_header=False)
