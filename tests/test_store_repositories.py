"""The store is one engine and one repository per aggregate; the earlier flat names still answer."""

from dragoman.store import open_store
from dragoman.store.event_query import EventQuery
from dragoman.store.store import REPOSITORIES


def test_every_repository_shares_the_one_engine(tmp_path):
    with open_store(str(tmp_path / "r.db")) as store:
        for name in REPOSITORIES:
            assert getattr(store, name).engine is store.engine


def test_flat_names_are_the_repositories_methods(tmp_path):
    with open_store(str(tmp_path / "r.db")) as store:
        wid = store.add_watchlist("dinar", ["SRB"], [], [], ["dinar"])  # the flat name of earlier versions
        assert store.watchlists.get_watchlist("dinar")["id"] == wid
        assert store.add_deliveries(wid, [{"match_key": "m1", "payload": {"x": 1}}]) == 1
        assert store.deliveries.count_pending_deliveries() == 1
        assert store.count_web_events(EventQuery()) == store.events.count(EventQuery()) == 0
        assert store.web_events(EventQuery()) == store.events.page(EventQuery()) == []
        assert store.get_article.__doc__.startswith("store.articles.get_article")
