"""The web app in a real browser: Playwright drives Debian's Chromium against a real uvicorn server on
127.0.0.1 over the sample corpus. Home, search, a story, an event through to its evidence, the dyad
chart's marks - and hostile article text that must stay text. Screenshots go to test-artifacts/.

Chromium must be installed (`make test` installs Debian's package): without it these tests fail.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_web_api import LiveServer, cli, corpus_db

from dragoman.config import Settings
from dragoman.store.event_query import EventQuery

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_ATTR = '"><img src=x onerror="window.__pwned=2">'
HOSTILE = [
    {
        "title": f"Serbia accuses Kosovo {PAYLOAD_SCRIPT} of provocation {PAYLOAD_ATTR}",
        "url": "https://hostile.example/news/1?q=%22%3E%3Cscript%3Ewindow.__pwned=3%3C/script%3E",
        "published": "2025-06-02",
        "text": f"Serbia accuses Kosovo {PAYLOAD_SCRIPT} of provocation {PAYLOAD_ATTR}\n\n"
        f"BELGRADE - Serbian President Aleksandar Vucic on Sunday accused Kosovo of provocation "
        f"{PAYLOAD_SCRIPT} after police {PAYLOAD_ATTR} raided a Serb-run office in the north. "
        f'"We will not accept this {PAYLOAD_SCRIPT}", Vucic said. '
        f'Details: <a href="javascript:alert(1)">javascript:alert(1)</a>.\n\n'
        f"Kosovo Prime Minister Albin Kurti rejected the accusation on Monday {PAYLOAD_ATTR}.",
    },
    {
        "title": f"Kosovo police detain Serbian official {PAYLOAD_ATTR} {PAYLOAD_SCRIPT}",
        "url": "javascript:alert(1)",
        "published": "2025-06-03",
        "text": f"Kosovo police detained a Serbian official at the border {PAYLOAD_SCRIPT}.\n\n"
        f"Serbia condemned the arrest {PAYLOAD_ATTR} and demanded his release.",
    },
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed ({CHROMIUM} is missing): the browser tests need Debian's chromium; "
            "`make test` installs it, or run `apt-get install -y chromium`",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    db = corpus_db(tmp_path_factory, "web-browser")
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    hostile.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), encoding="utf-8")
    assert cli("--db", db, "ingest", str(hostile)).exit_code == 0
    assert cli("--db", db, "process").exit_code == 0
    server = LiveServer(Settings(db=db))
    yield server
    server.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_home_search_story_and_evidence(live, page):
    page.goto(live.url + "/")
    assert page.title().startswith("Home")
    assert page.locator("ul.stories li a").count() > 0
    assert page.locator("table.events tbody tr").count() > 0
    shot(page, "home")

    page.fill("#home-q", "licence plates")
    page.click("section.intro button[type=submit]")
    page.wait_for_url("**/search?q=licence+plates")
    assert page.locator("ol.results li").count() > 0
    assert page.locator("p.snippet mark").count() > 0
    shot(page, "search")

    page.goto(live.url + "/stories")
    story_link = page.locator("ul.stories li > a", has_text="initial landmark deal")
    story_link.first.click()
    page.wait_for_url("**/story/*")
    assert page.locator("ol.timeline li").count() > 0
    assert page.locator("article.brief h4", has_text="Key facts").count() == 1
    shot(page, "story")

    evidence = page.locator("ol.timeline a.evidence-link[href*='#event-']").first
    href = evidence.get_attribute("href")
    evidence.click()
    page.wait_for_url(f"**{href}")
    anchor = href.split("#", 1)[1]
    details = page.locator(f"details#{anchor}")
    assert details.evaluate("el => el.open")  # app.js opens the event the link points at
    text = details.inner_text()
    for word in ("code", "source", "target", "date", "status", "confidence", "rule"):
        assert word in text
    trigger = page.locator(f"a.ann-trigger[href='#{anchor}']")
    assert trigger.count() >= 1
    shot(page, "evidence")


def test_event_details_without_javascript(live, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        row = live.store.web_events(EventQuery(actor="SRB", status="reported"), limit=1)[0]
        pg.goto(f"{live.url}/article/{row['article_id']}")
        details = pg.locator(f"details#event-{row['id']}")
        assert not details.evaluate("el => el.open")
        details.locator("summary").click()
        assert details.evaluate("el => el.open")
        assert "confidence" in details.inner_text() and row["rule"] in details.inner_text()
    finally:
        context.close()


def test_dyad_chart_draws_marks(live, page):
    page.goto(live.url + "/dyad/SRB/KSV?bin=month")
    chart = page.locator("svg.chart")
    assert chart.count() == 1
    assert page.locator("svg.chart .mark").count() > 0
    assert (
        page.locator("svg.chart rect.mark.ab").count() > 0
        and page.locator("svg.chart rect.mark.ba").count() > 0
    )
    labels = page.locator("svg.chart text").all_text_contents()
    assert any("Goldstein" in t for t in labels) and any("date" in t for t in labels)
    assert any("SRB → KSV cooperation" in t for t in labels)
    assert page.locator("svg.chart title").first.text_content().startswith("SRB and KSV")
    shot(page, "dyad")
    page.goto(live.url + "/actor/SRBGOV")
    assert page.locator("svg.chart .mark").count() > 0
    shot(page, "actor")


def _assert_not_pwned(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_the_payloads_do_run_when_not_escaped(page):
    """The control for the tests below: unescaped, both payloads run within the waits those tests allow."""
    page.set_content(f"<p>{PAYLOAD_SCRIPT}</p>")
    assert page.evaluate("window.__pwned") == 1
    page.set_content(f'<p title="{PAYLOAD_ATTR}</p>')
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") == 2


def test_hostile_article_stays_text(live, page):
    ids = [a["id"] for a in live.store.list_articles(limit=100) if PAYLOAD_ATTR in (a["title"] or "")]
    assert len(ids) == 2
    ids.sort(key=lambda i: "Serbia accuses" not in live.store.get_article(i)["title"])
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for article_id in ids:
        page.goto(f"{live.url}/article/{article_id}")
        page.wait_for_timeout(300)  # give any injected handler a chance to run
        _assert_not_pwned(page)
        assert (
            PAYLOAD_SCRIPT in page.locator("h1").inner_text()
            and PAYLOAD_ATTR in page.locator("h1").inner_text()
        )
        assert PAYLOAD_SCRIPT in page.locator("article.article-text").inner_text()
        links = page.locator("p.meta a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert all(h.startswith(("/", "http://", "https://")) for h in links), links
    shot(page, "hostile-article")
    page.goto(f"{live.url}/article/{ids[0]}")
    assert page.locator("details.event").count() > 0  # coded: highlighted pieces carry the payload too
    for path in [
        "/",
        "/events?sort=-id",
        "/stories",
        f"/brief/{ids[0]}",
        "/search?q=provocation",
        f"/story/{live.store.stories_of([ids[0]])[ids[0]]}",
    ]:
        page.goto(live.url + path)
        page.wait_for_timeout(200)
        _assert_not_pwned(page)
    page.goto(live.url + "/")
    assert PAYLOAD_SCRIPT in page.locator("ul.stories").inner_text()
    shot(page, "hostile-home")
    assert not [e for e in errors if "Content Security Policy" in e], errors
