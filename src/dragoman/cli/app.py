"""The Typer application, its global options and the helpers every sub-command shares."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

import typer
from rich.console import Console

from .. import __version__
from ..config import Settings, load_settings

app = typer.Typer(
    name="dragoman",
    help="Reads the news and tells you who did what to whom, when, where and according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err = Console(stderr=True, soft_wrap=True, highlight=False)  # one line per error, never hard-wrapped


@dataclass
class State:
    options: dict[str, Any]
    _settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings(self.options)
            except ValueError as exc:
                fail(str(exc))
        return self._settings


def _version(value: bool) -> None:
    if value:
        print(f"dragoman {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help="Store: a SQLite path or SQLAlchemy URL [env DRAGOMAN_DB]."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """dragoman: feeds, sites and files in; coded political events, stories and briefs out."""
    ctx.obj = State(options={"db": db})


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if obj is None:
        obj = ctx.find_root().obj = State(options={})
    return obj


def open_store_for(ctx: typer.Context):
    """Open the store named by the effective settings; a clear error when it cannot be opened."""
    from ..store import open_store

    db = state(ctx).settings.db
    try:
        return open_store(db)
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported as one line
        fail(f"cannot open store {db}: {str(exc).splitlines()[0]}")


def fail(message: str, code: int = 2):
    err.print(f"[bold red]dragoman:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def date_option(value: str | None, option: str, window=None) -> str | None:
    """A --since/--until style option as YYYY-MM-DD (or coarser); a clear error when it is not a date.
    Relative words ("yesterday") are read against today."""
    if not value:
        return None
    from datetime import UTC, datetime

    from ..ingest.dates import LOOSE, DateError, parse_published

    try:
        return parse_published(value, datetime.now(UTC).date(), window or LOOSE)[0][:10]
    except DateError as exc:
        fail(f"{option}: {exc}")


def check_published(value: str | None, settings=None) -> None:
    """Validate a --published option before any work starts (a publication date: within the window)."""
    from ..config import Settings
    from ..ingest.dates import DateWindow

    date_option(value, "--published", DateWindow.from_settings(settings or Settings()))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def main() -> None:
    """Console-script entry point."""
    from . import commands  # noqa: F401 - registers the sub-commands

    app()
