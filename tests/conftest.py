"""Shared fixtures: the real knowledge base (loaded once) and the tiny hand-made one."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Kept builds (bot.core.diskcache) go to a folder of this run's own, set before bot.core is imported (the town
# tables are kept at import): the suite neither reads a developer's nor leaves files in their cache.
os.environ["KEIBOT_CACHE_DIR"] = tempfile.mkdtemp(prefix="keibot-test-cache-")

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


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(os.environ["KEIBOT_CACHE_DIR"], ignore_errors=True)
