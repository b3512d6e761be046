"""Publication dates: parse what a page or feed states, and say how precise it is. Never invent one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DateError(ValueError):
    """A date that cannot be read."""


def parse_published(value: str | datetime | date | None) -> tuple[str | None, str | None]:
    """Parse a stated publication date into (ISO string, precision).

    Precision is "year", "month" or "day"; (None, None) when nothing is stated.
    Raises DateError for text that is not a date.
    """
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return _iso_datetime(value), "day"
    if isinstance(value, date):
        return value.isoformat(), "day"
    text = str(value).strip()
    if not text:
        return None, None
    if m := _YEAR.match(text):
        year = int(m.group(1))
        _check(year, 1, 1, text)
        return f"{year:04d}", "year"
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        _check(year, month, 1, text)
        return f"{year:04d}-{month:02d}", "month"
    if m := _DAY.match(text):
        year, month, day = (int(g) for g in m.groups())
        _check(year, month, day, text)
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return _iso_datetime(dt), "day"
    except ValueError:
        pass
    try:
        dt = parsedate_to_datetime(text)  # RFC 822, as feeds write them
        if dt is not None:
            return _iso_datetime(dt), "day"
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    dt = dateparser.parse(text, settings={"REQUIRE_PARTS": ["year", "month", "day"],
                                          "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    if dt is None:
        raise DateError(f"not a date: {text!r}")
    return _iso_datetime(dt), "day"


def _check(year: int, month: int, day: int, text: str) -> None:
    try:
        date(year, month, day)
    except ValueError:
        raise DateError(f"not a valid date: {text!r}") from None
    if not 1800 <= year <= 2200:
        raise DateError(f"implausible year in {text!r}")


def _iso_datetime(dt: datetime) -> str:
    # Keep the publisher's wall-clock time and offset: the local calendar day is what
    # "on Friday" in the text is counted from.
    if (dt.hour, dt.minute, dt.second) == (0, 0, 0):
        return dt.date().isoformat()
    if dt.tzinfo is not None and dt.utcoffset() == UTC.utcoffset(None):
        return dt.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    return dt.replace(microsecond=0).isoformat()


def published_date(published: str | None) -> date | None:
    """The calendar day of an ISO publication value (None when unknown or coarser than a day)."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
