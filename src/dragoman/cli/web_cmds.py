"""`dragoman serve` (the web app and JSON API) and `dragoman watch` (watchlists)."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table
from typer.core import TyperCommand

from .app import app, console, err, fail, open_store_for, print_json, state

watch_app = typer.Typer(
    help="Watchlists: actors, dyads, codes or keywords to follow, with feeds and webhooks.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: str | None = typer.Option(
        None, "--host", help="Interface to listen on (default 127.0.0.1; env DRAGOMAN_HOST)."
    ),
    port: int | None = typer.Option(
        None, "--port", min=1, max=65535, help="Port (default 8765; env DRAGOMAN_PORT)."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Store: a SQLite path or SQLAlchemy URL (env DRAGOMAN_DB)."
    ),
) -> None:
    """Explore events, stories, actors and briefs in a browser, with a JSON API under /api.

    Read-only unless a token is set (DRAGOMAN_TOKEN or token in dragoman.toml); then URL ingestion
    and watchlist edits are allowed to requests that carry it.
    """
    import uvicorn

    from ..web import create_app

    st = state(ctx)
    st.options.update({k: v for k, v in {"host": host, "port": port, "db": db}.items() if v is not None})
    settings = st.settings
    with open_store_for(ctx) as store:
        web = create_app(settings, store)
        where = (
            f"http://{'[' + settings.host + ']' if ':' in settings.host else settings.host}:{settings.port}/"
        )
        err.print(
            f"dragoman: serving {escape(settings.db)} at {where} (API docs: {where}api/docs; "
            f"{'writes need the token' if settings.token else 'read-only'}); Ctrl-C stops",
            highlight=False,
        )
        uvicorn.run(web, host=settings.host, port=settings.port, log_level="warning", server_header=False)


class _DyadPairs(TyperCommand):
    """Lets `--dyad A B` take two values, repeatedly (Typer cannot declare a list of pairs)."""

    def parse_args(self, ctx, args):
        out, i = [], 0
        while i < len(args):
            if args[i] == "--dyad" and i + 2 < len(args):
                out += ["--dyad", f"{args[i + 1]} {args[i + 2]}"]
                i += 3
            else:
                out.append(args[i])
                i += 1
        return super().parse_args(ctx, out)


@watch_app.command("add", cls=_DyadPairs)
def watch_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="A name: letters, digits, '-' and '_'."),
    actors: list[str] = typer.Option(
        [], "--actor", help="An actor code (prefix), as source or target. Repeatable."
    ),
    dyads: list[str] = typer.Option(
        [], "--dyad", metavar="A B", help="Two actor codes, either direction. Repeatable."
    ),
    codes: list[str] = typer.Option([], "--code", help="A CAMEO root (04) or code (0431). Repeatable."),
    queries: list[str] = typer.Option(
        [], "--query", help="Words that must all appear in the article. Repeatable."
    ),
    webhook: str | None = typer.Option(None, "--webhook", help="A URL that gets a JSON POST per new match."),
) -> None:
    """Follow actors, dyads, codes or keywords: an Atom feed at /watch/NAME.atom, and an optional webhook.

    An event matches when it meets every kind of criterion given: one of the actors or dyads, one of
    the codes, one of the queries.
    """
    from ..watch.lists import WatchlistError, describe_watchlist, make_watchlist, save_watchlist

    try:
        wl = make_watchlist(name, actors, [d.split() for d in dyads], codes, queries, webhook)
        with open_store_for(ctx) as store:
            save_watchlist(store, wl)
    except WatchlistError as exc:
        fail(str(exc))
    console.print(f"watchlist {escape(wl.name)}: {escape(describe_watchlist(wl.to_dict()))}", highlight=False)


@watch_app.command("list")
def watch_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List watchlists."""
    from ..watch.lists import describe_watchlist

    with open_store_for(ctx) as store:
        rows = store.list_watchlists()
    if as_json:
        print_json(
            [
                {k: r[k] for k in ("name", "created", "actors", "dyads", "codes", "queries", "webhook")}
                for r in rows
            ]
        )
        return
    if not rows:
        console.print("no watchlists")
        return
    table = Table("name", "watches", "webhook", "created")
    for r in rows:
        table.add_row(
            escape(r["name"]), escape(describe_watchlist(r)), escape(r["webhook"] or ""), r["created"]
        )
    console.print(table)


@watch_app.command("remove")
def watch_remove(ctx: typer.Context, name: str = typer.Argument(..., help="The watchlist's name.")) -> None:
    """Remove a watchlist (and its delivery records)."""
    with open_store_for(ctx) as store:
        if not store.remove_watchlist(name):
            fail(f"no watchlist {name!r}")
    console.print(f"removed watchlist {escape(name)}", highlight=False)


@watch_app.command("deliver")
def watch_deliver(
    ctx: typer.Context,
    timeout: float = typer.Option(30.0, "--timeout", min=0.0, help="Seconds to keep retrying."),
) -> None:
    """Send pending webhook deliveries now (the web server does this by itself)."""
    from ..watch import drain

    with open_store_for(ctx) as store:
        left = drain(store, timeout=timeout)
    console.print(f"{left} deliveries still pending" if left else "every delivery is done", highlight=False)
