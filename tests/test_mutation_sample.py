"""scripts/mutation_sample.py: the sample is stratified and reproducible, and the table counts what mutmut found."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutation_sample.py"
_spec = importlib.util.spec_from_file_location("mutation_sample", SCRIPT)
sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample)


def _modules() -> dict[str, dict[str, int | None]]:
    big = {f"bot.core.answering.xǁAnswererǁ_route__mutmut_{i}": None for i in range(1, 201)}
    small = {f"bot.core.units.x_format__mutmut_{i}": None for i in range(1, 6)}
    return {"bot.core.answering": big, "bot.core.units": small}


def test_module_of_a_method_and_a_function_mutant():
    assert sample.module_of("bot.core.answering.xǁAnswererǁ_route__mutmut_3") == "bot.core.answering"
    assert sample.module_of("bot.storage.x_read_or_raise__mutmut_1") == "bot.storage"


def test_each_module_gives_the_same_share_at_least_the_minimum_at_most_all():
    drawn = sample.draw(_modules(), fraction=0.05, minimum=3, seed=1)
    answering = [n for n in drawn if n.startswith("bot.core.answering")]
    units = [n for n in drawn if n.startswith("bot.core.units")]
    assert len(answering) == 10  # 5% of 200
    assert len(units) == 3  # the minimum: 5% of 5 would be one
    assert len(set(drawn)) == len(drawn)
    assert len(sample.draw(_modules(), fraction=0.05, minimum=10, seed=1)) == 10 + 5  # all 5, fewer than 10


def test_the_same_seed_draws_the_same_mutants_and_another_seed_others():
    assert sample.draw(_modules(), 0.05, 3, seed=7) == sample.draw(_modules(), 0.05, 3, seed=7)
    assert sample.draw(_modules(), 0.05, 3, seed=7) != sample.draw(_modules(), 0.05, 3, seed=8)


def test_wilson_interval_brackets_the_share_and_stays_within_0_and_1():
    low, high = sample.wilson(3, 100)
    assert low < 0.03 < high
    assert (round(low, 3), round(high, 3)) == (0.010, 0.085)
    assert sample.wilson(0, 20)[0] == 0.0
    assert sample.wilson(20, 20)[1] == pytest.approx(1.0)
    assert sample.wilson(0, 0) == (0.0, 1.0)


def test_outcome_uses_mutmuts_names_and_counts_a_type_check_catch_as_killed():
    assert sample.outcome(1) == "killed"
    assert sample.outcome(0) == "survived"
    assert sample.outcome(36) == "timeout"
    assert sample.outcome(37) == "killed"
    assert sample.outcome(None) == "not checked"


def test_report_counts_each_outcome_per_module_and_lists_the_survivors():
    modules = _modules()
    drawn = sample.draw(modules, 0.05, 3, seed=1)
    answering = [n for n in drawn if n.startswith("bot.core.answering")]
    for name, code in zip(answering, [1, 1, 1, 1, 1, 1, 0, 0, 36, None], strict=True):
        modules["bot.core.answering"][name] = code
    for name in [n for n in drawn if n.startswith("bot.core.units")]:
        modules["bot.core.units"][name] = 1
    text = sample.report(modules, drawn)
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `")}
    # 9 checked (6 killed, 1 timed out, 2 survived), 1 not run
    assert "| `bot.core.answering` | 200 | 10 | 6 | 1 | 2 | 1 | 22.2% (" in rows["`bot.core.answering`"]
    assert "| `bot.core.units` | 5 | 3 | 3 | 0 | 0 | 0 | 0.0% (" in rows["`bot.core.units`"]
    assert "| together | 205 | 13 | 9 | 1 | 2 | 1 | 16.7% (" in text
    survivors = text.split("Survivors (`mutmut show NAME`):\n")[1].split()
    assert survivors == [
        n for n, c in zip(answering, [1, 1, 1, 1, 1, 1, 0, 0, 36, None], strict=True) if c == 0
    ]


def test_mutants_by_module_reads_mutmuts_meta_files(tmp_path: Path):
    meta = tmp_path / "bot" / "core" / "units.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(
        json.dumps(
            {"exit_code_by_key": {"bot.core.units.x_f__mutmut_1": 1, "bot.core.units.x_f__mutmut_2": None}}
        )
    )
    assert sample.mutants_by_module(tmp_path) == {
        "bot.core.units": {"bot.core.units.x_f__mutmut_1": 1, "bot.core.units.x_f__mutmut_2": None}
    }
