"""HTML → article body and metadata, with trafilatura; the work per page is bounded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as tm

from ..budget import within_budget
from ..config import Settings
from ..model import Article
from .dates import DateError, DateWindow, parse_published
from .textformat import blocks_from_paragraphs
from .urls import canonical_url, is_http_url, outlet_domain

_DATE_META = (
    "//meta[@property='article:published_time' or @name='article:published_time' "
    "or @itemprop='datePublished' or @name='pubdate' or @name='publishdate' or @name='date' "
    "or @name='dc.date' or @name='DC.date.issued' or @name='sailthru.date' or @property='og:published_time' "
    "or @name='parsely-pub-date']/@content"
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_URL_YM = re.compile(r"/(19|20)\d\d/(0[1-9]|1[0-2])/(?!\d{1,2}/)")
_URL_YMD = re.compile(r"/(19|20)\d\d/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(/|$)")
# a start tag long enough to hold many attributes (an attribute takes two characters at least); only
# those are counted, so the count costs nothing on ordinary pages
_LONG_TAG = {bytes: re.compile(rb"<[A-Za-z][^<>]{2000,}"), str: re.compile(r"<[A-Za-z][^<>]{2000,}")}
_ATTRIBUTE = {bytes: re.compile(rb"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?"""),
              str: re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")}
_MAX_SCRIPT_CHARS = 200_000  # JSON-LD searched for a date


class NotAnArticle(ValueError):
    """The page holds no article body (or is beyond the limits of the work one page may take)."""


@dataclass(frozen=True)
class PageLimits:
    """How much work one page may cost: elements, attributes on one element, seconds."""

    max_elements: int = 150_000
    max_attributes: int = 1_000
    time_budget: float | None = 30.0
    window: DateWindow = DateWindow(150, 2)

    @classmethod
    def from_settings(cls, settings: Settings) -> PageLimits:
        return cls(settings.max_html_elements, settings.max_html_attributes, settings.page_time_budget,
                   DateWindow.from_settings(settings))


def _check_attributes(raw: bytes | str, limit: int) -> None:
    """Refuse a page with an element of more than `limit` attributes before the parser sees it (libxml2's
    duplicate-attribute check is quadratic: 300,000 attributes on one element take minutes)."""
    kind = bytes if isinstance(raw, bytes) else str
    for m in _LONG_TAG[kind].finditer(raw):
        count = 0
        for _ in _ATTRIBUTE[kind].finditer(raw, m.start() + 1, m.end()):
            count += 1
            if count > limit + 1:  # the tag name matches too
                raise NotAnArticle(f"page too complex (an element with more than {limit} attributes)")


def _date_candidates(tree: HtmlElement) -> Iterator[str]:
    """Where a page states its date, most trusted first: meta tags, JSON-LD, then <time> elements."""
    yield from tree.xpath(_DATE_META)
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        if m := _JSONLD_DATE.search(script[:_MAX_SCRIPT_CHARS]):
            yield m.group(1)
    yield from tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime")


def _stated_date(tree: HtmlElement, window: DateWindow, reference) -> tuple[str | None, str | None]:
    """The first date the page states that parses within the window, with its precision."""
    for value in _date_candidates(tree):
        try:
            found = parse_published(value, reference, window)
        except DateError:
            continue
        if found[0]:
            return found
    return None, None


def _head_texts(body) -> set[str]:
    return {" ".join("".join(h.itertext()).split()) for h in body.iter("head")}


def _article_paragraphs(tree: HtmlElement) -> list[tuple[str, str]]:
    out = []
    for el in tree.xpath("//article//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::li]"):
        words = unicodedata.normalize("NFC", " ".join(el.text_content().split()))
        if words:
            out.append(("heading" if el.tag in ("h1", "h2", "h3", "h4") else "paragraph", words))
    return out


def _metadata(tree: HtmlElement):
    """Title, author, URL and site name from the page's meta tags, JSON-LD and title element.

    trafilatura's full metadata pass also mines authors, categories, tags and licences from the
    body, which costs more than the body extraction itself; dragoman keeps the cheap, explicit part.
    """
    meta = tm.examine_meta(tree)
    try:
        meta = tm.extract_meta_json(tree, meta)
    except (ValueError, TypeError, RecursionError):  # hostile JSON-LD: keep the meta tags
        pass
    if not meta.title:
        meta.title = tm.extract_title(tree)
    if not meta.url:
        meta.url = tm.extract_url(tree)
    if not meta.sitename:
        meta.sitename = tm.extract_sitename(tree)
    return meta


def _page_date(tree, meta, url: str | None, limits: PageLimits, reference) -> tuple[str | None, str | None]:
    published, precision = _stated_date(tree, limits.window, reference)
    if published is not None:
        return published, precision
    low, high = limits.window.bounds()
    try:
        found = find_date(tree, extensive_search=False, original_date=True, url=url,
                          min_date=max(low, date(1995, 1, 1)).isoformat(), max_date=high.isoformat())
        published, precision = parse_published(found, reference, limits.window) if found else (None, None)
    except (DateError, ValueError, TypeError, RecursionError):
        return None, None
    page_url = meta.url or url or ""
    if published and _URL_YM.search(page_url) and not _URL_YMD.search(page_url) and published.endswith("-01"):
        published, precision = published[:7], "month"
    return published, precision


def extract_html(raw: bytes | str, url: str | None = None, min_chars: int = 100, limits: PageLimits | None = None,
                 reference: date | datetime | None = None) -> Article:
    """Extract an article from an HTML page. Raises NotAnArticle when the page has no body text or is
    beyond `limits` (too many elements or attributes, or more work than the time budget).

    `reference` is the moment the page was fetched: relative dates ("2 hours ago") are read against it.
    """
    limits = limits or PageLimits()
    _check_attributes(raw, limits.max_attributes)
    from ..budget import OverBudget

    try:
        return within_budget(limits.time_budget, "extracting the page",
                             lambda: _extract(raw, url, min_chars, limits, reference))
    except OverBudget as exc:
        raise NotAnArticle(str(exc)) from None


def _extract(raw: bytes | str, url: str | None, min_chars: int, limits: PageLimits, reference) -> Article:
    tree = trafilatura.load_html(raw)
    if tree is None:
        raise NotAnArticle("not an HTML document")
    elements = sum(1 for _ in tree.iter())
    if elements > limits.max_elements:
        raise NotAnArticle(f"page too complex ({elements} HTML elements > limit {limits.max_elements})")
    lang_attr = (tree.get("lang") or "").split("-")[0].lower()[:8] or None
    meta = _metadata(tree)
    published, precision = _page_date(tree, meta, url, limits, reference)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                      include_tables=True)
    if doc is None or not doc.text:
        raise NotAnArticle("no article text found")
    headings = _head_texts(doc.body) if doc.body is not None else set()
    text = unicodedata.normalize("NFC", doc.text).replace("\u00ad", "").replace("\u200b", "")
    parts = []
    for line in text.split("\n"):
        words = " ".join(line.split())
        if words:
            parts.append(("heading" if words in headings else "paragraph", words))
    title = " ".join(meta.title.split()) if meta.title else None
    # trafilatura's fallback for short pages returns the whole article as one paragraph: restore the
    # structure from the page's own paragraphs (bare_extraction cleans copies and leaves the tree as it was)
    article_parts = _article_paragraphs(tree) if len(parts) == 1 else []
    if len(parts) == 1 and len(article_parts) >= 2:
        squashed = parts[0][1]
        kept = [(k, w) for k, w in article_parts if w in squashed]
        if len(kept) >= 2:
            parts = kept
    text, blocks = blocks_from_paragraphs(parts)
    if len(text) < min_chars:
        raise NotAnArticle(f"no article text found (only {len(text)} characters)")
    page_url = meta.url if meta.url and is_http_url(meta.url) else None
    canon = canonical_url(page_url) or canonical_url(url)
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return Article(
        text=text, blocks=blocks, title=title, url=url or page_url,
        canonical_url=canon, outlet_domain=outlet_domain(canon or url), outlet_name=meta.sitename or None,
        authors=authors, published=published, published_precision=precision,
        language=lang_attr, raw=raw.encode("utf-8", "replace") if isinstance(raw, str) else raw, raw_type="html",
    )
