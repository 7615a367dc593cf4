"""What a change notice and the reload summary say: pure functions of the knowledge base and snapshots."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.adapter.notify import EntryChange, NotifyReport, change_message, detect_changes, snapshots_to_record
from bot.adapter.render import COLOUR_NOTICE
from bot.core.knowledge import KnowledgeBase, load_dir
from bot.storage.models import Snapshot

FIXTURE_KB = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "kb"


def snapshots_of(kb: KnowledgeBase, **overrides: str) -> dict[str, Snapshot]:
    """Snapshots matching ``kb``, with some hashes replaced (as if those entries had changed since)."""
    return {
        entry_id: Snapshot(entry_id, overrides.get(entry_id, fingerprint), kb.by_id[entry_id].last_verified)
        for entry_id, fingerprint in kb.fingerprints.items()
    }


@pytest.fixture
def kb_with_history(tmp_path: Path) -> KnowledgeBase:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    path = target / "states.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  summary: Test summary for Texas."
    assert old in text
    history = (
        "  changes:\n"
        "    - {date: '2026-03-01', what: middle change}\n"
        "    - {date: '2026-11-20', what: newest change}\n"
        "    - {date: '2025-01-05', what: oldest change}\n"
    )
    path.write_text(text.replace(old, old + "\n" + history.rstrip("\n")), encoding="utf-8")
    return load_dir(target)


def test_every_changed_entry_is_found_not_just_the_first(mini_kb: KnowledgeBase) -> None:
    ids = sorted(mini_kb.fingerprints)
    changed = [ids[3], ids[-1]]  # entries before, between and after them are unchanged
    found = detect_changes(mini_kb, snapshots_of(mini_kb, **dict.fromkeys(changed, "old-hash")))
    assert [c.entry_id for c in found] == changed
    assert all(c.removed is False for c in found)


def test_removed_entries_are_reported_after_the_changed_ones(mini_kb: KnowledgeBase) -> None:
    snapshots = snapshots_of(mini_kb, **{"state-tx": "old"})
    snapshots["gone-entry"] = Snapshot("gone-entry", "h", dt.date(2026, 1, 1))
    found = detect_changes(mini_kb, snapshots)
    assert [(c.entry_id, c.removed) for c in found] == [("state-tx", False), ("gone-entry", True)]


def test_the_latest_change_is_the_newest_by_date(kb_with_history: KnowledgeBase) -> None:
    (change,) = detect_changes(kb_with_history, snapshots_of(kb_with_history, **{"state-tx": "old"}))
    assert change.latest_change == "2026-11-20: newest change"
    assert change.last_verified == kb_with_history.by_id["state-tx"].last_verified


def test_only_new_or_changed_entries_get_a_snapshot(mini_kb: KnowledgeBase) -> None:
    snapshots = snapshots_of(mini_kb, **{"state-tx": "old"})
    del snapshots["state-ok"]
    recorded = snapshots_to_record(mini_kb, snapshots)
    assert [s.entry_id for s in recorded] == ["state-ok", "state-tx"]
    assert recorded[1].content_hash == mini_kb.fingerprints["state-tx"]


def test_the_summary_counts_entries_and_deliveries() -> None:
    one = EntryChange("a", removed=False, title="A")
    assert NotifyReport().summary() == "No followed answers changed."
    assert NotifyReport(changes=[one], notified=1).summary() == (
        "1 entry changed since the last snapshot; 1 notification(s) sent."
    )
    assert NotifyReport(changes=[one, one], notified=2, failed=3).summary() == (
        "2 entries changed since the last snapshot; 2 notification(s) sent, 3 could not be delivered."
    )
    assert NotifyReport(changes=[one], sender=False).summary().startswith("1 entry changed")
    assert "shard 0" in NotifyReport(changes=[one, one], sender=False).summary()
    assert NotifyReport(changes=[one, one], sender=False).summary().startswith("2 entries changed")


def test_the_notice_names_each_change_and_how_to_stop() -> None:
    embed = change_message(
        [
            EntryChange(
                "a", removed=False, title="Texas", last_verified=dt.date(2026, 11, 20), latest_change="x"
            ),
            EntryChange("b", removed=True, title="b"),
        ]
    )
    assert embed.colour is not None and embed.colour.value == COLOUR_NOTICE
    assert embed.footer.text and "🔔" in embed.footer.text
    lines = (embed.description or "").split("\n")
    assert lines[0].startswith("• **Texas** was updated (last verified ")
    assert lines[1] == "  Latest recorded change: x"
    assert lines[2].startswith("• **b** was removed")
