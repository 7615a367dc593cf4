"""Issue 13 #2: every command reads KNOWLEDGE_DIR the way ``keibot run`` does; ``--knowledge`` wins."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb"


def keibot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DIR"} | env
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=environ,
    )


def broken_copy(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(FIXTURE_KB, target)
    (target / "states.yaml").write_text("- id: state-tx\n  kind: state_rule\n  title: [not, a, title]\n")
    return target


def test_kb_check_checks_the_folder_in_knowledge_dir(tmp_path: Path) -> None:
    broken = broken_copy(tmp_path)
    result = keibot("kb", "check", "--partial", env={"KNOWLEDGE_DIR": str(broken)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "problem(s)" in result.stderr and "no problems" not in result.stdout


def test_ask_and_show_read_knowledge_dir_too(tmp_path: Path) -> None:
    env = {"KNOWLEDGE_DIR": str(FIXTURE_KB)}
    shown = keibot("show", "state-tx", env=env)
    assert shown.returncode == 0 and "Test summary for Texas." in shown.stdout
    broken = keibot("ask", "is it legal in texas", env={"KNOWLEDGE_DIR": str(broken_copy(tmp_path))})
    assert broken.returncode == 2 and "problem(s)" in broken.stderr


def test_the_knowledge_option_wins_over_knowledge_dir(tmp_path: Path) -> None:
    env = {"KNOWLEDGE_DIR": str(broken_copy(tmp_path))}
    result = keibot("--knowledge", str(FIXTURE_KB), "kb", "check", "--partial", env=env)
    assert result.returncode == 0 and "no problems" in result.stdout
