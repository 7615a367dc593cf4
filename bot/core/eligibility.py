"""Federal import eligibility, computed from the build date rather than looked up.

- NHTSA (49 U.S.C. 30112(b)(9)): a vehicle at least 25 years old is exempt from FMVSS at import. Age is
  counted from the month and year of manufacture, so a truck built in March 2001 qualifies from March 2026.
- EPA (Form 3520-1, code E): a vehicle at least 21 years old in original configuration is exempt; EPA
  counts calendar years (import year minus build year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FMVSS_YEARS = 25
EPA_YEARS = 21
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Eligibility:
    build_year: int
    build_month: int | None  # None: only the year is known
    today: dt.date
    fmvss_from: tuple[int, int]  # (year, month) from which the 25-year exemption applies
    fmvss_latest: tuple[int, int]  # the same if the build month is unknown and could be December
    epa_from_year: int

    @property
    def fmvss_eligible(self) -> bool | None:
        """True, False, or None when it depends on the unknown build month."""
        now = (self.today.year, self.today.month)
        if now >= self.fmvss_latest:
            return True
        if now < self.fmvss_from:
            return False
        return None

    @property
    def fmvss_past_25(self) -> bool:
        """Eligible whatever the build month, and past the anniversary month itself (a late December build of
        2001 is not 25 yet in December 2026)."""
        return (self.today.year, self.today.month) > self.fmvss_latest

    @property
    def epa_eligible(self) -> bool:
        return self.today.year >= self.epa_from_year

    def turns_25(self, noun: str = "truck") -> str:
        """When a truck not yet eligible turns 25, in one clause ("a truck built in 2003 turns 25 in January 2028 at
        the earliest"), for an answer that has already given the whole verdict once."""
        built = _month_year(self.build_year, self.build_month)
        return f"a {noun} built in {built} turns 25 in {_when(self.fmvss_from)}" + (
            " at the earliest" if self.build_month is None else ""
        )

    def turned_25(self) -> str:
        """When an eligible truck turned 25, as a predicate ("turned 25 by December 2021")."""
        return f"turned 25 by {_when(self.fmvss_latest)}"

    def describe(self, noun: str = "truck") -> str:
        """The verdict in words; ``noun`` names what was built ("truck", or "vehicle" for a kei car or other
        import)."""
        built = _month_year(self.build_year, self.build_month)
        lines = []
        if self.build_month is None:
            lines.append(
                f"Only the year ({self.build_year}) is known, so I assumed the build month could be anywhere "
                f"from January to December {self.build_year}. The exact month is on the export certificate "
                "and the chassis plate."
            )
        eligible = self.fmvss_eligible
        now = (self.today.year, self.today.month)
        if eligible is True and self.build_month is None and now == self.fmvss_latest:
            # The last possible anniversary month is this month: a truck built late in December of that
            # year may not be 25 yet today, so "eligible" would be too strong.
            lines.append(
                f"**25-year rule (NHTSA / FMVSS): eligible once it is 25 years from its build month.** "
                f"{_when(now)} is the anniversary month of a late {self.build_year} build: a {noun} built in "
                f"{self.build_year} up to {MONTH_NAMES[self.today.month - 2]} is eligible now; one built in "
                f"{MONTH_NAMES[self.today.month - 1]} {self.build_year} turns 25 on its build day this month. "
                "Check the build date on the export certificate or the chassis plate before it ships."
            )
        elif eligible is True:
            lines.append(
                f"**25-year rule (NHTSA / FMVSS): eligible.** A {noun} built in {built} became 25 years old in "
                f"{_when(self.fmvss_latest if self.build_month is None else self.fmvss_from)}, counted from "
                "its month of manufacture."
            )
            if (self.today.year, self.today.month) == self.fmvss_latest:
                lines.append(
                    "This is the anniversary month itself: it turns 25 on the day of that month it was built, "
                    "so check the exact build date before it ships."
                )
        elif eligible is False:
            lines.append(
                f"**25-year rule (NHTSA / FMVSS): not yet eligible.** A {noun} built in {built} turns 25 in "
                f"{_when(self.fmvss_from)}"
                + (
                    f" at the earliest (January build) and {_when(self.fmvss_latest)} at the latest"
                    if self.build_month is None
                    else ""
                )
                + f". Until then it cannot be imported for road use; newer {noun}s come in only as "
                "off-road vehicles."
            )
        else:
            lines.append(
                f"**25-year rule (NHTSA / FMVSS): depends on the build month.** Built in {self.build_year}, it "
                f"becomes eligible in the same month of {self.build_year + FMVSS_YEARS}: a {noun} built in "
                f"{MONTH_NAMES[self.today.month - 1]} {self.build_year} or earlier is eligible now "
                f"({_when((self.today.year, self.today.month))}); a later build is not yet."
            )
        if self.epa_eligible:
            lines.append(
                f"**EPA 21-year exemption: eligible** (import year {self.today.year} minus build year "
                f"{self.build_year} is at least {EPA_YEARS}), as long as it is in original configuration."
            )
        else:
            lines.append(
                f"**EPA 21-year exemption: not before {self.epa_from_year}** (EPA counts calendar years)."
            )
        lines.append(
            "Federal eligibility only lets the truck into the country; whether your state will title and "
            "register it is a separate question."
        )
        return "\n".join(lines)


def check(build_year: int, build_month: int | None, today: dt.date) -> Eligibility:
    if build_month is not None and not 1 <= build_month <= 12:
        build_month = None
    first = (build_year + FMVSS_YEARS, build_month or 1)
    latest = (build_year + FMVSS_YEARS, build_month or 12)
    return Eligibility(
        build_year=build_year,
        build_month=build_month,
        today=today,
        fmvss_from=first,
        fmvss_latest=latest,
        epa_from_year=build_year + EPA_YEARS,
    )


def _month_year(year: int, month: int | None) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}" if month else str(year)


def _when(year_month: tuple[int, int]) -> str:
    return f"{MONTH_NAMES[year_month[1] - 1]} {year_month[0]}"


def describe_build_years(
    codes: tuple[str, ...] | list[str],
    first_year: int,
    last_year: int,
    first_month: int | None = None,
    last_month: int | None = None,
) -> str:
    """When a generation was built, for "what years did they make the U62T": the sheet's codes and years,
    with the months where the sheet gives them."""
    first = _when((first_year, first_month)) if first_month else str(first_year)
    last = _when((last_year, last_month)) if last_month else str(last_year)
    return f"**{'/'.join(codes)}: built {first} to {last}.**"


def describe_generation(
    name: str,
    first_year: int,
    last_year: int,
    today: dt.date,
    first_month: int | None = None,
    last_month: int | None = None,
) -> str:
    """When the trucks of a generation built from ``first_year`` to ``last_year`` reach the 25-year rule,
    for "is the DA63T old enough to import yet?": the first of them 25 years after its first build month
    (January at the earliest when no source gives it), the last 25 years after its last (December at the
    latest)."""
    earliest, latest, share = _span_verdict(first_year, last_year, today, first_month, last_month)
    verdict = {
        "all": "all of them are old enough now",
        "some": "some are old enough now and some are not yet: it depends on each truck's build month",
        "none": "none is old enough yet",
    }[share]
    first = _when((first_year, first_month)) if first_month else str(first_year)
    last = _when((last_year, last_month)) if last_month else str(last_year)
    return (
        f"**{name} trucks were built {first} to {last}, so under the 25-year rule {verdict}.** Counted "
        f"from the month of manufacture, the first could reach 25 years in {_when(earliest.fmvss_from)} at the "
        f"earliest and the last by {_when(latest.fmvss_from)}. The exact build month is on the chassis plate "
        'and the export certificate; ask again with it ("built March 2002") for that truck\'s date.'
    )


def describe_span(first_year: int, last_year: int, today: dt.date) -> str:
    """The 25-year and 21-year rules for a span of build years the owner gave ("a late 2000s hijet": 2007 to
    2009), rather than for its first year."""
    earliest, latest, share = _span_verdict(first_year, last_year, today)
    now = (today.year, today.month)

    def reaches(year_month: tuple[int, int]) -> str:
        return f"{'reached' if now >= year_month else 'reaches'} it in {_when(year_month)}"

    verdict = {
        "all": "eligible, all of them",
        "some": "some are eligible now, the later builds not yet",
        "none": "not yet eligible, none of them",
    }[share]
    lines = [
        f"You gave a span of build years ({first_year} to {last_year}), not one year, so this is for all of "
        "them; the exact build date is on the export certificate and the chassis plate.",
        f"**25-year rule (NHTSA / FMVSS): {verdict}.** Counted from the month of manufacture, a truck built in "
        f"January {first_year} {reaches(earliest.fmvss_from)} and one built in December {last_year} "
        f"{reaches(latest.fmvss_from)}"
        + ("." if now >= latest.fmvss_from else "; until it is 25, a truck cannot be imported for road use."),
    ]
    if check(last_year, None, today).epa_eligible:
        lines.append("**EPA 21-year exemption: eligible** for all of them, in original configuration.")
    elif check(first_year, None, today).epa_eligible:
        lines.append(
            f"**EPA 21-year exemption:** a truck built in {today.year - EPA_YEARS} or earlier is eligible now "
            "(EPA counts calendar years); a later one is not yet."
        )
    else:
        lines.append(
            f"**EPA 21-year exemption: not before {first_year + EPA_YEARS}** (EPA counts calendar years)."
        )
    lines.append(
        "Federal eligibility only lets the truck into the country; whether your state will title and "
        "register it is a separate question."
    )
    return "\n".join(lines)


def none_old_enough(
    first_year: int,
    last_year: int,
    today: dt.date,
    first_month: int | None = None,
    last_month: int | None = None,
) -> bool:
    """Whether not one truck of a generation built from ``first_year`` to ``last_year`` is 25 years old yet."""
    return _span_verdict(first_year, last_year, today, first_month, last_month)[2] == "none"


def _span_verdict(
    first_year: int,
    last_year: int,
    today: dt.date,
    first_month: int | None = None,
    last_month: int | None = None,
) -> tuple[Eligibility, Eligibility, str]:
    """The first and last possible builds of a span, and whether "all", "some" or "none" of it is 25 years old."""
    earliest, latest = check(first_year, first_month or 1, today), check(last_year, last_month or 12, today)
    now = (today.year, today.month)
    share = "all" if now >= latest.fmvss_from else "some" if now >= earliest.fmvss_from else "none"
    return earliest, latest, share
