"""`dragoman run` (follow every source continuously) and `dragoman status` (how it is going)."""

from __future__ import annotations

import signal
import threading
from datetime import UTC, datetime

import typer

from .app import app, open_store_for, state
from .output import choose, console, emit_one, escape, format_option, json_alias


@app.command("run")
def run_command(
    ctx: typer.Context,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web app in the same process."),
    once: bool = typer.Option(False, "--once", help="Poll every source once, process, and exit."),
    cycles: int | None = typer.Option(None, "--cycles", min=1, help="Stop after this many poll cycles."),
    log_json: bool = typer.Option(False, "--log-json", help="Structured logs: one JSON object per line."),
    workers: int = typer.Option(1, "--workers", min=1, max=256,
                                help="Code with this many local processes (or Ray workers with --ray)."),
    ray: str | None = typer.Option(None, "--ray", metavar="ADDRESS",
                                   help="Code on a Ray cluster: auto, local or its address (dragoman[scale])."),
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
        coding = None
        if workers > 1 or ray:
            from .process import open_coding

            coding = open_coding(settings, workers, ray)
        server = _start_server(settings, store, logger) if serve and not once and _web_available() else None
        if not store.sources.list_sources(followed_only=True):
            logger.warning("no sources: add some with `dragoman sources add URL`")
        try:
            Monitor(store, settings, stop=stop, coding=coding).run(once=once, cycles=cycles)
        finally:
            if server is not None:
                server.should_exit = True
            if coding is not None:
                coding.close()
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


def _web_available() -> bool:
    try:
        from ..web import create_app  # noqa: F401
    except ImportError:
        return False
    return True


@app.command("status")
def status_command(ctx: typer.Context, fmt: str = format_option(), as_json: bool = json_alias()) -> None:
    """Sources (last and next poll, last error), articles and events per hour, backlog."""
    fmt = choose(fmt, as_json=as_json)
    with open_store_for(ctx) as store:
        data = store.articles.activity(since_hours=24)
        data["sources"] = store.sources.list_sources(followed_only=True)
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        data["sources_due"] = sum(1 for s in data["sources"] if not s["next_poll"] or s["next_poll"] <= now)
    emit_one(data, fmt, lambda: _print_status(data))


def _print_status(data: dict) -> None:
    from rich.table import Table

    console().print(f"articles: {data['articles']} ({data['articles_last_hour']} in the last hour, "
                    f"{data['articles_per_hour']:.1f}/h over 24 h) · event mentions: {data['mentions']} "
                    f"({data['mentions_per_hour']:.1f}/h over 24 h) · backlog: {data['uncoded']} articles to code, "
                    f"{data['sources_due']} sources due")
    table = Table("url", "kind", "last poll", "next poll", "status", "errors", "last error")
    for s in data["sources"]:
        table.add_row(escape(s["url"]), s["kind"] or "?", (s["last_poll"] or "never")[:19],
                      (s["next_poll"] or "now")[:19], str(s["last_status"] or ""), str(s["error_count"] or 0),
                      escape(s["last_error"] or ""))
    console().print(table)
