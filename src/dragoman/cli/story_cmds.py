"""`dragoman stories`, `story`, `timeline`: developing stories and their events over time."""

from __future__ import annotations

import json
import sys

import typer
from rich.markup import escape
from rich.table import Table

from .app import app, console, date_option, fail, open_store_for, print_json


def story_json(story: dict) -> dict:
    """A story in the dragoman-brief/1 `stories` shape."""
    return {"id": story["id"], "title": story["title"], "first_seen": (story["first_seen"] or "")[:10] or None,
            "last_seen": (story["last_seen"] or "")[:10] or None, "actors": story["actors"] or [],
            "dyads": story.get("dyads") or [], "n_articles": story["n_articles"], "n_outlets": story["n_outlets"],
            "articles": [{"id": a["id"], "url": a["url"], "title": a["title"], "outlet": a["outlet"],
                          "published": (a["published"] or "")[:10] or None, "duplicate_of": a["duplicate_of"]}
                         for a in story.get("articles", [])]}


@app.command("stories")
def stories_command(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help="Stories active on or after this date."),
    actor: str | None = typer.Option(None, "--actor", help="Stories whose main actors include this code."),
    limit: int | None = typer.Option(None, "--limit", min=1,
                                     help="At most this many (default: 50 in the table, all with --json/--jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="A JSON array (the dragoman-brief/1 stories shape)."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="JSON lines."),
) -> None:
    """List developing stories, most recently active first."""
    with open_store_for(ctx) as store:
        if limit is None:
            limit = store.story_count() if (as_json or as_jsonl) else 50
        rows = store.list_stories(since=date_option(since, "--since"), actor=actor, limit=max(limit, 1))
        full = [story_json(store.get_story(r["id"])) for r in rows] if (as_json or as_jsonl) else []
    if as_json:
        print_json(full)
        return
    if as_jsonl:
        for s in full:
            sys.stdout.write(json.dumps(s, ensure_ascii=False) + "\n")
        return
    table = Table("id", "first", "last", "articles", "outlets", "actors", "title")
    for r in rows:
        table.add_row(str(r["id"]), (r["first_seen"] or "?")[:10], (r["last_seen"] or "?")[:10], str(r["n_articles"]),
                      str(r["n_outlets"]), escape(" ".join((r["actors"] or [])[:4])), escape(r["title"] or ""))
    console.print(table)


@app.command("story")
def story_command(
    ctx: typer.Context,
    story_id: int = typer.Argument(..., help="Story id."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """One story: its articles, outlets, main actors and timeline."""
    from ..stories.timeline import build_timeline

    with open_store_for(ctx) as store:
        story = store.get_story(story_id)
        if story is None:
            fail(f"no story {story_id}")
        entries = build_timeline(store, story_id=story_id)
    if as_json:
        data = story_json(story)
        data["timeline"] = [e.to_dict() for e in entries]
        print_json(data)
        return
    console.print(f"[bold]{escape(story['title'] or '(untitled)')}[/] — story {story_id}")
    console.print(f"{(story['first_seen'] or '?')[:10]} → {(story['last_seen'] or '?')[:10]} · {story['n_articles']} "
                  f"articles · {story['n_outlets']} outlets · actors {escape(', '.join(story['actors'] or []))}",
                  highlight=False)
    for a in story["articles"]:
        dup = f" (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
        console.print(f"  {a['id']:>4} {(a['published'] or '?')[:10]} {escape(a['outlet'] or '')} — "
                      f"{escape(a['title'] or '')}{dup}", highlight=False)
    console.print()
    for e in entries:
        console.print(f"  {(e.date or 'undated'):<10} {escape(e.text)}", highlight=False)


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    story: int | None = typer.Option(None, "--story", help="A story id."),
    actor: str | None = typer.Option(None, "--actor", help="An actor code (prefix)."),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two actor codes."),
    query: str | None = typer.Option(None, "--query", help="Words to find in articles."),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    statements: bool = typer.Option(False, "--statements", help="Include plain statements (CAMEO 01)."),
    unrealised: bool = typer.Option(False, "--unrealised",
                                    help="Include events reported as not happening or only as possible."),
    as_json: bool = typer.Option(False, "--json"),
    as_md: bool = typer.Option(False, "--md", help="Markdown."),
) -> None:
    """Events in date order, one plain-English line each, with evidence and sources."""
    from ..stories.timeline import build_timeline, timeline_markdown

    if not any((story, actor, dyad, query)):
        fail("say what to follow: --story ID, --actor CODE, --dyad A B or --query TEXT")
    with open_store_for(ctx) as store:
        entries = build_timeline(store, story_id=story, actor=actor, dyad=dyad, query=query,
                                 since=date_option(since, "--since"), until=date_option(until, "--until"),
                                 include_statements=statements, include_unrealised=unrealised)
    title = (f"Story {story}" if story else f"Actor {actor}" if actor else
             f"Dyad {dyad[0]}–{dyad[1]}" if dyad else f"“{query}”")
    if as_json:
        print_json([e.to_dict() for e in entries])
    elif as_md:
        sys.stdout.write(timeline_markdown(entries, f"Timeline: {title}"))
    else:
        from ..events.describe import format_date

        console.print(f"[bold]Timeline: {escape(title)}[/]")
        for e in entries:
            src = e.evidence[0] if e.evidence else None
            where = f" [{escape(src.outlet or '')}, article {src.article_id}]" if src else ""
            flag = " (background)" if e.status == "background" else ""
            console.print(f"{format_date(e.date, e.date_precision) or 'date unknown':>18}  {escape(e.text)}{flag}{where}",
                          highlight=False)
        if not entries:
            console.print("no events")
