"""Linking an article's mentions into events (the finishing step), on SQLite and on PostgreSQL: a mention
joins the first stored event it reports (same root, compatible actors, agreeing dates) and tells it more
(a reported status, a finer date, longer codes); later mentions of the same article see what earlier ones
started and changed; only the first CANDIDATES stored events of a key are compared; counts are true."""

from __future__ import annotations

import sqlalchemy as sa

import dragoman.store.finishing as finishing
from dragoman.store import open_store
from dragoman.store.schema import articles, events, mentions, outlets, stale_events


def _store(url: str):
    store = open_store(url)
    with store.engine.begin() as conn:
        conn.execute(outlets.insert().values(id=1, domain="news.example"))
        for a in (1, 2):
            conn.execute(articles.insert().values(id=a, url=f"https://news.example/{a}", text="...", ingested="2024",
                                                  content_hash=str(a), outlet_id=1, coded_at="2024"))
    return store


def _mention(article: int, n: int, source: str | None, target: str | None, date: str | None, precision: str,
             status: str = "reported", root: str = "04") -> dict:
    return dict(article_id=article, sentence_index=n, code=root + "0", root=root, source_code=source,
                target_code=target, date=date, date_precision=precision, status=status, goldstein=1.0)


def _event(**values) -> dict:
    return dict(code="040", root="04", source_code="SRB", target_code="KSV", date="2008-02-17", date_precision="day",
                status="background", first_seen="2024", n_mentions=0, n_articles=0, n_outlets=0) | values


def _events(store) -> dict[int, dict]:
    with store.engine.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(sa.select(events).order_by(events.c.id)).mappings()}


def _links(store, article: int) -> list[int | None]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(mentions.c.event_id).where(mentions.c.article_id == article)
                                 .order_by(mentions.c.id)).scalars())


def test_mentions_join_the_events_they_report_and_tell_them_more(store_url):
    with _store(store_url) as store:
        with store.engine.begin() as conn:
            stored = conn.execute(events.insert().values(_event())).inserted_primary_key[0]
            conn.execute(mentions.insert(), [
                _mention(1, 0, "SRBGOV", "KSV", "2008-02-18", "day"),  # the stored event, a day later: joins it
                _mention(1, 1, "SRB", None, "2008-02-17", "day"),  # no target: an event of its own
                _mention(1, 2, "USA", "SRB", "2008-02", "month"),  # a new event
                _mention(1, 3, "USAGOV", "SRB", "2008-02-20", "day", status="background"),  # joins the one before
                _mention(1, 4, "SRB", "KSV", "2008", "year", status="background"),  # the stored event (same year)
                _mention(1, 5, "SRB", "KSV", "2008-02-17", "day", root="19"),  # another root: a new event
            ])
        with store.engine.connect() as conn:
            unlinked = list(conn.execute(sa.select(mentions.c.id).order_by(mentions.c.id)).scalars())
        assert sorted(store.finish_article(1)) == unlinked
        links = _links(store, 1)
        by_id = _events(store)
    assert links[0] == links[4] == stored
    assert links[2] == links[3] and len({links[1], links[2], links[5], stored}) == 4
    assert links[1] < links[2] < links[5]  # new events are numbered in the order of their mentions
    first = by_id[stored]
    assert (first["status"], first["source_code"], first["date"], first["date_precision"]) == (
        "reported", "SRBGOV", "2008-02-17", "day")
    assert (first["n_mentions"], first["n_articles"], first["n_outlets"]) == (2, 1, 1)
    usa = by_id[links[2]]  # started by a month, made finer by a day, its codes longer, still reported
    assert (usa["source_code"], usa["date"], usa["date_precision"], usa["status"]) == (
        "USAGOV", "2008-02-20", "day", "reported")
    assert (usa["n_mentions"], usa["n_articles"], usa["n_outlets"]) == (2, 1, 1)
    assert by_id[links[1]]["n_mentions"] == by_id[links[5]]["n_mentions"] == 1


def test_only_the_first_candidates_of_a_key_are_compared(store_url, monkeypatch):
    monkeypatch.setattr(finishing, "CANDIDATES", 3)
    with _store(store_url) as store:
        with store.engine.begin() as conn:
            far = [conn.execute(events.insert().values(_event(date=f"2008-06-0{d}"))).inserted_primary_key[0]
                   for d in (1, 2, 3)]  # the first three: dates that do not agree
            late = conn.execute(events.insert().values(_event())).inserted_primary_key[0]  # agrees, but fourth
            conn.execute(mentions.insert(), [_mention(1, 0, "SRB", "KSV", "2008-02-17", "day"),
                                             _mention(2, 0, "SRB", "KSV", "2008-06-02", "day")])
        store.finish_article(1)
        store.finish_article(2)
        (made,), (joined,) = _links(store, 1), _links(store, 2)
        by_id = _events(store)
    assert made not in far and made != late  # the agreeing event was past the candidates: a new one
    assert joined == far[0]  # within the candidates (the first that agrees: 1 June is 1 day from 2 June)
    assert by_id[late]["n_mentions"] == 0 and by_id[made]["n_mentions"] == 1


def test_relinking_a_recoded_article_recounts_and_drops_what_it_left(store_url):
    with _store(store_url) as store:
        with store.engine.begin() as conn:
            conn.execute(mentions.insert(), [_mention(1, 0, "SRB", "KSV", "2008-02-17", "day"),
                                             _mention(2, 0, "SRB", "KSV", "2008-02-18", "day")])
        store.finish_article(1)
        store.finish_article(2)
        (shared,) = _links(store, 1)
        assert _links(store, 2) == [shared] and _events(store)[shared]["n_articles"] == 2
        with store.engine.begin() as conn:  # article 2 coded again: its mention now reports another event
            conn.execute(mentions.delete().where(mentions.c.article_id == 2))
            conn.execute(stale_events.insert().values(article_id=2, event_id=shared))
            conn.execute(mentions.insert(), [_mention(2, 0, "USA", "KSV", "2008-02-18", "day")])
        store.finish_article(2)
        (other,) = _links(store, 2)
        by_id = _events(store)
    assert other != shared
    assert (by_id[shared]["n_mentions"], by_id[shared]["n_articles"]) == (1, 1)
    assert (by_id[other]["n_mentions"], by_id[other]["n_articles"]) == (1, 1)


def _two_articles_and_a_recoded_one(store) -> None:
    with store.engine.begin() as conn:
        conn.execute(articles.insert().values(id=3, url="https://news.example/3", text="...", ingested="2024",
                                              content_hash="3", outlet_id=None, coded_at="2024"))
        conn.execute(mentions.insert(), [
            _mention(1, 0, "SRB", "KSV", "2008-02-17", "day", status="background"),
            _mention(3, 0, "SRB", "KSV", "2008-02-16", "day"),
        ])
    store.finish_articles([1, 3])
    with store.engine.begin() as conn:  # article 3 coded again; articles 1 and 2 tell of the same event
        conn.execute(mentions.delete().where(mentions.c.article_id == 3))
        conn.execute(stale_events.insert().values(article_id=3, event_id=_links(store, 1)[0]))
        conn.execute(mentions.insert(), [
            _mention(2, 0, "SRBGOV", "KSV", "2008-02-18", "day"),  # joins the event article 1 started
            _mention(2, 1, "SRB", "KSV", "2008", "year"),
            _mention(2, 2, "USA", "KSV", "2008-02-20", "day"),  # joins the event article 1's new mention starts
            _mention(3, 0, "USA", "KSV", "2008-02-18", "day"),
            _mention(1, 1, "USAGOV", "KSV", "2008-02-19", "day"),  # a mention added to article 1 later
        ])


def test_articles_linked_together_are_linked_as_one_by_one(store_url, tmp_path, request, monkeypatch):
    """What each article links is seen by the next within a run (its new events, its changes), and a
    recoded article's old events are recounted before the next article is linked."""
    other = (str(tmp_path / "other.db") if "://" not in store_url
             else request.getfixturevalue("pg_server").create_database())
    tables = []
    for url, together in ((store_url, False), (other, True)):
        with _store(url) as store:
            _two_articles_and_a_recoded_one(store)
            if together:
                monkeypatch.setattr(finishing, "LINK_RUN", 2)  # runs that split at the recoded article
                store.finish_articles([1, 2, 3])
            else:
                for a in (1, 2, 3):
                    store.finish_article(a)
            events_ = [{k: v for k, v in e.items() if k != "first_seen"} for e in _events(store).values()]
            tables.append((events_, [_links(store, a) for a in (1, 2, 3)]))
    assert tables[0] == tables[1]
    events_, links = tables[0]
    shared = next(e for e in events_ if e["id"] == links[1][0])
    assert links[1][:2] == [shared["id"]] * 2 and links[0][0] == shared["id"]  # 1 and 2 report one event
    assert (shared["status"], shared["source_code"], shared["n_articles"], shared["n_outlets"]) == (
        "reported", "SRBGOV", 2, 1)
    usa = next(e for e in events_ if e["id"] == links[0][1])
    assert links[1][2] == links[2][0] == usa["id"]
    assert (usa["source_code"], usa["n_mentions"], usa["n_articles"], usa["n_outlets"]) == ("USAGOV", 3, 3, 1)
