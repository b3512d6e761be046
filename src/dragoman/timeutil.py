"""Small time helpers shared by every stage."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow_iso() -> str:
    """Now, in UTC, as an ISO 8601 string with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def iso_day(value: str | None) -> date | None:
    """The calendar day an ISO date or timestamp starts with ("2025-02-21T10:00" -> 2025-02-21); None when
    the value is missing, coarser than a day ("2025-02") or no date."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
