"""The Store: one object that owns the database connection and every query."""

from __future__ import annotations

from .articles import ArticleQueries
from .coding import CodingQueries
from .engine import create_engine, migrate
from .sources import SourceQueries
from .stories import StoryQueries
from .web import WebQueries


class Store(ArticleQueries, CodingQueries, StoryQueries, SourceQueries, WebQueries):
    """dragoman's record. SQLite by default; any SQLAlchemy URL works where the SQL is portable."""

    def __init__(self, db: str):
        self.db = db
        self.engine = create_engine(db)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(db: str = "dragoman.db") -> Store:
    """Open (creating and migrating as needed) the store at a path or SQLAlchemy URL."""
    return Store(db)
