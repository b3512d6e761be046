"""How the command line reports problems and ends: one plain line on standard error, in one format
(`dragoman: MESSAGE`), never wrapped or coloured, and the exit codes the README documents."""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_OK = 0
EXIT_FAILURE = 1  # the command ran and failed: nothing found, no store, no model, every input failed
EXIT_USAGE = 2  # the command line or the settings are wrong: unknown option, bad value, bad dragoman.toml
EXIT_INTERRUPTED = 130  # Ctrl-C


def one_line(text: object) -> str:
    """The text with every run of whitespace (newlines included) as one space."""
    return " ".join(str(text).split())


def report(message: object) -> None:
    """Report a problem: `dragoman: MESSAGE` on standard error, one plain line (the only way the command
    line reports errors, so that scripts can read them one per line)."""
    sys.stderr.write(f"dragoman: {one_line(message)}\n")
    sys.stderr.flush()


def note(message: object) -> None:
    """A progress or result note on standard error (kept off standard output, which carries data)."""
    sys.stderr.write(f"{one_line(message)}\n")
    sys.stderr.flush()


def fail(message: object, code: int = EXIT_FAILURE) -> NoReturn:
    """Report a problem and end the command with an exit code (EXIT_FAILURE unless told)."""
    import typer

    report(message)
    raise typer.Exit(code)


def usage_error(message: object) -> NoReturn:
    """A wrong command line: report it and exit with EXIT_USAGE."""
    fail(message, EXIT_USAGE)
