"""The built answerer kept between runs (bot.core.prebuilt, bot.core.diskcache): the same answers as a fresh build,
a new build whenever a file changes, and never a failure of its own."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core import diskcache, prebuilt
from bot.core.knowledge import KnowledgeBaseError, load_dir

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb"


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kept"
    monkeypatch.setenv(diskcache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, folder)
    return folder


def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the knowledge base was loaded again")

    monkeypatch.setattr(prebuilt, "load_dir", refuse)


def test_a_second_start_reads_the_kept_build(
    kept: Path, knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = prebuilt.load_answerer(knowledge)
    assert len(list(kept.glob("answerer-*.pickle"))) == 1
    no_building(monkeypatch)
    again = prebuilt.load_answerer(knowledge)
    assert again is not first and len(again.kb) == len(first.kb)


QUESTIONS = [
    "is my 98 carry legal in texas",
    "timing belt interval on an HA4 acty?",
    "where do I get a clutch kit for a KS4 Sambar?",
    "can i import a 2001 hijet yet",
    "what oil does a DA63T take",
    "Just moved to mass. with my Carry that's registered in NH. Can I register it here?",
    "how much does customs add to a kei truck",
    "hijet overheats in town traffic but fine on the open road",
    "is a polaris ranger street legal in ohio",
    "whats the tire pressure for a loaded carry",
]


def test_the_kept_build_answers_as_a_fresh_one_in_another_process(kept: Path, tmp_path: Path) -> None:
    """A build kept by one process and read by a new one (as a restart does): the same contracts, word for word,
    as a build made fresh in this process."""
    fresh = prebuilt.load_answerer(ROOT / "knowledge")  # (keeps it)
    lines = tmp_path / "questions.jsonl"
    lines.write_text(
        "".join(json.dumps({"id": str(i), "question": q}) + "\n" for i, q in enumerate(QUESTIONS))
    )
    env = {**os.environ, diskcache.CACHE_ENV: str(kept), "KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    ran = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "--batch", str(lines)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=True,
    )  # fmt: skip
    answers = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [a["text"] for a in answers] == [fresh.answer(q).text for q in QUESTIONS]
    assert [a["entries"] for a in answers] == [fresh.answer(q).to_contract()["entries"] for q in QUESTIONS]


def test_a_build_someone_else_could_have_written_is_not_read(
    kept: Path, knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prebuilt.load_answerer(knowledge)
    kept.chmod(0o777)  # a shared folder: anyone could have put the file there
    loaded: list[object] = []
    monkeypatch.setattr(prebuilt, "load_dir", lambda *a, **k: loaded.append(a) or load_dir(*a, **k))
    prebuilt.load_answerer(knowledge)
    assert loaded  # built again, the kept file not read
    kept.chmod(0o700)
    [path] = kept.glob("answerer-*.pickle")
    path.chmod(0o666)
    loaded.clear()
    prebuilt.load_answerer(knowledge)
    assert loaded


def test_an_edited_entry_is_a_new_build(kept: Path, knowledge: Path) -> None:
    prebuilt.load_answerer(knowledge)
    path = next(knowledge.rglob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    prebuilt.load_answerer(knowledge)
    assert len(list(kept.glob("answerer-*.pickle"))) == 2


def test_a_knowledge_base_with_problems_raises_and_keeps_nothing(kept: Path, knowledge: Path) -> None:
    (knowledge / "broken.yaml").write_text("- id: x\n  kind: nonsense\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        prebuilt.load_answerer(knowledge)
    assert not list(kept.glob("answerer-*.pickle"))


def test_a_kept_build_answers_as_of_the_callers_clock(kept: Path) -> None:
    question = "can i import a 2001 carry yet"
    early = prebuilt.load_answerer(ROOT / "knowledge", clock=lambda: dt.date(2025, 6, 1)).answer(question)
    late = prebuilt.load_answerer(ROOT / "knowledge", clock=lambda: dt.date(2027, 6, 1)).answer(question)
    assert "not yet" in early.text.casefold() or "not eligible" in early.text.casefold()
    assert early.text != late.text


def test_an_unreadable_kept_build_is_rebuilt(
    kept: Path, knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    prebuilt.load_answerer(knowledge)
    [path] = kept.glob("answerer-*.pickle")
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING, logger="bot.core.diskcache"):
        answerer = prebuilt.load_answerer(knowledge)
    assert len(answerer.kb) == len(load_dir(knowledge))
    assert "unreadable" in caplog.text
    assert path.read_bytes() != b"not a pickle"  # written again


def test_a_folder_that_cannot_be_written_still_starts(
    tmp_path: Path, knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(diskcache.CACHE_ENV, str(blocked / "kept"))
    assert len(prebuilt.load_answerer(knowledge).kb) > 0
    assert not list(tmp_path.glob("**/*.pickle"))


def test_off_keeps_nothing(tmp_path: Path, knowledge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    prebuilt.load_answerer(knowledge)
    assert diskcache.cache_dir() is None
    assert not list(tmp_path.glob("**/*.pickle"))


def test_the_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(diskcache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert diskcache.cache_dir() == tmp_path / "keibot"
    monkeypatch.setenv(diskcache.CACHE_ENV, "  ")  # (set but empty: the default still)
    assert diskcache.cache_dir() == tmp_path / "keibot"


def test_only_the_newest_builds_are_kept(kept: Path) -> None:
    for n in range(diskcache.KEPT_BUILDS + 2):
        diskcache.store("answerer", f"key{n}", n)
    assert len(list(kept.glob("answerer-*.pickle"))) == diskcache.KEPT_BUILDS
    assert diskcache.stored("answerer", f"key{diskcache.KEPT_BUILDS + 1}") == diskcache.KEPT_BUILDS + 1


def test_no_home_folder_means_nothing_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(diskcache.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert diskcache.cache_dir() is None
