"""Watchlists: sets of actors, dyads, CAMEO codes and keywords to follow, each with an Atom feed of
matching events and, optionally, a webhook that receives one JSON POST per new match."""

from .delivery import Deliverer, deliverer_for, drain
from .lists import Watchlist, WatchlistError, make_watchlist
from .notify import notify_coded_articles, notify_new_mentions

__all__ = [
    "Deliverer",
    "Watchlist",
    "WatchlistError",
    "deliverer_for",
    "drain",
    "make_watchlist",
    "notify_coded_articles",
    "notify_new_mentions",
]
