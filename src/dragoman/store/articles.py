"""Queries over outlets, articles, their near-duplicate index and the ingest log."""

from __future__ import annotations

import zlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..model import Article, DuplicateArticle
from ..timeutil import utcnow_iso
from . import fulltext
from .repository import Repository
from .schema import article_lsh, articles, ingest_log, outlets

ARTICLE_COLUMNS = [
    articles.c.id, articles.c.url, articles.c.canonical_url, articles.c.title, articles.c.authors,
    articles.c.published, articles.c.published_precision, articles.c.fetched, articles.c.ingested,
    articles.c.language, articles.c.duplicate_of, articles.c.copies, articles.c.input_ref, articles.c.story_id,
    outlets.c.domain.label("outlet"), outlets.c.name.label("outlet_name"),
]


class Articles(Repository):
    """Articles and outlets."""

    def _outlet_id(self, conn, domain: str | None, name: str | None) -> int | None:
        if not domain:
            return None
        cache = self.__dict__.setdefault("_outlet_cache", {})
        if domain in cache and (not name or cache[domain][1]):
            return cache[domain][0]
        row = conn.execute(sa.select(outlets.c.id, outlets.c.name).where(outlets.c.domain == domain)).first()
        if row:
            if name and not row.name:
                conn.execute(outlets.update().where(outlets.c.id == row.id).values(name=name))
            cache[domain] = (row.id, bool(name or row.name))
            return row.id
        # a new outlet is not cached: its transaction may still roll back; the next article finds it.
        # Another process may add the same outlet at the same moment: then its row is the one.
        upsert = _upsert(conn).on_conflict_do_nothing(index_elements=["domain"])
        conn.execute(upsert.values(domain=domain, name=name))
        return conn.execute(sa.select(outlets.c.id).where(outlets.c.domain == domain)).scalar_one()

    def dedupe_lookup(self, canonical: str | None, content_hash: str, buckets: list[int]) -> dict[str, Any]:
        """Everything deduplication needs, read over one connection: an article with this URL, articles
        with this exact text, and near-duplicate candidates with their signatures and originals."""
        with self.engine.connect() as conn:
            by_url = None
            if canonical:
                row = conn.execute(_BY_URL, {"url": canonical}).first()
                by_url = row.id if row else None
            same_text = [dict(r) for r in conn.execute(_SAME_TEXT, {"hash": content_hash}).mappings()]
            candidates: dict[int, tuple[bytes, int]] = {}
            if buckets and by_url is None and not same_text:
                ids = [r.article_id for r in conn.execute(_LSH_CANDIDATES, {"keys": buckets})]
                if ids:
                    for r in conn.execute(_SIGNATURES, {"ids": ids}):
                        if r.minhash:
                            candidates[r.id] = (r.minhash, r.duplicate_of or r.id)
        return {"by_url": by_url, "same_text": same_text, "candidates": candidates}

    def article_id_for_url(self, url: str) -> int | None:
        """The id of the article stored under this (canonical or as-ingested) URL."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(articles.c.id).where(sa.or_(articles.c.canonical_url == url, articles.c.url == url))
                .order_by(articles.c.id).limit(1)
            ).first()
        return row.id if row else None

    def articles_with_hash(self, content_hash: str) -> list[dict[str, Any]]:
        """Stored articles whose text has this exact hash."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(articles.c.id, articles.c.duplicate_of, outlets.c.domain.label("outlet"))
                .select_from(articles.outerjoin(outlets))
                .where(articles.c.content_hash == content_hash).order_by(articles.c.id)
            ).mappings()
            return [dict(r) for r in rows]

    def lsh_candidates(self, buckets: list[int]) -> list[int]:
        """Articles sharing at least one LSH band bucket, most shared bands first."""
        if not buckets:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(article_lsh.c.article_id, sa.func.count().label("n"))
                .where(article_lsh.c.key.in_(buckets))
                .group_by(article_lsh.c.article_id).order_by(sa.desc("n"), article_lsh.c.article_id).limit(50)
            )
            return [r.article_id for r in rows]

    def minhashes(self, ids: list[int]) -> dict[int, bytes]:
        """The stored MinHash signatures of these articles."""
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(articles.c.id, articles.c.minhash, articles.c.duplicate_of)
                                .where(articles.c.id.in_(ids)))
            return {r.id: r.minhash for r in rows if r.minhash}

    def originals_of(self, ids: list[int]) -> dict[int, int]:
        """For each id, the first copy it duplicates (itself when it is an original)."""
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(articles.c.id, articles.c.duplicate_of).where(articles.c.id.in_(ids)))
            return {r.id: (r.duplicate_of or r.id) for r in rows}

    def add_article(self, article: Article, content_hash: str, minhash: bytes | None,
                    buckets: list[int], duplicate_of: int | None, kind: str) -> int:
        """Store one article, its LSH buckets and its ingest-log line in one transaction."""
        raw = zlib.compress(article.raw, 1) if article.raw is not None else None
        try:
            with self.engine.begin() as conn:
                outlet_id = self._outlet_id(conn, article.outlet_domain, article.outlet_name)
                if conn.dialect.name == "postgresql":  # one writer per text at a time: see _same_text_stored
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_text_key(content_hash))))
                article_id = conn.execute(articles.insert(), dict(
                    url=article.url, canonical_url=article.canonical_url, outlet_id=outlet_id,
                    title=article.title, authors=article.authors or [], published=article.published,
                    published_precision=article.published_precision, fetched=article.fetched,
                    ingested=utcnow_iso(), language=article.language, text=article.text,
                    blocks=[[b.kind, b.start, b.end] for b in article.blocks],
                    content_hash=content_hash, minhash=minhash, duplicate_of=duplicate_of,
                    raw=raw, raw_type=article.raw_type, input_ref=article.input_ref,
                )).inserted_primary_key[0]
                same = _same_text_stored(conn, content_hash, article.outlet_domain, besides=article_id)
                if same is not None:  # a near-duplicate too: the same copy must not be stored twice
                    raise _SameText(same)
                if buckets and duplicate_of is None:
                    conn.execute(article_lsh.insert(), [{"key": k, "article_id": article_id} for k in buckets])
                if duplicate_of is not None:
                    conn.execute(articles.update().where(articles.c.id == duplicate_of)
                                 .values(copies=articles.c.copies + 1))
                conn.execute(ingest_log.insert(), dict(
                    input=article.input_ref or article.url or "", kind=kind, status="new",
                    reason=f"near-duplicate of article {duplicate_of}" if duplicate_of else None,
                    article_id=article_id, at=utcnow_iso()))
            return article_id
        except _SameText as exc:
            raise DuplicateArticle(exc.article_id) from None
        except IntegrityError:
            existing = self.article_id_for_url(article.canonical_url) if article.canonical_url else None
            raise DuplicateArticle(existing) from None


    def log_ingest(self, input_ref: str, kind: str | None, status: str, reason: str | None = None,
                   article_id: int | None = None) -> None:
        """Record what happened to one input."""
        with self.engine.begin() as conn:
            conn.execute(ingest_log.insert().values(input=input_ref, kind=kind, status=status, reason=reason,
                                                    article_id=article_id, at=utcnow_iso()))

    def ingest_log(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest ingest-log lines."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(ingest_log).order_by(ingest_log.c.id.desc()).limit(limit)).mappings()
            return [dict(r) for r in rows]

    def list_articles(self, since: str | None = None, outlet: str | None = None, limit: int = 50,
                      offset: int = 0, include_duplicates: bool = True, sort: str = "-published") -> list[dict[str, Any]]:
        """Articles, newest published first (sort: -published, published, -id or id)."""
        q = _article_filter(sa.select(*ARTICLE_COLUMNS).select_from(articles.outerjoin(outlets)), since, outlet,
                            include_duplicates)
        q = q.order_by(*ARTICLE_SORTS.get(sort, ARTICLE_SORTS["-published"])).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def count_articles(self, since: str | None = None, outlet: str | None = None,
                       include_duplicates: bool = True) -> int:
        """How many articles list_articles would page through."""
        q = _article_filter(sa.select(sa.func.count()).select_from(articles.outerjoin(outlets)), since, outlet,
                            include_duplicates)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def get_article(self, article_id: int, with_raw: bool = False) -> dict[str, Any] | None:
        """One article with its text, blocks and outlet; None when there is no such article."""
        cols = [*ARTICLE_COLUMNS, articles.c.text, articles.c.blocks, articles.c.content_hash, articles.c.raw_type]
        if with_raw:
            cols.append(articles.c.raw)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*cols).select_from(articles.outerjoin(outlets))
                               .where(articles.c.id == article_id)).mappings().first()
            if row is None:
                return None
            d = dict(row)
            if with_raw and d.get("raw") is not None:
                d["raw"] = zlib.decompress(d["raw"])
            d["copies_by"] = [r.domain for r in conn.execute(
                sa.select(outlets.c.domain).select_from(articles.join(outlets))
                .where(articles.c.duplicate_of == article_id).order_by(articles.c.id))]
            return d

    def activity(self, since_hours: float = 24) -> dict[str, Any]:
        """Articles and coded event mentions over the last hours, and the coding backlog."""
        from datetime import UTC, datetime, timedelta

        from .schema import mentions

        now = datetime.now(UTC)
        since = (now - timedelta(hours=since_hours)).replace(microsecond=0).isoformat()
        hour = (now - timedelta(hours=1)).replace(microsecond=0).isoformat()
        with self.engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
            recent = conn.execute(sa.select(sa.func.count()).select_from(articles)
                                  .where(articles.c.ingested >= since)).scalar_one()
            last_hour = conn.execute(sa.select(sa.func.count()).select_from(articles)
                                     .where(articles.c.ingested >= hour)).scalar_one()
            uncoded = conn.execute(sa.select(sa.func.count()).select_from(articles).where(
                articles.c.coded_at.is_(None), articles.c.duplicate_of.is_(None))).scalar_one()
            n_mentions = conn.execute(sa.select(sa.func.count()).select_from(mentions)).scalar_one()
            recent_mentions = conn.execute(
                sa.select(sa.func.count()).select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
                .where(articles.c.coded_at >= since)).scalar_one()
        return {"articles": total, "articles_last_hour": last_hour, "articles_per_hour": recent / since_hours,
                "mentions": n_mentions, "mentions_per_hour": recent_mentions / since_hours, "uncoded": uncoded}

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def search(self, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over titles and texts, best first, with snippets."""
        with self.engine.connect() as conn:
            return fulltext.search_articles(conn, text, limit=limit, offset=offset)

    def count_search(self, text: str) -> int:
        """How many articles a full-text search finds."""
        with self.engine.connect() as conn:
            return fulltext.count_matches(conn, text)


def _upsert(conn):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(outlets)


def _text_key(content_hash: str) -> int:
    return int(content_hash[:15], 16)  # 60 bits of the text's hash: an advisory lock key


class _SameText(Exception):
    def __init__(self, article_id: int):
        self.article_id = article_id


def _same_text_stored(conn, content_hash: str, outlet: str | None, besides: int) -> int | None:
    """Checked again inside the storing transaction, after the insert, where two processes storing the same
    text cannot both miss each other (the ingestor's earlier check can): on SQLite the transaction has
    written and holds the database, on PostgreSQL it holds an advisory lock on the text. Same text, same
    (or no) outlet: a duplicate."""
    for row in conn.execute(_SAME_TEXT, {"hash": content_hash}).mappings():
        if row["id"] != besides and (outlet is None or row["outlet"] in (None, outlet)):
            return row["id"]
    return None


ARTICLE_SORTS = {
    "-published": [articles.c.published.desc().nulls_last(), articles.c.id.desc()],
    "published": [articles.c.published.asc().nulls_last(), articles.c.id],
    "-id": [articles.c.id.desc()],
    "id": [articles.c.id],
}


def _article_filter(q, since: str | None, outlet: str | None, include_duplicates: bool):
    if since:
        q = q.where(articles.c.published >= since)
    if outlet:
        q = q.where(outlets.c.domain == outlet)
    if not include_duplicates:
        q = q.where(articles.c.duplicate_of.is_(None))
    return q


# Deduplication runs once per input: its statements are built once, so each call only binds values.
_BY_URL = (sa.select(articles.c.id)
           .where(sa.or_(articles.c.canonical_url == sa.bindparam("url"), articles.c.url == sa.bindparam("url")))
           .order_by(articles.c.id).limit(1))
_SAME_TEXT = (sa.select(articles.c.id, articles.c.duplicate_of, outlets.c.domain.label("outlet"))
              .select_from(articles.outerjoin(outlets))
              .where(articles.c.content_hash == sa.bindparam("hash")).order_by(articles.c.id))
_LSH_CANDIDATES = (sa.select(article_lsh.c.article_id, sa.func.count().label("n"))
                   .where(article_lsh.c.key.in_(sa.bindparam("keys", expanding=True)))
                   .group_by(article_lsh.c.article_id)
                   .order_by(sa.desc("n"), article_lsh.c.article_id).limit(50))
_SIGNATURES = (sa.select(articles.c.id, articles.c.minhash, articles.c.duplicate_of)
               .where(articles.c.id.in_(sa.bindparam("ids", expanding=True))))
