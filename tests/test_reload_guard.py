"""Issue 12 #5: a partial knowledge tree (``states/`` missing mid-checkout, a bad deploy) does not replace
the whole one unless an admin confirms."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.core.service import KnowledgeService, missing_required

ROOT = Path(__file__).resolve().parent.parent
REAL_KB = ROOT / "knowledge"
TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def live(tmp_path: Path) -> KnowledgeService:
    target = tmp_path / "knowledge"
    shutil.copytree(REAL_KB, target)
    return KnowledgeService(target, clock=lambda: TODAY)


def test_the_real_knowledge_base_is_complete(live: KnowledgeService) -> None:
    assert missing_required(live.kb) == []


def test_a_reload_without_states_is_refused_and_texas_still_answers(live: KnowledgeService) -> None:
    before = len(live.kb)
    shutil.rmtree(live.path / "states")
    report = live.reload()
    assert not report.ok and report.needs_confirmation
    assert any("jurisdiction" in p for p in report.problems)
    assert len(live.kb) == before and "TX" in live.kb.by_state
    assert "confirm:true" in report.summary() and "still live" in report.summary()
    assert live.answer("is my 98 carry legal in texas").state == "TX"


def test_a_reload_without_the_federal_rules_is_refused(live: KnowledgeService) -> None:
    shutil.rmtree(live.path / "federal")
    report = live.reload()
    assert not report.ok and any("federal" in p for p in report.problems)


def test_a_reload_dropping_many_entries_is_refused(live: KnowledgeService) -> None:
    before = len(live.kb)
    for folder in ("maintenance", "parts"):
        shutil.rmtree(live.path / folder)
    report = live.reload()
    assert not report.ok and any("entries would be removed" in p for p in report.problems)
    assert len(live.kb) == before


def test_an_admin_can_confirm_a_partial_tree(live: KnowledgeService) -> None:
    shutil.rmtree(live.path / "states")
    report = live.reload(force=True)
    assert report.ok and "TX" not in live.kb.by_state and report.removed


def test_a_small_deliberate_removal_needs_no_confirmation(live: KnowledgeService) -> None:
    path = next((live.path / "buying").glob("*.yaml"))
    path.unlink()
    report = live.reload()
    assert report.ok, report.problems
