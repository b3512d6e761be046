"""Expanding what the user points at (files, folders, URLs, feeds, sitemaps, OPML, JSONL, WARC)
into articles to store, one work item at a time."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..config import Settings
from ..model import Article
from ..timeutil import utcnow_iso
from .charset import decode_page
from .dates import DateError, DateWindow, parse_published
from .failures import clean_text, reason_for
from .feeds import Entry, FeedError, parse_feed, parse_opml, parse_sitemap, sniff_xml
from .htmlextract import NotAnArticle, PageLimits, extract_html
from .linereader import read_lines
from .textformat import blocks_from_paragraphs, parse_text_article
from .urls import canonical_url, is_http_url, looks_like_url, outlet_domain
from .warc import HTML_TYPES, WarcProblem, warc_pages
from .web import Fetcher, FetchError, Response

KINDS = ("auto", "html", "text", "json", "jsonl", "warc", "feed", "sitemap", "opml", "url")
EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text", ".md": "text", ".markdown": "text",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".gz": "warc",
    ".xml": "xml", ".rss": "feed", ".atom": "feed", ".opml": "opml",
}
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"


@dataclass
class Ready:
    """An extracted article, ready to store."""

    article: Article
    kind: str


@dataclass
class Failed:
    """An input that gave no article, with the one-line reason."""

    input_ref: str
    kind: str | None
    reason: str


@dataclass
class NotModified:
    """A feed or sitemap that answered 304: nothing new, nothing fetched."""

    input_ref: str
    kind: str


@dataclass
class Known:
    """An input already in the store (same canonical URL): nothing to fetch."""

    input_ref: str
    kind: str
    article_id: int


@dataclass
class ToFetch:
    """An article URL to fetch (from a feed, sitemap or the command line)."""

    url: str
    input_ref: str
    kind: str
    hint: Entry | None = None


Item = Ready | Failed | NotModified | Known | ToFetch


class InputReader:
    """Turns inputs into work items. URL items are fetched lazily so that known URLs cost nothing.

    Every expansion isolates its items: whatever one file, line, record or entry raises becomes one
    Failed item naming it, and the items after it are still read."""

    def __init__(self, settings: Settings, fetcher: Fetcher, store=None, published: str | None = None):
        self.settings = settings
        self.fetcher = fetcher
        self.store = store
        self.published = published  # applies to inputs that carry no date of their own
        self.window = DateWindow.from_settings(settings)
        self.limits = PageLimits.from_settings(settings)

    # -- entry points -------------------------------------------------------------------------
    def expand(self, ref: str, as_kind: str = "auto") -> Iterator[Item]:
        """Work items for one command-line input."""
        if looks_like_url(ref):
            if not is_http_url(ref):
                yield Failed(ref, "url", "not a valid http(s) URL")
                return
            yield from _isolated(self._expand_url(ref.strip(), as_kind), ref, "url")
            return
        path = Path(ref)
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except (OSError, ValueError) as exc:
            yield Failed(ref, None, _os_reason(exc))
            return
        if not exists:
            yield Failed(ref, None, "no such file or directory")
        elif is_dir:
            yield from _isolated(self._expand_folder(path, as_kind), ref, None)
        else:
            yield from _isolated(self._expand_file(path, as_kind), ref, None)

    def fetch_article(self, item: ToFetch) -> Ready | Failed:
        """Fetch and extract one article URL."""
        try:
            resp = self.fetcher.fetch(item.url)
        except FetchError as exc:
            return Failed(item.input_ref, item.kind, exc.reason)
        return _one(lambda: self._article_from_response(resp, item), item.input_ref, item.kind)

    # -- files -------------------------------------------------------------------------------
    def _expand_folder(self, path: Path, as_kind: str) -> Iterator[Item]:
        files = sorted(p for p in path.rglob("*") if p.is_file() and self._kind_of_path(p) is not None)
        if not files:
            yield Failed(str(path), None, "folder holds no readable article files")
        for p in files:
            yield from _isolated(self._expand_file(p, as_kind), str(p), None)

    def _kind_of_path(self, path: Path) -> str | None:
        name = path.name.lower()
        if name.endswith((".warc.gz", ".warc")):
            return "warc"
        if name.endswith(".gz"):
            return None
        return EXTENSIONS.get(path.suffix.lower())

    def _read(self, path: Path) -> bytes:
        size = path.stat().st_size
        if size > self.settings.max_file_bytes:
            raise ValueError(f"file too large ({size} bytes > limit {self.settings.max_file_bytes})")
        data = path.read_bytes()
        if not data.strip():
            raise ValueError("empty file")
        return data

    def _expand_file(self, path: Path, as_kind: str) -> Iterator[Item]:
        ref = str(path)
        kind = as_kind if as_kind not in ("auto", "url") else self._kind_of_path(path)
        if kind is None:
            yield Failed(ref, None, f"unknown file type {path.suffix or '(no extension)'!r}; use --as")
            return
        if kind == "warc":
            yield from self._expand_warc(path)
            return
        if kind == "jsonl":
            yield from self._expand_jsonl(path)
            return
        try:
            data = self._read(path)
        except (OSError, ValueError) as exc:
            yield Failed(ref, kind, _os_reason(exc))
            return
        if kind == "xml":
            kind = sniff_xml(data) or "html"
        if kind in ("feed", "sitemap", "opml"):
            yield from self.expand_listing(data, ref, kind, base_url=None)
        elif kind == "json":
            yield from self._expand_json(data, ref)
        elif kind == "html":
            yield _one(lambda: self._html_item(data, ref, url=None), ref, kind)
        else:
            yield _one(lambda: self._text_item(data, ref), ref, "text")

    def _text_item(self, data: bytes, ref: str) -> Ready | Failed:
        if b"\x00" in data[:8192]:
            return Failed(ref, "text", "binary file, not a text article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Failed(ref, "text", f"undecodable bytes (not UTF-8 at byte {exc.start})")
        article = parse_text_article(text)
        if not article.text.strip():
            return Failed(ref, "text", "no article text")
        article.raw = data
        article.input_ref = ref
        return self._dated(Ready(article, "text"))

    def _html_item(self, data: bytes, ref: str, url: str | None, hint: Entry | None = None,
                   kind: str = "html", fetched: str | None = None) -> Ready | Failed:
        if b"\x00" in data[:8192]:
            return Failed(ref, kind, "binary file, not an HTML page")
        if len(data) > self.settings.max_body_bytes:  # however a page arrives, it is no larger than a fetched one
            return Failed(ref, kind, f"page too large ({len(data)} bytes > limit {self.settings.max_body_bytes})")
        reference = _moment(fetched)
        try:
            article = extract_html(data, url=url, limits=self.limits, reference=reference)
        except NotAnArticle as exc:
            return Failed(ref, kind, str(exc))
        except (ValueError, TypeError, etree.LxmlError) as exc:  # lxml/trafilatura on broken input
            return Failed(ref, kind, f"unreadable HTML ({reason_for(exc)[:120]})")
        if article.text.count("\ufffd") > max(3, len(article.text) // 200):
            return Failed(ref, kind, "undecodable bytes (text full of replacement characters)")
        article.input_ref = ref
        article.fetched = fetched
        if hint:
            article.title = article.title or hint.title
            if article.published is None and hint.published:
                article.published, article.published_precision = self._try_date(hint.published, reference)
        return self._dated(Ready(article, kind))

    def _dated(self, ready: Ready) -> Ready | Failed:
        art = ready.article
        if art.published is None and self.published:
            try:
                art.published, art.published_precision = parse_published(self.published, _today(), self.window)
            except DateError as exc:
                return Failed(art.input_ref or "", ready.kind, f"--published: {exc}")
        return ready

    def _try_date(self, value: str | None, reference=None) -> tuple[str | None, str | None]:
        try:
            return parse_published(value, reference, self.window)
        except DateError:
            return None, None

    def _expand_json(self, data: bytes, ref: str) -> Iterator[Item]:
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            reason = f"invalid JSON ({exc})" if isinstance(exc, json.JSONDecodeError) else reason_for(exc)
            yield Failed(ref, "json", reason[:300])
            return
        objs = doc if isinstance(doc, list) else [doc]
        for i, obj in enumerate(objs, 1):
            item_ref = f"{ref}#{i}" if len(objs) > 1 else ref
            yield _one(lambda obj=obj, item_ref=item_ref: self._json_item(obj, item_ref, "json"), item_ref, "json")

    def _expand_jsonl(self, path: Path) -> Iterator[Item]:
        """One item per line, read as a stream: a line's fault (bad JSON, deep nesting, a number of
        thousands of digits, bad bytes, too long) is that line's alone."""
        ref = str(path)
        try:
            lines = read_lines(path, self.settings.max_file_bytes)
            for lineno, line in lines:
                item_ref = f"{ref}:{lineno}"
                if isinstance(line, Exception):
                    yield Failed(item_ref, "jsonl", str(line))
                    continue
                if not line.strip():
                    continue
                yield _one(lambda line=line, item_ref=item_ref: self._jsonl_item(line, item_ref), item_ref, "jsonl")
        except OSError as exc:
            yield Failed(ref, "jsonl", _os_reason(exc))

    def _jsonl_item(self, line: str, ref: str) -> Ready | Failed:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            return Failed(ref, "jsonl", f"invalid JSON ({exc.msg} at column {exc.colno})")
        except (ValueError, RecursionError) as exc:
            return Failed(ref, "jsonl", f"invalid JSON ({reason_for(exc)})")
        return self._json_item(obj, ref, "jsonl")

    def _json_item(self, obj, ref: str, kind: str) -> Ready | Failed:
        if not isinstance(obj, dict):
            return Failed(ref, kind, "not a JSON object")
        obj = {k: clean_text(v) if isinstance(v, str) else v for k, v in obj.items() if isinstance(k, str)}
        url = obj.get("url") if is_http_url(obj.get("url")) else None
        if isinstance(obj.get("html"), str) and obj["html"].strip():
            item = self._html_item(obj["html"].encode("utf-8"), ref, url=url, kind=kind)
            if isinstance(item, Failed):
                return item
            article = item.article
            if isinstance(obj.get("title"), str) and obj["title"].strip():
                article.title = obj["title"].strip()
        elif isinstance(obj.get("text"), str) and obj["text"].strip():
            article = parse_text_article(obj["text"])
            if isinstance(obj.get("title"), str) and obj["title"].strip():
                article.title = obj["title"].strip()
            article.raw = json.dumps(obj, ensure_ascii=False).encode("utf-8")
            article.raw_type = "json"
            if url:
                article.url = url
                article.canonical_url = canonical_url(url)
                article.outlet_domain = outlet_domain(url)
        else:
            return Failed(ref, kind, "no 'text' or 'html' field")
        if not article.text.strip():
            return Failed(ref, kind, "no article text")
        stated = obj.get("published")
        if stated not in (None, ""):
            if not isinstance(stated, str | int) or isinstance(stated, bool):
                return Failed(ref, kind, "published: not a date (expected a string)")
            try:
                article.published, article.published_precision = parse_published(
                    stated if isinstance(stated, str) else str(stated), None, self.window)
            except (DateError, ValueError) as exc:
                return Failed(ref, kind, f"published: {exc}" if isinstance(exc, DateError) else
                              f"published: not a date ({reason_for(exc)})")
        if isinstance(obj.get("outlet"), str) and obj["outlet"].strip():
            article.outlet_domain = obj["outlet"].strip().lower()[:255]
        article.input_ref = ref
        return self._dated(Ready(article, kind))

    def _expand_warc(self, path: Path) -> Iterator[Item]:
        ref = str(path)
        try:
            head = _peek(path)
        except OSError as exc:
            yield Failed(ref, "warc", _os_reason(exc))
            return
        if not head.startswith(b"WARC/"):
            yield Failed(ref, "warc", "not a WARC file (no WARC/ record header)")
            return
        count = 0
        for page in warc_pages(path, self.settings.max_body_bytes):
            if isinstance(page, WarcProblem):
                yield Failed(page.ref, "warc", page.reason)
                continue
            count += 1
            # a javascript:, urn: or dns: target is no article URL: the page is kept without one
            url = page.uri if is_http_url(page.uri) else None
            yield _one(lambda page=page, url=url: self._html_item(page.payload, page.ref, url=url, kind="warc",
                                                                   fetched=page.fetched), page.ref, "warc")
        if count == 0:
            yield Failed(ref, "warc", "no HTML responses in the archive")

    # -- the web ---------------------------------------------------------------------------------
    def _expand_url(self, url: str, as_kind: str, depth: int = 0) -> Iterator[Item]:
        canon = canonical_url(url)
        if as_kind in ("auto", "url", "html") and self.store is not None and canon:
            existing = self.store.articles.article_id_for_url(canon)
            if existing is not None:
                yield Known(url, "url", existing)
                return
        source = self.store.sources.get_source(url) if self.store is not None else None
        conditional = as_kind in ("feed", "sitemap", "opml") or (source is not None and source.get("kind"))
        etag = source.get("etag") if source and conditional else None
        modified = source.get("last_modified") if source and conditional else None
        try:
            resp = self.fetcher.fetch(url, etag=etag, last_modified=modified,
                                      accept=FEED_ACCEPT if as_kind in ("feed", "sitemap", "opml") else None)
        except FetchError as exc:
            if source is not None:
                self.store.sources.upsert_source(url, last_poll=utcnow_iso(), last_error=exc.reason,
                                         last_status=exc.status, error_count=(source.get("error_count") or 0) + 1)
            yield Failed(url, as_kind if as_kind != "auto" else "url", exc.reason)
            return
        if resp.not_modified and source is None:  # a 304 to a request that asked for nothing conditional
            yield Failed(url, as_kind if as_kind != "auto" else "url", "HTTP 304 to a request that was not conditional")
            return
        if resp.not_modified:
            self.store.sources.upsert_source(url, last_poll=utcnow_iso(), last_status=304, last_error=None)
            yield NotModified(url, source.get("kind") or as_kind)
            return
        kind = as_kind if as_kind not in ("auto", "url") else self.kind_of_response(resp)
        if kind in ("feed", "sitemap", "opml"):
            if self.store is not None:
                self.store.sources.upsert_source(url, kind=kind, etag=resp.headers.get("etag"),
                                         last_modified=resp.headers.get("last-modified"), last_poll=utcnow_iso(),
                                         last_status=resp.status, last_error=None, error_count=0)
            yield from self.expand_listing(resp.content, url, kind, base_url=resp.url, depth=depth,
                                           fetched=utcnow_iso())
            return
        yield _one(lambda: self._article_from_response(resp, ToFetch(url, url, "url")), url, "url")

    def kind_of_response(self, resp: Response) -> str:
        ctype = resp.content_type
        if ctype in ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"):
            return "feed"
        if ctype in HTML_TYPES:
            return "html"
        sniffed = sniff_xml(resp.content)
        if sniffed:
            return sniffed
        if ctype == "text/plain":
            return "text"
        return "html" if ctype in ("", "application/octet-stream") and resp.content.lstrip()[:1] == b"<" else ctype

    def _article_from_response(self, resp: Response, item: ToFetch) -> Ready | Failed:
        kind = self.kind_of_response(resp)
        fetched = utcnow_iso()
        if kind == "text":
            result = self._text_item(resp.content, item.input_ref)
            if isinstance(result, Ready):
                result.article.url = resp.url
                result.article.canonical_url = canonical_url(resp.url)
                result.article.outlet_domain = result.article.outlet_domain or outlet_domain(resp.url)
                result.article.fetched = fetched
            return result
        if kind != "html":
            return Failed(item.input_ref, item.kind, f"not an HTML page (content-type {resp.content_type or 'unknown'})")
        # the declared charset is a hint: a UTF-8 page served as utf-16 is still read as UTF-8
        data = decode_page(resp.content, resp.charset).encode("utf-8", "replace")
        result = self._html_item(data, item.input_ref, url=resp.url, hint=item.hint, kind=item.kind, fetched=fetched)
        if isinstance(result, Ready) and result.article.canonical_url is None:
            result.article.canonical_url = canonical_url(resp.url)
        if isinstance(result, Ready) and item.url != resp.url and result.article.url is None:
            result.article.url = item.url
        return result

    def expand_listing(self, data: bytes, ref: str, kind: str, base_url: str | None, depth: int = 0,
                       fetched: str | None = None) -> Iterator[Item]:
        """The items a feed, sitemap or OPML list names, each isolated from the others."""
        try:
            if kind == "feed":
                entries = parse_feed(data, base_url, window=self.window, reference=_moment(fetched),
                                     budget=self.settings.page_time_budget)
                for i, entry in enumerate(entries, 1):
                    yield from _isolated(self._feed_entry(entry, f"{ref}#{i}"), f"{ref}#{i}", "feed")
            elif kind == "sitemap":
                entries, children = parse_sitemap(data)
                for i, entry in enumerate(entries[: self.settings.max_sitemap_urls], 1):
                    if is_http_url(entry.url):
                        yield from _isolated(self._url_entry(entry, ref, "sitemap"), f"{ref}#{i}", "sitemap")
                    else:
                        yield Failed(f"{ref}#{i}", "sitemap", "not a valid http(s) URL")
                if depth < 2:
                    for child in children:
                        if is_http_url(child):
                            yield from _isolated(self._expand_url(child.strip(), "sitemap", depth + 1), child, "sitemap")
                        else:
                            yield Failed(f"{ref}#{child[:200]}", "sitemap", "child sitemap: not a valid http(s) URL")
            else:
                for feed_url in parse_opml(data):
                    if is_http_url(feed_url):
                        yield from _isolated(self._expand_url(feed_url.strip(), "feed", depth + 1), feed_url, "feed")
                    else:
                        yield Failed(f"{ref}#{feed_url[:200]}", "opml", "not a valid http(s) URL")
        except FeedError as exc:
            yield Failed(ref, kind, str(exc))

    def _feed_entry(self, entry: Entry, ref: str) -> Iterator[Item]:
        content_text = _fragment_text(entry.content_html) if entry.content_html else ""
        if content_text and len(content_text) >= self.settings.feed_full_content_min_chars:
            yield self._article_from_entry(entry, ref)
        elif is_http_url(entry.url):
            yield from self._url_entry(entry, ref, "feed")
        elif entry.url:
            yield Failed(ref, "feed", "entry link is not a valid http(s) URL and there is no full content")
        else:
            yield Failed(ref, "feed", "entry has no link and no full content")

    def _url_entry(self, entry: Entry, ref: str, kind: str) -> Iterator[Item]:
        url = entry.url.strip()
        canon = canonical_url(url)
        existing = self.store.articles.article_id_for_url(canon) if self.store is not None and canon else None
        if existing is not None:
            yield Known(url, kind, existing)
            return
        yield ToFetch(url, url, kind, hint=entry)

    def _article_from_entry(self, entry: Entry, ref: str) -> Ready | Failed:
        fragment = _fragment(entry.content_html or "")
        elements = sum(1 for _ in fragment.iter())
        if elements > self.limits.max_elements:
            return Failed(ref, "feed", f"entry content too complex ({elements} HTML elements > limit "
                                       f"{self.limits.max_elements})")
        parts: list[tuple[str, str]] = []
        for el in fragment.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote"):
            words = " ".join(el.text_content().split())
            if words:
                parts.append(("heading" if el.tag.startswith("h") else "paragraph", words))
        if not parts:
            parts = [("paragraph", " ".join(fragment.text_content().split()))]
        text, blocks = blocks_from_paragraphs(parts)
        url = entry.url.strip() if is_http_url(entry.url) else None
        published, precision = self._try_date(entry.published)
        article = Article(text=text, blocks=blocks, title=entry.title, url=url, canonical_url=canonical_url(url),
                          outlet_domain=outlet_domain(url), published=published, published_precision=precision,
                          raw=clean_text(entry.content_html or "").encode("utf-8"), raw_type="html",
                          input_ref=url or ref)
        return self._dated(Ready(article, "feed"))


def _isolated(items: Iterator[Item], ref: str, kind: str | None) -> Iterator[Item]:
    """The items of one expansion; whatever it raises ends only it, as one Failed item naming `ref`."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one bad input must not lose the inputs after it
        yield Failed(ref, kind, reason_for(exc))


def _one(make: Callable[[], Item], ref: str, kind: str | None) -> Item:
    """One item; whatever building it raises becomes a Failed item naming `ref`."""
    try:
        return make()
    except Exception as exc:  # noqa: BLE001
        return Failed(ref, kind, reason_for(exc))


def _fragment(html: str):
    """An HTML fragment as one <div> element (an empty one for a comment-only or empty fragment)."""
    try:
        return lxml_html.fragment_fromstring(clean_text(html), create_parent="div")
    except (etree.ParserError, ValueError, TypeError):
        return lxml_html.Element("div")


def _fragment_text(html: str) -> str:
    return " ".join(_fragment(html).text_content().split()) if html.strip() else ""


def _moment(iso: str | None) -> datetime | None:
    """A fetch or capture time (ISO 8601, 'Z' allowed) as a datetime, or None."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _today():
    return datetime.now(UTC).date()


def _peek(path: Path) -> bytes:
    import gzip

    with path.open("rb") as fh:
        head = fh.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as gz:
                return gz.read(16)
        except (OSError, EOFError, ValueError):
            return b""
    return head[:16]


def _os_reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, OSError):
        return f"cannot read ({exc.strerror or exc})"
    return str(exc)
