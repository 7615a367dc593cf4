"""The December-of-the-25th-year headline, pinned (issue 16, mutmut survivors of ``Eligibility.describe``).

With only the build year known, the last possible anniversary month is December of year + 25: in that month a
truck built up to November is already 25, one built in December turns 25 some day this month. The headline must
not say a plain "eligible" then, and must name the right months. With the build month known, December is an
ordinary anniversary month: "eligible" plus the check-the-build-day caveat."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core import eligibility

PLAIN_ELIGIBLE = "**25-year rule (NHTSA / FMVSS): eligible.**"
ONCE_25 = "**25-year rule (NHTSA / FMVSS): eligible once it is 25 years from its build month.**"
CAVEAT = "This is the anniversary month itself"


def test_year_only_in_the_last_anniversary_month_is_not_a_plain_eligible() -> None:
    text = eligibility.check(2001, None, dt.date(2026, 12, 10)).describe()
    assert ONCE_25 in text
    assert PLAIN_ELIGIBLE not in text
    assert "a truck built in 2001 up to November is eligible now" in text
    assert "one built in December 2001 turns 25 on its build day this month" in text


def test_year_only_after_the_last_anniversary_month_is_eligible() -> None:
    text = eligibility.check(2001, None, dt.date(2027, 1, 2)).describe()
    assert PLAIN_ELIGIBLE in text and ONCE_25 not in text
    assert "became 25 years old in December 2026" in text
    assert CAVEAT not in text


def test_a_known_december_build_in_its_anniversary_month_is_eligible_with_the_caveat() -> None:
    text = eligibility.check(2001, 12, dt.date(2026, 12, 5)).describe()
    assert PLAIN_ELIGIBLE in text and ONCE_25 not in text
    assert "became 25 years old in December 2026" in text
    assert CAVEAT in text


def test_a_known_month_after_its_anniversary_has_no_caveat() -> None:
    text = eligibility.check(2001, 3, dt.date(2026, 12, 5)).describe()
    assert PLAIN_ELIGIBLE in text and ONCE_25 not in text and CAVEAT not in text
    assert "became 25 years old in March 2026" in text


def test_year_only_before_december_depends_on_the_month_not_the_december_headline() -> None:
    text = eligibility.check(2001, None, dt.date(2026, 11, 25)).describe()
    assert "depends on the build month" in text
    assert ONCE_25 not in text and PLAIN_ELIGIBLE not in text
    assert "a truck built in November 2001 or earlier is eligible now (November 2026)" in text


def test_not_yet_eligible_names_both_ends_when_only_the_year_is_known() -> None:
    text = eligibility.check(2003, None, dt.date(2026, 12, 5)).describe()
    assert "not yet eligible" in text
    assert "turns 25 in January 2028 at the earliest (January build) and December 2028 at the latest" in text
    known = eligibility.check(2003, 6, dt.date(2026, 12, 5)).describe()
    assert "turns 25 in June 2028." in known and "at the earliest" not in known


@pytest.mark.parametrize(
    ("today", "verdict"),
    [
        (dt.date(2026, 12, 6), "none is old enough yet"),
        (
            dt.date(2027, 1, 1),
            "some are old enough now and some are not yet: it depends on each truck's build month",
        ),
        (
            dt.date(2038, 11, 30),
            "some are old enough now and some are not yet: it depends on each truck's build month",
        ),
        (dt.date(2038, 12, 1), "all of them are old enough now"),
    ],
)
def test_a_generation_is_eligible_from_its_first_january_to_its_last_december(
    today: dt.date, verdict: str
) -> None:
    text = eligibility.describe_generation("DA63T", 2002, 2013, today)
    assert text.startswith(f"**DA63T trucks were built 2002 to 2013, so under the 25-year rule {verdict}.**")
    assert "January 2027 at the earliest" in text and "by December 2038" in text


@pytest.mark.parametrize(
    ("today", "verdict"),
    [
        (dt.date(2027, 4, 30), "none is old enough yet"),
        (dt.date(2027, 5, 1), "some are old enough now"),
        (dt.date(2038, 7, 31), "some are old enough now"),
        (dt.date(2038, 8, 1), "all of them are old enough now"),
    ],
)
def test_a_generation_with_known_build_months_counts_from_them(today: dt.date, verdict: str) -> None:
    text = eligibility.describe_generation("DA63T", 2002, 2013, today, 5, 8)
    assert text.startswith("**DA63T trucks were built May 2002 to August 2013, so under the 25-year rule ")
    assert verdict in text.split("**")[1]
    assert "May 2027 at the earliest" in text and "by August 2038" in text
