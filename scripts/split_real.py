"""Split the harvested real owner questions (eval/real/harvest-*.jsonl) into a working set (two thirds)
and a held-out set (one third), by a hash of each id, so the split never changes as questions are added.

    python scripts/split_real.py   # writes eval/real/work.jsonl and eval/real/heldout.jsonl

Read the held-out set's scores, never its questions, while tuning.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "eval" / "real"


def held_out(item_id: str) -> bool:
    return int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % 3 == 0


def main() -> None:
    work, heldout = [], []
    for path in sorted(REAL.glob("harvest-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                (heldout if held_out(item["id"]) else work).append(line)
    (REAL / "work.jsonl").write_text("".join(f"{line}\n" for line in work), encoding="utf-8")
    (REAL / "heldout.jsonl").write_text("".join(f"{line}\n" for line in heldout), encoding="utf-8")
    print(f"{len(work)} working, {len(heldout)} held out")


if __name__ == "__main__":
    main()
