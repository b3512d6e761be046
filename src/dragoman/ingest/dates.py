"""Publication dates: parse what a page or feed states, and say how precise it is. Never invent one.

Parsing is bounded (a length limit before any library sees the text) and plausible (a year window
around today; relative words such as "yesterday" only against a reference date, and then to the day,
never with an invented wall-clock time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from ..timeutil import iso_day

MAX_DATE_CHARS = 100  # longer than any way of writing a date; longer text is refused before any parsing
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATEPARSER = {"REQUIRE_PARTS": ["year", "month", "day"], "PREFER_DAY_OF_MONTH": "first",
               "RETURN_AS_TIMEZONE_AWARE": False}
# two reference points far apart: a text that parses differently against them is relative ("yesterday")
_PROBES = (datetime(2001, 3, 14, 9, 26, 53), datetime(2011, 8, 27, 17, 3, 11))


class DateError(ValueError):
    """A date that cannot be read."""


@dataclass(frozen=True)
class DateWindow:
    """Which years a date may have: from `past_years` before today to `future_days` after it.

    None as either bound means the loose default (1800 and 2200), for dates that are not publication
    dates (a --since filter may look ahead)."""

    past_years: int | None = None
    future_days: int | None = None

    @classmethod
    def from_settings(cls, settings) -> DateWindow:
        return cls(settings.date_past_years, settings.date_future_days)

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        today = today or datetime.now(UTC).date()
        low = date(max(1, today.year - self.past_years), 1, 1) if self.past_years is not None else date(1800, 1, 1)
        high = today + timedelta(days=self.future_days) if self.future_days is not None else date(2200, 12, 31)
        return low, high


LOOSE = DateWindow()


def parse_published(value: str | datetime | date | None, reference: date | datetime | None = None,
                    window: DateWindow = LOOSE) -> tuple[str | None, str | None]:
    """Parse a stated publication date into (ISO string, precision).

    Precision is "year", "month" or "day"; (None, None) when nothing is stated. Relative text
    ("yesterday", "3 days ago") is read against `reference` and kept to the day; without a reference
    it is refused. Raises DateError for text that is not a date, too long, or outside `window`.
    """
    if value is None:
        return None, None
    if isinstance(value, datetime):
        _check_day(value.date(), str(value), window)
        return _iso_datetime(value), "day"
    if isinstance(value, date):
        _check_day(value, str(value), window)
        return value.isoformat(), "day"
    text = str(value)
    if len(text) > 20 * MAX_DATE_CHARS:
        raise DateError(f"too long for a date ({len(text)} characters)")
    text = " ".join(text.split())
    if not text:
        return None, None
    if len(text) > MAX_DATE_CHARS:
        raise DateError(f"too long for a date ({len(text)} characters > {MAX_DATE_CHARS})")
    if m := _YEAR.match(text):
        year = int(m.group(1))
        _check(year, 1, 1, text, window, "year")
        return f"{year:04d}", "year"
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        _check(year, month, 1, text, window, "month")
        return f"{year:04d}-{month:02d}", "month"
    if m := _DAY.match(text):
        year, month, day = (int(g) for g in m.groups())
        _check(year, month, day, text, window)
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    dt = _structured(text)
    if dt is None:
        dt = _free_text(text, reference)
    _check_day(dt.date(), text, window)
    return _iso_datetime(dt), "day"


def _structured(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)  # RFC 822, as feeds write them
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _free_text(text: str, reference: date | datetime | None) -> datetime:
    import dateparser

    try:
        first, second = (dateparser.parse(text, settings={**_DATEPARSER, "RELATIVE_BASE": p}) for p in _PROBES)
    except Exception:  # noqa: BLE001 - a library failure on hostile text means "not a date"
        raise DateError(f"not a date: {text!r}") from None
    if first is None:
        raise DateError(f"not a date: {text!r}")
    if first == second:
        return first
    # relative to "now": read it against the reference, to the day (no invented clock time)
    if reference is None:
        raise DateError(f"relative date without a reference date: {text!r}")
    base = reference if isinstance(reference, datetime) else datetime(reference.year, reference.month,
                                                                      reference.day, 12)
    try:
        dt = dateparser.parse(text, settings={**_DATEPARSER, "RELATIVE_BASE": base.replace(tzinfo=None)})
    except Exception:  # noqa: BLE001
        dt = None
    if dt is None:
        raise DateError(f"not a date: {text!r}")
    return datetime(dt.year, dt.month, dt.day)


def _check(year: int, month: int, day: int, text: str, window: DateWindow, precision: str = "day") -> None:
    try:
        when = date(year, month, day)
    except ValueError:
        raise DateError(f"not a valid date: {text!r}") from None
    low, high = window.bounds()
    # a coarse date is plausible when any day of it is: "2026" is fine in January 2026
    start = when
    end = date(year, 12, 31) if precision == "year" else (
        date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1) if precision == "month" else when)
    if end < low or start > high:
        raise DateError(f"implausible date {text!r} (expected {low.year}–{high.isoformat()})")


def _check_day(when: date, text: str, window: DateWindow) -> None:
    _check(when.year, when.month, when.day, text, window)


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
    return iso_day(published)
