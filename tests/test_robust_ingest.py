"""One bad item never loses the good items after it: folders, JSONL, JSON, WARC, feeds, sitemaps, OPML.

Each test puts the issue's reproducers between good articles and checks that every good one is stored
and every bad one has one failure line naming the input, the item and the reason."""

from __future__ import annotations

import io
import json
import re

import pytest
from fakesite import Fault
from stories import STORIES

from dragoman.ingest import Ingestor

GOOD = [s for s in STORIES[:4]]


def ingest(store, settings, *inputs, as_kind="auto"):
    with Ingestor(store, settings) as ing:
        return list(ing.ingest([str(i) for i in inputs], as_kind))


def text_of(story) -> str:
    return "\n\n".join(story.paragraphs)


def stored_titles(store) -> set[str]:
    return {a["title"] for a in store.list_articles(limit=100)}


def test_jsonl_bad_lines_lose_nothing(store, settings, tmp_path):
    lines = [
        json.dumps({"title": GOOD[0].title, "text": text_of(GOOD[0]), "published": "2013-04-20"}),
        '{"title": "huge", "text": "x", "n": ' + "9" * 5000 + "}",  # int over 4,300 digits
        "[" * 100_000 + "]" * 100_000,  # 100k-deep array
        json.dumps({"title": GOOD[1].title, "text": text_of(GOOD[1]) + " \ud800 end."}),  # lone surrogate
        json.dumps({"title": GOOD[2].title, "text": text_of(GOOD[2]), "published": "x" * 100_000}),
        json.dumps({"title": GOOD[3].title, "text": text_of(GOOD[3]), "published": 10**20}),
        json.dumps({"title": "javascript", "text": text_of(STORIES[4]), "url": "javascript:alert(1)"}),
    ]
    path = tmp_path / "mixed.jsonl"
    last = json.dumps({"title": "last", "text": text_of(GOOD[2])})
    path.write_bytes("\n".join(lines).encode() + b"\n" + b'{"text": "\xff\xfe"}\n' + last.encode())
    results = ingest(store, settings, path)
    by_ref = {r.input_ref: r for r in results}
    assert by_ref[f"{path}:1"].status == "new"
    assert by_ref[f"{path}:2"].status == "failed" and "number too long" in by_ref[f"{path}:2"].reason
    assert by_ref[f"{path}:3"].status == "failed" and "nested too deeply" in by_ref[f"{path}:3"].reason
    assert by_ref[f"{path}:4"].status == "new"  # the lone surrogate becomes U+FFFD, the article is kept
    assert by_ref[f"{path}:5"].status == "failed" and "too long for a date" in by_ref[f"{path}:5"].reason
    assert by_ref[f"{path}:6"].status == "failed" and "published" in by_ref[f"{path}:6"].reason
    assert by_ref[f"{path}:7"].status == "new"
    assert by_ref[f"{path}:8"].status == "failed" and "not UTF-8" in by_ref[f"{path}:8"].reason
    assert by_ref[f"{path}:9"].status == "new"
    assert {GOOD[0].title, GOOD[1].title, "last"} <= stored_titles(store)
    kept = store.get_article(by_ref[f"{path}:4"].article_id)
    assert "\ufffd end." in kept["text"]
    js = store.get_article(by_ref[f"{path}:7"].article_id)
    assert js["url"] is None and js["canonical_url"] is None
    for r in results:
        assert "\n" not in (r.reason or "")


def test_folder_with_bad_files_keeps_the_good_ones(store, settings, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(GOOD[0].html("Gazette", "https://gazette.example"))
    (folder / "b.json").write_text("[" * 50_000 + "]" * 50_000)
    (folder / "c.jsonl").write_text('{"text": ' + "1" * 6000 + "}\n" + json.dumps({"text": text_of(GOOD[1])}))
    (folder / "d.html").write_bytes(b"<html><body><div " + b" ".join(b"a%d=x" % i for i in range(5000))
                                    + b">x</div></body></html>")
    (folder / "e.html").write_text(GOOD[2].html("Gazette", "https://gazette.example"))
    results = ingest(store, settings, folder)
    statuses = {r.input_ref: r.status for r in results}
    assert statuses[str(folder / "a.html")] == "new" and statuses[str(folder / "e.html")] == "new"
    assert statuses[str(folder / "b.json")] == "failed"
    assert statuses[str(folder / "c.jsonl") + ":1"] == "failed"
    assert statuses[str(folder / "c.jsonl") + ":2"] == "new"
    bad_page = next(r for r in results if r.input_ref == str(folder / "d.html"))
    assert bad_page.status == "failed" and "more than 1000 attributes" in bad_page.reason
    assert {GOOD[0].title, GOOD[2].title} <= stored_titles(store)


def _warc_record(writer, url: str, body: bytes, ctype: str = "text/html; charset=utf-8"):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def test_warc_corrupt_member_and_odd_target_uris(store, settings, tmp_path):
    from warcio.warcwriter import WARCWriter

    members = []
    for i, (story, uri) in enumerate([(STORIES[0], "https://news.example/a.html"),
                                      (STORIES[1], "https://news.example/b.html"),
                                      (STORIES[2], "javascript:alert(document.cookie)"),
                                      (STORIES[3], None),
                                      (STORIES[4], "https://news.example/e.html")]):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=True)
        record = _warc_record(writer, uri or "https://placeholder.example/", story.html("News", "https://n.example")
                              .replace('<link rel="canonical" href="https://n.example/articles/', '<link href="')
                              .encode())
        if uri is None:
            record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)
        data = buf.getvalue()
        if i == 1:  # corrupt the compressed body of the second member
            data = data[:40] + bytes(b ^ 0x5A for b in data[40:200]) + data[200:]
        members.append(data)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(members))
    results = ingest(store, settings, path)
    new = [r for r in results if r.status == "new"]
    failed = [r for r in results if r.status == "failed"]
    titles = stored_titles(store)
    assert {STORIES[0].title, STORIES[2].title, STORIES[4].title} <= titles
    assert STORIES[1].title not in titles and STORIES[3].title not in titles
    # the corrupt member and the record warcio cannot parse (no target URI): one line each, nothing lost
    assert len(new) == 3 and len(failed) == 2
    for r in failed:
        assert r.input_ref.startswith(f"{path}@") and "unreadable WARC record at byte" in r.reason
        assert r.reason.isprintable()
    for r in new:
        art = store.get_article(r.article_id)
        assert art["url"] is None or art["url"].startswith("https://news.example/")
    js = next(r for r in new if "javascript:" in r.input_ref)
    assert store.get_article(js.article_id)["url"] is None


def _rss(items: str, declaration: bytes = b"<?xml version='1.0' encoding='utf-8'?>") -> bytes:
    return declaration + (f"<rss version='2.0'><channel><title>T</title><link>https://n.example/</link>"
                          f"{items}</channel></rss>").encode()


def _item(story, link: str, content: str | None = None) -> str:
    body = content if content is not None else "".join(f"<p>{p}</p>" for p in story.paragraphs)
    return (f"<item><title>{story.title}</title><link>{link}</link><pubDate>Mon, 24 Feb 2025 08:00:00 GMT</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>")


def test_feed_comment_only_item_and_control_character_link(store, settings, tmp_path):
    settings.feed_full_content_min_chars = 200
    # (the comment-only entries are fetched from their link: a closed port on 127.0.0.1, no traffic elsewhere)
    items = (_item(STORIES[0], "https://n.example/a.html")
             + _item(STORIES[1], "http://127.0.0.1:1/b.html", content="<!-- nothing but a comment -->")
             + _item(STORIES[2], "http://127.0.0.1:1/c&#1;.html", content="<!-- -->")
             + _item(STORIES[3], "https://n.example/d.html"))
    path = tmp_path / "feed.rss"
    path.write_bytes(_rss(items))
    results = ingest(store, settings, path)
    assert {STORIES[0].title, STORIES[3].title} <= stored_titles(store)
    assert [r.status for r in results].count("new") == 2
    assert all(r.status == "failed" for r in results if r.status != "new")  # no network here: nothing to fetch


def test_feed_with_a_garbled_encoding_declaration(store, settings, tmp_path):
    settings.feed_full_content_min_chars = 200
    items = _item(STORIES[0], "https://n.example/a.html") + _item(STORIES[1], "https://n.example/b.html")
    path = tmp_path / "garbled.rss"
    path.write_bytes(_rss(items, declaration=b"<?xml version='1.0' encoding='utf-8\xff\xfe'?>"))
    results = ingest(store, settings, path)
    assert [r.status for r in results] == ["new", "new"]


def test_sitemap_and_opml_bad_urls_are_single_failures(store, settings, tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                       "<url><loc>javascript:alert(1)</loc></url><url><loc>http://[::1</loc></url></urlset>")
    opml = tmp_path / "list.opml"
    opml.write_text("<?xml version='1.0'?><opml version='2.0'><body><outline xmlUrl='file:///etc/passwd'/>"
                    "<outline xmlUrl='http://example.com:99999/'/></body></opml>")
    results = ingest(store, settings, sitemap, opml)
    assert [r.status for r in results] == ["failed"] * 4
    assert all("not a valid http(s) URL" in r.reason for r in results)


def test_plain_warc_with_a_wrong_content_length_loses_only_that_record(store, settings, tmp_path):
    from warcio.warcwriter import WARCWriter

    records = []
    for i, story in enumerate(STORIES[:3]):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=False)
        writer.write_record(_warc_record(writer, f"https://news.example/{i}.html",
                                         story.html("News", "https://news.example").replace(
                                             "https://news.example/articles/", f"https://news.example/{i}/").encode()))
        data = buf.getvalue()
        if i == 1:  # claims far more bytes than it has: it must not swallow the record after it
            data = re.sub(rb"Content-Length: (\d+)", lambda m: b"Content-Length: %d" % (int(m.group(1)) + 5000), data,
                          count=1)
        records.append(data)
    path = tmp_path / "plain.warc"
    path.write_bytes(b"".join(records))
    results = ingest(store, settings, path)
    assert [r.status for r in results] == ["new", "failed", "new"]
    assert "unreadable WARC record" in results[1].reason
    assert {STORIES[0].title, STORIES[2].title} <= stored_titles(store)


def test_sitemap_with_an_invalid_character_keeps_its_other_entries(store, settings, tmp_path, site):
    path = tmp_path / "sitemap.xml"
    path.write_bytes(("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                      f"<url><loc>{site.url('/articles/brussels-agreement.html')}</loc></url>"
                      "<url><loc>http://127.0.0.1:1/\x01closed-port</loc></url>"
                      f"<url><loc>{site.url('/articles/ohrid-annex.html')}</loc></url></urlset>").encode())
    results = ingest(store, settings, path)
    assert [r.status for r in results if r.status == "new"] == ["new", "new"]


def test_work_per_page_is_bounded(store, settings, tmp_path):
    """Too many elements, too large a page, or more than the time budget: one clear failure each."""
    paras = "".join(f"<p>{p}</p>" for p in STORIES[0].paragraphs)
    many = tmp_path / "many.html"
    many.write_text("<html><body><article>" + paras + "<b>x</b>" * 160_000 + "</article></body></html>")
    big = tmp_path / "big.html"
    big.write_text("<html><body><article>" + paras * 5000 + "</article></body></html>")
    settings.max_body_bytes = 1_500_000
    results = ingest(store, settings, many, big)
    assert results[0].status == "failed" and "page too complex" in results[0].reason
    assert results[1].status == "failed" and "page too large" in results[1].reason
    settings.max_body_bytes = 10_000_000
    settings.page_time_budget = 0.05  # a page of this size takes longer than that to extract
    [slow] = ingest(store, settings, big)
    assert slow.status == "failed" and slow.reason == "extracting the page took longer than 0.05 s; stopped"


def test_section_page_with_broken_links_or_no_document():
    from dragoman.monitor.poller import section_links

    base = "http://127.0.0.1:8/news/"
    assert section_links(b"<!-- only a comment -->", base) == []
    assert section_links(b"", base) == []
    page = b'<a href="http://[::1">broken</a><a href="/news/talks-resume/1.html">ok</a><a href="javascript:x()">j</a>'
    assert section_links(page, base) == ["http://127.0.0.1:8/news/talks-resume/1.html"]


@pytest.mark.timeout(300)
def test_feed_too_costly_for_feedparser_is_read_by_the_lean_reader(store, settings, tmp_path):
    """One item of 200,000 escaped tags: feedparser would take minutes; past the budget the items are read
    with lxml, the good ones stored and the hostile one refused on its own."""
    settings.feed_full_content_min_chars = 200
    settings.page_time_budget = 1.0
    items = (_item(STORIES[0], "https://n.example/a.html")
             + _item(STORIES[1], "https://n.example/b.html", content="<b>x</b>" * 200_000)
             + _item(STORIES[3], "https://n.example/d.html"))
    path = tmp_path / "costly.rss"
    path.write_bytes(_rss(items))
    results = ingest(store, settings, path)
    assert [r.status for r in results] == ["new", "failed", "new"]
    assert "entry content too complex" in results[1].reason
    assert {STORIES[0].title, STORIES[3].title} <= stored_titles(store)
    art = store.get_article(results[0].article_id)
    assert art["published"] == "2025-02-24T08:00:00Z" and art["url"] == "https://n.example/a.html"


def test_a_304_to_an_unconditional_request_is_one_failure(store, settings, site):
    site.faults["/articles/ohrid-annex.html"] = Fault(status=304)
    [result] = ingest(store, settings, site.url("/articles/ohrid-annex.html"))
    assert result.status == "failed" and "304" in result.reason
    assert store.get_source(site.url("/articles/ohrid-annex.html")) is None
