"""Compare fetches with the last snapshots and build the per-entry report (text and JSON)."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Outcome = Literal["new", "unchanged", "changed", "moved", "gone", "unreachable", "blocked"]

# Most serious first: an entry takes the most serious outcome of its sources.
SEVERITY: tuple[str, ...] = ("gone", "changed", "moved", "blocked", "unreachable", "new", "unchanged")
# Outcomes a curator has to look at (the exit status of `keibot kb watch` says whether there are any).
NEEDS_CURATOR = frozenset({"changed", "moved", "gone"})
# Outcomes that put a legal entry at the very top of the report.
URGENT = frozenset({"changed", "gone"})

DIFF_LINES = 12
DIFF_LINE_CHARS = 160


def short_diff(old: str, new: str, limit: int = DIFF_LINES) -> list[str]:
    """At most ``limit`` lines of '- removed' / '+ added' between two normalised texts."""
    out: list[str] = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        text = line[1:].strip()
        if len(text) > DIFF_LINE_CHARS:
            text = text[: DIFF_LINE_CHARS - 1] + "…"
        out.append(f"{line[0]} {text}")
        if len(out) >= limit:
            out.append("…")
            break
    return out


@dataclass(frozen=True, slots=True)
class SourceResult:
    url: str
    outcome: str
    status: int = 0
    final_url: str | None = None
    detail: str = ""
    diff: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntryResult:
    id: str
    title: str
    kind: str
    legal: bool
    last_verified: str
    sources: list[SourceResult]

    @property
    def outcome(self) -> str:
        outcomes = {s.outcome for s in self.sources}
        return next((o for o in SEVERITY if o in outcomes), "unchanged")

    @property
    def urgent(self) -> bool:
        return self.legal and self.outcome in URGENT


def sort_entries(entries: list[EntryResult]) -> list[EntryResult]:
    """Changed or gone sources on a legal entry first, then by severity, legal before other, then id."""
    return sorted(entries, key=lambda e: (not e.urgent, SEVERITY.index(e.outcome), not e.legal, e.id))


@dataclass(frozen=True, slots=True)
class WatchReport:
    started_at: datetime
    finished_at: datetime
    entries: list[EntryResult]

    @property
    def sources(self) -> dict[str, SourceResult]:
        return {s.url: s for e in self.entries for s in e.sources}

    def counts(self) -> dict[str, int]:
        counts = Counter(s.outcome for s in self.sources.values())
        return {o: counts[o] for o in SEVERITY if counts[o]}

    @property
    def needs_curator(self) -> bool:
        return any(s.outcome in NEEDS_CURATOR for s in self.sources.values())

    def attention(self) -> list[EntryResult]:
        """Entries with anything but unchanged/new sources, in report order."""
        return [e for e in self.entries if e.outcome not in ("unchanged", "new")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "needs_curator": self.needs_curator,
            "counts": self.counts(),
            "entries": [
                {
                    "id": e.id,
                    "title": e.title,
                    "kind": e.kind,
                    "legal": e.legal,
                    "last_verified": e.last_verified,
                    "outcome": e.outcome,
                    "sources": [asdict(s) for s in e.sources],
                }
                for e in self.entries
            ],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> WatchReport:
        data = json.loads(text)
        entries = [
            EntryResult(
                e["id"],
                e["title"],
                e["kind"],
                e["legal"],
                e["last_verified"],
                [SourceResult(**s) for s in e["sources"]],
            )
            for e in data["entries"]
        ]
        return cls(
            datetime.fromisoformat(data["started_at"]), datetime.fromisoformat(data["finished_at"]), entries
        )

    def summary_line(self) -> str:
        counts = self.counts()
        parts = ", ".join(f"{n} {o}" for o, n in counts.items()) or "nothing"
        return (
            f"Source watch {self.finished_at:%Y-%m-%d %H:%M} UTC: {len(self.sources)} sources on "
            f"{len(self.entries)} entries: {parts}."
        )

    def to_text(self, *, verbose: bool = False) -> str:
        lines = [self.summary_line()]
        shown = self.entries if verbose else self.attention()
        if not shown:
            lines.append("Nothing needs a curator.")
        for entry in shown:
            tag = "legal, " if entry.legal else ""
            lines.append("")
            lines.append(f"{entry.outcome.upper():<11} {entry.id} ({tag}verified {entry.last_verified})")
            for source in entry.sources:
                if not verbose and source.outcome in ("unchanged", "new"):
                    continue
                extra = f" → {source.final_url}" if source.outcome == "moved" and source.final_url else ""
                detail = f" ({source.detail})" if source.detail else ""
                lines.append(f"  {source.outcome:<11} {source.url}{extra}{detail}")
                lines.extend(f"      {d}" for d in source.diff)
        if not verbose:
            quiet = len(self.entries) - len(shown)
            if quiet and shown:
                lines.append("")
                lines.append(f"{quiet} other entries: all sources unchanged (or first seen).")
        if self.needs_curator:
            lines.append("")
            lines.append("Needs a curator: re-check the entries above and update last_verified.")
        return "\n".join(lines)


def stale_entry_ids(entries: list[tuple[str, date, list[str]]], changed_at: dict[str, datetime]) -> list[str]:
    """Ids of entries with a source whose text changed after the entry's ``last_verified`` date.

    ``entries`` are (id, last_verified, source urls); ``changed_at`` maps a URL to when its text last
    changed (from the source snapshots)."""
    out = []
    for entry_id, verified, urls in entries:
        if any((when := changed_at.get(url)) is not None and when.date() > verified for url in urls):
            out.append(entry_id)
    return out
