"""Answer -> embeds: Discord's limits, paging without cutting words, the parts lifted out of the text."""

from __future__ import annotations

import datetime as dt
import random

import discord
import pytest

from bot.adapter.render import (
    MAX_DESCRIPTION,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_TOTAL,
    clip,
    discord_date,
    list_embeds,
    render_answer,
    split_text,
)
from bot.core.answering import Answer, UsedEntry
from bot.core.schema import Status
from bot.core.service import KnowledgeService
from bot.statemap import STATUS_COLOURS
from tests.adapter.conftest import FIXTURE_KB, TODAY


def make_answer(body: str, *, sources: int = 2, answered: bool = True, **overrides: object) -> Answer:
    """An answer whose ``body`` is given (its contract ``text`` would add sources and a footer)."""
    fields: dict[str, object] = {
        "question": "q",
        "answered": answered,
        "intent": "maintenance",
        "state": None,
        "model": None,
        "year": None,
        "entries": (UsedEntry("some-entry", "maintenance", "Some entry", 0.9),) if answered else (),
        "sources": tuple(
            {"title": f"Source {i} [draft]", "url": f"https://example.org/{i}/page_(v{i})"}
            for i in range(sources)
        ),
        "last_verified": "2026-11-25",
        "confidence": 0.9,
        "suggestions": (),
        "text": body + "\n\n**Sources**\n- ...\n\n_Last verified: 2026-11-25._",
        "body": body,
        "title": "A title",
    }
    fields.update(overrides)
    return Answer(**fields)  # type: ignore[arg-type]


def check_limits(pages: tuple[tuple[discord.Embed, ...], ...]) -> None:
    for page in pages:
        assert 1 <= len(page) <= 10
        assert sum(len(e) for e in page) <= MAX_TOTAL
        for embed in page:
            assert len(embed.description or "") <= MAX_DESCRIPTION
            assert len(embed.title or "") <= 256
            assert len(embed.fields) <= MAX_FIELDS
            for field in embed.fields:
                assert len(field.name or "") <= 256 and len(field.value or "") <= MAX_FIELD_VALUE
            assert len(embed.footer.text or "") <= 2048


def test_a_short_answer_is_one_embed_with_links_dates_and_a_plain_footer() -> None:
    body = "**Honda Acty timing belt**\nChange it every 60k miles."
    rendered = render_answer(make_answer(body))
    ((embed,),) = rendered.pages
    assert embed.description == "**Honda Acty timing belt**\nChange it every 60k miles."
    fields = {f.name: f.value for f in embed.fields}
    assert (
        fields["Sources"]
        == "- [Source 0 (draft)](https://example.org/0/page_%28v0%29)\n- [Source 1 (draft)](https://example.org/1/page_%28v1%29)"
    )
    assert fields["Last verified"] == "Nov 25, 2026"
    assert embed.footer.text == "KeiBot answers only from its curated, sourced knowledge base."
    assert embed.colour is not None and embed.colour.value == 0x5865F2
    assert rendered.primary_entry == "some-entry" and rendered.feedback


def test_legal_answers_name_the_dmv_in_the_footer_and_link_it() -> None:
    answer = make_answer(
        "Texas body.",
        intent="state_legality",
        legal=True,
        dmv=("Texas DMV", "https://www.txdmv.gov/"),
        status=Status.RESTRICTED_ROAD,
    )
    ((embed,),) = render_answer(answer).pages
    assert embed.footer.text == "Not legal advice — confirm with Texas DMV before you buy or drive."
    assert embed.description == "Texas body."
    assert {f.name: f.value for f in embed.fields}["Confirm with"] == "[Texas DMV](https://www.txdmv.gov/)"
    assert embed.colour is not None and embed.colour.value == STATUS_COLOURS[Status.RESTRICTED_ROAD]


def test_stale_warning_gets_its_own_field() -> None:
    note = "Oregon: due for review since 2026-06-20, so this may be out of date."
    ((embed,),) = render_answer(make_answer("Body.", stale=True, stale_note=note)).pages
    assert {f.name: f.value for f in embed.fields}[
        "⚠️ May be out of date"
    ] == "Oregon: due for review since 2026-06-20, so this may be out of date."
    assert "⚠️" not in (embed.description or "")


def test_did_you_mean_lists_become_buttons() -> None:
    answer = make_answer(
        "I'm not sure.\nI've logged the question.",
        answered=False,
        suggestions=("Honda Acty timing belt", "Suzuki Carry rust", "x" * 120, "fourth"),
        suggestion_ids=("acty-timing-belt", "carry-rust", "long-one", "fourth"),
    )
    rendered = render_answer(answer)
    assert rendered.pages[0][0].description == "I'm not sure.\nI've logged the question."
    assert [s[0] for s in rendered.suggestions] == ["acty-timing-belt", "carry-rust", "long-one"]
    assert len(rendered.suggestions[2][1]) == 80 and rendered.suggestions[2][1].endswith("…")
    assert not rendered.feedback
    assert rendered.pages[0][0].colour is not None and rendered.pages[0][0].colour.value == 0x4F545C


@pytest.mark.parametrize("seed", range(6))
def test_long_answers_page_within_every_limit_without_cutting_words(seed: int) -> None:
    rng = random.Random(seed)
    words = [f"w{i}-" + "x" * rng.randint(1, 14) for i in range(rng.randint(1500, 4000))]
    pieces: list[str] = []
    for word in words:
        pieces.append(word)
        pieces.append(rng.choice([" ", " ", " ", " ", "\n", "\n\n", "\n- "]))
    text = "".join(pieces).strip()
    n_sources = rng.randint(0, 60)
    rendered = render_answer(make_answer(text, sources=n_sources))
    check_limits(rendered.pages)
    assert len(rendered.pages) >= 2
    total = len(rendered.pages)
    for number, page in enumerate(rendered.pages, start=1):
        assert page[-1].footer.text is not None and page[-1].footer.text.endswith(f"page {number}/{total}")
    descriptions = " ".join(page[0].description or "" for page in rendered.pages)
    assert [w for w in descriptions.split() if w.startswith("w")] == words
    shown_sources = [
        line
        for page in rendered.pages
        for embed in page
        for f in embed.fields
        if (f.name or "").startswith("Sources")
        for line in (f.value or "").splitlines()
    ]
    assert sorted(shown_sources) == sorted(
        f"- [Source {i} (draft)](https://example.org/{i}/page_%28v{i}%29)" for i in range(n_sources)
    )


def test_every_source_is_shown_somewhere_even_when_there_are_many() -> None:
    answer = make_answer("Body.", sources=80)
    rendered = render_answer(answer)
    check_limits(rendered.pages)
    lines = [
        line
        for page in rendered.pages
        for e in page
        for f in e.fields
        if f.name.startswith("Sources")
        for line in (f.value or "").splitlines()
    ]
    assert len(lines) == 80
    assert any(f.name == "More sources" for f in rendered.pages[0][0].fields)


def test_split_text_prefers_paragraphs_then_lines_then_spaces_and_marks_a_forced_cut() -> None:
    text = "aaa bbb\n\nccc ddd\neee fff"
    assert split_text(text, 10, 10) == ["aaa bbb", "ccc ddd", "eee fff"]
    assert split_text("one two three four", 9, 9) == ["one two", "three", "four"]
    chunks = split_text("x" * 25, 10, 10)
    assert all(len(c) <= 10 for c in chunks) and chunks[0].endswith("…")
    assert "".join(c.rstrip("…") for c in chunks) == "x" * 25


def test_real_answers_from_the_fixture_kb_render_within_limits() -> None:
    service = KnowledgeService(FIXTURE_KB, clock=lambda: TODAY)
    for question in (
        "is it legal in texas?",
        "is it legal in oregon?",
        "which states allow kei trucks",
        "xyzzy",
        "belt or 4wd?",
        "can I import a 2001 carry",
    ):
        rendered = render_answer(service.answer(question))
        check_limits(rendered.pages)
        description = rendered.pages[0][0].description or ""
        assert "**Sources**" not in description and "_Last verified" not in description


def test_helpers() -> None:
    assert clip("hello world again", 12) == "hello world…"
    assert clip("short", 12) == "short"
    assert discord_date(dt.date(2026, 11, 25)) == "Nov 25, 2026"
    embeds = list_embeds("T", [f"line {i} " + "y" * 90 for i in range(200)])
    assert sum(len(e) for e in embeds) <= MAX_TOTAL and len(embeds) <= 10
    assert (embeds[-1].description or "").endswith("more.")
