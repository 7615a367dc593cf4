"""Unit conversions the question asks for come first, as arithmetic."""

from __future__ import annotations

import pytest

from bot.core.units import convert


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("odometer says 48,000 - is that km? whats that in miles", "**48,000 km ≈ 29,826 miles**"),
        ("100 km/h in mph?", "**100 km/h ≈ 62.1 mph**"),
        ("whats 60 kph in mph", "**60 km/h ≈ 37.3 mph**"),
        ("how many quarts is 3.2 liters", "**3.2 L ≈ 3.4 US quarts**"),
        ("payload 350 kg in lbs", "**350 kg ≈ 772 lb**"),
        ("how many miles on a 1998 truck with 60k km", "**60,000 km ≈ 37,282 miles**"),
    ],
)
def test_a_conversion_asked_for_is_worked_out(question: str, expected: str) -> None:
    line = convert(question.lower())
    assert line is not None and line.startswith(expected)


@pytest.mark.parametrize(
    "question",
    [
        "is my 98 carry legal in texas",
        "how many miles is the timing belt interval",
        "km or miles on a 1999 carry",
    ],
)
def test_no_conversion_without_a_number_and_both_units(question: str) -> None:
    assert convert(question.lower()) is None
