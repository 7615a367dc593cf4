"""Gap report clustering: near-identical unanswered questions count together, different ones stay apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.gaps import GapCluster, cluster_questions, similarity

T0 = datetime(2026, 11, 1, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Asked:
    question_text: str
    asked_at: datetime = T0


def asked(*texts: str, start: datetime = T0) -> list[Asked]:
    return [Asked(text, start + timedelta(minutes=i)) for i, text in enumerate(texts)]


def test_empty_input_gives_no_clusters() -> None:
    assert cluster_questions([]) == []
    assert cluster_questions(asked("", "   ", "?!")) == []


def test_case_and_punctuation_do_not_split_a_question() -> None:
    [cluster] = cluster_questions(
        asked("Is my Carry legal in PA?", "is my carry legal in pa", "IS MY CARRY LEGAL IN PA!!")
    )
    assert cluster.count == 3
    assert cluster.last_seen == T0 + timedelta(minutes=2)


def test_near_identical_questions_count_together() -> None:
    clusters = cluster_questions(
        asked(
            "where do i buy a clutch kit for a ks4 sambar",
            "where to buy clutch kit ks4 sambar",
            "where do i buy a clutch kit for my ks4 sambar?",
            "wher do i buy a cluch kit for a ks4 sambar",  # typos
            "timing belt interval on an ha4 acty",
            "ha4 acty timing belt interval",  # reordered
        )
    )
    assert [c.count for c in clusters] == [4, 2]
    assert all("sambar" in v for v in clusters[0].variants) and len(clusters[0].variants) == 4
    assert all("timing belt" in v for v in clusters[1].variants)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "is my carry legal in texas",
            "is my carry legal in oklahoma",
        ),  # a different state is a different gap
        ("can i drive a kei truck on the highway in ohio", "can i drive a kei truck on the highway in iowa"),
        ("timing belt interval ha4 acty", "timing belt interval ha3 acty"),
        ("clutch", "where do i buy a clutch kit for a ks4 sambar"),  # a subset is not the same question
        ("is a 1998 carry importable", "oil capacity of a 1998 carry"),
    ],
)
def test_different_questions_stay_apart(a: str, b: str) -> None:
    assert len(cluster_questions(asked(a, b))) == 2


def test_most_frequent_first_then_most_recent() -> None:
    questions = [
        *asked("rare question about tyres", start=T0 + timedelta(days=5)),
        *asked("is my carry legal in guam", "is my carry legal in guam", start=T0),
        *asked(
            "hijet parking brake adjustment", "hijet parking brake adjustment", start=T0 + timedelta(days=1)
        ),
        *asked("minicab u62t fuel pump", "minicab u62t fuel pump", "minicab u62t fuel pump", start=T0),
    ]
    clusters = cluster_questions(questions)
    assert [(c.example, c.count) for c in clusters] == [
        ("minicab u62t fuel pump", 3),
        ("hijet parking brake adjustment", 2),  # ties broken by the most recent
        ("is my carry legal in guam", 2),
        ("rare question about tyres", 1),
    ]
    assert cluster_questions(questions, limit=2) == clusters[:2]
    assert cluster_questions(questions, limit=0) == []


def test_the_example_is_the_most_frequent_phrasing() -> None:
    [cluster] = cluster_questions(
        asked(
            "is my 98 carry legal in pa",
            "Is my 98 Carry legal in PA?",
            "is my 98 carry legal in pa",
            "is the 98 carry legal in pa",
        )
    )
    assert cluster.example == "is my 98 carry legal in pa"
    assert cluster.count == 4
    assert cluster.variants == ("is my 98 carry legal in pa", "is the 98 carry legal in pa")


def test_last_seen_is_the_latest_question_and_naive_times_are_utc() -> None:
    questions = [
        Asked("hijet clutch", datetime(2026, 1, 2, 3, 4)),
        Asked("hijet clutch?", datetime(2026, 5, 1, tzinfo=UTC)),
        Asked("Hijet clutch", datetime(2026, 3, 1, tzinfo=UTC)),
    ]
    [cluster] = cluster_questions(questions)
    assert cluster == GapCluster("hijet clutch", 3, datetime(2026, 5, 1, tzinfo=UTC), ("hijet clutch",))


def test_threshold_controls_how_loose_clusters_are() -> None:
    questions = asked("where to buy clutch kit sambar", "where do i buy a clutch kit for my sambar")
    assert len(cluster_questions(questions)) == 1
    assert len(cluster_questions(questions, threshold=99)) == 2
    assert len(cluster_questions(asked("legal in pa", "oil for acty"), threshold=0)) == 1


def test_members_join_the_closest_cluster_not_the_first() -> None:
    questions = asked(
        *["acty timing belt interval"] * 3,
        *["acty timing chain interval"] * 2,
        "acty timing chain intervals",
    )
    clusters = {c.example: c.count for c in cluster_questions(questions, threshold=85)}
    assert clusters == {"acty timing belt interval": 3, "acty timing chain interval": 3}


def test_similarity_is_symmetric_and_bounded() -> None:
    pairs = [("legal in pa", "legal in ga"), ("clutch", "clutch kit sambar"), ("a b c", "c b a")]
    for a, b in pairs:
        assert similarity(a, b) == similarity(b, a)
        assert 0 <= similarity(a, b) <= 100
    assert similarity("c b a", "a b c") == 100


words = st.sampled_from(
    ["carry", "acty", "legal", "pa", "clutch", "kit", "where", "buy", "oil", "ha4", "1998"]
)
questions_strategy = st.lists(st.lists(words, min_size=1, max_size=6).map(" ".join), max_size=40)


@given(questions_strategy)
def test_every_question_is_counted_exactly_once(texts: list[str]) -> None:
    clusters = cluster_questions(asked(*texts))
    assert sum(c.count for c in clusters) == len(texts)
    assert [c.count for c in clusters] == sorted((c.count for c in clusters), reverse=True)
    all_variants = [v for c in clusters for v in c.variants]
    assert len(all_variants) == len(set(all_variants)) == len(set(texts))
