#!/usr/bin/env python3
"""Fuzz the batch answer path with generated hostile questions; exit 1 on any crash or contract violation.

    .venv/bin/python scripts/fuzz.py                    # 10,000 questions, seed 6
    .venv/bin/python scripts/fuzz.py --count 2000 --seed 1 --show 20
    .venv/bin/python scripts/fuzz.py --no-subprocess    # in-process only

Every line goes through ``bot.cli.batch_line`` in-process (what ``keibot ask --json --batch`` runs per
line). Kinds of question: random Unicode, domain word salad, mutations of the dev questions,
mention / Markdown injection, huge strings, control characters, zalgo, and JSON edge cases (odd ids and
conversation keys, escaped lone surrogates, numbers Python refuses to parse).

Counted per kind (in-process, one shared conversation table as in a real batch):
  errors     error lines, as the contract wants for a malformed line (not a failure)
  not-utf8   output lines that could not be written as UTF-8 (counted as crashes too)
  crash      batch_line raised, the core raised (an "internal error" line), or the result is not JSON
  violation  a result that breaks ANSWER_CONTRACT.md (fields, types, sources and date on an answer),
             echoes the wrong id, or puts a live mention or a link the user typed into `text`
Then the same lines go through the real `keibot ask --json --batch -` in a subprocess, which must exit 0
and give back every id in order. Exit status 1 on any crash, violation or subprocess failure.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cli import MAX_BATCH_LINE, _json_line, batch_line  # noqa: E402
from bot.core.answering import Answerer, Conversation  # noqa: E402
from bot.core.knowledge import load_dir  # noqa: E402
from bot.core.schema import CANONICAL_MODELS  # noqa: E402
from bot.core.text import MAX_QUESTION_CHARS  # noqa: E402
from bot.evaluation import DEFAULT_QUESTIONS, load_questions  # noqa: E402

INTENTS = {
    "state_legality", "federal_import", "model_spec", "maintenance", "parts", "buying", "compare",
    "out_of_scope", "unknown",
}  # fmt: skip
CONTRACT_KEYS = {
    "question", "answered", "intent", "state", "model", "year", "entries", "sources", "last_verified",
    "confidence", "suggestions", "text",
}  # fmt: skip
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LIVE_MENTION = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>|<#\d+>")
EVIL = "fuzz-evil.example"

MENTIONS = ["@everyone", "@here", "<@123456789012345678>", "<@!42>", "<@&987654321>", "<#1234567890>",
            "@ everyone", "@\u200beveryone", "＠everyone"]  # fmt: skip
MARKDOWN = [
    f"[free kei truck](https://{EVIL}/win)", f"![x](https://{EVIL}/p.png)", f"<https://{EVIL}/>",
    f"[texas](<https://{EVIL}/t>)", f"](https://{EVIL})", f"http://{EVIL}/raw", "**bold**", "__u__", "~~s~~",
    "`code`", "```\ncode block\n```", "||spoiler||", "> quote", "# big heading", "-# subtext", "\\",
    "[](", "*" * 50, "_" * 50, "<t:1700000000:R>", ":emoji:", "<:custom:123456>", "<a:anim:123>",
]  # fmt: skip
CONTROLS = [chr(c) for c in [*range(32), 127, *range(0x80, 0xA0)]] + [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\x1b[31m", "\x1b[2J", "\r\n", "\ufffd",
]  # fmt: skip
UNICODE_RANGES = [
    (0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
    (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xFF01, 0xFF5E), (0x1F300, 0x1FAFF),
    (0x1D400, 0x1D7FF), (0xE000, 0xF8FF), (0xF0000, 0xF00FF), (0x300, 0x36F), (0x0, 0x10FFFF),
]  # fmt: skip
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "s": "ѕ"}


# ---------------------------------------------------------------- generators


class Gen:
    def __init__(self, rng: random.Random, dev: list[str], vocabulary: list[str]) -> None:
        self.rng = rng
        self.dev = dev
        self.vocabulary = vocabulary

    def random_unicode(self) -> str:
        r = self.rng
        out = []
        for _ in range(r.randint(0, 200)):
            lo, hi = r.choice(UNICODE_RANGES)
            code = r.randint(lo, hi)
            if 0xD800 <= code <= 0xDFFF:  # a str from a JSON line can hold one; see json_edge
                code = 0xFFFD
            out.append(chr(code))
        return "".join(out)

    def word_salad(self) -> str:
        r = self.rng
        return " ".join(r.choice(self.vocabulary) for _ in range(r.randint(1, 25)))

    def mutation(self) -> str:
        r = self.rng
        text = list(r.choice(self.dev))
        for _ in range(r.randint(1, 8)):
            text = list("".join(text))  # one character per item again after a repeat
            if not text:
                break
            i = r.randrange(len(text))
            op = r.randrange(8)
            if op == 0:
                del text[i]
            elif op == 1:
                text.insert(i, r.choice("abcdefghijklmnopqrstuvwxyz0123456789 '?!.,-"))
            elif op == 2 and i + 1 < len(text):
                text[i], text[i + 1] = text[i + 1], text[i]
            elif op == 3:
                text[i] = text[i] * r.randint(2, 6)
            elif op == 4:
                text[i] = text[i].swapcase()
            elif op == 5:
                text[i] = HOMOGLYPHS.get(text[i], text[i])
            elif op == 6 and "!" <= text[i] <= "~":
                text[i] = chr(ord(text[i]) + 0xFEE0)  # full width
            else:
                words = "".join(text).split()
                r.shuffle(words)
                text = list(" ".join(words))
        return "".join(text)

    def injection(self) -> str:
        r = self.rng
        parts = [r.choice(self.dev)] + [r.choice(MENTIONS + MARKDOWN) for _ in range(r.randint(1, 8))]
        r.shuffle(parts)
        return " ".join(parts)

    def huge(self) -> str:
        r = self.rng
        unit = r.choice([r.choice(self.dev), self.word_salad(), r.choice(MENTIONS), "a", "🚚", "texas "])
        size = r.choice([3_000, 10_000, 60_000, 250_000]) if r.random() > 0.02 else 1_200_000
        return (unit * (size // max(len(unit), 1) + 1))[:size]

    def control(self) -> str:
        r = self.rng
        base = r.choice(self.dev).split()
        out = []
        for word in base:
            out.append(word)
            out.append("".join(r.choice(CONTROLS) for _ in range(r.randint(0, 3))))
        if r.random() < 0.2:
            return "".join(r.choice(CONTROLS) for _ in range(r.randint(1, 60)))
        return "".join(out)

    def zalgo(self) -> str:
        r = self.rng
        return "".join(
            ch + "".join(chr(r.randint(0x300, 0x36F)) for _ in range(r.randint(0, 15)))
            for ch in r.choice(self.dev)
        )


def json_edge_line(rng: random.Random, i: int, question: str) -> tuple[str, Any]:
    """A raw JSON line with an odd id / conversation / escapes; returns (line, the id it should echo)."""
    kind = rng.randrange(7)
    q = json.dumps(question)
    if kind == 0:
        return f'{{"id": "e{i}-\\ud800", "question": {q}}}', f"e{i}-\ud800"  # lone surrogate in the id
    if kind == 1:
        return f'{{"id": "e{i}", "question": "texas \\udc80 legal \\ud83d"}}', f"e{i}"  # ... in the question
    if kind == 2:
        return f'{{"id": {"9" * 5000}, "question": {q}}}', None  # an int Python will not parse
    if kind == 3:
        return f'{{"id": "e{i}", "question": {q}, "conversation": {"7" * 4500}}}', None
    if kind == 4:
        return f'{{"id": 1e999, "question": {q}, "conversation": NaN}}', None
    if kind == 5:
        return f'{{"id": "e{i}", "id": "dup{i}", "question": {q}, "question": 5}}', "dup" + str(i)
    return f'{{"id": {-(2**70)}, "question": {q}, "conversation": -0.0}}', -(2**70)


ODD_VALUES: list[Any] = [None, True, False, 0, -1, 2**63, 1.5, float("inf"), "", [], {}, [1, "a"], {"a": 1}]


# ---------------------------------------------------------------- checks


def contract_problems(obj: dict[str, Any]) -> list[str]:
    problems = []
    if set(obj) != CONTRACT_KEYS:
        return [f"keys {sorted(set(obj) ^ CONTRACT_KEYS)} differ from the contract"]
    if not isinstance(obj["question"], str) or len(obj["question"]) > MAX_QUESTION_CHARS:
        problems.append("question is not a string of at most MAX_QUESTION_CHARS")
    if not isinstance(obj["answered"], bool):
        problems.append("answered is not a bool")
    if obj["intent"] not in INTENTS:
        problems.append(f"intent {obj['intent']!r}")
    if obj["state"] is not None and not (
        isinstance(obj["state"], str) and re.fullmatch(r"[A-Z]{2}", obj["state"])
    ):
        problems.append(f"state {obj['state']!r}")
    if obj["model"] is not None and obj["model"] not in CANONICAL_MODELS:
        problems.append(f"model {obj['model']!r}")
    if obj["year"] is not None and (not isinstance(obj["year"], int) or isinstance(obj["year"], bool)):
        problems.append(f"year {obj['year']!r}")
    entries = obj["entries"]
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and set(e) == {"id", "kind", "title", "score"} for e in entries
    ):
        problems.append("entries malformed")
    sources = obj["sources"]
    if not isinstance(sources, list) or not all(
        isinstance(s, dict) and set(s) == {"title", "url"} for s in sources
    ):
        problems.append("sources malformed")
    elif obj["answered"] and not any(str(s["url"]).startswith(("http://", "https://")) for s in sources):
        problems.append("answered without a source URL")
    if obj["last_verified"] is not None and not DATE.match(str(obj["last_verified"])):
        problems.append(f"last_verified {obj['last_verified']!r}")
    if obj["answered"] and obj["last_verified"] is None:
        problems.append("answered without last_verified")
    confidence = obj["confidence"]
    if not isinstance(confidence, int | float) or isinstance(confidence, bool) or not 0 <= confidence <= 1:
        problems.append(f"confidence {confidence!r}")
    if not isinstance(obj["suggestions"], list) or not all(isinstance(s, str) for s in obj["suggestions"]):
        problems.append("suggestions malformed")
    text = obj["text"]
    if not isinstance(text, str) or not text:
        problems.append("text empty or not a string")
    else:
        if LIVE_MENTION.search(text):
            problems.append(f"live mention in text: {LIVE_MENTION.search(text).group(0)!r}")
        if EVIL in text:
            problems.append("a link the user typed is in text")
    return problems


def same_id(got: Any, want: Any) -> bool:
    """The echoed id: exact, or with lone surrogates (not representable in UTF-8) replaced."""
    if got == want and type(got) is type(want):
        return True
    if isinstance(got, str) and isinstance(want, str):
        return got in (
            want.encode("utf-8", "replace").decode("utf-8"),
            want.encode("utf-16", "surrogatepass").decode("utf-16", "replace"),
        )
    return False


def expected_id(item: Any) -> Any:
    if not isinstance(item, dict):
        return None
    value = item.get("id")
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


# ---------------------------------------------------------------- the run


def build_lines(count: int, seed: int) -> list[tuple[str, str, Any]]:
    """(kind, raw JSON line, id the output must carry) for ``count`` questions."""
    rng = random.Random(seed)
    dev = [q["question"] for q in load_questions(DEFAULT_QUESTIONS)] + [
        q["context"] for q in load_questions(DEFAULT_QUESTIONS) if q.get("context")
    ]
    vocabulary = sorted({w for q in dev for w in q.split()})
    gen = Gen(rng, dev, vocabulary)
    kinds: list[tuple[str, Callable[[], str], float]] = [
        ("random_unicode", gen.random_unicode, 0.16),
        ("word_salad", gen.word_salad, 0.16),
        ("mutation", gen.mutation, 0.20),
        ("injection", gen.injection, 0.14),
        ("huge", gen.huge, 0.04),
        ("control", gen.control, 0.12),
        ("zalgo", gen.zalgo, 0.12),
        ("json_edge", gen.word_salad, 0.06),
    ]
    names = [k[0] for k in kinds]
    weights = [k[2] for k in kinds]
    makers = {k[0]: k[1] for k in kinds}
    lines = []
    for i in range(count):
        kind = rng.choices(names, weights)[0]
        question = makers[kind]()
        if kind == "json_edge":
            line, want = json_edge_line(rng, i, question)
            lines.append((kind, line, want))
            continue
        item: dict[str, Any] = {"id": f"f{i}", "question": question}
        roll = rng.random()
        if roll < 0.3:
            item["conversation"] = f"c{i // 4}"  # short conversations of neighbouring lines
        elif roll < 0.35:
            item["conversation"] = rng.choice(ODD_VALUES)
        if rng.random() < 0.05:
            item["id"] = rng.choice(ODD_VALUES)
        line = json.dumps(item, ensure_ascii=rng.random() < 0.5)
        # A line over the batch limit is cut before parsing, so it is an error line without its id.
        lines.append((kind, line, expected_id(item) if len(line) <= MAX_BATCH_LINE else None))
    return lines


def run(lines: list[tuple[str, str, Any]], answerer: Answerer, show: int) -> dict[str, Any]:
    conversations: dict[str, Conversation] = {}
    stats: dict[str, Counter] = defaultdict(Counter)
    examples: list[str] = []
    timings: list[float] = []
    slowest = (0.0, "")
    for kind, line, want in lines:
        s = stats[kind]
        s["lines"] += 1
        started = time.perf_counter()
        try:
            result = batch_line(answerer, line, conversations)
        except Exception as exc:
            s["crash"] += 1
            if len(examples) < show:
                examples.append(f"crash [{kind}] batch_line raised {type(exc).__name__}: {str(exc)[:120]}")
            continue
        elapsed = time.perf_counter() - started
        timings.append(elapsed)
        if elapsed > slowest[0]:
            slowest = (elapsed, f"[{kind}] {len(line)} chars")
        if result is None:
            s["violation"] += 1
            if len(examples) < show:
                examples.append(f"violation [{kind}] no output for a non-blank line")
            continue
        try:
            json.dumps(result)  # JSON at all (NaN, odd types)?
        except (ValueError, TypeError) as exc:
            s["crash"] += 1
            if len(examples) < show:
                examples.append(
                    f"crash [{kind}] the result is not JSON ({type(exc).__name__}: {str(exc)[:80]})"
                )
            continue
        try:  # exactly how run_batch writes a line
            _json_line(result).encode("utf-8")
        except UnicodeEncodeError:
            s["not_utf8"] += 1
            s["crash"] += 1
            if len(examples) < show:
                examples.append(f"crash [{kind}] the output line cannot be written as UTF-8")
        problems = []
        if not same_id(result.get("id"), want):
            problems.append(f"id {result.get('id')!r:.40} expected {want!r:.40}")
        if "error" in result:
            s["error_line"] += 1
            if set(result) != {"id", "error"}:
                problems.append("error object has extra fields")
            if str(result["error"]).startswith("internal error"):
                s["crash"] += 1
                if len(examples) < show:
                    examples.append(f"crash [{kind}] the core raised: {result['error']}")
                continue
        else:
            body = {k: v for k, v in result.items() if k != "id"}
            problems += contract_problems(body)
            s["answered"] += bool(body.get("answered"))
        if problems:
            s["violation"] += 1
            if len(examples) < show:
                examples.append(f"violation [{kind}] {'; '.join(problems)} :: {line[:100]!r}")
    ordered = sorted(timings)
    return {
        "stats": stats,
        "examples": examples,
        "p50_ms": statistics.median(ordered) * 1000 if ordered else 0.0,
        "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1000 if ordered else 0.0,
        "max_ms": ordered[-1] * 1000 if ordered else 0.0,
        "slowest": slowest[1],
    }


def run_subprocess(lines: list[tuple[str, str, Any]], knowledge: Path | None) -> tuple[bool, str]:
    """Pipe every line through the real `keibot ask --json --batch -`: exit 0, every id back in order."""
    cmd = [sys.executable, "-m", "bot.cli"]
    if knowledge:
        cmd += ["--knowledge", str(knowledge)]
    data = "".join(line + "\n" for _, line, _ in lines)
    proc = subprocess.run([*cmd, "ask", "--json", "--batch", "-"], input=data.encode("utf-8"),
                          capture_output=True, cwd=ROOT, timeout=1800)  # fmt: skip
    out = proc.stdout.decode("utf-8", errors="surrogateescape").splitlines()
    mismatched = 0
    for (_, _, want), text in zip(lines, out, strict=False):
        try:
            got = json.loads(text).get("id")
        except (ValueError, AttributeError):
            got = object()
        mismatched += not same_id(got, want)
    ok = proc.returncode == 0 and len(out) == len(lines) and not mismatched
    tail = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
    return ok, (
        f"exit {proc.returncode}, {len(out)} output lines for {len(lines)} input lines, {mismatched} with "
        f"the wrong id{'; ' + tail[0][:160] if tail[0] else ''}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--knowledge", type=Path, help="knowledge folder (default: the repository's)")
    parser.add_argument("--show", type=int, default=15, help="print up to this many failing examples")
    parser.add_argument(
        "--no-subprocess", action="store_true", help="skip piping the lines through the real batch command"
    )
    args = parser.parse_args()

    kb = load_dir(args.knowledge or ROOT / "knowledge")
    answerer = Answerer(kb)
    started = time.perf_counter()
    lines = build_lines(args.count, args.seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    result = run(lines, answerer, args.show)
    elapsed = time.perf_counter() - started

    stats = result["stats"]
    print(
        f"{'kind':16} {'lines':>6} {'answered':>9} {'errors':>7} {'not-utf8':>9} {'crashes':>8} {'violations':>11}"
    )
    total: Counter = Counter()
    for kind in sorted(stats):
        s = stats[kind]
        total.update(s)
        print(
            f"{kind:16} {s['lines']:6} {s['answered']:9} {s['error_line']:7} {s['not_utf8']:9} {s['crash']:8} "
            f"{s['violation']:11}"
        )
    print(
        f"{'total':16} {total['lines']:6} {total['answered']:9} {total['error_line']:7} {total['not_utf8']:9} "
        f"{total['crash']:8} {total['violation']:11}"
    )
    for example in result["examples"]:
        print(example)
    ok = total["crash"] == 0 and total["violation"] == 0
    if not args.no_subprocess:
        sub_ok, detail = run_subprocess(lines, args.knowledge)
        print(f"subprocess `keibot ask --json --batch -`: {'ok' if sub_ok else 'FAILED'} ({detail})")
        ok = ok and sub_ok
    print(
        f"fuzz: {total['lines']} questions (seed {args.seed}), {total['crash']} crashes, {total['violation']} "
        f"contract violations; per line p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms, "
        f"max {result['max_ms']:.1f} ms ({result['slowest']}); generated in {generated:.1f} s, run in "
        f"{elapsed:.1f} s -- {'OK' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
