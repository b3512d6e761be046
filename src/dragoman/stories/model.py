"""Story assignment as a pure function of the articles seen so far, in publication order.

One article at a time: its term vector (tf-idf over the words and the countries it names, against the
document frequencies of the articles before it) is compared with the centroids of the stories its
nearest earlier articles belong to; it joins the most similar story when the similarity clears the
join threshold, or starts a story of its own. Where the similarity comes from:

- a story's centroid is a decayed sum of its articles' vectors, so it follows the story's recent core
  and cannot grow broad enough to attract everything;
- time: a story that has been quiet for months is a weaker match;
- countries: a story about one country and an article about another (neither naming the other's)
  need much more textual evidence to be joined;
- two stories are merged only when an article matches both and the two stories' own centroids agree
  (mutual evidence; one article never chains two unrelated stories together).

The state (term index, document frequencies, stories) lives behind `ClusterState`: the store keeps it
for `dragoman process` (stories/cluster.py), memory keeps it for benchmarks and for fitting
(stories/memory.py); both run this same code, so they give the same stories.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Protocol

from ..data import load_yaml
from ..timeutil import iso_day
from .entities import countries_of, country_terms
from .terms import cosine, term_counts, weigh


@dataclass(frozen=True)
class Params:
    """The clustering's settings (data/stories.yaml)."""

    join_threshold: float = 0.02
    query_terms: int = 12
    candidate_articles: int = 20
    window_days: int = 365
    centroid_decay: float = 0.95
    centroid_terms: int = 300
    country_weight: float = 2.0
    time_floor: float = 0.75
    time_tau_days: float = 45.0
    country_conflict_factor: float = 0.25
    country_share: float = 0.15
    merge_centroids: float = 0.25

    @classmethod
    def load(cls, **overrides: float) -> Params:
        data = load_yaml("stories.yaml") or {}
        known = {f.name for f in fields(cls)}
        return cls(**{**{k: v for k, v in data.items() if k in known}, **overrides})


@dataclass
class ArticleInput:
    """What clustering reads of an article: its text and the country codes of its coded actors and places."""

    article_id: int
    published: str | None
    title: str | None
    text: str
    codes: list[str] = field(default_factory=list)

    @property
    def day(self) -> date | None:
        return parse_day(self.published)


@dataclass
class StoryView:
    """A candidate story as scoring needs it."""

    story_id: int
    centroid: dict[str, float]  # raw decayed sums; normalised when compared
    last_day: date | None
    n_articles: int


@dataclass
class Assignment:
    article_id: int
    story_id: int
    new_story: bool
    score: float
    merged: list[int] = field(default_factory=list)  # stories folded into story_id by this article


class ClusterState(Protocol):
    """Where the term index, the document frequencies and the stories are kept."""

    def doc_freqs(self, terms: list[str]) -> tuple[int, dict[str, int]]: ...

    def candidates(self, terms: list[str], day: date | None, window_days: int, limit: int,
                   exclude: int) -> list[int]: ...

    def stories_of(self, article_ids: list[int]) -> dict[int, int]: ...

    def stories(self, story_ids: list[int]) -> dict[int, StoryView]: ...

    def index(self, article_id: int, vector: dict[str, float], day: date | None, terms: list[str]) -> None: ...

    def new_story(self, item: ArticleInput, centroid: dict[str, float]) -> int: ...

    def join(self, item: ArticleInput, story_id: int, centroid: dict[str, float]) -> None: ...

    def merge(self, keep: int, others: list[int], centroid: dict[str, float], at: ArticleInput) -> None: ...


parse_day = iso_day  # the day of a publication value (one helper for every stage: dragoman.timeutil)


def article_terms(item: ArticleInput, params: Params) -> Counter[str]:
    """Word counts (the title twice) and country terms of an article."""
    counts = term_counts(item.title, item.text)
    if params.country_weight > 0:
        counts.update(country_terms(item.title, item.text, item.codes, params.country_weight))
    return counts


def normalised(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def add_to_centroid(centroid: dict[str, float], vector: dict[str, float], params: Params) -> dict[str, float]:
    """A story's centroid after one more article: older weight decays, the heaviest terms are kept."""
    out = {t: w * params.centroid_decay for t, w in centroid.items()}
    for t, w in vector.items():
        out[t] = out.get(t, 0.0) + w
    top = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:params.centroid_terms]
    return {t: round(w, 6) for t, w in top if w > 1e-6}


def sum_centroids(centroids: list[dict[str, float]], params: Params) -> dict[str, float]:
    out: dict[str, float] = {}
    for c in centroids:
        for t, w in c.items():
            out[t] = out.get(t, 0.0) + w
    top = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:params.centroid_terms]
    return {t: round(w, 6) for t, w in top}


def own_countries(vector: dict[str, float], params: Params) -> set[str]:
    """The countries holding a real share of a vector's country weight."""
    countries = countries_of(vector)
    total = sum(countries.values())
    return {c for c, w in countries.items() if w >= params.country_share * total} if total else set()


def countries_conflict(article: dict[str, float], story: dict[str, float], params: Params) -> bool:
    """The article is about another country than the story: it names none of the story's own countries,
    and its main country is not one of them (both must name countries)."""
    mine, theirs = countries_of(article), countries_of(story)
    if not mine or not theirs:
        return False
    main = max(mine, key=lambda c: (mine[c], c))
    own = own_countries(story, params)
    return main not in own and not own & set(mine)


def time_factor(day: date | None, last: date | None, params: Params) -> float:
    if day is None or last is None:
        return 1.0
    gap = abs((day - last).days)
    return params.time_floor + (1 - params.time_floor) * math.exp(-gap / params.time_tau_days)


def similarity(vector: dict[str, float], story: StoryView, day: date | None, params: Params) -> float:
    """How well an article fits a story: cosine with its centroid, scaled by time and countries."""
    sim = cosine(vector, normalised(story.centroid)) * time_factor(day, story.last_day, params)
    if countries_conflict(vector, story.centroid, params):
        sim *= params.country_conflict_factor
    return sim


def assign(state: ClusterState, item: ArticleInput, params: Params) -> Assignment:
    """Put one article into a story: the most similar candidate story, or a new one."""
    counts = article_terms(item, params)
    n_docs, df = state.doc_freqs(list(counts))
    vector = weigh(counts, df, n_docs)
    day = item.day
    scores: dict[int, float] = {}
    views: dict[int, StoryView] = {}
    if vector:
        query = sorted(vector, key=lambda t: (-vector[t], t))[:params.query_terms]
        ids = state.candidates(query, day, params.window_days, params.candidate_articles, item.article_id)
        owners = state.stories_of(ids)
        views = state.stories(sorted({s for s in owners.values() if s is not None}))
        scores = {sid: similarity(vector, view, day, params) for sid, view in views.items()}
    state.index(item.article_id, vector, day, list(counts))
    best = max(scores, key=lambda s: (scores[s], -s), default=None)
    if best is None or scores[best] < params.join_threshold:
        sid = state.new_story(item, add_to_centroid({}, vector, params))
        return Assignment(item.article_id, sid, True, scores[best] if best is not None else 0.0)
    centroid = add_to_centroid(views[best].centroid, vector, params)
    merge = [s for s in sorted(scores) if s != best and scores[s] >= params.join_threshold
             and _agree(views[best].centroid, views[s].centroid, params)]
    if not merge:
        state.join(item, best, centroid)
        return Assignment(item.article_id, best, False, scores[best])
    group = [best, *merge]
    keep = max(group, key=lambda s: (views[s].n_articles, -s))
    merged = sum_centroids([centroid, *(views[s].centroid for s in merge)], params)
    state.join(item, best, centroid)
    state.merge(keep, [s for s in group if s != keep], merged, item)
    return Assignment(item.article_id, keep, False, scores[best], [s for s in group if s != keep])


def _agree(a: dict[str, float], b: dict[str, float], params: Params) -> bool:
    """Two stories' own evidence that they are one: their centroids agree and their countries do not clash."""
    return (cosine(normalised(a), normalised(b)) >= params.merge_centroids
            and not countries_conflict(a, b, params) and not countries_conflict(b, a, params))
