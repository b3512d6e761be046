"""`dragoman config`: the effective settings and where each came from."""

from __future__ import annotations

import typer
from rich.table import Table

from .app import app, console, print_json, state


@app.command("config")
def config_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Print the effective settings (defaults < dragoman.toml < DRAGOMAN_* env < options)."""
    settings = state(ctx).settings
    values = settings.as_dict()
    if settings.token:
        values["token"] = "***"
    if as_json:
        print_json({k: {"value": v, "from": settings.origin.get(k)} for k, v in values.items()})
        return
    table = Table("setting", "value", "from")
    for key, value in values.items():
        table.add_row(key, str(value), settings.origin.get(key, "default"))
    console.print(table)
