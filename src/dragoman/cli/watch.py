"""`dragoman watch`: watchlists of actors, dyads, codes or keywords, with feeds and webhooks."""

from __future__ import annotations

import typer
from typer.core import TyperCommand

from .app import Group, app, open_store_for
from .errors import fail, usage_error
from .output import choose, console, emit, format_option, json_alias

watch_app = typer.Typer(
    cls=Group,
    help="Watchlists: actors, dyads, codes or keywords to follow, with feeds and webhooks.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")


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
    actors: list[str] = typer.Option([], "--actor", help="An actor code (prefix), as source or target. Repeatable."),
    dyads: list[str] = typer.Option([], "--dyad", metavar="A B", help="Two actor codes, either direction. Repeatable."),
    codes: list[str] = typer.Option([], "--code", help="A CAMEO root (04) or code (0431). Repeatable."),
    queries: list[str] = typer.Option([], "--query", help="Words that must all appear in the article. Repeatable."),
    webhook: str | None = typer.Option(None, "--webhook", help="A URL that gets a JSON POST per new match."),
) -> None:
    """Follow actors, dyads, codes or keywords: an Atom feed at /watch/NAME.atom, and an optional webhook.

    An event matches when it meets every kind of criterion given: one of the actors or dyads, one of
    the codes, one of the queries.
    """
    from ..watch.lists import WatchlistError, describe_watchlist, make_watchlist, save_watchlist

    try:
        wl = make_watchlist(name, actors, [d.split() for d in dyads], codes, queries, webhook)
        with open_store_for(ctx, create=True) as store:
            save_watchlist(store, wl)
    except WatchlistError as exc:  # a bad name, code, dyad or webhook, or a name already taken
        usage_error(str(exc))
    console().print(f"watchlist {wl.name}: {describe_watchlist(wl.to_dict())}", markup=False)


@watch_app.command("list")
def watch_list(ctx: typer.Context, fmt: str = format_option(), as_json: bool = json_alias()) -> None:
    """List watchlists."""
    from ..watch.lists import describe_watchlist

    fmt = choose(fmt, as_json=as_json)
    with open_store_for(ctx) as store:
        rows = [{k: r[k] for k in ("name", "created", "actors", "dyads", "codes", "queries", "webhook")}
                for r in store.watchlists.list_watchlists()]
    columns = [("name", lambda r: r["name"]), ("watches", describe_watchlist), ("webhook", lambda r: r["webhook"] or ""),
               ("created", lambda r: r["created"])]
    emit(rows, fmt, columns, footer=f"{len(rows)} watchlists" if rows else "no watchlists")


@watch_app.command("remove")
def watch_remove(ctx: typer.Context, name: str = typer.Argument(..., help="The watchlist's name.")) -> None:
    """Remove a watchlist (and its delivery records)."""
    with open_store_for(ctx) as store:
        if not store.watchlists.remove_watchlist(name):
            fail(f"no watchlist {name!r}")
    console().print(f"removed watchlist {name}", markup=False)


@watch_app.command("deliver")
def watch_deliver(
    ctx: typer.Context,
    timeout: float = typer.Option(30.0, "--timeout", min=0.0, help="Seconds to keep retrying."),
) -> None:
    """Send pending webhook deliveries now (the web server does this by itself)."""
    from ..watch import drain

    with open_store_for(ctx) as store:
        left = drain(store, timeout=timeout)
    console().print(f"{left} deliveries still pending" if left else "every delivery is done")
