"""When to poll a source next: adaptive to how busy it is, backing off when idle or failing,
honouring the server's Cache-Control and Retry-After."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Settings


@dataclass
class PollOutcome:
    new_items: int = 0
    not_modified: bool = False
    error: str | None = None
    status: int | None = None
    retry_after: float | None = None
    max_age: float | None = None


def cache_max_age(cache_control: str | None) -> float | None:
    """max-age of a Cache-Control header, in seconds."""
    if not cache_control:
        return None
    m = re.search(r"max-age\s*=\s*(\d+)", cache_control)
    return float(m.group(1)) if m else None


def next_interval(settings: Settings, current: float | None, outcome: PollOutcome, fixed: float | None,
                  error_count: int) -> float:
    """Seconds until the next poll.

    A fixed interval (`sources add --interval`) wins, except that a failing source still backs off
    and a server's Retry-After is always honoured. Otherwise: halve the interval after new items,
    stretch it by half when nothing changed, double it per consecutive failure; never below the
    server's Cache-Control max-age, never outside [poll_min_interval, poll_max_interval].
    """
    lo, hi = settings.poll_min_interval, settings.poll_max_interval
    base = current or settings.poll_default_interval
    if outcome.error is not None:
        interval = (fixed or base) * (2 ** min(error_count, 8))
        if outcome.retry_after is not None:
            interval = max(interval, outcome.retry_after)
        return min(max(interval, lo), hi)
    if fixed:
        interval = fixed
    elif outcome.new_items > 0:
        interval = base / 2
    else:
        interval = base * 1.5
    if outcome.max_age is not None and not fixed:
        interval = max(interval, outcome.max_age)
    if outcome.retry_after is not None:
        interval = max(interval, outcome.retry_after)
    if fixed:
        return max(interval, 0.0)
    return min(max(interval, lo), hi)
