import pytest

from bot.core import passages


def test_the_state_topics_file_is_read_once() -> None:
    """Start-up calls it for every state entry; it was re-read each time when its cache went missing."""
    assert passages.state_topics() is passages.state_topics()
    assert passages.related_conditions() is passages.related_conditions()


def _item(order: int, text: str, heading: str = "**Steps**") -> passages.Passage:
    return passages.Passage(order, heading, text, frozenset())


@pytest.mark.parametrize(
    ("texts", "shown"),
    [
        # the whole list, or its start: the numbers stay
        (["1. Drain.", "2. Fill."], ["1. Drain.", "2. Fill."]),
        (["1. Drain."], ["1. Drain."]),
        # a gap or a missing start reads as a lost line: bullets instead
        (["1. Drain.", "3. Check."], ["- Drain.", "- Check."]),
        (["2. Fill."], ["- Fill."]),
        # bullets are left alone
        (["- One.", "- Two."], ["- One.", "- Two."]),
    ],
)
def test_numbered_items_quoted_out_of_a_longer_list_become_bullets(
    texts: list[str], shown: list[str]
) -> None:
    rendered = passages.render([_item(i, t) for i, t in enumerate(texts)])
    assert rendered.splitlines() == ["**Steps**", *shown]


def test_each_headings_list_is_numbered_on_its_own() -> None:
    quoted = [
        _item(0, "1. Drain.", "**Oil**"),
        _item(1, "2. Refill.", "**Oil**"),
        _item(2, "3. Bleed.", "**Brakes**"),
    ]
    assert passages.render(quoted).splitlines() == [
        "**Oil**",
        "1. Drain.",
        "2. Refill.",
        "**Brakes**",
        "- Bleed.",
    ]


def test_a_bold_opening_followed_by_a_plain_sentence_is_the_lead_without_the_summary(real_kb) -> None:
    entry = real_kb.by_id["engine-access-under-seat"]
    lead = passages.cut(entry).lead
    assert lead.startswith("**There is no bonnet on a kei truck") and "Makers did this" in lead
    assert entry.summary and entry.summary not in lead  # it says the bold part again
