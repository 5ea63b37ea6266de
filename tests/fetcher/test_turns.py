"""Turns: a host's (or the fetcher's) places handed out by rank, then by arrival, never more than
the limit at once and never two closer than the gap."""
from __future__ import annotations

import asyncio

import pytest

from services.fetcher.turns import LATER, URGENT, Turns


def run(coro):
    return asyncio.run(coro)


def test_an_urgent_waiter_goes_before_the_later_ones_that_came_first():
    async def go():
        turns, order = Turns(1), []

        async def one(name, rank):
            async with turns.turn(rank):
                order.append(name)
                await asyncio.sleep(0.01)
        holder = asyncio.create_task(one("holder", URGENT))
        await asyncio.sleep(0)
        tasks = [asyncio.create_task(one(f"recheck {i}", LATER)) for i in range(3)]
        await asyncio.sleep(0)
        tasks.append(asyncio.create_task(one("new page", URGENT)))
        await asyncio.gather(holder, *tasks)
        return order
    assert run(go()) == ["holder", "new page", "recheck 0", "recheck 1", "recheck 2"]


def test_never_more_holders_than_the_limit():
    async def go():
        turns, now, most = Turns(3), [0], [0]

        async def one(i):
            async with turns.turn(LATER if i % 2 else URGENT):
                now[0] += 1
                most[0] = max(most[0], now[0])
                await asyncio.sleep(0.005 * (i % 4))
                now[0] -= 1
        await asyncio.gather(*(one(i) for i in range(40)))
        return most[0], turns.held
    assert run(go()) == (3, 0)


def test_admissions_are_at_least_the_gap_apart():
    async def go():
        turns, at = Turns(10, gap=0.03), []
        loop = asyncio.get_running_loop()

        async def one(rank):
            await turns.acquire(rank)
            at.append(loop.time())
            turns.release()
        await asyncio.gather(*(one(i % 2) for i in range(6)))
        return at
    at = run(go())
    assert len(at) == 6 and all(b - a >= 0.03 * 0.99 for a, b in zip(at, at[1:]))


def test_a_waiter_that_gives_up_takes_no_place_and_the_next_one_gets_it():
    async def go():
        turns = Turns(1)
        await turns.acquire()
        with pytest.raises(TimeoutError):
            await turns.acquire(URGENT, timeout=0.01)
        later = asyncio.create_task(turns.acquire(LATER, timeout=5))
        await asyncio.sleep(0)
        turns.release()
        await later
        return turns.held
    assert run(go()) == 1


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Turns(0)
