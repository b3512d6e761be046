"""Full-text search, one interface over two engines: SQLite's FTS5 (a virtual table kept by triggers) and
PostgreSQL's tsvector (a generated column with a GIN index). The only module that knows either syntax.

Both index title and text, match every word of the query (no stemming, diacritics ignored where the
database can: FTS5's remove_diacritics, PostgreSQL's unaccent when installed) and rank title matches above
text matches."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.engine import Connection

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content="articles", content_rowid="id", tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
]


def create_sqlite_fts(conn: Connection) -> None:
    """Create the FTS5 index over articles' title and text, kept in step by triggers. The content table
    is named in double quotes (content="articles"): the form datasette looks for to offer search."""
    for stmt in _SQLITE_FTS:
        conn.execute(sa.text(stmt))


def rebuild_sqlite_fts(conn: Connection) -> None:
    """Fill the FTS5 index again from the articles table."""
    conn.execute(sa.text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))


def drop_sqlite_fts(conn: Connection) -> None:
    """Drop the FTS5 index and its triggers."""
    for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
        conn.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))
    conn.execute(sa.text("DROP TABLE IF EXISTS articles_fts"))


def fts_query(text: str) -> str | None:
    """Turn free user text into a safe FTS5 query: every word quoted, all required."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


PG_CONFIG = "dragoman_fts"
_PG_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"  # D, C, B (text), A (title): a title match weighs 4 text matches


def create_postgres_fts(conn: Connection) -> None:
    """Create the text-search configuration (unaccented when the extension is there), the generated
    tsvector column over title (weight A) and text (weight B), and its GIN index."""
    conn.execute(sa.text(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = simple)"))
    try:
        with conn.begin_nested():
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
            conn.execute(sa.text(f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} "
                                 "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"))
    except sa.exc.DBAPIError:
        pass  # no unaccent extension here (or no right to create it): accents then count
    conn.execute(sa.text(
        "ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(text, '')), 'B')) STORED"))
    conn.execute(sa.text("CREATE INDEX ix_articles_fts ON articles USING gin (fts)"))


def drop_postgres_fts(conn: Connection) -> None:
    """Drop PostgreSQL's full-text column, index and configuration."""
    conn.execute(sa.text("DROP INDEX IF EXISTS ix_articles_fts"))
    conn.execute(sa.text("ALTER TABLE articles DROP COLUMN IF EXISTS fts"))
    conn.execute(sa.text(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}"))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text, flags=re.UNICODE)


def _pg_query(words: list[str]):
    """A tsquery requiring every word (plainto_tsquery parses them as the index did)."""
    return sa.func.plainto_tsquery(sa.literal_column(f"'{PG_CONFIG}'::regconfig"), " ".join(words))


def search_articles(conn: Connection, text: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Ranked full-text search over articles; each hit carries a highlighted snippet."""
    query = fts_query(text)
    if query is None:
        return []
    if conn.dialect.name == "postgresql":
        return _pg_search(conn, _words(text), limit, offset)
    rows = conn.execute(
        sa.text(
            "SELECT a.id, a.title, a.url, a.published, o.domain AS outlet, "
            f"snippet(articles_fts, 1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16) AS snippet, "
            "bm25(articles_fts, 4.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "LEFT JOIN outlets o ON o.id = a.outlet_id "
            "WHERE articles_fts MATCH :q ORDER BY score LIMIT :limit OFFSET :offset"
        ),
        {"q": query, "limit": limit, "offset": offset},
    ).mappings()
    return [dict(r) for r in rows]


def _pg_search(conn: Connection, words: list[str], limit: int, offset: int) -> list[dict]:
    options = (f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", MaxWords=16, MinWords=6, '
               'MaxFragments=1, FragmentDelimiter="…"')
    rows = conn.execute(
        sa.text(
            "WITH hits AS (SELECT a.id, a.title, a.url, a.published, a.outlet_id, a.text, "
            f"-ts_rank('{_PG_WEIGHTS}', a.fts, q) AS score, q "
            f"FROM articles a, plainto_tsquery('{PG_CONFIG}', :words) q WHERE a.fts @@ q "
            "ORDER BY score, a.id LIMIT :limit OFFSET :offset) "
            "SELECT h.id, h.title, h.url, h.published, o.domain AS outlet, "
            f"ts_headline('{PG_CONFIG}', h.text, h.q, :options) AS snippet, h.score "
            "FROM hits h LEFT JOIN outlets o ON o.id = h.outlet_id ORDER BY h.score, h.id"
        ),
        {"words": " ".join(words), "limit": limit, "offset": offset, "options": options},
    ).mappings()
    return [dict(r) for r in rows]


def count_matches(conn: Connection, text: str) -> int:
    """How many articles match a full-text search."""
    query = fts_query(text)
    if query is None:
        return 0
    if conn.dialect.name == "postgresql":
        return conn.execute(sa.select(sa.func.count()).select_from(sa.table("articles"))
                            .where(sa.literal_column("fts").op("@@")(_pg_query(_words(text))))).scalar_one()
    return conn.execute(sa.text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), {"q": query}).scalar_one()


def matching_ids(conn: Connection, texts: list[str]):
    """A subquery of the ids of articles matching any of the texts (each text: all of its words), for use
    in ``article_id IN (...)``; None when no text has a word."""
    queries = [q for q in (fts_query(t) for t in texts) if q]
    if not queries:
        return None
    if conn.dialect.name == "postgresql":
        conds = [sa.literal_column("fts").op("@@")(_pg_query(_words(t))) for t in texts if fts_query(t)]
        return sa.select(sa.literal_column("id")).select_from(sa.table("articles")).where(sa.or_(*conds))
    match = queries[0] if len(queries) == 1 else " OR ".join(f"({q})" for q in queries)
    return (sa.select(sa.literal_column("rowid")).select_from(sa.table("articles_fts"))
            .where(sa.literal_column("articles_fts").op("MATCH")(match)))
