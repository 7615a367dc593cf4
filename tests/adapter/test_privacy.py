"""Issue 12 #1: per-server views stay in their server; bot-wide curator actions need a curator.

Anyone can create a server, invite the bot and hold Manage Server there. That must show them their own
server's gaps and stats only: never another server's questions, DMs, private /ask questions or reports,
and it must not let them reload the knowledge base for everyone.
"""

from __future__ import annotations

import dataclasses

import discord
import pytest

from bot.adapter.client import KeiBot
from bot.storage import Feedback, QuestionRecord
from tests.adapter.conftest import ADMIN, ALICE, GUILD, OTHER_CHANNEL, OWNER
from tests.adapter.discord_harness import MANAGE_GUILD, Harness, snowflake

ATTACKER_GUILD = 730_000_000_000_000_001
ATTACKER_CHANNEL = 730_000_000_000_000_002
ATTACKER = 730_000_000_000_000_003
HOME_GUILD = 740_000_000_000_000_001
HOME_CHANNEL = 740_000_000_000_000_002
CURATOR_ROLE = 740_000_000_000_000_003
CURATOR = 740_000_000_000_000_004


async def seed(bot: KeiBot) -> None:
    """Private data from GUILD and from a DM, and one harmless question in the attacker's own server."""
    await bot.storage.log_question(
        QuestionRecord("secret guild question zork", guild_id=GUILD, user_id=ALICE)
    )
    await bot.storage.log_question(QuestionRecord("private dm question plugh", guild_id=None, user_id=ALICE))
    await bot.storage.log_question(
        QuestionRecord("own server question xyzzy", guild_id=ATTACKER_GUILD, user_id=ATTACKER)
    )
    await bot.storage.log_question(
        QuestionRecord("q", entry_id="state-tx", answered=True, confidence=0.9, guild_id=GUILD)
    )
    await bot.storage.record_feedback(
        Feedback("state-tx", ALICE, "outdated", reason="guild report frotz", guild_id=GUILD)
    )
    await bot.storage.record_feedback(Feedback("state-tx", ALICE, "outdated", reason="dm report grue"))


async def slash(h: Harness, command: str, user: int, guild: int, channel: int, **options: object):
    h.recorder.clear()
    payload = h.slash(
        command, user_id=user, guild_id=guild, channel_id=channel, permissions=MANAGE_GUILD, **options
    )
    if user == CURATOR:
        payload["member"]["roles"] = [str(CURATOR_ROLE)]
    await h.dispatch(payload)
    return h.recorder.last()


@pytest.fixture
def curated(harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch) -> Harness:
    harness.add_guild(ATTACKER_GUILD, text_channels=[ATTACKER_CHANNEL])
    home = harness.add_guild(HOME_GUILD, text_channels=[HOME_CHANNEL])
    home._add_role(  # the curator role, as the gateway's GUILD_CREATE would list it
        discord.Role(
            guild=home,
            state=bot._connection,
            data={"id": str(CURATOR_ROLE), "name": "curator", "permissions": "0", "position": 1},
        )
    )
    monkeypatch.setattr(
        bot,
        "settings",
        dataclasses.replace(
            bot.settings, curator_guild_id=HOME_GUILD, curator_role_ids=frozenset({CURATOR_ROLE})
        ),
    )
    return harness


async def test_gaps_in_another_server_show_only_that_servers_questions(curated: Harness, bot: KeiBot) -> None:
    await seed(bot)
    sent = await slash(curated, "kb gaps", ATTACKER, ATTACKER_GUILD, ATTACKER_CHANNEL)
    text = sent.text()
    assert "own server question xyzzy" in text
    assert "zork" not in text and "plugh" not in text


async def test_stats_in_another_server_show_no_other_servers_hits_or_reports(
    curated: Harness, bot: KeiBot
) -> None:
    await seed(bot)
    text = (await slash(curated, "kb stats", ATTACKER, ATTACKER_GUILD, ATTACKER_CHANNEL)).text()
    assert "state-tx" not in text and "frotz" not in text and "grue" not in text
    own = (await slash(curated, "kb stats", ADMIN, GUILD, OTHER_CHANNEL)).text()
    assert "`state-tx`: 1 hits" in own and "frotz" in own
    assert "grue" not in own  # a report sent from a DM belongs to no server


@pytest.mark.parametrize("command", ["kb gaps", "kb stats"])
async def test_bot_wide_views_are_refused_to_a_server_admin(
    curated: Harness, bot: KeiBot, command: str
) -> None:
    await seed(bot)
    sent = await slash(curated, command, ATTACKER, ATTACKER_GUILD, ATTACKER_CHANNEL, scope="all")
    assert sent.ephemeral and "only for the bot's curators" in sent.content
    assert "zork" not in sent.text() and "plugh" not in sent.text()


async def test_a_server_admin_cannot_reload_for_everyone(curated: Harness, bot: KeiBot, kb_dir) -> None:
    (kb_dir / "states" / "tx.yaml").unlink(missing_ok=True)
    before = len(bot.service.kb)
    sent = await slash(curated, "kb reload", ATTACKER, ATTACKER_GUILD, ATTACKER_CHANNEL)
    assert "only for the bot's curators" in sent.content
    assert len(bot.service.kb) == before
    # the same role held in a server that is not the home server counts for nothing
    payload = curated.slash(
        "kb reload",
        user_id=ATTACKER,
        guild_id=ATTACKER_GUILD,
        channel_id=ATTACKER_CHANNEL,
        permissions=MANAGE_GUILD,
    )
    payload["member"]["roles"] = [str(CURATOR_ROLE)]
    curated.recorder.clear()
    await curated.dispatch(payload)
    assert "only for the bot's curators" in curated.recorder.last().content


async def test_owners_and_home_server_curators_get_the_bot_wide_views(curated: Harness, bot: KeiBot) -> None:
    await seed(bot)
    for user, guild, channel in (
        (OWNER, ATTACKER_GUILD, ATTACKER_CHANNEL),
        (CURATOR, HOME_GUILD, HOME_CHANNEL),
    ):
        text = (await slash(curated, "kb gaps", user, guild, channel, scope="all")).text()
        assert "zork" in text and "plugh" in text and "xyzzy" in text and "all servers and DMs" in text
        stats = (await slash(curated, "kb stats", user, guild, channel, scope="all")).text()
        assert "frotz" in stats and "grue" in stats
    reloaded = await slash(curated, "kb reload", CURATOR, HOME_GUILD, HOME_CHANNEL)
    assert reloaded.embeds[0]["title"] == "Knowledge base reloaded"


async def test_a_curator_role_needs_no_manage_server_in_the_home_server(curated: Harness) -> None:
    curated.recorder.clear()
    payload = curated.slash(
        "kb gaps", user_id=CURATOR, guild_id=HOME_GUILD, channel_id=HOME_CHANNEL, scope="all"
    )
    payload["member"]["roles"] = [str(CURATOR_ROLE)]
    await curated.dispatch(payload)
    assert curated.recorder.last().embeds[0]["title"].startswith("Unanswered")
    member = curated.slash("kb gaps", user_id=snowflake(), guild_id=HOME_GUILD, channel_id=HOME_CHANNEL)
    curated.recorder.clear()
    await curated.dispatch(member)
    assert curated.recorder.last().content == "You need the Manage Server permission to use that."
