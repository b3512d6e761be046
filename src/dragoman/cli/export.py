"""`dragoman export`: events and mentions as GDELT 2.0, PLOVER, CSV, JSON lines or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .app import app, date_option, open_store_for, state
from .errors import note, usage_error
from .events import STATUSES, check_status


@app.command("export")
def export_command(
    ctx: typer.Context,
    what: str = typer.Argument("events", help="events, or mentions (GDELT's Mentions table)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="gdelt, plover, csv, jsonl or parquet (mentions: gdelt)."),
    out: Path | None = typer.Option(None, "--out", help="Output file (default: standard output; needed for parquet)."),
    actor: str | None = typer.Option(None, "--actor", help="Actor code (prefix), as source or target."),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two actor codes, either direction."),
    code: str | None = typer.Option(None, "--code", help="CAMEO root (04) or code prefix (040)."),
    status: str | None = typer.Option(None, "--status", help=f"{', '.join(STATUSES)}; several separated by commas."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help="Leave out events coded with less confidence "
                                                     "[default: the min_confidence setting]."),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    all_dates: bool = typer.Option(False, "--all-dates", help="gdelt, plover: add events dated only to the "
                                   "month or year (flagged)."),
    unrealised: bool = typer.Option(False, "--unrealised", help="gdelt, plover: add events reported as not "
                                    "happening or only as possible (flagged)."),
) -> None:
    """Export stored events: GDELT 2.0 events and mentions, PLOVER JSON lines, CSV, JSON lines, Parquet.

    gdelt and plover have one row per distinct event (gdelt mentions: one per mention of those events)
    and by default keep only events dated to the day that happened; csv, jsonl and parquet have one
    row per event mention, every status included. docs/exports.md describes every column.
    """
    from ..export import EVENT_FORMATS, MENTION_FORMATS, Selection, export
    from ..store.event_query import EventQuery

    formats = {"events": EVENT_FORMATS, "mentions": MENTION_FORMATS}
    if what not in formats:
        usage_error(f"cannot export {what!r}: events or mentions")
    if fmt not in formats[what]:
        usage_error(f"--format {fmt!r}: {what} export as {', '.join(formats[what])}")
    if fmt == "parquet" and out is None:
        usage_error("--format parquet needs --out FILE")
    settings = state(ctx).settings
    eq = EventQuery(actor=actor, dyad=dyad, code=code, status=check_status(status), since=date_option(since, "--since"),
                    until=date_option(until, "--until"), sort="id",
                    min_confidence=settings.min_confidence if min_confidence is None else min_confidence)
    selection = Selection(eq, all_dates=all_dates, unrealised=unrealised)
    with open_store_for(ctx) as store:
        if fmt == "parquet":
            n = export(store, what, fmt, selection, str(out))
        elif out is None:
            n = export(store, what, fmt, selection, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                n = export(store, what, fmt, selection, fh)
    if out is not None:
        rows = "mentions" if what == "mentions" else "events" if fmt in ("gdelt", "plover") else "event mentions"
        note(f"wrote {n} {rows} to {out}")
