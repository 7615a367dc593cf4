"""Shared fixtures: the real knowledge base (loaded once) and the tiny hand-made one."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.answering import Answerer
from bot.core.knowledge import KnowledgeBase, load_dir

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def restore_garbage_collector() -> Iterator[None]:
    """The bot, the batch command and the bench freeze the heap and tune the collector
    (bot.memory.settle_memory); each test starts from and leaves the interpreter's own settings."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.fixture(scope="session")
def real_kb() -> KnowledgeBase:
    return load_dir(ROOT / "knowledge")


@pytest.fixture(scope="session")
def mini_kb() -> KnowledgeBase:
    return load_dir(ROOT / "tests" / "fixtures" / "kb")


@pytest.fixture(scope="session")
def answerer(real_kb: KnowledgeBase) -> Answerer:
    return Answerer(real_kb, clock=lambda: TODAY)


@pytest.fixture(scope="session")
def mini_answerer(mini_kb: KnowledgeBase) -> Answerer:
    return Answerer(mini_kb, clock=lambda: TODAY)
