"""URL canonicalization (courlan), outlet domains, and which URLs are fetchable http(s) URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

import courlan
import httpx

MAX_URL_CHARS = 8192


def canonical_url(url: str | None) -> str | None:
    """Canonical form of an article URL: lower-case host, no fragment, no tracking parameters.

    None for anything that is not a valid http(s) URL (javascript:, data:, a broken host...)."""
    if not url or not is_http_url(url):
        return None
    url = url.strip()
    try:
        return courlan.normalize_url(url, strict=True)
    except (ValueError, AttributeError, UnicodeError):
        return url


def outlet_domain(url: str | None) -> str | None:
    """The outlet's domain of a URL, without 'www.'."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


def looks_like_url(text: str) -> bool:
    """Whether a command-line input means a URL (http:// or https://), valid or not."""
    return text.strip().lower().startswith(("http://", "https://"))


def is_http_url(text: str | None) -> bool:
    """Whether text is an http(s) URL that can be fetched: a host, no control characters, a valid port."""
    if not isinstance(text, str) or len(text) > MAX_URL_CHARS or not looks_like_url(text):
        return False
    try:
        url = httpx.URL(text.strip())
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except (httpx.InvalidURL, ValueError, UnicodeError, TypeError):
        return False
    return url.scheme in ("http", "https") and bool(url.host) and bool(parts.hostname)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links survive; javascript: and friends become nothing."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
