"""A real HTTP news site on 127.0.0.1 for tests: pages, feeds with ETag/304, sitemaps, robots.txt,
redirects, errors, slowness and other faults that can be switched on and off."""

from __future__ import annotations

import gzip
import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Story:
    slug: str
    title: str
    published: str  # YYYY-MM-DD
    paragraphs: list[str]
    author: str = "Staff reporter"

    def html(self, site_name: str, base: str) -> str:
        paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(self.title)} | {site_name}</title>
<meta property="og:title" content="{html.escape(self.title)}">
<meta property="og:site_name" content="{site_name}">
<meta name="author" content="{html.escape(self.author)}">
<meta property="article:published_time" content="{self.published}T08:00:00+00:00">
<link rel="canonical" href="{base}/articles/{self.slug}.html">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<header><div class="logo">{site_name}</div></header>
<main><article><h1>{html.escape(self.title)}</h1>
<div class="byline">By {html.escape(self.author)}</div>
{paras}
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Markets close higher</a></li>
<li><a href="/b">Weather: rain expected across the region</a></li></ul></aside></main>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<footer><p>Copyright 2025 {site_name}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


@dataclass
class Fault:
    status: int | None = None  # answer every matching request with this status
    delay: float = 0.0  # sleep before answering
    trickle: float = 0.0  # seconds between bytes
    retry_after: str | None = None


@dataclass
class LoggedRequest:
    at: float
    path: str
    headers: dict[str, str]
    status: int = 0


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day + "T08:00:00").replace(tzinfo=UTC))


@dataclass
class FakeSite:
    """The site's content and switches. Start it with `serve()`; stop with `close()`."""

    name: str = "Test Gazette"
    stories: list[Story] = field(default_factory=list)
    robots: str = "User-agent: *\nDisallow: /private/\n"
    faults: dict[str, Fault] = field(default_factory=dict)
    log: list[LoggedRequest] = field(default_factory=list)
    malformed_feed: bool = False
    feed_limit: int = 20
    extra: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)  # path -> (status, ctype, body)
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location (any URL)
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port

    def __post_init__(self):
        self._lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def publish(self, story: Story) -> None:
        with self._lock:
            self.stories.append(story)

    def requests_to(self, path_prefix: str) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if r.path.startswith(path_prefix)]

    # -- documents -------------------------------------------------------------------------------
    def feed(self) -> bytes:
        if self.malformed_feed:
            return b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken<item><title>x</channel>"
        items = []
        for s in sorted(self.stories, key=lambda s: s.published, reverse=True)[: self.feed_limit]:
            items.append(f"<item><title>{html.escape(s.title)}</title><link>{self.base}/articles/{s.slug}.html</link>"
                         f"<guid>{self.base}/articles/{s.slug}.html</guid><pubDate>{_rfc822(s.published)}</pubDate>"
                         f"<description>{html.escape(s.paragraphs[0][:100])}</description></item>")
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{self.name}</title>"
                f"<link>{self.base}/</link><description>News</description>{''.join(items)}</channel></rss>").encode()

    def sitemap(self, news: bool = False) -> bytes:
        ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
        urls = []
        for s in self.stories:
            extra = (f"<news:news><news:publication><news:name>{self.name}</news:name><news:language>en"
                     f"</news:language></news:publication><news:publication_date>{s.published}"
                     f"</news:publication_date><news:title>{html.escape(s.title)}</news:title></news:news>"
                     if news else f"<lastmod>{s.published}</lastmod>")
            urls.append(f"<url><loc>{self.base}/articles/{s.slug}.html</loc>{extra}</url>")
        return (f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
                f"{ns}>{''.join(urls)}</urlset>").encode()

    def sitemap_index(self) -> bytes:
        return (f"<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/"
                f"sitemap/0.9'><sitemap><loc>{self.base}/sitemap.xml</loc></sitemap></sitemapindex>").encode()

    def section_page(self) -> bytes:
        """A section front page: navigation links, then a link to each story."""
        items = "".join(f'<li><a href="/articles/{s.slug}.html">{html.escape(s.title)}</a></li>' for s in self.stories)
        return (f'<html><head><title>News - {html.escape(self.name)}</title></head><body><nav><a href="/">Home</a> '
                f'<a href="/news/">News</a> <a href="/about">About</a></nav><ul>{items}</ul>'
                f'<footer><a href="https://elsewhere.example/x-y.html">partner</a></footer></body></html>').encode()

    def opml(self) -> bytes:
        return (f"<?xml version='1.0'?><opml version='2.0'><head><title>feeds</title></head><body>"
                f"<outline text='{self.name}' type='rss' xmlUrl='{self.base}/feed.xml'/></body></opml>").encode()

    # -- serving ---------------------------------------------------------------------------------
    def route(self, path: str) -> tuple[int, str, bytes, dict[str, str]]:
        clean = path.split("?")[0].split("#")[0]
        if clean in self.extra:
            status, ctype, body = self.extra[clean]
            return status, ctype, body, {}
        if clean in self.redirects:
            return 302, "text/plain", b"", {"Location": self.redirects[clean]}
        if clean == "/robots.txt":
            return 200, "text/plain", self.robots.encode(), {}
        if clean in ("/feed.xml", "/feed"):
            return 200, "application/rss+xml; charset=utf-8", self.feed(), {"cache": "1"}
        if clean == "/sitemap.xml":
            return 200, "application/xml", self.sitemap(), {"cache": "1"}
        if clean == "/news-sitemap.xml":
            return 200, "application/xml", self.sitemap(news=True), {"cache": "1"}
        if clean == "/sitemap-index.xml":
            return 200, "application/xml", self.sitemap_index(), {"cache": "1"}
        if clean == "/news/":
            return 200, "text/html; charset=utf-8", self.section_page(), {"cache": "1"}
        if clean == "/feeds.opml":
            return 200, "text/x-opml", self.opml(), {}
        if clean.startswith("/articles/") and clean.endswith(".html"):
            slug = clean[len("/articles/"):-5]
            for s in self.stories:
                if s.slug == slug:
                    return 200, "text/html; charset=utf-8", s.html(self.name, self.base).encode(), {}
        if clean.startswith("/private/"):
            slug = clean[len("/private/"):-5]
            for s in self.stories:
                if s.slug == slug:
                    return 200, "text/html; charset=utf-8", s.html(self.name, self.base).encode(), {}
        if clean.startswith("/redirect/"):
            target = clean[len("/redirect"):]
            return 301, "text/plain", b"", {"Location": target}
        if clean == "/loop":
            return 302, "text/plain", b"", {"Location": "/loop2"}
        if clean == "/loop2":
            return 302, "text/plain", b"", {"Location": "/loop"}
        if clean.startswith("/status/"):
            return int(clean.rsplit("/", 1)[1]), "text/html", b"<html><body>error</body></html>", {}
        if clean == "/image.png":
            return 200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, {}
        if clean == "/empty.html":
            return 200, "text/html", b"<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", {}
        if clean == "/big.html":
            body = b"<html><body><article>" + (b"<p>" + b"word " * 200 + b"</p>") * 3000 + b"</article></body></html>"
            return 200, "text/html", body, {}
        return 404, "text/html", b"<html><body>not found</body></html>", {}

    def serve(self) -> FakeSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):  # noqa: N802
                entry = LoggedRequest(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()})
                with site._lock:
                    site.log.append(entry)
                fault = next((f for p, f in site.faults.items() if self.path.startswith(p)), None)
                if fault and fault.delay:
                    time.sleep(fault.delay)
                if fault and fault.status:
                    entry.status = fault.status
                    self.send_response(fault.status)
                    if fault.retry_after:
                        self.send_header("Retry-After", fault.retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, ctype, body, extra = site.route(self.path)
                headers = {"Content-Type": ctype}
                if extra.pop("cache", None):
                    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    headers["ETag"] = etag
                    headers["Last-Modified"] = "Mon, 24 Feb 2025 08:00:00 GMT"
                    if self.headers.get("If-None-Match") == etag:
                        entry.status = 304
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                headers.update(extra)
                if "gzip" in (self.headers.get("Accept-Encoding") or "") and len(body) > 2000 and not (
                        fault and fault.trickle):
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                entry.status = status
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if fault and fault.trickle:
                    try:
                        for i in range(len(body)):
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(fault.trickle)
                    except (BrokenPipeError, ConnectionResetError):
                        return
                else:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        return

        self.server = ThreadingHTTPServer((self.host, self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
