"""Query parameters shared by the JSON API and the HTML pages, checked and turned into store queries.

Every parameter is a string that may be empty (an HTML form sends empty fields): empty means unset.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import HTTPException, Path, Query

from ..store.charts import BINS
from ..store.event_query import SORTS, EventQuery

CODE_RE = re.compile(r"^[A-Za-z0-9]{1,32}$")
MAX_OFFSET = 1_000_000_000  # paging further than this is refused (422), like any out-of-range number
MAX_ID = 2**63 - 1  # the largest id the store can hold: a larger one is a 422, never an overflow (500)

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many (1-1000).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many (at most 1,000,000,000).")]
DownloadLimit = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="At most this many (default: all).")
]
Id = Annotated[int, Path(ge=0, le=MAX_ID, description="A numeric id.")]
OptionalId = Annotated[int | None, Query(ge=0, le=MAX_ID, description="A numeric id.")]
STATUSES = ("reported", "planned", "negated", "hypothetical", "background")
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


def actor_code(value: str) -> str:
    """An actor code from a URL or form (letters and digits), upper-cased; 404 otherwise."""
    if not CODE_RE.match(value or ""):
        raise HTTPException(404, "no such actor code (codes are letters and digits, like SRBGOV)")
    return value.upper()


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """'SRB,KSV' (or 'SRB KSV', 'SRB/KSV') → ('SRB', 'KSV')."""
    if not value or not value.strip():
        return None
    parts = [p for p in re.split(r"[\s,/]+", value.strip()) if p]
    if len(parts) != 2 or not all(CODE_RE.match(p) for p in parts):
        raise HTTPException(422, "dyad: expected two actor codes, like SRB,KSV")
    return parts[0].upper(), parts[1].upper()


def _until(value: str) -> str:
    """A partial end date covers its whole year or month."""
    return value + ("-12-31" if len(value) == 4 else "-31" if len(value) == 7 else "")


def _int(value: str | None) -> int | None:
    return int(value) if value else None


_PREFIX = r"^[A-Za-z0-9]{0,32}$"
_ID = r"^\d{0,12}$"

# the event filters, one annotated type each (their descriptions are the API's documentation)
ActorParam = Annotated[str, Query(pattern=_PREFIX, description="Actor code prefix, as source or target (SRB matches SRBGOV).")]
SourceParam = Annotated[str, Query(pattern=_PREFIX, description="Source actor code prefix.")]
TargetParam = Annotated[str, Query(pattern=_PREFIX, description="Target actor code prefix.")]
DyadParam = Annotated[str, Query(max_length=70, description="Two actor code prefixes, either direction: SRB,KSV.")]
CodeParam = Annotated[str, Query(pattern=r"^\d{0,4}$", description="CAMEO root (04) or code prefix (043).")]
RootParam = Annotated[str, Query(pattern=r"^(\d{2})?$", description="CAMEO root (two digits).")]
QuadClassParam = Annotated[str, Query(pattern=r"^[1-4]?$", description="1 verbal cooperation, 2 material "
                                      "cooperation, 3 verbal conflict, 4 material conflict.")]
StatusParam = Annotated[str, Query(pattern=r"^[a-z,]{0,80}$", description="reported, planned, negated, "
                                   "hypothetical or background; several separated by commas.")]
SinceParam = Annotated[str, Query(pattern=DATE, description="Event date on or after (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilParam = Annotated[str, Query(pattern=DATE, description="Event date on or before (YYYY, YYYY-MM or YYYY-MM-DD).")]
TextParam = Annotated[str, Query(max_length=200, description="Words that must all appear in the event's article.")]
ArticleParam = Annotated[str, Query(pattern=_ID, description="Only this article's events.")]
StoryParam = Annotated[str, Query(pattern=_ID, description="Only events of this story's articles.")]
EventParam = Annotated[str, Query(pattern=_ID, description="Only mentions of this distinct event.")]
SortParam = Annotated[str, Query(pattern="^(" + "|".join(re.escape(s) for s in SORTS) + ")?$",
                                 description="date, -date (newest first, the default), confidence, -confidence, "
                                 "goldstein, -goldstein, id, -id (most recently coded first).")]


def event_query(
    actor: ActorParam = "",
    source: SourceParam = "",
    target: TargetParam = "",
    dyad: DyadParam = "",
    code: CodeParam = "",
    root: RootParam = "",
    quad_class: QuadClassParam = "",
    status: StatusParam = "",
    since: SinceParam = "",
    until: UntilParam = "",
    text: TextParam = "",
    article: ArticleParam = "",
    story: StoryParam = "",
    event: EventParam = "",
    sort: SortParam = "",
) -> EventQuery:
    """The event filters of /api/events, /events and the downloads."""
    statuses = [s for s in status.split(",") if s]
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise HTTPException(422, f"status {bad[0]!r}: expected one of {', '.join(STATUSES)}")
    return EventQuery(
        actor=actor.upper() or None,
        source=source.upper() or None,
        target=target.upper() or None,
        dyad=parse_dyad(dyad),
        code=code or root or None,
        quad_class=_int(quad_class),
        status=",".join(statuses) or None,
        since=since or None,
        until=_until(until) if until else None,
        text=text.strip() or None,
        article_id=_int(article),
        story_id=_int(story),
        event_id=_int(event),
        sort=sort or "-date",
    )


def event_params(eq: EventQuery) -> dict[str, str]:
    """The query-string form of an EventQuery (for links to the next page, downloads, JSON)."""
    out = {
        "actor": eq.actor,
        "source": eq.source,
        "target": eq.target,
        "dyad": ",".join(eq.dyad) if eq.dyad else None,
        "code": eq.code,
        "quad_class": str(eq.quad_class) if eq.quad_class else None,
        "status": eq.status,
        "since": eq.since,
        "until": eq.until,
        "text": eq.text,
        "article": eq.article_id,
        "story": eq.story_id,
        "event": eq.event_id,
        "sort": eq.sort if eq.sort != "-date" else None,
    }
    return {k: str(v) for k, v in out.items() if v not in (None, "")}


BinParam = Annotated[
    str,
    Query(pattern="^(" + "|".join(BINS) + ")?$", description="Chart bucket: week (default), month or year."),
]
