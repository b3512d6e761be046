"""`dragoman events`: coded event mentions with their evidence, newest first."""

from __future__ import annotations

import typer

from .app import app, date_option, open_store_for
from .articles import check_sort
from .output import choose, emit, format_option, json_alias, page_footer

EVENT_SORTS = ("-date", "date", "-confidence", "confidence", "-goldstein", "goldstein", "-id", "id")
STATUSES = ("reported", "planned", "negated", "hypothetical", "background")
ORDER = {"-date": "newest first", "date": "oldest first", "-confidence": "most confident first",
         "confidence": "least confident first", "-goldstein": "most cooperative first",
         "goldstein": "most conflictual first", "-id": "last coded first", "id": "first coded first"}


def who(name, code, text) -> str:
    label = name or text or "—"
    return f"{label} [{code}]" if code else label


EVENT_COLUMNS = [
    ("date", lambda r: r["date"] or "?"),
    ("source", lambda r: who(r["source_name"], r["source_code"], r["source_text"])),
    ("event", lambda r: f"{r['code']} {r['name'] or ''}"),
    ("target", lambda r: who(r["target_name"], r["target_code"], r["target_text"])),
    ("status", lambda r: r["status"]),
    ("art.", lambda r: r["article_id"]),
    ("evidence", lambda r: (r["trigger_text"] or "")[:40]),
]


def check_status(status: str | None) -> str | None:
    from .errors import usage_error

    for s in (status or "").split(","):
        if s and s not in STATUSES:
            usage_error(f"--status {s!r}: expected {', '.join(STATUSES)} (several separated by commas)")
    return status or None


@app.command("events")
def events_command(
    ctx: typer.Context,
    actor: str | None = typer.Option(None, "--actor", help="Actor code (prefix), as source or target."),
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two actor codes, either direction."),
    code: str | None = typer.Option(None, "--code", help="CAMEO root (04) or code prefix (040)."),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    status: str | None = typer.Option(None, "--status", help=f"{', '.join(STATUSES)}; several separated by commas."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help="Only events coded with at least this confidence."),
    article: int | None = typer.Option(None, "--article", help="Only this article's events."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    sort: str = typer.Option("-date", "--sort", help=f"{', '.join(EVENT_SORTS)} (- for descending)."),
    fmt: str = format_option(),
    as_json: bool = json_alias(),
) -> None:
    """List coded event mentions with their evidence, newest first."""
    from ..store.event_query import EventQuery

    fmt = choose(fmt, as_json=as_json)
    check_sort(sort, EVENT_SORTS)
    eq = EventQuery(actor=actor, dyad=dyad, code=code, status=check_status(status), article_id=article,
                    since=date_option(since, "--since"), until=date_option(until, "--until"),
                    min_confidence=min_confidence, sort=sort)
    with open_store_for(ctx) as store:
        rows = store.events.page(eq, limit=limit, offset=offset)
        total = store.events.count(eq)
    for r in rows:
        r.pop("article_ingested", None)
    emit(rows, fmt, EVENT_COLUMNS, footer=page_footer(len(rows), total, offset, "event mentions", ORDER[sort]))
