"""Incremental story clustering: each article joins the story of its most similar recent articles
(text, shared actors, time), found through an inverted term index — never by comparing with every
stored article — or starts a story of its own."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..store import Store
from .terms import cosine, term_counts, weigh

JOIN_THRESHOLD = 0.09
MERGE_THRESHOLD = 0.12  # an article this close to two stories suggests they are one ...
MERGE_CENTROIDS = 0.05  # ... when the two stories' own vocabularies agree too (no chaining through one article)
WINDOW_DAYS = 365
QUERY_TERMS = 12
CANDIDATES = 20


@dataclass
class Assignment:
    article_id: int
    story_id: int
    new_story: bool
    score: float


def _day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def assign_article(store: Store, article_id: int) -> Assignment | None:
    """Put one stored article into a story (idempotent: an article with a story keeps it)."""
    art = store.article_for_story(article_id)
    if art is None:
        return None
    if art["story_id"] is not None:
        return Assignment(article_id, art["story_id"], False, 1.0)
    if art["duplicate_of"]:
        original = assign_article(store, art["duplicate_of"])
        if original is not None:
            store.set_story(article_id, original.story_id)
            return Assignment(article_id, original.story_id, False, 1.0)
    day = _day(art["published"])
    counts = term_counts(art["title"], art["text"])
    n_docs, df = store.term_stats(list(counts))
    vector = weigh(counts, df, n_docs)
    actors = set(store.article_actor_codes(article_id))
    best_story, best_score = None, 0.0
    scores: dict[int, float] = {}
    if vector:
        query = sorted(vector, key=lambda t: -vector[t])[:QUERY_TERMS]
        candidates = store.term_candidates(query, day, WINDOW_DAYS, CANDIDATES, exclude=article_id)
        ids = [cid for cid, _ in candidates]
        vectors = store.article_vectors(ids)
        stories = store.stories_of(ids)
        actor_sets = store.actor_codes_of(ids)
        centroids = store.story_centroids(sorted({stories[c] for c in ids if stories.get(c) is not None}))
        for cid, cday in candidates:
            sid = stories.get(cid)
            if sid is None:
                continue
            # the closest article, or the story as a whole: a story gathers its vocabulary as it grows
            sim = max(cosine(vector, vectors.get(cid, {})), cosine(vector, centroids.get(sid, {})))
            other = actor_sets.get(cid, set())
            if actors and other:
                sim += 0.15 * len(actors & other) / len(actors | other)
            other_day = _day(cday)
            if day and other_day:
                sim *= 0.75 + 0.25 * math.exp(-abs((day - other_day).days) / 45)
            scores[sid] = max(scores.get(sid, 0.0), sim)
            if sim > best_score:
                best_story, best_score = sid, sim
    store.index_article_terms(article_id, vector, day.isoformat() if day else None, list(counts))
    if best_story is not None and best_score >= JOIN_THRESHOLD:
        others = [sid for sid, sc in scores.items() if sid != best_story and sc >= MERGE_THRESHOLD
                  and cosine(centroids.get(best_story, {}), centroids.get(sid, {})) >= MERGE_CENTROIDS]
        if others and best_score >= MERGE_THRESHOLD:
            best_story = store.merge_stories([best_story, *others])
        store.set_story(article_id, best_story, vector)
        return Assignment(article_id, best_story, False, best_score)
    sid = store.new_story(article_id, art["title"], art["published"], vector)
    return Assignment(article_id, sid, True, best_score)
