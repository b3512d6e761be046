"""Claiming articles to code, so that any number of coding processes (on one machine or many) never
code one article twice: a claim names its owner (host, process, run) and lapses after a lease, and a
claim whose owner process is gone from this host is freed at once.

On PostgreSQL the claim is one ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)``: concurrent
claimers skip each other's rows instead of waiting. SQLite runs one writer at a time, so the same
UPDATE is atomic there as it stands."""

from __future__ import annotations

import os
import socket
import time
import uuid

import sqlalchemy as sa

from .repository import reading
from .schema import articles

DEFAULT_LEASE = 600.0  # seconds; renewed while a run holds the claim


def new_claim_token() -> str:
    """An owner name for one coding run: host, process id and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _owner_gone(token: str) -> bool:
    """Whether the token's owner was a process of this host that no longer exists."""
    host, _, rest = token.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class ClaimQueries:
    """Mixin of Store: claims on articles to code."""

    engine: sa.Engine

    def claim_articles(self, token: str, limit: int, ids: list[int] | None = None, recode: bool = False,
                       lease: float = DEFAULT_LEASE, version: str | None = None) -> list[int]:
        """Claim up to `limit` originals to code, oldest first: uncoded ones, ones coded by a coder other than
        `version` when given, every one with recode (among `ids` when given), that no other run holds.
        Returns the claimed ids, sorted."""
        self.free_dead_claims()
        now = time.time()
        a = articles.c
        todo = a.coded_at.is_(None)
        if version is not None:
            todo = sa.or_(todo, a.coder_version.is_(None), a.coder_version != version)
        if recode:
            todo = sa.true()
        pick = (sa.select(a.id).where(a.duplicate_of.is_(None), todo,
                                      sa.or_(a.claimed_by.is_(None), a.claim_expires < now, a.claimed_by == token))
                .order_by(a.id).limit(limit))
        if ids is not None:
            pick = pick.where(a.id.in_(list(ids)))
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                pick = pick.with_for_update(skip_locked=True)
            stmt = (articles.update().where(a.id.in_(pick.scalar_subquery()))
                    .values(claimed_by=token, claim_expires=now + lease).returning(a.id))
            return sorted(r.id for r in conn.execute(stmt))

    def claimed_by(self, token: str, ids: list[int]) -> list[int]:
        """Those of these articles the run still holds (not stored yet), sorted."""
        with reading(self.engine) as conn:
            return sorted(r.id for r in conn.execute(sa.select(articles.c.id).where(
                articles.c.id.in_(list(ids)), articles.c.claimed_by == token)))

    def renew_claims(self, token: str, lease: float = DEFAULT_LEASE) -> None:
        """Extend the lease of every claim this run holds."""
        with self.engine.begin() as conn:
            conn.execute(articles.update().where(articles.c.claimed_by == token)
                         .values(claim_expires=time.time() + lease))

    def release_claims(self, token: str) -> int:
        """Give back what this run claimed and did not code (a clean stop)."""
        with self.engine.begin() as conn:
            return conn.execute(articles.update().where(articles.c.claimed_by == token)
                                .values(claimed_by=None, claim_expires=None)).rowcount

    def free_dead_claims(self) -> int:
        """Free the claims of runs whose process is gone from this host (killed, crashed)."""
        with reading(self.engine) as conn:
            owners = [r[0] for r in conn.execute(sa.select(articles.c.claimed_by).distinct()
                                                 .where(articles.c.claimed_by.is_not(None)))]
        gone = [t for t in owners if _owner_gone(t)]
        if not gone:
            return 0
        with self.engine.begin() as conn:
            return conn.execute(articles.update().where(articles.c.claimed_by.in_(gone))
                                .values(claimed_by=None, claim_expires=None)).rowcount
