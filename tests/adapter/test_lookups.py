"""/ask, /state, /truck, /parts, /import-check and /map through the real CommandTree, asserting on the HTTP
payloads discord.py sends."""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image

from bot.adapter.client import KeiBot
from bot.core.schema import Status
from bot.statemap import STATUS_COLOURS
from bot.storage import GuildSettings
from tests.adapter.conftest import ALICE, GUILD, OTHER_CHANNEL, TODAY
from tests.adapter.discord_harness import Harness, snowflake

NO_PINGS = {"parse": []}


async def slash(
    h: Harness,
    command: str,
    *,
    user: int = ALICE,
    guild: int | None = GUILD,
    channel: int = OTHER_CHANNEL,
    **options: object,
):
    h.recorder.clear()
    await h.dispatch(h.slash(command, user_id=user, guild_id=guild, channel_id=channel, **options))
    return h.recorder.last()


async def autocomplete(h: Harness, command: str, option: str, typed: str, **others: object) -> list[dict]:
    h.recorder.clear()
    await h.dispatch(
        h.slash(
            command,
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            focused=option,
            **{option: typed},
            **others,
        )
    )
    (sent,) = [s for s in h.recorder.sent if s.callback_type == 8]
    return sent.payload["data"]["choices"]


# ------------------------------------------------------------------------------------------ /ask


async def test_ask_sends_a_status_coloured_sourced_embed_privately_by_default(harness: Harness) -> None:
    sent = await slash(harness, "ask", question="is a kei truck legal in texas?")
    assert sent.callback_type == 4
    assert sent.ephemeral, "the guild default is ephemeral"
    assert sent.allowed_mentions == NO_PINGS
    (embed,) = sent.embeds
    assert embed["title"].startswith("Texas")
    assert embed["color"] == STATUS_COLOURS[Status.UNRESTRICTED_ROAD]
    assert "Test summary for Texas." in embed["description"]
    assert "**Sources**" not in embed["description"] and "_Last verified" not in embed["description"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Sources"] == "- [Texas source](https://www.txdmv.gov/)"
    assert fields["Last verified"] == "Nov 25, 2026", "a calendar date, the same day for every reader"
    assert embed["footer"]["text"] == "Not legal advice — confirm with Texas DMV before you buy or drive."
    assert sent.custom_ids == [
        "kb:full:state-tx",
        "kb:vote:up:state-tx",
        "kb:vote:down:state-tx",
        "kb:report:state-tx",
        "kb:notify:state-tx",
    ]


async def test_share_true_posts_publicly_and_share_false_privately(harness: Harness, bot: KeiBot) -> None:
    assert not (await slash(harness, "ask", question="timing belt on an acty", share=True)).ephemeral
    await bot.save_guild_settings(GuildSettings(GUILD, ephemeral_default=False))
    assert not (await slash(harness, "ask", question="rust on a carry", user=snowflake())).ephemeral
    assert (await slash(harness, "ask", question="overheating", share=False)).ephemeral


async def test_answers_in_dms_are_plain_messages(harness: Harness) -> None:
    sent = await slash(harness, "ask", guild=None, channel=snowflake(), question="is it legal in oregon?")
    assert not sent.ephemeral
    assert sent.embeds[0]["color"] == STATUS_COLOURS[Status.NOT_REGISTRABLE]
    # Oregon's entry is past its review date in the fixture KB: the embed says so
    fields = {f["name"]: f["value"] for f in sent.embeds[0]["fields"]}
    assert "due for review since 2026-06-20" in fields["⚠️ May be out of date"]


async def test_low_confidence_offers_did_you_mean_buttons_without_echoing_the_question(
    harness: Harness, bot: KeiBot
) -> None:
    question = "belt or 4wd?"
    premise = bot.service.answer(question)
    assert not premise.answered and premise.suggestion_ids, "fixture premise: the core is unsure here"
    sent = await slash(harness, "ask", question=question)
    suggestions = [
        c for row in sent.components for c in row["components"] if c["custom_id"].startswith("kb:dym:")
    ]
    assert 1 <= len(suggestions) <= 3
    titles = {bot.service.kb.by_id[c["custom_id"].removeprefix("kb:dym:")].title for c in suggestions}
    assert {c["label"] for c in suggestions} == titles
    assert "4wd" not in sent.text().lower() and question not in str(sent.payload)
    assert not any(cid.startswith("kb:vote") for cid in sent.custom_ids), "nothing to vote on"
    assert sent.embeds[0]["color"] == 0x4F545C


async def test_unknown_questions_say_so_and_are_logged_as_gaps(harness: Harness, bot: KeiBot) -> None:
    sent = await slash(harness, "ask", question="xyzzy plugh frobnicate")
    assert sent.embeds[0]["title"] == "I don't know that one"
    assert sent.custom_ids == []
    gaps = await bot.storage.unanswered()
    assert [g.question_text for g in gaps] == ["xyzzy plugh frobnicate"]
    assert gaps[0].user_id == ALICE and gaps[0].guild_id == GUILD and gaps[0].channel_id == OTHER_CHANNEL


async def test_public_answers_have_a_per_user_cooldown(harness: Harness, bot: KeiBot, clock) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, user_cooldown_seconds=30))
    assert not (await slash(harness, "ask", question="timing belt on an acty", share=True)).ephemeral
    inside = await slash(harness, "ask", question="rust on a carry", share=True)
    assert inside.ephemeral and inside.embeds, "inside the cooldown the answer is sent privately, not refused"
    assert inside.content.startswith("You asked in this channel a moment ago")
    assert (await slash(harness, "ask", question="rust on a carry", share=False)).embeds, (
        "private lookups are not limited"
    )
    clock.advance(31)
    assert not (await slash(harness, "ask", question="rust on a carry", share=True)).ephemeral


async def test_the_same_answer_is_not_posted_twice_in_a_channel_within_the_window(
    harness: Harness, bot: KeiBot, clock
) -> None:
    await bot.save_guild_settings(GuildSettings(GUILD, entry_dedupe_seconds=60, user_cooldown_seconds=0))
    first = await slash(harness, "ask", question="timing belt on an acty", share=True)
    message_id = first.message["id"]
    again = await slash(
        harness, "ask", user=snowflake(), question="when do I change the acty timing belt", share=True
    )
    assert again.ephemeral, "the second asker gets it privately"
    assert f"https://discord.com/channels/{GUILD}/{OTHER_CHANNEL}/{message_id}" in again.content
    assert again.embeds[0]["title"] == first.embeds[0]["title"]
    clock.advance(61)
    assert not (
        await slash(harness, "ask", user=snowflake(), question="acty timing belt", share=True)
    ).ephemeral


# ------------------------------------------------------------------------------------------ /state


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("", "Alabama (AL)"),
        ("tex", "Texas (TX)"),
        ("OK", "Oklahoma (OK)"),
        ("dc", "District of Columbia (DC)"),
        ("pensylvania", "Pennsylvania (PA)"),
    ],
)
async def test_state_autocomplete_ranks_names_and_codes(harness: Harness, typed: str, first: str) -> None:
    choices = await autocomplete(harness, "state", "state", typed)
    assert choices[0]["name"] == first
    assert len(choices) <= 25
    assert all(len(c["value"]) == 2 for c in choices)


async def test_state_autocomplete_covers_all_51_jurisdictions(harness: Harness) -> None:
    seen: set[str] = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        seen |= {c["value"] for c in await autocomplete(harness, "state", "state", letter)}
    assert len(seen) == 51


async def test_state_answers_for_a_name_or_code_with_an_optional_topic(harness: Harness) -> None:
    sent = await slash(harness, "state", state="PA")
    assert sent.embeds[0]["title"].startswith("Pennsylvania")
    assert sent.embeds[0]["color"] == STATUS_COLOURS[Status.OFF_ROAD_ONLY]
    sent = await slash(harness, "state", state="texas", topic="inspection")
    assert "Normal state inspection applies." in sent.embeds[0]["description"]
    assert [c["name"] for c in await autocomplete(harness, "state", "topic", "ins", state="TX")] == [
        "inspection",
        "insurance",
    ]


async def test_state_rejects_an_unknown_state_with_a_friendly_private_message(harness: Harness) -> None:
    sent = await slash(harness, "state", state="Narnia")
    assert sent.ephemeral and sent.embeds == []
    assert sent.content == "I don't know that state. Pick one of the 50 states or DC from the list."


# ------------------------------------------------------------------------------------------ /truck, /parts


async def test_truck_autocomplete_lists_models_twins_and_chassis_codes(harness: Harness) -> None:
    names = [c["name"] for c in await autocomplete(harness, "truck", "model", "")]
    assert "Honda Acty" in names and "Mazda Scrum" in names and "HA4 (Honda Acty)" in names
    assert next(c["value"] for c in await autocomplete(harness, "truck", "model", "ha4")) == "HA4"
    assert next(c["value"] for c in await autocomplete(harness, "truck", "model", "cary")) == "Suzuki Carry"


async def test_truck_and_parts_answer_through_the_core(harness: Harness) -> None:
    sent = await slash(harness, "truck", model="Honda Acty")
    assert sent.embeds[0]["title"] == "Honda Acty overview"
    sent = await slash(harness, "truck", model="HA4", topic="timing belt", year=1995)
    assert sent.embeds[0]["title"] == "Honda Acty timing belt"
    sent = await slash(harness, "parts", model="Suzuki Carry", query="clutch kit")
    assert sent.embeds[0]["title"] == "Ordering parts from Japan"
    sent = await slash(harness, "truck", model="Tesla")
    assert sent.content.startswith("I don't know that model") and sent.ephemeral


# ------------------------------------------------------------------------------------------ /import-check


async def test_import_check_computes_eligibility_with_the_rule_cited(harness: Harness) -> None:
    sent = await slash(harness, "import-check", year=2001, month=3)
    (embed,) = sent.embeds
    assert "**25-year rule (NHTSA / FMVSS): eligible.**" in embed["description"]
    assert "March 2001" in embed["description"]
    assert any("nhtsa.gov" in f["value"] for f in embed["fields"] if f["name"] == "Sources")
    sent = await slash(harness, "import-check", year=2003)
    assert "not yet eligible" in sent.embeds[0]["description"]


async def test_import_check_without_federal_entries_still_computes(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = bot.service.kb
    trimmed = dataclasses.replace(
        kb, by_id={k: v for k, v in kb.by_id.items() if not k.startswith("federal-")}
    )
    monkeypatch.setattr(type(bot.service), "kb", property(lambda self: trimmed))
    sent = await slash(harness, "import-check", year=2001, month=3)
    assert sent.embeds[0]["title"] == "Import eligibility (computed)"
    description = sent.embeds[0]["description"]
    assert "25-year rule (NHTSA / FMVSS): eligible." in description  # March 2001 is past its 25th year
    assert "not yet eligible" not in description


# ------------------------------------------------------------------------------------------ /map


async def test_map_attaches_a_png_coloured_by_status(harness: Harness, bot: KeiBot) -> None:
    await slash(harness, "map", share=True)
    defer, followup = harness.recorder.sent
    assert defer.callback_type == 5
    assert followup.method == "POST" and followup.allowed_mentions == NO_PINGS
    ((filename, png),) = followup.files
    assert filename == "kei-truck-map.png" and png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width > 600 and image.height > 600
    (embed,) = followup.embeds
    assert embed["image"]["url"] == "attachment://kei-truck-map.png"
    assert f"Knowledge base as of {TODAY.isoformat()}" in embed["footer"]["text"]
    assert "**No entry yet**: 47" in embed["description"]
    from bot.statemap import GAP, HEADER, MARGIN, TILE, TILE_GRID

    col, row = TILE_GRID["TX"]
    pixel = image.getpixel((MARGIN + col * (TILE + GAP) + 6, HEADER + row * (TILE + GAP) + TILE // 2))
    colour = STATUS_COLOURS[Status.UNRESTRICTED_ROAD]
    assert pixel == ((colour >> 16) & 255, (colour >> 8) & 255, colour & 255)


async def test_an_interaction_built_from_a_payload_runs_through_the_tree(harness: Harness) -> None:
    """The same path discord.py's own tests use: Interaction(data=..., state=...) and the tree's _call."""
    harness.recorder.clear()
    await harness.call_tree(
        harness.slash(
            "ask", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, question="rust on a carry"
        )
    )
    await harness.drain()
    assert harness.recorder.last().embeds[0]["title"] == "Suzuki Carry rust"
    harness.recorder.clear()
    await harness.call_tree(
        harness.slash("state", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL, state="Atlantis")
    )
    assert harness.recorder.last().content.startswith("I don't know that state"), (
        "errors reach the tree's on_error"
    )
