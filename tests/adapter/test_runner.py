"""Starting the bot: a bad or missing token is one line on stderr and a non-zero exit, never a traceback;
without a token the console chat starts instead."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import aiohttp
import discord
import pytest

from bot.adapter.runner import run, run_bot
from bot.config import Secret, Settings
from tests.adapter.conftest import FIXTURE_KB, ROOT
from tests.adapter.discord_harness import patch_login

TOKEN = "MTIzNDU2Nzg5.fake.secret-token-value"


@pytest.fixture
def token_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, discord_token=Secret(TOKEN), dev_guild_id=None)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (discord.LoginFailure("Improper token has been passed."), "keibot: Discord rejected DISCORD_TOKEN"),
        (discord.PrivilegedIntentsRequired(None), "keibot: enable the Message Content intent"),
        (
            aiohttp.ClientConnectionError("network down"),
            "keibot: could not reach Discord (ClientConnectionError)",
        ),
    ],
)
async def test_login_problems_are_one_line_and_exit_non_zero(
    token_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    expected: str,
) -> None:
    patch_login(monkeypatch, error)
    code = await run_bot(token_settings, allow_partial_knowledge=True)  # the small test tree
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected)
    assert "Traceback" not in out + err and TOKEN not in out + err and "secret-token" not in out + err


async def test_missing_token_or_bad_knowledge_is_a_config_error(
    token_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run_bot(dataclasses.replace(token_settings, discord_token=Secret(""))) == 2
    assert (
        capsys.readouterr().err.strip()
        == "keibot: DISCORD_TOKEN is not set (put it in .env or the environment)"
    )
    bad = tmp_path / "bad-kb"
    bad.mkdir()
    (bad / "x.yaml").write_text("- id: X\n", encoding="utf-8")
    assert await run_bot(dataclasses.replace(token_settings, knowledge_dir=bad)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("keibot: the knowledge base has") and err.endswith(
        "run `keibot kb check` to list them"
    )
    assert (
        await run_bot(dataclasses.replace(token_settings, shard_ids=(0,)), allow_partial_knowledge=True) == 2
    )
    assert capsys.readouterr().err.strip() == "keibot: SHARD_IDS needs SHARD_COUNT"


def test_run_without_a_token_starts_the_console_chat(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = iter(["is it legal in texas?", "quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(questions))
    assert run(dataclasses.replace(settings, discord_token=Secret(""))) == 0
    out, err = capsys.readouterr()
    assert "DISCORD_TOKEN is not set, so starting the console chat" in err
    assert "KeiBot console" in out and "Test summary for Texas." in out


def test_python_dash_m_bot_without_a_token_runs_the_console(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISCORD_TOKEN": "",
        "KNOWLEDGE_DIR": str(FIXTURE_KB),
        "DATABASE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        input="rust on a carry\nquit\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "KeiBot console" in result.stdout and "Test rust body." in result.stdout
    assert "Traceback" not in result.stderr


def test_python_dash_m_bot_reports_bad_settings_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "DISCORD_TOKEN": "", "SHARD_COUNT": "two"}
    result = subprocess.run(
        [sys.executable, "-m", "bot"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, input=""
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "keibot: SHARD_COUNT must be a whole number"
