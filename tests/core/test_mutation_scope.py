"""Which other vehicle a question names, field by field (issue 16, mutmut survivors of ``other_vehicle``):
the scope line shows its label and picks the rule from its rule, so each must come from its own column."""

from __future__ import annotations

from bot.core.scope import OtherVehicle, other_vehicle
from bot.core.text import normalise
from bot.core.understand import Understanding


def _u(text: str) -> Understanding:
    return Understanding(raw=text, text=normalise(text), tokens=tuple(normalise(text).split()))


def test_a_utv_is_named_with_its_category_label_rule_and_words() -> None:
    assert other_vehicle(_u("is a polaris ranger street legal")) == OtherVehicle(
        "utv", "a UTV or side-by-side", "state", "polaris ranger"
    )


def test_an_import_gets_the_federal_rule() -> None:
    assert other_vehicle(_u("can i import a delica")) == OtherVehicle(
        "jdm_import", "another Japanese import", "federal", "delica"
    )


def test_a_name_at_the_very_end_is_found() -> None:
    found = other_vehicle(_u("thinking about a golf cart"))
    assert found is not None and found.name == "golf cart" and found.category == "golf_cart"
