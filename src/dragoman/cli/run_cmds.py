"""`dragoman sources`, `run`, `status`: following sources continuously."""

from __future__ import annotations

import signal
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from .app import app, console, err, fail, open_store_for, print_json, state

sources_app = typer.Typer(help="The feeds, sitemaps and section pages dragoman follows.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    urls: list[str] = typer.Argument(None, help="Feed, sitemap or section-page URLs."),
    opml: Path | None = typer.Option(None, "--opml", help="Add every feed listed in an OPML file."),
    name: str | None = typer.Option(None, "--name", help="A name for the source(s)."),
    interval: float | None = typer.Option(None, "--interval", min=1, help="Poll every N seconds (no adaptation)."),
    tags: list[str] = typer.Option(None, "--tag", help="A tag (repeatable)."),
) -> None:
    """Follow sources (adding one again updates it)."""
    from ..monitor.sources import SourceError, add_sources, opml_urls

    todo = list(urls or [])
    try:
        if opml is not None:
            todo += opml_urls(opml)
        if not todo:
            fail("give source URLs or --opml FILE")
        with open_store_for(ctx) as store:
            ids = add_sources(store, todo, name=name, interval=interval, tags=tags)
    except SourceError as exc:
        fail(str(exc))
    console.print(f"following {len(ids)} source{'s' if len(ids) != 1 else ''}", highlight=False)


@sources_app.command("list")
def sources_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """The followed sources with their last and next poll and last error."""
    with open_store_for(ctx) as store:
        rows = store.list_sources(followed_only=True)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "url", "kind", "name", "interval", "last poll", "next poll", "last error")
    for r in rows:
        table.add_row(str(r["id"]), escape(r["url"]), r["kind"] or "?", escape(r["name"] or ""),
                      f"{r['interval']:g}s" if r["interval"] else "adaptive", (r["last_poll"] or "never")[:19],
                      (r["next_poll"] or "now")[:19], escape(r["last_error"] or ""))
    console.print(table)


@sources_app.command("remove")
def sources_remove(ctx: typer.Context, refs: list[str] = typer.Argument(..., help="Source URLs or ids.")) -> None:
    """Stop following sources."""
    with open_store_for(ctx) as store:
        gone = [r for r in refs if store.remove_source(r)]
    for r in set(refs) - set(gone):
        err.print(f"dragoman: no source {escape(r)}", highlight=False)
    console.print(f"removed {len(gone)} source{'s' if len(gone) != 1 else ''}", highlight=False)
    if len(gone) < len(refs):
        raise typer.Exit(1)


@app.command("run")
def run_command(
    ctx: typer.Context,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web app in the same process."),
    once: bool = typer.Option(False, "--once", help="Poll every source once, process, and exit."),
    cycles: int | None = typer.Option(None, "--cycles", min=1, help="Stop after this many poll cycles."),
    log_json: bool = typer.Option(False, "--log-json", help="Structured logs: one JSON object per line."),
) -> None:
    """Follow every source: poll, fetch, extract, code, cluster, alert — and serve the live dashboard."""
    from ..monitor.logs import setup_logging
    from ..monitor.runner import Monitor

    logger = setup_logging(json_lines=log_json)
    settings = state(ctx).settings
    stop = threading.Event()

    def on_signal(signum, _frame):
        logger.info("stopping", extra={"status": signal.Signals(signum).name})
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with open_store_for(ctx) as store:
        server = _start_server(settings, store, logger) if serve and not once and _web_available() else None
        if not store.list_sources(followed_only=True):
            logger.warning("no sources: add some with `dragoman sources add URL`")
        try:
            Monitor(store, settings, stop=stop).run(once=once, cycles=cycles)
        finally:
            if server is not None:
                server.should_exit = True
    logger.info("stopped")


def _start_server(settings, store, logger):
    import uvicorn

    from ..web import create_app

    config = uvicorn.Config(create_app(settings, store), host=settings.host, port=settings.port,
                            log_level="warning", server_header=False)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # the run loop owns SIGINT/SIGTERM
    threading.Thread(target=server.run, name="dragoman-web", daemon=True).start()
    logger.info(f"web app at http://{settings.host}:{settings.port}/")
    return server


@app.command("status")
def status_command(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Sources (last and next poll, last error), articles and events per hour, backlog."""
    with open_store_for(ctx) as store:
        data = store.activity(since_hours=24)
        data["sources"] = store.list_sources(followed_only=True)
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        data["sources_due"] = sum(1 for s in data["sources"] if not s["next_poll"] or s["next_poll"] <= now)
    if as_json:
        print_json(data)
        return
    console.print(f"articles: {data['articles']} ({data['articles_last_hour']} in the last hour, "
                  f"{data['articles_per_hour']:.1f}/h over 24 h) · event mentions: {data['mentions']} "
                  f"({data['mentions_per_hour']:.1f}/h over 24 h) · backlog: {data['uncoded']} articles to code, "
                  f"{data['sources_due']} sources due", highlight=False)
    table = Table("url", "kind", "last poll", "next poll", "status", "errors", "last error")
    for s in data["sources"]:
        table.add_row(escape(s["url"]), s["kind"] or "?", (s["last_poll"] or "never")[:19], (s["next_poll"] or "now")[:19],
                      str(s["last_status"] or ""), str(s["error_count"] or 0), escape(s["last_error"] or ""))
    console.print(table)


def hours_ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).replace(microsecond=0).isoformat()


def _web_available() -> bool:
    try:
        from ..web import create_app  # noqa: F401
    except ImportError:
        return False
    return True
