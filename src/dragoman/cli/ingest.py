"""`dragoman ingest`: files, folders, URLs, feeds, sitemaps, OPML and WARC into the store."""

from __future__ import annotations

import sys
from collections import Counter

import typer

from .app import app, check_published, open_store_for, state
from .errors import EXIT_FAILURE, report, usage_error
from .output import choose, emit, format_option, json_alias

KINDS_HELP = "auto, html, text, json, jsonl, warc, feed, sitemap, opml or url"  # ingest.inputs.KINDS (a test checks)
SUMMARY = "ingested: {new} new, {duplicate} duplicate, {failed} failed"


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, article URLs, feed/sitemap/OPML URLs or files."),
    as_kind: str = typer.Option("auto", "--as", help=f"Treat inputs as: {KINDS_HELP}."),
    published: str | None = typer.Option(None, "--published", help="Date for inputs that carry none (YYYY-MM-DD)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any input fails."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """Ingest articles; each input ends as new, duplicate or failed, and the batch goes on.

    Exit status 0 when anything was ingested or was a duplicate, 1 when every input failed (with
    --strict: when any did).
    """
    from ..ingest import Ingestor
    from ..ingest.inputs import KINDS

    fmt = choose(fmt, as_json=as_json)
    if as_kind not in KINDS:
        usage_error(f"--as {as_kind!r}: expected {KINDS_HELP}")
    settings = state(ctx).settings
    check_published(published, settings)
    counts: Counter[str] = Counter()
    results = []
    with open_store_for(ctx, create=True) as store, Ingestor(store, settings, published=published) as ingestor:
        progress, task = _progress(len(inputs), show=fmt == "table")
        with progress:
            for ref in inputs:
                for result in ingestor.ingest([ref], as_kind):
                    counts[result.status] += 1
                    results.append(dict(result.__dict__))
                    if result.status == "failed":
                        report(f"{result.input_ref}: {result.reason or 'failed'}")
                    progress.update(task, description=SUMMARY.format(**{k: counts[k] for k in
                                                                        ("new", "duplicate", "failed")}))
                progress.advance(task)
    summary = SUMMARY.format(new=counts["new"], duplicate=counts["duplicate"], failed=counts["failed"])
    columns = [("input", lambda r: r["input_ref"]), ("status", lambda r: r["status"]),
               ("article", lambda r: r.get("article_id") or ""), ("reason", lambda r: r.get("reason") or "")]
    if fmt == "table":
        from .output import console, escape

        console().print(escape(summary))
    else:
        emit(results, fmt, columns, footer=summary)
    if counts["failed"] and (strict or counts["failed"] == sum(counts.values())):
        raise typer.Exit(EXIT_FAILURE)


def _progress(total: int, show: bool):
    """A progress bar on standard error when it is a terminal (transient: it leaves no trace)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                        TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True, disable=not (show and sys.stderr.isatty()))
    return progress, progress.add_task("ingesting", total=total)
