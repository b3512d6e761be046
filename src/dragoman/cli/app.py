"""The Typer application: its global options (`--db` before or after the sub-command, `--version`),
error handling (one line, one format, the documented exit codes), and the helpers every command
module shares. Imports stay light: `--version` and `--help` must not load the store or the NLP."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperGroup

from .. import __version__
from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, fail, report, usage_error

DB_KEY = "dragoman.db"
EPILOG = ("--db PATH names the store: a SQLite path or a SQLAlchemy URL (default ./dragoman.db, or env "
          "DRAGOMAN_DB); it may come before or after the sub-command.")


def hoist_db(args: Sequence[str]) -> list[str]:
    """Move every `--db PATH` / `--db=PATH` to the front, so that it works after the sub-command too
    (`dragoman events --db news.db`); nothing after a bare `--` is touched."""
    front: list[str] = []
    rest: list[str] = []
    items = list(args)
    i = 0
    while i < len(items):
        arg = items[i]
        if arg == "--":
            rest += items[i:]
            break
        if arg == "--db":  # with its value (a --db with none is reported by the caller)
            front += items[i:i + 2]
            i += 2
            continue
        if arg.startswith("--db="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _error_message(exc: typer.TyperException) -> str:
    """A command-line error (Typer's own: unknown option, bad value ...) as one line naming the command."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return exc.format_message()
    where = f"{ctx.command_path.removeprefix('dragoman ')}: " if ctx.parent is not None else ""
    return f"{where}{exc.format_message()} (see {ctx.command_path} --help)"


class Group(TyperGroup):
    """A command group whose --help flag, when not given, needs no coercion (Typer coerces a None flag
    through pydantic, ~0.1 s a run; `dragoman watch add --help` would pay it for every group above)."""

    def get_help_option(self, ctx: typer.Context):
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


class DragomanGroup(Group):
    """The root command: hoists --db, and turns every error into one reported line and an exit code."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        cut = args.index("--") if "--" in args else len(args)
        if cut and args[cut - 1] == "--db":
            ctx.fail("--db needs a PATH or URL")
        # --db is taken here rather than declared as an option, so that `dragoman CMD --help` coerces
        # no option at all (Typer builds a pydantic validator for the first option it coerces: ~0.1 s)
        rest = hoist_db(args)
        while rest and (rest[0] == "--db" or rest[0].startswith("--db=")):
            if rest[0] == "--db":
                if len(rest) < 2:
                    ctx.fail("--db needs a PATH or URL")
                ctx.meta[DB_KEY], rest = rest[1], rest[2:]
            else:
                ctx.meta[DB_KEY], rest = rest[0].split("=", 1)[1], rest[1:]
        return super().parse_args(ctx, rest)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        for param in self.params:  # Typer's completion flags default to None, which it coerces through
            if param.name in ("install_completion", "show_completion") and param.default is None:
                param.default = False  # pydantic (~0.1 s a run); False needs no coercion
        try:
            code = super().main(args=args, prog_name=prog_name or "dragoman", complete_var=complete_var,
                                standalone_mode=False, **extra)
            code = code if isinstance(code, int) else 0
        except typer.TyperException as exc:  # Typer's usage errors exit 2, its other errors 1
            code = getattr(exc, "exit_code", EXIT_FAILURE)
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help was printed: nothing to add
                code = EXIT_USAGE
            else:
                report(_error_message(exc))
        except typer.Abort:
            report("interrupted")
            code = EXIT_INTERRUPTED
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="dragoman",
    cls=DragomanGroup,
    help="Reads the news and tells you who did what to whom, when, where and according to whom.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    options: dict[str, Any]
    _settings: Any = None

    @property
    def settings(self):
        """The effective settings (defaults < dragoman.toml < environment < options)."""
        if self._settings is None:
            from ..config import load_settings

            try:
                self._settings = load_settings(self.options)
            except ValueError as exc:
                usage_error(str(exc))
        return self._settings


def _version(value: bool) -> None:
    if value:
        print(f"dragoman {__version__}")
        raise typer.Exit()


@app.callback(epilog=EPILOG)
def main_callback(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """dragoman: feeds, sites and files in; coded political events, stories and briefs out."""
    ctx.obj = State(options={"db": ctx.meta.get(DB_KEY)})


def state(ctx: typer.Context) -> State:
    """The state of this run (its options and settings)."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = State(options={})
    return root.obj


def open_store_for(ctx: typer.Context, create: bool = False):
    """Open the store the settings name. A read (create=False) refuses a path with no store ("no store
    at PATH") instead of creating an empty one; any failure to open is one reported line."""
    from ..store import StoreMissing, open_store

    db = state(ctx).settings.db
    try:
        return open_store(db, create=create)
    except StoreMissing:
        fail(f"no store at {db} (give --db PATH, or ingest something first)")
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported as one line
        fail(f"cannot open store {db}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


def date_option(value: str | None, option: str, window=None) -> str | None:
    """A --since/--until style option as YYYY-MM-DD (or coarser); a usage error when it is not a date.
    Relative words ("yesterday") are read against today."""
    if not value:
        return None
    from datetime import UTC, datetime

    from ..ingest.dates import LOOSE, DateError, parse_published

    try:
        return parse_published(value, datetime.now(UTC).date(), window or LOOSE)[0][:10]
    except DateError as exc:
        usage_error(f"{option}: {exc}")


def check_published(value: str | None, settings=None) -> None:
    """Validate a --published option before any work starts (a publication date: within the window)."""
    from ..config import Settings
    from ..ingest.dates import DateWindow

    date_option(value, "--published", DateWindow.from_settings(settings or Settings()))


def main() -> None:
    """Console-script entry point."""
    from . import commands  # noqa: F401 - registers the sub-commands

    app()
