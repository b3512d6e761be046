"""A time budget for one piece of CPU-bound work in the current thread (one page, one document).

A watchdog timer raises an exception inside the working thread when the budget is spent, so a page or
a document that would take minutes fails with a clear reason instead of stalling its batch. Work inside
a single C call (a regular expression, a parser) is interrupted when that call returns, so the inputs
of such calls are bounded separately (page size, element and attribute counts, date length).
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_REFIRE = 0.2  # seconds between repeated interrupts: code that swallows one gets the next


class _Interrupt(BaseException):  # noqa: N818 - BaseException so that `except Exception` in a library lets it through
    """Raised inside the working thread by the watchdog."""


class OverBudget(Exception):  # noqa: N818
    """The work took longer than its budget; the message says what and how long."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


class _Alarms:
    """One daemon thread that fires every watchdog of the process when its time comes. A timer thread per
    watchdog would cost a thread start for each document, which waits for the new thread to be scheduled:
    ~0.1 ms on an idle machine, up to a millisecond when the other cores are busy."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.heap: list[tuple[float, int, _Watchdog]] = []  # (when, order of arming, watchdog)
        self.order = itertools.count()
        self.thread: threading.Thread | None = None

    def arm(self, delay: float, dog: _Watchdog) -> None:
        """Fire `dog` after `delay` seconds unless it is done by then."""
        with self.cond:
            heapq.heappush(self.heap, (time.monotonic() + delay, next(self.order), dog))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="dragoman-budget", daemon=True)
                self.thread.start()
            self.cond.notify()

    def _next_due(self) -> _Watchdog:
        """Wait for the next watchdog that is due and not done (done ones are dropped on the way)."""
        with self.cond:
            while True:
                if not self.heap:
                    self.cond.wait()
                    continue
                when, _, dog = self.heap[0]
                if dog.done:
                    heapq.heappop(self.heap)
                    continue
                delay = when - time.monotonic()
                if delay <= 0:
                    heapq.heappop(self.heap)
                    return dog
                self.cond.wait(delay)

    def _run(self) -> None:
        while True:
            self._next_due()._fire()  # outside the condition: firing re-arms


_ALARMS = _Alarms()


def _reset_after_fork() -> None:
    global _ALARMS
    _ALARMS = _Alarms()  # the parent's thread and its lock state do not carry over into a forked child


os.register_at_fork(after_in_child=_reset_after_fork)


class _Watchdog:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.thread_id = threading.get_ident()
        self.lock = threading.Lock()
        self.done = False
        self.fired = False

    def start(self) -> None:
        self._arm(self.seconds)

    def _arm(self, delay: float) -> None:
        _ALARMS.arm(delay, self)

    def _fire(self) -> None:
        with self.lock:
            if self.done:
                return
            self.fired = True
            _raise_in(self.thread_id, _Interrupt)
            self._arm(_REFIRE)

    def stop(self) -> None:
        # an interrupt may land while stopping: try again until `done` is set under the lock, after
        # which no interrupt is sent and any pending one is withdrawn
        while True:
            try:
                with self.lock:
                    self.done = True  # the alarm thread drops a done watchdog without firing it
                    if self.fired:
                        _raise_in(self.thread_id, None)
                return
            except _Interrupt:
                continue


def within_budget(seconds: float | None, what: str, work: Callable[[], T]) -> T:
    """Run `work()` in this thread; raise OverBudget when it takes longer than `seconds` (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        return work()
    dog = _Watchdog(seconds)
    try:
        try:
            dog.start()
            return work()
        finally:
            dog.stop()
    except _Interrupt:
        raise OverBudget(f"{what} took longer than {seconds:g} s; stopped") from None
