"""Issue 12 #5, start-up: a knowledge tree that lacks required parts (a jurisdiction, the federal rules),
say ``states/`` missing during a checkout or after a bad deploy, is refused at start with one clear line,
before the bot connects, instead of serving "I don't know" for Texas."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import discord
import pytest

from bot.adapter.runner import EXIT_CONFIG, EXIT_LOGIN, run_bot
from bot.config import Secret, Settings
from tests.adapter.conftest import ROOT
from tests.adapter.discord_harness import patch_login

REAL_KB = ROOT / "knowledge"


@pytest.fixture
def token_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    # reaching the login means the start guard let the knowledge base through
    patch_login(monkeypatch, discord.LoginFailure("Improper token has been passed."))
    return dataclasses.replace(settings, discord_token=Secret("MTIz.fake.token"), dev_guild_id=None)


def real_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(REAL_KB, target)
    return target


async def test_a_tree_without_states_is_refused_at_start(
    token_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = real_copy(tmp_path)
    shutil.rmtree(kb / "states")
    code = await run_bot(dataclasses.replace(token_settings, knowledge_dir=kb))
    err = capsys.readouterr().err.strip()
    assert code == EXIT_CONFIG
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("keibot: the knowledge base is incomplete") and "51 jurisdiction(s)" in err
    assert "Discord rejected" not in err, "refused before connecting"


async def test_a_tree_without_federal_rules_is_refused(
    token_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = real_copy(tmp_path)
    shutil.rmtree(kb / "federal")
    assert await run_bot(dataclasses.replace(token_settings, knowledge_dir=kb)) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "no federal_rule entries" in err and "jurisdiction" not in err


async def test_the_small_test_tree_lacks_states(
    token_settings: Settings, kb_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run_bot(dataclasses.replace(token_settings, knowledge_dir=kb_dir)) == EXIT_CONFIG
    assert "jurisdiction(s)" in capsys.readouterr().err


async def test_a_complete_tree_starts(
    token_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run_bot(dataclasses.replace(token_settings, knowledge_dir=real_copy(tmp_path))) == EXIT_LOGIN
    assert capsys.readouterr().err.startswith("keibot: Discord rejected DISCORD_TOKEN")


async def test_a_partial_tree_can_be_allowed_on_purpose(
    token_settings: Settings, kb_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await run_bot(
        dataclasses.replace(token_settings, knowledge_dir=kb_dir), allow_partial_knowledge=True
    )
    assert code == EXIT_LOGIN
    assert capsys.readouterr().err.startswith("keibot: Discord rejected DISCORD_TOKEN")
