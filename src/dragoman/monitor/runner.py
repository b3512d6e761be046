"""`dragoman run`: poll every due source, store new articles, code them, cluster them, notify watchers;
stop cleanly on SIGINT/SIGTERM. Every step commits as it goes, so kill -9 loses nothing and a restart
finishes what was left without duplicates."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from ..config import Settings
from ..ingest.ingestor import Ingestor
from ..store import Store
from ..timeutil import utcnow_iso
from .logs import LOGGER
from .metrics import METRICS
from .poller import PollReport, poll_source
from .schedule import next_interval


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Monitor:
    """The monitoring loop over a store's followed sources."""

    def __init__(self, store: Store, settings: Settings, stop: threading.Event | None = None, coding=None):
        self.store = store
        self.settings = settings
        self.stop = stop or threading.Event()
        self._extractor = None
        self.coding = coding  # worker processes or Ray (dragoman.scale); None: this process

    def extractor(self):
        if self._extractor is None:
            from ..extract import Extractor

            self._extractor = Extractor(model=self.settings.spacy_model, max_chars=self.settings.max_article_chars)
        return self._extractor

    def due_sources(self, everything: bool = False) -> list[dict]:
        now = _now().isoformat()
        sources = self.store.sources.list_sources(followed_only=True)
        return [s for s in sources if everything or not s["next_poll"] or s["next_poll"] <= now]

    def poll(self, sources: list[dict]) -> list[PollReport]:
        """Poll sources concurrently (politeness per host is the fetcher's job); record each outcome."""
        if not sources:
            return []
        reports: list[PollReport] = []
        with Ingestor(self.store, self.settings) as ingestor, \
                ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            ingestor.fetcher.stop = self.stop  # a stop ends any wait for a host's turn at once
            futures = {pool.submit(self._poll_one, s, ingestor): s for s in sources}
            for future, source in futures.items():
                try:
                    reports.append(future.result())
                except Exception as exc:  # noqa: BLE001 - one source's fault stays with it
                    self._record(source, PollReport(_error_outcome(f"internal error: {exc!r}")))
                    METRICS.error("internal")
                    LOGGER.error("poll failed", extra={"url": source["url"], "error": repr(exc)})
        return reports

    def _poll_one(self, source: dict, ingestor: Ingestor) -> PollReport:
        if self.stop.is_set():
            return PollReport(_error_outcome("stopped before polling"))
        report = poll_source(source, ingestor, stop=self.stop)
        METRICS.inc("polls")
        METRICS.poll_latency(report.seconds)
        self._record(source, report)
        return report

    def _record(self, source: dict, report: PollReport) -> None:
        out = report.outcome
        errors = (source.get("error_count") or 0) + 1 if out.error else 0
        current = _current_interval(source) or source.get("interval") or self.settings.poll_default_interval
        interval = next_interval(self.settings, current, out, source.get("interval"), errors)
        next_poll = (_now() + timedelta(seconds=interval)).isoformat()
        # a slow host is no error (the count and the schedule ignore it) but `status` shows it
        values = {"last_poll": utcnow_iso(), "next_poll": next_poll, "last_status": out.status,
                  "last_error": out.error or report.note, "error_count": errors, "items_last_poll": out.new_items}
        if report.kind and not source.get("kind"):
            values["kind"] = report.kind
        if report.etag is not None:
            values["etag"] = report.etag
        if report.last_modified is not None:
            values["last_modified"] = report.last_modified
        self.store.sources.upsert_source(source["url"], **values)
        if out.error:
            LOGGER.warning("source failed", extra={"url": source["url"], "error": out.error, "status": out.status,
                                                   "next_poll": next_poll})
        else:
            LOGGER.info("source polled", extra={"url": source["url"], "new": out.new_items, "status": out.status,
                                                "seconds": round(report.seconds, 3), "next_poll": next_poll})

    def process(self) -> int:
        """Code every article not coded yet (including any a crash left behind), cluster, notify."""
        from ..process import coder_version, process_store

        if not self.store.coding.articles_to_code(limit=1, version=coder_version()) and not self.store.stories.articles_without_story():
            return 0
        if self.coding is not None:
            results = process_store(self.store, stop=self.stop, coding=self.coding)
        else:
            results = process_store(self.store, self.extractor(), stop=self.stop)
        n = sum(r.events for r in results)
        METRICS.inc("events_coded", n)
        for r in results:
            if r.error:
                METRICS.error("coding")
        if results:
            LOGGER.info("articles coded", extra={"new": len(results), "events": n})
        return len(results)

    def cycle(self, everything: bool = False) -> tuple[int, int]:
        """One poll of the due sources and the processing of what they brought."""
        reports = self.poll(self.due_sources(everything))
        coded = 0 if self.stop.is_set() else self.process()
        return sum(len(r.new_ids) for r in reports), coded

    def seconds_to_next(self) -> float:
        upcoming = [s["next_poll"] for s in self.store.sources.list_sources(followed_only=True) if s["next_poll"]]
        if not upcoming:
            return self.settings.poll_default_interval
        soonest = datetime.fromisoformat(min(upcoming))
        if soonest.tzinfo is None:
            soonest = soonest.replace(tzinfo=UTC)
        return max(0.0, (soonest - _now()).total_seconds())

    def run(self, once: bool = False, cycles: int | None = None, tick: float = 1.0) -> None:
        """Poll and process until stopped (or once, or for a number of cycles)."""
        done = 0
        self.process()  # finish whatever an earlier run left uncoded
        while not self.stop.is_set():
            self.cycle(everything=once)
            done += 1
            if once or (cycles is not None and done >= cycles):
                break
            self.stop.wait(min(self.seconds_to_next(), tick) if self.seconds_to_next() > 0 else 0)


def _current_interval(source: dict) -> float | None:
    """The interval in force: the time between the last poll and the next one scheduled."""
    try:
        last = datetime.fromisoformat(source["last_poll"])
        nxt = datetime.fromisoformat(source["next_poll"])
    except (TypeError, ValueError, KeyError):
        return None
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    if nxt.tzinfo is None:
        nxt = nxt.replace(tzinfo=UTC)
    seconds = (nxt - last).total_seconds()
    return seconds if seconds > 0 else None


def _error_outcome(reason: str):
    from .schedule import PollOutcome

    return PollOutcome(error=reason)
