"""HTML → article body and metadata, with trafilatura."""

from __future__ import annotations

import re
import unicodedata

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as tm

from ..model import Article
from .dates import DateError, parse_published
from .textformat import blocks_from_paragraphs
from .urls import canonical_url, outlet_domain

_DATE_META = (
    "//meta[@property='article:published_time' or @name='article:published_time' "
    "or @itemprop='datePublished' or @name='pubdate' or @name='publishdate' or @name='date' "
    "or @name='dc.date' or @name='DC.date.issued' or @name='sailthru.date' or @property='og:published_time' "
    "or @name='parsely-pub-date']/@content"
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_URL_YM = re.compile(r"/(19|20)\d\d/(0[1-9]|1[0-2])/(?!\d{1,2}/)")
_URL_YMD = re.compile(r"/(19|20)\d\d/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(/|$)")


class NotAnArticle(ValueError):
    """The page holds no article body."""


def _stated_date(tree: HtmlElement) -> tuple[str | None, str | None]:
    for value in tree.xpath(_DATE_META):
        try:
            parsed = parse_published(value)
        except DateError:
            continue
        if parsed[0]:
            return parsed
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        if m := _JSONLD_DATE.search(script):
            try:
                parsed = parse_published(m.group(1))
            except DateError:
                continue
            if parsed[0]:
                return parsed
    for value in tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime"):
        try:
            parsed = parse_published(value)
        except DateError:
            continue
        if parsed[0]:
            return parsed
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
    meta = tm.extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = tm.extract_title(tree)
    if not meta.url:
        meta.url = tm.extract_url(tree)
    if not meta.sitename:
        meta.sitename = tm.extract_sitename(tree)
    return meta


def extract_html(raw: bytes | str, url: str | None = None, min_chars: int = 100) -> Article:
    """Extract an article from an HTML page. Raises NotAnArticle when the page has no body text."""
    tree = trafilatura.load_html(raw)
    if tree is None:
        raise NotAnArticle("not an HTML document")
    published, precision = _stated_date(tree)
    lang_attr = (tree.get("lang") or "").split("-")[0].lower() or None
    meta = _metadata(tree)
    if published is None:
        found = find_date(tree, extensive_search=False, original_date=True, url=url)
        if found:
            published, precision = parse_published(found)
            page_url = meta.url or url or ""
            if _URL_YM.search(page_url) and not _URL_YMD.search(page_url) and published.endswith("-01"):
                published, precision = published[:7], "month"
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
    canon = canonical_url(meta.url) or canonical_url(url)
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return Article(
        text=text, blocks=blocks, title=title, url=url or meta.url,
        canonical_url=canon, outlet_domain=outlet_domain(canon or url), outlet_name=meta.sitename or None,
        authors=authors, published=published, published_precision=precision,
        language=lang_attr, raw=raw.encode("utf-8") if isinstance(raw, str) else raw, raw_type="html",
    )

