"""URL canonicalization (courlan) and outlet domains."""

from __future__ import annotations

from urllib.parse import urlsplit

import courlan


def canonical_url(url: str | None) -> str | None:
    """Canonical form of an article URL: lower-case host, no fragment, no tracking parameters."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return courlan.normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return url


def outlet_domain(url: str | None) -> str | None:
    """The outlet's domain of a URL, without 'www.'."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.lower().removeprefix("www.")


def is_http_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))
