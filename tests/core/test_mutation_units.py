"""Unit arithmetic edge cases, pinned against mutmut's survivors (issue 16): units of different kinds never
convert, a unit does not convert into itself, the accepted range of values is open at both ends, and the
"1 unit = factor" note gives the factor, not its square."""

from __future__ import annotations

import pytest

from bot.core.units import convert


@pytest.mark.parametrize(
    "question",
    [
        "350 kg in miles",  # a mass is not a distance
        "odometer 48000 whats that in miles",  # a bare number in the unit asked for: nothing to convert
        "0 km in miles",  # nothing to convert
        "1,000,000,000 km in miles",  # at or past the bound: not an odometer reading
    ],
)
def test_nothing_to_convert(question: str) -> None:
    assert convert(question) is None


def test_the_largest_and_smallest_values_still_convert() -> None:
    assert convert("999,999,999 km in miles") is not None
    assert convert("0.5 l in quarts") is not None


def test_the_factor_note_is_one_unit_in_the_other() -> None:
    assert convert("100 km/h in mph") == "**100 km/h ≈ 62.1 mph** (1 km/h = 0.621 mph; our arithmetic)."
    assert (
        convert("5 quarts in liters") == "**5 US quarts ≈ 4.73 L** (1 US quarts = 0.946 L; our arithmetic)."
    )
