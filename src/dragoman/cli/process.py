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
) -> None:
    """Code every stored article not yet coded, or coded by an older coder: events, actors, quotes and times."""
    from ..extract import Extractor
    from ..nlp.pipeline import ModelNotInstalled
    from ..process import coder_version, process_store
    from .output import console

    settings = state(ctx).settings
    with open_store_for(ctx) as store:
        todo = len(store.articles_to_code(recode=recode, limit=limit, version=coder_version()))
        if todo == 0:
            console().print("nothing to code: every article is coded by the current coder (use --recode to code again)")
            return
        try:
            extractor = Extractor(model=settings.spacy_model, max_chars=settings.max_article_chars)
        except ModelNotInstalled as exc:
            fail(str(exc))
        progress, task = _progress(todo)
        with progress:
            def tick(result):
                if result.error:
                    report(f"article {result.article_id}: {result.error}")
                progress.advance(task)

            results = process_store(store, extractor, recode=recode, limit=limit, on_result=tick)
        n_events = sum(r.events for r in results)
        console().print(f"coded {len(results)} articles: {n_events} event mentions "
                        f"({store.event_count()} distinct events in the store)")
        alerts = sum(r.alerts for r in results)
        if alerts:
            from ..watch import drain

            left = drain(store, timeout=min(5.0, settings.read_timeout))  # a slow hook must not hold the batch
            console().print(f"{alerts} watchlist alerts queued; {left} still pending "
                            "(sent by `dragoman watch deliver`, `serve` or `run`)")


def _progress(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty())
    return progress, progress.add_task("coding", total=total)
