"""The Store: one object that owns the database connection and every query."""

from __future__ import annotations

from .articles import ArticleQueries
from .claims import ClaimQueries
from .coding import CodingQueries
from .engine import StoreMissing, create_engine, migrate, store_exists
from .exports import ExportQueries
from .finishing import FinishingQueries
from .sources import SourceQueries
from .stories import StoryQueries
from .web import WebQueries


class Store(ArticleQueries, ClaimQueries, CodingQueries, FinishingQueries, StoryQueries, SourceQueries, WebQueries,
            ExportQueries):
    """dragoman's record: SQLite by default, or PostgreSQL (a postgresql+psycopg:// URL) for a store that
    several processes and machines share."""

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


def open_store(db: str = "dragoman.db", create: bool = True) -> Store:
    """Open the store at a path or SQLAlchemy URL, migrating it as needed; a new one is created unless
    create is False (then StoreMissing says there is none)."""
    if not create and not store_exists(db):
        raise StoreMissing(f"no store at {db}")
    return Store(db)
