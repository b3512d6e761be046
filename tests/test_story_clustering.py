"""Story clustering on a feed of concurrent crises, its store and memory forms, merges, and briefs whose
background never depends on later news or on another story."""

import json
from collections import Counter

import pytest
from crises import crisis_stream
from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401
)
from dragoman.store import open_store
from dragoman.stories.memory import MemoryState, cluster_stream
from dragoman.stories.model import ArticleInput, Params, assign

runner = CliRunner()


def cli(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _feed(path, until=None):
    lines = []
    for k, (name, day, text) in enumerate(crisis_stream()):
        if until is None or day <= until:
            lines.append(json.dumps({"url": f"https://feed.example/{name}/{k}", "title": text.split(". ")[0],
                                     "text": text, "published": day}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _build(db, feed):
    assert cli("--db", db, "ingest", str(feed)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0


@pytest.fixture(scope="module")
def crises_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crises")
    db = str(tmp / "feed.db")
    _build(db, _feed(tmp / "feed.jsonl"))
    return db


def _stories(db):
    out = json.loads(cli("--db", db, "stories", "--json", "--limit", "1000").stdout)
    return {a["url"]: s["id"] for s in out for a in s["articles"]}


def test_concurrent_crises_told_in_the_same_words_stay_apart(crises_db):
    by_url = _stories(crises_db)
    crisis = {url: url.split("/")[3] for url in by_url}
    per_story: dict[int, Counter] = {}
    for url, sid in by_url.items():
        per_story.setdefault(sid, Counter())[crisis[url]] += 1
    assert all(len(c) == 1 for c in per_story.values()), per_story  # no story mixes two crises
    for name in set(crisis.values()):
        sizes = [c[name] for c in per_story.values() if name in c]
        assert max(sizes) >= 0.8 * sum(sizes), (name, sizes)  # each crisis is (nearly) one story


def test_store_and_memory_give_the_same_stories(crises_db):
    from dragoman.stories.cluster import article_input

    with open_store(crises_db) as store:
        ids = sorted(a["id"] for a in store.list_articles(limit=1000))
        items = [article_input(store, aid, store.article_for_story(aid)) for aid in ids]
        stored = {aid: store.article_for_story(aid)["story_id"] for aid in ids}
    in_memory = cluster_stream(items)

    def partition(assign_map):
        groups: dict[int, set] = {}
        for aid, sid in assign_map.items():
            groups.setdefault(sid, set()).add(aid)
        return sorted(sorted(g) for g in groups.values())

    assert partition(in_memory) == partition(stored)


def test_brief_background_is_the_same_without_later_news_and_stays_in_its_story(crises_db, tmp_path):
    by_url = _stories(crises_db)
    bahrain = sorted((int(u.rsplit("/", 1)[1]), u) for u in by_url if "/bahrain/" in u)
    url = bahrain[5][1]  # the sixth Bahrain update: five earlier ones, four later
    with open_store(crises_db) as store:
        article = next(a for a in store.list_articles(limit=1000) if a["url"] == url)
    day = article["published"][:10]
    full = json.loads(cli("--db", crises_db, "brief", str(article["id"]), "--format", "json").stdout)

    early_db = str(tmp_path / "early.db")
    _build(early_db, _feed(tmp_path / "early.jsonl", until=day))
    early = json.loads(cli("--db", early_db, "brief", str(article["id"]), "--format", "json").stdout)
    assert early["article"]["url"] == url
    assert early == full

    with open_store(crises_db) as store:
        own_story = store.get_story(by_url[url])
        members = {a["id"]: a for a in own_story["articles"]}
    stories = [b for b in full["background"] if b["origin"] == "story"]
    assert stories, full["background"]  # the crisis so far is told
    for b in full["background"]:
        source = b["source"]["article_id"]
        if b["origin"] == "article":
            assert source == article["id"]
        else:
            assert source in members and "/bahrain/" in members[source]["url"]
            assert members[source]["published"][:10] < day


def test_a_later_merge_does_not_reach_back(tmp_path):
    """What a story held when an article joined it: merges made by later articles are undone."""
    path = tmp_path / "three.jsonl"
    rows = [("a", "2024-03-01"), ("b", "2024-03-02"), ("c", "2024-03-05")]
    path.write_text("".join(json.dumps({"url": f"https://x.example/{n}", "title": f"Update {n}",
                                        "text": f"Text of update {n}.", "published": d}) + "\n" for n, d in rows))
    db = str(tmp_path / "m.db")
    assert cli("--db", db, "ingest", str(path)).exit_code == 0
    with open_store(db) as store:
        a, b, c = sorted(x["id"] for x in store.list_articles(limit=10))
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE articles SET story_id = NULL")
        s1 = store.new_story(a, "Update a", "2024-03-01", {"x": 1.0})
        s2 = store.new_story(b, "Update b", "2024-03-02", {"y": 1.0})
        store.set_story(c, s1, {"x": 1.0})
        kept = store.merge_stories([s1, s2], keep=s1, at_article=c, at_published="2024-03-05")
        assert kept == s1 and {x["id"] for x in store.get_story(s1)["articles"]} == {a, b, c}
        # b came in by c's later merge: not part of a's story as it stood (later joins are left to the
        # caller, which keeps only what was published before)
        assert store.story_articles_as_of(s1, a, "2024-03-01") == {a, c}
        assert store.story_articles_as_of(s1, b, "2024-03-02") == {b}  # b's story had only b then
        assert store.story_articles_as_of(s1, c, "2024-03-05") == {a, b, c}  # the merge was c's own


def _item(aid, day, words, codes=()):
    return ArticleInput(aid, day, None, " ".join(words), list(codes))


def test_an_article_matching_two_unrelated_stories_does_not_merge_them():
    params = Params.load(join_threshold=0.05)
    state = MemoryState()
    harbour = ["harbour", "crane", "dockers", "strike", "containers", "port", "wages"]
    vaccine = ["vaccine", "trial", "doses", "clinic", "virus", "nurses", "outbreak"]
    for i in range(4):
        assign(state, _item(1 + i, f"2024-05-0{1 + i}", harbour), params)
        assign(state, _item(11 + i, f"2024-05-0{1 + i}", vaccine), params)
    assert len(set(state.story_of.values())) == 2
    bridge = assign(state, _item(30, "2024-05-06", harbour[:4] + vaccine[:4]), params)
    assert bridge.merged == [] and len(set(state.story_of.values())) == 2


def test_two_halves_of_one_story_merge_when_their_own_words_agree():
    params = Params.load(join_threshold=0.05, merge_centroids=0.2)
    state = MemoryState()
    quake = ["earthquake", "magnitude", "rescuers", "rubble", "aftershock", "survivors", "collapsed"]
    filler = ["valley", "morning", "region", "teams", "night"]
    assign(state, _item(1, "2024-06-01", quake[:5] + filler[:2]), params)
    assign(state, _item(2, "2024-06-01", ["magnitude", "aftershock", "survivors"] + filler[2:]), params)
    first = set(state.story_of.values())
    bridge = assign(state, _item(3, "2024-06-02", quake), params)
    if len(first) == 2:  # the two first reports started apart: the third, matching both, joins them
        assert bridge.merged
    assert len(set(state.story_of.values())) == 1



def test_stories_json_lists_every_story_without_a_limit(tmp_path):
    """A program reading `stories --json` gets every story; a table shows a page of 50."""
    from typer.testing import CliRunner

    from dragoman.cli import app  # noqa: F401

    runner = CliRunner()
    db = str(tmp_path / "many.db")
    import random

    rnd = random.Random(3)

    def word() -> str:
        return "".join(rnd.choice("bcdfghjklmnprstvz") + rnd.choice("aeiou") for _ in range(4))

    lines = [json.dumps({"url": f"https://wire.example/{i}", "published": f"2024-01-{1 + i % 28:02d}",
                         "title": f"{word().title()} {word()}",  # sixty items that share no word
                         "text": " ".join(word() for _ in range(30)) + "."}) for i in range(60)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["--db", db, "ingest", str(path)]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "process"]).exit_code == 0
    stories = json.loads(runner.invoke(app, ["--db", db, "stories", "--json"]).stdout)
    assert len(stories) == 60 and sum(len(s["articles"]) for s in stories) == 60
    table = runner.invoke(app, ["--db", db, "stories"]).stdout
    assert "1–50 of 60 stories" in table


def test_an_articles_country_terms_do_not_grow_when_asked_again():
    from dragoman.stories.entities import country_terms

    text = "Serbian police arrested two men near the border with Kosovo."
    first = country_terms(None, text, ["SRBCOP", "KSV", "USAGOV"], 2.0)
    again = country_terms(None, text, ["SRBCOP", "KSV", "USAGOV"], 2.0)
    assert first == again
    # a coded actor's country counts only when the text names that country
    assert not any(term.endswith("USA") for term in first)
