"""Unit conversions a question asks for ("odometer says 48,000 - is that km? whats that in miles").

Japanese trucks read in kilometres, km/h, kilograms and litres; owners ask in miles, mph, pounds and
quarts. When a question names a number and asks for the other unit, the answer starts with the arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Conversion:
    source: str  # unit the number is in
    target: str  # unit asked for
    factor: float
    source_words: tuple[str, ...]
    target_words: tuple[str, ...]


CONVERSIONS = (
    Conversion(
        "km/h", "mph", 0.621371, ("km/h", "kmh", "kph", "km per hour", "kilometers per hour"), ("mph",)
    ),
    Conversion(
        "km", "miles", 0.621371, ("km", "kms", "kilometers", "kilometres", "k km"), ("miles", "mi", "mile")
    ),
    Conversion("kg", "lb", 2.20462, ("kg", "kgs", "kilos", "kilograms"), ("lbs", "lb", "pounds")),
    Conversion(
        "L",
        "US quarts",
        1.05669,
        ("l", "liters", "litres", "liter", "litre"),
        ("quarts", "quart", "qt", "qts"),
    ),
    Conversion(
        "L", "US gallons", 0.264172, ("l", "liters", "litres", "liter", "litre"), ("gallons", "gallon", "gal")
    ),
    Conversion("mm", "inches", 0.0393701, ("mm", "millimeters", "millimetres"), ("inches", "inch", "in")),
)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k\b)?")
_ASKS_FOR = re.compile(r"\b(in|to|into|convert\w*|how many|what'?s that|what is that|equals?|=)\b")


def _mentions(text: str, words: tuple[str, ...]) -> list[int]:
    """Where any of ``words`` stands as a whole word (or right after a number: "48000km")."""
    hits = []
    for word in words:
        for m in re.finditer(rf"(?<![a-z]){re.escape(word)}(?![a-z/])", text):
            hits.append(m.start())
    return hits


def convert(text: str) -> str | None:
    """The conversion line the question asks for, or None. ``text`` is the normalised question."""
    if not _ASKS_FOR.search(text):
        return None
    numbers = [m for m in _NUMBER.finditer(text) if not (1950 <= _value(m) <= 2030 and "," not in m.group(1))]
    if not numbers:
        return None
    for conversion in CONVERSIONS:
        sources, targets = _mentions(text, conversion.source_words), _mentions(text, conversion.target_words)
        if not sources or not targets:
            continue
        # the number nearest before the source unit, else the first number in the question
        number = max(
            (m for m in numbers if m.start() < min(sources)), key=lambda m: m.start(), default=numbers[0]
        )
        value = _value(number)
        if value <= 0:
            continue
        result = value * conversion.factor
        return (
            f"**{_format(value)} {conversion.source} ≈ {_format(result)} {conversion.target}** "
            f"(1 {conversion.source} = {conversion.factor:g} {conversion.target}; our arithmetic)."
        )
    return None


def _value(match: re.Match[str]) -> float:
    value = float(match.group(1).replace(",", ""))
    return value * 1000 if match.group(2) else value


def _format(value: float) -> str:
    if value >= 100:
        return f"{round(value):,}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")
