"""`keibot site`: the dataset and pages from the real knowledge base, then the built folder in headless
Chromium (no console errors, 51 jurisdictions in the table and the map, sorting and filtering work)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from bot.cli import DEFAULT_KNOWLEDGE, main
from bot.core.knowledge import load_dir
from bot.site.build import NOT_LEGAL_ADVICE, build_site, esc, markdown
from bot.site.links import state_page_url
from tests.site.cdp import Browser, find_chromium

AS_OF = dt.date(2026, 12, 6)
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(load_dir(DEFAULT_KNOWLEDGE), out, AS_OF)
    return out


def test_dataset_validates_and_matches_the_knowledge_base(site: Path) -> None:
    kb = load_dir(DEFAULT_KNOWLEDGE)
    data = json.loads((site / "states.json").read_text())
    schema = json.loads((site / "states.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert data["as_of"] == "2026-12-06"
    assert len(data["states"]) == 51 == len({row["state"] for row in data["states"]})
    tx = next(row for row in data["states"] if row["state"] == "TX")
    entry = kb.by_state["TX"]
    assert tx["status"] == entry.status.value
    assert tx["last_verified"] == entry.last_verified.isoformat()
    assert [s["url"] for s in tx["sources"]] == [s.url for s in entry.sources]
    with (site / "states.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 51
    row = next(r for r in rows if r["state"] == "TX")
    assert row["sources"].split(" | ") == [s.url for s in entry.sources]
    assert row["last_verified"] == entry.last_verified.isoformat()


def test_pages_are_offline_and_say_not_legal_advice(site: Path) -> None:
    pages = [site / "index.html", site / "federal.html", *sorted((site / "states").glob("*.html"))]
    assert len(pages) == 53
    for path in pages:
        text = path.read_text()
        assert esc(NOT_LEGAL_ADVICE) in text, path
        # nothing loaded from elsewhere: links to sources are fine, scripts/styles/fonts/images are not
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", text), path
        assert "@import" not in text and "fonts.googleapis" not in text
    index = (site / "index.html").read_text()
    assert index.count('class="tile"') == 51
    assert "As of" in index and "2026-12-06" in index
    federal = (site / "federal.html").read_text()
    assert "federal-25-year-rule" in federal


def test_markdown_subset_escapes_html() -> None:
    out = markdown("**Bold** <script>x</script>\n\n- one\n- two [link](https://a.gov/x)")
    assert out == (
        "<p><strong>Bold</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"
        '<ul><li>one</li><li>two <a href="https://a.gov/x">link</a></li></ul>'
    )


def test_site_command_and_state_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", str(tmp_path / "out"), "--as-of", "2026-12-06"]) == 0
    assert "51 jurisdictions" in capsys.readouterr().out
    assert (tmp_path / "out" / "states" / "tx.html").exists()
    assert state_page_url("TX", "https://kei.example/site/") == "https://kei.example/site/states/tx.html"
    assert state_page_url("TX", None) is None
    assert state_page_url(None, "https://kei.example/site") is None


CHROMIUM = find_chromium()


@pytest.mark.browser
async def test_the_site_in_headless_chromium(site: Path, tmp_path: Path) -> None:
    if CHROMIUM is None:
        message = "chromium not installed (apt-get install chromium; .ci/run installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI=true, so the browser test must run")
        pytest.skip(message)
    shots = DOCS if os.environ.get("KEIBOT_SAVE_SCREENSHOTS") else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    async with Browser(CHROMIUM) as browser:
        await browser.load((site / "index.html").as_uri())
        assert await browser.js("document.querySelectorAll('#states tbody tr').length") == 51
        assert await browser.js("document.querySelectorAll('#map a.tile').length") == 51
        codes = await browser.js(
            "Array.from(document.querySelectorAll('#map a.tile')).map(a => a.dataset.state)"
        )
        assert len(set(codes)) == 51 and "DC" in codes
        assert await browser.js("document.getElementById('shown').textContent") == "51 of 51 shown"
        (shots / "site-index.png").write_bytes(await browser.screenshot())

        # sort by state name, descending after a second click; filter by status and by words
        await browser.js("document.querySelector('thead button[data-col=\"0\"]').click()")
        first = await browser.js("document.querySelector('#states tbody tr th').dataset.sort")
        await browser.js("document.querySelector('thead button[data-col=\"0\"]').click()")
        last = await browser.js("document.querySelector('#states tbody tr th').dataset.sort")
        assert (first, last) == ("Alabama", "Wyoming")
        shown = await browser.js(
            "(() => { const s = document.getElementById('status'); s.value = 'unrestricted_road';"
            " s.dispatchEvent(new Event('change'));"
            " return Array.from(document.querySelectorAll('#states tbody tr')).filter(r => !r.hidden)"
            ".map(r => r.dataset.status); })()"
        )
        assert shown and set(shown) == {"unrestricted_road"}
        await browser.js(
            "(() => { const s = document.getElementById('status'); s.value = '';"
            " s.dispatchEvent(new Event('change')); const f = document.getElementById('filter');"
            " f.value = 'texas'; f.dispatchEvent(new Event('input')); })()"
        )
        assert await browser.js("document.getElementById('shown').textContent") == "1 of 51 shown"
        # keyboard: the first tab stop is the skip link, and map tiles are focusable links
        assert (
            await browser.js("document.querySelector('#map a.tile').getAttribute('href')") == "states/ak.html"
        )
        assert browser.console_errors() == []

        await browser.load((site / "states" / "tx.html").as_uri(), width=390, height=844, mobile=True)
        assert await browser.js("document.querySelector('h1').textContent") == "Kei trucks in Texas"
        assert await browser.js(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )  # no sideways scroll
        (shots / "site-state.png").write_bytes(await browser.screenshot())
        assert browser.console_errors() == []

        await browser.load((site / "federal.html").as_uri())
        assert await browser.js("document.querySelectorAll('main section').length") >= 5
        assert browser.console_errors() == []
