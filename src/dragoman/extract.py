"""`dragoman extract`: a pure function from article text or HTML to coded events, quotes and times.

No database is touched. Documents stream through spaCy's nlp.pipe in batches, so memory stays flat.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from .actors.resolver import ActorMemory, ArticleResolver, Sighting
from .actors.speakers import resolve_speakers
from .budget import OverBudget, within_budget
from .events.coder import Coder
from .events.context import Context
from .events.sentence import code_doc
from .ingest.dates import DateError, DateWindow, parse_published, published_date
from .ingest.failures import clean_text, reason_for
from .ingest.htmlextract import NotAnArticle, extract_html
from .ingest.language import detect_language
from .ingest.textformat import parse_text_article
from .ingest.urls import is_http_url
from .model import Article, Block, ExtractedDoc
from .nlp import pipeline
from .nlp.clauses import clause_of

MAX_CHARS = 200_000
MAX_HTML_CHARS = 10_000_000  # a page larger than this is refused (the web's max_body_bytes is the same)
TIME_BUDGET = 30.0  # seconds one document's coding may take (after parsing) before it fails with a reason
PUBLISHED = DateWindow(150, 2)  # the default window of Settings.date_past_years / date_future_days
MIN_HTML_CHARS = 40  # less than this from a page is navigation, not an article
_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.IGNORECASE)


@dataclass
class InputDoc:
    """One document to extract from."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    blocks: list[Block] | None = None  # set for stored articles: text is already clean


@dataclass
class Extraction:
    """An extracted document plus what the store keeps besides the contract: what the actor memory may
    learn from it, and each event's clause (in the order of doc.events) for briefs."""

    doc: ExtractedDoc
    sightings: list[Sighting]
    clauses: list[str | None] = field(default_factory=list)


def _prepare(item: InputDoc, max_chars: int) -> tuple[ExtractedDoc, list[Block], date | None]:
    raw = item.html if item.html is not None else (item.text or "")
    raw = clean_text(raw)
    article: Article
    error = None
    cut_raw = False
    if item.blocks is not None:
        article = Article(text=raw, blocks=item.blocks)
    elif item.html is not None or _HTML.match(raw[:500]):
        try:
            if len(raw) > MAX_HTML_CHARS:
                raise NotAnArticle(f"page too large ({len(raw)} characters > limit {MAX_HTML_CHARS})")
            article = extract_html(raw, url=item.url if is_http_url(item.url) else None, min_chars=MIN_HTML_CHARS)
        except NotAnArticle as exc:
            article = Article(text="")
            error = str(exc)
    else:
        # memory stays bounded for a huge text: only what can be coded is parsed into paragraphs
        cut_raw = len(raw) > 2 * max_chars
        article = parse_text_article(raw[: 2 * max_chars])
    published = item.published or article.published
    try:
        published_iso, _ = parse_published(published, None, PUBLISHED) if published else (None, None)
    except DateError as exc:
        published_iso, error = None, f"published: {exc}"
    text = article.text
    if len(text) > max_chars or cut_raw:
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
        error = f"text too long ({max(len(article.text), len(raw))} characters); coded the first {len(text)}"
    url = item.url or article.url
    doc = ExtractedDoc(text=text, id=item.id, title=item.title or article.title,
                       outlet=item.outlet or article.outlet_domain, url=url if is_http_url(url) else None,
                       published=published_iso[:10] if published_iso else None, error=error)
    if not text.strip():
        doc.error = doc.error or "no text"
    blocks = [b for b in article.blocks if b.end <= len(text)]
    return doc, blocks, published_date(published_iso)


def _background_sentences(doc, blocks: list[Block], text: str) -> set[int]:
    # only the paragraph right after a "Background" heading: articles return to the news after it
    if not any(b.kind == "heading" for b in blocks):
        return set()
    ranges = []
    current = None
    for b in blocks:
        if b.kind == "heading":
            current = b if "background" in text[b.start:b.end].lower() else None
        elif current is not None:
            ranges.append((b.start, b.end))
            current = None
    if not ranges:
        return set()
    out = set()
    for i, sent in enumerate(doc.sents):
        if any(s <= sent.start_char < e for s, e in ranges):
            out.add(i)
    return out


class Extractor:
    """Holds the loaded pipeline, lexicon and knowledge base; extracts documents in a stream."""

    def __init__(self, model: str = pipeline.DEFAULT_MODEL, max_chars: int = MAX_CHARS, batch_size: int = 16):
        self.nlp = pipeline.load(model)
        self.coder = Coder()
        self.max_chars = max_chars
        self.batch_size = batch_size

    def extract_stream(self, items: Iterable[InputDoc], memory: ActorMemory | None = None) -> Iterator[Extraction]:
        """Extract every item, in input order; one bad document never stops the stream."""
        for sdoc, (out, blocks, anchor, code_it) in self._parsed(self._prepared(items)):
            if not code_it:
                yield Extraction(out, [])
                continue
            if sdoc is None:
                out.error = out.error or "extraction failed: the parser failed on this text"
                yield Extraction(out, [])
                continue
            try:
                done = within_budget(TIME_BUDGET, "coding the document",
                                     partial(self._code, sdoc, out, blocks, anchor, memory))
            except OverBudget as exc:
                out.error = f"extraction failed: {exc}"
                done = Extraction(out, [])
            except Exception as exc:  # noqa: BLE001 - one document's failure is reported, not fatal
                out.error = f"extraction failed: {reason_for(exc)}"
                done = Extraction(out, [])
            yield done

    def _prepared(self, items: Iterable[InputDoc]):
        for item in items:
            try:
                out, blocks, anchor = _prepare(item, self.max_chars)
                if out.text.strip():
                    out.language = detect_language(out.text)
            except Exception as exc:  # noqa: BLE001 - report, keep streaming
                ident = item.id if isinstance(item.id, str) else None
                out, blocks, anchor = ExtractedDoc(text="", id=ident, error=f"unreadable input: {reason_for(exc)}"), [], None
            code_it = bool(out.text.strip()) and out.language == "en"
            if out.text.strip() and out.language != "en":
                out.error = out.error or f"not English (detected {out.language}); nothing coded"
            yield (out.text if code_it else ""), (out, blocks, anchor, code_it)

    def _parsed(self, prepared):
        """(spaCy doc, context) for each prepared text, in order. When spaCy fails inside a batch, that
        batch's texts are parsed one at a time (None for the one that fails) and the stream goes on."""
        pending: deque = deque()

        def feed():
            for text, ctx in prepared:
                pending.append((text, ctx))
                yield text, ctx

        source = feed()
        while True:
            try:
                for sdoc, ctx in self.nlp.pipe(source, as_tuples=True, batch_size=self.batch_size):
                    pending.popleft()
                    yield sdoc, ctx
                return
            except Exception:  # noqa: BLE001 - find the document at fault, keep the others
                batch = list(pending)
                pending.clear()
                for text, ctx in batch:
                    try:
                        sdoc = self.nlp(text)
                    except Exception:  # noqa: BLE001
                        sdoc = None
                    yield sdoc, ctx

    def _code(self, sdoc, out: ExtractedDoc, blocks: list[Block], anchor: date | None,
              memory: ActorMemory | None) -> Extraction:
        from .nlp.quotes import find_quotes
        from .nlp.times import tag_times

        resolver = ArticleResolver(published=anchor, memory=memory)
        resolver.prime(sdoc, out.text)
        # out.text is what spaCy parsed, so it is sdoc.text (which spaCy rebuilds from every token on each access)
        times = tag_times(sdoc, anchor, out.text)
        quotes = find_quotes(sdoc, out.text)
        ctx = Context(sdoc, resolver, times, quotes, anchor, _background_sentences(sdoc, blocks, out.text),
                      text=out.text)
        events, incidents = code_doc(self.coder, ctx)
        # one resolver for events and quotes: each speaker is resolved once, after the events (so the
        # resolver sees the article in the same order), and an event reported inside a quote is attributed
        # to the quote's resolved speaker
        spoken = {id(q.speaker): q for q in quotes if q.speaker is not None}
        resolve_speakers(quotes, sdoc, resolver, lambda head: self.coder.actor(head, resolver), out.text)
        for ev in events:
            q = spoken.get(id(ev.attribution))
            if q is not None:
                ev.attribution = q.speaker
        out.events, out.quotes, out.times, out.incidents = events, quotes, times, incidents
        return Extraction(out, resolver.sightings, [clause_of(sdoc, ev.trigger.start, out.text) for ev in events])


_EXTRACTOR: Extractor | None = None


def extractor() -> Extractor:
    """The process-wide extractor (spaCy loaded once)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def extract(text_or_html: str, published: str | None = None, url: str | None = None,
            title: str | None = None) -> ExtractedDoc:
    """Extract events, quotes and times from one article (plain text, seed-shaped text or HTML)."""
    item = InputDoc(text=text_or_html, published=published, url=url, title=title)
    return next(extractor().extract_stream([item])).doc
