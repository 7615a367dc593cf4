"""The resilient wrapper passes every call through unchanged: the same method, the same arguments (a wrapper
that dropped a guild id or a limit would still "work" against a backend with defaults)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from bot.storage.base import Storage
from bot.storage.resilient import ResilientStorage


class _RecorderBase(Storage):
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    async def open(self) -> None:
        pass

    async def close(self) -> None:
        pass


def _record(name: str) -> Any:
    async def method(self: _RecorderBase, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((name, args, kwargs))
        return None

    method.__name__ = name
    return method


Recorder = type(
    "Recorder",
    (_RecorderBase,),
    {name: _record(name) for name in Storage.__abstractmethods__ if name not in ("open", "close")},
)
# prune_questions is done batch by batch through prune_questions_batch (tested with the retention loop)
METHODS = sorted(
    name for name in Storage.__abstractmethods__ if name not in ("open", "close", "prune_questions")
)


def _arguments(name: str) -> dict[str, Any]:
    """A distinct value for every parameter of the method (tuples, so an iterable parameter stays comparable)."""
    parameters = list(inspect.signature(getattr(Storage, name)).parameters.values())[1:]  # not self
    return {p.name: (f"{name}.{p.name}",) for p in parameters if p.kind is not p.VAR_KEYWORD}


@pytest.mark.parametrize("name", METHODS)
async def test_every_call_reaches_the_backend_with_its_arguments(name: str) -> None:
    inner = Recorder()
    storage = ResilientStorage(inner, retry_delay=0.001, call_timeout=2.0)
    arguments = _arguments(name)
    await getattr(storage, name)(**arguments)
    assert len(inner.calls) == 1
    called, args, kwargs = inner.calls[0]
    assert called == name
    bound = inspect.signature(getattr(Storage, name)).bind(None, *args, **kwargs)
    received = {key: value for key, value in bound.arguments.items() if key != "self"}
    assert {k: tuple(v) if isinstance(v, list | tuple) else v for k, v in received.items()} == arguments


async def test_stats_report_the_live_counters_by_name() -> None:
    storage = ResilientStorage(Recorder())
    counters = (
        "failures",
        "failed_reads",
        "dropped_writes",
        "retries",
        "recoveries",
        "stalls",
        "skipped",
        "repairs",
    )
    for value, counter in enumerate(counters, start=1):
        setattr(storage, counter, value)
    storage.last_error = "database is locked"
    assert storage.stats() == {
        "healthy": storage.healthy, **{counter: n for n, counter in enumerate(counters, start=1)}, "last_error": "database is locked"
    }  # fmt: skip
