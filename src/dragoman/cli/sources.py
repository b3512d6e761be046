"""`dragoman sources`: the feeds, sitemaps and section pages dragoman follows."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import Group, app, open_store_for
from .errors import EXIT_FAILURE, fail, report, usage_error
from .output import choose, console, emit, format_option, json_alias

sources_app = typer.Typer(
    cls=Group, help="The feeds, sitemaps and section pages dragoman follows.", no_args_is_help=True
)
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
    from ..ingest.urls import is_http_url
    from ..monitor.sources import SourceError, add_sources, opml_urls

    todo = list(urls or [])
    for url in todo:
        if not is_http_url(url.strip()):
            usage_error(f"{url}: not an http(s) URL")
    try:
        if opml is not None:
            todo += opml_urls(opml)
        if not todo:
            usage_error("give source URLs or --opml FILE")
        with open_store_for(ctx, create=True) as store:
            ids = add_sources(store, todo, name=name, interval=interval, tags=tags)
    except SourceError as exc:  # an unreadable OPML file, or a URL in it that is not http(s)
        fail(str(exc))
    console().print(f"following {len(ids)} source{'s' if len(ids) != 1 else ''}")


@sources_app.command("list")
def sources_list(ctx: typer.Context, fmt: str = format_option(), as_json: bool = json_alias()) -> None:
    """Every followed source with its last and next poll and last error."""
    fmt = choose(fmt, as_json=as_json)
    with open_store_for(ctx) as store:
        rows = store.sources.list_sources(followed_only=True)
    columns = [("id", lambda r: r["id"]), ("url", lambda r: r["url"]), ("kind", lambda r: r["kind"] or "?"),
               ("name", lambda r: r["name"] or ""),
               ("interval", lambda r: f"{r['interval']:g}s" if r["interval"] else "adaptive"),
               ("last poll", lambda r: (r["last_poll"] or "never")[:19]),
               ("next poll", lambda r: (r["next_poll"] or "now")[:19]), ("last error", lambda r: r["last_error"] or "")]
    emit(rows, fmt, columns, footer=f"{len(rows)} sources followed" if rows else "no sources followed")


@sources_app.command("remove")
def sources_remove(ctx: typer.Context, refs: list[str] = typer.Argument(..., help="Source URLs or ids.")) -> None:
    """Stop following sources (exit 1 when one of them was not followed)."""
    with open_store_for(ctx) as store:
        gone = [r for r in refs if store.sources.remove_source(r)]
    for r in refs:
        if r not in gone:
            report(f"no source {r}")
    console().print(f"removed {len(gone)} source{'s' if len(gone) != 1 else ''}")
    if len(gone) < len(refs):
        raise typer.Exit(EXIT_FAILURE)
