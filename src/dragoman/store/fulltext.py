"""Full-text search. The only module that knows SQLite's FTS5 syntax."""

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


def search_articles(conn: Connection, text: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Ranked full-text search over articles; each hit carries a highlighted snippet."""
    query = fts_query(text)
    if query is None:
        return []
    if conn.dialect.name != "sqlite":
        raise NotImplementedError("full-text search is implemented for SQLite only")
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


def count_matches(conn: Connection, text: str) -> int:
    """How many articles match a full-text search."""
    query = fts_query(text)
    if query is None:
        return 0
    if conn.dialect.name != "sqlite":
        raise NotImplementedError("full-text search is implemented for SQLite only")
    return conn.execute(sa.text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), {"q": query}).scalar_one()
