"""The buttons under answers, clicked through the connection state's component dispatch: votes, reports
(a modal), subscriptions, "did you mean", paging, and that they keep working after a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.adapter.client import KeiBot, create_bot
from bot.config import Settings
from bot.core.service import KnowledgeService
from bot.storage import FeedbackSummary, Storage
from tests.adapter.conftest import ALICE, BOB, FORUM, GUILD, OTHER_CHANNEL, FakeClock
from tests.adapter.discord_harness import Harness, Sent, snowflake


async def ask(
    h: Harness,
    question: str,
    *,
    user: int = ALICE,
    channel: int = OTHER_CHANNEL,
    guild: int | None = GUILD,
    share: bool | None = None,
) -> Sent:
    h.recorder.clear()
    await h.dispatch(
        h.slash("ask", user_id=user, guild_id=guild, channel_id=channel, question=question, share=share)
    )
    return h.recorder.last()


async def click(
    h: Harness,
    sent: Sent,
    custom_id: str,
    *,
    user: int = ALICE,
    channel: int = OTHER_CHANNEL,
    guild: int | None = GUILD,
) -> Sent:
    assert custom_id in sent.custom_ids, f"{custom_id} not among {sent.custom_ids}"
    assert sent.message is not None
    h.recorder.clear()
    await h.dispatch(h.click(sent.message, custom_id, user_id=user, guild_id=guild, channel_id=channel))
    assert h.recorder.sent, "the click got no response"
    return h.recorder.sent[-1]


# ------------------------------------------------------------------------------------------ votes


async def test_votes_are_stored_one_opinion_per_user(harness: Harness, bot: KeiBot) -> None:
    """End to end: a vote stored."""
    answer = await ask(harness, "timing belt on an acty")
    thanks = await click(harness, answer, "kb:vote:up:acty-timing-belt")
    assert thanks.callback_type == 4 and thanks.ephemeral and thanks.content == "Thanks! Glad it helped."
    await click(harness, answer, "kb:vote:up:acty-timing-belt", user=BOB)
    await click(harness, answer, "kb:vote:down:acty-timing-belt", user=BOB)  # Bob changes his mind
    summary = await bot.storage.feedback_summary("acty-timing-belt")
    assert summary["acty-timing-belt"] == FeedbackSummary("acty-timing-belt", helpful=1, not_helpful=1)


async def test_buttons_keep_working_after_a_restart(
    harness: Harness,
    settings: Settings,
    kb_dir: Path,
    storage: Storage,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer = await ask(harness, "timing belt on an acty", share=True)
    await harness.close()
    # a new process: new bot, new service, same database, the old message's components
    restarted = create_bot(
        settings, KnowledgeService(kb_dir), storage, clock=clock.now, monotonic=clock.monotonic
    )
    h2 = Harness(restarted, monkeypatch)
    await h2.start()
    try:
        reply = await click(h2, answer, "kb:vote:down:acty-timing-belt", user=BOB)
        assert reply.ephemeral and "Report outdated" in reply.content
        summary = await restarted.storage.feedback_summary("acty-timing-belt")
        assert summary["acty-timing-belt"].not_helpful == 1
    finally:
        await h2.close()


async def test_a_vote_on_an_entry_that_no_longer_exists_is_not_stored(harness: Harness, bot: KeiBot) -> None:
    answer = await ask(harness, "timing belt on an acty")
    message = dict(answer.message)
    message["components"] = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 2, "label": "Helpful", "custom_id": "kb:vote:up:gone-entry"}],
        }
    ]
    harness.recorder.clear()
    await harness.dispatch(
        harness.click(
            message, "kb:vote:up:gone-entry", user_id=ALICE, guild_id=GUILD, channel_id=OTHER_CHANNEL
        )
    )
    assert "no longer in the knowledge base" in harness.recorder.last().content
    assert await bot.storage.feedback_summary() == {}


# ------------------------------------------------------------------------------------------ report outdated


async def test_report_outdated_opens_a_form_and_stores_reason_and_source(
    harness: Harness, bot: KeiBot
) -> None:
    answer = await ask(harness, "is it legal in texas?")
    opened = await click(harness, answer, "kb:report:state-tx")
    assert opened.callback_type == 9
    modal = opened.payload["data"]
    assert modal["title"] == "Report outdated information" and modal["custom_id"].startswith(
        "kb:report-form:"
    )
    labels = [row["label"] for row in modal["components"]]
    assert labels == ["What is wrong or out of date?", "Source for the correct information"]
    harness.recorder.clear()
    await harness.dispatch(
        harness.submit_modal(
            modal,
            {"what": "Texas changed the inspection rule in 2026.", "source": "https://www.txdmv.gov/new"},
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
        )
    )
    done = harness.recorder.last()
    assert done.ephemeral and done.content == "Thanks, the curators will check it."
    (report,) = await bot.storage.outdated_reports()
    assert (report.entry_id, report.user_id, report.reason, report.source_url, report.guild_id) == (
        "state-tx",
        ALICE,
        "Texas changed the inspection rule in 2026.",
        "https://www.txdmv.gov/new",
        GUILD,
    )


async def test_a_report_with_a_bad_link_is_kept_without_it(harness: Harness, bot: KeiBot) -> None:
    answer = await ask(harness, "is it legal in texas?")
    modal = (await click(harness, answer, "kb:report:state-tx")).payload["data"]
    harness.recorder.clear()
    await harness.dispatch(
        harness.submit_modal(
            modal,
            {"what": "Outdated fee", "source": "javascript:alert(1)"},
            user_id=ALICE,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
        )
    )
    assert "saved the report without it" in harness.recorder.last().content
    (report,) = await bot.storage.outdated_reports()
    assert report.source_url is None and report.reason == "Outdated fee"


# ------------------------------------------------------------------------------------------ notify me


async def test_notify_button_subscribes_by_dm_and_a_second_click_unsubscribes(
    harness: Harness, bot: KeiBot
) -> None:
    answer = await ask(harness, "is it legal in texas?")
    reply = await click(harness, answer, "kb:notify:state-tx")
    assert reply.ephemeral and "by direct message" in reply.content and "**Texas**" in reply.content
    before = dt.datetime.now(dt.UTC)
    (sub,) = await bot.storage.subscribers("state-tx")
    assert (sub.user_id, sub.entry_id, sub.channel_id, sub.thread_id) == (ALICE, "state-tx", None, None)
    assert before - dt.timedelta(minutes=1) <= sub.created_at <= before  # stamped when clicked, not later
    reply = await click(harness, answer, "kb:notify:state-tx")
    assert "no longer be notified" in reply.content
    assert await bot.storage.subscribers("state-tx") == []


async def test_notify_from_a_thread_is_remembered_for_that_thread(harness: Harness, bot: KeiBot) -> None:
    thread = snowflake()
    harness.add_thread(GUILD, thread, FORUM, owner_id=ALICE)
    answer = await ask(harness, "is it legal in texas?", channel=thread)
    reply = await click(harness, answer, "kb:notify:state-tx", channel=thread)
    assert "in this thread" in reply.content
    (sub,) = await bot.storage.subscribers("state-tx")
    assert (sub.user_id, sub.channel_id, sub.thread_id) == (ALICE, FORUM, thread)


# ------------------------------------------------------------------------------------------ did you mean


async def test_a_suggestion_button_answers_that_entry_privately(harness: Harness, bot: KeiBot) -> None:
    unsure = await ask(harness, "belt or 4wd?", share=True)
    suggestion = next(cid for cid in unsure.custom_ids if cid.startswith("kb:dym:"))
    entry_id = suggestion.removeprefix("kb:dym:")
    shown = await click(harness, unsure, suggestion, user=BOB)
    assert shown.callback_type == 4 and shown.ephemeral
    assert shown.embeds[0]["title"] == bot.service.kb.by_id[entry_id].title
    assert f"kb:vote:up:{entry_id}" in shown.custom_ids


# ------------------------------------------------------------------------------------------ paging


LONG_ENTRY = """
- id: long-guide
  kind: buying
  title: The very long buying guide
  body: |
{body}
  aliases: [very long buying guide]
  sources: [{{title: Guide source, url: "https://example.org/guide"}}]
  last_verified: 2026-11-25
  review_by: 2028-11-24
"""


async def test_long_answers_are_paged_with_buttons(harness: Harness, bot: KeiBot, kb_dir: Path) -> None:
    paragraphs = [f"    Paragraph {i}: " + " ".join(f"word{i}x{j}" for j in range(60)) for i in range(40)]
    (kb_dir / "long.yaml").write_text(LONG_ENTRY.format(body="\n\n".join(paragraphs)), encoding="utf-8")
    assert bot.service.reload().ok
    focused = await ask(harness, "very long buying guide")
    assert len(focused.embeds[0]["description"]) < 1500, "the answer quotes only part of the entry"
    first = await click(harness, focused, "kb:full:long-guide")
    footer = first.embeds[0]["footer"]["text"]
    assert " · page 1/" in footer
    total = int(footer.rsplit("/", 1)[1])
    assert total >= 3
    prev_id, next_id = first.custom_ids[:2]
    assert prev_id.startswith("kb:page:") and prev_id.endswith(":0:p") and next_id.endswith(":1:n")
    assert first.components[0]["components"][0]["disabled"] is True
    seen = first.embeds[0]["description"]
    page = first
    for number in range(2, total + 1):
        page_next = next(cid for cid in page.custom_ids if cid.endswith(":n"))
        flipped = await click(harness, page, page_next)
        assert flipped.callback_type == 7, "the asker's own message is edited in place"
        assert flipped.embeds[0]["footer"]["text"].endswith(f"page {number}/{total}")
        seen += "\n\n" + flipped.embeds[0]["description"]
        flipped_message = dict(page.message, components=flipped.components, embeds=flipped.embeds)
        page = Sent(
            flipped.method,
            flipped.path,
            flipped.url,
            flipped.payload,
            response={"resource": {"message": flipped_message}},
        )
    words = [w for w in seen.split() if w.startswith("word")]
    assert words == [f"word{i}x{j}" for i in range(40) for j in range(60)], "every word once, none cut"
    assert page.components[0]["components"][1]["disabled"] is True, "Next is disabled on the last page"


async def test_someone_elses_page_click_gets_a_private_copy_and_expired_pages_say_so(
    harness: Harness, bot: KeiBot, kb_dir: Path, clock: FakeClock
) -> None:
    paragraphs = [f"    Paragraph {i}: " + " ".join(f"word{i}x{j}" for j in range(60)) for i in range(40)]
    (kb_dir / "long.yaml").write_text(LONG_ENTRY.format(body="\n\n".join(paragraphs)), encoding="utf-8")
    assert bot.service.reload().ok
    focused = await ask(harness, "very long buying guide", share=True)
    first = await click(harness, focused, "kb:full:long-guide")
    next_id = next(cid for cid in first.custom_ids if cid.endswith(":n"))
    other = await click(harness, first, next_id, user=BOB)
    assert other.callback_type == 4 and other.ephemeral
    assert other.embeds[0]["footer"]["text"].endswith(
        "page 2/" + first.embeds[0]["footer"]["text"].rsplit("/", 1)[1]
    )
    assert other.custom_ids[0] != first.custom_ids[0], "Bob pages through his own copy"
    clock.advance(2 * 3600)
    expired = await click(harness, first, next_id)
    assert (
        expired.ephemeral and expired.content == "These pages have expired. Ask again to get the full answer."
    )
