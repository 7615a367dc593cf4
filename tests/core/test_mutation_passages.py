"""Choosing and rendering passages, case by case on small hand-made entries: the bookkeeping mutmut showed
no test would notice breaking (issue 16). Sizes count the passage text and its heading."""

from __future__ import annotations

import pytest

from bot.core.passages import RELATIVE_CUTOFF, EntryPassages, Passage, overview, render, select


def passage(order: int, text: str, words: str, heading: str = "") -> Passage:
    return Passage(order, heading, text, frozenset(words.split()))


def cut(*passages: Passage) -> EntryPassages:
    return EntryPassages(lead="**Lead.**", passages=tuple(passages), facts_from=0)


# ------------------------------------------------------------------ select


def test_nothing_shared_is_no_match() -> None:
    assert select(cut(passage(0, "- oil", "oil")), {"belt": 1.0}, 1000) == ([], False)


def test_matching_passages_come_back_in_entry_order_with_a_match_flag() -> None:
    first, second = (
        passage(0, "- belt every 100,000 km", "belt km"),
        passage(1, "- belt snapped", "belt snap"),
    )
    chosen, matched = select(cut(first, second), {"belt": 1.0, "km": 2.0}, 1000)
    assert chosen == [first, second] and matched is True


def test_passages_far_below_the_best_are_left_out_and_the_cutoff_itself_stays() -> None:
    best = passage(0, "- a", "belt km")
    at_cutoff = passage(1, "- b", "side")
    under = passage(2, "- c", "under")
    wanted = {"belt": 1.0, "km": 1.0, "side": 2.0 * RELATIVE_CUTOFF, "under": 2.0 * RELATIVE_CUTOFF - 0.01}
    chosen, _ = select(cut(best, at_cutoff, under), wanted, 1000)
    assert chosen == [best, at_cutoff]


def test_the_budget_counts_text_and_heading_and_skips_what_does_not_fit() -> None:
    heading = "**Heading**"  # 11 characters
    big = passage(0, "x" * 50, "belt", heading)  # 61 with its heading
    too_big = passage(1, "y" * 40, "belt", heading)  # 51: 61 + 51 > 100
    small = passage(2, "z" * 28, "belt", heading)  # 39: 61 + 39 = 100, exactly the budget
    chosen, matched = select(cut(big, too_big, small), {"belt": 1.0}, 100)
    assert chosen == [big, small] and matched  # the one that does not fit is skipped, not the end


def test_the_best_passage_is_quoted_even_over_budget() -> None:
    huge = passage(0, "x" * 500, "belt")
    assert select(cut(huge), {"belt": 1.0}, 10) == ([huge], True)


def test_a_later_smaller_passage_fits_in_what_is_left() -> None:
    a = passage(0, "a" * 60, "belt km")
    b = passage(1, "b" * 60, "belt")
    c = passage(2, "c" * 30, "belt")
    chosen, _ = select(cut(a, b, c), {"belt": 1.0, "km": 0.5}, 95)
    assert chosen == [a, c]  # b (60) would pass 95, c (30) fits


# ------------------------------------------------------------------ overview


def test_the_overview_takes_the_first_passages_that_fit_and_stops_at_the_first_that_does_not() -> None:
    a, b, c, d = (
        passage(n, t * size, "") for n, (t, size) in enumerate([("a", 40), ("b", 40), ("c", 30), ("d", 5)])
    )
    assert overview(cut(a, b, c, d), 80) == [a, b]  # 40 + 40 = 80 fits exactly; c would pass it; d is after c
    assert overview(cut(a, b, c, d), 79) == [a]


def test_the_overview_counts_headings() -> None:
    a, b = passage(0, "a" * 30, "", "**H**"), passage(1, "b" * 30, "", "**H**")  # 35 each
    assert overview(cut(a, b), 70) == [a, b]
    assert overview(cut(a, b), 69) == [a]


def test_the_overview_always_has_the_first_passage() -> None:
    a = passage(0, "a" * 100, "")
    assert overview(cut(a), 1) == [a]
    assert overview(cut(), 100) == []


# ------------------------------------------------------------------ render


@pytest.mark.parametrize(
    ("passages", "markdown"),
    [
        ([passage(0, "- one", "", "**A**"), passage(1, "- two", "", "**A**")], "**A**\n- one\n- two"),
        ([passage(0, "- one", "", "**A**"), passage(1, "- two", "", "**B**")], "**A**\n- one\n**B**\n- two"),
        ([passage(0, "Plain.", ""), passage(1, "- two", "", "**A**")], "Plain.\n**A**\n- two"),
        ([passage(0, "- one", "", "**A**"), passage(1, "Plain.", ""), passage(2, "- two", "", "**A**")],
         "**A**\n- one\nPlain.\n**A**\n- two"),  # the heading again after a passage without one
        ([], ""),
    ],
)  # fmt: skip
def test_each_heading_is_shown_once_above_its_first_quoted_item(
    passages: list[Passage], markdown: str
) -> None:
    assert render(passages) == markdown


def test_a_passage_under_a_heading_asking_something_else_counts_half() -> None:
    from bot.core.passages import EntryPassages, select

    plain = Passage(0, "", "cert a", frozenset({"cert", "a"}))
    other = Passage(1, "**Lost it?**", "cert b", frozenset({"cert", "b", "lost"}), frozenset({"lost"}))
    cut = EntryPassages("", (plain, other), 2)
    # the first scores 3, the second 1 on "cert", halved to 0.5 under "Lost it?": under the cut-off (0.2 x 3)
    # only because of the heading...
    chosen, _ = select(cut, {"cert": 1.0, "a": 2.0}, 10_000)
    assert chosen == [plain]
    # ...and asked about losing it, the second is what is asked
    chosen, _ = select(cut, {"cert": 1.0, "lost": 1.0}, 10_000)
    assert other in chosen
