"""Counts the README quotes for the knowledge base: entries, unclear states, states citing an official page.

Run ``python -m tests.data.kb_counts`` from the repository root to print them; ``test_readme_counts`` checks
that the README's knowledge-base section says the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.knowledge import KnowledgeBase, load_dir
from bot.core.schema import Kind, Status

ROOT = Path(__file__).resolve().parent.parent.parent
OFFICIAL_SUFFIXES = (".gov", ".us", ".mil")


@dataclass(frozen=True)
class Counts:
    entries: int
    states: int
    unclear: int
    official: int


def is_official(url: str) -> bool:
    """A government host: the agency's, legislature's or court's own site (.gov, .us, .mil)."""
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(OFFICIAL_SUFFIXES)


def count(kb: KnowledgeBase) -> Counts:
    states = [e for e in kb.entries if e.kind == Kind.STATE_RULE]
    unclear = sum(1 for e in states if e.status == Status.UNCLEAR)
    official = sum(1 for e in states if any(is_official(str(s.url)) for s in e.sources))
    return Counts(entries=len(kb.entries), states=len(states), unclear=unclear, official=official)


def main() -> None:
    c = count(load_dir(ROOT / "knowledge"))
    print(
        f"{c.entries} entries; {c.unclear} of {c.states} jurisdictions unclear; "
        f"{c.official} of {c.states} state entries cite an official page"
    )


if __name__ == "__main__":
    main()
