"""What a watchlist is, and checking one before it is stored."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
ACTOR_RE = re.compile(r"^[A-Z0-9]{1,32}$")
CAMEO_RE = re.compile(r"^\d{2,4}$")
MAX_ITEMS = 50


class WatchlistError(ValueError):
    """A watchlist that cannot be stored; the message says why in one line."""


@dataclass
class Watchlist:
    """A set of actors, dyads, codes and keywords. An event matches when it meets every kind of criterion
    given: one of the actors or dyads (codes are prefixes, either direction), one of the CAMEO codes
    (a two-digit root or a code prefix), and one of the queries (all its words in the event's article)."""

    name: str
    actors: list[str] = field(default_factory=list)
    dyads: list[tuple[str, str]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    webhook: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["dyads"] = [list(x) for x in self.dyads]
        return d


def _actor(code: str) -> str:
    c = code.strip().upper()
    if not ACTOR_RE.match(c):
        raise WatchlistError(f"actor code {code!r}: expected letters and digits, like SRBGOV")
    return c


def _unique(items: Iterable) -> list:
    out: list = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def check_webhook(url: str | None) -> str | None:
    """An http(s) URL with a host, or None for no webhook."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise WatchlistError(f"webhook {url!r}: not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WatchlistError(f"webhook {url!r}: expected an http:// or https:// URL")
    return url


def make_watchlist(
    name: str,
    actors: Iterable[str] = (),
    dyads: Iterable[Iterable[str]] = (),
    codes: Iterable[str] = (),
    queries: Iterable[str] = (),
    webhook: str | None = None,
) -> Watchlist:
    """A checked, normalised watchlist (codes upper-cased, duplicates dropped); WatchlistError otherwise."""
    name = (name or "").strip()
    if not NAME_RE.match(name):
        raise WatchlistError(
            f"name {name!r}: use 1-64 letters, digits, '-' or '_' (starting with a letter or digit)"
        )
    pairs = []
    for d in dyads:
        pair = [p for p in d if p.strip()]
        if len(pair) != 2:
            raise WatchlistError(f"dyad {' '.join(d)!r}: expected two actor codes")
        pairs.append((_actor(pair[0]), _actor(pair[1])))
    cameo = []
    for c in codes:
        c = c.strip()
        if not CAMEO_RE.match(c):
            raise WatchlistError(f"code {c!r}: expected a CAMEO root or code, like 04 or 0431")
        cameo.append(c)
    words = [q.strip() for q in queries if q.strip()]
    for q in words:
        if len(q) > 200:
            raise WatchlistError("a query is limited to 200 characters")
    wl = Watchlist(
        name,
        _unique(_actor(a) for a in actors if a.strip()),
        _unique(pairs),
        _unique(cameo),
        _unique(words),
        check_webhook(webhook),
    )
    if not (wl.actors or wl.dyads or wl.codes or wl.queries):
        raise WatchlistError("say what to watch: at least one actor, dyad, code or query")
    if max(len(wl.actors), len(wl.dyads), len(wl.codes), len(wl.queries)) > MAX_ITEMS:
        raise WatchlistError(f"at most {MAX_ITEMS} items of each kind")
    return wl


def save_watchlist(store, wl: Watchlist) -> int:
    """Store a checked watchlist; WatchlistError when the name is taken."""
    try:
        return store.watchlists.add_watchlist(wl.name, wl.actors, wl.dyads, wl.codes, wl.queries, wl.webhook)
    except ValueError as exc:
        raise WatchlistError(str(exc)) from None


def describe_watchlist(wl: dict[str, Any]) -> str:
    """'actors SRBGOV; dyads SRB–KSV; codes 19; queries "licence plates"' — one line for listings."""
    parts = []
    if wl.get("actors"):
        parts.append("actors " + " ".join(wl["actors"]))
    if wl.get("dyads"):
        parts.append("dyads " + " ".join(f"{a}–{b}" for a, b in wl["dyads"]))
    if wl.get("codes"):
        parts.append("codes " + " ".join(wl["codes"]))
    if wl.get("queries"):
        parts.append("queries " + " ".join(f"“{q}”" for q in wl["queries"]))
    return "; ".join(parts)
