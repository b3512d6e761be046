"""One function per kind of fuzz case: build a hostile input between good ones, run it, check the result."""

from __future__ import annotations

import json
import random
import traceback
from datetime import date, datetime

import fuzzcases as fc
from fuzzlab import CaseResult, HostileServer, Lab, hostile_script


def case_date(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    """A hostile publication date: parsed or refused with DateError, and if parsed, plausible."""
    from dragoman.ingest.dates import DateError, DateWindow, parse_published

    value = rng.choice(fc.HOSTILE_DATES)
    if rng.random() < 0.5:
        value = fc.mutate(rng, value.encode("utf-8", "surrogatepass")).decode("utf-8", "replace")
    reference = rng.choice([None, date(2025, 2, 24), datetime(2025, 2, 24, 10, 30)])
    window = DateWindow(150, 2)
    try:
        iso, precision = parse_published(value, reference, window)
    except DateError:
        return
    if iso is None:
        return
    low, high = window.bounds()
    year = int(iso[:4])
    if not (low.year <= year <= high.year) or precision not in ("year", "month", "day"):
        result.failures.append(f"implausible date accepted: {value[:80]!r} -> {iso}")


def case_jsonl(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    goods = [fc.good(rng, case, i) for i in range(2)]
    lines = [json.dumps({"title": goods[0].title, "text": goods[0].text}).encode()]
    lines += [fc.hostile_json_line(rng, goods[0]).replace(b"\n", b" ") for _ in range(rng.randint(1, 3))]
    lines.append(json.dumps({"title": goods[1].title, "text": goods[1].text, "published": "2024-03-04"}).encode())
    path = lab.path("lines.jsonl")
    path.write_bytes(b"\n".join(lines))
    lab.ingest([str(path)], result, goods)


def case_folder(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    goods = [fc.good(rng, case, i) for i in range(2)]
    first = lab.path("a-good.html")
    folder = first.parent
    first.write_text(goods[0].html(f"https://good.example/{goods[0].marker}.html"))
    (folder / "z-good.txt").write_text(f"**{goods[1].title}**\nRead More @ good.example\n" + goods[1].text)
    base = fc.good(rng, case, 9)
    name, data = rng.choice([
        ("m.html", lambda: fc.hostile_html(rng, base)),
        ("m.txt", lambda: fc.mutate(rng, base.text.encode())),
        ("m.md", lambda: fc.hostile_text(rng).encode("utf-8", "surrogatepass")),
        ("m.json", lambda: rng.choice([fc.deep(rng).encode(), fc.big_int(rng).encode(),
                                        fc.hostile_json_line(rng, base), fc.mutate(rng, b'[{"text": "x"}]')])),
        ("m.jsonl", lambda: b"\n".join(fc.hostile_json_line(rng, base) for _ in range(3))),
        ("m.rss", lambda: fc.hostile_feed_document(rng, base)),
        ("m.xml", lambda: fc.mutate(rng, fc.sitemap([f"http://127.0.0.1:{lab.server.port}/x"]))),
        ("m.opml", lambda: fc.mutate(rng, fc.opml(["http://127.0.0.1:1/feed"]))),
        ("m.warc.gz", lambda: fc.hostile_warc_member(rng, base)),
        ("m.warc", lambda: fc.mutate(rng, b"WARC/1.0\r\nWARC-Type: response\r\n\r\n")),
        ("m.bin", lambda: bytes(rng.randrange(256) for _ in range(100))),
    ])
    (folder / name).write_bytes(data())
    lab.ingest([str(folder)], result, goods)


def case_feed(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    goods = [fc.good(rng, case, i) for i in range(2)]
    path = lab.path("feed.rss")
    if rng.random() < 0.2:  # a wholly hostile feed document: nothing to lose, nothing may escape
        path.write_bytes(fc.hostile_feed_document(rng, goods[0]))
        lab.ingest([str(path)], result, [])
        return
    items = [fc.good_item(goods[0])]
    items += [fc.hostile_item(rng, fc.good(rng, case, 9), lab.server.port) for _ in range(rng.randint(1, 3))]
    items.append(fc.good_item(goods[1]))
    declaration = rng.choice(["<?xml version='1.0' encoding='utf-8'?>", "<?xml version='1.0'?>", ""])
    path.write_bytes(fc.rss(items, declaration))
    lab.ingest([str(path)], result, goods)


def case_warc(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    goods = [fc.good(rng, case, i) for i in range(2)]
    members = [fc.warc_record(f"https://good.example/{goods[0].marker}.html", goods[0].html().encode())]
    members += [fc.hostile_warc_member(rng, fc.good(rng, case, 9)) for _ in range(rng.randint(1, 2))]
    members.append(fc.warc_record(f"https://good.example/{goods[1].marker}.html", goods[1].html().encode()))
    path = lab.path("crawl.warc.gz")
    path.write_bytes(b"".join(members))
    lab.ingest([str(path)], result, goods)


def _serve_goods(lab: Lab, goods: list[fc.Good]) -> list[str]:
    urls = []
    for g in goods:
        lab.server.docs[f"/good/{g.marker}.html"] = ("text/html; charset=utf-8", g.html().encode())
        urls.append(lab.server.url(f"/good/{g.marker}.html"))
    return urls


def case_sitemap(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    goods = [fc.good(rng, case, i) for i in range(2)]
    good_urls = _serve_goods(lab, goods)
    hostile = [rng.choice(fc.HOSTILE_URLS).format(port=lab.server.port) for _ in range(rng.randint(1, 4))]
    path = lab.path("sitemap.xml")
    path.write_bytes(fc.sitemap([good_urls[0], *hostile, good_urls[1]]))
    lab.ingest([str(path)], result, goods)


def case_opml(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    g = fc.good(rng, case, 0)
    lab.server.docs[f"/feed/{g.marker}.xml"] = ("application/rss+xml", fc.rss([fc.good_item(g)]))
    hostile = [rng.choice(fc.HOSTILE_URLS).format(port=lab.server.port) for _ in range(rng.randint(1, 4))]
    path = lab.path("list.opml")
    path.write_bytes(fc.opml([*hostile, lab.server.url(f"/feed/{g.marker}.xml")]))
    lab.ingest([str(path)], result, [g])


def case_http(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    """A hostile server answer (or a hostile robots.txt); then a good page must still be fetched."""
    goods = [fc.good(rng, case, 0)]
    good_url = _serve_goods(lab, goods)[0]
    if rng.random() < 0.1:
        robots = rng.choice([b"User-agent: *\nCrawl-delay: 100000\n", b"User-agent: *\nCrawl-delay: 1e309\n",
                             b"User-agent: *\nCrawl-delay: -5\n", b"\xff\xfe" * 100_000, fc.deep(rng).encode()])
        server = HostileServer(robots=robots, robots_pause=0.3 if rng.random() < 0.2 else 0.0)
        try:
            server.docs["/page.html"] = ("text/html", goods[0].html().encode())
            lab.ingest([server.url("/page.html")], result, [])
        finally:
            server.close()
    else:
        path = f"/h/{case}"
        lab.server.scripts[path] = hostile_script(rng, fc.good(rng, case, 9), lab.server.port)
        lab.ingest([lab.server.url(path)], result, [])
        lab.server.scripts.pop(path, None)
    lab.ingest([good_url], result, goods)


def case_params(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    """A GET route of the web app with hostile parameter values: never a 5xx."""
    paths = ["/", "/api", "/events", "/api/events", "/api/events.csv", "/api/events.jsonl", "/api/articles",
             "/api/articles/{}", "/article/{}", "/api/events/{}", "/api/stories", "/stories", "/story/{}",
             "/api/stories/{}", "/api/timeline", "/api/briefs/{}", "/brief/{}", "/api/search", "/search",
             "/api/actors", "/api/actors/{}", "/actor/{}", "/api/dyads/{}/{}", "/dyad/{}/{}", "/watch/{}.atom",
             "/api/watchlists/{}", "/metrics"]
    values = [str(2**63), str(2**64), "-1", "0", "9" * 5000, "x" * 3000, "%00", "\ud800", "SRB", "2024-13-45",
              "yesterday", "1e9", "NaN", "<script>", "../../etc/passwd", "SRB,KSV", " ", "", "true", "1" * 19]
    path = rng.choice(paths)
    url = path.format(*[rng.choice(values).replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
                        .replace("\ud800", "%ED%A0%80") for _ in range(path.count("{}"))])
    params = {rng.choice(["offset", "limit", "story", "article", "event", "q", "text", "query", "since", "until",
                          "dyad", "outlet", "actor", "code", "root", "status", "sort", "bin", "count", "source",
                          "target", "quad_class", "statements", "duplicates"]): rng.choice(values)
              for _ in range(rng.randint(0, 4))}
    try:
        r = lab.client.get(url, params={k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                                        for k, v in params.items()})
    except Exception:  # noqa: BLE001 - raise_server_exceptions: a server error surfaces here
        result.failures.append(f"GET {url[:80]} {params!r:.200}: " + traceback.format_exc())
        return
    if r.status_code >= 500:
        result.failures.append(f"GET {url[:80]} {params!r:.200}: HTTP {r.status_code}")


def case_extract(lab: Lab, rng: random.Random, case: int, result: CaseResult) -> None:
    """`dragoman extract` on a .jsonl batch with hostile lines between good ones (the CLI's own reading)."""
    from dragoman.cli.extract import _items
    from dragoman.ingest.failures import clean_text

    goods = [fc.good(rng, case, i) for i in range(2)]
    lines = [json.dumps({"id": goods[0].marker, "text": goods[0].text}).encode()]
    lines += [fc.hostile_json_line(rng, goods[0]).replace(b"\n", b" ") for _ in range(rng.randint(1, 2))]
    lines.append(json.dumps({"id": goods[1].marker, "html": goods[1].html(), "published": "2024-03-04"}).encode())
    path = lab.path("batch.jsonl")
    path.write_bytes(b"\n".join(lines))
    other = path.parent / "plain.txt"
    other.write_bytes(fc.mutate(rng, goods[0].text.encode()) if rng.random() < 0.5 else
                      fc.hostile_text(rng).encode("utf-8", "surrogatepass"))
    try:
        docs = []
        for x in lab.extractor.extract_stream(_items([str(path), str(other)], "auto", None, None, None,
                                                     lab.settings.max_file_bytes)):
            clean_text(json.dumps(x.doc.to_dict(), ensure_ascii=False)).encode("utf-8")
            docs.append(x.doc)
    except Exception:  # noqa: BLE001
        result.failures.append(traceback.format_exc())
        return
    for g in goods:
        result.goods += 1
        if not any(d.id == g.marker and not d.error and g.marker in d.text for d in docs):
            result.lost.append(g.marker)


KINDS = {"date": case_date, "jsonl": case_jsonl, "folder": case_folder, "feed": case_feed, "warc": case_warc,
         "sitemap": case_sitemap, "opml": case_opml, "http": case_http, "params": case_params,
         "extract": case_extract}
# how often each kind comes up: the cheap ones often, the slow ones (spaCy, network timeouts) less
WEIGHTS = {"date": 24, "jsonl": 14, "folder": 14, "feed": 10, "warc": 8, "sitemap": 5, "opml": 3, "http": 3,
           "params": 12, "extract": 7}


def kind_of(seed: int, case: int) -> str:
    rng = random.Random(seed * 7_919 + case)
    return rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
