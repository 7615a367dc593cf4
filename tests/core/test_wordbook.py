"""The question vocabulary as data: how data/question_words.yaml's lists are read, and that a bad list is
refused with a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core import wordbook


@pytest.fixture
def book_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the wordbook at a file of the test's own; the real one is read again afterwards."""

    def write(text: str) -> None:
        path = tmp_path / "question_words.yaml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(wordbook, "_WORDBOOK_FILE", path)
        wordbook._wordbook.cache_clear()

    yield write
    wordbook._wordbook.cache_clear()


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("get an off road title", True),
        ("get an off-road title", True),
        ("get an offroad title", True),
        ("is it eligible yet", True),  # "eligib*": any ending
        ("eligibility", True),
        ("off the road", False),
        ("going off roading", False),  # no "*": the phrase's last word is whole
        ("road title", False),
    ],
)
def test_phrases_meet_hyphens_run_together_words_and_open_endings(book_file, text, matches):
    book_file("route: [off road, eligib*]\n")
    assert bool(re.search(rf"\b({wordbook.alternation('route')})\b", text)) is matches


def test_phrase_words_are_taken_literally(book_file):
    book_file("phrases: [a.b, who's]\n")
    pattern = re.compile(rf"\b({wordbook.alternation('phrases')})\b")
    assert pattern.search("a.b and who's")
    assert not pattern.search("axb") and not pattern.search("whos")


def test_lists_keep_the_files_order_and_maps_their_pairs(book_file):
    book_file(
        "cars: [alto works, alto]\nverdicts:\n  Probably yes: Probably registrable\n  'Yes': Registrable\n"
    )
    assert wordbook.word_list("cars") == ("alto works", "alto")
    assert wordbook.word_set("cars") == {"alto", "alto works"}
    assert list(wordbook.word_map("verdicts").items()) == [
        ("Probably yes", "Probably registrable"),
        ("Yes", "Registrable"),
    ]


def test_content_words_are_the_stemmed_words_matching_compares(book_file):
    book_file("words: [the numbers, cross reference]\n")
    assert wordbook.content_words("words") == ("number", "cross", "referenc")  # "the" is no content word


@pytest.mark.parametrize("value", ["no", "on", "yes", "off", "1999"])
def test_a_word_yaml_reads_as_something_else_is_refused_by_name(book_file, value):
    book_file(f"id_nouns: [plate, {value}]\n")
    with pytest.raises(ValueError, match=r"'id_nouns' holds .*quote it"):
        wordbook.word_set("id_nouns")


def test_the_real_file_loads_and_its_quoted_words_stay_words():
    wordbook._wordbook.cache_clear()
    book = wordbook._wordbook()  # raises if any list holds something YAML read as other than a word
    assert "no" in book["id_nouns"] and "" in book["clause_end_words"] and "on" in book["after_the_trucks"]
