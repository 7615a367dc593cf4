"""Hot reload: an atomic swap with a diff summary, and any broken file keeps the last good knowledge base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.service import KnowledgeService
from tests.conftest import TODAY
from tests.core.test_knowledge import BROKEN

FIXTURE_KB = Path(__file__).resolve().parent.parent / "fixtures" / "kb"


@pytest.fixture
def live(tmp_path: Path) -> KnowledgeService:
    folder = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, folder)
    return KnowledgeService(folder, clock=lambda: TODAY)


def test_reload_reports_added_removed_and_changed(live: KnowledgeService) -> None:
    other = live.path / "other.yaml"
    text = other.read_text(encoding="utf-8")
    text = text.replace("body: Test belt body.", "body: The belt interval changed.")
    text = text.replace("- id: buying-checklist", "- id: buying-checklist-v2")
    other.write_text(text, encoding="utf-8")
    report = live.reload()
    assert report.ok
    assert report.added == ("buying-checklist-v2",)
    assert report.removed == ("buying-checklist",)
    assert report.changed == ("acty-timing-belt",)
    assert "Changed (1): acty-timing-belt" in report.summary()
    assert "The belt interval changed." in live.answer("acty timing belt interval").text


def test_unchanged_reload_says_so(live: KnowledgeService) -> None:
    assert live.reload().summary() == f"Reloaded {len(live.kb)} entries; nothing changed."


@pytest.mark.parametrize(("text", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_any_breakage_keeps_the_last_good_knowledge_base(
    live: KnowledgeService, text: str, expected: str
) -> None:
    before = live.answerer
    (live.path / "broken.yaml").write_text(text, encoding="utf-8")
    report = live.reload()
    assert not report.ok
    assert report.problems and "broken.yaml" in report.problems[0]
    assert live.answerer is before
    assert "Reload refused" in report.summary() and "still live" in report.summary()
    assert live.answer("is it legal in texas").answered


def test_deleted_folder_keeps_the_last_good_knowledge_base(live: KnowledgeService) -> None:
    shutil.rmtree(live.path)
    report = live.reload()
    assert not report.ok and "knowledge folder not found" in report.problems[0]
    assert live.answer("is it legal in texas").answered


def test_explain_shows_slots_matches_and_thresholds(live: KnowledgeService) -> None:
    why = live.explain("timing belt on my 96 acty")
    assert why["slots"]["models"] == ["Honda Acty"] and why["slots"]["year"] == 1996
    assert why["matches"][0]["id"] == "acty-timing-belt"
    assert why["matches"][0]["matched"] == "timing belt"
    assert set(why["thresholds"]) == {"answer", "suggest", "margin"}
    assert why["decision"]["answered"] is True


def test_stale_lists_entries_past_review(live: KnowledgeService) -> None:
    assert [e.id for e in live.stale()] == ["state-or"]
