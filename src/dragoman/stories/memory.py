"""The clustering state kept in memory: the same assignment as the store's, without a database.

Benchmarks fit and cross-validate the join threshold with it, and a caller that holds a stream of
articles in publication order can cluster them with it directly."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from datetime import date, timedelta

from .model import ArticleInput, Assignment, Params, StoryView, assign


class MemoryState:
    """Term index, document frequencies and stories in dictionaries (see model.ClusterState)."""

    PER_TERM = 400  # as the store: each term contributes at most its latest postings

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.postings: dict[str, list[tuple[str, int, float]]] = defaultdict(list)  # term -> (day, id, weight)
        self.story_of: dict[int, int] = {}
        self.views: dict[int, StoryView] = {}
        self.merges: list[tuple[int, list[int], int]] = []
        self._next = 1

    def doc_freqs(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        return self.n_docs, {t: self.df[t] for t in terms if t in self.df}

    def candidates(self, terms: list[str], day: date | None, window_days: int, limit: int,
                   exclude: int) -> list[int]:
        lo = (day - timedelta(days=window_days)).isoformat() if day else ""
        hi = (day + timedelta(days=window_days)).isoformat() if day else "~"
        weight: Counter[int] = Counter()
        for term in terms:
            posts = self.postings.get(term, [])  # kept sorted by (day, id)
            if day:
                posts = posts[bisect_left(posts, (lo,)):bisect_right(posts, (hi, float("inf")))]
            for _, aid, w in posts[-self.PER_TERM:]:
                weight[aid] += w
        weight.pop(exclude, None)
        return sorted(weight, key=lambda a: (-weight[a], a))[:limit]

    def stories_of(self, article_ids: list[int]) -> dict[int, int]:
        return {a: self.story_of[a] for a in article_ids if a in self.story_of}

    def stories(self, story_ids: list[int]) -> dict[int, StoryView]:
        return {s: self.views[s] for s in story_ids if s in self.views}

    def index(self, article_id: int, vector: dict[str, float], day: date | None, terms: list[str]) -> None:
        for t, w in vector.items():
            insort(self.postings[t], (day.isoformat() if day else "", article_id, w))
        self.df.update(set(terms))
        self.n_docs += 1

    def new_story(self, item: ArticleInput, centroid: dict[str, float]) -> int:
        sid = self._next
        self._next += 1
        self.views[sid] = StoryView(sid, centroid, item.day, 1)
        self.story_of[item.article_id] = sid
        return sid

    def join(self, item: ArticleInput, story_id: int, centroid: dict[str, float]) -> None:
        view = self.views[story_id]
        last = max(filter(None, [view.last_day, item.day]), default=None)
        self.views[story_id] = StoryView(story_id, centroid, last, view.n_articles + 1)
        self.story_of[item.article_id] = story_id

    def merge(self, keep: int, others: list[int], centroid: dict[str, float], at: ArticleInput) -> None:
        group = [self.views[s] for s in [keep, *others]]
        last = max((v.last_day for v in group if v.last_day), default=None)
        self.views[keep] = StoryView(keep, centroid, last, sum(v.n_articles for v in group))
        for s in others:
            del self.views[s]
        gone = set(others)
        for a, s in self.story_of.items():
            if s in gone:
                self.story_of[a] = keep
        self.merges.append((keep, others, at.article_id))


def cluster_stream(items: list[ArticleInput], params: Params | None = None) -> dict[int, int]:
    """Stories of a stream of articles (given in publication order): article id -> story id."""
    params = params or Params.load()
    state = MemoryState()
    for item in items:
        assign(state, item, params)
    return dict(state.story_of)


__all__ = ["MemoryState", "cluster_stream", "Assignment"]
