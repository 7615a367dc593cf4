"""The ranking weights, pinned: the slot and intent bonuses are what keeps a fact about another truck, another
generation or another kind of question below the right one. The ordering tests (test_policy_guards) say which
entry should win; these say by how much, so a weight that drifts (a twin worth as much as the asked model, a
wrong chassis code that costs nothing) fails here even when the small fixture orderings still hold.

Written against mutmut's survivors (issue 16): each assertion kills one or more mutants of ``_slot_bonus`` /
``_intent_bonuses`` in bot/core/matching.py."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter

import pytest
from rapidfuzz import fuzz, process

from bot.core import matching
from bot.core.answering import Answerer
from bot.core.knowledge import KnowledgeBase
from bot.core.matching import Index, _intent_bonuses, _max_slot_bonus, _slot_bonus
from bot.core.schema import Entry, Kind
from bot.core.text import content_tokens, normalise
from bot.core.understand import Understanding, understand
from tests.conftest import ROOT

CARRY, ACTY, SCRUM = "Suzuki Carry", "Honda Acty", "Mazda Scrum"


def _entry(
    kb: KnowledgeBase,
    model: str | None = None,
    codes: tuple[str, ...] = (),
    years: tuple[int, int] | None = None,
) -> Entry:
    base = next(e for e in kb.entries if e.kind is Kind.MAINTENANCE)
    return base.model_copy(update={"model": model, "chassis_codes": list(codes), "years": years})


def _asked(
    models: tuple[str, ...] = (),
    owned: str | None = None,
    code: str | None = None,
    year: int | None = None,
) -> Understanding:
    return Understanding(
        raw="q", text="q", tokens=("q",), models=models, owned_model=owned, chassis_code=code, year=year
    )


@pytest.mark.parametrize(
    ("entry_model", "asked", "twins", "bonus"),
    [
        (CARRY, _asked(models=(CARRY,)), {}, 0.12),  # the asked model
        (CARRY, _asked(owned=CARRY), {}, 0.12),  # "my carry": asked, though not among the named models
        (CARRY, _asked(models=(ACTY, CARRY)), {}, 0.12),  # named second ("acty or carry")
        (CARRY, _asked(models=(SCRUM,)), {SCRUM: CARRY}, 0.06),  # the question's model is a rebadge
        (CARRY, _asked(models=(SCRUM,)), {CARRY: SCRUM}, 0.06),  # the twins table the other way round
        (CARRY, _asked(models=(ACTY,)), {SCRUM: CARRY}, -1.0),  # another model: never the answer
        (None, _asked(models=(CARRY,)), {}, -0.02),  # a general entry for a model question
        (CARRY, _asked(), {}, -0.15),  # a model-specific fact for a question that named no model
        (None, _asked(), {}, 0.0),  # neither names a model
    ],
)
def test_model_bonus(
    mini_kb: KnowledgeBase, entry_model: str | None, asked: Understanding, twins: dict[str, str], bonus: float
) -> None:
    assert _slot_bonus(_entry(mini_kb, entry_model), asked, twins) == pytest.approx(bonus)


def test_another_model_is_excluded_whatever_else_agrees(mini_kb: KnowledgeBase) -> None:
    entry = _entry(mini_kb, ACTY, codes=("HA4",), years=(1990, 1999))
    assert _slot_bonus(entry, _asked(models=(CARRY,), code="HA4", year=1995), {}) <= -1


@pytest.mark.parametrize(
    ("codes", "asked_code", "bonus"),
    [
        (("HA3", "HA4"), "HA4", 0.08),  # the asked generation
        # another generation: under a general entry for the model (0.12 - 0.2 < -0.02)
        (("HA3", "HA4"), "HA7", -0.2),
        (("HA3", "HA4"), None, 0.0),  # the question names no code: neither up nor down
        ((), "HA4", 0.0),  # the entry covers every generation
    ],
)
def test_chassis_code_bonus(
    mini_kb: KnowledgeBase, codes: tuple[str, ...], asked_code: str | None, bonus: float
) -> None:
    entry = _entry(mini_kb, ACTY, codes=codes)
    got = _slot_bonus(entry, _asked(models=(ACTY,), code=asked_code), {})
    assert got == pytest.approx(0.12 + bonus)


@pytest.mark.parametrize(
    ("year", "bonus"),
    [(1990, 0.04), (1995, 0.04), (1999, 0.04), (1989, -0.08), (2000, -0.08), (None, 0.0)],
)
def test_year_bonus_covers_both_ends_of_the_range(
    mini_kb: KnowledgeBase, year: int | None, bonus: float
) -> None:
    entry = _entry(mini_kb, None, years=(1990, 1999))
    assert _slot_bonus(entry, _asked(year=year), {}) == pytest.approx(bonus)


def test_year_of_a_year_less_entry_changes_nothing(mini_kb: KnowledgeBase) -> None:
    assert _slot_bonus(_entry(mini_kb), _asked(year=1995), {}) == 0.0


def test_the_slot_bonuses_add_up(mini_kb: KnowledgeBase) -> None:
    entry = _entry(mini_kb, ACTY, codes=("HA4",), years=(1990, 1999))
    assert _slot_bonus(entry, _asked(models=(ACTY,), code="HA4", year=1995), {}) == pytest.approx(0.24)
    assert _slot_bonus(entry, _asked(models=(ACTY,), code="HA7", year=2005), {}) == pytest.approx(
        0.12 - 0.2 - 0.08
    )


# Intent: the cue words' shares become +0.15 for the kind they all point at, -0.05 for kinds they do not.


def test_no_cues_no_intent_bonus() -> None:
    assert set(_intent_bonuses({}).values()) == {0.0}


def test_one_cue_points_at_its_kind_and_away_from_the_rest() -> None:
    bonuses = _intent_bonuses({"maintenance": 1.0})
    assert bonuses[Kind.MAINTENANCE] == 0.15
    assert {bonuses[k] for k in Kind if k is not Kind.MAINTENANCE} == {-0.05}


def test_legal_cues_lift_state_and_legal_topic_entries() -> None:
    bonuses = _intent_bonuses({"state_legality": 3.0, "buying": 1.0})
    assert bonuses[Kind.LEGAL_TOPIC] == bonuses[Kind.STATE_RULE] == 0.1
    assert bonuses[Kind.BUYING] == 0.0
    assert bonuses[Kind.FEDERAL_RULE] == -0.05


def test_shares_are_rounded_to_four_places() -> None:
    bonuses = _intent_bonuses({"maintenance": 1.0, "parts": 2.0})
    assert bonuses[Kind.MAINTENANCE] == 0.0167  # 0.2 / 3 - 0.05
    assert bonuses[Kind.PARTS] == 0.0833  # 0.4 / 3 - 0.05
    assert all(isinstance(b, float) for b in bonuses.values())


def test_a_comparison_lifts_specs_maintenance_and_parts_only() -> None:
    """ "carry vs acty oil capacity": half the compare cue's share goes to each of the three kinds a
    comparison is answered from."""
    bonuses = _intent_bonuses({"compare": 1.0, "model_spec": 1.0})
    assert bonuses[Kind.MODEL_SPEC] == 0.1  # 0.2 * (0.5 + 0.25) - 0.05
    assert bonuses[Kind.MAINTENANCE] == bonuses[Kind.PARTS] == 0.0  # 0.2 * 0.25 - 0.05
    assert bonuses[Kind.BUYING] == bonuses[Kind.LEGAL_TOPIC] == bonuses[Kind.FEDERAL_RULE] == -0.05


def test_a_comparison_alone_is_split_the_same_way() -> None:
    bonuses = _intent_bonuses({"compare": 2.0})
    assert bonuses[Kind.MODEL_SPEC] == bonuses[Kind.PARTS] == 0.05  # 0.2 * 0.5 - 0.05
    assert bonuses[Kind.STATE_RULE] == -0.05


# ---------------------------------------------------------------- the whole ranking, against an oracle
#
# A plain re-statement of the scoring described in bot/core/matching.py's docstring, over every entry with no
# early exit and no caches: ``Index.rank`` must give the same entries, scores and matched aliases for the
# project's real questions. This is what catches a wrong IDF or alias weight, a question mass that ignores
# unknown words, or an early exit that stops before an entry a model or year would lift.


_Tables = tuple[list[set[str]], list[list[tuple[str, tuple[str, ...]]]]]


def _tables(entries: tuple[Entry, ...]) -> _Tables:
    vocabularies = [
        {t for text in (e.title, *e.aliases, *e.phrasings) for t in content_tokens(normalise(text))}
        for e in entries
    ]
    aliases = [
        [
            (display, words)
            for display in (*e.aliases, e.title)
            if (words := tuple(dict.fromkeys(content_tokens(normalise(display)))))
        ]
        for e in entries
    ]
    return vocabularies, aliases


def _oracle(index: Index, u: Understanding, tokens: list[str], limit: int, tables: _Tables) -> list[tuple]:
    entries = index.entries
    vocabularies, alias_table = tables
    df = Counter(t for vocabulary in vocabularies for t in vocabulary)
    idf = {t: math.log(1 + len(entries) / n) for t, n in df.items()}
    default_idf = math.log(1 + len(entries))
    known = list(dict.fromkeys(t for t in tokens if t in idf))
    unknown = len(set(tokens)) - len(known)
    mass = sum(idf[t] for t in known) + 0.3 * default_idf * unknown or 1.0
    intents = _intent_bonuses(u.cues)
    scored = []
    for entry, vocabulary, aliases in zip(entries, vocabularies, alias_table, strict=True):
        coverage = 0.0
        for t in known:
            if t in vocabulary:
                coverage += idf[t]
        best, matched = 0.0, ""
        for display, words in aliases:
            hit = 0.0
            for t in known:
                if t in words:
                    hit += idf[t]
            score = hit * ((1.0 if len(words) > 1 else 0.9) / sum(idf.get(w, default_idf) for w in words))
            if score > best:
                best, matched = score, display
        text = 0.55 * best + 0.45 * coverage / mass
        slot = _slot_bonus(entry, u, index.twins, index.generation_codes)
        if text <= 0.05 or slot <= -1:
            continue
        scored.append((-(text + intents[entry.kind] + slot), entry.id, text, matched))
    scored.sort()
    return [(i, round(max(0.0, min(1.0, -neg)), 4), round(text, 4), m) for neg, i, text, m in scored[:limit]]


def _real_questions() -> list[str]:
    questions = []
    for path in sorted((ROOT / "eval" / "real").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            question = json.loads(line).get("question") if line.strip() else None
            if question:
                questions.append(question)
    return questions


@pytest.mark.parametrize("limit", [1, 3, 5])
def test_rank_agrees_with_a_plain_scoring_of_every_entry(real_kb: KnowledgeBase, limit: int) -> None:
    answerer = Answerer(real_kb, clock=lambda: dt.date(2026, 11, 25))
    index = Index(real_kb, answerer.lexicon.twins)
    questions = _real_questions()
    assert len(questions) > 200
    tables = _tables(index.entries)
    checked = 0
    for question in questions:
        u = understand(question, answerer.lexicon)
        tokens = index.question_tokens(u)
        got = [(m.entry.id, m.score, m.text_score, m.matched) for m in index.rank(u, tokens, limit=limit)]
        assert got == _oracle(index, u, tokens, limit, tables), question
        checked += bool(got)
    assert checked > 200


def test_the_numpy_path_ranks_as_the_plain_one(real_kb: KnowledgeBase) -> None:
    answerer = Answerer(real_kb, clock=lambda: dt.date(2026, 11, 25))
    small, large = Index(real_kb, answerer.lexicon.twins), Index(real_kb, answerer.lexicon.twins)
    small.small_question_postings, large.small_question_postings = 10**9, -1
    for question in _real_questions():
        u = understand(question, answerer.lexicon)
        assert [(m.entry.id, m.score, m.matched) for m in small.rank(u)] == [
            (m.entry.id, m.score, m.matched) for m in large.rank(u)
        ], question


def test_rank_defaults_to_five_and_uses_the_tokens_it_is_given(real_kb: KnowledgeBase) -> None:
    answerer = Answerer(real_kb, clock=lambda: dt.date(2026, 11, 25))
    index = Index(real_kb, answerer.lexicon.twins)
    u = understand("oil change interval and timing belt", answerer.lexicon)
    assert len(index.rank(u)) == 5
    given = index.rank(u, ["rust"])
    assert given and given[0].entry.id != index.rank(u)[0].entry.id
    assert all("rust" in (m.matched.lower() + m.entry.title.lower()) for m in given[:1])


def test_an_entry_found_by_its_phrasings_only_names_no_alias(mini_kb: KnowledgeBase) -> None:
    index = Index(mini_kb)
    alias_words = {t for _, _, words in index.aliases for t in words}
    phrasing_only = sorted(set(index.idf) - alias_words)
    assert phrasing_only
    ranked = index.rank(_text("q"), phrasing_only[:1])
    assert ranked and all(m.matched == "" for m in ranked)
    named = index.rank(_text("q"), ["rust"])
    assert named and all("rust" in m.matched.lower() for m in named if m.matched)
    assert named[0].matched


# ---------------------------------------------------------------- the early-exit bound


@pytest.mark.parametrize(
    "asked",
    [
        _asked(),
        _asked(models=(ACTY,)),
        _asked(code="HA4"),
        _asked(year=1995),
        _asked(models=(ACTY,), code="HA4"),
        _asked(models=(ACTY,), year=1995),
        _asked(code="HA4", year=1995),
        _asked(models=(ACTY,), code="HA4", year=1995),
    ],
)
def test_the_early_exit_bound_is_the_best_slot_bonus_an_entry_can_get(
    mini_kb: KnowledgeBase, asked: Understanding
) -> None:
    """Too low and rank stops before an entry the question's model or year would lift (a wrong answer); too
    high and it reads entries for nothing. So it equals the best bonus over every kind of entry."""
    best = max(
        _slot_bonus(_entry(mini_kb, model, codes, years), asked, {})
        for model in (None, ACTY)
        for codes in ((), ("HA4",))
        for years in (None, (1990, 1999))
    )
    assert _max_slot_bonus(asked) == pytest.approx(best)


# ---------------------------------------------------------------- typo correction


def test_typos_are_corrected_as_over_the_whole_vocabulary(real_kb: KnowledgeBase) -> None:
    """The length window only skips words that cannot reach the cut-off: the correction of a word one or two
    letters longer or shorter than a vocabulary word is, where one with the same first letter reaches the
    cut-off, the one a search of every such word would give (a typo keeps its first letter: "estate" is no
    "state"; another first letter needs a closer match, see test_backstory)."""
    index = Index(real_kb)
    vocabulary = list(index.vocabulary)
    typos = set()
    for word in vocabulary:
        if len(word) >= 6 and word.isalpha():
            typos |= {word + "q", word + "qz", word[:-1], word[:-2], word[1:], word[:2] + word[3:]}
    # (an everyday English word is left alone whatever it is close to: test_eighth_session)
    typos = {t for t in typos if t not in index.idf and len(t) >= 5 and t not in index.everyday_words}
    corrected = 0
    for typo in sorted(typos):
        same_first = [w for w in vocabulary if w[0] == typo[0]]
        hit = process.extractOne(typo, same_first, scorer=fuzz.ratio, score_cutoff=85)
        if hit:
            assert index._correct(typo) == hit[0], typo
            corrected += 1
    assert corrected > 300


def test_an_unknown_word_with_no_close_typo_stays_itself(mini_kb: KnowledgeBase) -> None:
    # no prefix guessing: "specific" is not "spec", "colorado" not "color", "paperweight" not "paper"
    index = Index(mini_kb)
    assert "rust" in index.idf
    assert index._correct("rustabcd") == "rustabcd"
    assert index._correct("zzzzzzzz") == "zzzzzzzz"


def test_short_or_non_alphabetic_unknown_words_are_kept_as_written(mini_kb: KnowledgeBase) -> None:
    index = Index(mini_kb)
    assert "rusy" not in index.idf and index._correct("rusty") == "rusty"
    tokens = index.question_tokens(_text("rusy ha4x rustyy"))
    assert "rusy" in tokens  # four letters: too short to correct safely
    assert "rusty" in tokens  # five or more letters: corrected
    assert index.question_tokens(_text("pumpp")) == ["pump"]  # five letters is enough


def _text(question: str) -> Understanding:
    return Understanding(raw=question, text=normalise(question), tokens=())


def test_the_caches_stay_bounded(mini_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hostile input (a flood of distinct words) must not grow memory without limit."""
    index = Index(mini_kb)
    sizes = []
    for n in range(1030):
        index.question_tokens(_text(f"question {n}"))
        sizes.append(len(index._token_cache))
    assert max(sizes) == 1024 and sizes[-1] < 1024
    for length in range(5, 80):
        for first in "abcdefghij":
            index._typo_candidates(length, first)
    assert len(index._candidates_by_length) == 512
    monkeypatch.setattr(matching, "MAX_CACHED_CORRECTIONS", 3)
    for word in ("abcdefg", "bcdefgh", "cdefghi", "defghij", "efghijk"):
        index._correct(word)
    assert len(index._corrections) == 3


def test_a_single_entry_index_weighs_its_words_as_in_any_other(mini_kb: KnowledgeBase) -> None:
    entry = next(e for e in mini_kb.entries if e.kind is not Kind.STATE_RULE)
    index = Index(KnowledgeBase.from_entries([entry]))
    assert len(index.entries) == 1
    assert index.default_idf == pytest.approx(math.log(2))
    assert index.idf and all(w == pytest.approx(math.log(2)) for w in index.idf.values())


def test_form_numbers_count_as_words_and_years_do_not(mini_kb: KnowledgeBase) -> None:
    index = Index(mini_kb)
    index.idf = {**index.idf, "3520": 3.0, "2008": 3.0}  # as if entries named both
    tokens = index.question_tokens(_text("epa form 3520-1 after the 2008 crackdown, 12 trucks"))
    assert "3520" in tokens  # a form number an entry names
    assert (
        "2008" not in tokens and "12" not in tokens and "1" not in tokens
    )  # a year, a count, a short number


def test_a_code_of_the_asked_generations_sheet_counts_as_the_asked_code(mini_kb: KnowledgeBase) -> None:
    """The S200P's sheet lists the S210P (its 4WD version): an entry for the S210P is about the asked truck."""
    entry = _entry(mini_kb, ACTY, codes=("HA7",))
    generations = {"HA6": frozenset({"HA6", "HA7"})}
    assert _slot_bonus(entry, _asked(models=(ACTY,), code="HA6"), {}, generations) == pytest.approx(
        0.12 + 0.08
    )
    assert _slot_bonus(entry, _asked(models=(ACTY,), code="HA4"), {}, generations) == pytest.approx(
        0.12 - 0.2
    )
