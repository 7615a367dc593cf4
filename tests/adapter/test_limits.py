"""CPU turn-taking: answering under a burst must leave the event loop free between answers."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.adapter.limits import CpuTurns


async def test_cpu_turns_let_the_loop_go_round_between_turns() -> None:
    """Three questions ready in the same iteration: a ticker task must run between each pair of turns."""
    turns = CpuTurns()
    events: list[str] = []

    async def ticker() -> None:
        for _ in range(12):
            events.append("tick")
            await asyncio.sleep(0)

    async def answer(name: str) -> None:
        async with turns.turn():
            events.append(name)

    await asyncio.gather(ticker(), answer("a"), answer("b"), answer("c"))
    turns_taken = [e for e in events if e != "tick"]
    assert turns_taken == ["a", "b", "c"], "turns are taken in arrival order"
    positions = [events.index(name) for name in turns_taken]
    for earlier, later in itertools.pairwise(positions):
        assert "tick" in events[earlier + 1 : later], f"two turns ran back to back: {events}"


async def test_a_failing_turn_releases_the_next_one() -> None:
    turns = CpuTurns()

    async def failing() -> None:
        async with turns.turn():
            raise ValueError("answering failed")

    with pytest.raises(ValueError):
        await failing()
    async with asyncio.timeout(1):
        async with turns.turn():
            pass
