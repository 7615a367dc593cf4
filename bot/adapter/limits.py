"""Small in-memory bookkeeping the adapter keeps per bot instance: conversations, cooldowns, de-duplication,
a TTL cache, the page store and CPU turn-taking. No Discord imports; every clock is injected so tests can
move time.

All of these are bounded (LRU), so a busy bot cannot grow them without limit.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.core.answering import Conversation

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Clock = Callable[[], float]  # seconds, monotonic or wall: only differences are used


class BoundedDict(OrderedDict[K, V], Generic[K, V]):
    """An OrderedDict that forgets its oldest keys beyond ``maxsize`` (``touch`` marks a key as recent)."""

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.maxsize:
            self.popitem(last=False)

    def touch(self, key: K) -> None:
        if key in self:
            self.move_to_end(key)


class TTLCache(Generic[K, V]):
    """Values that expire ``ttl`` seconds after they were stored."""

    def __init__(self, ttl: float, clock: Clock, maxsize: int = 10_000) -> None:
        self.ttl = ttl
        self.clock = clock
        self._data: BoundedDict[K, tuple[float, V]] = BoundedDict(maxsize)

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        stored, value = item
        if self.clock() - stored > self.ttl:
            self._data.pop(key, None)
            return None
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = (self.clock(), value)

    def pop(self, key: K) -> None:
        self._data.pop(key, None)


# A conversation is forgotten after this long without a question: long enough for a follow-up while the
# answer is being read, short enough that a question asked later is not taken as a follow-up of an old
# topic. ``/new`` forgets it at once.
CONVERSATION_IDLE = 10 * 60


class Conversations:
    """One ``Conversation`` per (user, channel); forgotten after ``idle`` seconds so an old topic does not
    turn tomorrow's question into a follow-up."""

    def __init__(self, clock: Clock, idle: float = CONVERSATION_IDLE, maxsize: int = 5_000) -> None:
        self.clock = clock
        self.idle = idle
        self._data: BoundedDict[tuple[int, int], tuple[float, Conversation]] = BoundedDict(maxsize)

    def get(self, user_id: int, channel_id: int) -> Conversation:
        key = (user_id, channel_id)
        now = self.clock()
        item = self._data.get(key)
        conversation = item[1] if item is not None and now - item[0] <= self.idle else Conversation()
        self._data[key] = (now, conversation)
        return conversation

    def reset(self, user_id: int, channel_id: int) -> bool:
        """Forget the conversation; True if there was a live one (a question within ``idle``) to forget."""
        item = self._data.pop((user_id, channel_id), None)
        return item is not None and item[1].turns > 0 and self.clock() - item[0] <= self.idle

    def __len__(self) -> int:
        return len(self._data)


class Cooldowns:
    """A per-user cooldown: ``hit`` returns the seconds left to wait (0.0 means go ahead, and starts a new
    cooldown)."""

    def __init__(self, clock: Clock, maxsize: int = 50_000) -> None:
        self.clock = clock
        self._last: BoundedDict[Hashable, float] = BoundedDict(maxsize)

    def hit(self, key: Hashable, seconds: float) -> float:
        if seconds <= 0:
            return 0.0
        now = self.clock()
        last = self._last.get(key)
        if last is not None and now - last < seconds:
            return seconds - (now - last)
        self._last[key] = now
        return 0.0


# Private answers (ephemeral /ask, DMs) disturb nobody, so they skip the per-server cooldown, but a burst
# still costs an answer each: at most this many per user per window, then "slow down".
PRIVATE_BURST = 5
PRIVATE_WINDOW = 10.0


class Bursts:
    """A sliding-window limit: ``hit(key, limit, window)`` returns the seconds to wait (0.0: go ahead, and
    it counts) once ``limit`` events happened in the last ``window`` seconds."""

    def __init__(self, clock: Clock, maxsize: int = 50_000) -> None:
        self.clock = clock
        self._events: BoundedDict[Hashable, list[float]] = BoundedDict(maxsize)

    def hit(self, key: Hashable, limit: int, window: float) -> float:
        if limit <= 0 or window <= 0:
            return 0.0
        now = self.clock()
        events = [t for t in self._events.get(key, ()) if now - t < window]
        if len(events) >= limit:
            self._events[key] = events
            return window - (now - events[0])
        events.append(now)
        self._events[key] = events
        return 0.0


@dataclass(frozen=True, slots=True)
class Posted:
    at: float
    jump_url: str | None


class Dedupe:
    """Remembers which entry was posted publicly in which channel, to avoid posting it twice in a window."""

    def __init__(self, clock: Clock, maxsize: int = 50_000) -> None:
        self.clock = clock
        self._posted: BoundedDict[tuple[int, str], Posted] = BoundedDict(maxsize)

    def recent(self, channel_id: int, entry_id: str, window: float) -> Posted | None:
        if window <= 0:
            return None
        posted = self._posted.get((channel_id, entry_id))
        if posted is None or self.clock() - posted.at >= window:
            return None
        return posted

    def remember(self, channel_id: int, entry_id: str, jump_url: str | None) -> None:
        self._posted[(channel_id, entry_id)] = Posted(self.clock(), jump_url)


@dataclass
class PagedAnswer(Generic[V]):
    owner_id: int
    pages: V
    stored_at: float


class PageStore(Generic[V]):
    """Long answers split into pages, kept for ``ttl`` seconds under a random token carried by the page
    buttons. After a restart or expiry the buttons say so instead of failing silently."""

    def __init__(self, clock: Clock, ttl: float = 60 * 60, maxsize: int = 2_000) -> None:
        self.clock = clock
        self.ttl = ttl
        self._data: BoundedDict[str, PagedAnswer[V]] = BoundedDict(maxsize)

    def put(self, owner_id: int, pages: V) -> str:
        token = secrets.token_hex(6)
        self._data[token] = PagedAnswer(owner_id, pages, self.clock())
        return token

    def get(self, token: str) -> PagedAnswer[V] | None:
        item = self._data.get(token)
        if item is None:
            return None
        if self.clock() - item.stored_at > self.ttl:
            self._data.pop(token, None)
            return None
        return item


class CpuTurns:
    """CPU-bound steps (answering, rendering) take turns: at most one per event-loop iteration, in arrival order.

    asyncio runs every callback that is ready in one iteration, so when a hundred storage reads finish
    together, a hundred questions would be answered back to back before heartbeats and timers get a look
    in. An uncontended ``asyncio.Lock`` does not prevent that: it is taken and released without yielding.
    Holding the lock until the loop has gone round once does: later arrivals queue and resume one by one.
    """

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.waiting = 0  # callers queued for a turn (a long queue means answers will be late)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        self.waiting += 1
        try:
            await self._lock.acquire()
        finally:
            self.waiting -= 1
        try:
            yield
            await asyncio.sleep(0)  # keep the turn until the loop has run everything else that was ready
        finally:
            self._lock.release()
