"""Smoke test: `keibot bench` runs on a tiny input and prints both baselines next to ours."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bot.bench import add_bench_command, percentile, synthetic_kb
from bot.core.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_KB = ROOT / "tests" / "fixtures" / "kb"

QUESTIONS = [
    {"id": "t1", "question": "is my 98 carry legal in texas", "intent": "state_legality", "state": "TX"},
    {"id": "t2", "question": "ok what about oklahoma then", "intent": "follow_up", "state": "OK",
     "context": "can i register a kei truck in texas"},
    {"id": "t3", "question": "honda beat top speed?", "intent": "out_of_scope"},
]  # fmt: skip


def bench_parser() -> argparse.ArgumentParser:
    """The keibot parser, with `bench` added if the command line does not wire it in (yet)."""
    from bot.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "bench" not in sub.choices:
        add_bench_command(sub)
    return parser


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    return path


def run_bench(capsys: pytest.CaptureFixture[str], *extra: str, questions: Path) -> str:
    argv = ["--knowledge", str(FIXTURE_KB), "bench", "--quick", "--repeat", "2", "--scales", "1"]
    args = bench_parser().parse_args([*argv, "--questions", str(questions), *extra])
    assert args.func(args) == 0
    return capsys.readouterr().out


def test_bench_prints_the_table_with_both_baselines(
    capsys: pytest.CaptureFixture[str], questions_file: Path
) -> None:
    out = run_bench(capsys, questions=questions_file)
    rows = [line for line in out.splitlines() if line.lstrip().startswith("1x")]
    assert sum("keibot (ours)" in line for line in rows) == 1
    for label in ("fuzzy FAQ (rapidfuzz WRatio)", "BM25 (bm25s)"):
        assert sum(label in line for line in rows) == 2  # its result row and its ratio-to-ours row
    for heading in ("p50 ms", "p95 ms", "p99 ms", "answers/s", "correct", "wrong", "Start-up to first answer",
                    "Peak RSS", "Targets"):  # fmt: skip
        assert heading in out
    assert "/3" in out  # graded on the three questions
    assert out.count("PASS") + out.count("MISS") + out.count("SKIP") == 4


def test_bench_json_is_valid_with_the_expected_keys(
    capsys: pytest.CaptureFixture[str], questions_file: Path
) -> None:
    report = json.loads(run_bench(capsys, "--json", questions=questions_file))
    assert {
        "machine", "config", "knowledge_bases", "results", "ratios", "cutoff_sweeps", "startup", "memory",
        "targets", "profiles",
    } <= set(report)  # fmt: skip
    assert {r["system"] for r in report["results"]} == {"keibot", "fuzzy-faq", "bm25"}
    for row in report["results"]:
        assert row["calls"] == 2 * 4  # two passes over three questions and one context line
        assert 0 <= row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"] <= row["max_ms"]
        assert row["correct"] + row["miss"] + row["wrong"] == 3
        assert row["qps"] > 0
    assert {r["system"] for r in report["ratios"]} == {"fuzzy-faq", "bm25"}
    assert report["startup"]["runs"] == 1 and report["startup"]["median_s"] > 0
    assert report["memory"]["peak_rss_mb"] > 0
    assert [t["name"] for t in report["targets"]] == ["p99_real", "p99_50x", "bot_rss", "startup"]
    assert 0 < report["startup"]["bot_process"]["peak_rss_mb"] < 1000
    assert all(t["status"] in ("PASS", "MISS", "SKIP") for t in report["targets"])
    assert report["profiles"] == {}  # --quick never profiles
    assert report["machine"]["cpus"] >= 1 and report["machine"]["python"]


def test_synthetic_knowledge_base_grows_with_new_ids_and_the_same_shapes(mini_kb: KnowledgeBase) -> None:
    big = synthetic_kb(mini_kb, 5)
    assert len(big) == 5 * len(mini_kb)
    assert len(big.by_id) == len(big)  # every id is new
    assert big.by_state == mini_kb.by_state  # states still answer from their one real rule
    clones = [e for e in big.entries if e.id not in mini_kb.by_id]
    assert all(e.sources and e.last_verified for e in clones)
    assert {e.model for e in clones} <= {e.model for e in mini_kb.entries}
    assert synthetic_kb(mini_kb, 5).entries == big.entries  # deterministic


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile(values, 100)) == (50.0, 99.0, 100.0)
    assert percentile([], 50) == 0.0
