"""Sending webhook POSTs in a background thread: claimed in the store, retried with backoff."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx

from .. import __version__

USER_AGENT = f"dragoman/{__version__} (watchlist webhook)"


class Deliverer:
    """A daemon thread that POSTs due deliveries; failures are retried after base_delay * 2**n seconds
    (capped at max_delay) until max_attempts, then marked failed. Delivery state lives in the store."""

    def __init__(
        self,
        store,
        *,
        base_delay: float = 5.0,
        max_delay: float = 3600.0,
        max_attempts: int = 8,
        timeout: float = 10.0,
        poll: float = 30.0,
    ):
        self.store = store
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_attempts = max_attempts
        self.poll = poll
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Content-Type": "application/json"},
        )
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> Deliverer:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, name="dragoman-webhooks", daemon=True)
                self._thread.start()
        return self

    def wake(self) -> None:
        """Look for due deliveries now (starting the thread if needed)."""
        self.start()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.client.close()

    # -- work -----------------------------------------------------------------------------------
    def run_once(self) -> int:
        """Send every delivery due now; returns how many were attempted."""
        batch = self.store.deliveries.claim_deliveries(time.time())
        for d in batch:
            self._send(d)
        return len(batch)

    def _send(self, d: dict[str, Any]) -> None:
        attempts = d["attempts"] + 1
        status, error = None, None
        try:
            resp = self.client.post(
                d["webhook"],
                content=d["payload"].encode("utf-8"),
                headers={
                    "X-Dragoman-Delivery": f"{d['watchlist']}/{d['match_key']}",
                    "X-Dragoman-Attempt": str(attempts),
                },
            )
            status = resp.status_code
            ok = 200 <= status < 300
            if not ok:
                error = f"HTTP {status}"
        except httpx.HTTPError as exc:
            ok, error = False, f"{type(exc).__name__}: {exc}"[:300]
        if ok:
            self.store.deliveries.finish_delivery(
                d["id"], delivered=True, attempts=attempts, next_attempt=None, status=status, error=None
            )
            return
        retry = None
        if attempts < self.max_attempts:
            retry = time.time() + min(self.max_delay, self.base_delay * 2 ** (attempts - 1))
        self.store.deliveries.finish_delivery(
            d["id"], delivered=False, attempts=attempts, next_attempt=retry, status=status, error=error
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self.run_once():
                    continue
                nxt = self.store.deliveries.next_delivery_time()
            except Exception:  # noqa: BLE001 - a store hiccup must not kill the sender; try again later
                nxt = None
            wait = self.poll if nxt is None else max(0.0, min(self.poll, nxt - time.time()))
            self._wake.wait(wait)
            self._wake.clear()

    def pending(self) -> int:
        """Deliveries not yet delivered or failed for good."""
        return self.store.deliveries.count_pending_deliveries()


_REGISTRY: dict[str, Deliverer] = {}
_REGISTRY_LOCK = threading.Lock()


def deliverer_for(store, **options: Any) -> Deliverer:
    """The process's running deliverer for a store (one per database), started on first use."""
    with _REGISTRY_LOCK:
        d = _REGISTRY.get(store.db)
        if d is None or d._stop.is_set():
            d = _REGISTRY[store.db] = Deliverer(store, **options)
        return d.start()


def register(store, deliverer: Deliverer) -> None:
    """Make a deliverer the one notify_new_mentions uses for this store (the web app's own)."""
    with _REGISTRY_LOCK:
        _REGISTRY[store.db] = deliverer


def drain(store, timeout: float = 10.0) -> int:
    """Send what is due now and wait (up to timeout) for the retries in flight; returns how many remain
    pending. A CLI batch can call it before exiting; what remains is sent by the next deliverer."""
    d = deliverer_for(store)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        d.wake()
        nxt = store.deliveries.next_delivery_time()
        if nxt is None:
            return 0
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
    return d.pending()
