"""The sample corpus ingested into any store, and what a coded store holds, in a form that compares
across stores (no row ids: articles by URL or text hash, events by their mentions, stories by articles)."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from dragoman.cli import app, commands  # noqa: F401 - registers the sub-commands
from dragoman.store import open_store
from dragoman.store.schema import articles, events, mentions, stories

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def ingest_corpus(db: str) -> None:
    """Every article of examples/corpus, in the demo's order."""
    inputs = [str(CORPUS / "html"), str(CORPUS / "feed.xml"), str(CORPUS / "articles.jsonl")]
    assert cli("--db", db, "ingest", *inputs).exit_code == 0
    for file, day in json.loads((CORPUS / "dates.json").read_text()).items():
        assert cli("--db", db, "ingest", "--published", day, str(CORPUS / "text" / file)).exit_code == 0


def snapshot(db: str) -> dict:
    """Articles, mentions, events and stories of a store, keyed by content, not by row id."""
    with open_store(db, create=False) as store, store.engine.connect() as conn:
        arts = {r.id: r for r in conn.execute(sa.select(articles))}
        key = {i: (r.canonical_url or r.url or "", r.content_hash) for i, r in arts.items()}
        ms = conn.execute(sa.select(mentions)).mappings().all()
        mkey = {m["id"]: (key[m["article_id"]], m["sentence_index"], m["trigger_start"], m["code"],
                          m["source_code"], m["target_code"], m["date"], m["status"], m["confidence"])
                for m in ms}
        by_event: dict = {}
        for m in ms:
            by_event.setdefault(m["event_id"], []).append(mkey[m["id"]])
        evs = {e.id: e for e in conn.execute(sa.select(events))}
        story_of: dict = {}
        for i, r in arts.items():
            story_of.setdefault(r.story_id, set()).add(key[i])
        titles = {s.id: s.title for s in conn.execute(sa.select(stories))}
        return {
            "articles": sorted((key[i], r.title, r.published, key.get(r.duplicate_of), r.coded_at is not None,
                                r.code_error, r.claimed_by) for i, r in arts.items()),
            "mentions": sorted(mkey.values(), key=repr),
            "events": sorted(((e.code, e.source_code, e.target_code, e.date, e.status, e.n_mentions, e.n_articles,
                               sorted(by_event.get(e.id, []), key=repr)) for e in evs.values()), key=repr),
            "unlinked": len(by_event.get(None, ())),
            "stories": sorted(((titles.get(sid), sorted(members)) for sid, members in story_of.items()), key=repr),
        }
