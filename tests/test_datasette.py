"""The store opens in datasette, the tool people reach for to query SQLite, with search working."""

import asyncio
from pathlib import Path

import pytest
from corpus import corpus_db

from dragoman.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return corpus_db(tmp_path_factory, "datasette")


def test_datasette_finds_the_full_text_index_and_searches_articles(db):
    from datasette.app import Datasette

    with open_store(db, create=False) as store:
        expected = sorted(h["id"] for h in store.search("licence plates", limit=100))
    assert expected

    async def browse():
        ds = Datasette([db])
        await ds.invoke_startup()
        name = Path(db).stem
        assert await ds.get_database(name).fts_table("articles") == "articles_fts"
        found = await ds.client.get(f"/{name}/articles.json?_search=licence+plates&_shape=array&_col=title")
        page = await ds.client.get(f"/{name}/articles")
        return found, page

    found, page = asyncio.run(browse())
    assert found.status_code == 200
    assert sorted(r["id"] for r in found.json()) == expected
    assert page.status_code == 200 and 'name="_search"' in page.text  # the search box is offered
