"""`dragoman ingest`: files, folders, URLs, feeds, sitemaps, OPML and WARC into the store."""

from __future__ import annotations

import sys
from collections import Counter

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..ingest.inputs import KINDS
from .app import app, check_published, console, err, fail, open_store_for, print_json, state


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, article URLs, feed/sitemap/OPML URLs or files."),
    as_kind: str = typer.Option("auto", "--as", help=f"Treat inputs as: {', '.join(KINDS)}."),
    published: str | None = typer.Option(None, "--published", help="Date for inputs that carry none (YYYY-MM-DD)."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input fails."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON result per input."),
) -> None:
    """Ingest articles; each input ends as new, duplicate or failed, and the batch goes on."""
    from ..ingest import Ingestor

    if as_kind not in KINDS:
        fail(f"--as {as_kind!r}: expected one of {', '.join(KINDS)}")
    settings = state(ctx).settings
    check_published(published, settings)
    counts: Counter[str] = Counter()
    results = []
    with open_store_for(ctx) as store, Ingestor(store, settings, published=published) as ingestor:
        show_bar = sys.stderr.isatty() and not as_json
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                            TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                            console=err, transient=True, disable=not show_bar)
        with progress:
            task = progress.add_task("ingesting", total=len(inputs))
            for ref in inputs:
                for result in ingestor.ingest([ref], as_kind):
                    counts[result.status] += 1
                    if as_json:
                        results.append(result.__dict__)
                    elif result.status == "failed":
                        err.print(f"[red]failed[/]: {escape(result.input_ref)}: {escape(result.reason or '')}",
                                  highlight=False, soft_wrap=True)
                    progress.update(task, description=f"new {counts['new']} · dup {counts['duplicate']} · "
                                                      f"failed {counts['failed']}")
                progress.advance(task)
    if as_json:
        print_json(results)
    else:
        console.print(f"ingested: [green]{counts['new']} new[/], {counts['duplicate']} duplicate, "
                      f"[{'red' if counts['failed'] else 'default'}]{counts['failed']} failed[/]", highlight=False)
    total = sum(counts.values())
    if counts["failed"] and (strict or counts["failed"] == total):
        raise typer.Exit(1)
