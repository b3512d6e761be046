"""Printing data: one `--format table|json|jsonl|csv|md` on every command that prints data (the old
`--json`, `--jsonl` and `--md` flags stay, hidden, as aliases for one release), and the "N of M" line
of paged listings."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import typer

from .errors import usage_error

FORMATS = ("table", "json", "jsonl", "csv", "md")
Column = tuple[str, Callable[[dict[str, Any]], Any]]  # header, and the cell of a row


def format_option(default: str = "table", choices: Sequence[str] = FORMATS) -> Any:
    return typer.Option(default, "--format", "-f", help=f"{', '.join(choices)}.", show_default=True)


def json_alias() -> Any:
    return typer.Option(False, "--json", hidden=True, help="Same as --format json (kept for one release).")


def jsonl_alias() -> Any:
    return typer.Option(False, "--jsonl", hidden=True, help="Same as --format jsonl (kept for one release).")


def md_alias() -> Any:
    return typer.Option(False, "--md", hidden=True, help="Same as --format md (kept for one release).")


def choose(fmt: str, *, as_json: bool = False, as_jsonl: bool = False, as_md: bool = False,
           choices: Sequence[str] = FORMATS) -> str:
    """The output format from --format and the old aliases; a usage error for an unknown one."""
    chosen = "json" if as_json else "jsonl" if as_jsonl else "md" if as_md else (fmt or "table").lower()
    if chosen not in choices:
        usage_error(f"--format {fmt!r}: expected {', '.join(choices)}")
    return chosen


@cache
def console():
    """The rich console for tables (standard output), made when first needed."""
    from rich.console import Console

    return Console(highlight=False)


def escape(text: Any) -> str:
    """Text shown in a rich table, with its square brackets kept as they are."""
    from rich.markup import escape as rich_escape

    return rich_escape("" if text is None else str(text))


def write(text: str) -> None:
    sys.stdout.write(text)


def write_json(data: Any) -> None:
    write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _md_cell(value: Any) -> str:
    return " ".join(("" if value is None else str(value)).split()).replace("|", "\\|")


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[Column], footer: str | None = None) -> None:
    """Print rows: a table (the columns) for people; every field of every row for programs."""
    if fmt == "json":
        write_json(list(rows))
    elif fmt == "jsonl":
        for r in rows:
            write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        fields: dict[str, None] = {}
        for r in rows:
            fields.update(dict.fromkeys(r))
        writer = csv.DictWriter(sys.stdout, fieldnames=list(fields))
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _flat(v) for k, v in r.items()})
    elif fmt == "md":
        write(markdown_table([h for h, _ in columns], ([cell(r) for _, cell in columns] for r in rows)))
        if footer:
            write(f"\n{footer}\n")
    else:
        from rich.table import Table

        table = Table(*(h for h, _ in columns))
        for r in rows:
            table.add_row(*(escape(cell(r)) for _, cell in columns))
        console().print(table)
        if footer:
            console().print(escape(footer))


def emit_one(obj: dict[str, Any], fmt: str, human: Callable[[], None], md: Callable[[], str] | None = None) -> None:
    """Print one object: `human()` draws it for people; programs get its fields."""
    if fmt == "json":
        write_json(obj)
    elif fmt == "jsonl":
        write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(obj))
        writer.writeheader()
        writer.writerow({k: _flat(v) for k, v in obj.items()})
    elif fmt == "md":
        write(md() if md else markdown_table(["field", "value"], ([k, _flat(v)] for k, v in obj.items())))
    else:
        human()


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def page_footer(shown: int, total: int, offset: int, noun: str, order: str) -> str:
    """'1–50 of 327 articles, newest first (--offset 50 for more)'."""
    if total == 0:
        return f"no {noun}"
    if shown == 0:
        return f"none past {offset} of {total} {noun}"
    more = f" (--offset {offset + shown} for more)" if offset + shown < total else ""
    return f"{offset + 1}–{offset + shown} of {total} {noun}, {order}{more}"
