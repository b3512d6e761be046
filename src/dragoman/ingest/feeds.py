"""Feeds (RSS, Atom, JSON Feed via feedparser), XML sitemaps (incl. Google News) and OPML lists."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax import SAXException

import feedparser
from lxml import etree

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)


class FeedError(ValueError):
    """A feed, sitemap or OPML document that cannot be read."""


@dataclass
class Entry:
    """One item of a feed or a sitemap: an article to fetch, perhaps with its content."""

    url: str | None
    title: str | None = None
    published: str | None = None
    content_html: str | None = None
    entry_id: str | None = None


def parse_feed(data: bytes, base_url: str | None = None) -> list[Entry]:
    """Entries of an RSS/Atom/JSON feed. Raises FeedError when it is not a readable feed."""
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None,
                              sanitize_html=True, resolve_relative_uris=True)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        # an empty but well-formed feed is not an error (feedparser flags a missing Content-Type too)
        if isinstance(reason, SAXException) or not parsed.get("version"):
            raise FeedError(f"malformed feed ({_one_line(reason)})")
    if not parsed.entries and not parsed.get("version") and not parsed.feed.get("title"):
        raise FeedError("not a feed")
    entries = []
    for e in parsed.entries:
        published = None
        struct = e.get("published_parsed") or e.get("updated_parsed")
        stated = e.get("published") or e.get("updated")
        if stated:
            from .dates import DateError, parse_published

            try:
                published = parse_published(stated)[0]
            except DateError:
                published = None
        if published is None and struct:
            published = datetime.fromtimestamp(calendar.timegm(struct), UTC).replace(tzinfo=None).isoformat()
        content = None
        if e.get("content"):
            content = max((c.get("value", "") for c in e.content), key=len) or None
        if not content and e.get("summary"):
            content = e.summary
        entries.append(Entry(url=e.get("link"), title=e.get("title"), published=published,
                             content_html=content, entry_id=e.get("id") or e.get("link")))
    if parsed.bozo and not any(e.url or e.content_html for e in entries):
        raise FeedError(f"malformed feed ({_one_line(getattr(parsed, 'bozo_exception', None))})")
    return entries


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _xml_root(data: bytes, what: str):
    try:
        return etree.fromstring(data, parser=_XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed {what} ({_one_line(exc)})") from None


def parse_sitemap(data: bytes) -> tuple[list[Entry], list[str]]:
    """(article entries, child sitemap URLs) of a sitemap or sitemap index."""
    root = _xml_root(data, "sitemap")
    kind = _local(root.tag)
    if kind not in {"urlset", "sitemapindex"}:
        raise FeedError(f"not a sitemap (root element <{kind}>)")
    entries: list[Entry] = []
    children: list[str] = []
    for node in root:
        name = _local(node.tag)
        fields: dict[str, str] = {}
        for el in node.iter():
            local = _local(el.tag)
            if local and el.text and el.text.strip() and local not in fields:
                fields[local] = el.text.strip()
        if name == "sitemap" and fields.get("loc"):
            children.append(fields["loc"])
        elif name == "url" and fields.get("loc"):
            entries.append(Entry(url=fields["loc"], title=fields.get("title"),
                                 published=fields.get("publication_date") or None))
    return entries, children


def parse_opml(data: bytes) -> list[str]:
    """Feed URLs listed in an OPML document."""
    root = _xml_root(data, "OPML")
    if _local(root.tag).lower() != "opml":
        raise FeedError("not an OPML document")
    urls = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url not in urls:
            urls.append(url.strip())
    return urls


def sniff_xml(data: bytes) -> str | None:
    """'feed', 'sitemap' or 'opml' from the first bytes of an XML or JSON document; None otherwise."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{") and b"jsonfeed.org" in head:
        return "feed"
    if not head.startswith(b"<"):
        return None
    for marker, kind in ((b"<urlset", "sitemap"), (b"<sitemapindex", "sitemap"), (b"<opml", "opml"),
                         (b"<rss", "feed"), (b"<feed", "feed"), (b"<rdf:rdf", "feed")):
        if marker in head:
            return kind
    return None


def _one_line(exc) -> str:
    text = str(exc or "unknown error").strip().splitlines()
    return text[0][:200] if text else "unknown error"
