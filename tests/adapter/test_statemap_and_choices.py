"""The PNG state map (pure, Pillow) and the autocomplete/resolution helpers (pure)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from bot.adapter import choices
from bot.core.knowledge import KnowledgeBase, load_dir
from bot.core.places import STATE_NAMES
from bot.core.schema import Status
from bot.core.service import KnowledgeService
from bot.statemap import (
    GAP,
    HEADER,
    MARGIN,
    NO_DATA_COLOUR,
    STATUS_COLOURS,
    TILE,
    TILE_GRID,
    render_state_map,
    rgb,
    save_state_map,
    status_counts,
    text_colour_on,
)
from tests.adapter.conftest import FIXTURE_KB, TODAY

STATUSES = list(Status)


def full_kb() -> KnowledgeBase:
    """51 state entries (copies of the fixture's Texas entry), statuses assigned round-robin, one stale."""
    texas = load_dir(FIXTURE_KB).by_id["state-tx"]
    entries = []
    for index, code in enumerate(sorted(STATE_NAMES)):
        update = {
            "id": f"state-{code.lower()}",
            "state": code,
            "title": STATE_NAMES[code],
            "status": STATUSES[index % 5],
        }
        if code == "ME":
            update |= {"last_verified": dt.date(2026, 1, 1), "review_by": dt.date(2026, 6, 1)}
        entries.append(texas.model_copy(update=update))
    return KnowledgeBase.from_entries(entries)


def tile_pixel(image: Image.Image, code: str) -> tuple[int, int, int]:
    col, row = TILE_GRID[code]
    return image.getpixel((MARGIN + col * (TILE + GAP) + 6, HEADER + row * (TILE + GAP) + TILE // 2))  # type: ignore[return-value]


def test_the_grid_has_every_jurisdiction_once() -> None:
    assert set(TILE_GRID) == set(STATE_NAMES) and len(TILE_GRID) == 51
    assert len(set(TILE_GRID.values())) == 51


def test_every_tile_is_coloured_by_its_status() -> None:
    kb = full_kb()
    image = Image.open(io.BytesIO(render_state_map(kb, TODAY))).convert("RGB")
    for code, entry in kb.by_state.items():
        assert entry.status is not None
        assert tile_pixel(image, code) == rgb(STATUS_COLOURS[entry.status]), code
    assert status_counts(kb)[None] == 0 and sum(status_counts(kb).values()) == 51


def test_missing_states_are_white_and_the_map_is_deterministic() -> None:
    kb = load_dir(FIXTURE_KB)
    png = render_state_map(kb, TODAY)
    assert png == render_state_map(kb, TODAY)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert tile_pixel(image, "CA") == rgb(NO_DATA_COLOUR)
    assert tile_pixel(image, "OR") == rgb(STATUS_COLOURS[Status.NOT_REGISTRABLE])
    assert render_state_map(kb, TODAY) != render_state_map(kb, TODAY + dt.timedelta(days=1)), (
        "the as-of date is drawn"
    )


def test_stale_states_carry_a_dot() -> None:
    kb = full_kb()
    image = Image.open(io.BytesIO(render_state_map(kb, TODAY))).convert("RGB")
    for code, expect_dot in (("ME", True), ("TX", False)):
        col, row = TILE_GRID[code]
        dot = image.getpixel((MARGIN + col * (TILE + GAP) + TILE - 12, HEADER + row * (TILE + GAP) + 12))
        status = kb.by_state[code].status
        assert status is not None
        assert (dot != rgb(STATUS_COLOURS[status])) is expect_dot, code


def test_save_state_map_writes_a_png(tmp_path: Path) -> None:
    path = save_state_map(load_dir(FIXTURE_KB), TODAY, tmp_path / "map.png")
    assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("colour", "ink"), [(0xF0E442, (0, 0, 0)), (0xB2182B, (255, 255, 255)), (0xFFFFFF, (0, 0, 0))]
)
def test_tile_text_contrasts_with_the_tile(colour: int, ink: tuple[int, int, int]) -> None:
    assert text_colour_on(colour) == ink


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("TX", "TX"),
        ("tx", "TX"),
        ("Texas", "TX"),
        ("Texas (TX)", "TX"),
        ("pensylvania", "PA"),
        ("district of columbia", "DC"),
        ("Narnia", None),
        ("", None),
        ("zz", None),
    ],
)
def test_resolve_state(typed: str, code: str | None) -> None:
    assert choices.resolve_state(typed) == code


def test_resolve_model_uses_the_core_lexicon() -> None:
    lexicon = KnowledgeService(FIXTURE_KB, clock=lambda: TODAY).answerer.lexicon
    resolve = lambda text: choices.resolve_model(text, lexicon.model_names, lexicon.chassis)  # noqa: E731
    assert resolve("HA4") == "Honda Acty"
    assert resolve("HA4 (Honda Acty)") == "Honda Acty"
    assert resolve("acty") == "Honda Acty"
    assert resolve("Suzuki Cary") == "Suzuki Carry"
    assert resolve("scrum") == "Mazda Scrum"
    assert resolve("Cybertruck") is None
