"""Turns: a semaphore whose waiters are admitted by rank, then in order of arrival, with a minimum
gap between two admissions. The fetcher takes one per host (its concurrency and its politeness
interval) and one for all its page fetches, so a page nobody has stored yet is asked before the
re-checks of stored pages that arrived ahead of it: a new page on a busy host waits for the host's
other new pages, not for every known page of every feed on it."""
from __future__ import annotations

import asyncio
import heapq
import itertools

URGENT, LATER = 0, 1


class Turns:
    """At most `limit` holders at once, admitted at least `gap` seconds apart; a waiter of lower
    rank goes first. Single event loop, like asyncio.Semaphore."""

    __slots__ = ("limit", "gap", "held", "next_at", "_queue", "_timer", "_seq")

    def __init__(self, limit: int, gap: float = 0.0):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit, self.gap = limit, gap
        self.held = 0
        self.next_at = 0.0
        self._queue: list[tuple[int, int, asyncio.Future[None]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._seq = itertools.count()

    async def acquire(self, rank: int = URGENT, timeout: float | None = None) -> float:
        """Wait for a turn (raises TimeoutError after `timeout` seconds); returns the seconds waited."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if not self._queue and self.held < self.limit and now >= self.next_at:
            self._admitted(now)
            return 0.0
        fut: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._queue, (rank, next(self._seq), fut))
        self._wake()
        try:
            await asyncio.wait_for(fut, timeout)
        except BaseException:
            if fut.done() and not fut.cancelled():   # admitted just as it gave up: the turn goes on
                self.release()
            raise
        return loop.time() - now

    def release(self) -> None:
        self.held -= 1
        self._wake()

    def turn(self, rank: int = URGENT) -> _Turn:
        """`async with turns.turn(rank):` holds a turn for the block."""
        return _Turn(self, rank)

    def _admitted(self, now: float) -> None:
        self.held += 1
        self.next_at = now + self.gap

    def _wake(self) -> None:
        """Admit the first waiters while there is room, or arm a timer for the gap's end."""
        if self._timer is not None:
            return
        loop = asyncio.get_running_loop()
        while self._queue and self.held < self.limit:
            fut = self._queue[0][2]
            if fut.done():                         # gave up waiting (timed out, cancelled)
                heapq.heappop(self._queue)
                continue
            now = loop.time()
            if now < self.next_at:
                self._timer = loop.call_at(self.next_at, self._fire)
                return
            heapq.heappop(self._queue)
            self._admitted(now)
            fut.set_result(None)

    def _fire(self) -> None:
        self._timer = None
        self._wake()


class _Turn:
    __slots__ = ("turns", "rank")

    def __init__(self, turns: Turns, rank: int):
        self.turns, self.rank = turns, rank

    async def __aenter__(self) -> None:
        await self.turns.acquire(self.rank)

    async def __aexit__(self, *exc: object) -> None:
        self.turns.release()
