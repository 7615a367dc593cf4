"""Issue 13 on the real knowledge base, through the real CommandTree: /truck for a twin model (#9) and a
build year without a month in the 25th anniversary month (#12), with the clock injected at 2026-12-06."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.service import KnowledgeService
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL, ROOT
from tests.adapter.discord_harness import Harness

DECEMBER = dt.date(2026, 12, 6)


@pytest.fixture
def kb_dir() -> Path:
    return ROOT / "knowledge"  # read only


@pytest.fixture
def service(kb_dir: Path) -> KnowledgeService:
    return KnowledgeService(kb_dir, clock=lambda: DECEMBER)


async def slash(h: Harness, command: str, **options: object):
    h.recorder.clear()
    await h.dispatch(h.slash(command, user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, **options))
    return h.recorder.last()


# #9 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["Scrum", "Mazda Scrum", "autozam scrum"])
async def test_truck_scrum_answers_with_the_scrum_entry_first(harness: Harness, model: str) -> None:
    sent = await slash(harness, "truck", model=model)
    (embed,) = sent.embeds
    assert embed["title"] == "Mazda / Autozam Scrum truck - a rebadged Suzuki Carry"
    assert "Suzuki Carry" in embed["description"], "the twin relation is explained"
    assert "kb:full:model-mazda-scrum" in sent.custom_ids or "kb:vote:up:model-mazda-scrum" in sent.custom_ids


async def test_truck_overview_topic_is_the_same_as_no_topic(harness: Harness) -> None:
    sent = await slash(harness, "truck", model="Scrum", topic="overview")
    assert sent.embeds[0]["title"] == "Mazda / Autozam Scrum truck - a rebadged Suzuki Carry"


@pytest.mark.parametrize(
    ("model", "title_start"),
    [
        ("Carry", "Suzuki Carry"),
        ("Acty", "Honda Acty"),
        ("Clipper", "Nissan Clipper"),
        ("DA63T", "Carry 2002-2013 (DA63T"),  # a chassis code: its own generation's sheet
    ],
)
async def test_truck_without_a_topic_gives_the_models_own_overview(
    harness: Harness, model: str, title_start: str
) -> None:
    sent = await slash(harness, "truck", model=model)
    assert sent.embeds[0]["title"].startswith(title_start)


async def test_a_twin_with_a_topic_says_how_it_relates_to_the_truck_it_is_built_on(harness: Harness) -> None:
    sent = await slash(harness, "truck", model="Scrum", topic="timing belt")
    assert sent.embeds
    assert sent.content.startswith("Mazda Scrum: Mazda / Autozam Scrum truck - a rebadged Suzuki Carry.")
    plain = await slash(harness, "truck", model="Acty", topic="timing belt")
    assert plain.content == "", "no note for a model that is not a twin"


# #12 --------------------------------------------------------------------------------------------------

HEDGED = "eligible once it is 25 years from its build month"


async def test_import_check_with_a_year_only_in_its_anniversary_month_is_hedged(harness: Harness) -> None:
    sent = await slash(harness, "import-check", year=2001)
    text = sent.embeds[0]["description"]
    assert HEDGED in text
    assert "25-year rule (NHTSA / FMVSS): eligible.**" not in text


async def test_ask_can_i_import_a_2001_carry_in_december_2026_is_hedged(harness: Harness) -> None:
    sent = await slash(harness, "ask", question="can i import a 2001 carry")
    assert HEDGED in sent.embeds[0]["description"]


async def test_a_known_month_or_an_older_year_is_plainly_eligible(harness: Harness) -> None:
    november = await slash(harness, "import-check", year=2001, month=11)
    assert "25-year rule (NHTSA / FMVSS): eligible.**" in november.embeds[0]["description"]
    older = await slash(harness, "import-check", year=2000)
    assert "25-year rule (NHTSA / FMVSS): eligible.**" in older.embeds[0]["description"]
    assert HEDGED not in older.embeds[0]["description"]


# other vehicles (fourteenth session) ---------------------------------------------------------------------


async def test_a_utv_reply_does_not_stand_for_the_states_kei_answer(harness: Harness) -> None:
    """A question about an ATV in Michigan gets the scope line and Michigan's ATV lines, which is no answer from
    the Michigan card: a kei question about Michigan right after it, by another user, gets the card's answer in
    public, not "I answered that here a moment ago" pointing at the ATV reply (review 20)."""
    from bot.storage import GuildSettings
    from tests.adapter.conftest import BOB

    await harness.bot.save_guild_settings(
        GuildSettings(GUILD, ephemeral_default=False, user_cooldown_seconds=0)
    )
    atv = await slash(harness, "ask", question="can my kid ride his atv on the county road in michigan?")
    assert not atv.ephemeral and "ATVs / ORVs" in atv.embeds[0]["description"]
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "ask", user_id=BOB, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="are kei trucks legal in michigan?"
        )
    )
    kei = harness.recorder.last()
    assert not kei.ephemeral and "moment ago" not in (kei.content or "")
    assert kei.embeds[0]["title"].startswith("Michigan")


async def test_another_vehicles_rules_are_posted_in_an_answer_channel(harness: Harness) -> None:
    """In an answer channel an off-topic question gets no reply, but a question about an ATV in Michigan gets the
    scope line with Michigan's ATV lines: it quotes a sourced entry (review 20 asked this be decided and pinned)."""
    from bot.storage import GuildSettings
    from tests.adapter.conftest import ANSWER_CHANNEL

    await harness.bot.save_guild_settings(
        GuildSettings(GUILD, answer_channel_ids=frozenset({ANSWER_CHANNEL}), user_cooldown_seconds=0)
    )
    harness.recorder.clear()
    await harness.message(
        "can my kid ride his atv on the county road in michigan?", user_id=ALICE, channel_id=ANSWER_CHANNEL,
        guild_id=GUILD,
    )
    (reply,) = harness.recorder.channel_messages()
    assert "ATVs / ORVs" in reply.embeds[0]["description"]
    harness.recorder.clear()
    await harness.message(
        "what is the best laptop for gaming", user_id=ALICE, channel_id=ANSWER_CHANNEL, guild_id=GUILD
    )
    assert harness.recorder.channel_messages() == []
