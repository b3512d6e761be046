"""`dragoman process`: code every stored article not coded yet."""

from __future__ import annotations

import sys

import typer

from .app import app, open_store_for, state
from .errors import fail, report


@app.command("process")
def process_command(
    ctx: typer.Context,
    recode: bool = typer.Option(False, "--recode", help="Code every article again (after a codebook/KB change)."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many articles."),
    workers: int = typer.Option(1, "--workers", min=1, max=256,
                                help="Code with this many local processes (or Ray workers with --ray)."),
    ray: str | None = typer.Option(None, "--ray", metavar="ADDRESS",
                                   help="Code on a Ray cluster: auto (a running one), local (start one here) "
                                        "or its address. Needs dragoman[scale]."),
) -> None:
    """Code every stored article not yet coded, or coded by an older coder: events, actors, quotes and times."""
    from ..process import coder_version, process_store
    from .output import console

    settings = state(ctx).settings
    with open_store_for(ctx) as store:
        todo = len(store.coding.articles_to_code(recode=recode, limit=limit, version=coder_version()))
        if todo == 0:
            console().print("nothing to code: every article is coded by the current coder (use --recode to code again)")
            return
        coding = open_coding(settings, workers, ray)
        progress, task = _progress(todo)
        with progress, coding:
            def tick(result):
                if result.error:
                    report(f"article {result.article_id}: {result.error}")
                progress.advance(task)

            results = process_store(store, recode=recode, limit=limit, on_result=tick, coding=coding)
        if getattr(coding, "died", 0):
            report(f"{coding.died} coding batches lost their worker and were coded by another")
        n_events = sum(r.events for r in results)
        console().print(f"coded {len(results)} articles: {n_events} event mentions "
                        f"({store.coding.event_count()} distinct events in the store)")
        alerts = sum(r.alerts for r in results)
        if alerts:
            from ..watch import drain

            left = drain(store, timeout=min(5.0, settings.read_timeout))  # a slow hook must not hold the batch
            console().print(f"{alerts} watchlist alerts queued; {left} still pending "
                            "(sent by `dragoman watch deliver`, `serve` or `run`)")


def open_coding(settings, workers: int, ray: str | None):
    """What codes: this process, local worker processes or Ray workers (a failure is one line)."""
    from ..nlp.pipeline import ModelNotInstalled
    from ..scale import coding_for

    try:
        return coding_for(settings.db, settings, workers=workers, ray=ray)
    except ModelNotInstalled as exc:
        fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - Ray missing or unreachable: one line
        fail(f"cannot start the coding workers: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


def _progress(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())
    return progress, progress.add_task("coding", total=total)
