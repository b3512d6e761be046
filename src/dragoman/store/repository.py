"""The base of the store's repositories: each holds the queries of one aggregate over the engine they share."""

from __future__ import annotations

from typing import ClassVar

import sqlalchemy as sa


def reading(engine: sa.Engine) -> sa.Connection:
    """A connection for reads that need no transaction of their own: on PostgreSQL in autocommit, so that
    a query is one round trip to the server, not three (BEGIN, the query, ROLLBACK). Each statement sees
    what was committed when it began, as in the READ COMMITTED transaction a plain connection opens. Not
    for results streamed with yield_per (a server-side cursor lives in a transaction)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn.execution_options(isolation_level="AUTOCOMMIT")
    return conn


class Repository:
    """Queries over one aggregate (articles, stories, watchlists …), run on the store's shared engine."""

    # names the Store's flat API (of earlier versions) gives some of these methods: {old name: method}
    legacy_names: ClassVar[dict[str, str]] = {}

    def __init__(self, engine: sa.Engine):
        self.engine = engine
