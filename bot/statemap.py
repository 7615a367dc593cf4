"""A tile-grid map of the 50 states + DC coloured by kei-truck status class, rendered to PNG with Pillow.

Pure: takes a knowledge base and a date, returns PNG bytes. No Discord, no network, no files read except
a system font when one is installed (Pillow's bundled font otherwise). Used by ``/map`` and usable from
the command line (``save_state_map``).

Each state is one square tile on a grid that keeps rough geography (the common "tile grid" layout), so
small eastern states are as visible as Texas. Tiles of entries past their review date carry a dot.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from PIL import Image, ImageDraw, ImageFont

from bot.core.schema import Entry, Status

# (column, row) of every jurisdiction; 12 columns x 8 rows.
TILE_GRID: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (10, 0),
    "WI": (5, 1), "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2), "IL": (5, 2), "MI": (6, 2),
    "NY": (8, 2), "MA": (9, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3), "IN": (5, 3), "OH": (6, 3),
    "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3), "RI": (10, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4), "KY": (5, 4), "WV": (6, 4),
    "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5), "NC": (6, 5), "SC": (7, 5),
    "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7),
}  # fmt: skip

# Mostly Okabe-Ito colours (distinguishable with the common forms of colour blindness), in traffic-light
# order; "not registrable" is a deep red rather than vermillion so it stays apart from "off-road only".
STATUS_COLOURS: dict[Status, int] = {
    Status.UNRESTRICTED_ROAD: 0x009E73,  # bluish green
    Status.RESTRICTED_ROAD: 0xF0E442,  # yellow
    Status.OFF_ROAD_ONLY: 0xE69F00,  # orange
    Status.NOT_REGISTRABLE: 0xB2182B,  # deep red
    Status.UNCLEAR: 0x9E9E9E,  # grey
}
NO_DATA_COLOUR = 0xFFFFFF
STATUS_ORDER = (
    Status.UNRESTRICTED_ROAD,
    Status.RESTRICTED_ROAD,
    Status.OFF_ROAD_ONLY,
    Status.NOT_REGISTRABLE,
    Status.UNCLEAR,
)

TILE = 68
GAP = 6
MARGIN = 28
HEADER = 92
LEGEND_LINE = 30
BACKGROUND = (0x2B, 0x2D, 0x31)  # close to Discord's dark theme, so the PNG sits well in a message
TEXT = (0xF2, 0xF3, 0xF5)
MUTED = (0xB5, 0xBA, 0xC1)

_FONT_FILES = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_BOLD_FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


class HasStates(Protocol):
    @property
    def by_state(self) -> Mapping[str, Entry]: ...


def rgb(colour: int) -> tuple[int, int, int]:
    return (colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF


def text_colour_on(colour: int) -> tuple[int, int, int]:
    """Black or white, whichever reads better on the colour (relative luminance)."""
    r, g, b = (c / 255 for c in rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (0, 0, 0) if luminance > 0.45 else (255, 255, 255)


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in _BOLD_FONT_FILES if bold else _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def status_counts(kb: HasStates) -> Counter[Status | None]:
    counts: Counter[Status | None] = Counter()
    for code in TILE_GRID:
        entry = kb.by_state.get(code)
        counts[entry.status if entry is not None else None] += 1
    return counts


def render_state_map(kb: HasStates, today: dt.date) -> bytes:
    """PNG bytes: the tile grid, a title, the as-of date and a legend with counts."""
    columns = max(c for c, _ in TILE_GRID.values()) + 1
    rows = max(r for _, r in TILE_GRID.values()) + 1
    grid_w = columns * TILE + (columns - 1) * GAP
    grid_h = rows * TILE + (rows - 1) * GAP
    legend_rows = len(STATUS_ORDER) + 2  # the statuses, "no entry", "due for review"
    width = grid_w + 2 * MARGIN
    height = HEADER + grid_h + 24 + legend_rows * LEGEND_LINE + 28 + MARGIN

    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    title_font = _font(30, bold=True)
    sub_font = _font(17)
    code_font = _font(22, bold=True)
    legend_font = _font(18)
    small_font = _font(14)

    draw.text((MARGIN, MARGIN - 4), "Kei trucks on US roads, by state", font=title_font, fill=TEXT)
    draw.text(
        (MARGIN, MARGIN + 38),
        f"As of {today.isoformat()} · from KeiBot's knowledge base · not legal advice",
        font=sub_font,
        fill=MUTED,
    )

    counts = status_counts(kb)
    stale_codes: set[str] = set()
    for code, (col, row) in TILE_GRID.items():
        entry = kb.by_state.get(code)
        status = entry.status if entry is not None else None
        colour = STATUS_COLOURS[status] if status is not None else NO_DATA_COLOUR
        x0 = MARGIN + col * (TILE + GAP)
        y0 = HEADER + row * (TILE + GAP)
        box = (x0, y0, x0 + TILE, y0 + TILE)
        draw.rounded_rectangle(box, radius=8, fill=rgb(colour))
        ink = text_colour_on(colour)
        if entry is None:
            draw.rounded_rectangle(box, radius=8, outline=rgb(0x9E9E9E), width=2)
            ink = (0x60, 0x60, 0x60)
        draw.text((x0 + TILE / 2, y0 + TILE / 2), code, font=code_font, fill=ink, anchor="mm")
        if entry is not None and entry.review_by < today:
            stale_codes.add(code)
            draw.ellipse((x0 + TILE - 17, y0 + 7, x0 + TILE - 7, y0 + 17), fill=ink)

    y = HEADER + grid_h + 24
    swatch = 20
    for status in STATUS_ORDER:
        _legend_row(draw, y, STATUS_COLOURS[status], f"{status.label} ({counts[status]})", legend_font)
        y += LEGEND_LINE
    _legend_row(draw, y, NO_DATA_COLOUR, f"No entry yet ({counts[None]})", legend_font, outline=True)
    y += LEGEND_LINE
    dot_x = MARGIN + swatch / 2
    draw.ellipse((dot_x - 5, y + 5, dot_x + 5, y + 15), fill=TEXT)
    draw.text(
        (MARGIN + swatch + 12, y + 10),
        f"Entry due for review, may be out of date ({len(stale_codes)})",
        font=legend_font,
        fill=TEXT,
        anchor="lm",
    )
    y += LEGEND_LINE + 10
    draw.text(
        (MARGIN, y),
        "Status classes simplify: ask about a state for its conditions, sources and the DMV to call.",
        font=small_font,
        fill=MUTED,
    )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _legend_row(
    draw: ImageDraw.ImageDraw,
    y: int,
    colour: int,
    label: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    *,
    outline: bool = False,
) -> None:
    swatch = 20
    draw.rounded_rectangle(
        (MARGIN, y, MARGIN + swatch, y + swatch),
        radius=4,
        fill=rgb(colour),
        outline=rgb(0x9E9E9E) if outline else None,
        width=2 if outline else 0,
    )
    draw.text((MARGIN + swatch + 12, y + swatch / 2), label, font=font, fill=TEXT, anchor="lm")


def save_state_map(kb: HasStates, today: dt.date, path: str | Path) -> Path:
    """Write the map to ``path`` (for ``keibot map FILE.png``); returns the path."""
    target = Path(path)
    target.write_bytes(render_state_map(kb, today))
    return target
