"""Issue 13: surface defects a new user and a server admin hit, driven through the real CommandTree and
message handlers on the tiny fixture knowledge base (the real-KB cases are in test_surface_real_kb.py)."""

from __future__ import annotations

import dataclasses
import logging

import discord
import pytest

from bot.adapter.client import KeiBot
from bot.adapter.limits import CONVERSATION_IDLE
from bot.adapter.render import drop_repeated_heading
from bot.adapter.runner import run_bot
from bot.config import Secret
from bot.core.places import STATE_NAMES
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, ANSWER_CHANNEL, BOB, GUILD, OTHER_CHANNEL, ROOT
from tests.adapter.discord_harness import Harness, patch_login

# Misspellings people type for each state (letters dropped, doubled, swapped, spelled by ear).
MISSPELLINGS = {
    "AL": "alabamma", "AK": "alsaka", "AZ": "arizonia", "AR": "arkansaw", "CA": "califronia",
    "CO": "colarado", "CT": "conneticut", "DE": "deleware", "DC": "distric of columbia", "FL": "florda",
    "GA": "gorgia", "HI": "hawii", "ID": "idahoe", "IL": "illinios", "IN": "indianna", "IA": "iowah",
    "KS": "kanasas", "KY": "kentuky", "LA": "louisanna", "ME": "maien", "MD": "maryand",
    "MA": "massachusets", "MI": "michagan", "MN": "minnasota", "MS": "missisipi", "MO": "misouri",
    "MT": "montanna", "NE": "nebraksa", "NV": "nevade", "NH": "new hamshire", "NJ": "new jersy",
    "NM": "new mexcio", "NY": "new yrok", "NC": "north carolna", "ND": "north dakotah", "OH": "ohoi",
    "OK": "oklahomma", "OR": "oregan", "PA": "pensylvania", "RI": "road island", "SC": "south carolia",
    "SD": "south dakoda", "TN": "tennesee", "TX": "texs", "UT": "uath", "VT": "vermount", "VA": "virgina",
    "WA": "washingon", "WV": "west virgina", "WI": "wisconson", "WY": "wyomming",
}  # fmt: skip


async def slash(h: Harness, command: str, *, user: int = ALICE, channel: int = OTHER_CHANNEL, **options):
    h.recorder.clear()
    await h.dispatch(h.slash(command, user_id=user, guild_id=GUILD, channel_id=channel, **options))
    return h.recorder.last()


async def autocomplete(h: Harness, command: str, option: str, typed: str) -> list[str]:
    h.recorder.clear()
    await h.dispatch(
        h.slash(
            command,
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            focused=option,
            **{option: typed},
        )
    )
    (sent,) = [s for s in h.recorder.sent if s.callback_type == 8]
    return [c["value"] for c in sent.payload["data"]["choices"]]


# #1 ---------------------------------------------------------------------------------------------------


async def test_last_verified_is_a_calendar_date_not_a_timestamp(harness: Harness) -> None:
    sent = await slash(harness, "ask", question="is a kei truck legal in texas?")
    fields = {f["name"]: f["value"] for f in sent.embeds[0]["fields"]}
    assert fields["Last verified"] == "Nov 25, 2026"  # the entry's 2026-11-25, whatever the reader's zone
    assert "<t:" not in str(sent.embeds)


# #3 ---------------------------------------------------------------------------------------------------


async def test_the_heading_is_not_repeated_in_bold_under_the_title(harness: Harness, bot: KeiBot) -> None:
    sent = await slash(harness, "ask", question="is a kei truck legal in texas?")
    (embed,) = sent.embeds
    assert embed["title"].startswith("Texas: ")
    assert not embed["description"].startswith(f"**{embed['title']}"), embed["description"][:120]
    assert "Test summary for Texas." in embed["description"]


def test_only_a_bold_lead_that_repeats_the_title_is_dropped() -> None:
    title = "Texas: Road use allowed (no kei-specific restrictions found)"
    body = f"**{title}.** Yes. Texas titles and registers them."
    assert drop_repeated_heading(body, title) == "Yes. Texas titles and registers them."
    lead = "**Replace the timing belt as soon as you get the truck.** More."
    assert drop_repeated_heading(lead, "Acty timing belt") == lead  # a lead paragraph is content
    assert drop_repeated_heading(f"**{title}**", title) == f"**{title}**"  # never an empty description


# #5 ---------------------------------------------------------------------------------------------------


async def test_a_public_ask_inside_the_cooldown_is_answered_privately(harness: Harness, bot: KeiBot) -> None:
    first = await slash(harness, "ask", question="timing belt on an acty", share=True)
    assert not first.ephemeral and first.embeds
    second = await slash(harness, "ask", question="rust on a carry", share=True)
    assert second.ephemeral, "not posted in the channel"
    assert second.embeds and "Slow down" not in second.content, "but answered, not refused"
    assert "just for you" in second.content


# #6 ---------------------------------------------------------------------------------------------------


async def test_autocomplete_puts_mississippi_first_for_missisipi(harness: Harness) -> None:
    assert (await autocomplete(harness, "state", "state", "missisipi"))[0] == "MS"


async def test_autocomplete_ranks_the_intended_state_first_for_common_misspellings(harness: Harness) -> None:
    assert set(MISSPELLINGS) == set(STATE_NAMES)
    wrong = {}
    for code, typed in MISSPELLINGS.items():
        values = await autocomplete(harness, "state", "state", typed)
        if not values or values[0] != code:
            wrong[typed] = values[:3]
    assert not wrong, wrong


async def test_autocomplete_prefixes_and_truck_typos_still_work(harness: Harness) -> None:
    assert (await autocomplete(harness, "state", "state", "tex"))[0] == "TX"
    assert (await autocomplete(harness, "state", "state", "ok"))[0] == "OK"
    assert await autocomplete(harness, "state", "state", "xyzzy") == []
    assert (await autocomplete(harness, "truck", "model", "actty"))[0] == "Honda Acty"


# #7 ---------------------------------------------------------------------------------------------------


async def test_zero_width_characters_inside_words_are_dropped(harness: Harness) -> None:
    sent = await slash(harness, "ask", question="is a kei truck legal in te\u200bxas?")
    assert sent.embeds[0]["title"].startswith("Texas")


async def test_a_zero_width_question_in_an_answer_channel_is_answered(harness: Harness, bot: KeiBot) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, answer_channel_ids=frozenset({ANSWER_CHANNEL})))
    harness.recorder.clear()
    await harness.message(
        "is a kei truck legal in te\u200bx\u200cas?", user_id=BOB, channel_id=ANSWER_CHANNEL, guild_id=GUILD
    )
    (reply,) = harness.recorder.replies()
    assert reply.embeds[0]["title"].startswith("Texas")


# #13 --------------------------------------------------------------------------------------------------


async def test_no_voice_warnings_at_start(
    token_settings_factory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("discord.client")
    monkeypatch.setattr(logger, "filters", [])
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True, raising=False)
    with caplog.at_level(logging.WARNING):
        discord.Client(intents=discord.Intents.none())  # without the filter discord.py warns
    assert any("voice will NOT be supported" in r.getMessage() for r in caplog.records), "control"
    caplog.clear()
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True, raising=False)
    patch_login(monkeypatch, discord.LoginFailure("Improper token has been passed."))
    with caplog.at_level(logging.WARNING):
        assert await run_bot(token_settings_factory()) == 1
    assert not [r.getMessage() for r in caplog.records if "voice" in r.getMessage()]


@pytest.fixture
def token_settings_factory(settings):
    return lambda: dataclasses.replace(
        settings,
        discord_token=Secret("MTIz.fake.token"),
        dev_guild_id=None,
        knowledge_dir=ROOT / "knowledge",  # a complete tree, so the start gets as far as the login
    )


# #14 --------------------------------------------------------------------------------------------------


async def test_new_forgets_the_conversation_in_this_channel(harness: Harness, bot: KeiBot) -> None:
    await slash(harness, "ask", question="is a kei truck legal in texas?")
    assert bot.conversations.get(ALICE, OTHER_CHANNEL).turns == 1
    sent = await slash(harness, "new")
    assert sent.ephemeral and sent.content.startswith("Starting over.")
    assert sent.allowed_mentions == {"parse": []}
    assert bot.conversations.get(ALICE, OTHER_CHANNEL).turns == 0
    again = await slash(harness, "new")
    assert again.content.startswith("Nothing to forget")


async def test_new_leaves_other_channels_and_users_alone(harness: Harness, bot: KeiBot) -> None:
    await slash(harness, "ask", question="is a kei truck legal in texas?")
    await slash(harness, "ask", question="is a kei truck legal in texas?", user=BOB)
    await slash(harness, "new")
    assert bot.conversations.get(BOB, OTHER_CHANNEL).turns == 1


async def test_a_conversation_ends_after_ten_idle_minutes(harness: Harness, bot: KeiBot, clock) -> None:
    assert CONVERSATION_IDLE == 10 * 60
    await slash(harness, "ask", question="is a kei truck legal in texas?")
    clock.advance(9 * 60)
    assert bot.conversations.get(ALICE, OTHER_CHANNEL).turns == 1
    clock.advance(CONVERSATION_IDLE + 1)
    assert bot.conversations.get(ALICE, OTHER_CHANNEL).turns == 0
