"""The web app's JSON API over the sample corpus, against a real uvicorn server on 127.0.0.1: every
endpoint and filter, pagination, CSV/JSONL downloads, the OpenAPI schema, 404s, the token rule, SSRF
refusals and the security headers.

The helpers at the top (the corpus store, a live server) are shared with test_web_browser.py and
test_watch.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from corpus import corpus_db
from typer.testing import CliRunner

from dragoman.cli import app as cli_app
from dragoman.cli import commands  # noqa: F401 - registers the sub-commands
from dragoman.config import Settings
from dragoman.export.formats import TABULAR_FIELDS
from dragoman.ingest.netguard import AddressPolicy, guarded_transport
from dragoman.web import create_app
from dragoman.web.security import CSP

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"
runner = CliRunner()


# -- shared helpers ----------------------------------------------------------------------------------


def cli(*args: str):
    return runner.invoke(cli_app, list(args), catch_exceptions=False)


class LiveServer:
    """The app under a real uvicorn server on a free 127.0.0.1 port, in a thread."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.app = create_app(settings)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)

    @property
    def store(self):
        return self.app.state.store

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kw)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


# -- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = LiveServer(Settings(db=corpus_db(tmp_path_factory, "web-api"), token=TOKEN, host_delay=0.0))
    yield server
    server.close()


@pytest.fixture(scope="module")
def api(live):
    with live.client() as c:
        yield c


@pytest.fixture(scope="module")
def readonly(tmp_path_factory):
    server = LiveServer(Settings(db=corpus_db(tmp_path_factory, "web-readonly"), token=""))
    yield server
    server.close()


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def events(api, **params) -> list[dict]:
    r = api.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["events"]


# -- schema, docs, headers ------------------------------------------------------------------------


def test_openapi_schema_lists_every_endpoint(api):
    schema = api.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in [
        "/api",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/events.csv",
        "/api/events.jsonl",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{code}",
        "/api/dyads/{a}/{b}",
        "/api/dyads/{a}/{b}/chart",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/timeline",
        "/api/briefs/{article_id}",
        "/api/search",
        "/api/ingest",
        "/api/watchlists",
        "/api/watchlists/{name}",
        "/watch/{name}.atom",
    ]:
        assert path in paths, path
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {
        "actor",
        "source",
        "target",
        "dyad",
        "code",
        "root",
        "quad_class",
        "status",
        "since",
        "until",
        "text",
        "limit",
        "offset",
        "sort",
    } <= params
    docs = api.get("/api/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert "/api/events" in docs.text and "<script>" not in docs.text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api",
        "/api/events?limit=1",
        "/api/events.csv?limit=1",
        "/story/1",
        "/static/app.css",
        "/static/app.js",
        "/api/nothing-here",
        "/article/999999",
        "/api/docs",
        "/watch/none.atom",
    ],
)
def test_security_headers_on_every_response(api, path):
    r = api.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "img-src 'self' data:" in CSP and "style-src 'self'" in CSP
    assert "unsafe-inline" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_security_headers_on_refused_writes(api):
    r = api.post("/api/ingest", json={"url": "https://example.org/"})
    assert r.status_code == 401 and r.headers["content-security-policy"] == CSP


# -- articles ------------------------------------------------------------------------------------------


def test_articles_pages_and_filters(api):
    first = api.get("/api/articles", params={"limit": 5}).json()["articles"]
    second = api.get("/api/articles", params={"limit": 5, "offset": 5}).json()["articles"]
    assert len(first) == 5 and len(second) == 5
    assert not {a["id"] for a in first} & {a["id"] for a in second}
    everything = api.get("/api/articles", params={"limit": 1000}).json()["articles"]
    assert [a["id"] for a in everything[:10]] == [a["id"] for a in first + second]
    originals = api.get("/api/articles", params={"limit": 1000, "duplicates": False}).json()["articles"]
    assert len(originals) < len(everything) and all(a["duplicate_of"] is None for a in originals)
    outlet = everything[0]["outlet"]
    by_outlet = api.get("/api/articles", params={"outlet": outlet, "limit": 1000}).json()["articles"]
    assert by_outlet and all(a["outlet"] == outlet for a in by_outlet)
    since = api.get("/api/articles", params={"since": "2020-01-01", "limit": 1000}).json()["articles"]
    assert since and all(a["published"] >= "2020-01-01" for a in since)


def test_one_article_with_its_extraction(api):
    ev = events(api, actor="SRB")[0]
    data = api.get(f"/api/articles/{ev['article_id']}").json()
    assert data["article"]["id"] == ev["article_id"] and data["article"]["text"]
    m = next(m for m in data["mentions"] if m["id"] == ev["id"])
    assert m["evidence_url"] == f"/article/{ev['article_id']}#event-{ev['id']}"
    assert data["article"]["text"][m["trigger_start"] : m["trigger_end"]] == m["trigger_text"]
    assert "quotes" in data and "times" in data


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/999999",
        "/api/events/999999",
        "/api/stories/999999",
        "/api/briefs/999999",
        "/api/actors/ZZZZZZ",
        "/api/dyads/SRB/ZZZZZZ",
        "/api/watchlists/nobody",
        "/api/nothing",
        "/api/actors/%3Cscript%3E",
    ],
)
def test_not_found_is_json_404(api, path):
    r = api.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json") and "detail" in r.json()


@pytest.mark.parametrize(
    "path",
    [
        "/article/999999",
        "/story/999999",
        "/actor/ZZZZZZ",
        "/dyad/AAA/ZZZ",
        "/brief/999999",
        "/watch/nobody",
        "/nothing",
    ],
)
def test_not_found_pages_are_html_404(api, path):
    r = api.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


# -- events ------------------------------------------------------------------------------------------

FILTERS = [
    (
        {"actor": "SRB"},
        lambda e: (e["source_code"] or "").startswith("SRB") or (e["target_code"] or "").startswith("SRB"),
    ),
    ({"source": "KSV"}, lambda e: (e["source_code"] or "").startswith("KSV")),
    ({"target": "SRBGOV"}, lambda e: (e["target_code"] or "").startswith("SRBGOV")),
    ({"dyad": "SRB,KSV"}, lambda e: {e["source_code"][:3], e["target_code"][:3]} == {"SRB", "KSV"}),
    ({"code": "04"}, lambda e: e["root"] == "04"),
    ({"root": "05"}, lambda e: e["root"] == "05"),
    ({"code": "057"}, lambda e: e["code"].startswith("057")),
    ({"quad_class": "4"}, lambda e: e["quad_class"] == 4),
    ({"status": "background"}, lambda e: e["status"] == "background"),
    ({"status": "planned,negated"}, lambda e: e["status"] in ("planned", "negated")),
    ({"since": "2020-01-01"}, lambda e: e["date"] >= "2020-01-01"),
    ({"until": "2010"}, lambda e: e["date"] <= "2010-12-31"),
    ({"since": "2013-04", "until": "2013-04"}, lambda e: e["date"].startswith("2013-04")),
]


@pytest.mark.parametrize("params,check", FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_event_filters(api, params, check):
    rows = events(api, **params)
    assert rows, params
    assert all(check(e) for e in rows), [e for e in rows if not check(e)][:2]
    r = api.get("/api/events", params={**params, "count": "true", "limit": 1})
    assert r.json()["count"] == len(rows)


def test_event_filters_agree_with_the_store(api, live):
    cases = [
        ({"actor": "SRB"}, {"actor": "SRB"}),
        ({"dyad": "SRB,KSV"}, {"dyad": ("SRB", "KSV")}),
        ({"code": "04"}, {"code": "04"}),
        ({"status": "reported"}, {"status": "reported"}),
        ({"quad_class": "1"}, {"quad_class": 1}),
        ({"since": "2015-01-01", "until": "2021-12-31"}, {"since": "2015-01-01", "until": "2021-12-31"}),
    ]
    for params, kwargs in cases:
        ours = sorted(e["id"] for e in events(api, **params))
        theirs = sorted(m["id"] for m in live.store.query_mentions(limit=None, **kwargs))
        assert ours == theirs, params


def test_event_text_article_story_and_event_filters(api, live):
    rows = events(api, text="licence plates")
    hits = {h["id"] for h in live.store.search("licence plates", limit=100)}
    assert rows and {e["article_id"] for e in rows} <= hits
    article = rows[0]["article_id"]
    assert {e["article_id"] for e in events(api, article=article)} == {article}
    story = live.store.stories_of([article])[article]
    in_story = {a["id"] for a in live.store.get_story(story)["articles"]}
    assert {e["article_id"] for e in events(api, story=story)} <= in_story
    event_id = rows[0]["event_id"]
    assert {e["event_id"] for e in events(api, event=event_id)} == {event_id}
    assert api.get(f"/api/events/{event_id}").json()["event"]["id"] == event_id


def test_event_pagination_and_sorts(api):
    page1 = api.get("/api/events", params={"limit": 7}).json()
    page2 = api.get("/api/events", params={"limit": 7, "offset": 7}).json()
    both = api.get("/api/events", params={"limit": 14}).json()
    assert page1["has_more"] and len(page1["events"]) == 7
    assert [e["id"] for e in page1["events"] + page2["events"]] == [e["id"] for e in both["events"]]
    dates = [e["date"] for e in events(api, sort="-date") if e["date"]]
    assert dates == sorted(dates, reverse=True)
    asc = events(api, sort="date")
    dated = [e["date"] for e in asc if e["date"]]
    assert dated == sorted(dated) and all(e["date"] for e in asc[: len(dated)])
    conf = [e["confidence"] for e in events(api, sort="-confidence")]
    assert conf == sorted(conf, reverse=True)
    gold = [e["goldstein"] for e in events(api, sort="goldstein") if e["goldstein"] is not None]
    assert gold == sorted(gold)
    ids = [e["id"] for e in events(api, sort="-id")]
    assert ids == sorted(ids, reverse=True)
    last = api.get("/api/events", params={"limit": 5, "offset": 100000}).json()
    assert last["events"] == [] and not last["has_more"]


@pytest.mark.parametrize(
    "params",
    [
        {"code": "abc"},
        {"dyad": "SRB"},
        {"dyad": "SRB,K<S"},
        {"status": "bogus"},
        {"quad_class": "7"},
        {"limit": "0"},
        {"limit": "5000"},
        {"offset": "-1"},
        {"since": "yesterday"},
        {"sort": "random"},
        {"actor": "SRB GOV"},
    ],
)
def test_bad_event_filters_are_422(api, params):
    r = api.get("/api/events", params=params)
    assert r.status_code == 422, params
    assert "detail" in r.json()


def test_csv_download_streams_the_query(api):
    expected = events(api, actor="SRB")
    with api.stream("GET", "/api/events.csv", params={"actor": "SRB"}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        assert "content-length" not in r.headers  # streamed
        body = "".join(r.iter_text())
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == TABULAR_FIELDS
    assert sorted(int(r["id"]) for r in rows) == sorted(e["id"] for e in expected)
    limited = api.get("/api/events.csv", params={"limit": 3})
    assert len(list(csv.DictReader(io.StringIO(limited.text)))) == 3


def test_jsonl_download_streams_the_query(api):
    expected = events(api, dyad="SRB,KSV", status="reported")
    r = api.get("/api/events.jsonl", params={"dyad": "SRB,KSV", "status": "reported"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert [x["id"] for x in lines] == [e["id"] for e in expected]
    assert set(lines[0]) == set(TABULAR_FIELDS)
    everything = api.get("/api/events.jsonl").text.splitlines()
    assert len(everything) == api.get("/api/events", params={"count": True, "limit": 1}).json()["count"]


def test_csv_cells_cannot_start_formulas(live, api):
    rows = events(api, limit=1)
    from dragoman.web.downloads import csv_chunks

    row = {**rows[0], "source_name": '=HYPERLINK("http://x")', "goldstein": -2.0}
    body = "".join(csv_chunks([row]))
    parsed = next(csv.DictReader(io.StringIO(body)))
    assert parsed["source_name"].startswith("'=") and parsed["goldstein"] == "-2.0"


# -- actors, dyads --------------------------------------------------------------------------------------


def test_actors_list(api):
    data = api.get("/api/actors").json()["actors"]
    codes = [a["code"] for a in data]
    assert "SRBGOV" in codes and "KSV" in codes
    totals = [a["as_source"] + a["as_target"] for a in data]
    assert totals == sorted(totals, reverse=True)
    srb = api.get("/api/actors", params={"q": "srb"}).json()["actors"]
    assert srb and all(a["code"].startswith("SRB") for a in srb)


def test_actor(api, live):
    data = api.get("/api/actors/srbgov").json()
    assert data["code"] == "SRBGOV" and data["label"] == "Serbia's government"
    assert data["counts"]["as_source"] == len(events(api, source="SRBGOV"))
    assert all(e["source_code"].startswith("SRBGOV") for e in data["events_as_source"])
    assert all(e["target_code"].startswith("SRBGOV") for e in data["events_as_target"])
    assert data["counterparts"] and all(not c["code"].startswith("SRBGOV") for c in data["counterparts"])
    chart = data["chart"]
    assert chart["bin"] == "week" and chart["points"]
    from datetime import date

    assert all(date.fromisoformat(p["bucket"]).weekday() == 0 for p in chart["points"])  # Mondays
    assert all(p["cooperation"] >= 0 >= p["conflict"] for p in chart["points"])
    yearly = api.get("/api/actors/SRBGOV", params={"bin": "year"}).json()["chart"]
    assert all(p["bucket"].endswith("-01-01") for p in yearly["points"])
    total = sum(p["events"] for p in yearly["points"]) + yearly["undrawn"]
    with live.store.engine.connect() as conn:
        import sqlalchemy as sa

        expected = conn.execute(
            sa.text(
                "SELECT count(*) FROM events WHERE status IN ('reported', 'background') AND date IS NOT NULL "
                "AND (source_code LIKE 'SRBGOV%' OR target_code LIKE 'SRBGOV%')"
            )
        ).scalar()
    assert total == expected
    assert api.get("/api/actors/SRBGOV", params={"bin": "day"}).status_code == 422


def test_dyad_both_directions(api, live):
    data = api.get("/api/dyads/SRB/KSV", params={"bin": "year"}).json()
    assert data["counts"]["a_to_b"] == len(events(api, source="SRB", target="KSV"))
    assert data["counts"]["b_to_a"] == len(events(api, source="KSV", target="SRB"))
    chart = data["chart"]
    assert chart["a_to_b"]["points"] and chart["b_to_a"]["points"]
    assert data["timeline"] and all(e["evidence"] for e in data["timeline"])
    ev = data["timeline"][0]["evidence"][0]
    assert ev["evidence_url"].startswith(f"/article/{ev['article_id']}")
    only = api.get("/api/dyads/SRB/KSV/chart", params={"bin": "month"}).json()
    assert set(only) == {"a", "b", "bin", "a_to_b", "b_to_a"} and only["bin"] == "month"
    reverse = api.get("/api/dyads/KSV/SRB/chart", params={"bin": "month"}).json()
    assert reverse["a_to_b"] == only["b_to_a"]


# -- stories, timelines, briefs, search -----------------------------------------------------------------


def test_stories(api):
    data = api.get("/api/stories").json()["stories"]
    assert data
    last = [s["last_seen"] for s in data]
    assert last == sorted(last, reverse=True)
    page = api.get("/api/stories", params={"limit": 2, "offset": 1}).json()["stories"]
    assert [s["id"] for s in page] == [s["id"] for s in data[1:3]]
    srb = api.get("/api/stories", params={"actor": "SRB"}).json()["stories"]
    assert srb and all(any(a.startswith("SRB") for a in s["actors"]) for s in srb)
    big = max(data, key=lambda s: s["n_articles"])
    story = api.get(f"/api/stories/{big['id']}").json()
    assert story["id"] == big["id"] and len(story["articles"]) == big["n_articles"]
    assert story["outlets"] and story["timeline"]
    assert story["brief"]["format"] == "dragoman-brief/2"
    assert story["brief_article_id"] in {a["id"] for a in story["articles"]}


def test_timeline(api):
    data = api.get("/api/timeline", params={"dyad": "SRB,KSV"}).json()
    dated = [e["date"] for e in data["entries"] if e["date"]]
    assert dated == sorted(dated)
    assert api.get("/api/timeline", params={"story": 1}).json()["entries"] is not None
    assert api.get("/api/timeline", params={"query": "licence plates"}).json()["entries"]
    assert api.get("/api/timeline").status_code == 422


def test_brief(api):
    article = events(api, actor="SRB")[0]["article_id"]
    brief = api.get(f"/api/briefs/{article}").json()
    assert brief["format"] == "dragoman-brief/2" and brief["article"]["id"] == article
    assert all(f["evidence_url"].startswith("/article/") for f in brief["facts"])


def test_search(api):
    data = api.get("/api/search", params={"q": "licence plates"}).json()
    assert data["articles"]
    assert all("\x02" not in h["snippet"] and "\x03" not in h["snippet"] for h in data["articles"])
    assert any("\x02" in h["snippet_marked"] for h in data["articles"])
    assert api.get("/api/search", params={"q": "   "}).json()["articles"] == []
    assert api.get("/api/search", params={"q": "Vucic"}).json()["people"]


def test_html_pages_link_their_json_twin(api):
    story = api.get("/api/stories").json()["stories"][0]["id"]
    article = events(api, actor="SRB")[0]["article_id"]
    pairs = [
        ("/", "/api"),
        (f"/story/{story}", f"/api/stories/{story}"),
        (f"/article/{article}", f"/api/articles/{article}"),
        ("/actor/SRBGOV", "/api/actors/SRBGOV"),
        ("/dyad/SRB/KSV", "/api/dyads/SRB/KSV"),
        ("/search?q=plates", "/api/search?q=plates"),
        ("/events?actor=SRB", "/api/events?actor=SRB"),
        (f"/brief/{article}", f"/api/briefs/{article}"),
        ("/watch", "/api/watchlists"),
        ("/actors", "/api/actors"),
        ("/stories", "/api/stories"),
    ]
    for page, twin in pairs:
        html = api.get(page)
        assert html.status_code == 200, page
        assert f'<link rel="alternate" type="application/json" href="{twin}">' in html.text, page
        assert api.get(twin).status_code == 200, twin


def test_pages_have_no_inline_script_or_style(api):
    story = api.get("/api/stories").json()["stories"][0]["id"]
    article = events(api, actor="SRB")[0]["article_id"]
    for path in [
        "/",
        f"/story/{story}",
        f"/article/{article}",
        "/actor/SRBGOV",
        "/dyad/SRB/KSV",
        "/events",
        "/search?q=plates",
        "/watch",
        "/api/docs",
        f"/brief/{article}",
        "/nothing",
    ]:
        html = api.get(path).text
        assert all(re.search(r'\ssrc="/static/', tag) for tag in re.findall(r"<script[^>]*>", html)), path
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html, re.I), path


# -- writes: the token rule, SSRF --------------------------------------------------------------------------


def test_read_only_server_refuses_every_write(readonly):
    with readonly.client() as c:
        assert c.post("/api/ingest", json={"url": "https://example.org/"}).status_code == 403
        assert c.post("/api/ingest", json={"url": "https://example.org/"}, headers=auth()).status_code == 403
        assert (
            c.post("/api/watchlists", json={"name": "x", "actors": ["SRB"]}, headers=auth()).status_code
            == 403
        )
        assert c.delete("/api/watchlists/x", headers=auth()).status_code == 403
        r = c.post("/watch", data={"name": "x", "actors": "SRB", "token": TOKEN})
        assert r.status_code == 403 and "read-only" in r.text
        assert "read-only" in c.get("/watch").text
    assert readonly.store.list_watchlists() == []


def test_token_is_required_and_checked(api, live):
    assert api.post("/api/ingest", json={"url": "https://example.org/"}).status_code == 401
    assert (
        api.post("/api/ingest", json={"url": "https://example.org/"}, headers=auth("wrong")).status_code
        == 403
    )
    assert (
        api.post(
            "/api/ingest", json={"url": "https://example.org/"}, headers={"Authorization": f"Basic {TOKEN}"}
        ).status_code
        == 401
    )
    assert api.post("/api/watchlists", json={"name": "t", "actors": ["SRB"]}).status_code == 401
    assert (
        api.post("/api/watchlists", json={"name": "t", "actors": ["SRB"]}, headers=auth("wrong")).status_code
        == 403
    )
    assert api.post("/watch", data={"name": "t", "actors": "SRB", "token": "wrong"}).status_code == 403
    assert api.post("/watch", data={"name": "t", "actors": "SRB"}).status_code == 401
    assert live.store.get_watchlist("t") is None


@pytest.fixture
def listener():
    """A TCP listener on 127.0.0.1 that records whether anyone connected (nobody should)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.2)
    yield sock
    sock.close()


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/article",
        "http://10.1.2.3/a",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://localhost:{port}/",
        "http://0.0.0.0:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://2130706433:{port}/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://100.64.0.1/",
    ],
)
def test_ingest_refuses_private_addresses(api, listener, target):
    url = target.format(port=listener.getsockname()[1])
    r = api.post("/api/ingest", json={"url": url}, headers=auth())
    assert r.status_code == 400, r.text
    assert "refused" in r.json()["detail"] or "non-public" in r.json()["detail"]
    with pytest.raises(TimeoutError):
        listener.accept()  # nothing was fetched


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "/etc/passwd",
        "javascript:alert(1)",
        "examples/corpus/articles.jsonl",
    ],
)
def test_ingest_refuses_non_http_urls(api, url):
    r = api.post("/api/ingest", json={"url": url}, headers=auth())
    assert r.status_code == 400 and "http" in r.json()["detail"]


def test_guarded_transport_checks_every_hop(listener):
    port = listener.getsockname()[1]
    with (
        httpx.Client(transport=guarded_transport(AddressPolicy())) as client,
        pytest.raises(httpx.ConnectError, match="refused"),
    ):
        client.get(f"http://127.0.0.1:{port}/")  # as a redirect target would be fetched


def test_ingest_url_when_private_urls_are_allowed(tmp_path, site):
    server = LiveServer(
        Settings(
            db=str(tmp_path / "ingest.db"),
            token=TOKEN,
            allow_private_urls=True,
            host_delay=0.0,
            connect_timeout=2.0,
            read_timeout=5.0,
        )
    )
    try:
        with server.client() as c:
            url = site.url("/articles/ohrid-annex.html")
            r = c.post("/api/ingest", json={"url": url}, headers=auth())
            assert r.status_code == 200, r.text
            data = r.json()
            assert data["results"][0]["status"] == "new" and data["coded"][0]["events"] > 0
            article = data["articles"][0]["id"]
            assert c.get(f"/api/articles/{article}").json()["mentions"]
            again = c.post("/api/ingest", json={"url": url}, headers=auth()).json()
            assert again["results"][0]["status"] == "duplicate" and again["articles"] == []
    finally:
        server.close()


# -- watchlists through the API -------------------------------------------------------------------------


def test_watchlist_api(api, live, listener):
    r = api.post(
        "/api/watchlists",
        headers=auth(),
        json={"name": "serbia-kosovo", "dyads": [["SRB", "KSV"]], "codes": ["05", "057"]},
    )
    assert r.status_code == 201, r.text
    assert r.json()["feed"] == "/watch/serbia-kosovo.atom"
    assert (
        api.post(
            "/api/watchlists", headers=auth(), json={"name": "serbia-kosovo", "actors": ["SRB"]}
        ).status_code
        == 400
    )
    for bad in [
        {"name": "bad name", "actors": ["SRB"]},
        {"name": "empty"},
        {"name": "c", "codes": ["x1"]},
        {"name": "d", "dyads": [["SRB"]]},
        {"name": "w", "actors": ["SRB"], "webhook": "ftp://x/"},
        {"name": "w2", "actors": ["SRB"], "webhook": f"http://127.0.0.1:{listener.getsockname()[1]}/"},
    ]:
        assert api.post("/api/watchlists", headers=auth(), json=bad).status_code in (400, 422), bad
    listed = api.get("/api/watchlists").json()["watchlists"]
    assert [w["name"] for w in listed] == ["serbia-kosovo"]
    one = api.get("/api/watchlists/serbia-kosovo").json()
    assert one["matches"]
    for m in one["matches"]:
        assert {m["source_code"][:3], m["target_code"][:3]} == {"SRB", "KSV"} and m["root"] == "05"
    assert api.delete("/api/watchlists/serbia-kosovo").status_code == 401
    assert api.delete("/api/watchlists/serbia-kosovo", headers=auth()).status_code == 200
    assert api.get("/api/watchlists/serbia-kosovo").status_code == 404
    assert api.delete("/api/watchlists/serbia-kosovo", headers=auth()).status_code == 404


def test_watchlist_forms(api, live):
    r = api.post(
        "/watch", data={"name": "plates", "queries": "licence plates", "actors": "SRB KSV", "token": TOKEN}
    )
    assert r.status_code == 303 and r.headers["location"] == "/watch/plates"
    page = api.get("/watch/plates")
    assert page.status_code == 200 and "/watch/plates.atom" in page.text
    bad = api.post("/watch", data={"name": "plates", "actors": "SRB", "token": TOKEN})
    assert bad.status_code == 400 and "exists already" in bad.text and TOKEN not in bad.text
    assert api.post("/watch/plates/delete", data={"token": "wrong"}).status_code == 403
    assert api.post("/watch/plates/delete", data={"token": TOKEN}).status_code == 303
    assert live.store.get_watchlist("plates") is None


# -- the chart rollup (kept by triggers) agrees with the events table ------------------------------------


def _series(store, rollup: bool, **args) -> list:
    out = []
    for bin in ("week", "month", "year"):
        s = store.goldstein_series(bin=bin, rollup=rollup, **args)
        out.append(
            (
                s["undrawn"],
                [
                    (p["bucket"], p["events"], round(p["cooperation"], 3), round(p["conflict"], 3))
                    for p in s["points"]
                ],
            )
        )
    return out


ROLLUP_CASES = [
    {"source": "SRB", "target": "KSV"},
    {"source": "KSV", "target": "SRB"},
    {"actor": "SRB"},
    {"actor": "IGO"},
    {"source": "KSV"},
    {"target": "SRB"},
]


def test_chart_rollup_agrees_with_events(live):
    for args in ROLLUP_CASES:
        assert _series(live.store, True, **args) == _series(live.store, False, **args), args


def test_chart_rollup_follows_recoding_and_migration(tmp_path_factory):
    """Recoding updates and deletes events (the triggers follow); a store migrated from 0003 is backfilled."""
    from alembic import command

    from dragoman.extract import Extractor
    from dragoman.process import process_store
    from dragoman.store import open_store
    from dragoman.store.engine import alembic_config

    db = corpus_db(tmp_path_factory, "rollup")
    with open_store(db) as store:
        before = {i: _series(store, False, **a) for i, a in enumerate(ROLLUP_CASES)}
        ids = [a["id"] for a in store.list_articles(limit=4, include_duplicates=False)]
        with store.engine.begin() as conn:  # shift events around, as relinking does
            conn.exec_driver_sql("UPDATE events SET status = 'planned' WHERE id % 7 = 0")
            conn.exec_driver_sql("UPDATE events SET date = substr(date, 1, 7) WHERE id % 5 = 0")
            conn.exec_driver_sql("UPDATE events SET source_code = 'KSVGOV' WHERE id % 11 = 0")
        process_store(store, Extractor(), recode=True, article_ids=ids)
        for a in ROLLUP_CASES:
            assert _series(store, True, **a) == _series(store, False, **a), a
        changed = {i: _series(store, False, **a) for i, a in enumerate(ROLLUP_CASES)}
        assert changed != before
        cfg = alembic_config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
            assert (
                conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'chart_rollup'"
                ).scalar()
                == 0
            )
            conn.exec_driver_sql("UPDATE events SET goldstein = -goldstein WHERE id % 3 = 0")
            command.upgrade(cfg, "head")
        for a in ROLLUP_CASES:
            assert _series(store, True, **a) == _series(store, False, **a), a


def test_big_request_bodies_are_refused(api):
    big = "x" * 300_000
    r = api.post("/api/ingest", content=json.dumps({"url": big}), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.headers["content-security-policy"] == CSP

    def chunks():
        for _ in range(40):
            yield b"x" * 10_000

    r = api.post("/watch", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
