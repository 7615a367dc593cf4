"""The source watch against pages served on loopback: every outcome, the report, storage, no KB writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from bot.core.schema import Entry
from bot.storage.sqlite import SQLiteStorage
from bot.watch.extract import extract, normalise
from bot.watch.fetch import Fetcher, parse_retry_after
from bot.watch.report import WatchReport
from bot.watch.run import run_watch, stale_entries
from tests.watch.fixture_server import Site, ThreadedServer, make_pdf, start

PAGES = (
    "unchanged changed moved temporary missing removed forbidden ratelimited ratelimited-long slow huge binary"
    " malformed document.pdf etag flaky"
).split()


def entries(base: str) -> list[Entry]:
    """One legal entry with half the pages, one maintenance entry with the rest, one sharing a URL."""

    def make(entry_id: str, kind: str, names: list[str]) -> Entry:
        return Entry(
            id=entry_id,
            kind=kind,
            title=entry_id.replace("-", " ").title(),
            body="Test body.",
            sources=[{"title": name, "url": f"{base}/{name}"} for name in names],
            last_verified=dt.date(2026, 11, 1),
            review_by=dt.date(2027, 1, 1),
        )

    return [
        make("maintenance-misc", "maintenance", PAGES[8:]),
        make("legal-roads", "legal_topic", PAGES[:8]),
        make("legal-other", "legal_topic", ["unchanged"]),
    ]


def fetcher(**kw: object) -> Fetcher:
    options = {
        "min_interval": 0.0,
        "timeout": 1.0,
        "attempts": 2,
        "backoff": 0.01,
        "max_retry_after": 2.0,
        "max_bytes": 200_000,
    }
    options.update(kw)
    return Fetcher(**options)  # type: ignore[arg-type]


@pytest.fixture
async def served():
    site = Site(slow_seconds=3.0)
    server = await start(site)
    yield site, str(server.make_url("")).rstrip("/")
    await server.close()


@pytest.fixture
async def storage(tmp_path: Path):
    s = SQLiteStorage(tmp_path / "db.sqlite3")
    await s.open()
    yield s
    await s.close()


def outcomes(report: WatchReport) -> dict[str, str]:
    return {url.rsplit("/", 1)[-1]: s.outcome for url, s in report.sources.items()}


async def test_every_kind_of_page_is_reported(served, storage) -> None:
    site, base = served
    kb = entries(base)
    async with fetcher() as f:
        first = await run_watch(kb, storage, f)
    assert outcomes(first) == {
        "unchanged": "new",
        "changed": "new",
        "moved": "moved",
        "temporary": "new",
        "missing": "gone",
        "removed": "gone",
        "forbidden": "blocked",
        "ratelimited": "blocked",
        "ratelimited-long": "blocked",
        "slow": "unreachable",
        "huge": "new",
        "binary": "new",
        "malformed": "new",
        "document.pdf": "new",
        "etag": "new",
        "flaky": "new",
    }
    assert site.hits["unchanged"] == 2  # once for both entries that cite it, once via /temporary
    assert site.hits["flaky"] == 2  # a 503 is retried
    assert site.hits["ratelimited"] == 2  # a short Retry-After is honoured once
    assert site.hits["ratelimited-long"] == 1  # an hour's Retry-After is not waited for
    assert site.hits["slow"] == 2  # a timeout is retried, then reported

    site.changed_text = "Mini trucks may now use any road with a posted speed limit up to 65 miles per hour."
    site.pdf_text = "Kei trucks are low speed vehicles under section 14 of the code"
    async with fetcher() as f:
        second = await run_watch(kb, storage, f)
    got = outcomes(second)
    assert got["unchanged"] == "unchanged"  # date, clock, visitor counter masked
    assert got["temporary"] == "unchanged"  # a 302 is not a move
    assert got["changed"] == "changed"
    assert got["document.pdf"] == "changed"
    for name in ("huge", "binary", "malformed", "flaky"):
        assert got[name] == "unchanged", name
    assert got["etag"] == "unchanged"
    assert site.headers_seen["etag"].get("If-None-Match") == '"v1"'
    assert second.sources[f"{base}/etag"].status == 304
    assert (got["moved"], got["missing"], got["removed"]) == ("moved", "gone", "gone")
    assert (got["forbidden"], got["ratelimited"], got["slow"]) == ("blocked", "blocked", "unreachable")

    changed = second.sources[f"{base}/changed"]
    assert any(line.startswith("- ") and "55 miles" in line for line in changed.diff)
    assert any(line.startswith("+ ") and "65 miles" in line for line in changed.diff)
    assert not any("twenty-five" in line for line in changed.diff)  # only what changed
    pdf = second.sources[f"{base}/document.pdf"]
    assert pdf.diff == [
        "- Kei trucks are low speed vehicles under section 12 of the code",
        "+ Kei trucks are low speed vehicles under section 14 of the code",
    ]
    assert second.sources[f"{base}/moved"].final_url == f"{base}/new-home"
    assert "cut at 200,000 bytes" in second.sources[f"{base}/huge"].detail
    assert "429" in second.sources[f"{base}/ratelimited-long"].detail

    # legal entries with changed or gone sources first; exit status asks for a curator
    assert [e.id for e in second.entries] == ["legal-roads", "maintenance-misc", "legal-other"]
    assert second.entries[0].outcome == "gone"
    assert second.needs_curator
    text = second.to_text()
    assert text.index("legal-roads") < text.index("maintenance-misc")
    assert "+ Mini trucks may now use any road" in text
    assert "legal-other" not in text  # all its sources unchanged: counted, not listed

    # the saved report round-trips, and the snapshots say when the text changed
    saved = await storage.latest_watch_report()
    assert saved is not None
    assert WatchReport.from_json(saved.report).to_dict() == second.to_dict()
    snaps = await storage.source_snapshots()
    assert snaps[f"{base}/changed"].changed_at is not None
    assert snaps[f"{base}/unchanged"].changed_at is None
    assert snaps[f"{base}/missing"].status == 404
    stale = [e.id for e in await stale_entries(kb, storage)]
    assert stale == ["maintenance-misc", "legal-roads"]


async def test_a_page_that_comes_back_is_compared_with_its_last_good_text(served, storage) -> None:
    site, base = served
    kb = entries(base)[2:]
    async with fetcher() as f:
        await run_watch(kb, storage, f)
        site.flaky_failures = 10**6  # from now on /flaky would fail; the shared page stays as it was
        again = await run_watch(kb, storage, f)
    assert not again.needs_curator
    assert again.to_text().endswith("Nothing needs a curator.")


def test_normalise_masks_what_changes_on_every_load() -> None:
    a = normalise("Updated Monday, December 7, 2026 at 10:15 AM EST\n\n  Views: 1,204  \nRule text.")
    b = normalise("Updated Tuesday, December 8, 2026 at 9:02 pm EST\nViews: 1,377\nRule   text.")
    assert a == b
    assert normalise("Fee is $40 from 2026-01-01") != normalise("Fee is $45 from 2026-01-01")


def test_extract_reads_pdf_html_and_hashes_binaries() -> None:
    kind, text, _ = extract(make_pdf("Section 7 says kei trucks need mirrors"), "application/pdf")
    assert (kind, text) == ("pdf", "Section 7 says kei trucks need mirrors")
    kind, text, digest = extract(bytes(range(256)), "application/octet-stream")
    assert (kind, text, digest) == ("binary", "", hashlib.sha256(bytes(range(256))).hexdigest())
    kind, text, _ = extract(b"<p>unclosed <b>bold <div>kei trucks allowed", "text/html")
    assert kind == "html" and "kei trucks allowed" in text
    kind, text, _ = extract(b"%PDF-1.4 broken", None)
    assert kind == "pdf" and text == ""


def test_retry_after_forms() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0) == 0.0
    assert parse_retry_after("soon") is None


def test_cli_watch_reports_and_never_touches_the_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = Site()
    with ThreadedServer(site) as base:
        cli_watch(site, base, tmp_path, monkeypatch, capsys)


def cli_watch(
    site: Site, base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    (kb_dir / "watch.yaml").write_text(
        "- id: legal-roads\n  kind: legal_topic\n  title: Roads\n  body: Test body.\n"
        f"  sources: [{{title: a, url: '{base}/changed'}}, {{title: b, url: '{base}/missing'}}]\n"
        "  last_verified: 2026-11-01\n  review_by: 2027-01-01\n"
        "- id: parts-misc\n  kind: parts\n  title: Parts\n  body: Test body.\n"
        f"  sources: [{{title: c, url: '{base}/unchanged'}}]\n"
        "  last_verified: 2026-11-01\n  review_by: 2027-01-01\n",
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in kb_dir.rglob("*")}
    stamps = {p: p.stat().st_mtime_ns for p in kb_dir.rglob("*")}
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "watch.sqlite3"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    from bot.cli import main

    args = ["--knowledge", str(kb_dir), "kb", "watch", "--interval", "0", "--timeout", "2"]
    assert main(args) == 1  # a legal source is gone
    first = capsys.readouterr().out
    assert "GONE" in first and "legal-roads" in first
    site.changed_text = "Completely new wording about kei trucks on state highways."
    assert main([*args, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["needs_curator"] is True
    assert data["entries"][0]["id"] == "legal-roads"
    changed = next(s for s in data["entries"][0]["sources"] if s["url"].endswith("/changed"))
    assert changed["outcome"] == "changed" and changed["diff"]
    assert main([*args, "--entry", "parts-misc"]) == 0  # only unchanged sources: nothing to do
    assert "Nothing needs a curator." in capsys.readouterr().out
    assert {p: p.read_bytes() for p in kb_dir.rglob("*")} == before
    assert {p: p.stat().st_mtime_ns for p in kb_dir.rglob("*")} == stamps
