"""Unit conversions a question asks for ("odometer says 48,000 - is that km? whats that in miles").

Japanese trucks read in kilometres, km/h, kilograms and litres; owners ask in miles, mph, pounds and
quarts, and the other way round. When a question gives a number with its unit and asks for another unit
of the same kind, the answer starts with the arithmetic.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    name: str  # as shown: "km", "US quarts"
    kind: str  # what it measures; only units of one kind convert into each other
    base: float  # how many of the kind's base unit one of this is
    words: tuple[str, ...]  # how questions write it


UNITS = (
    Unit(
        "km/h",
        "speed",
        1.0,
        ("km/h", "kmh", "kph", "km per hour", "kilometers per hour", "kilometres per hour"),
    ),
    Unit("mph", "speed", 1.609344, ("mph", "miles per hour")),
    Unit("km", "distance", 1.0, ("km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "k km")),
    Unit("miles", "distance", 1.609344, ("miles", "mile", "mi")),
    Unit("kg", "mass", 1.0, ("kg", "kgs", "kilos", "kilograms", "kilogram")),
    Unit("lb", "mass", 0.45359237, ("lbs", "lb", "pounds", "pound")),
    Unit("L", "volume", 1.0, ("l", "liters", "litres", "liter", "litre")),
    Unit("US quarts", "volume", 0.946353, ("quarts", "quart", "qt", "qts")),
    Unit("US gallons", "volume", 3.785412, ("gallons", "gallon", "gal")),
    Unit("mm", "length", 1.0, ("mm", "millimeters", "millimetres", "millimeter", "millimetre")),
    Unit("inches", "length", 25.4, ("inches", "inch", '"')),
)
_WORD = {word: unit for unit in UNITS for word in unit.words}
_UNIT_WORDS = "|".join(sorted((re.escape(w) for w in _WORD), key=len, reverse=True))
# a number written with its unit: "48,000 km", "60kph", "3.2 liters", "60k km" (the number must end the
# number: "1e9" is not 1)
_QUANTITY = re.compile(
    rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(k)?\s*({_UNIT_WORDS})(?![a-z/])", re.IGNORECASE
)
# the unit asked for: "in miles", "to quarts", "how many lbs", "whats that in mph"
_TARGET = re.compile(rf"\b(?:in|into|to|how many|what'?s that in|convert\w*)\s+({_UNIT_WORDS})(?![a-z/])")
# "odometer says 48,000 - is that km?": a bare number, its unit named nearby as a question
_BARE_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{3,}(?:\.\d+)?)(?![\w.,])")
_IS_THAT = re.compile(rf"\b(?:is that|is it|in|that'?s)\s+({_UNIT_WORDS})\b")


def convert(text: str) -> str | None:
    """The conversion line the question asks for, or None. ``text`` is the normalised (case-folded) question."""
    target_match = _TARGET.search(text)
    if target_match is None:
        return None
    target = _WORD[target_match.group(1)]
    for quantity in _QUANTITY.finditer(text):
        source = _WORD[quantity.group(3)]
        if source.kind == target.kind and source is not target:
            return _line(_value(quantity.group(1), quantity.group(2)), source, target)
    # "48,000 - is that km? whats that in miles": the number stands alone and the unit is named as a question
    said = next(
        (_WORD[m.group(1)] for m in _IS_THAT.finditer(text) if _WORD[m.group(1)].kind == target.kind), None
    )
    number = _BARE_NUMBER.search(text)
    if said is not None and said is not target and number is not None:
        return _line(_value(number.group(1), None), said, target)
    return None


def _line(value: float, source: Unit, target: Unit) -> str | None:
    if not 0 < value < 1e9:
        return None
    result = value * source.base / target.base
    factor = source.base / target.base
    return (
        f"**{_format(value)} {source.name} ≈ {_format(result)} {target.name}** "
        f"(1 {source.name} = {_format(factor)} {target.name}; our arithmetic)."
    )


def _value(number: str, thousands: str | None) -> float:
    value = float(number.replace(",", ""))
    return value * 1000 if thousands else value


def _format(value: float) -> str:
    """Three significant figures for small numbers, whole numbers with separators for large ones."""
    if value >= 1000:
        return f"{round(value):,}"
    digits = max(0, 2 - math.floor(math.log10(abs(value)))) if value else 0
    shown = f"{round(value, digits):,.{digits}f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown
