"""Unit conversions the question asks for come first, as arithmetic, in whichever direction was asked."""

from __future__ import annotations

import pytest

from bot.core.units import convert


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("odometer says 48,000 - is that km? whats that in miles", "**48,000 km ≈ 29,826 miles**"),
        ("100 km/h in mph?", "**100 km/h ≈ 62.1 mph**"),
        ("whats 60 kph in mph", "**60 km/h ≈ 37.3 mph**"),
        ("how many quarts is 3.2 liters", "**3.2 L ≈ 3.38 US quarts**"),
        ("payload 350 kg in lbs", "**350 kg ≈ 772 lb**"),
        ("how many miles on a 1998 truck with 60k km", "**60,000 km ≈ 37,282 miles**"),
        ("how many km is 50 miles", "**50 miles ≈ 80.5 km**"),
        ("5 quarts in liters", "**5 US quarts ≈ 4.73 L**"),
        ("770 lb in kg", "**770 lb ≈ 349 kg**"),
        ("spark plug gap 0.8 mm in inches", "**0.8 mm ≈ 0.0315 inches**"),
        ("what size is 12 inches in mm", "**12 inches ≈ 305 mm**"),
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
        "i live in a 50 mile radius",
        "tires are 12 in",
        "1e9 km in miles",
    ],
)
def test_no_conversion_without_a_quantity_and_a_unit_asked_for(question: str) -> None:
    assert convert(question.lower()) is None


def test_the_arithmetic_is_given_even_when_no_entry_answers() -> None:
    from pathlib import Path

    from bot.core.answering import Answerer
    from bot.core.knowledge import load_dir

    answerer = Answerer(load_dir(Path(__file__).resolve().parents[2] / "knowledge"))
    answer = answerer.answer("convert 3 liters to quarts")
    assert "**3 L ≈ 3.17 US quarts**" in answer.text
