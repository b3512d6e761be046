"""Polling one source: a conditional GET, the entries it lists, and the new articles fetched and stored."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..ingest.feeds import FeedError, sniff_xml
from ..ingest.ingestor import Ingestor
from ..ingest.inputs import FEED_ACCEPT, Failed, Known, NotModified, ToFetch
from ..ingest.urls import canonical_url, is_http_url
from ..ingest.web import FetchError
from .metrics import METRICS
from .schedule import PollOutcome, cache_max_age

MAX_PAGE_LINKS = 200


@dataclass
class PollReport:
    outcome: PollOutcome
    new_ids: list[int] = field(default_factory=list)
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    note: str | None = None  # not an error: e.g. a host whose robots.txt crawl delay was capped


def section_links(content: bytes, base: str) -> list[str]:
    """Article-like links of a section page: same site, not the page itself, deeper than a section."""
    try:
        tree = lxml_html.fromstring(content)
    except (ValueError, TypeError, etree.LxmlError):  # an empty or comment-only page has no links
        return []
    host = urlsplit(base).netloc.lower()
    own = canonical_url(base)
    out: list[str] = []
    for href in tree.xpath("//a/@href"):
        try:
            url = urljoin(base, href.strip())
            parts = urlsplit(url)
        except ValueError:  # a broken link ("http://[::1") is skipped, the others are kept
            continue
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host or not is_http_url(url):
            continue
        canon = canonical_url(url)
        path = parts.path.rstrip("/")
        if canon is None or canon == own or canon in out:
            continue
        segments = [s for s in path.split("/") if s]
        looks_like_article = path.endswith((".html", ".htm")) or len(segments) >= 2 and (
            "-" in segments[-1] or any(s.isdigit() for s in segments))
        if looks_like_article:
            out.append(canon)
        if len(out) >= MAX_PAGE_LINKS:
            break
    return out


def poll_source(source: dict, ingestor: Ingestor, stop=None) -> PollReport:
    """Fetch a source (conditionally), store every new article it lists, and say how it went."""
    reader, fetcher = ingestor.reader, ingestor.fetcher
    url = source["url"]
    started = time.monotonic()
    report = PollReport(PollOutcome())
    try:
        resp = fetcher.fetch(url, etag=source.get("etag"), last_modified=source.get("last_modified"),
                             accept=FEED_ACCEPT)
    except FetchError as exc:
        report.outcome = PollOutcome(error=exc.reason, status=exc.status, retry_after=exc.retry_after)
        report.seconds = time.monotonic() - started
        METRICS.error(_error_kind(exc.reason, exc.status))
        return report
    report.outcome.status = resp.status
    report.outcome.max_age = cache_max_age(resp.headers.get("cache-control"))
    report.etag = resp.headers.get("etag") or source.get("etag")
    report.last_modified = resp.headers.get("last-modified") or source.get("last_modified")
    if resp.not_modified:
        report.outcome.not_modified = True
        METRICS.inc("not_modified")
        report.seconds = time.monotonic() - started
        return report
    kind = source.get("kind")
    if kind not in ("feed", "sitemap", "page"):
        sniffed = reader.kind_of_response(resp)
        kind = sniffed if sniffed in ("feed", "sitemap") else ("page" if sniffed == "html" else None)
    report.kind = kind
    if kind is None:
        report.outcome.error = f"not a feed, sitemap or page (content-type {resp.content_type or 'unknown'})"
        METRICS.error("not_a_source")
    else:
        try:
            items = _items(reader, resp, url, kind)
        except FeedError as exc:
            report.outcome.error = str(exc)
            METRICS.error("malformed")
            items = []
        if kind in ("feed", "sitemap") and not items and not report.outcome.error and not sniff_xml(resp.content):
            report.outcome.error = "empty or unreadable listing"
            METRICS.error("malformed")
        for item in items:
            if stop is not None and stop.is_set():
                break
            if isinstance(item, Known | NotModified):
                continue
            if isinstance(item, Failed) and item.input_ref == url:
                report.outcome.error = item.reason
                METRICS.error("malformed" if "feed" in item.reason or "sitemap" in item.reason else "fetch")
                continue
            result = ingestor.handle_isolated(item, url)
            if result.status == "new" and result.article_id:
                report.new_ids.append(result.article_id)
                METRICS.inc("articles_fetched")
            elif result.status == "failed":
                report.failures.append(f"{result.input_ref}: {result.reason}")
                METRICS.error("article")
    report.outcome.new_items = len(report.new_ids)
    report.seconds = time.monotonic() - started
    report.note = fetcher.slow_note(url)
    return report


def _items(reader, resp, url: str, kind: str) -> list:
    if kind == "page":
        out = []
        for link in section_links(resp.content, resp.url):
            existing = reader.store.articles.article_id_for_url(link) if reader.store is not None else None
            out.append(Known(link, "page", existing) if existing else ToFetch(link, link, "page"))
        return out
    return list(reader.expand_listing(resp.content, url, kind, base_url=resp.url))


def _error_kind(reason: str, status: int | None) -> str:
    if status == 429:
        return "rate_limited"
    if status and status >= 500:
        return "http_5xx"
    if status and status >= 400:
        return "http_4xx"
    for word, kind in (("timed out", "timeout"), ("cannot connect", "connect"), ("redirect", "redirects"),
                       ("robots", "robots"), ("too large", "too_large")):
        if word in reason:
            return kind
    return "fetch"
