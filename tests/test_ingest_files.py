"""Ingesting local files: the seed, HTML, JSON/JSONL, folders, WARC, and bad files."""

import gzip
import io
import json

from dragoman.ingest import Ingestor


def ingest(store, settings, *inputs, published=None, as_kind="auto"):
    with Ingestor(store, settings, published=published) as ing:
        return list(ing.ingest([str(i) for i in inputs], as_kind))


def test_seed_keeps_title_outlet_and_heading(store, settings, seed_path):
    [result] = ingest(store, settings, seed_path, published="2025-02-24")
    assert result.status == "new"
    art = store.get_article(result.article_id)
    assert art["title"] == "Serbia and EU Discuss Reviving Dialogue with Kosovo"
    assert art["outlet"] == "n1info.rs"
    assert art["url"] == "https://n1info.rs"
    assert art["published"] == "2025-02-24" and art["published_precision"] == "day"
    headings = [art["text"][s:e] for kind, s, e in art["blocks"] if kind == "heading"]
    assert headings == ["Background on Serbia-Kosovo Relations"]
    # the heading is its own block, not glued to the sentence before or after
    assert "Metohija.\n\nBackground on Serbia-Kosovo Relations\n\nFor those" in art["text"]
    assert not art["text"].startswith("**") and "Read More" not in art["text"]
    assert art["language"] == "en"


def test_seed_shaped_article_keeps_title_outlet_and_heading(store, settings, article_path):
    from conftest import ARTICLE_TITLE

    [result] = ingest(store, settings, article_path, published="2010-07-23")
    art = store.get_article(result.article_id)
    assert art["title"] == ARTICLE_TITLE
    assert art["outlet"] == "danubedispatch.example" and art["url"] == "https://danubedispatch.example"
    assert art["published"] == "2010-07-23" and art["published_precision"] == "day"
    headings = [art["text"][s:e] for kind, s, e in art["blocks"] if kind == "heading"]
    assert headings == ["Background on the Advisory Opinion"]
    assert "opinion.\n\nBackground on the Advisory Opinion\n\nKosovo declared" in art["text"]
    assert not art["text"].startswith("**") and "Read More" not in art["text"]


def test_same_file_twice_adds_nothing(store, settings, article_path):
    first = ingest(store, settings, article_path)
    second = ingest(store, settings, article_path)
    assert [r.status for r in first] == ["new"]
    assert [r.status for r in second] == ["duplicate"]
    assert second[0].article_id == first[0].article_id
    assert store.article_count() == 1


def test_undated_text_has_no_invented_date(store, settings, article_path):
    [result] = ingest(store, settings, article_path)
    art = store.get_article(result.article_id)
    assert art["published"] is None and art["published_precision"] is None


def test_html_file_metadata(store, settings, tmp_path, site):
    from stories import STORIES

    page = tmp_path / "page.html"
    page.write_text(STORIES[0].html("Test Gazette", "https://gazette.example"), encoding="utf-8")
    [result] = ingest(store, settings, page)
    art = store.get_article(result.article_id)
    assert art["title"] == STORIES[0].title
    assert art["canonical_url"] == "https://gazette.example/articles/brussels-agreement.html"
    assert art["outlet"] == "gazette.example"
    assert art["outlet_name"] == "Test Gazette"
    assert art["published"].startswith("2013-04-20") and art["published_precision"] == "day"
    assert art["authors"] == ["Staff reporter"]
    assert "initialled the First Agreement" in art["text"]
    # boilerplate stays out
    assert "cookies" not in art["text"] and "All rights reserved" not in art["text"]
    assert "Markets close higher" not in art["text"]
    raw = store.get_article(result.article_id, with_raw=True)["raw"]
    assert raw.startswith(b"<!DOCTYPE html>")


def test_jsonl_objects_and_bad_lines(store, settings, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"url": "https://wire.example/a?utm_source=x", "title": "A", "published": "2023-02-27",
                    "text": "EU foreign policy chief Josep Borrell hosted Serbian President Aleksandar Vucic and "
                            "Kosovo Prime Minister Albin Kurti in Brussels on Monday for talks on the EU proposal."}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": "<html><body><article><p>" + "Kosovo Serb officials left Kosovo's institutions in "
                    "November 2022 in a dispute over licence plates. " * 3 + "</p></article></body></html>",
                    "url": "https://wire.example/b", "published": "2022-11"}),
        json.dumps({"text": "Serbia and Kosovo met in Brussels for talks facilitated by the EU.",
                    "published": "2023-02-30"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = ingest(store, settings, path)
    assert [r.status for r in results] == ["new", "failed", "failed", "new", "failed"]
    assert results[1].input_ref.endswith("batch.jsonl:2") and "invalid JSON" in results[1].reason
    assert "no 'text' or 'html'" in results[2].reason
    assert "not a valid date" in results[4].reason
    a = store.get_article(results[0].article_id)
    assert a["canonical_url"] == "https://wire.example/a" and a["outlet"] == "wire.example"
    assert a["title"] == "A" and a["published"] == "2023-02-27"
    b = store.get_article(results[3].article_id)
    assert b["published"] == "2022-11" and b["published_precision"] == "month"


def test_folder_is_read_recursively(store, settings, tmp_path, article_path):
    sub = tmp_path / "in" / "deeper"
    sub.mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(article_path.read_text(encoding="utf-8"), encoding="utf-8")
    (sub / "b.md").write_text("# Talks resume\n\nThe EU said on Monday that the two delegations would meet in "
                              "Brussels again to discuss energy and freedom of movement.", encoding="utf-8")
    (sub / "ignored.bin").write_bytes(b"\x00\x01")
    results = ingest(store, settings, tmp_path / "in")
    assert sorted(r.status for r in results) == ["new", "new"]
    from conftest import ARTICLE_TITLE

    titles = {store.get_article(r.article_id)["title"] for r in results}
    assert titles == {ARTICLE_TITLE, "Talks resume"}


def test_bad_files_fail_with_reasons_and_batch_goes_on(store, settings, tmp_path, article_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01" * 50)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Pri\u0161tina talks".encode("utf-16"))
    nobody = tmp_path / "nobody.html"
    nobody.write_text("<html><head><title>x</title></head><body><nav>Home | News</nav></body></html>")
    huge = tmp_path / "huge.txt"
    settings.max_file_bytes = 6000
    huge.write_text("word " * 2000)
    results = ingest(store, settings, tmp_path / "missing.txt", empty, binary, latin, nobody, huge, article_path)
    reasons = {r.input_ref.rsplit("/", 1)[-1]: (r.status, r.reason) for r in results}
    assert reasons["missing.txt"] == ("failed", "no such file or directory")
    assert reasons["empty.txt"] == ("failed", "empty file")
    assert reasons["photo.txt"][1].startswith("binary file")
    assert reasons["latin.txt"][1].startswith(("binary file", "undecodable bytes"))
    assert reasons["nobody.html"][1].startswith("no article text")
    assert reasons["huge.txt"][1].startswith("file too large")
    assert results[-1].status == "new"
    log = store.ingest_log(limit=20)
    assert sum(1 for row in log if row["status"] == "failed") == 6


def test_warc_archive(store, settings, tmp_path):
    from stories import STORIES
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for story in STORIES[:2]:
            url = f"https://news.example/articles/{story.slug}.html"
            body = story.html("News Example", "https://news.example").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=img))
    results = ingest(store, settings, path)
    assert [r.status for r in results] == ["new", "new"]
    urls = {store.get_article(r.article_id)["canonical_url"] for r in results}
    assert urls == {f"https://news.example/articles/{s.slug}.html" for s in STORIES[:2]}
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(gzip.compress(b"this is not a warc"))
    [bad] = ingest(store, settings, broken)
    assert bad.status == "failed" and "WARC" in bad.reason


def test_the_seed_shaped_fixture_is_the_corpus_article(article_path):
    """`make demo` ends with this article's brief: the fixture and the sample corpus must not drift apart."""
    corpus = article_path.parents[2] / "examples" / "corpus" / "text" / "2010-07-23-danubedispatch-icj-opinion-reactions.txt"
    assert corpus.read_text(encoding="utf-8") == article_path.read_text(encoding="utf-8")
