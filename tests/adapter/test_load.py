"""500 concurrent interactions through the tree: 500 answers, 500 logged, and the event loop stays responsive."""

from __future__ import annotations

import asyncio
import time

from bot.adapter.client import KeiBot
from tests.adapter.conftest import GUILD, OTHER_CHANNEL
from tests.adapter.discord_harness import Harness, snowflake

QUESTIONS = (
    "is it legal in texas?",
    "timing belt on an acty",
    "rust on a carry",
    "can I import a truck built in March 2001?",
    "xyzzy plugh frobnicate",
    "where to buy parts",
    "is it legal in oregon?",
    "belt or 4wd?",
)


class CallbackTimer:
    """Times every callback the event loop runs, as asyncio's debug mode does but without its overhead.

    asyncio.events.Handle._run is private asyncio API; it is only wrapped here, for one test.
    """

    def __enter__(self) -> CallbackTimer:
        self.longest = 0.0
        self.count = 0
        self._original = asyncio.events.Handle._run
        timer = self

        def timed(handle: asyncio.events.Handle) -> None:
            started = time.perf_counter()
            timer._original(handle)
            timer.longest = max(timer.longest, time.perf_counter() - started)
            timer.count += 1

        asyncio.events.Handle._run = timed  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.events.Handle._run = self._original  # type: ignore[method-assign]


class LoopLagMonitor:
    """Sleeps ``interval`` in a loop and records how late each wake-up is: a blocked loop shows up as lag."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.max_lag = 0.0
        self.samples = 0
        self.lags: list[float] = []
        self.task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(self.interval)
            lag = time.perf_counter() - start - self.interval
            self.lags.append(lag)
            self.max_lag = max(self.max_lag, lag)
            self.samples += 1

    def __enter__(self) -> LoopLagMonitor:
        self.task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.task is not None
        self.task.cancel()


async def test_monitor_detects_a_blocked_loop() -> None:
    with LoopLagMonitor() as monitor:
        await asyncio.sleep(0.02)
        time.sleep(0.08)  # noqa: ASYNC251  (deliberately blocking, to prove the monitor sees it)
        await asyncio.sleep(0.02)
    assert monitor.max_lag > 0.05


async def test_500_concurrent_interactions_get_500_answers_without_blocking_the_loop(
    harness: Harness, bot: KeiBot
) -> None:
    """No single callback may hold the loop for 50 ms, and a sleeper's wake-up lag stays under 50 ms at p99.

    The lag includes queueing behind the other interactions, not just blocking: it is what a heartbeat or
    a timer would see in the middle of the burst.
    """
    payloads = [
        harness.slash(
            "ask",
            user_id=snowflake(),
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            question=QUESTIONS[i % len(QUESTIONS)],
        )
        for i in range(500)
    ]
    harness.recorder.clear()
    with LoopLagMonitor() as monitor, CallbackTimer() as callbacks:
        await asyncio.sleep(0.01)
        started = time.perf_counter()
        for payload in payloads:  # as the gateway delivers them: one event per websocket read, back to back
            bot._connection.parse_interaction_create(payload)
            await asyncio.sleep(0)
        await harness.drain(limit=30, ignore=[monitor.task])
        elapsed = time.perf_counter() - started
    # Under this load some interactions are deferred first and answered by a follow-up (issue 12 #10).
    first = [s for s in harness.recorder.sent if s.callback_type in (4, 5)]
    assert len(first) == 500
    answered = {s.url.split("/interactions/")[1].split("/")[0] for s in first}
    assert answered == {p["id"] for p in payloads}, "every interaction answered exactly once"
    inline = [s for s in first if s.callback_type == 4]
    followups = [
        s
        for s in harness.recorder.sent
        if s.method == "POST" and s.path == "/webhooks/{webhook_id}/{webhook_token}"
    ]
    assert len(inline) + len(followups) == 500
    responses = inline + followups
    assert all(s.embeds and s.allowed_mentions == {"parse": []} for s in responses)
    assert callbacks.count > 1000
    assert callbacks.longest < 0.05, f"one callback held the loop for {callbacks.longest * 1000:.0f} ms"
    assert monitor.samples > 10
    lags = sorted(monitor.lags)
    p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))]
    print(
        f"\n500 interactions: {elapsed:.2f} s, loop wake-up lag p99 {p99 * 1000:.1f} ms, "
        f"max {monitor.max_lag * 1000:.1f} ms over {monitor.samples} samples"
    )
    assert p99 <= 0.05, f"event-loop wake-up lag p99 {p99 * 1000:.0f} ms"
    assert elapsed < 20
    logged = await bot.storage.unanswered(threshold=2.0, limit=1000)
    assert len(logged) == 500
