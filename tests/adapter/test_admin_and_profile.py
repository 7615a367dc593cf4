"""/profile, the admin commands (/kb, /why, /settings), the owner's sync command, and the error ladder."""

from __future__ import annotations

import datetime as dt
import logging

import discord
import pytest

from bot.adapter.client import KeiBot
from bot.adapter.errors import safe_reply
from bot.storage import Feedback, GuildSettings, Profile, QuestionRecord
from tests.adapter.conftest import ADMIN, ALICE, ANSWER_CHANNEL, BOB, FORUM, GUILD, OTHER_CHANNEL, OWNER
from tests.adapter.discord_harness import APP_ID, MANAGE_GUILD, ChannelRef, Harness, snowflake

NO_PINGS = {"parse": []}


async def run(
    h: Harness,
    command: str,
    *,
    user: int = ALICE,
    guild: int | None = GUILD,
    in_channel: int = OTHER_CHANNEL,
    permissions: discord.Permissions | None = None,
    **options: object,
):
    h.recorder.clear()
    extra = {"permissions": permissions} if permissions is not None else {}
    await h.dispatch(
        h.slash(command, user_id=user, guild_id=guild, channel_id=in_channel, **extra, **options)
    )
    return h.recorder.last()


# ------------------------------------------------------------------------------------------ /profile


async def test_profile_set_show_clear_round_trip_through_storage(harness: Harness, bot: KeiBot) -> None:
    sent = await run(harness, "profile set", home_state="Pennsylvania", truck="HA4", year=1995)
    assert sent.ephemeral and sent.allowed_mentions == NO_PINGS
    assert await bot.storage.get_profile(ALICE) == Profile(
        ALICE, home_state="PA", model="Honda Acty", year=1995
    )
    assert (
        "Pennsylvania (PA)" in sent.embeds[0]["description"] and "Honda Acty" in sent.embeds[0]["description"]
    )
    await run(harness, "profile set", truck="scrum")  # only the truck changes
    assert await bot.storage.get_profile(ALICE) == Profile(
        ALICE, home_state="PA", model="Mazda Scrum", year=1995
    )
    shown = await run(harness, "profile show")
    assert "Mazda Scrum" in shown.embeds[0]["description"]
    await run(harness, "profile clear")
    assert await bot.storage.get_profile(ALICE) == Profile(ALICE)
    assert "empty" in (await run(harness, "profile show")).embeds[0]["description"]


async def test_profile_rejects_unknown_values_and_empty_calls(harness: Harness, bot: KeiBot) -> None:
    assert (await run(harness, "profile set", home_state="Atlantis")).content.startswith(
        "I don't know that state"
    )
    assert (await run(harness, "profile set", truck="Cybertruck")).content.startswith(
        "I don't know that truck"
    )
    assert (await run(harness, "profile set")).content == "Give at least one of home_state, truck or year."
    assert await bot.storage.get_profile(ALICE) is None


async def test_profile_fills_my_state_end_to_end(harness: Harness) -> None:
    """The issue's profile-filled answer: "is it legal in my state?" after /profile home_state."""
    before = await run(harness, "ask", question="is it legal in my state?")
    assert not before.embeds[0]["title"].startswith("Pennsylvania")
    await run(harness, "profile set", home_state="PA")
    after = await run(harness, "ask", question="is it legal in my state?")
    assert after.embeds[0]["title"].startswith("Pennsylvania")
    assert "Test summary for Pennsylvania." in after.embeds[0]["description"]
    assert after.embeds[0]["footer"]["text"].startswith("Not legal advice — confirm with PennDOT")


# ------------------------------------------------------------------------------------------ permissions


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("kb reload", {}),
        ("kb stale", {}),
        ("kb gaps", {}),
        ("kb stats", {}),
        ("why", {"question": "x"}),
        ("settings show", {}),
        ("settings auto-answer", {"enabled": False}),
    ],
)
async def test_admin_commands_recheck_manage_server_in_code(
    harness: Harness, bot: KeiBot, command: str, options: dict
) -> None:
    sent = await run(harness, command, **options)  # a member whose server granted the command anyway
    assert sent.ephemeral
    assert sent.content == "You need the Manage Server permission to use that."
    assert len(harness.recorder.replies()) == 1
    assert (await bot.storage.get_guild_settings(GUILD)).auto_answer is True
    assert await bot.storage.audit_log(GUILD) == []


async def test_admin_commands_are_guild_only(harness: Harness) -> None:
    sent = await run(harness, "kb stale", guild=None, in_channel=snowflake(), permissions=MANAGE_GUILD)
    assert sent.content == "That command only works in a server."


# ------------------------------------------------------------------------------------------ /kb


async def test_kb_gaps_lists_clustered_unanswered_questions_most_frequent_first(
    harness: Harness, bot: KeiBot
) -> None:
    for question in ("xyzzy plugh frobnicate", "Xyzzy plugh frobnicate?", "quux blorp zork"):
        await run(harness, "ask", question=question, user=snowflake())
    # a question a user could inject mentions into is shown inert
    await bot.storage.log_question(
        QuestionRecord("@everyone look <@123> [x](http://evil)", answered=False, guild_id=GUILD)
    )
    sent = await run(harness, "kb gaps", permissions=MANAGE_GUILD)
    description = sent.embeds[0]["description"]
    lines = description.splitlines()
    assert lines[0].startswith("**2×** xyzzy plugh frobnicate")
    assert any("quux blorp zork" in line for line in lines[1:])
    assert (
        "@everyone" not in description
        and "<@123>" not in description
        and "[x](http://evil)" not in description
    )
    assert sent.embeds[0]["title"] == "Unanswered or low-confidence questions (4 in 30 days)"
    assert sent.allowed_mentions == NO_PINGS


async def test_kb_stats_shows_hits_votes_stale_entries_and_reports(harness: Harness, bot: KeiBot) -> None:
    answer = await run(harness, "ask", question="is it legal in oregon?")
    assert "kb:vote:down:state-or" in answer.custom_ids
    await harness.dispatch(
        harness.click(
            answer.message, "kb:vote:down:state-or", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
        )
    )
    await bot.storage.record_feedback(
        Feedback("state-or", BOB, "outdated", reason="They passed SB 99 <@1>", guild_id=GUILD)
    )
    harness.recorder.clear()
    await harness.dispatch(
        harness.slash(
            "kb stats", user_id=ADMIN, guild_id=GUILD, channel_id=OTHER_CHANNEL, permissions=MANAGE_GUILD
        )
    )
    sent = harness.recorder.last()
    text = sent.text()
    assert "`state-or`: 1 hits, 0% missed, 0/1 helpful · 1 outdated report(s) · ⚠️ stale" in text
    assert "Stale entries still being served" in text
    assert "They passed SB 99" in text and "<@1>" not in text


async def test_kb_stale_lists_entries_past_review(harness: Harness) -> None:
    sent = await run(harness, "kb stale", permissions=MANAGE_GUILD)
    assert sent.embeds[0]["title"] == "Stale entries (1)"
    assert sent.embeds[0]["description"].startswith("`state-or` Oregon: review due <t:")


async def test_kb_reload_reports_the_diff_keeps_the_old_kb_on_error_and_audits(
    harness: Harness, bot: KeiBot, kb_dir
) -> None:
    unchanged = await run(harness, "kb reload", user=OWNER, permissions=MANAGE_GUILD)
    assert harness.recorder.sent[0].callback_type == 5 and harness.recorder.sent[0].ephemeral
    assert "nothing changed" in unchanged.embeds[0]["description"]
    (kb_dir / "broken.yaml").write_text("- id: Bad Id\n  kind: nonsense\n", encoding="utf-8")
    refused = await run(harness, "kb reload", user=OWNER, permissions=MANAGE_GUILD)
    assert refused.embeds[0]["title"] == "Reload refused"
    assert "still live" in refused.embeds[0]["description"]
    assert "state-tx" in bot.service.kb.by_id
    events = await bot.storage.audit_log(GUILD)
    assert [(e.action, e.user_id) for e in events] == [("kb.reload", OWNER), ("kb.reload", OWNER)]
    assert events[0].detail.startswith("Reload refused")


# ------------------------------------------------------------------------------------------ /why


async def test_why_explains_the_match_to_admins(harness: Harness) -> None:
    sent = await run(harness, "why", question="timing belt on my acty", permissions=MANAGE_GUILD)
    assert sent.ephemeral
    fields = {f["name"]: f["value"] for f in sent.embeds[0]["fields"]}
    assert "timing belt on my acty" in fields["Normalised question"]
    assert "Honda Acty" in fields["Understood"]
    assert fields["Top matches"].startswith("```\n") and "acty-timing-belt" in fields["Top matches"]
    assert fields["Thresholds"] == "answer ≥ 0.5, suggest ≥ 0.3, ambiguity margin 0.03"
    assert fields["Decision"].startswith("answered · intent maintenance")


# ------------------------------------------------------------------------------------------ /settings


async def test_settings_commands_update_storage_and_the_audit_log(harness: Harness, bot: KeiBot) -> None:
    await run(
        harness,
        "settings answer-channel",
        user=ADMIN,
        permissions=MANAGE_GUILD,
        action="add",
        channel=ChannelRef(ANSWER_CHANNEL),
    )
    await run(
        harness,
        "settings forum-channel",
        user=ADMIN,
        permissions=MANAGE_GUILD,
        action="add",
        channel=ChannelRef(FORUM, type=15),
    )
    await run(harness, "settings visibility", user=ADMIN, permissions=MANAGE_GUILD, default="public")
    await run(
        harness,
        "settings cooldowns",
        user=ADMIN,
        permissions=MANAGE_GUILD,
        user_seconds=2.5,
        entry_seconds=90.0,
    )
    sent = await run(harness, "settings auto-answer", user=ADMIN, permissions=MANAGE_GUILD, enabled=False)
    stored = await bot.storage.get_guild_settings(GUILD)
    assert stored == GuildSettings(
        GUILD,
        answer_channel_ids=frozenset({ANSWER_CHANNEL}),
        forum_channel_ids=frozenset({FORUM}),
        auto_answer=False,
        ephemeral_default=False,
        user_cooldown_seconds=2.5,
        entry_dedupe_seconds=90.0,
    )
    assert (
        f"<#{ANSWER_CHANNEL}>" in sent.embeds[0]["description"]
        and "**Auto-answer** (answer channels, forum posts, threads): off" in sent.embeds[0]["description"]
    )
    await run(
        harness,
        "settings answer-channel",
        user=ADMIN,
        permissions=MANAGE_GUILD,
        action="remove",
        channel=ChannelRef(ANSWER_CHANNEL),
    )
    assert (await bot.storage.get_guild_settings(GUILD)).answer_channel_ids == frozenset()
    actions = [e.action for e in reversed(await bot.storage.audit_log(GUILD))]
    assert actions == [
        "settings.answer_channel",
        "settings.forum_channel",
        "settings.visibility",
        "settings.cooldowns",
        "settings.auto_answer",
        "settings.answer_channel",
    ]
    shown = await run(harness, "settings show", user=ADMIN, permissions=MANAGE_GUILD)
    assert shown.embeds[0]["title"] == "KeiBot settings"
    assert "**Default visibility of lookups:** public" in shown.embeds[0]["description"]
    assert "**Per-user cooldown:** 2.5 s" in shown.embeds[0]["description"]
    # the new default takes effect at once in this process
    assert not (await run(harness, "ask", question="rust on a carry")).ephemeral


# ------------------------------------------------------------------------------------------ errors


async def test_an_unexpected_error_gives_a_friendly_message_and_logs_the_traceback(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database password hunter2 leaked")

    monkeypatch.setattr(bot.service, "answer", boom)
    with caplog.at_level(logging.ERROR, logger="bot.adapter.errors"):
        sent = await run(harness, "ask", question="is it legal in texas?")
    assert sent.ephemeral
    assert (
        sent.content == "Something went wrong on my side. It has been logged; please try again in a moment."
    )
    assert "hunter2" not in str(sent.payload)
    assert "error in ask" in caplog.text and "hunter2" in caplog.text and "Traceback" in caplog.text


async def test_safe_reply_works_whatever_state_the_interaction_is_in(harness: Harness, bot: KeiBot) -> None:
    payload = harness.slash("ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="x")
    fresh = harness.interaction(payload)
    assert await safe_reply(fresh, "first")
    assert harness.recorder.sent[-1].callback_type == 4
    assert await safe_reply(fresh, "second")  # already responded: a follow-up
    assert harness.recorder.sent[-1].path == "/webhooks/{webhook_id}/{webhook_token}"
    assert (
        harness.recorder.sent[-1].payload["content"] == "second"
        and harness.recorder.sent[-1].payload["flags"] == 64
    )
    deferred = harness.interaction(
        harness.slash("ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="x")
    )
    await deferred.response.defer(ephemeral=True, thinking=True)
    assert await safe_reply(deferred, "after defer")
    assert harness.recorder.sent[-1].payload["content"] == "after defer"
    count = len(harness.recorder.sent)
    old = dict(
        payload, id=str(discord.utils.time_snowflake(discord.utils.utcnow() - dt.timedelta(minutes=20)))
    )
    assert not await safe_reply(harness.interaction(old), "too late")
    assert len(harness.recorder.sent) == count, "an expired token is not used"
    harness.recorder.fail_interactions = True
    assert not await safe_reply(
        harness.interaction(
            harness.slash("ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="x")
        ),
        "gone",
    )


async def test_owner_sync_command_syncs_globally_and_others_are_refused(
    harness: Harness, bot: KeiBot
) -> None:
    harness.recorder.clear()
    await harness.message(
        f"<@{bot.user.id}> sync-commands global",
        user_id=ALICE,
        channel_id=OTHER_CHANNEL,
        guild_id=GUILD,
        mentions_bot=True,
    )
    assert [s.content for s in harness.recorder.channel_messages()] == [
        "That command is for the bot's owner."
    ]
    assert not [s for s in harness.recorder.sent if s.method == "PUT"]
    harness.recorder.clear()
    await harness.message(
        f"<@{bot.user.id}> sync-commands global",
        user_id=OWNER,
        channel_id=OTHER_CHANNEL,
        guild_id=GUILD,
        mentions_bot=True,
    )
    (put,) = [s for s in harness.recorder.sent if s.method == "PUT"]
    assert put.url.endswith(f"/applications/{APP_ID}/commands")
    (reply,) = harness.recorder.channel_messages()
    assert reply.content == "Synced 13 command(s) globally (may take a while to appear)."
    assert reply.allowed_mentions == {"parse": [], "replied_user": False}
    assert [(e.action, e.detail) for e in await bot.storage.audit_log(GUILD)] == [("sync", "global")]
