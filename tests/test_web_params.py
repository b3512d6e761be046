"""Out-of-range query and path parameters are a 422 (or a 404), never a 500: every GET route is probed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dragoman.config import Settings
from dragoman.web import create_app

HUGE = [str(2**63), str(2**64), "9" * 5000, "-1", "x" * 5000]
PARAMS = ("offset", "limit", "story", "article", "event", "q", "text", "query", "since", "until", "dyad",
          "outlet", "actor", "code", "status", "sort", "bin", "count", "statements")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = Settings(db=str(tmp_path_factory.mktemp("params") / "p.db"), token="t")
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield app, c


def _get_paths(app) -> list[str]:
    paths: list[str] = []

    def walk(routes):
        for r in routes:
            if hasattr(r, "original_router"):
                walk(r.original_router.routes)
            elif "GET" in (getattr(r, "methods", None) or ()):
                paths.append(r.path)

    walk(app.routes)
    return paths


@pytest.mark.parametrize("path", ["/events", "/api/events", "/api/search?q=x&", "/api/articles", "/api/stories",
                                  "/stories", "/search?q=x&"])
def test_offset_beyond_64_bits_is_422(client, path):
    _, c = client
    sep = "" if path.endswith("&") else "?"
    r = c.get(f"{path}{sep}offset={2**63}")
    assert r.status_code == 422, r.text


def test_no_parameter_value_makes_a_500(client):
    app, c = client
    paths = _get_paths(app)
    assert len(paths) > 20
    failures = []
    for path in paths:
        for value in HUGE:
            url = path
            for segment in [s for s in path.split("/") if s.startswith("{")]:
                url = url.replace(segment, value)
            for name in (None, *PARAMS):
                r = c.get(url, params={name: value} if name else None)
                if r.status_code >= 500:
                    failures.append((url[:60], name, value[:12], r.status_code))
    assert failures == []


def test_huge_ids_are_refused_not_overflowed(client):
    _, c = client
    for path in (f"/api/articles/{2**64}", f"/article/{2**63}", f"/api/events/{2**64}", f"/story/{2**64}",
                 f"/api/timeline?story={2**64}", f"/api/events.csv?limit={2**64}"):
        assert c.get(path).status_code == 422, path
