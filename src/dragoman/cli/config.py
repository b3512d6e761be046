"""`dragoman config`: the effective settings and where each came from (docs/settings.md says what
each one means)."""

from __future__ import annotations

import typer

from .app import app, state
from .output import choose, emit, format_option, json_alias


@app.command("config")
def config_command(ctx: typer.Context, fmt: str = format_option(), as_json: bool = json_alias()) -> None:
    """Print the effective settings (defaults < dragoman.toml < DRAGOMAN_* env < options)."""
    fmt = choose(fmt, as_json=as_json)
    settings = state(ctx).settings
    values = settings.as_dict()
    if settings.token:
        values["token"] = "***"
    if fmt == "json":  # {name: {value, from}}, as before
        from .output import write_json

        write_json({k: {"value": v, "from": settings.origin.get(k)} for k, v in values.items()})
        return
    rows = [{"setting": k, "value": v, "from": settings.origin.get(k, "default")} for k, v in values.items()]
    emit(rows, fmt, [("setting", lambda r: r["setting"]), ("value", lambda r: r["value"]),
                     ("from", lambda r: r["from"])])
