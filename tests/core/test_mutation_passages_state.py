"""How entries are cut into passages, pinned exactly: the state parts' headings, labels and lines, what a state's
body leaves out, and a general entry's lead (the survivors of a mutation run over bot/core/passages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import passages
from bot.core.knowledge import KnowledgeBase, load_dir
from bot.core.schema import Kind


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_dir(Path(__file__).resolve().parents[2] / "knowledge")


def _rich_state(kb: KnowledgeBase):  # a state entry with every kind of part
    return next(
        e
        for e in kb.entries
        if e.kind is Kind.STATE_RULE
        and e.summary
        and e.agreement
        and e.dmv
        and e.dmv.ask_for
        and any(law.date and law.note for law in e.laws)
        and any(change.pending for change in e.changes)
        and any(not change.pending for change in e.changes)
    )


def test_a_state_entry_is_cut_into_its_labelled_parts(kb: KnowledgeBase) -> None:
    entry = _rich_state(kb)
    cut = passages.cut(entry)
    assert cut.lead == f"**{entry.title}: {entry.status.label}.** {entry.summary}"
    body = [(p.heading, p.text) for p in cut.passages[: cut.facts_from]]
    facts = [(p.heading, p.text) for p in cut.passages[cut.facts_from :]]
    assert body and not any(text.startswith(("**Short answer:**", "Confirm with")) for _, text in body)
    for key, value in entry.conditions.model_dump().items():
        if value:
            assert ("**Conditions**", f"- **{key.replace('_', ' ').capitalize()}:** {value}") in facts
    for law in entry.laws:
        line = (
            f"- {law.name}" + (f" ({law.date})" if law.date else "") + (f": {law.note}" if law.note else "")
        )
        assert ("**Law / policy**", line) in facts
    for change in entry.changes:
        assert (
            "**Pending**" if change.pending else "**History**",
            f"- {change.date}: {change.what}",
        ) in facts
    assert ("", f"**Do sources agree?** {entry.agreement}") in facts
    who = f"**Who to ask:** {entry.dmv.name} <{entry.dmv.url}>. Ask them: {entry.dmv.ask_for}"
    assert ("", who) in facts
    assert len(facts) == (
        sum(1 for v in entry.conditions.model_dump().values() if v) + len(entry.laws) + len(entry.changes) + 2
    )


def test_a_state_part_carries_the_cue_words_of_what_it_is(kb: KnowledgeBase) -> None:
    entry = _rich_state(kb)
    cut = passages.cut(entry)
    conditions, sections = passages.state_topics()
    by_text = {p.text: p for p in cut.passages}
    key, value = next((k, v) for k, v in entry.conditions.model_dump().items() if v and conditions.get(k))
    condition = by_text[f"- **{key.replace('_', ' ').capitalize()}:** {value}"]
    cue_tokens = set(passages.content_tokens(passages.normalise(" ".join(conditions[key]))))
    assert cue_tokens <= condition.tokens
    law = next(p for p in cut.passages if p.heading == "**Law / policy**")
    assert set(passages.content_tokens(passages.normalise(sections["law"]))) <= law.tokens
    pending = next(p for p in cut.passages if p.heading == "**Pending**")
    assert set(passages.content_tokens(passages.normalise(sections["pending"]))) <= pending.tokens
    history = next(p for p in cut.passages if p.heading == "**History**")
    assert set(passages.content_tokens(passages.normalise(sections["history"]))) <= history.tokens
    # a body passage gets no cue words of its own
    first = cut.passages[0]
    assert first.tokens == frozenset(
        passages.content_tokens(passages.normalise(f"{first.heading} {first.text} "))
    )


def test_a_general_entrys_bold_opening_is_its_lead_and_its_blocks_are_passages(kb: KnowledgeBase) -> None:
    entry = next(
        e
        for e in kb.entries
        if e.kind is not Kind.STATE_RULE
        and e.body.strip().startswith("**")
        and e.body.strip().split("\n\n")[0].rstrip().endswith("**")
    )
    cut = passages.cut(entry)
    opening = entry.body.strip().split("\n\n")[0].strip()
    assert cut.lead == opening
    assert cut.facts_from == len(cut.passages)
    # an opening that is not bold is joined with the summary; a first block that is a list is a section
    plain = entry.model_copy(
        update={"body": "Plain opening.\n\n**Part**\n- item one\n- item two", "summary": "A summary."}
    )
    plain_cut = passages.cut(plain)
    assert plain_cut.lead == "Plain opening.\nA summary."
    assert [(p.heading, p.text) for p in plain_cut.passages] == [
        ("**Part**", "- item one"),
        ("**Part**", "- item two"),
    ]
    listed = entry.model_copy(update={"body": "- first item\n\nA paragraph.", "summary": "A summary."})
    listed_cut = passages.cut(listed)
    assert listed_cut.lead == "A summary."
    assert [p.text for p in listed_cut.passages] == ["- first item", "A paragraph."]


def test_a_heading_asking_its_own_question_keeps_only_its_own_words(kb: KnowledgeBase) -> None:
    assert passages._sub_question(
        "**Lost the export certificate?**", frozenset({"export", "certificat"})
    ) == {"lost"}
    assert passages._sub_question("**Lost the export certificate?** ", frozenset()) >= {"lost", "export"}
    assert passages._sub_question("**Translation**", frozenset()) == frozenset()
