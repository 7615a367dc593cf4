"""The README's knowledge-base numbers are the knowledge base's numbers."""

from __future__ import annotations

import re

from bot.core.knowledge import KnowledgeBase
from tests.data.kb_counts import ROOT, count, is_official


def _readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## The knowledge base")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_readme_counts_match_the_knowledge_base(real_kb: KnowledgeBase) -> None:
    section = " ".join(_readme_section().split())
    counts = count(real_kb)
    entries = re.search(r"\*\*(\d+) entries\*\*", section)
    unclear = re.search(r"\*\*(\d+) of (\d+)\*\* jurisdictions .*? \"unclear\"", section)
    official = re.search(r"\*\*(\d+) of (\d+)\*\* state entries cite", section)
    assert entries and unclear and official, "README knowledge-base section lost its counts"
    assert int(entries.group(1)) == counts.entries
    assert (int(unclear.group(1)), int(unclear.group(2))) == (counts.unclear, counts.states)
    assert (int(official.group(1)), int(official.group(2))) == (counts.official, counts.states)


def test_official_means_a_government_host() -> None:
    assert is_official("https://code.wvlegislature.gov/17A-13-1")
    assert is_official("http://legisweb.state.wy.us/statutes/titles/Title31/Title31.htm")
    assert not is_official("https://legiscan.com/WV/text/SB690/id/2150451")
    assert not is_official("https://worldpopulationreview.com/state-rankings/kei-truck-legal-states")
    assert not is_official("https://www.iihs.org/iihs/topics/laws/minitrucks")
