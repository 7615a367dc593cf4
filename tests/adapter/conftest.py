"""Adapter fixtures: a real bot from ``create_bot`` on a copy of the tiny fixture KB and a real SQLite file,
started through the harness (no gateway, every HTTP call captured)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.adapter.client import KeiBot, create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import Storage, open_storage
from tests.adapter.discord_harness import Harness, snowflake

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb"
TODAY = dt.date(2026, 11, 25)

GUILD = 700_000_000_000_000_001
DEV_GUILD = 700_000_000_000_000_009
ANSWER_CHANNEL = 710_000_000_000_000_001
OTHER_CHANNEL = 710_000_000_000_000_002
FORUM = 710_000_000_000_000_003
OWNER = 720_000_000_000_000_001
ADMIN = 720_000_000_000_000_002
ALICE = 720_000_000_000_000_003
BOB = 720_000_000_000_000_004


@dataclass
class FakeClock:
    """Wall clock and monotonic clock the test moves by hand."""

    wall: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC))
    mono: float = 1_000.0

    def now(self) -> dt.datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)
        self.mono += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


@pytest.fixture
def service(kb_dir: Path) -> KnowledgeService:
    return KnowledgeService(kb_dir, clock=lambda: TODAY)


@pytest.fixture
def settings(kb_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        dev_guild_id=DEV_GUILD,
        owner_ids=frozenset({OWNER}),
        knowledge_dir=kb_dir,
        database_path=tmp_path / "keibot.sqlite3",
    )


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    store = await open_storage(None, tmp_path / "keibot.sqlite3")
    yield store
    await store.close()


@pytest.fixture
async def harness(
    settings: Settings,
    service: KnowledgeService,
    storage: Storage,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Harness]:
    bot = create_bot(settings, service, storage, clock=clock.now, monotonic=clock.monotonic)
    h = Harness(bot, monkeypatch)
    await h.start()
    h.add_guild(GUILD, text_channels=[ANSWER_CHANNEL, OTHER_CHANNEL], forums=[FORUM])
    h.recorder.clear()
    yield h
    await h.close()


@pytest.fixture
def bot(harness: Harness) -> KeiBot:
    return harness.bot


def new_id() -> int:
    return snowflake()
