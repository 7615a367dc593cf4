"""The source watch in the bot: /settings curator-channel, the weekly run and its digest, /kb sources,
/kb stale for changed sources, and SITE_URL links on state answers and /map."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.adapter.client import KeiBot
from bot.adapter.cogs.source_watch import SourceWatch, digest_lines
from bot.adapter.render import state_page_field
from bot.storage.watch_models import SourceSnapshot
from bot.watch.fetch import Fetched
from tests.adapter.conftest import ADMIN, ANSWER_CHANNEL, GUILD, OTHER_CHANNEL, OWNER
from tests.adapter.discord_harness import MANAGE_GUILD, ChannelRef, Harness


async def run(h: Harness, command: str, *, user: int = ADMIN, **options: object):
    h.recorder.clear()
    await h.dispatch(
        h.slash(
            command,
            user_id=user,
            guild_id=GUILD,
            channel_id=OTHER_CHANNEL,
            permissions=MANAGE_GUILD,
            **options,
        )
    )
    return h.recorder.last()


class FakeFetcher:
    """Answers from a dict (no network): url -> (status, html)."""

    def __init__(self, pages: dict[str, tuple[int, str]]) -> None:
        self.pages = pages
        self.calls: list[str] = []

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        self.calls.append(url)
        status, text = self.pages.get(url, (404, ""))
        return Fetched(url, url, status, text.encode(), "text/html")


def cog(bot: KeiBot) -> SourceWatch:
    found = bot.get_cog("SourceWatch")
    assert isinstance(found, SourceWatch)
    return found


async def test_curator_channel_setting_weekly_digest_and_kb_sources(harness: Harness, bot: KeiBot) -> None:
    sent = await run(harness, "settings curator-channel", channel=ChannelRef(ANSWER_CHANNEL))
    assert sent.embeds[0]["title"] == "Settings saved"
    assert await bot.storage.curator_channels() == {GUILD: ANSWER_CHANNEL}
    assert (await bot.storage.audit_log(GUILD))[0].action == "settings.curator_channel"

    sent = await run(harness, "kb sources", user=OWNER)
    assert "No watch has run yet" in sent.embeds[0]["description"]
    sent = await run(harness, "kb sources", user=ADMIN)  # a server admin is not a bot-wide curator
    assert "curator" in (sent.content or sent.embeds[0]["description"]).lower()

    watch = cog(bot)
    assert watch._task is not None  # this process runs shard 0 (no sharding): it owns the weekly run
    assert await watch.due()
    urls = sorted({s.url for e in bot.service.kb.entries for s in e.sources})
    page = (
        "<html><body><article><p>Kei trucks may be registered for road use here.</p></article></body></html>"
    )
    first = FakeFetcher(dict.fromkeys(urls, (200, page)))
    harness.recorder.clear()
    report = await watch.run_once(first)
    assert report is not None and not report.needs_curator
    assert sorted(first.calls) == urls  # every source URL once
    assert not await watch.due()  # ran just now
    (digest,) = harness.recorder.channel_messages(ANSWER_CHANNEL)
    assert "Nothing needs a curator" in digest.embeds[0]["description"]

    changed_url = "https://www.txdmv.gov/"  # the Texas entry's source (fixture KB)
    pages = dict.fromkeys(urls, (200, page))
    pages[changed_url] = (200, page.replace("road use", "farm use only"))
    pages["https://oklahoma.gov/tax.html"] = (410, "")
    harness.recorder.clear()
    report = await watch.run_once(FakeFetcher(pages))
    assert report is not None and report.needs_curator
    (digest,) = harness.recorder.channel_messages(ANSWER_CHANNEL)
    text = digest.embeds[0]["description"]
    assert "`state-tx` (legal)" in text and "farm use only" in text and "gone" in text

    sent = await run(harness, "kb sources", user=OWNER)
    assert "`state-tx` (legal)" in sent.embeds[0]["description"]
    assert sent.ephemeral

    # /kb stale: Texas was verified before its source changed (the fake clock is in the past, the watch
    # stamps real time, so set the snapshot's change date by hand to the day after last_verified)
    tx = bot.service.kb.by_state["TX"]
    snap = (await bot.storage.source_snapshots())[changed_url]
    later = dt.datetime.combine(tx.last_verified + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    await bot.storage.record_source_snapshots(
        [
            SourceSnapshot(
                snap.url, snap.final_url, snap.status, snap.content_hash, later, later, text=snap.text
            )
        ]
    )
    sent = await run(harness, "kb stale")
    description = sent.embeds[0]["description"]
    assert "`state-tx` Texas: a source changed since it was verified (2026-11-25)" in description
    assert "`state-or` Oregon: review due" in description  # the review-date list is still there

    await run(harness, "settings curator-channel")
    assert await bot.storage.curator_channels() == {}


def test_digest_lines_show_moves_and_diffs() -> None:
    from bot.watch.report import EntryResult, SourceResult, WatchReport

    now = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    report = WatchReport(
        now,
        now,
        [
            EntryResult(
                "state-tx",
                "Texas",
                "state_rule",
                True,
                "2026-11-25",
                [
                    SourceResult("https://a.gov/x", "moved", 200, "https://a.gov/y", "html"),
                    SourceResult(
                        "https://a.gov/z", "changed", 200, "https://a.gov/z", "html", ["- old", "+ new"]
                    ),
                    SourceResult("https://a.gov/w", "unchanged", 200),
                ],
            )
        ],
    )
    lines = digest_lines(report)
    assert lines[0] == "**changed** `state-tx` (legal), verified 2026-11-25"
    assert "- moved: <https://a.gov/x> → <https://a.gov/y> (html)" in lines
    assert "```diff\n- old\n+ new\n```" in lines
    assert not any("a.gov/w" in line for line in lines)


async def test_site_url_links_state_answers_and_the_map(
    harness: Harness, bot: KeiBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = bot.service.answer("are kei trucks legal in texas")
    assert answer.state == "TX" and state_page_field(answer, None) is None  # no SITE_URL: no link
    assert bot.settings.site_url is None
    assert not any(f.name == "State page" for f in bot.render(answer).pages[0][0].fields)
    monkeypatch.setattr(bot, "settings", replace(bot.settings, site_url="https://kei.example"))
    assert state_page_field(answer, bot.settings.site_url) == (
        "State page",
        "[Map, conditions and sources](https://kei.example/states/tx.html)",
    )
    rendered = bot.render(answer)
    fields = rendered.pages[0][0].fields
    assert any(f.name == "State page" and "states/tx.html" in f.value for f in fields)
    not_state = bot.service.answer("timing belt interval on an acty")
    assert state_page_field(not_state, bot.settings.site_url) is None

    harness.recorder.clear()
    await harness.dispatch(harness.slash("map", user_id=ADMIN, guild_id=GUILD, channel_id=OTHER_CHANNEL))
    embed = harness.recorder.sent[-1].embeds[0]
    assert embed["url"] == "https://kei.example/"
    assert "[Map, state table and a page per state](https://kei.example/)" in embed["description"]
