"""One watch run: fetch every source URL once, classify it against its last snapshot, save the new
snapshots and the report in storage. Reads the knowledge base; never writes it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from bot.core.schema import Entry
from bot.storage.base import Storage
from bot.storage.watch_models import SourceSnapshot, WatchRecord
from bot.watch.extract import extract
from bot.watch.fetch import Fetched, Fetcher
from bot.watch.report import EntryResult, SourceResult, WatchReport, short_diff, sort_entries, stale_entry_ids

log = logging.getLogger(__name__)

GONE = frozenset({404, 410})
BLOCKED = frozenset({401, 403, 429, 451})


def source_urls(entries: Iterable[Entry]) -> dict[str, list[str]]:
    """Every entry's source URLs, in order, without repeats: entry id -> urls."""
    return {e.id: list(dict.fromkeys(s.url for s in e.sources)) for e in entries}


def classify(
    fetched: Fetched, previous: SourceSnapshot | None, now: datetime
) -> tuple[SourceResult, SourceSnapshot]:
    """The report line for one URL and the snapshot to keep. A failed fetch keeps the last good text and
    hash, so the next good fetch is compared with what the page last said."""
    url = fetched.url
    prev_hash = previous.content_hash if previous else ""
    prev_text = previous.text if previous else ""
    changed_at = previous.changed_at if previous else None

    def kept(status: int) -> SourceSnapshot:
        return SourceSnapshot(
            url=url,
            final_url=fetched.final_url,
            status=status,
            content_hash=prev_hash,
            fetched_at=now,
            changed_at=changed_at,
            etag=previous.etag if previous else None,
            last_modified=previous.last_modified if previous else None,
            text=prev_text,
        )

    status = fetched.status
    if status == 0:
        detail = f"{fetched.error or 'no answer'} after {fetched.attempts} attempt(s)"
        return SourceResult(url, "unreachable", 0, None, detail), kept(0)
    if status in GONE:
        return SourceResult(url, "gone", status, fetched.final_url, f"HTTP {status}"), kept(status)
    if status in BLOCKED:
        detail = f"HTTP {status}"
        if status == 429 and fetched.retry_after is not None:
            detail += f", Retry-After {fetched.retry_after:g} s"
        return SourceResult(url, "blocked", status, fetched.final_url, detail), kept(status)
    if status == 304 and previous is not None:
        result = "moved" if fetched.moved_permanently and fetched.final_url != url else "unchanged"
        return SourceResult(url, result, 304, fetched.final_url, "not modified (304)"), kept(304)
    if not 200 <= status < 300:
        detail = f"HTTP {status} after {fetched.attempts} attempt(s)"
        return SourceResult(url, "unreachable", status, fetched.final_url, detail), kept(status)

    kind, text, digest = extract(fetched.body, fetched.content_type, fetched.charset)
    notes = [kind]
    if fetched.truncated:
        notes.append(f"cut at {len(fetched.body):,} bytes")
    diff: list[str] = []
    if not prev_hash:
        outcome = "new"
    elif digest == prev_hash:
        outcome = "unchanged"
    else:
        outcome = "changed"
        changed_at = now
        diff = short_diff(prev_text, text) if (prev_text or text) else ["(binary content changed)"]
    if fetched.moved_permanently and fetched.final_url != url:
        if outcome == "changed":
            notes.append("text changed too")
        outcome = "moved"
    snapshot = SourceSnapshot(
        url=url,
        final_url=fetched.final_url,
        status=status,
        content_hash=digest,
        fetched_at=now,
        changed_at=changed_at,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        text=text,
    )
    return SourceResult(url, outcome, status, fetched.final_url, ", ".join(notes), diff), snapshot


async def run_watch(
    entries: Iterable[Entry],
    storage: Storage,
    fetcher: Fetcher,
    *,
    concurrency: int = 8,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    save: bool = True,
) -> WatchReport:
    """Fetch, classify, and (with ``save``) record the snapshots and the report. Returns the report."""
    entries = list(entries)
    started = clock()
    by_entry = source_urls(entries)
    urls = list(dict.fromkeys(u for urls in by_entry.values() for u in urls))
    previous = await storage.source_snapshots()
    gate = asyncio.Semaphore(concurrency)
    results: dict[str, SourceResult] = {}
    snapshots: list[SourceSnapshot] = []

    async def one(url: str) -> None:
        prev = previous.get(url)
        async with gate:
            fetched = await fetcher.fetch(
                url,
                etag=prev.etag if prev and prev.content_hash else None,
                last_modified=prev.last_modified if prev and prev.content_hash else None,
            )
        result, snapshot = classify(fetched, prev, clock())
        results[url] = result
        snapshots.append(snapshot)

    await asyncio.gather(*(one(url) for url in urls))
    report = WatchReport(
        started,
        clock(),
        sort_entries(
            [
                EntryResult(
                    e.id,
                    e.title,
                    e.kind.value,
                    e.kind.is_legal,
                    e.last_verified.isoformat(),
                    [results[u] for u in by_entry[e.id]],
                )
                for e in entries
            ]
        ),
    )
    if save:
        await storage.record_source_snapshots(snapshots)
        await storage.save_watch_report(WatchRecord(report.started_at, report.finished_at, report.to_json()))
    log.info("%s", report.summary_line())
    return report


async def stale_entries(entries: Iterable[Entry], storage: Storage) -> list[Entry]:
    """Entries whose sources changed (text hash moved) after their ``last_verified`` date."""
    entries = list(entries)
    snapshots = await storage.source_snapshots()
    changed = {url: s.changed_at for url, s in snapshots.items() if s.changed_at is not None}
    ids = set(
        stale_entry_ids([(e.id, e.last_verified, [s.url for s in e.sources]) for e in entries], changed)
    )
    return [e for e in entries if e.id in ids]
