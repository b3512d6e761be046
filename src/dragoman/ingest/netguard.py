"""The address guard of every fetch, and the total deadline of every request.

A host name is resolved once, every address it gives is checked (no private, loopback, link-local,
multicast, reserved or unspecified address, in any IPv4 or IPv6 spelling), and the connection is made
to a checked address: a name that answers a public address to the check and 127.0.0.1 to the connect
(DNS rebinding) cannot get past it, and every redirect hop is checked the same way because each hop
opens its own connection here.

The deadline covers a request from connect to last byte: every read and write on the socket gets
what is left of it as its timeout, so a server that sends its headers at two bytes a second is cut off.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(httpcore.ConnectError):
    """A host that resolves to an address the guard does not connect to; the message says which."""


class DeadlinePassed(httpcore.ReadTimeout):
    """The request's total deadline passed."""


def is_public(ip: Address) -> bool:
    """Whether an address is globally routable (IPv4-mapped, 6to4, Teredo and NAT64 forms unwrapped)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public(embedded)
        if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64: the IPv4 address is the last 32 bits
            return is_public(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified)


@dataclass
class AddressPolicy:
    """Which addresses may be connected to. `resolve` and `allowed` default to the system resolver
    (socket.getaddrinfo) and is_public, looked up at each call; tests give their own to play a
    rebinding DNS server."""

    allow_private: bool = False
    resolve: Callable[..., list] | None = None
    allowed: Callable[[Address], bool] | None = None

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses of host, each one checked; AddressRefused when any is not allowed."""
        resolve = self.resolve or socket.getaddrinfo
        allowed = self.allowed or is_public
        try:
            infos = resolve(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
        found: list[str] = []
        for info in infos:
            address = str(info[4][0]).split("%", 1)[0]
            if address not in found:
                found.append(address)
        if not found:
            raise httpcore.ConnectError(f"cannot resolve {host}")
        if not self.allow_private:
            for address in found:
                if not allowed(ipaddress.ip_address(address)):
                    raise AddressRefused(f"{host} resolves to a non-public address ({address}); refused "
                                         "(set allow_private_urls to allow it)")
        return found


# -- the deadline: per thread, set around one request by the fetcher --------------------------------

_local = threading.local()


class deadline:  # noqa: N801 - used as a context manager, like a function
    """Within this block, every socket operation of this thread ends by `seconds` from now."""

    def __init__(self, seconds: float):
        self.at = time.monotonic() + seconds

    def __enter__(self) -> deadline:
        self.outer = getattr(_local, "deadline", None)
        _local.deadline = self.at
        return self

    def __exit__(self, *exc) -> None:
        _local.deadline = self.outer

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at


def _left(timeout: float | None) -> float | None:
    at = getattr(_local, "deadline", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("the request's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


@dataclass
class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend with the guard at connect and the deadline on every operation."""

    policy: AddressPolicy
    inner: httpcore.NetworkBackend = field(default_factory=httpcore.SyncBackend)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self.policy.addresses(host, port):  # the checked addresses, and only those
            try:
                stream = self.inner.connect_tcp(address, port, _left(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        raise AddressRefused("Unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def guarded_transport(policy: AddressPolicy, **kwargs) -> httpx.HTTPTransport:
    """An httpx transport whose every connection goes through the guard and the deadline."""
    transport = httpx.HTTPTransport(**kwargs)
    pool = transport._pool  # httpx builds the pool; only its network backend is replaced
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("unsupported httpx/httpcore version: cannot install the address guard")
    pool._network_backend = GuardedBackend(policy)
    return transport


def refusal(exc: BaseException) -> AddressRefused | None:
    """The AddressRefused behind an httpx error, if that is what it is."""
    while exc is not None:
        if isinstance(exc, AddressRefused):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None
