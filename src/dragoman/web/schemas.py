"""Response models of the JSON API, so that /api/openapi.json types every response and generated clients
get types. Rows read straight from a table take their fields from the table's columns; every model
forbids fields it does not name, and a test checks real responses against the published schema."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, create_model

from ..store import schema


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _python_type(column: sa.Column) -> Any:
    t = column.type
    if isinstance(t, sa.Boolean):
        return bool
    if isinstance(t, sa.Integer):
        return int
    if isinstance(t, sa.Float):
        return float
    if isinstance(t, sa.JSON):
        return Any
    return str


def table_model(name: str, table: sa.Table, skip: tuple[str, ...] = (), **extra: Any) -> type[Model]:
    """A model with a field per column of a table (None allowed unless the column is the key), plus more."""
    fields: dict[str, Any] = {}
    for column in table.columns:
        if column.name in skip:
            continue
        typ = _python_type(column)
        fields[column.name] = (typ, ...) if column.primary_key else (typ | None, None)
    fields.update(extra)
    return create_model(name, __base__=Model, **fields)


_ARTICLE_FIELDS = (
    "id",
    "url",
    "canonical_url",
    "title",
    "authors",
    "published",
    "published_precision",
    "fetched",
    "ingested",
    "language",
    "duplicate_of",
    "copies",
    "input_ref",
    "story_id",
)
_ARTICLE_SKIP = tuple(c.name for c in schema.articles.columns if c.name not in _ARTICLE_FIELDS)
_OUTLET = {"outlet": (str | None, None), "outlet_name": (str | None, None)}

ArticleRow = table_model("ArticleRow", schema.articles, _ARTICLE_SKIP, **_OUTLET, page=(str, ...))
Article = table_model(
    "Article",
    schema.articles,
    tuple(s for s in _ARTICLE_SKIP if s not in ("text", "blocks", "raw_type")),
    **_OUTLET,
    copies_by=(list[str], ...),
)
Mention = table_model("Mention", schema.mentions, evidence_url=(str, ...))
EventRow = table_model(
    "EventRow",
    schema.mentions,
    article_title=(str | None, None),
    article_url=(str | None, None),
    article_published=(str | None, None),
    coded_at=(str | None, None),
    outlet=(str | None, None),
    n_mentions=(int | None, None),
    n_articles=(int | None, None),
    n_outlets=(int | None, None),
    sentence=(str | None, None),
    evidence_url=(str, ...),
)
Event = table_model("Event", schema.events)
Quote = table_model("Quote", schema.quotes)
Time = table_model("Time", schema.times)


class StoryRef(Model):
    id: int
    title: str | None
    url: str


class ArticlePage(Model):
    article: Article
    mentions: list[Mention]
    quotes: list[Quote]
    times: list[Time]
    story: StoryRef | None


class ArticlesPage(Model):
    limit: int
    offset: int
    articles: list[ArticleRow]


class EventsPage(Model):
    filters: dict[str, Any] = Field(description="The query's parameters, as given.")
    sort: str
    limit: int
    offset: int
    has_more: bool
    events: list[EventRow]
    count: int | None = Field(None, description="Every match, when asked for with count=true.")


class EventPage(Model):
    event: Event
    mentions: list[EventRow]


class StorySummary(Model):
    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    n_outlets: int
    actors: list[str]
    dyads: list[list[str]]
    url: str


class Counts(Model):
    articles: int
    events: int
    mentions: int
    stories: int


class HomePage(Model):
    counts: Counts
    stories: list[StorySummary]
    events: list[EventRow]


class StoriesPage(Model):
    limit: int
    offset: int
    stories: list[StorySummary]


class ActorCount(Model):
    code: str
    as_source: int
    as_target: int


class ActorCode(ActorCount):
    label: str | None
    url: str


class ActorsPage(Model):
    prefix: str | None
    actors: list[ActorCode]


class ChartPoint(Model):
    bucket: str
    events: int
    cooperation: float
    conflict: float


class Chart(Model):
    bin: str
    points: list[ChartPoint]
    undrawn: int = Field(description="Events too coarsely dated for this bucket size.")


class Counterpart(Model):
    code: str
    to: int
    from_: int = Field(alias="from")
    cooperation: float
    conflict: float


class Person(Model):
    name: str
    role: str | None
    code: str
    first_seen: str | None
    last_seen: str | None
    origin: str


class SideCounts(Model):
    as_source: int
    as_target: int


class ActorPage(Model):
    code: str
    label: str | None
    names: list[str]
    people: list[Person]
    counts: SideCounts
    chart: Chart
    counterparts: list[Counterpart]
    events_as_source: list[EventRow]
    events_as_target: list[EventRow]


class DyadChart(Model):
    a: str
    b: str
    bin: str
    a_to_b: Chart
    b_to_a: Chart


class Evidence(Model):
    article_id: int
    sentence: int | None
    start: int | None
    end: int | None
    url: str | None
    outlet: str | None
    title: str | None
    text: str | None
    evidence_url: str


class TimelineEntry(Model):
    event_id: int | None
    date: str | None
    date_precision: str | None
    text: str = Field(description="One plain-English sentence.")
    code: str
    status: str
    source: str | None
    target: str | None
    mentions: int
    outlets: int
    evidence: list[Evidence]


class DyadLabels(Model):
    a: str | None
    b: str | None


class DyadCounts(Model):
    a_to_b: int
    b_to_a: int


class DyadPage(Model):
    a: str
    b: str
    labels: DyadLabels
    counts: DyadCounts
    chart: DyadChart
    timeline: list[TimelineEntry]


class TimelinePage(Model):
    story: int | None
    actor: str | None
    dyad: list[str] | None
    query: str | None
    entries: list[TimelineEntry]


# -- briefs (docs/BRIEF_FORMAT.md) -------------------------------------------------------------------


class BriefArticle(Model):
    id: int
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    published_precision: str | None


class Credit(Model):
    text: str
    outlet: str | None
    url: str | None


class Span(Model):
    article_id: int
    sentence: int | None
    start: int | None
    end: int | None


class Fact(Model):
    text: str
    event_ids: list[int]
    date: str | None
    date_precision: str | None
    status: str
    code: str
    evidence: Span
    evidence_url: str | None = None


class Speaker(Model):
    name: str | None
    role: str | None
    code: str | None


class BriefQuote(Model):
    text: str = Field(description="direct: the words between the article's quotation marks, exactly; reported: "
                                  "an attributed paraphrase, never quoted")
    kind: str = Field(description="direct | reported")
    cue: str | None
    speaker: Speaker
    evidence: Span


class Source(Model):
    article_id: int
    outlet: str | None
    url: str | None


class Background(Model):
    text: str
    date: str | None
    date_precision: str | None
    relevance: float
    event_id: int | None
    origin: str = Field(description="article: the article's own background section; story: an earlier "
                                    "article of the same story, or an event it tells")
    source: Source


class Gap(Model):
    kind: str = Field(
        description="no_date, weekday_only, no_place, one_sided, no_response, no_next_steps ..."
    )
    text: str
    actors: list[str] | None = None


class Watch(Model):
    kind: str
    text: str
    actors: list[str]
    event_id: int | None = None


class BriefStory(Model):
    id: int
    title: str | None


class Brief(Model):
    format: str = Field(description="dragoman-brief/2")
    article: BriefArticle
    headline: str | None
    credit: Credit
    facts: list[Fact]
    quotes: list[BriefQuote] = Field(description="direct quotations only")
    said: list[BriefQuote] = Field(description="reported speech, as attributed paraphrase")
    background: list[Background]
    gaps: list[Gap]
    watch: list[Watch]
    story: BriefStory | None


class StoryArticle(Model):
    id: int
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    duplicate_of: int | None


class OutletCount(Model):
    outlet: str
    articles: int


class StoryPage(StorySummary):
    articles: list[StoryArticle]
    outlets: list[OutletCount]
    timeline: list[TimelineEntry]
    brief: Brief | None
    brief_article_id: int | None


# -- search, ingest, watchlists ---------------------------------------------------------------------


class SearchHit(Model):
    id: int
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None
    snippet: str
    snippet_marked: str = Field(description="The snippet with matches between \\u0002 and \\u0003.")
    score: float


class PersonRef(Model):
    name: str
    code: str
    role: str | None


class SearchPage(Model):
    q: str
    limit: int
    offset: int
    articles: list[SearchHit]
    actor_codes: list[ActorCount]
    people: list[PersonRef]


class IngestOutcome(Model):
    input_ref: str
    status: str = Field(description="new, duplicate or failed")
    article_id: int | None
    reason: str | None
    duplicate_of: int | None
    title: str | None


class ArticleLink(Model):
    id: int
    url: str


class Coded(Model):
    article_id: int
    events: int
    error: str | None


class IngestPage(Model):
    url: str
    results: list[IngestOutcome]
    articles: list[ArticleLink]
    coded: list[Coded]


class WatchlistSummary(Model):
    name: str
    created: str
    actors: list[str]
    dyads: list[list[str]]
    codes: list[str]
    queries: list[str]
    webhook: bool = Field(description="Whether matches are POSTed to a webhook (its URL is not shown).")
    description: str
    url: str
    feed: str


class Delivery(Model):
    match_key: str
    state: str
    attempts: int
    last_status: int | None
    last_error: str | None
    created: str
    delivered_at: str | None


class WatchlistPage(WatchlistSummary):
    matches: list[EventRow]
    deliveries: list[Delivery]


class WatchlistsPage(Model):
    watchlists: list[WatchlistSummary]


class Removed(Model):
    removed: str


class ErrorOut(Model):
    detail: str


class FieldError(Model):
    loc: list[str | int]
    msg: str


class InvalidOut(Model):
    detail: str | list[FieldError]


ERRORS = {404: {"model": ErrorOut, "description": "Not found"}}
INVALID = {422: {"model": InvalidOut, "description": "A parameter is not valid"}}
