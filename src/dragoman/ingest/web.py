"""Polite web fetching with httpx: timeouts (and a total deadline from connect to last byte), size limit,
redirect limit, robots.txt (its crawl delay capped), per-host delay, conditional GET, and the address
guard on every connection."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..config import Settings
from .netguard import AddressPolicy, deadline, guarded_transport, refusal
from .urls import is_http_url


class FetchError(Exception):
    """A URL could not be fetched; the message says why in one line."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


@dataclass
class Response:
    url: str  # final URL after redirects
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False
    elapsed: float = 0.0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip('"') or None
        return None


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _Host:
    def __init__(self, concurrency: int):
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(max(1, concurrency))
        self.next_allowed = 0.0
        self.robots: RobotFileParser | None = None
        self.robots_lock = threading.Lock()
        self.robots_checked = 0.0
        self.crawl_delay: float | None = None
        self.asked_delay: float | None = None  # what robots.txt asked, when it was more than the cap


class Fetcher:
    """One HTTP client shared by a batch: it keeps robots.txt and per-host timing."""

    ROBOTS_TTL = 3600.0

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None,
                 policy: AddressPolicy | None = None, stop: threading.Event | None = None):
        """`policy` decides which addresses may be connected to (by default: public ones only, unless
        settings.allow_private_urls); `stop` ends a wait for a host's turn early."""
        self.settings = settings
        self.stop = stop
        timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                write=settings.read_timeout, pool=settings.total_timeout)
        if transport is None:
            transport = guarded_transport(policy or AddressPolicy(allow_private=settings.allow_private_urls))
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=settings.max_redirects,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._hosts_lock:
            host = self._hosts.get(origin)
            if host is None:
                host = self._hosts[origin] = _Host(self.settings.host_concurrency)
            return origin, host

    def _wait_turn(self, host: _Host) -> None:
        delay = max(self.settings.host_delay, host.crawl_delay or 0.0)
        with host.lock:
            now = time.monotonic()
            wait = host.next_allowed - now
            host.next_allowed = max(now, host.next_allowed) + delay
        if wait > 0:
            if self.stop is None:
                time.sleep(wait)
            elif self.stop.wait(wait):
                raise FetchError("stopped while waiting for the host's turn")

    def slow_note(self, url: str) -> str | None:
        """A note when robots.txt of url's host asks for more than max_crawl_delay between requests."""
        _, host = self._host(url)
        if host.asked_delay is None:
            return None
        return (f"slow host: robots.txt asks for {host.asked_delay:g} s between requests; "
                f"waiting {self.settings.max_crawl_delay:g} s (max_crawl_delay)")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our User-Agent fetch this URL (fetched once per host per hour)."""
        if not self.settings.respect_robots:
            return True
        origin, host = self._host(url)
        with host.robots_lock:  # one robots.txt request per host, however many threads ask
            self._load_robots(origin, host)
        return host.robots.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str, host: _Host) -> None:
        now = time.monotonic()
        if host.robots is None or now - host.robots_checked > self.ROBOTS_TTL:
            parser = RobotFileParser()
            try:
                resp = self._get(origin + "/robots.txt", host, max_bytes=500_000)
                status = resp.status
            except FetchError as exc:
                if exc.status is None:  # the host itself is unreachable: say so, decide nothing
                    raise
                status = exc.status
                resp = None
            if resp is not None and status < 300:
                parser.parse(resp.content.decode("utf-8", "replace").splitlines())
            elif 400 <= status < 500:
                parser.allow_all = True
            else:  # unreachable robots.txt: RFC 9309 says assume complete disallow
                parser.disallow_all = True
            host.robots = parser
            host.robots_checked = now
            delay = _number(parser.crawl_delay(self.settings.user_agent))
            cap = self.settings.max_crawl_delay
            host.asked_delay = delay if delay and delay > cap else None
            host.crawl_delay = min(delay, cap) if delay else None
            if host.crawl_delay:  # the robots.txt request itself counts: space the next one by the crawl delay
                with host.lock:
                    host.next_allowed = max(host.next_allowed, now + host.crawl_delay)

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              accept: str | None = None) -> Response:
        """GET a URL politely. Raises FetchError with a one-line reason on any failure.

        With etag/last_modified the request is conditional; a 304 returns not_modified=True.
        """
        if not is_http_url(url):
            raise FetchError("not a valid http(s) URL")
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        _, host = self._host(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        resp = self._get(url, host, headers=headers)
        if resp.status == 304:
            resp.not_modified = True
            return resp
        if resp.status >= 400:
            retry = parse_retry_after(resp.headers.get("retry-after"))
            raise FetchError(f"HTTP {resp.status}", status=resp.status, retry_after=retry)
        return resp

    def _get(self, url: str, host: _Host, headers: dict[str, str] | None = None,
             max_bytes: int | None = None) -> Response:
        limit = max_bytes or self.settings.max_body_bytes
        with host.slots:
            self._wait_turn(host)
            started = time.monotonic()
            # the budget starts with the request (waiting for the host's turn is politeness, not slowness)
            # and holds from connect to last byte: headers, redirects and body included
            with deadline(self.settings.total_timeout) as budget:
                try:
                    return self._stream(url, headers, limit, started)
                except FetchError:
                    raise
                except httpx.TooManyRedirects:
                    raise FetchError(f"too many redirects (more than {self.settings.max_redirects})") from None
                except httpx.HTTPError as exc:
                    raise self._failure(exc, budget.passed) from None
                except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError, UnicodeError) as exc:
                    raise FetchError(f"invalid URL ({_short(exc)})") from None

    def _stream(self, url: str, headers: dict[str, str] | None, limit: int, started: float) -> Response:
        with self.client.stream("GET", url, headers=headers or {}) as r:
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"too large ({int(declared)} bytes > limit {limit})", status=r.status_code)
            chunks = []
            size = 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"too large (more than {limit} bytes)", status=r.status_code)
                chunks.append(chunk)
            return Response(url=str(r.url), status=r.status_code, content=b"".join(chunks),
                            headers={k.lower(): v for k, v in r.headers.items()},
                            elapsed=time.monotonic() - started)

    def _failure(self, exc: httpx.HTTPError, deadline_passed: bool) -> FetchError:
        refused = refusal(exc)
        if refused is not None:
            return FetchError(f"refused: {refused}")
        if deadline_passed or isinstance(exc, httpx.TimeoutException) and "total deadline" in str(exc):
            return FetchError(f"timed out (slower than {self.settings.total_timeout:g} s in all)")
        if isinstance(exc, httpx.TimeoutException):
            return FetchError(f"timed out ({type(exc).__name__})")
        if isinstance(exc, httpx.ConnectError):
            return FetchError(f"cannot connect ({_short(exc)})")
        return FetchError(f"HTTP error ({type(exc).__name__}: {_short(exc)})")


def _number(value) -> float | None:
    try:
        number = float(value) if value is not None else None
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is not None and number == number and number >= 0 else None  # not NaN


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
