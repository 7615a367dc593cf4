"""Mutation score from a random sample of mutants, every one of them checked, at one commit.

A full mutmut run of every module takes most of a day on a 2-core machine; a stratified random sample (the same
fraction of each module's mutants, at least ``--minimum``) gives each module's surviving share with a 95%
interval in about an hour. Run it in the copy `make mutation-sample` makes (mutmut's working directory):

    python scripts/mutation_sample.py --fraction 0.05 --seed 1 --jobs 1

It generates the mutants and mutmut's test map (a `mutmut run` whose filter matches nothing), draws the sample
with a fixed seed, runs those mutants, and writes `mutation-sample.txt` (the table and every survivor's name).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED, SURVIVED, TIMEOUT = "killed", "survived", "timeout"
REPORT = Path("mutation-sample.txt")
NOTHING = "no.mutant.has.this.name*"  # a filter that matches nothing: mutmut then only generates and maps


def mutants_by_module(root: Path = Path("mutants")) -> dict[str, dict[str, int | None]]:
    """Every mutant's name and exit code (None: not run yet), by the module it mutates."""
    modules: dict[str, dict[str, int | None]] = defaultdict(dict)
    for meta in sorted(root.rglob("*.meta")):
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            modules[module_of(name)][name] = code
    return dict(modules)


def module_of(mutant: str) -> str:
    """`bot.core.answering.xǁAnswererǁ_route__mutmut_3` -> `bot.core.answering`."""
    head, _, _ = mutant.partition(".x")
    return head


def draw(modules: dict[str, dict[str, int | None]], fraction: float, minimum: int, seed: int) -> list[str]:
    """The same share of each module's mutants (at least ``minimum``, at most all), reproducible by ``seed``."""
    rng = random.Random(seed)
    sample: list[str] = []
    for module in sorted(modules):
        names = sorted(modules[module])
        size = min(len(names), max(minimum, math.ceil(len(names) * fraction)))
        sample += sorted(rng.sample(names, size))
    return sample


def outcome(code: int | None) -> str:
    """mutmut's own name for an exit code; a type-check catch and an internal pytest error are kills."""
    status = status_by_exit_code[code]
    return KILLED if status == "caught by type check" else status


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion (Wilson score): honest at the small counts a sample gives."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def report(modules: dict[str, dict[str, int | None]], sample: list[str]) -> str:
    by_module: dict[str, list[str]] = defaultdict(list)
    for name in sample:
        by_module[module_of(name)].append(name)
    lines = [
        "| module | mutants | sampled | killed | timed out | survived | other | survived, 95% interval |",
        "|---|---|---|---|---|---|---|---|",
    ]
    survivors: list[str] = []
    totals = defaultdict(int)
    for module in sorted(by_module):
        counts: dict[str, int] = defaultdict(int)
        for name in by_module[module]:
            result = outcome(modules[module][name])
            counts[result] += 1
            if result == SURVIVED:
                survivors.append(name)
        checked = counts[KILLED] + counts[TIMEOUT] + counts[SURVIVED]
        other = len(by_module[module]) - checked
        low, high = wilson(counts[SURVIVED], checked)
        share = counts[SURVIVED] / checked if checked else 0.0
        lines.append(
            f"| `{module}` | {len(modules[module])} | {len(by_module[module])} | {counts[KILLED]} | "
            f"{counts[TIMEOUT]} | {counts[SURVIVED]} | {other} | {share:.1%} ({low:.1%}-{high:.1%}) |"
        )
        for key, value in (
            ("all", len(modules[module])),
            ("sampled", len(by_module[module])),
            ("other", other),
        ):
            totals[key] += value
        for key in (KILLED, TIMEOUT, SURVIVED):
            totals[key] += counts[key]
    checked = totals[KILLED] + totals[TIMEOUT] + totals[SURVIVED]
    low, high = wilson(totals[SURVIVED], checked)
    share = totals[SURVIVED] / checked if checked else 0.0
    lines.append(
        f"| together | {totals['all']} | {totals['sampled']} | {totals[KILLED]} | {totals[TIMEOUT]} | "
        f"{totals[SURVIVED]} | {totals['other']} | {share:.1%} ({low:.1%}-{high:.1%}) |"
    )
    lines += ["", "Survivors (`mutmut show NAME`):", *survivors]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=0.05)
    parser.add_argument("--minimum", type=int, default=10, help="mutants drawn from a module at least")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--mutmut", default="mutmut", help="the mutmut executable")
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 1:
        parser.error("--fraction must be in (0, 1]")

    # generation and the test map; mutmut then refuses the empty filter, which is expected
    subprocess.run([args.mutmut, "run", NOTHING], capture_output=True, check=False)
    modules = mutants_by_module()
    if not modules:
        print(
            "mutation-sample: mutmut generated no mutants (see `mutmut run` in this directory)",
            file=sys.stderr,
        )
        return 1
    sample = draw(modules, args.fraction, args.minimum, args.seed)
    print(f"mutation-sample: {len(sample)} of {sum(map(len, modules.values()))} mutants, seed {args.seed}")
    subprocess.run([args.mutmut, "run", "--max-children", str(args.jobs), *sample], check=False)
    modules = mutants_by_module()
    if all(modules[module_of(name)][name] is None for name in sample):
        # mutmut checks nothing when the unmutated tests fail: say so rather than print an empty table
        print(
            "mutation-sample: no sampled mutant was checked (do the tests pass on this commit?)",
            file=sys.stderr,
        )
        return 1
    text = report(modules, sample)
    REPORT.write_text(text, encoding="utf-8")
    print(text.split("\n\n")[0])
    print(f"mutation-sample: table and survivors in {REPORT.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
