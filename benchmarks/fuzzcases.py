"""Hostile inputs for benchmarks/fuzz.py: each case is a hostile item put between good ones.

Everything here is generated from a seeded random.Random, so a case number and a seed always give the
same bytes. The good articles are short English texts written for this harness, each made unique by
its case number (so a lost one can be told apart from a duplicate)."""

from __future__ import annotations

import gzip
import html
import io
import json
import random
from dataclasses import dataclass, field

SENTENCES = [
    "The foreign minister met the visiting delegation in the capital on Tuesday.",
    "Officials said the talks on trade and border crossings would continue next month.",
    "The government announced new measures to support farmers after the floods.",
    "Police arrested three people near the border crossing, the interior ministry said.",
    "The president called for calm and urged both sides to return to negotiations.",
    "Parliament approved the budget after a long debate on public spending.",
    "The mediator praised the two leaders for their willingness to compromise.",
    "Protesters gathered outside the ministry to demand the release of the detainees.",
]

# -- hostile material -------------------------------------------------------------------------------

HOSTILE_STRINGS = [
    "", " ", "\x00", "\x01\x02\x1b[31m", "\x7f", "\ufeff", "\u202e", "\u2028", "\ud800", "\udfff", "\ud83d",
    "\U0001f600" * 50, "é" * 1000, "<script>alert(1)</script>", "javascript:alert(1)", "' OR 1=1 --",
    "%s%s%n", "{{7*7}}", "${jndi:ldap://x}", "\\", '"', "A" * 70_000, "\n" * 5000, "\t \r\n" * 300,
]
HOSTILE_DATES = [
    "0001-01-01", "0013-05-05", "3213-01-01", "9999", "9999-12-31T23:59:59Z", "in 1000 years", "yesterday",
    "3 days ago", "tomorrow", "now", "Mon, 01 Jan 3213 10:00:00 GMT", "2025-02-30", "2025-13-01", "-2025-01-01",
    "12 March 2024 " * 7000, "1" * 5000, "2024" * 30, "Jan 1 " * 20, "32/32/32", "0000-00-00", "T", "Z",
    "1e308", "NaN", "2025-02-24T25:61:61", "2025-02-24T10:00:00+99:00", "24 Febr\u00fcary 2025",
    "\ud800 2025-01-01", "2025-01-01\x00", "Mon, 24 Feb 2025 08:00:00 +0000", "24 February 2025",
]
HOSTILE_URLS = [
    "javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://127.0.0.1/x",
    "http://[::1", "http://a\x01b.example/", "http://127.0.0.1:99999/", "http://", "http:///x", "//127.0.0.1/x",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::ffff:127.0.0.2]:{port}/x",
    "http://2130706434:{port}/x", "http://0.0.0.0:{port}/", "http://localhost:{port}/private.html",
    "https://127.0.0.1:{port}/tls", "http://127.0.0.1:{port}/" + "a" * 9000, " http://127.0.0.1:{port}/sp ace ",
    "http://127.0.0.1:{port}/%00%ff", "HTTP://127.0.0.1:{port}/CAPS", "http://user:pw@127.0.0.1:{port}/x",
]


def big_int(rng: random.Random) -> str:
    return rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(rng.choice((4301, 5000, 20000))))


def deep(rng: random.Random, opener: str = "[", closer: str = "]") -> str:
    n = rng.choice((1000, 10_000, 100_000))
    return opener * n + closer * n


def hostile_text(rng: random.Random) -> str:
    """A string made of hostile pieces (control characters, surrogates, huge runs, markup)."""
    parts = [rng.choice(HOSTILE_STRINGS) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        parts.append(rng.choice(SENTENCES))
    return "".join(parts)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """Random damage: flipped bytes, truncation, a hostile insertion, a duplicated or removed chunk."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            for _ in range(rng.randint(1, 20)):
                i = rng.randrange(len(data))
                data[i] = rng.randrange(256)
        elif op == 1:
            del data[pos:]
        elif op == 2:
            data[pos:pos] = hostile_text(rng).encode("utf-8", "surrogatepass")
        elif op == 3 and data:
            end = min(len(data), pos + rng.randint(1, 2000))
            data[pos:pos] = data[pos:end] * rng.randint(1, 50)
        elif op == 4:
            del data[pos:pos + rng.randint(1, 500)]
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(data)


# -- good articles ------------------------------------------------------------------------------------


@dataclass
class Good:
    """A good article: its unique marker word, title and paragraphs."""

    marker: str
    title: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def html(self, url: str | None = None) -> str:
        url = url or f"https://good.example/{self.marker}.html"
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(self.title)}</title>'
                f'<meta property="article:published_time" content="2024-03-04T08:00:00+00:00">'
                f'<link rel="canonical" href="{html.escape(url)}"></head><body><nav><a href="/">Home</a></nav>'
                f"<article><h1>{html.escape(self.title)}</h1>{paras}</article><footer>Copyright</footer>"
                "</body></html>")


def good(rng: random.Random, case: int, slot: int) -> Good:
    marker = f"Zq{case}x{slot}"
    sentences = rng.sample(SENTENCES, 5)
    paragraphs = [f"{marker} reported from the region. " + sentences[0] + " " + sentences[1],
                  sentences[2] + " " + sentences[3], sentences[4] + f" The case number was {case}."]
    return Good(marker, f"Report {marker} on the talks", paragraphs)


# -- hostile documents of each kind ---------------------------------------------------------------------


def hostile_html(rng: random.Random, base: Good) -> bytes:
    choice = rng.randrange(12)
    if choice == 0:
        n = rng.choice((1001, 5000, 30_000, 300_000))
        return (f"<html><body><div {' '.join(f'a{i}=x' for i in range(n))}>" + base.text + "</div></body></html>").encode()
    if choice == 1:
        return ("<div>" * rng.choice((300, 5000, 50_000)) + base.text).encode()
    if choice == 2:
        return ("<html><body>" + "<b>x</b>" * rng.choice((160_000, 300_000)) + "</body></html>").encode()
    if choice == 3:
        return base.html().replace("2024-03-04T08:00:00+00:00", rng.choice(HOSTILE_DATES)).encode("utf-8", "surrogatepass")
    if choice == 4:
        ld = json.dumps({"@type": "NewsArticle", "datePublished": rng.choice(HOSTILE_DATES)[:40]})
        body = deep(rng, '{"a":', "}") if rng.random() < 0.5 else ld
        script = f'<script type="application/ld+json">{body}</script>'
        return base.html().replace("</head>", script + "</head>").encode("utf-8", "surrogatepass")
    if choice == 5:
        return ("<!-- " + base.text + " -->").encode()
    if choice == 6:
        return base.html().encode("utf-16") if rng.random() < 0.5 else base.html().encode("utf-8").replace(
            b'charset="utf-8"', b'charset="utf-16"')
    if choice == 7:
        return b"<html>" + bytes(rng.randrange(256) for _ in range(rng.randint(10, 50_000)))
    if choice == 8:
        return base.html().replace("https://good.example/a.html", rng.choice(HOSTILE_URLS)).encode(
            "utf-8", "surrogatepass")
    if choice == 9:
        return ("<html><body><article>" + ("<p>" + " ".join(SENTENCES) + "</p>") * rng.choice((2000, 20_000))
                + "</article></body></html>").encode()
    if choice == 10:
        return ("<html><head><title>" + hostile_text(rng) + "</title></head><body><article><p>" + base.text
                + hostile_text(rng) + "</p></article></body></html>").encode("utf-8", "surrogatepass")
    return mutate(rng, base.html().encode())


def hostile_json_line(rng: random.Random, base: Good) -> bytes:
    choice = rng.randrange(10)
    obj: dict = {"title": base.title, "text": base.text}
    if choice == 0:
        return deep(rng).encode()
    if choice == 1:
        return ('{"text": "x", "n": ' + big_int(rng) + "}").encode()
    if choice == 2:
        return ('{"id": ' + big_int(rng) + ', "text": ' + json.dumps(base.text) + "}").encode()
    if choice == 3:
        obj["text"] = base.text + hostile_text(rng)
        obj["title"] = hostile_text(rng)
    elif choice == 4:
        obj["published"] = rng.choice(HOSTILE_DATES + [10**30, -1, 1.5e308, [], {}, True, None])
    elif choice == 5:
        obj["url"] = rng.choice(HOSTILE_URLS + [123, [], {"a": 1}])
    elif choice == 6:
        obj = {"html": hostile_html(rng, base).decode("utf-8", "replace"), "title": 5}
    elif choice == 7:
        return mutate(rng, json.dumps(obj).encode())
    elif choice == 8:
        return rng.choice([b"null", b"[]", b"1", b'"x"', b"{}", b'{"text": {}}', b'{"text": []}', b"\xff\xfe",
                           b'{"text": "' + b"a" * 200_000 + b'"}'])
    else:
        obj = {rng.choice(["text", "html", "title", "outlet", "published", "id"]): hostile_text(rng)
               for _ in range(rng.randint(1, 6))}
    return json.dumps(obj).encode()


def rss(items: list[str], declaration: str = "<?xml version='1.0' encoding='utf-8'?>") -> bytes:
    return (declaration + "<rss version='2.0'><channel><title>Feed</title><link>https://good.example/</link>"
            + "".join(items) + "</channel></rss>").encode("utf-8", "surrogatepass")


def rss_item(title: str, link: str, content: str, date: str = "Mon, 04 Mar 2024 08:00:00 GMT") -> str:
    return (f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
            f"<pubDate>{html.escape(date)}</pubDate>"
            f"<description>{html.escape(content)}</description></item>")


def good_item(g: Good) -> str:
    return rss_item(g.title, f"https://good.example/{g.marker}.html", "".join(f"<p>{p}</p>" for p in g.paragraphs))


def hostile_item(rng: random.Random, base: Good, port: int) -> str:
    choice = rng.randrange(7)
    link = f"https://good.example/{base.marker}-h.html"
    content = "".join(f"<p>{p}</p>" for p in base.paragraphs)
    if choice == 0:
        content = "<!-- " + hostile_text(rng) + " -->"
    elif choice == 1:
        link = rng.choice(HOSTILE_URLS).format(port=port)
        content = ""
    elif choice == 2:
        return rss_item(base.title, link, content, date=rng.choice(HOSTILE_DATES))
    elif choice == 3:
        content = hostile_html(rng, base).decode("utf-8", "replace")
    elif choice == 4:
        content = "<div>" * 5000 + hostile_text(rng)
    elif choice == 5:
        return "<item>" + html.escape(hostile_text(rng)) + "</item>"
    else:
        content = hostile_text(rng)
    return rss_item(hostile_text(rng)[:200] if rng.random() < 0.3 else base.title, link, content)


def hostile_feed_document(rng: random.Random, base: Good) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:  # a garbled encoding in the declaration
        return b"<?xml version='1.0' encoding='utf-8\xff\xfe'?>" + rss([good_item(base)])[38:]
    if choice == 1:  # entity expansion
        lol = "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'>" + "".join(
            f"<!ENTITY {chr(98 + i)} '{('&' + chr(97 + i) + ';') * 10}'>" for i in range(8)) + "]>"
        return b"<?xml version='1.0'?>" + lol.encode() + rss([rss_item("t", "https://x.example/", "&i;")])[21:]
    if choice == 2:
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [
            {"id": hostile_text(rng), "url": rng.choice(HOSTILE_URLS), "content_html": hostile_text(rng),
             "date_published": rng.choice(HOSTILE_DATES)}]}).encode("utf-8", "surrogatepass")
    if choice == 3:
        return mutate(rng, rss([good_item(base)]))
    if choice == 4:
        return ("<?xml version='1.0'?>" + "<feed xmlns='http://www.w3.org/2005/Atom'>" + "<entry>" * 3000).encode()
    return rss([hostile_item(rng, base, 1) for _ in range(rng.randint(1, 5))])


def sitemap(urls: list[str]) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            + "".join(f"<url><loc>{html.escape(u)}</loc></url>" for u in urls) + "</urlset>").encode(
        "utf-8", "surrogatepass")


def opml(urls: list[str]) -> bytes:
    return ("<?xml version='1.0'?><opml version='2.0'><head><title>f</title></head><body>"
            + "".join(f"<outline type='rss' xmlUrl='{html.escape(u, quote=True)}'/>" for u in urls)
            + "</body></opml>").encode("utf-8", "surrogatepass")


# -- WARC -----------------------------------------------------------------------------------------------


def warc_record(uri: str | None, payload: bytes, ctype: str = "text/html; charset=utf-8",
                status: str = "200 OK", rec_type: str = "response") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri or "https://placeholder.example/", rec_type, payload=io.BytesIO(payload),
                                       http_headers=headers if rec_type == "response" else None)
    if uri is None:
        record.rec_headers.remove_header("WARC-Target-URI")
    writer.write_record(record)
    return buf.getvalue()


def hostile_warc_member(rng: random.Random, base: Good) -> bytes:
    choice = rng.randrange(7)
    if choice == 0:
        member = warc_record("https://good.example/h.html", base.html().encode())
        start = rng.randrange(10, max(11, len(member) - 10))
        return member[:start] + bytes(b ^ 0x5A for b in member[start:start + rng.randint(1, 200)]) + \
            member[start + 200:]
    if choice == 1:
        return warc_record(rng.choice(HOSTILE_URLS + [None, "urn:x", "dns:good.example"]), base.html().encode())
    if choice == 2:
        return warc_record("https://good.example/h.html", hostile_html(rng, base))
    if choice == 3:
        return gzip.compress(mutate(rng, b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n0123456789"))
    if choice == 4:
        return warc_record("https://good.example/h.html", base.html().encode(), status=rng.choice(
            ["200 OK", "999 X", "abc", ""]), ctype=rng.choice(["text/html", "", "\x00", "image/png"]))
    if choice == 5:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 3000)))
    return mutate(rng, warc_record("https://good.example/h.html", base.html().encode()))
