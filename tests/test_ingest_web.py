"""Ingesting from the web, against a real HTTP server on 127.0.0.1."""

from fakesite import Fault, Story
from stories import STORIES

from dragoman.ingest import Ingestor


def ingest(store, settings, *inputs, as_kind="auto"):
    with Ingestor(store, settings) as ing:
        return list(ing.ingest(list(inputs), as_kind))


def test_article_url(store, settings, site):
    [r] = ingest(store, settings, site.url("/articles/brussels-agreement.html"))
    assert r.status == "new"
    art = store.get_article(r.article_id)
    assert art["title"] == STORIES[0].title
    assert art["canonical_url"] == site.url("/articles/brussels-agreement.html")
    assert art["fetched"] is not None
    ua = site.requests_to("/articles/")[0].headers["user-agent"]
    assert ua.startswith("dragoman/")


def test_canonical_url_duplicate_is_not_refetched(store, settings, site):
    ingest(store, settings, site.url("/articles/ohrid-annex.html"))
    before = len(site.requests_to("/articles/"))
    [r] = ingest(store, settings, site.url("/articles/ohrid-annex.html?utm_source=newsletter&utm_medium=email#top"))
    assert r.status == "duplicate"
    assert len(site.requests_to("/articles/")) == before  # known URL: no request at all
    assert store.article_count() == 1


def test_feed_entries_are_fetched(store, settings, site):
    results = ingest(store, settings, site.url("/feed.xml"))
    assert sorted(r.status for r in results) == ["new"] * len(STORIES)
    fetched = {r.path for r in site.requests_to("/articles/")}
    assert fetched == {f"/articles/{s.slug}.html" for s in STORIES}
    again = ingest(store, settings, site.url("/feed.xml"))
    # the second poll is a conditional GET answered 304: no entry is looked at
    assert [r.status for r in again] == ["duplicate"]
    assert "not modified" in again[0].reason
    feed_requests = site.requests_to("/feed.xml")
    assert feed_requests[-1].headers.get("if-none-match") and feed_requests[-1].status == 304
    src = store.get_source(site.url("/feed.xml"))
    assert src["kind"] == "feed" and src["etag"] and src["last_status"] == 304


def test_new_feed_item_after_update(store, settings, site):
    ingest(store, settings, site.url("/feed.xml"))
    site.publish(Story("zvecan", "KFOR soldiers injured in clashes in Zvecan", "2023-05-30", [
        "Dozens of soldiers of the NATO-led KFOR mission were injured on Monday in clashes with Serb protesters "
        "outside the municipal building in Zvecan, in northern Kosovo.",
        "The protesters opposed the mayors elected in April in a vote that most Serbs boycotted."]))
    results = ingest(store, settings, site.url("/feed.xml"))
    assert [r.status for r in results].count("new") == 1
    assert [r.status for r in results].count("duplicate") == len(STORIES)


def test_sitemaps_and_news_sitemap_and_index(store, settings, site):
    results = ingest(store, settings, site.url("/news-sitemap.xml"))
    assert [r.status for r in results] == ["new"] * len(STORIES)
    results = ingest(store, settings, site.url("/sitemap-index.xml"))
    assert [r.status for r in results] == ["duplicate"] * len(STORIES)
    assert store.get_source(site.url("/sitemap-index.xml"))["kind"] == "sitemap"


def test_opml_lists_feeds(store, settings, site, tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(site.opml())
    results = ingest(store, settings, str(opml))
    assert [r.status for r in results] == ["new"] * len(STORIES)


def test_robots_txt_is_respected(store, settings, site):
    [r] = ingest(store, settings, site.url("/private/brussels-agreement.html"))
    assert r.status == "failed" and r.reason == "disallowed by robots.txt"
    assert not site.requests_to("/private/")


def test_redirects_followed_and_limited(store, settings, site):
    [r] = ingest(store, settings, site.url("/redirect/articles/dinar-rule.html"))
    assert r.status == "new"
    assert store.get_article(r.article_id)["canonical_url"] == site.url("/articles/dinar-rule.html")
    [loop] = ingest(store, settings, site.url("/loop"))
    assert loop.status == "failed" and loop.reason.startswith("too many redirects")


def test_bad_web_inputs_each_fail_clearly(store, settings, site):
    site.faults["/slow"] = Fault(delay=3.0)
    site.extra["/slow"] = (200, "text/html", b"<html></html>")
    site.faults["/articles/plates-deal.html"] = Fault(trickle=0.02)
    site.extra["/notes.xml"] = (200, "application/rss+xml", b"<rss><channel><item><title>broken")
    results = ingest(store, settings, site.url("/status/404"), site.url("/status/500"), site.url("/slow"),
                     site.url("/image.png"), site.url("/empty.html"), site.url("/big.html"),
                     site.url("/articles/plates-deal.html"), site.url("/notes.xml"),
                     "http://127.0.0.1:9/refused.html", site.url("/articles/ohrid-annex.html"))
    reasons = [r.reason for r in results]
    assert reasons[0] == "HTTP 404"
    assert reasons[1] == "HTTP 500"
    assert reasons[2].startswith("timed out")
    assert reasons[3] == "not an HTML page (content-type image/png)"
    assert reasons[4].startswith("no article text")
    assert reasons[5].startswith("too large")
    assert reasons[6].startswith("timed out")
    assert reasons[7].startswith("malformed feed")
    assert reasons[8].startswith("cannot connect")
    assert results[-1].status == "new"
    assert [r.status for r in results[:-1]] == ["failed"] * 9
    logged = [row for row in store.ingest_log(limit=50) if row["status"] == "failed"]
    assert len(logged) == 9


def test_per_host_delay(store, settings, site):
    settings.host_delay = 0.4
    ingest(store, settings, *[site.url(f"/articles/{s.slug}.html") for s in STORIES[:3]])
    times = [r.at for r in site.log]  # robots.txt + 3 pages, all on one host
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.35


def test_waiting_for_the_host_is_not_a_timeout(store, settings, site):
    """A polite host delay longer than the total timeout must not fail the requests queued behind it."""
    settings.host_delay = 1.2
    settings.total_timeout = 1.0
    results = ingest(store, settings, *[site.url(f"/articles/{s.slug}.html") for s in STORIES[:3]])
    assert [r.status for r in results] == ["new", "new", "new"], [r.reason for r in results]
    times = [r.at for r in site.log]
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 1.1


def test_near_duplicate_from_another_outlet(store, settings, site):
    original = STORIES[0]
    copy = Story("wire-copy", "Serbia, Kosovo leaders initial EU-brokered deal", original.published,
                 [*original.paragraphs[:-1], "Kosovo declared independence in 2008, which Belgrade rejects.",
                  "(Agency wire)"])
    ingest(store, settings, site.url(f"/articles/{original.slug}.html"))
    other = type(site)(name="Other Daily", stories=[copy]).serve()
    try:
        [r] = ingest(store, settings, other.url("/articles/wire-copy.html"))
    finally:
        other.close()
    assert r.status == "new" and r.duplicate_of is not None
    orig = store.get_article(r.duplicate_of)
    assert orig["title"] == original.title
    assert orig["copies"] == 1 and len(orig["copies_by"]) == 1
    assert store.get_article(r.article_id)["duplicate_of"] == orig["id"]
