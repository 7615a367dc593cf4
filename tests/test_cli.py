"""The command line: ask, ask --json, the batch contract under hostile input, kb check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.test_answering import assert_contract

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb"


def keibot(*args: str, stdin: str | None = None, kb: Path = FIXTURE_KB) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--knowledge", str(kb), *args],
        input=stdin, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


HOSTILE = [
    json.dumps({"id": "empty", "question": ""}),
    json.dumps({"id": "huge", "question": "is it legal in texas " * 5000}),  # ~100k characters
    json.dumps({"id": "control", "question": "\x00\x01\x07texas\x1b[31m legal?\x7f"}),
    json.dumps({"id": "zalgo", "question": "t̸̢̛e̵͇͝x̷̣̓a̶̰͆s̴̹̈́ ̷l̴e̶g̷a̷l̸"}),
    json.dumps({"id": "mention", "question": "@everyone @here <@123> <@&456> is my acty legal in texas"}),
    json.dumps(
        {"id": "markdown", "question": "[free truck](https://evil.example) **bold** `code` ||spoiler||"}
    ),
    json.dumps({"id": "rtl", "question": "\u202etexas\u202c legal \u200b\u200d"}),
    "{this is not json",
    "[1, 2, 3]",
    json.dumps({"id": "no-question"}),
    json.dumps({"id": "number-question", "question": 42}),
    json.dumps({"id": 7, "question": "timing belt on an acty"}),
    json.dumps({"id": "nested", "question": "x", "conversation": {"a": 1}}),
    "",
    json.dumps({"id": "c1", "question": "can i register one in texas", "conversation": "c"}),
    json.dumps({"id": "c2", "question": "ok what about oklahoma then", "conversation": "c"}),
]


def test_batch_answers_every_hostile_line_with_an_object() -> None:
    result = keibot("ask", "--json", "--batch", "-", stdin="\n".join(HOSTILE) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len([h for h in HOSTILE if h.strip()])
    by_id = {str(obj.get("id")): obj for obj in lines}
    for key in ("empty", "huge", "control", "zalgo", "mention", "markdown", "rtl", "7", "nested", "c1", "c2"):
        obj = dict(by_id[key])
        obj.pop("id")
        assert_contract(obj)
    errors = [obj for obj in lines if "error" in obj]
    assert len(errors) == 4  # not JSON, not an object, no question, non-string question
    assert by_id["huge"]["state"] == "TX" and len(by_id["huge"]["question"]) <= 2000
    assert by_id["c2"]["state"] == "OK" and by_id["c2"]["intent"] == "state_legality"
    for obj in lines:
        assert "@everyone" not in obj.get("text", "") and "evil.example" not in obj.get("text", "")


def test_batch_keeps_input_order_and_ids() -> None:
    questions = [{"id": f"q{i}", "question": q} for i, q in enumerate(["texas?", "acty belt", "oregon"])]
    result = keibot("ask", "--json", "--batch", "-", stdin="".join(json.dumps(q) + "\n" for q in questions))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["q0", "q1", "q2"]


def test_ask_json_prints_one_contract_object() -> None:
    result = keibot("ask", "--json", "is", "my", "98", "carry", "legal", "in", "texas")
    obj = json.loads(result.stdout)
    assert_contract(obj)
    assert (obj["state"], obj["model"], obj["year"]) == ("TX", "Suzuki Carry", 1998)


def test_ask_prints_the_text_a_user_reads() -> None:
    result = keibot("ask", "timing", "belt", "on", "an", "acty")
    assert result.returncode == 0
    assert "Test belt body." in result.stdout and "Honda Acty timing belt" in result.stdout
    assert "**Sources**" in result.stdout


def test_kb_check_reports_problems_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- id: x\n  kind: maintenance\n", encoding="utf-8")
    result = keibot("kb", "check", "--partial", kb=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:1: x: title: required field is missing" in result.stderr


def test_kb_check_on_the_real_knowledge_base_is_clean() -> None:
    result = keibot("kb", "check", kb=ROOT / "knowledge")
    assert result.returncode == 0, result.stderr[-3000:]


def test_bad_knowledge_base_gives_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- [", encoding="utf-8")
    result = keibot("ask", "texas", kb=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "invalid YAML" in result.stderr


def test_chat_keeps_conversation_context_and_resets_on_new() -> None:
    script = "can i register a kei truck in texas\nok what about oklahoma then\nnew\nwhat about it\nquit\n"
    result = keibot("chat", stdin=script)
    assert result.returncode == 0
    answers = result.stdout.split("you> ")
    assert "Texas" in answers[1] and "Oklahoma" in answers[2]
    assert "(new conversation)" in answers[3]
    assert "Oklahoma" not in answers[4] and "outside what I know" in answers[4]


def test_batch_conversation_keys_of_different_types_are_different_conversations() -> None:
    lines = [
        {"id": "a", "question": "can i register one in texas", "conversation": 1},
        {"id": "b", "question": "is it legal there too?", "conversation": "1"},
        {"id": "c", "question": "is it legal there too?", "conversation": 1},
    ]
    result = keibot("ask", "--json", "--batch", "-", stdin="".join(json.dumps(x) + "\n" for x in lines))
    second, third = (json.loads(line) for line in result.stdout.splitlines()[1:])
    assert second["state"] is None  # "1" is not the conversation 1 was
    assert third["state"] == "TX"


def test_a_batch_lines_context_is_asked_first_in_a_conversation_of_its_own() -> None:
    """The eval files' "context" (an earlier turn) read as such when the line names no conversation: the
    follow-up is understood in its light, and only the question's answer is printed."""
    lines = [
        {"id": "a", "question": "is it legal there too?", "context": "can i register one in texas"},
        {"id": "b", "question": "is it legal there too?"},
    ]
    result = keibot("ask", "--json", "--batch", "-", stdin="".join(json.dumps(x) + "\n" for x in lines))
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "a" and first["state"] == "TX"
    assert second["state"] is None  # the context belonged to line a alone


def test_output_piped_into_a_reader_that_stops_early_ends_quietly():
    # `keibot ask ... | head -1`: the reader closes the pipe after one line; the batch output is long
    # enough to fill the pipe, so the write fails, and that must not print a traceback.
    questions = "".join(
        json.dumps({"id": str(n), "question": "is my acty legal in texas"}) + "\n" for n in range(300)
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--knowledge", str(FIXTURE_KB), "ask", "--batch", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    process.stdin.write(questions.encode())
    process.stdin.close()
    process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
