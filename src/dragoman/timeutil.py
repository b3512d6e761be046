"""Small time helpers shared by every stage."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow_iso() -> str:
    """Now, in UTC, as an ISO 8601 string with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
