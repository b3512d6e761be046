"""Story assignment against the store: each coded article joins the story it fits best or starts one
(stories/model.py decides; this module keeps the state in the store's term index and stories table).

Candidates come from an inverted term index — an article is never compared with every stored one —
so the cost per article stays flat as the store grows."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from .model import ArticleInput, Assignment, Params, StoryView, assign, parse_day

if TYPE_CHECKING:  # the store sits above this stage: it is handed in, never imported
    from ..store import Store

__all__ = ["Assignment", "StoreState", "assign_article", "params"]


@cache
def params() -> Params:
    """The clustering settings of data/stories.yaml (read once per process)."""
    return Params.load()


class StoreState:
    """model.ClusterState kept in the store."""

    def __init__(self, store: Store):
        self.store = store

    def doc_freqs(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        return self.store.stories.term_stats(terms)

    def candidates(self, terms: list[str], day: date | None, window_days: int, limit: int,
                   exclude: int) -> list[int]:
        return [aid for aid, _ in self.store.stories.term_candidates(terms, day, window_days, limit, exclude=exclude)]

    def stories_of(self, article_ids: list[int]) -> dict[int, int]:
        return {a: s for a, s in self.store.stories.stories_of(article_ids).items() if s is not None}

    def stories(self, story_ids: list[int]) -> dict[int, StoryView]:
        return {sid: StoryView(sid, v["centroid"], parse_day(v["last_seen"]), v["n_articles"])
                for sid, v in self.store.stories.story_views(story_ids).items()}

    def index(self, article_id: int, vector: dict[str, float], day: date | None, terms: list[str]) -> None:
        self.store.stories.index_article_terms(article_id, vector, day.isoformat() if day else None, terms)

    def new_story(self, item: ArticleInput, centroid: dict[str, float]) -> int:
        return self.store.stories.new_story(item.article_id, item.title, item.published, centroid)

    def join(self, item: ArticleInput, story_id: int, centroid: dict[str, float]) -> None:
        self.store.stories.set_story(item.article_id, story_id, centroid)

    def merge(self, keep: int, others: list[int], centroid: dict[str, float], at: ArticleInput) -> None:
        self.store.stories.merge_stories([keep, *others], keep=keep, centroid=centroid, at_article=at.article_id,
                                 at_published=at.published)


def article_input(store: Store, article_id: int, art: dict) -> ArticleInput:
    """An article as clustering reads it: text, and the countries of its coded actors and places."""
    return ArticleInput(article_id, art["published"], art["title"], art["text"],
                        store.stories.article_country_codes(article_id))


def assign_article(store: Store, article_id: int, art: dict | None = None) -> Assignment | None:
    """Put one stored article into a story (idempotent: an article with a story keeps it). A
    near-duplicate joins its original's story. `art`: the article's article_for_story, when read already."""
    art = art if art is not None else store.stories.article_for_story(article_id)
    if art is None:
        return None
    if art["story_id"] is not None:
        return Assignment(article_id, art["story_id"], False, 1.0)
    if art["duplicate_of"]:
        original = assign_article(store, art["duplicate_of"])
        if original is not None:
            store.stories.set_story(article_id, original.story_id)
            return Assignment(article_id, original.story_id, False, 1.0)
    return assign(StoreState(store), article_input(store, article_id, art), params())
