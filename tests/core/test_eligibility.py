"""25-year (FMVSS) and 21-year (EPA) eligibility, computed around month and year boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.eligibility import check


@pytest.mark.parametrize(
    ("build", "today", "eligible"),
    [
        ((2001, 3), dt.date(2026, 2, 28), False),  # the day before the month it turns 25
        ((2001, 3), dt.date(2026, 3, 1), True),  # first day of the 25th-anniversary month
        ((2001, 3), dt.date(2026, 3, 31), True),
        ((2000, 12), dt.date(2025, 11, 30), False),
        ((2000, 12), dt.date(2025, 12, 1), True),
        ((2000, 12), dt.date(2026, 11, 25), True),
        ((2001, 1), dt.date(2025, 12, 31), False),  # across a year boundary
        ((2001, 1), dt.date(2026, 1, 1), True),
        ((2001, 12), dt.date(2026, 11, 30), False),
        ((2015, 6), dt.date(2026, 11, 25), False),
        ((1998, 2), dt.date(2026, 11, 25), True),
    ],
)
def test_fmvss_by_build_month(build: tuple[int, int], today: dt.date, eligible: bool) -> None:
    assert check(build[0], build[1], today).fmvss_eligible is eligible


@pytest.mark.parametrize(
    ("year", "today", "eligible"),
    [
        (2001, dt.date(2025, 12, 31), False),  # even a January 2001 build is not 25 until January 2026
        (2001, dt.date(2026, 1, 1), None),  # depends on the month: a January build is, a December one isn't
        (2001, dt.date(2026, 11, 25), None),
        (2001, dt.date(2026, 12, 1), True),  # even a December 2001 build is 25 by now
        (2000, dt.date(2026, 11, 25), True),
        (2008, dt.date(2026, 11, 25), False),
    ],
)
def test_fmvss_with_only_the_year(year: int, today: dt.date, eligible: bool | None) -> None:
    assert check(year, None, today).fmvss_eligible is eligible


@pytest.mark.parametrize(
    ("year", "today", "eligible"),
    [
        (2005, dt.date(2025, 12, 31), False),
        (2005, dt.date(2026, 1, 1), True),
        (2004, dt.date(2025, 6, 1), True),
    ],
)
def test_epa_counts_calendar_years(year: int, today: dt.date, eligible: bool) -> None:
    assert check(year, 7, today).epa_eligible is eligible


def test_description_states_the_assumption_and_dates() -> None:
    text = check(2001, None, dt.date(2026, 11, 25)).describe()
    assert "Only the year (2001) is known" in text
    assert "depends on the build month" in text
    text = check(2000, 12, dt.date(2026, 11, 25)).describe()
    assert "eligible.** A truck built in December 2000 became 25 years old in December 2025" in text
    text = check(2008, None, dt.date(2026, 11, 25)).describe()
    assert "not yet eligible" in text and "January 2033" in text and "December 2033" in text


def test_invalid_month_falls_back_to_year_only() -> None:
    assert check(2001, 13, dt.date(2026, 11, 25)).build_month is None
