"""HTML → article body and metadata, with trafilatura."""

from __future__ import annotations

import re

import trafilatura
from lxml.html import HtmlElement

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


def _blocks(body) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for child in body:
        if child.tag == "list":
            words = "\n".join(" ".join("".join(item.itertext()).split()) for item in child)
        elif child.tag == "table":
            words = "\n".join(" | ".join(" ".join("".join(c.itertext()).split()) for c in row) for row in child)
        else:
            words = " ".join("".join(child.itertext()).split())
        words = words.strip()
        if words:
            parts.append(("heading" if child.tag == "head" else "paragraph", words))
    return parts


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())


def extract_html(raw: bytes | str, url: str | None = None, min_chars: int = 100) -> Article:
    """Extract an article from an HTML page. Raises NotAnArticle when the page has no body text."""
    tree = trafilatura.load_html(raw)
    if tree is None:
        raise NotAnArticle("not an HTML document")
    published, precision = _stated_date(tree)
    lang_attr = (tree.get("lang") or "").split("-")[0].lower() or None
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or doc.body is None:
        raise NotAnArticle("no article text found")
    parts = _blocks(doc.body)
    if parts and doc.title and _same_words(parts[0][1], doc.title):
        parts = parts[1:]  # the headline is kept as the title, not as the first line of the text
    text, blocks = blocks_from_paragraphs(parts)
    if len(text) < min_chars:
        raise NotAnArticle(f"no article text found (only {len(text)} characters)")
    if published is None and doc.date:
        published, precision = parse_published(doc.date)
        page_url = doc.url or url or ""
        if _URL_YM.search(page_url) and not _URL_YMD.search(page_url) and published.endswith("-01"):
            published, precision = published[:7], "month"
    canon = canonical_url(doc.url) or canonical_url(url)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Article(
        text=text, blocks=blocks, title=(doc.title or None), url=url or doc.url,
        canonical_url=canon, outlet_domain=outlet_domain(canon or url), outlet_name=doc.sitename or None,
        authors=authors, published=published, published_precision=precision,
        language=lang_attr, raw=raw.encode("utf-8") if isinstance(raw, str) else raw, raw_type="html",
    )

