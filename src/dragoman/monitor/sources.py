"""The sources a user follows: feeds, sitemaps and section pages."""

from __future__ import annotations

from pathlib import Path

from ..ingest.feeds import FeedError, parse_opml
from ..ingest.urls import is_http_url
from ..store import Store


class SourceError(ValueError):
    """A source that cannot be added."""


def add_sources(store: Store, urls: list[str], name: str | None = None, interval: float | None = None,
                tags: list[str] | None = None, kind: str | None = None) -> list[int]:
    """Follow these URLs (idempotent: a known URL is updated, not duplicated)."""
    ids = []
    for url in urls:
        url = url.strip()
        if not is_http_url(url):
            raise SourceError(f"{url}: not an http(s) URL")
        values = {"followed": True}
        if name:
            values["name"] = name
        if interval is not None:
            values["interval"] = float(interval)
        if tags:
            values["tags"] = sorted(set(tags))
        if kind:
            values["kind"] = kind
        ids.append(store.sources.upsert_source(url, **values))
    return ids


def opml_urls(path: Path) -> list[str]:
    """Feed URLs listed in an OPML file."""
    try:
        return parse_opml(path.read_bytes())
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    except FeedError as exc:
        raise SourceError(f"{path}: {exc}") from None
