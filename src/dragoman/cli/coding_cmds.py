"""`dragoman process`, `events`, `export`, `actors`: coding the record and reading it back."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .app import app, console, date_option, err, fail, open_store_for, print_json, state

actors_app = typer.Typer(help="The actor memory and dictionary import.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@app.command("process")
def process_command(
    ctx: typer.Context,
    recode: bool = typer.Option(False, "--recode", help="Code every article again (after a codebook/KB change)."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many articles."),
) -> None:
    """Code every stored article not yet coded: events, actors, quotes and times, with evidence."""
    from ..extract import Extractor
    from ..nlp.pipeline import ModelNotInstalled
    from ..process import process_store

    settings = state(ctx).settings
    with open_store_for(ctx) as store:
        todo = len(store.articles_to_code(recode=recode, limit=limit))
        if todo == 0:
            console.print("nothing to code: every article is coded (use --recode to code again)")
            return
        try:
            extractor = Extractor(model=settings.spacy_model, max_chars=settings.max_article_chars)
        except ModelNotInstalled as exc:
            fail(str(exc))
        progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err, transient=True, disable=not sys.stderr.isatty())
        with progress:
            task = progress.add_task("coding", total=todo)

            def tick(result):
                if result.error:
                    err.print(f"article {result.article_id}: {escape(result.error)}", highlight=False)
                progress.advance(task)

            results = process_store(store, extractor, recode=recode, limit=limit, on_result=tick)
        n_events = sum(r.events for r in results)
        console.print(f"coded {len(results)} articles: {n_events} event mentions "
                      f"({store.event_count()} distinct events in the store)", highlight=False)
        alerts = sum(r.alerts for r in results)
        if alerts:
            from ..watch import drain

            left = drain(store, timeout=min(5.0, settings.read_timeout))  # a slow hook must not hold the batch
            console.print(f"{alerts} watchlist alerts queued; {left} still pending "
                          "(sent by `dragoman watch deliver`, `serve` or `run`)", highlight=False)


def _who(name, code, text) -> str:
    label = name or text or "—"
    return f"{label} [{code}]" if code else label


@app.command("events")
def events_command(
    ctx: typer.Context,
    actor: str | None = typer.Option(None, "--actor", help="Actor code (prefix), as source or target."),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two actor codes, either direction."),
    code: str | None = typer.Option(None, "--code", help="CAMEO root (04) or code prefix (040)."),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    status: str | None = typer.Option(None, "--status", help="reported, planned, negated, hypothetical, background."),
    article: int | None = typer.Option(None, "--article", help="Only this article's events."),
    limit: int = typer.Option(100, "--limit", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List coded events with their evidence, in date order."""
    with open_store_for(ctx) as store:
        rows = store.query_mentions(actor=actor, dyad=dyad, code=code, since=date_option(since, "--since"),
                                    until=date_option(until, "--until"), status=status, article_id=article, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table("date", "source", "event", "target", "status", "art.", "evidence", show_lines=False)
    for r in rows:
        table.add_row(r["date"] or "?", escape(_who(r["source_name"], r["source_code"], r["source_text"])),
                      f"{r['code']} {escape(r['name'] or '')}",
                      escape(_who(r["target_name"], r["target_code"], r["target_text"])), r["status"],
                      str(r["article_id"]), escape((r["trigger_text"] or "")[:40]))
    console.print(table)
    console.print(f"{len(rows)} event mentions", highlight=False)


@app.command("export")
def export_command(
    ctx: typer.Context,
    what: str = typer.Argument("events", help="events, or mentions (GDELT's Mentions table)."),
    fmt: str = typer.Option("jsonl", "--format", help="gdelt, plover, csv, jsonl or parquet (mentions: gdelt)."),
    out: Path | None = typer.Option(None, "--out", help="Output file (default: standard output; required for parquet)."),
    actor: str | None = typer.Option(None, "--actor", help="Actor code (prefix), as source or target."),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two actor codes, either direction."),
    code: str | None = typer.Option(None, "--code", help="CAMEO root (04) or code prefix (040)."),
    status: str | None = typer.Option(None, "--status", help="reported, planned, negated, hypothetical, background."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help="Leave out events coded with less confidence "
                                                     "(default: the min_confidence setting)."),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    all_dates: bool = typer.Option(False, "--all-dates", help="GDELT/PLOVER: add events dated only to the month "
                                   "or year (flagged)."),
    unrealised: bool = typer.Option(False, "--unrealised", help="GDELT/PLOVER: add events reported as not "
                                    "happening or only as possible (flagged)."),
) -> None:
    """Export stored events: GDELT 2.0 events and mentions, PLOVER JSON lines, CSV, JSONL or Parquet."""
    from ..export import EVENT_FORMATS, MENTION_FORMATS, Selection, export
    from ..store.web import EventQuery

    formats = {"events": EVENT_FORMATS, "mentions": MENTION_FORMATS}
    if what not in formats:
        fail(f"cannot export {what!r}: events or mentions")
    if fmt not in formats[what]:
        fail(f"--format {fmt!r}: {what} exports as {', '.join(formats[what])}")
    if fmt == "parquet" and out is None:
        fail("--format parquet needs --out FILE")
    settings = state(ctx).settings
    eq = EventQuery(actor=actor, dyad=dyad, code=code, status=status, since=date_option(since, "--since"),
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
        err.print(f"wrote {n} {what if fmt in ('gdelt', 'plover') else 'event mentions'} to {out}", highlight=False)


@actors_app.command("import")
def actors_import(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="PETRARCH/Phoenix .actors dictionary files."),
) -> None:
    """Import actor dictionaries (names with date-bounded codes) into the actor memory."""
    from ..actors.phoenix import DictionaryError, dictionary_rows

    failed = 0
    with open_store_for(ctx) as store:
        for path in files:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
                rows = dictionary_rows(text, path.name)
            except OSError as exc:
                err.print(f"{escape(str(path))}: cannot read ({exc.strerror})", highlight=False)
                failed += 1
                continue
            except DictionaryError as exc:
                err.print(f"{escape(str(path))}: {escape(str(exc))}", highlight=False)
                failed += 1
                continue
            added = store.add_dictionary_actors(rows)
            console.print(f"{path}: {len(rows)} names, {added} new", highlight=False)
    if failed == len(files):
        raise typer.Exit(1)


@actors_app.command("list")
def actors_list(
    ctx: typer.Context,
    query: str | None = typer.Argument(None, help="Part of a name, or a code."),
    limit: int = typer.Option(50, "--limit", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """People the memory has seen with a role (and imported dictionary names)."""
    with open_store_for(ctx) as store:
        rows = store.list_actors(query, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table("name", "code", "role", "first seen", "last seen", "from")
    for r in rows:
        table.add_row(escape(r["name"]), r["code"], escape(r["role"] or ""), r["first_seen"] or r["valid_from"] or "",
                      r["last_seen"] or r["valid_until"] or "", r["origin"])
    console.print(table)
