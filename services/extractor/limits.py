"""A time limit on reading one page, well below the task's: a page that takes too long is stopped
and handled on its own, and the pages beside it in its batch go on."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class PageTimeLimit(BaseException):
    """Reading one page took longer than its time limit. A BaseException, like a KeyboardInterrupt,
    so that no `except Exception` in a parser swallows it."""


def _expired(signum: int, frame: object) -> None:
    raise PageTimeLimit()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageTimeLimit in the block after `seconds` (an interval timer's SIGALRM, which Celery's
    pool leaves free). Signals reach the main thread only, so elsewhere (0 or less, too) there is no
    limit; C code that never returns to Python (a parser stuck in lxml) is stopped by the task's
    hard time limit instead."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
