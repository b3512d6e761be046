"""`dragoman brief`: the facts, the background and what the article leaves out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .app import app, check_published, open_store_for, state
from .errors import fail, note
from .output import choose


def resolve_article(store, settings, ref: str, published: str | None) -> int:
    """An article id for ARTICLE_ID | URL | FILE, ingesting and coding it first when needed."""
    from ..extract import Extractor
    from ..ingest import Ingestor
    from ..ingest.urls import canonical_url, is_http_url
    from ..process import process_store
    from ..stories.cluster import assign_article

    article_id = None
    if ref.isdigit():
        article_id = int(ref)
        if store.articles.get_article(article_id) is None:
            fail(f"no article {article_id}")
    elif is_http_url(ref):
        article_id = store.articles.article_id_for_url(canonical_url(ref) or ref) or store.articles.article_id_for_url(ref)
    if article_id is None:
        with Ingestor(store, settings, published=published) as ingestor:
            results = list(ingestor.ingest([ref]))
        ok = [r for r in results if r.article_id]
        if not ok:
            fail(f"{ref}: {results[0].reason if results else 'nothing ingested'}")
        article_id = ok[0].article_id
    art = store.articles.get_article(article_id)
    target = art["duplicate_of"] or article_id
    if store.coding.article_for_coding(target) and store.coding.articles_to_code() and target in store.coding.articles_to_code():
        process_store(store, Extractor(model=settings.spacy_model), article_ids=[target])
    assign_article(store, article_id)
    return article_id


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An article id, a URL, or a file (ingested and coded first if new)."),
    published: str | None = typer.Option(None, "--published", help="Date for an input that carries none."),
    fmt: str = typer.Option("md", "--format", "-f", help="md, html or json."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of standard output."),
) -> None:
    """Write a brief: headline, credit, key facts, quotes, background, gaps and what to watch."""
    from ..briefs.builder import build_brief
    from ..briefs.render import brief_html, brief_markdown
    from ..ingest.urls import is_http_url

    fmt = choose(fmt, choices=("md", "html", "json"))
    check_published(published)
    is_id = ref.isdigit()
    if not is_id and not is_http_url(ref) and not Path(ref).exists():
        fail(f"{ref}: no such article id, URL or file")
    settings = state(ctx).settings
    with open_store_for(ctx, create=not is_id) as store:
        article_id = resolve_article(store, settings, ref, published)
        brief = build_brief(store, article_id)
    if fmt == "json":
        text = json.dumps(brief, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        text = brief_html(brief)
    else:
        text = brief_markdown(brief)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        note(f"wrote {out}")
    else:
        sys.stdout.write(text)
