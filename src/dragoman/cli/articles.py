"""Reading the record back: `dragoman articles`, `show`, `search`."""

from __future__ import annotations

import typer

from .app import app, date_option, open_store_for
from .errors import fail, usage_error
from .output import choose, emit, emit_one, escape, format_option, json_alias, page_footer

ARTICLE_SORTS = ("-published", "published", "-id", "id")
ARTICLE_COLUMNS = [("id", lambda r: r["id"]), ("published", lambda r: (r["published"] or "?")[:10]),
                   ("outlet", lambda r: r["outlet"] or ""), ("title", lambda r: r["title"] or ""),
                   ("dup of", lambda r: r["duplicate_of"] or "")]


def check_sort(sort: str, choices: tuple[str, ...]) -> str:
    if sort not in choices:
        usage_error(f"--sort {sort!r}: expected {', '.join(choices)}")
    return sort


@app.command("articles")
def articles_command(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help="Only articles published on or after this date."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet's domain."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    sort: str = typer.Option("-published", "--sort", help=f"{', '.join(ARTICLE_SORTS)} (- for descending)."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """List stored articles, newest published first."""
    fmt = choose(fmt, as_json=as_json)
    check_sort(sort, ARTICLE_SORTS)
    day = date_option(since, "--since")
    with open_store_for(ctx) as store:
        rows = store.articles.list_articles(since=day, outlet=outlet, limit=limit, offset=offset, sort=sort)
        total = store.articles.count_articles(since=day, outlet=outlet)
    order = {"-published": "newest first", "published": "oldest first", "-id": "last stored first",
             "id": "first stored first"}[sort]
    emit(rows, fmt, ARTICLE_COLUMNS, footer=page_footer(len(rows), total, offset, "articles", order))


@app.command("show")
def show_command(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help="Article id."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """Show one article: metadata, headings and text."""
    fmt = choose(fmt, as_json=as_json)
    with open_store_for(ctx) as store:
        art = store.articles.get_article(article_id)
    if art is None:
        fail(f"no article {article_id}")
    art.pop("content_hash", None)
    emit_one(art, fmt, lambda: _print_article(art), md=lambda: _article_markdown(art))


def _paragraphs(art: dict) -> list[tuple[str, str]]:
    text = art["text"]
    return [(kind, text[start:end]) for kind, start, end in art["blocks"] or [["paragraph", 0, len(text)]]]


def _print_article(art: dict) -> None:
    from .output import console

    out = console()
    out.print(f"[bold]{escape(art['title'] or '(untitled)')}[/]")
    out.print(f"{escape(art['outlet'] or 'unknown outlet')} · {art['published'] or 'date unknown'}"
              f" ({art['published_precision'] or 'no precision'}) · {escape(art['url'] or '')}")
    if art["duplicate_of"]:
        out.print(f"near-duplicate of article {art['duplicate_of']}")
    if art["copies_by"]:
        out.print(f"also carried by: {escape(', '.join(art['copies_by']))}")
    out.print()
    for kind, chunk in _paragraphs(art):
        out.print(f"[bold underline]{escape(chunk)}[/]" if kind == "heading" else escape(chunk))
        out.print()


def _article_markdown(art: dict) -> str:
    lines = [f"# {art['title'] or '(untitled)'}", "",
             f"{art['outlet'] or 'unknown outlet'} · {art['published'] or 'date unknown'} · {art['url'] or ''}", ""]
    for kind, chunk in _paragraphs(art):
        lines += [f"## {chunk}" if kind == "heading" else chunk, ""]
    return "\n".join(lines)


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="Words to find in titles and texts."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """Full-text search over stored articles, best match first."""
    from ..store.fulltext import HIGHLIGHT_END, HIGHLIGHT_START

    fmt = choose(fmt, as_json=as_json)
    with open_store_for(ctx) as store:
        hits = store.articles.search(query, limit=limit, offset=offset)
        total = store.articles.count_search(query)
    footer = page_footer(len(hits), total, offset, "matching articles", "best match first")
    if fmt != "table":
        for h in hits:
            h["snippet"] = h["snippet"].replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        emit(hits, fmt, [("id", lambda r: r["id"]), ("published", lambda r: (r["published"] or "?")[:10]),
                         ("outlet", lambda r: r["outlet"] or ""), ("title", lambda r: r["title"] or ""),
                         ("snippet", lambda r: r["snippet"])], footer=footer)
        return
    from .output import console

    for h in hits:
        snippet = escape(h["snippet"]).replace(HIGHLIGHT_START, "[bold yellow]").replace(HIGHLIGHT_END, "[/]")
        console().print(f"[bold]{h['id']}[/] {escape(h['title'] or '')} · {escape(h['outlet'] or '')} · "
                        f"{h['published'] or '?'}")
        console().print(f"   {snippet}")
    console().print(escape(footer))
