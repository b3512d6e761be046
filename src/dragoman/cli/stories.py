"""`dragoman stories`, `story`, `timeline`: developing stories and their events over time."""

from __future__ import annotations

import sys

import typer

from .app import app, date_option, open_store_for
from .articles import check_sort
from .errors import fail, usage_error
from .output import (
    choose,
    emit,
    emit_one,
    escape,
    format_option,
    json_alias,
    jsonl_alias,
    md_alias,
    page_footer,
)

STORY_SORTS = ("-last_seen", "last_seen", "-first_seen", "first_seen", "-articles")
ORDER = {"-last_seen": "most recently active first", "last_seen": "least recently active first",
         "-first_seen": "newest first", "first_seen": "oldest first", "-articles": "most articles first"}


def story_json(story: dict) -> dict:
    """A story in the dragoman-brief/2 `stories` shape."""
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
                                     help="At most this many [default: 50 in a table, every story in json/jsonl]."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    sort: str = typer.Option("-last_seen", "--sort", help=f"{', '.join(STORY_SORTS)} (- for descending)."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
    as_jsonl: bool = jsonl_alias(),
) -> None:
    """List developing stories, most recently active first (json: the dragoman-brief/2 stories shape)."""
    fmt = choose(fmt, as_json=as_json, as_jsonl=as_jsonl)
    check_sort(sort, STORY_SORTS)
    day = date_option(since, "--since")
    with open_store_for(ctx) as store:
        total = store.stories.count_stories(since=day, actor=actor)
        if limit is None:  # a program reading json gets every story; a person reading a table, a page
            limit = 50 if fmt in ("table", "md") else max(total, 1)
        rows = store.stories.list_stories(since=day, actor=actor, limit=limit, offset=offset, sort=sort)
        full = [story_json(store.stories.get_story(r["id"])) for r in rows] if fmt != "table" else rows
    columns = [("id", lambda r: r["id"]), ("first", lambda r: (r["first_seen"] or "?")[:10]),
               ("last", lambda r: (r["last_seen"] or "?")[:10]), ("articles", lambda r: r["n_articles"]),
               ("outlets", lambda r: r["n_outlets"]), ("actors", lambda r: " ".join((r["actors"] or [])[:4])),
               ("title", lambda r: r["title"] or "")]
    emit(full, fmt, columns, footer=page_footer(len(rows), total, offset, "stories", ORDER[sort]))


@app.command("story")
def story_command(
    ctx: typer.Context,
    story_id: int = typer.Argument(..., help="Story id."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """One story: its articles, outlets, main actors and timeline."""
    from ..stories.timeline import build_timeline, timeline_markdown

    fmt = choose(fmt, as_json=as_json)
    with open_store_for(ctx) as store:
        story = store.stories.get_story(story_id)
        if story is None:
            fail(f"no story {story_id}")
        entries = build_timeline(store, story_id=story_id)
    data = story_json(story)
    data["timeline"] = [e.to_dict() for e in entries]
    emit_one(data, fmt, lambda: _print_story(story, entries),
             md=lambda: timeline_markdown(entries, f"Story {story_id}: {story['title'] or '(untitled)'}"))


def _print_story(story: dict, entries: list) -> None:
    from .output import console

    out = console()
    out.print(f"[bold]{escape(story['title'] or '(untitled)')}[/] — story {story['id']}")
    out.print(f"{(story['first_seen'] or '?')[:10]} → {(story['last_seen'] or '?')[:10]} · {story['n_articles']} "
              f"articles · {story['n_outlets']} outlets · actors {escape(', '.join(story['actors'] or []))}")
    for a in story["articles"]:
        dup = f" (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
        out.print(f"  {a['id']:>4} {(a['published'] or '?')[:10]} {escape(a['outlet'] or '')} — "
                  f"{escape(a['title'] or '')}{dup}")
    out.print()
    for e in entries:
        out.print(f"  {(e.date or 'undated'):<10} {escape(e.text)}")


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
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help="Leave out events below this confidence "
                                                     "[default: the min_confidence setting]."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
    as_md: bool = md_alias(),
) -> None:
    """Events in date order, one plain-English line each, with evidence and sources."""
    from ..stories.timeline import build_timeline, timeline_markdown

    fmt = choose(fmt, as_json=as_json, as_md=as_md)
    if not any((story, actor, dyad, query)):
        usage_error("say what to follow: --story ID, --actor CODE, --dyad A B or --query TEXT")
    with open_store_for(ctx) as store:
        entries = build_timeline(store, story_id=story, actor=actor, dyad=dyad, query=query,
                                 since=date_option(since, "--since"), until=date_option(until, "--until"),
                                 include_statements=statements, include_unrealised=unrealised,
                                 min_confidence=min_confidence)
    title = (f"Story {story}" if story else f"Actor {actor}" if actor else
             f"Dyad {dyad[0]}–{dyad[1]}" if dyad else f"“{query}”")
    if fmt == "md":
        sys.stdout.write(timeline_markdown(entries, f"Timeline: {title}"))
    elif fmt == "table":
        _print_timeline(entries, title)
    else:
        columns = [("date", lambda r: r["date"] or ""), ("text", lambda r: r["text"])]
        emit([e.to_dict() for e in entries], fmt, columns)


def _print_timeline(entries: list, title: str) -> None:
    from ..events.describe import format_date
    from .output import console

    out = console()
    out.print(f"[bold]Timeline: {escape(title)}[/]")
    for e in entries:
        src = e.evidence[0] if e.evidence else None
        where = escape(f" [{src.outlet or ''}, article {src.article_id}]") if src else ""
        flag = " (background)" if e.status == "background" else ""
        out.print(f"{format_date(e.date, e.date_precision) or 'date unknown':>18}  {escape(e.text)}{flag}{where}")
    if not entries:
        out.print("no events")
