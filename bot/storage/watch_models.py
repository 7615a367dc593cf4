"""Records for the source watch (``keibot kb watch``): per-URL snapshots and the saved run reports.

Plain frozen dataclasses like ``bot.storage.models``; kept apart so the watch tables stay an addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.storage.models import as_utc, utcnow

# Extracted text kept per URL: enough to show what changed next time, bounded so a huge page stays small.
MAX_SNAPSHOT_TEXT = 50_000


@dataclass(frozen=True, slots=True)
class SourceSnapshot:
    """The last fetch of one source URL.

    ``content_hash`` is of the normalised main text ('' when nothing could be read); ``changed_at`` is when
    the hash last moved from one real value to another (None: never seen to change). ``text`` is the
    normalised text, cut to ``MAX_SNAPSHOT_TEXT``.
    """

    url: str
    final_url: str
    status: int
    content_hash: str
    fetched_at: datetime = field(default_factory=utcnow)
    changed_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    text: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fetched_at", as_utc(self.fetched_at))
        if self.changed_at is not None:
            object.__setattr__(self, "changed_at", as_utc(self.changed_at))
        object.__setattr__(self, "text", (self.text or "")[:MAX_SNAPSHOT_TEXT])
        object.__setattr__(self, "status", int(self.status))


@dataclass(frozen=True, slots=True)
class WatchRecord:
    """One finished watch run: ``report`` is its JSON form (``bot.watch.report.WatchReport.to_json``)."""

    started_at: datetime
    finished_at: datetime
    report: str
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "started_at", as_utc(self.started_at))
        object.__setattr__(self, "finished_at", as_utc(self.finished_at))
