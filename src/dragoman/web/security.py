"""Security for the web app: response headers, the write token, and refusing private URLs (SSRF)."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

import httpcore
from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..ingest.netguard import AddressPolicy
from ..ingest.urls import is_http_url

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware: the same security headers on every HTTP response, errors and files included."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in HEADERS}
                message["headers"] = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] += HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware: request bodies over max_bytes are refused with 413 (bodies here are small JSON
    or forms; FastAPI reads a body before a write's token is checked)."""

    def __init__(self, app: ASGIApp, max_bytes: int = 256_000):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.max_bytes:
            body = b'{"detail":"request body too large"}'
            await send({"type": "http.response.start", "status": 413,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b"")) if message["type"] == "http.request" else 0
            if seen > self.max_bytes:
                raise HTTPException(413, "request body too large")
            return message

        await self.app(scope, counted, send)


# -- the token -------------------------------------------------------------------------------------


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, if any."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None


def check_token(configured: str, supplied: str | None) -> None:
    """Writes need the token: 403 when none is configured (the server is read-only), 401 when the
    request carries none, 403 when it carries a wrong one."""
    if not configured:
        raise HTTPException(
            403, "this server is read-only: set DRAGOMAN_TOKEN (or token in dragoman.toml) to allow changes"
        )
    if not supplied:
        raise HTTPException(
            401,
            "this needs the token (Authorization: Bearer TOKEN, or the form's token field)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(supplied.encode("utf-8"), configured.encode("utf-8")):
        raise HTTPException(403, "wrong token")


def require_token(request: Request) -> None:
    """Dependency of every JSON write: the configured token in an Authorization: Bearer header."""
    check_token(request.app.state.settings.token, bearer_token(request))


# -- private addresses (SSRF) --------------------------------------------------------------------


class UrlRefused(ValueError):
    """A URL the server will not fetch; the message says why."""


def check_public_url(url: str, allow_private: bool = False) -> str:
    """An http(s) URL whose host resolves only to public addresses; UrlRefused otherwise.

    This early check gives the client a clear 400; the fetch itself is guarded again, at connect, on
    the address it connects to (dragoman.ingest.netguard), so a rebinding DNS answer cannot get past it.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UrlRefused("not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UrlRefused("only http:// and https:// URLs can be ingested")
    host = parts.hostname
    if not host:
        raise UrlRefused("the URL has no host")
    if not is_http_url(url):
        raise UrlRefused("not a valid URL")
    if allow_private:
        return url.strip()
    try:
        AddressPolicy().addresses(host, port or (443 if parts.scheme.lower() == "https" else 80))
    except httpcore.ConnectError as exc:
        raise UrlRefused(str(exc)) from None
    return url.strip()
