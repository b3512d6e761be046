"""The base of the store's repositories: each holds the queries of one aggregate over the engine they share."""

from __future__ import annotations

from typing import ClassVar

import sqlalchemy as sa


class Repository:
    """Queries over one aggregate (articles, stories, watchlists …), run on the store's shared engine."""

    # names the Store's flat API (of earlier versions) gives some of these methods: {old name: method}
    legacy_names: ClassVar[dict[str, str]] = {}

    def __init__(self, engine: sa.Engine):
        self.engine = engine
