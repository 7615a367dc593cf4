"""Fourteenth session: understanding and passage choices found on the harvested sets' working halves."""

from __future__ import annotations

from bot.core.answering import Answerer


def test_asking_for_the_paperwork_quotes_the_title_condition(answerer: Answerer) -> None:
    # "paperwork" asks what the clerk wants filed: the card's title line (the affidavit), not only its speed band
    answer = answerer.answer(
        "TN county clerk says my mini truck would be a 'medium speed vehicle' - what paperwork do they want?"
    )
    assert answer.answered and answer.state == "TN"
    assert "- **Title:**" in answer.body
