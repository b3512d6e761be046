"""The OpenAPI document types every JSON response, and real responses match what it says."""

import jsonschema
import pytest
from corpus import corpus_db
from fastapi.testclient import TestClient
from stories import STORIES

from dragoman.config import Settings
from dragoman.store import open_store
from dragoman.web import create_app

TOKEN = "openapi-test-token-0123456789"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = corpus_db(tmp_path_factory, "openapi")
    app = create_app(Settings(db=db, token=TOKEN, allow_private_urls=True, host_delay=0.0), start_deliverer=False)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def spec(client):
    return client.get("/api/openapi.json").json()


def _schema(spec: dict, path: str, method: str = "get", status: str = "200") -> dict:
    content = spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    return {**content, "components": spec["components"]}


def check(client, spec, template: str, url: str, method: str = "get", status: int = 200, **kw) -> dict:
    response = client.request(method.upper(), url, **kw)
    assert response.status_code == status, (url, response.text[:300])
    validator = jsonschema.Draft202012Validator(_schema(spec, template, method, str(status)))
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.absolute_path))
    assert not errors, f"{url}: {'/'.join(map(str, errors[0].absolute_path))}: {errors[0].message}"
    return response.json()


def test_every_json_response_has_a_schema(spec):
    typed = 0
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for status, response in op["responses"].items():
                content = response.get("content", {}).get("application/json")
                if content is None or not status.startswith("2"):
                    continue
                assert content["schema"].get("$ref") or content["schema"].get("type"), f"{method} {path} {status}"
                typed += 1
    assert typed >= 19
    event_row = spec["components"]["schemas"]["EventRow"]
    assert event_row["additionalProperties"] is False and event_row["properties"]["confidence"]["anyOf"][0] == {
        "type": "number"}


def test_real_responses_match_the_schema(client, spec):
    home = check(client, spec, "/api", "/api")
    check(client, spec, "/api/articles", "/api/articles?limit=1000")
    events = check(client, spec, "/api/events", "/api/events?limit=200&count=true")
    assert events["count"] > 100
    for e in {e["event_id"] for e in events["events"]}:
        check(client, spec, "/api/events/{event_id}", f"/api/events/{e}")
    check(client, spec, "/api/actors", "/api/actors")
    for code in ("SRB", "KSVGOV", "IGOEUREEC"):
        check(client, spec, "/api/actors/{code}", f"/api/actors/{code}")
    check(client, spec, "/api/dyads/{a}/{b}", "/api/dyads/SRB/KSV?bin=month")
    check(client, spec, "/api/dyads/{a}/{b}/chart", "/api/dyads/SRB/KSV/chart?bin=year")
    stories = check(client, spec, "/api/stories", "/api/stories?limit=1000")
    for s in stories["stories"]:
        check(client, spec, "/api/stories/{story_id}", f"/api/stories/{s['id']}")
    check(client, spec, "/api/timeline", "/api/timeline?dyad=SRB,KSV")
    with open_store(client.app.state.settings.db, create=False) as store:
        ids = [a["id"] for a in store.list_articles(limit=1000)]
    for article_id in ids:
        check(client, spec, "/api/articles/{article_id}", f"/api/articles/{article_id}")
        check(client, spec, "/api/briefs/{article_id}", f"/api/briefs/{article_id}")
    found = check(client, spec, "/api/search", "/api/search?q=Kosovo")
    assert found["articles"] and home["counts"]["events"] > 0
    check(client, spec, "/api/events/{event_id}", "/api/events/999999", status=404)
    check(client, spec, "/api/events", "/api/events?limit=0", status=422)


def test_watchlist_and_ingest_responses_match_the_schema(client, spec, site):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    made = check(client, spec, "/api/watchlists", "/api/watchlists", "post", 201, headers=auth,
                 json={"name": "schema", "dyads": [["SRB", "KSV"]], "codes": ["04"]})
    assert made["name"] == "schema"
    listed = check(client, spec, "/api/watchlists", "/api/watchlists")
    assert [w["name"] for w in listed["watchlists"]] == ["schema"]
    page = check(client, spec, "/api/watchlists/{name}", "/api/watchlists/schema")
    assert page["matches"]
    ingested = check(client, spec, "/api/ingest", "/api/ingest", "post", headers=auth,
                     json={"url": site.url(f"/articles/{STORIES[0].slug}.html")})
    assert ingested["results"][0]["status"] == "new" and ingested["coded"][0]["events"] > 0
    check(client, spec, "/api/watchlists/{name}", "/api/watchlists/schema", "delete", headers=auth)
    check(client, spec, "/api/watchlists/{name}", "/api/watchlists/schema", "delete", 404, headers=auth)
