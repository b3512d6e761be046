"""`dragoman actors`: the actor memory, and PETRARCH/Phoenix dictionary import."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import Group, app, open_store_for
from .articles import check_sort
from .errors import EXIT_FAILURE, report
from .output import choose, console, emit, format_option, json_alias, page_footer

actors_app = typer.Typer(
    cls=Group, help="The actor memory and dictionary import.", no_args_is_help=True
)
app.add_typer(actors_app, name="actors")
ACTOR_SORTS = ("-last_seen", "last_seen", "name")


@actors_app.command("import")
def actors_import(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="PETRARCH/Phoenix .actors dictionary files."),
) -> None:
    """Import actor dictionaries (names with date-bounded codes) into the actor memory."""
    from ..actors.phoenix import DictionaryError, dictionary_rows

    failed = 0
    with open_store_for(ctx, create=True) as store:
        for path in files:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
                rows = dictionary_rows(text, path.name)
            except OSError as exc:
                report(f"{path}: cannot read ({exc.strerror})")
                failed += 1
                continue
            except DictionaryError as exc:
                report(f"{path}: {exc}")
                failed += 1
                continue
            added = store.coding.add_dictionary_actors(rows)
            console().print(f"{path}: {len(rows)} names, {added} new")
    if failed == len(files):
        raise typer.Exit(EXIT_FAILURE)


@actors_app.command("list")
def actors_list(
    ctx: typer.Context,
    query: str | None = typer.Argument(None, help="Part of a name, or a code."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    sort: str = typer.Option("-last_seen", "--sort", help=f"{', '.join(ACTOR_SORTS)} (- for descending)."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """People the memory has seen with a role (and imported dictionary names), last seen first."""
    fmt = choose(fmt, as_json=as_json)
    check_sort(sort, ACTOR_SORTS)
    with open_store_for(ctx) as store:
        rows = store.coding.list_actors(query, limit=limit, offset=offset, sort=sort)
        total = store.coding.count_actors(query)
    columns = [("name", lambda r: r["name"]), ("code", lambda r: r["code"]), ("role", lambda r: r["role"] or ""),
               ("first seen", lambda r: r["first_seen"] or r["valid_from"] or ""),
               ("last seen", lambda r: r["last_seen"] or r["valid_until"] or ""), ("from", lambda r: r["origin"])]
    order = {"-last_seen": "last seen first", "last_seen": "first seen first", "name": "by name"}[sort]
    emit(rows, fmt, columns, footer=page_footer(len(rows), total, offset, "actors", order))
