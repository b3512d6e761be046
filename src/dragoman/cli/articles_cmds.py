"""Reading the record back: `dragoman articles`, `show`, `search`."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from ..store.fulltext import HIGHLIGHT_END, HIGHLIGHT_START
from .app import app, console, date_option, fail, open_store_for, print_json


@app.command("articles")
def articles_command(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help="Only articles published on or after this date."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet's domain."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List stored articles, newest first."""
    with open_store_for(ctx) as store:
        rows = store.list_articles(since=date_option(since, "--since"), outlet=outlet, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "published", "outlet", "title", "dup of")
    for r in rows:
        table.add_row(str(r["id"]), (r["published"] or "?")[:10], escape(r["outlet"] or ""), escape(r["title"] or ""),
                      str(r["duplicate_of"] or ""))
    console.print(table)


@app.command("show")
def show_command(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help="Article id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one article: metadata, headings and text."""
    with open_store_for(ctx) as store:
        art = store.get_article(article_id)
    if art is None:
        fail(f"no article {article_id}")
    art.pop("content_hash", None)
    if as_json:
        print_json(art)
        return
    console.print(f"[bold]{escape(art['title'] or '(untitled)')}[/]")
    console.print(f"{escape(art['outlet'] or 'unknown outlet')} · {art['published'] or 'date unknown'}"
                  f" ({art['published_precision'] or 'no precision'}) · {escape(art['url'] or '')}", highlight=False)
    if art["duplicate_of"]:
        console.print(f"near-duplicate of article {art['duplicate_of']}")
    if art["copies_by"]:
        console.print(f"also carried by: {escape(', '.join(art['copies_by']))}")
    console.print()
    text = art["text"]
    for kind, start, end in art["blocks"] or [["paragraph", 0, len(text)]]:
        chunk = escape(text[start:end])
        console.print(f"[bold underline]{chunk}[/]" if kind == "heading" else chunk, highlight=False)
        console.print()


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="Words to find in titles and texts."),
    limit: int = typer.Option(20, "--limit", min=1),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search over stored articles, best match first."""
    with open_store_for(ctx) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        for h in hits:
            h["snippet"] = h["snippet"].replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        print_json(hits)
        return
    if not hits:
        console.print("no matches")
    for h in hits:
        snippet = escape(h["snippet"]).replace(HIGHLIGHT_START, "[bold yellow]").replace(HIGHLIGHT_END, "[/]")
        console.print(f"[bold]{h['id']}[/] {escape(h['title'] or '')} · {escape(h['outlet'] or '')} · "
                      f"{h['published'] or '?'}", highlight=False)
        console.print(f"   {snippet}", highlight=False)
