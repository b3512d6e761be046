"""A time budget for one piece of CPU-bound work in the current thread (one page, one document).

A watchdog timer raises an exception inside the working thread when the budget is spent, so a page or
a document that would take minutes fails with a clear reason instead of stalling its batch. Work inside
a single C call (a regular expression, a parser) is interrupted when that call returns, so the inputs
of such calls are bounded separately (page size, element and attribute counts, date length).
"""

from __future__ import annotations

import ctypes
import threading
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


class _Watchdog:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.thread_id = threading.get_ident()
        self.lock = threading.Lock()
        self.done = False
        self.fired = False
        self.timer: threading.Timer | None = None

    def start(self) -> None:
        self._arm(self.seconds)

    def _arm(self, delay: float) -> None:
        self.timer = threading.Timer(delay, self._fire)
        self.timer.daemon = True
        self.timer.start()

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
                    self.done = True
                    if self.fired:
                        _raise_in(self.thread_id, None)
                    if self.timer is not None:
                        self.timer.cancel()
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
