"""Issue 12 #6 and #14: every batch line in gives one line out, with its id, whatever the bytes.

- #6: under a UTF-8 locale an invalid byte sequence on stdin made ``keibot ask --json --batch -`` exit
  with a traceback and no output at all.
- #14: a line over the size limit, or nested too deep to parse, came back as ``{"id": null, ...}``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import MAX_BATCH_LINE, batch_line, recover_id
from bot.core.answering import Answerer
from bot.core.knowledge import load_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb"


def run_batch_bytes(data: bytes, *, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--knowledge", str(FIXTURE_KB), "ask", "--json", "--batch", "-"],
        input=data, capture_output=True, timeout=120, cwd=ROOT, env={**os.environ, **env},
    )  # fmt: skip


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"},
        {"LC_ALL": "C.UTF-8"},
        {"LC_ALL": "C", "PYTHONUTF8": "0"},
    ],
    ids=["utf8-ioencoding", "utf8-locale", "c-locale"],
)
def test_invalid_utf8_costs_nothing_but_the_bad_characters(env: dict[str, str]) -> None:
    lines = [
        b'{"id": "before", "question": "is it legal in texas"}',
        b'{"id": "bad-question", "question": "timing belt \xff\xfe on an acty"}',
        b'{"id": "bad-\xc3(id", "question": "texas"}',
        b"\x80\x81\x82 not even json \xff",
        b'{"id": "after", "question": "is it legal in texas"}',
    ]
    result = run_batch_bytes(b"\n".join(lines) + b"\n", env=env)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    assert [o["id"] for o in out[:2]] == ["before", "bad-question"]
    assert out[1]["question"] and "error" not in out[1]
    assert out[2]["id"].startswith("bad-") and out[2]["id"].endswith("(id")
    assert out[3]["id"] is None and out[3]["error"].startswith("malformed JSON")
    assert out[4]["id"] == "after" and out[4]["state"] == "TX"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_dir(FIXTURE_KB))


def test_an_oversize_line_keeps_its_id(answerer: Answerer) -> None:
    line = json.dumps({"id": "big", "question": "texas " * (MAX_BATCH_LINE // 5)})
    assert len(line) > MAX_BATCH_LINE
    result = batch_line(answerer, line, {})
    assert result == {"id": "big", "error": result["error"]} and "too long" in result["error"]
    # the id may come after the huge value too
    late = '{"question": "' + "x" * (MAX_BATCH_LINE + 10) + '", "id": 42}'
    assert batch_line(answerer, late, {}) == {"id": 42, "error": result["error"]}


def test_a_too_deep_line_keeps_its_id(answerer: Answerer) -> None:
    line = '{"id": "deep", "question": "texas", "x": ' + "[" * 200_000 + "]" * 200_000 + "}"
    result = batch_line(answerer, line, {})
    assert result is not None and result["id"] == "deep" and "error" in result


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"id": "a", "question": "q"}', "a"),
        ('{"question": "{\\"id\\": \\"inner\\"}", "id": 7}', 7),  # an "id" inside a string is not the key
        ('{"x": {"id": "nested"}, "id": "top"}', "top"),  # only the top level counts
        ('{"x": {"id": "nested"}}', None),
        ('{"id": true}', None),  # not a string or an integer: as for a parsed line
        ('{"id": "unterminated', None),
        ("[1, 2, 3]", None),
        ('{"id": "esc\\u00e9\\"q"}', 'esc\u00e9"q'),
    ],
)
def test_recover_id(line: str, expected: object) -> None:
    assert recover_id(line) == expected
