"""Source-watch tables (migration v4) on both backends, and through the resilient wrapper."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage.resilient import ResilientStorage
from bot.storage.watch_models import MAX_SNAPSHOT_TEXT, SourceSnapshot, WatchRecord
from tests.storage.conftest import Backend

T0 = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)


async def test_source_snapshots_upsert_by_url(backend: Backend) -> None:
    storage = await backend.open()
    assert await storage.source_snapshots() == {}
    first = SourceSnapshot(
        "https://a.gov/x", "https://a.gov/x", 200, "h1", T0, None, '"e1"', "Mon", "line one"
    )
    other = SourceSnapshot("https://b.org/y", "https://b.org/z", 404, "", T0)
    assert await storage.record_source_snapshots([first, other]) == 2
    assert await storage.record_source_snapshots([]) == 0
    later = SourceSnapshot(
        "https://a.gov/x", "https://a.gov/x2", 200, "h2", T0 + timedelta(days=7), T0 + timedelta(days=7),
        None, None, "x" * (MAX_SNAPSHOT_TEXT + 10) + "\x00",
    )  # fmt: skip
    await storage.record_source_snapshots([later])
    got = await storage.source_snapshots()
    assert set(got) == {"https://a.gov/x", "https://b.org/y"}
    assert got["https://b.org/y"] == other
    a = got["https://a.gov/x"]
    assert (a.final_url, a.content_hash, a.changed_at, a.etag) == (
        "https://a.gov/x2",
        "h2",
        later.fetched_at,
        None,
    )
    assert len(a.text) == MAX_SNAPSHOT_TEXT


async def test_watch_reports_latest_first(backend: Backend) -> None:
    storage = await backend.open()
    assert await storage.latest_watch_report() is None
    await storage.save_watch_report(WatchRecord(T0, T0 + timedelta(minutes=3), '{"n": 1}'))
    await storage.save_watch_report(
        WatchRecord(T0 + timedelta(days=7), T0 + timedelta(days=7, minutes=2), '{"n": 2}')
    )
    latest = await storage.latest_watch_report()
    assert latest is not None and latest.report == '{"n": 2}' and latest.id is not None
    assert latest.finished_at == T0 + timedelta(days=7, minutes=2)


async def test_curator_channels_set_move_clear(backend: Backend) -> None:
    storage = await backend.open()
    assert await storage.curator_channels() == {}
    await storage.set_curator_channel(1, 100)
    await storage.set_curator_channel(2, 200)
    await storage.set_curator_channel(1, 101)
    assert await storage.curator_channels() == {1: 101, 2: 200}
    await storage.set_curator_channel(2, None)
    assert await storage.curator_channels() == {1: 101}


async def test_resilient_wrapper_passes_through_and_reports_saved(backend: Backend) -> None:
    storage = ResilientStorage(backend.make(), retry_delay=0.001)
    await storage.open()
    try:
        assert await storage.set_curator_channel(5, 55) is True
        assert await storage.curator_channels() == {5: 55}
        assert await storage.record_source_snapshots([SourceSnapshot("u", "u", 200, "h", T0)]) == 1
        assert set(await storage.source_snapshots()) == {"u"}
        assert await storage.save_watch_report(WatchRecord(T0, T0, "{}")) is not None
        assert (await storage.latest_watch_report()) is not None
    finally:
        await storage.close()
