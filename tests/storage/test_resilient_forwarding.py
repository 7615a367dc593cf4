"""The resilient wrapper passes every call through unchanged: the same method, the same arguments (a wrapper
that dropped a guild id or a limit would still "work" against a backend with defaults)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from bot.storage.base import Storage, StorageError
from bot.storage.models import GuildSettings
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
READS = {
    "schema_version", "unanswered", "feedback_summary", "outdated_reports", "entry_stats", "get_profile",
    "get_guild_settings", "subscribers", "subscriptions", "snapshots", "audit_log", "source_snapshots",
    "latest_watch_report", "curator_channels",
}  # fmt: skip


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


class _BrokenBase(_RecorderBase):
    """Every call fails with an error that is not worth a retry."""


def _broken(name: str) -> Any:
    async def method(self: _BrokenBase, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((name, args, kwargs))
        raise RuntimeError("disk on fire")

    method.__name__ = name
    return method


Broken = type(
    "Broken",
    (_BrokenBase,),
    {name: _broken(name) for name in Storage.__abstractmethods__ if name not in ("open", "close")},
)

# what each call gives back when the backend fails: the documented fallbacks (module docstring)
FALLBACKS: dict[str, Any] = {
    "schema_version": 0,
    "log_question": None,
    "unanswered": [],
    "prune_questions_batch": None,
    "record_feedback": None,
    "feedback_summary": {},
    "outdated_reports": [],
    "entry_stats": [],
    "get_profile": None,
    "set_profile": False,
    "forget_user": {},
    "get_guild_settings": GuildSettings(4242),
    "set_guild_settings": False,
    "subscribe": None,
    "unsubscribe": None,
    "subscribers": [],
    "subscriptions": [],
    "snapshots": {},
    "record_snapshots": 0,
    "audit": None,
    "audit_log": [],
    "source_snapshots": {},
    "record_source_snapshots": 0,
    "save_watch_report": None,
    "latest_watch_report": None,
    "curator_channels": {},
    "set_curator_channel": False,
}


def test_every_method_has_a_fallback() -> None:
    assert sorted(FALLBACKS) == METHODS


@pytest.mark.parametrize("name", METHODS)
async def test_a_failed_call_serves_its_fallback_and_names_itself_in_last_error(name: str) -> None:
    inner = Broken()
    storage = ResilientStorage(inner, retry_delay=0.001, call_timeout=2.0)
    await storage.open()
    arguments = _arguments(name)
    if name == "get_guild_settings":
        arguments["guild_id"] = 4242
    result = await getattr(storage, name)(**arguments)
    assert result == FALLBACKS[name] and type(result) is type(FALLBACKS[name])
    operation = "prune_questions" if name == "prune_questions_batch" else name
    assert storage.last_error == f"{operation}: RuntimeError: disk on fire"
    assert storage.failures == 1 and len(inner.calls) == 1  # not worth a retry: tried once
    kind = "failed_reads" if name in READS else "dropped_writes"
    assert getattr(storage, kind) == 1 and storage.failed_reads + storage.dropped_writes == 1


async def test_prune_questions_stops_at_a_failed_batch() -> None:
    storage = ResilientStorage(Broken(), retry_delay=0.001, call_timeout=2.0)
    await storage.open()
    assert await storage.prune_questions(30) == 0
    assert storage.last_error == "prune_questions: RuntimeError: disk on fire"


@pytest.mark.parametrize("name", ["get_profile", "get_guild_settings", "curator_channels"])
async def test_checked_raises_naming_the_read_and_the_error(name: str) -> None:
    storage = ResilientStorage(Broken(), retry_delay=0.001, call_timeout=2.0)
    await storage.open()
    args = () if name == "curator_channels" else (5,)
    with pytest.raises(StorageError) as raised:
        await storage.checked(name, *args)
    assert str(raised.value) == f"storage could not read {name} ({name}: RuntimeError: disk on fire)"
