"""Queries for story clustering: the term index, document frequencies, stories and their articles."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from ..timeutil import utcnow_iso
from .repository import Repository, reading
from .schema import article_terms, articles, mentions, outlets, stories, story_merges, term_df

N_DOCS_KEY = " n"  # the row of term_df that counts indexed documents (no term has a space; PostgreSQL
# text cannot hold the NUL the key was before migration 0008)

# PostgreSQL takes an article's terms as arrays: one statement whatever their number (a list of bound
# values or a batch of rows is a new statement to build and parse, and a round of messages, for each).
_PG_TERM_DF = sa.text("SELECT term, df FROM term_df WHERE term = ANY(CAST(:terms AS text[]))")
_PG_INDEX_TERMS = sa.text("INSERT INTO article_terms (term, article_id, weight, day) SELECT t.term, :article, t.weight, "
                          ":day FROM unnest(CAST(:terms AS text[]), CAST(:weights AS double precision[])) AS t(term, weight)")
_PG_COUNT_TERMS = sa.text("INSERT INTO term_df (term, df) SELECT term, 1 FROM unnest(CAST(:terms AS text[])) AS t(term) "
                          "ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1")


class Stories(Repository):
    """Stories, their articles and the term index that clusters them."""

    def article_for_story(self, article_id: int) -> dict[str, Any] | None:
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(articles.c.id, articles.c.title, articles.c.text, articles.c.published,
                                         articles.c.story_id, articles.c.duplicate_of, articles.c.coded_at)
                               .where(articles.c.id == article_id)).mappings().first()
            return dict(row) if row else None

    def articles_without_story(self) -> list[int]:
        with reading(self.engine) as conn:
            return [r.id for r in conn.execute(sa.select(articles.c.id).where(articles.c.story_id.is_(None))
                                               .order_by(articles.c.published.nulls_last(), articles.c.id))]

    def term_stats(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """(number of indexed documents, document frequency of each term)."""
        with reading(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                df = {r.term: r.df for r in conn.execute(_PG_TERM_DF, {"terms": [*terms, N_DOCS_KEY]})}
                return df.pop(N_DOCS_KEY, 0) or 0, df
            n = conn.execute(sa.select(term_df.c.df).where(term_df.c.term == N_DOCS_KEY)).scalar() or 0
            df: dict[str, int] = {}
            for i in range(0, len(terms), 500):
                chunk = terms[i:i + 500]
                for r in conn.execute(sa.select(term_df.c.term, term_df.c.df).where(term_df.c.term.in_(chunk))):
                    df[r.term] = r.df
        return n, df

    def term_candidates(self, terms: list[str], day: date | None, window_days: int, limit: int,
                        exclude: int | None = None, per_term: int = 400) -> list[tuple[int, str | None]]:
        """Articles sharing the most weight on these terms, within the time window: (id, day).

        Each term contributes at most its `per_term` latest postings in the window, so the work stays
        bounded however many articles share a common term."""
        if not terms:
            return []
        parts = []
        for term in terms:
            q = sa.select(article_terms.c.article_id, article_terms.c.day, article_terms.c.weight) \
                .where(article_terms.c.term == term)
            if day is not None:
                q = q.where(article_terms.c.day.between((day - timedelta(days=window_days)).isoformat(),
                                                        (day + timedelta(days=window_days)).isoformat()))
            parts.append(sa.select(q.order_by(article_terms.c.day.desc()).limit(per_term).subquery()))
        postings = sa.union_all(*parts).subquery()
        q = sa.select(postings.c.article_id, sa.func.max(postings.c.day).label("day"),
                      sa.func.sum(postings.c.weight).label("w"))
        if exclude is not None:
            q = q.where(postings.c.article_id != exclude)
        q = q.group_by(postings.c.article_id).order_by(sa.desc("w"), postings.c.article_id).limit(limit)
        with reading(self.engine) as conn:
            return [(r.article_id, r.day) for r in conn.execute(q)]

    def article_vectors(self, ids: list[int]) -> dict[int, dict[str, float]]:
        out: dict[int, dict[str, float]] = {}
        if not ids:
            return out
        with reading(self.engine) as conn:
            for r in conn.execute(sa.select(article_terms.c.article_id, article_terms.c.term, article_terms.c.weight)
                                  .where(article_terms.c.article_id.in_(ids))):
                out.setdefault(r.article_id, {})[r.term] = r.weight
        return out

    def story_views(self, story_ids: list[int]) -> dict[int, dict[str, Any]]:
        """What clustering compares of each story: its raw centroid (decayed sums), last day and size."""
        if not story_ids:
            return {}
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(stories.c.id, stories.c.centroid, stories.c.last_seen,
                                          stories.c.n_articles).where(stories.c.id.in_(story_ids))).all()
        missing = [r.id for r in rows if r.centroid is None]
        if missing:  # stories from before migration 0005: computed once, then kept
            with self.engine.begin() as conn:
                for sid in missing:
                    conn.execute(stories.update().where(stories.c.id == sid)
                                 .values(centroid=_centroid_from_index(conn, sid)))
            return self.story_views(story_ids)
        return {r.id: {"centroid": r.centroid or {}, "last_seen": r.last_seen, "n_articles": r.n_articles}
                for r in rows}

    def story_centroids(self, story_ids: list[int]) -> dict[int, dict[str, float]]:
        """Each story's term centroid, L2-normalised."""
        out: dict[int, dict[str, float]] = {}
        for sid, view in self.story_views(story_ids).items():
            norm = sum(w * w for w in view["centroid"].values()) ** 0.5 or 1.0
            out[sid] = {t: w / norm for t, w in view["centroid"].items()}
        return out

    def stories_of(self, ids: list[int]) -> dict[int, int]:
        if not ids:
            return {}
        with reading(self.engine) as conn:
            return {r.id: r.story_id for r in conn.execute(
                sa.select(articles.c.id, articles.c.story_id).where(articles.c.id.in_(ids)))}

    def article_country_codes(self, article_id: int) -> list[str]:
        """Codes of an article's coded actors and places (its non-background events), for clustering."""
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(mentions.c.source_code, mentions.c.target_code, mentions.c.location_country,
                                          mentions.c.status).where(mentions.c.article_id == article_id)
                                .order_by(mentions.c.id)).all()
        out = []
        for r in rows:
            if r.status != "background":
                out.extend(c for c in (r.source_code, r.target_code) if c)
            if r.location_country:
                out.append(r.location_country)
        return out

    def article_actor_codes(self, article_id: int) -> list[str]:
        return sorted(self.actor_codes_of([article_id]).get(article_id, set()))

    def actor_codes_of(self, ids: list[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        if not ids:
            return out
        with reading(self.engine) as conn:
            for r in conn.execute(sa.select(mentions.c.article_id, mentions.c.source_code, mentions.c.target_code)
                                  .where(mentions.c.article_id.in_(ids), mentions.c.status != "background")):
                for code in (r.source_code, r.target_code):
                    if code:
                        out.setdefault(r.article_id, set()).add(code)
        return out

    def index_article_terms(self, article_id: int, vector: dict[str, float], day: str | None,
                            all_terms: list[str]) -> None:
        """Add an article to the term index and to the document frequencies (one transaction)."""
        with self.engine.begin() as conn:
            if conn.execute(sa.select(article_terms.c.article_id).where(article_terms.c.article_id == article_id)
                            .limit(1)).first():
                return
            terms = sorted(set(all_terms)) + [N_DOCS_KEY]
            if conn.dialect.name == "postgresql":
                if vector:
                    conn.execute(_PG_INDEX_TERMS, {"article": article_id, "day": day, "terms": list(vector),
                                                   "weights": list(vector.values())})
                conn.execute(_PG_COUNT_TERMS, {"terms": terms})
                return
            if vector:
                conn.execute(article_terms.insert(), [{"term": t, "article_id": article_id, "weight": w, "day": day}
                                                      for t, w in vector.items()])
            from sqlalchemy.dialects.sqlite import insert as upsert

            stmt = upsert(term_df).on_conflict_do_update(index_elements=["term"], set_={"df": term_df.c.df + 1})
            conn.execute(stmt, [{"term": t, "df": 1} for t in terms])  # executemany: one compiled statement

    def new_story(self, article_id: int, title: str | None, published: str | None,
                  centroid: dict[str, float] | None = None) -> int:
        """A story of one article (its term vector is the story's first centroid)."""
        with self.engine.begin() as conn:
            sid = conn.execute(stories.insert().values(title=title, first_seen=published, last_seen=published,
                                                       n_articles=0, updated=utcnow_iso(),
                                                       centroid=dict(centroid or {}))).inserted_primary_key[0]
            conn.execute(articles.update().where(articles.c.id == article_id).values(story_id=sid))
            self._refresh_story(conn, sid)
            return sid

    def set_story(self, article_id: int, story_id: int, centroid: dict[str, float] | None = None) -> None:
        """Add an article to a story: its summary counts (and, when given, the story's new centroid) are
        updated in place, without reading the story's other articles."""
        with self.engine.begin() as conn:
            conn.execute(articles.update().where(articles.c.id == article_id).values(story_id=story_id))
            row = conn.execute(sa.select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None or row["stats"] is None:
                self._refresh_story(conn, story_id)
                return
            art = conn.execute(sa.select(articles.c.title, articles.c.published, articles.c.outlet_id,
                                         articles.c.duplicate_of).where(articles.c.id == article_id)).first()
            stats = _add_article_stats(dict(row["stats"]), conn, article_id, art)
            values: dict[str, Any] = {"n_articles": row["n_articles"] + 1, "n_outlets": len(stats["outlets"]),
                                      "stats": stats, "updated": utcnow_iso(), **_summary(stats)}
            if art.published:
                values["first_seen"] = min(filter(None, [row["first_seen"], art.published]))
                values["last_seen"] = max(filter(None, [row["last_seen"], art.published]))
            key = [art.published or "~", article_id]
            if not art.duplicate_of and (stats.get("title_key") is None or key < stats["title_key"]):
                stats["title_key"] = key
                values["title"] = art.title
            if centroid is not None:
                values["centroid"] = centroid
            conn.execute(stories.update().where(stories.c.id == story_id).values(**values))

    def merge_stories(self, story_ids: list[int], keep: int | None = None,
                      centroid: dict[str, float] | None = None, at_article: int | None = None,
                      at_published: str | None = None) -> int:
        """Fold stories into one (`keep`, by default the largest); returns the surviving story's id. Their
        counts are added up (and their centroids, unless the merged centroid is given), so a merge does not
        read the stories' articles again. Each merge is recorded with the articles it moved."""
        with self.engine.begin() as conn:
            rows = {r["id"]: r for r in conn.execute(sa.select(stories).where(stories.c.id.in_(story_ids))).mappings()}
            if keep not in rows:
                keep = max(rows, key=lambda sid: (rows[sid]["n_articles"], -sid))
            for sid in rows:
                if sid != keep:
                    moved = [r.id for r in conn.execute(sa.select(articles.c.id).where(articles.c.story_id == sid))]
                    conn.execute(story_merges.insert().values(kept=keep, absorbed=sid, at_article=at_article,
                                                              at_published=at_published, article_ids=moved))
                    conn.execute(articles.update().where(articles.c.story_id == sid).values(story_id=keep))
                    conn.execute(stories.delete().where(stories.c.id == sid))
            if any(r["stats"] is None or r["centroid"] is None for r in rows.values()):
                conn.execute(stories.update().where(stories.c.id == keep)
                             .values(centroid=centroid or _centroid_from_index(conn, keep)))
                self._refresh_story(conn, keep)
                return keep
            stats: dict[str, Any] = {"actors": Counter(), "dyads": Counter(), "outlets": Counter()}
            summed: dict[str, float] = {}
            for r in rows.values():
                for part in ("actors", "dyads", "outlets"):
                    stats[part].update(r["stats"][part])
                for t, w in r["centroid"].items():
                    summed[t] = summed.get(t, 0.0) + w
            if centroid is None:
                centroid = dict(sorted(summed.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
            titled = min(rows.values(), key=lambda r: r["stats"].get("title_key") or ["~", r["id"]])
            stats = {part: dict(stats[part]) for part in ("actors", "dyads", "outlets")}
            stats["title_key"] = titled["stats"].get("title_key")
            firsts = [r["first_seen"] for r in rows.values() if r["first_seen"]]
            lasts = [r["last_seen"] for r in rows.values() if r["last_seen"]]
            conn.execute(stories.update().where(stories.c.id == keep).values(
                title=titled["title"], first_seen=min(firsts) if firsts else None,
                last_seen=max(lasts) if lasts else None, n_articles=sum(r["n_articles"] for r in rows.values()),
                n_outlets=len(stats["outlets"]), stats=stats, centroid=centroid, updated=utcnow_iso(),
                **_summary(stats)))
            return keep

    def story_articles_as_of(self, story_id: int, article_id: int, published: str | None) -> set[int]:
        """The articles a story held when `article_id` (published `published`) joined it: merges made
        later (by an article published after it) are undone, from the latest back."""
        with self.engine.connect() as conn:
            current = {r.id for r in conn.execute(sa.select(articles.c.id).where(articles.c.story_id == story_id))}
            lineage, frontier, rows = {story_id}, [story_id], []
            while frontier:
                found = conn.execute(sa.select(story_merges).where(story_merges.c.kept.in_(frontier))).mappings().all()
                rows.extend(found)
                frontier = [r["absorbed"] for r in found if r["absorbed"] not in lineage]
                lineage.update(frontier)
        visible = current
        for m in sorted(rows, key=lambda r: r["id"], reverse=True):
            if published is not None and m["at_published"] is not None and m["at_published"] <= published:
                continue
            moved = set(m["article_ids"])
            visible = visible & moved if article_id in moved else visible - moved
        return visible

    def refresh_story(self, story_id: int) -> None:
        with self.engine.begin() as conn:
            self._refresh_story(conn, story_id)

    def _refresh_story(self, conn, sid: int) -> None:
        """Recount a story's summary from all its articles (a new or merged story, or an old store)."""
        rows = conn.execute(sa.select(articles.c.id, articles.c.title, articles.c.published, articles.c.outlet_id,
                                      articles.c.duplicate_of).where(articles.c.story_id == sid)
                            .order_by(articles.c.published.nulls_last(), articles.c.id)).all()
        if not rows:
            conn.execute(stories.delete().where(stories.c.id == sid))
            return
        dated = [r.published for r in rows if r.published]
        stats: dict[str, Any] = {"actors": {}, "dyads": {}, "outlets": {}, "title_key": None}
        for r in rows:
            _add_article_stats(stats, conn, r.id, r)
        originals = [r for r in rows if not r.duplicate_of]
        first = (originals or rows)[0]
        stats["title_key"] = [first.published or "~", first.id]
        conn.execute(stories.update().where(stories.c.id == sid).values(
            title=first.title, first_seen=min(dated) if dated else None, last_seen=max(dated) if dated else None,
            n_articles=len(rows), n_outlets=len(stats["outlets"]), stats=stats, updated=utcnow_iso(),
            **_summary(stats)))

    def list_stories(self, since: str | None = None, actor: str | None = None, limit: int = 50,
                     offset: int = 0, sort: str = "-last_seen") -> list[dict[str, Any]]:
        """Stories, most recently active first (sort: -last_seen, last_seen, -first_seen, first_seen,
        -articles)."""
        rows = self._stories(since, actor, sort)
        return rows[offset:offset + limit]

    def count_stories(self, since: str | None = None, actor: str | None = None) -> int:
        return len(self._stories(since, actor, "id"))

    def _stories(self, since: str | None, actor: str | None, sort: str) -> list[dict[str, Any]]:
        s = stories.c
        order = {"-last_seen": [s.last_seen.desc().nulls_last(), s.id.desc()],
                 "last_seen": [s.last_seen.asc().nulls_last(), s.id],
                 "-first_seen": [s.first_seen.desc().nulls_last(), s.id.desc()],
                 "first_seen": [s.first_seen.asc().nulls_last(), s.id],
                 "-articles": [s.n_articles.desc(), s.id.desc()], "id": [s.id]}
        q = sa.select(stories).order_by(*order.get(sort, order["-last_seen"]))
        if since:
            q = q.where(stories.c.last_seen >= since)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        if actor:
            a = actor.upper()
            rows = [r for r in rows if any(c.startswith(a) for c in (r["actors"] or []))]
        return rows

    def get_story(self, story_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None:
                return None
            story = dict(row)
            story["articles"] = [dict(r) for r in conn.execute(
                sa.select(articles.c.id, articles.c.url, articles.c.title, outlets.c.domain.label("outlet"),
                          articles.c.published, articles.c.duplicate_of)
                .select_from(articles.outerjoin(outlets)).where(articles.c.story_id == story_id)
                .order_by(articles.c.published.nulls_last(), articles.c.id)).mappings()]
            return story

    def story_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar_one()


CENTROID_TERMS = 300  # a story's centroid keeps its heaviest terms only
CENTROID_ARTICLES = 60  # rebuilt from the term index over a story's latest articles


def _centroid_from_index(conn, sid: int) -> dict[str, float]:
    latest = sa.select(articles.c.id).where(articles.c.story_id == sid) \
        .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc()).limit(CENTROID_ARTICLES)
    rows = conn.execute(sa.select(article_terms.c.term, sa.func.sum(article_terms.c.weight))
                        .where(article_terms.c.article_id.in_(latest.scalar_subquery()))
                        .group_by(article_terms.c.term)).all()
    top = sorted(rows, key=lambda r: (-r[1], r[0]))[:CENTROID_TERMS]
    return {t: round(w, 6) for t, w in top}


def _add_article_stats(stats: dict[str, Any], conn, article_id: int, art) -> dict[str, Any]:
    """Count one article's outlet and the actors and dyads of its (non-background) events into stats."""
    if art is not None and art.outlet_id:
        key = str(art.outlet_id)
        stats["outlets"][key] = stats["outlets"].get(key, 0) + 1
    for m in conn.execute(sa.select(mentions.c.source_code, mentions.c.target_code)
                          .where(mentions.c.article_id == article_id, mentions.c.status != "background")
                          .order_by(mentions.c.id)):  # in order: ties among actors rank alike on every backend
        for code in (m.source_code, m.target_code):
            if code:
                stats["actors"][code] = stats["actors"].get(code, 0) + 1
        if m.source_code and m.target_code:
            dyad = f"{m.source_code} {m.target_code}"
            stats["dyads"][dyad] = stats["dyads"].get(dyad, 0) + 1
    return stats


def _summary(stats: dict[str, Any]) -> dict[str, Any]:
    """The story's main actors and dyads, most frequent first."""
    actors_ = Counter(stats["actors"]).most_common(8)
    dyads_ = Counter(stats["dyads"]).most_common(5)
    return {"actors": [c for c, _ in actors_], "dyads": [d.split(" ") for d, _ in dyads_]}
