"""Feeds (RSS, Atom, JSON Feed via feedparser), XML sitemaps (incl. Google News) and OPML lists."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from xml.sax import SAXException

import feedparser
from lxml import etree

from ..budget import OverBudget, within_budget
from .dates import LOOSE, DateError, DateWindow, parse_published
from .feedxml import lean_items

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
_RECOVER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


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


_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]{0,500}\?>")


def _feedparser(data: bytes, base_url: str | None):
    headers = {"content-location": base_url} if base_url else None
    try:
        return feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    except RecursionError:
        raise FeedError("malformed feed (nested too deeply)") from None
    except Exception:  # noqa: BLE001 - e.g. a garbled encoding in the XML declaration makes feedparser raise
        pass
    # read the rest as UTF-8 under a clean declaration
    body = _XML_DECLARATION.sub(b"", data[:600], count=1) + data[600:]
    body = b'<?xml version="1.0" encoding="utf-8"?>' + body.decode("utf-8", "replace").encode("utf-8")
    try:
        return feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - whatever the parser raises, this feed is unreadable
        raise FeedError(f"malformed feed ({_one_line(exc)})") from None


def parse_feed(data: bytes, base_url: str | None = None, window: DateWindow = LOOSE,
               reference: date | datetime | None = None, budget: float | None = None) -> list[Entry]:
    """Entries of an RSS/Atom/JSON feed. Raises FeedError when it is not a readable feed.

    Entry dates are checked against `window` (relative ones read against `reference`). When feedparser
    takes longer than `budget` seconds, the items are read by a lean lxml reader instead."""
    try:
        parsed = within_budget(budget, "reading the feed", lambda: _feedparser(data, base_url))
    except OverBudget as exc:
        return _lean_entries(data, base_url, window, reference, str(exc))
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        # an empty but well-formed feed is not an error (feedparser flags a missing Content-Type too)
        if isinstance(reason, SAXException) or not parsed.get("version"):
            raise FeedError(f"malformed feed ({_one_line(reason)})")
    if not parsed.entries and not parsed.get("version") and not parsed.feed.get("title"):
        raise FeedError("not a feed")
    entries = []
    for e in parsed.entries:
        content = None
        if e.get("content"):
            content = max((c.get("value", "") or "" for c in e.content), key=len) or None
        if not content and e.get("summary"):
            content = e.summary
        link = e.get("link")
        entries.append(Entry(url=link if isinstance(link, str) else None, title=_text(e.get("title")),
                             published=_entry_date(e, window, reference),
                             content_html=content if isinstance(content, str) else None,
                             entry_id=_text(e.get("id")) or (link if isinstance(link, str) else None)))
    if parsed.bozo and not any(e.url or e.content_html for e in entries):
        raise FeedError(f"malformed feed ({_one_line(getattr(parsed, 'bozo_exception', None))})")
    return entries


def _lean_entries(data: bytes, base_url: str | None, window: DateWindow, reference, why: str) -> list[Entry]:
    try:
        items = lean_items(data, base_url)
    except ValueError:
        raise FeedError(f"{why}, and it is no RSS or Atom feed the lean reader can read") from None
    entries = []
    for item in items:
        try:
            published = parse_published(item["date"], reference, window)[0] if item["date"] else None
        except DateError:
            published = None
        entries.append(Entry(url=item["link"], title=item["title"], published=published,
                             content_html=item["content"], entry_id=item["id"] or item["link"]))
    return entries


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _entry_date(e, window: DateWindow, reference) -> str | None:
    """The entry's stated date, as read by parse_published; feedparser's reading when it kept no text."""
    stated = e.get("published") or e.get("updated")
    if isinstance(stated, str) and stated.strip():
        try:
            return parse_published(stated, reference, window)[0]
        except DateError:
            return None  # what the feed states is no date: none is invented (feedparser guesses noon)
    struct = e.get("published_parsed") or e.get("updated_parsed")
    if struct:
        try:
            when = datetime.fromtimestamp(calendar.timegm(struct), UTC).replace(tzinfo=None)
            return parse_published(when, reference, window)[0]
        except (DateError, ValueError, OverflowError, OSError, TypeError):
            return None
    return None


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    try:
        return etree.QName(tag).localname
    except ValueError:  # a name the recovering parser kept but QName refuses
        return tag.rsplit("}", 1)[-1]


def _xml_root(data: bytes, what: str):
    """The document's root; a document with an XML error is read again by libxml2's recovering parser,
    so one bad entry (a control character, a stray '&') does not lose the entries after it."""
    try:
        return etree.fromstring(data, parser=_XML_PARSER)
    except etree.XMLSyntaxError as exc:
        error = exc
    try:
        root = etree.fromstring(data, parser=_RECOVER)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise FeedError(f"malformed {what} ({_one_line(error)})") from None
    return root


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
