"""The Store: one engine, and one repository per aggregate over it.

``store.articles``, ``store.coding``, ``store.claims``, ``store.finishing``, ``store.stories``,
``store.sources``, ``store.events``, ``store.charts``, ``store.watchlists``, ``store.deliveries`` and
``store.exports`` each hold the queries of what they are named for. The Store also answers every
repository method by its old flat name (``store.get_article`` is ``store.articles.get_article``), so that
callers move over one at a time; new code names the repository.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from .articles import Articles
from .charts import Charts
from .claims import ClaimQueries
from .coding import Coding
from .deliveries import Deliveries
from .engine import StoreMissing, create_engine, migrate, store_exists
from .events import Events
from .exports import Exports
from .finishing import FinishingQueries
from .repository import Repository
from .sources import Sources
from .stories import Stories
from .watchlists import Watchlists


class Claims(Repository, ClaimQueries):
    """Claims on articles to code (store/claims.py)."""


class Finishing(Repository, FinishingQueries):
    """What the finishing step reads and writes (store/finishing.py)."""


# attribute -> repository, in the order the pipeline meets them
REPOSITORIES: dict[str, type[Repository]] = {
    "articles": Articles,
    "claims": Claims,
    "coding": Coding,
    "finishing": Finishing,
    "stories": Stories,
    "sources": Sources,
    "events": Events,
    "charts": Charts,
    "watchlists": Watchlists,
    "deliveries": Deliveries,
    "exports": Exports,
}


class Store:
    """dragoman's record: SQLite by default, or PostgreSQL (a postgresql+psycopg:// URL) for a store that
    several processes and machines share."""

    articles: Articles
    claims: Claims
    coding: Coding
    finishing: Finishing
    stories: Stories
    sources: Sources
    events: Events
    charts: Charts
    watchlists: Watchlists
    deliveries: Deliveries
    exports: Exports

    def __init__(self, db: str):
        self.db = db
        self.engine = create_engine(db)
        migrate(self.engine)
        for name, repository in REPOSITORIES.items():
            setattr(self, name, repository(self.engine))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _flat_api() -> dict[str, tuple[str, str]]:
    """{flat name: (repository attribute, method)} for every public repository method."""
    table: dict[str, tuple[str, str]] = {}
    for attr, repository in REPOSITORIES.items():
        flat_of = {method: old for old, method in repository.legacy_names.items()}
        for method, _ in inspect.getmembers(repository, inspect.isfunction):
            if method.startswith("_"):
                continue
            flat = flat_of.get(method, method)
            if flat in table or hasattr(Store, flat):
                raise TypeError(f"store method {flat!r}: offered by two repositories ({attr}, {table[flat][0]})"
                                if flat in table else f"store method {flat!r}: the Store has one already")
            table[flat] = (attr, method)
    return table


def _delegate(flat: str, attr: str, method: str) -> Callable[..., Any]:
    def call(self: Store, *args: Any, **kwargs: Any) -> Any:
        return getattr(getattr(self, attr), method)(*args, **kwargs)

    call.__name__ = call.__qualname__ = flat
    call.__doc__ = f"store.{attr}.{method} (the flat name of earlier versions). " + (
        inspect.getdoc(getattr(REPOSITORIES[attr], method)) or "")
    return call


for _flat, (_attr, _method) in _flat_api().items():
    setattr(Store, _flat, _delegate(_flat, _attr, _method))


def open_store(db: str = "dragoman.db", create: bool = True) -> Store:
    """Open the store at a path or SQLAlchemy URL, migrating it as needed; a new one is created unless
    create is False (then StoreMissing says there is none)."""
    if not create and not store_exists(db):
        raise StoreMissing(f"no store at {db}")
    return Store(db)
