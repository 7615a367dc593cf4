"""The eligibility verdicts word for word: the text an owner reads is the behaviour (each sentence's dates,
hedges and caveats), so a changed word is a changed answer. Written from the module's output on 2026-12-06
and read through against the 25-year and 21-year rules before being pinned."""

import datetime as dt

import pytest

from bot.core import eligibility

CASES = [
    (
        dt.date(2026, 12, 6),
        2001,
        3,
        "truck",
        "**25-year rule (NHTSA / FMVSS): eligible.** A truck built in March 2001 became 25 years old in March 2026, counted from its month of manufacture.\n**EPA 21-year exemption: eligible** (import year 2026 minus build year 2001 is at least 21), as long as it is in original configuration.\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
    (
        dt.date(2026, 12, 6),
        2003,
        None,
        "truck",
        "Only the year (2003) is known, so I assumed the build month could be anywhere from January to December 2003. The exact month is on the export certificate and the chassis plate.\n**25-year rule (NHTSA / FMVSS): not yet eligible.** A truck built in 2003 turns 25 in January 2028 at the earliest (January build) and December 2028 at the latest. Until then it cannot be imported for road use; newer trucks come in only as off-road vehicles.\n**EPA 21-year exemption: eligible** (import year 2026 minus build year 2003 is at least 21), as long as it is in original configuration.\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
    (
        dt.date(2026, 12, 6),
        2001,
        None,
        "truck",
        "Only the year (2001) is known, so I assumed the build month could be anywhere from January to December 2001. The exact month is on the export certificate and the chassis plate.\n**25-year rule (NHTSA / FMVSS): eligible once it is 25 years from its build month.** December 2026 is the anniversary month of a late 2001 build: a truck built in 2001 up to November is eligible now; one built in December 2001 turns 25 on its build day this month. Check the build date on the export certificate or the chassis plate before it ships.\n**EPA 21-year exemption: eligible** (import year 2026 minus build year 2001 is at least 21), as long as it is in original configuration.\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
    (
        dt.date(2026, 12, 6),
        2002,
        5,
        "vehicle",
        "**25-year rule (NHTSA / FMVSS): not yet eligible.** A vehicle built in May 2002 turns 25 in May 2027. Until then it cannot be imported for road use; newer vehicles come in only as off-road vehicles.\n**EPA 21-year exemption: eligible** (import year 2026 minus build year 2002 is at least 21), as long as it is in original configuration.\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
    (
        dt.date(2026, 12, 6),
        2001,
        12,
        "truck",
        "**25-year rule (NHTSA / FMVSS): eligible.** A truck built in December 2001 became 25 years old in December 2026, counted from its month of manufacture.\nThis is the anniversary month itself: it turns 25 on the day of that month it was built, so check the exact build date before it ships.\n**EPA 21-year exemption: eligible** (import year 2026 minus build year 2001 is at least 21), as long as it is in original configuration.\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
    (
        dt.date(2026, 6, 15),
        2001,
        None,
        "truck",
        "Only the year (2001) is known, so I assumed the build month could be anywhere from January to December 2001. The exact month is on the export certificate and the chassis plate.\n**25-year rule (NHTSA / FMVSS): depends on the build month.** Built in 2001, it becomes eligible in the same month of 2026: a truck built in June 2001 or earlier is eligible now (June 2026); a later build is not yet.\n**EPA 21-year exemption: eligible** (import year 2026 minus build year 2001 is at least 21), as long as it is in original configuration.\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
    (
        dt.date(2026, 12, 6),
        2008,
        None,
        "truck",
        "Only the year (2008) is known, so I assumed the build month could be anywhere from January to December 2008. The exact month is on the export certificate and the chassis plate.\n**25-year rule (NHTSA / FMVSS): not yet eligible.** A truck built in 2008 turns 25 in January 2033 at the earliest (January build) and December 2033 at the latest. Until then it cannot be imported for road use; newer trucks come in only as off-road vehicles.\n**EPA 21-year exemption: not before 2029** (EPA counts calendar years).\nFederal eligibility only lets the truck into the country; whether your state will title and register it is a separate question.",
    ),
]


@pytest.mark.parametrize(("today", "year", "month", "noun", "text"), CASES)
def test_a_verdict_reads_exactly_so(
    today: dt.date, year: int, month: int | None, noun: str, text: str
) -> None:
    assert eligibility.check(year, month, today).describe(noun=noun) == text


def test_a_generations_dates_read_exactly_so() -> None:
    today = dt.date(2026, 12, 6)
    assert (
        eligibility.describe_generation("DA63T", 2002, 2013, today, 5, 8)
        == '**DA63T trucks were built May 2002 to August 2013, so under the 25-year rule none is old enough yet.** Counted from the month of manufacture, the first could reach 25 years in May 2027 at the earliest and the last by August 2038. The exact build month is on the chassis plate and the export certificate; ask again with it ("built March 2002") for that truck\'s date.'
    )
    assert (
        eligibility.describe_generation("HA3/HA4", 1988, 1999, today)
        == '**HA3/HA4 trucks were built 1988 to 1999, so under the 25-year rule all of them are old enough now.** Counted from the month of manufacture, the first could reach 25 years in January 2013 at the earliest and the last by December 2024. The exact build month is on the chassis plate and the export certificate; ask again with it ("built March 2002") for that truck\'s date.'
    )
    assert (
        eligibility.describe_generation("DA52T", 1999, 2002, today, 1, None)
        == "**DA52T trucks were built January 1999 to 2002, so under the 25-year rule some are old enough now and some are not yet: it depends on each truck's build month.** Counted from the month of manufacture, the first could reach 25 years in January 2024 at the earliest and the last by December 2027. The exact build month is on the chassis plate and the export certificate; ask again with it (\"built March 2002\") for that truck's date."
    )
    assert (
        eligibility.describe_build_years(("U61T", "U62T"), 1999, 2014, 1, None)
        == "**U61T/U62T: built January 1999 to 2014.**"
    )
