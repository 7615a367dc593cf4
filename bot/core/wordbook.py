"""The vocabulary of the core's question rules, read from ``data/question_words.yaml``.

The rules (which word before a state code makes it a state, what says a truck is already imported) stay in
code; the words they look for are data, named in that file. Word sets are compared with single words of a
question; phrase lists become regex alternations (see the file's header for their two conventions).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from bot.core.text import content_tokens, normalise

_WORDBOOK_FILE = Path(__file__).with_name("data") / "question_words.yaml"
# between two words of a phrase: a space, a hyphen or nothing ("off road", "off-road", "offroad")
_PHRASE_JOINER = "[- ]?"


@functools.cache
def _wordbook() -> dict[str, list[str] | dict[str, str]]:
    with _WORDBOOK_FILE.open(encoding="utf-8") as handle:
        book = yaml.safe_load(handle)
    for name, words in book.items():
        values = words.items() if isinstance(words, dict) else [(word, word) for word in words]
        for key, value in values:  # YAML reads a bare no / on / yes as a boolean: such a word must be quoted
            if not isinstance(key, str) or not isinstance(value, str):
                raise ValueError(f"{_WORDBOOK_FILE.name}: {name!r} holds {key!r}, not a word: quote it")
    return book


def word_list(name: str) -> tuple[str, ...]:
    """The named list, in the file's order."""
    return tuple(_wordbook()[name])


def word_set(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


def word_map(name: str) -> dict[str, str]:
    """The named mapping, in the file's order."""
    return dict(_wordbook()[name])


def alternation(name: str) -> str:
    """The named phrases as a regex alternation (no group): a space between words also matches a hyphen or
    nothing, a trailing ``*`` any ending of the word."""
    return "|".join(phrase_pattern(phrase) for phrase in word_list(name))


def phrase_pattern(phrase: str) -> str:
    open_ending = phrase.endswith("*")
    pattern = _PHRASE_JOINER.join(re.escape(word) for word in phrase.removesuffix("*").split())
    return pattern + (r"\w*" if open_ending else "")


def content_words(name: str) -> tuple[str, ...]:
    """The named list as the stemmed content words that matching compares ("numbers" -> "number")."""
    return tuple(content_tokens(normalise(" ".join(word_list(name)))))
