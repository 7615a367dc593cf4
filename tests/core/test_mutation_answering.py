"""Behaviours of the answering router that mutmut showed no test would notice breaking (issue 16):
comparisons, the full-entry call, computed eligibility, declines that cite a rule, the state overview and
where-to-buy questions. Each test names what a user would see go wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.answering import FEDERAL_25_YEAR, FEDERAL_EPA_21_YEAR, STATE_OVERVIEW, Answerer
from bot.core.compose import PREVIEW_CHARS, PREVIEW_MIN_CHARS
from bot.core.knowledge import load_dir
from bot.core.matching import Match
from bot.core.policy import ANSWER_THRESHOLD, SUGGEST_THRESHOLD
from bot.core.understand import understand

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
COMPARE_NOTE = "I only compare on sourced facts"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_dir(KNOWLEDGE), clock=lambda: dt.date(2026, 12, 6))


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


# ------------------------------------------------------------------ comparisons


def test_a_comparison_ranks_each_truck_on_its_own(answerer: Answerer) -> None:
    answer = answerer.answer("acty vs sambar engine specs")
    assert answer.answered and answer.intent == "compare" and answer.model is None
    models = {answerer.kb.by_id[i].model for i in ids(answer)}
    assert models == {"Honda Acty", "Subaru Sambar"}  # one entry per side, not one general entry
    assert answer.text.startswith(COMPARE_NOTE)
    assert ANSWER_THRESHOLD <= answer.confidence <= 1.0


def test_a_comparison_by_chassis_codes_uses_each_sides_own_code(answerer: Answerer) -> None:
    # the DA63T's own spec sheet, not the 1990s Carry's
    assert ids(answerer.answer("da63t vs s200p specs")) == [
        "carry-da63t-da65t-specs",
        "hijet-s200p-s210p-specs",
    ]


def test_a_comparison_covers_the_first_three_trucks_named(answerer: Answerer) -> None:
    answer = answerer.answer("carry vs hijet vs acty vs sambar specs")
    models = [answerer.kb.by_id[i].model for i in ids(answer)]
    assert models == ["Suzuki Carry", "Daihatsu Hijet", "Honda Acty"]


# ------------------------------------------------------------------ the full entry


def test_answer_entry_is_focused_unless_the_full_entry_is_asked_for(answerer: Answerer) -> None:
    focused = answerer.answer_entry("acty-timing-belt")
    full = answerer.answer_entry("acty-timing-belt", full=True)
    assert focused is not None and full is not None
    assert focused.focused and not full.focused and len(full.text) > len(focused.text)
    # the overview: the entry's bold lead first, not passages picked by the title's words
    assert focused.text.startswith("**Replace the timing belt")


@pytest.mark.parametrize("full", [False, True])
def test_answer_entry_carries_the_entrys_state_model_and_full_confidence(
    answerer: Answerer, full: bool
) -> None:
    texas = answerer.answer_entry("state-tx", full=full)
    acty = answerer.answer_entry("acty-timing-belt", full=full)
    assert texas is not None and texas.state == "TX" and texas.model is None
    assert acty is not None and acty.model == "Honda Acty" and acty.state is None
    assert texas.confidence == acty.confidence == 1.0
    assert texas.answered and texas.title and texas.entries[0].id == "state-tx"


def test_answer_entry_of_an_unknown_id_is_none(answerer: Answerer) -> None:
    assert answerer.answer_entry("no-such-entry") is None


# ------------------------------------------------------------------ computed eligibility


def test_eligibility_shows_the_federal_topic_asked_about_then_both_rules(answerer: Answerer) -> None:
    answer = answerer.answer("can i bring a 1999 carry in from canada")  # into the US: the sum applies
    assert answer.intent == "federal_import" and answer.model == "Suzuki Carry"
    assert ids(answer) == ["federal-canada-15-year-rule", FEDERAL_25_YEAR, FEDERAL_EPA_21_YEAR]
    assert "Canada" in answer.body


def test_an_eligible_truck_also_gets_the_named_states_rules(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a 1998 acty into texas")
    assert answer.state == "TX" and "state-tx" in ids(answer)
    assert "**Texas:" in answer.body  # the state's own answer, not only its name in the sources


def test_a_truck_too_young_to_import_gets_no_state_answer(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a 2015 carry into texas")
    assert answer.state is None and "state-tx" not in ids(answer)
    assert FEDERAL_25_YEAR in ids(answer) and "2040" in answer.text  # when it becomes eligible
    assert "Registering it in Texas does not change this" in answer.text  # no state gets round the rule
    assert "does not change this" not in answerer.answer("can i import a 2015 carry").text  # no state named


# ------------------------------------------------------------------ declines that cite a rule


def test_a_fraud_question_is_declined_with_the_rule_but_no_worked_date(answerer: Answerer) -> None:
    answer = answerer.answer("can i fake the build date on my export certificate so my 2002 carry qualifies")
    assert not answer.answered and answer.intent == "out_of_scope"
    assert ids(answer) == [FEDERAL_25_YEAR]
    assert "2027" not in answer.text  # no date worked out for the year being misstated


# ------------------------------------------------------------------ the state overview


def test_the_state_overview_lists_every_jurisdiction_once_by_status(answerer: Answerer) -> None:
    answer = answerer.answer("which states are kei trucks legal in")
    assert answer.answered and answer.intent == "state_legality" and ids(answer) == [STATE_OVERVIEW]
    assert answer.text.startswith("**Kei trucks on US roads, by state")
    status_lines = [line for line in answer.text.split("\n\n")[0].splitlines() if line.startswith("- **")]
    by_line = {line: line.split("): ", 1)[1].split(", ") for line in status_lines}
    listed = [code for codes in by_line.values() for code in codes]
    assert sorted(listed) == sorted(answerer.kb.by_state)  # every state and DC, once
    for line, codes in by_line.items():
        assert f"({len(codes)}): " in line
    texas_line = next(line for line, codes in by_line.items() if "TX" in codes)
    assert answerer.kb.by_state["TX"].status.label in texas_line


# ------------------------------------------------------------------ close entries and where to buy


def test_a_legal_topic_with_a_state_adds_the_states_entry(answerer: Answerer) -> None:
    answer = answerer.answer("do i need an inspection for a right hand drive kei truck in massachusetts")
    assert answer.answered and "state-ma" in ids(answer)


def test_a_general_parts_question_without_a_covering_entry_gets_the_general_shops(answerer: Answerer) -> None:
    for question in (
        "where do i get a tailgate hinge for my hijet",
        "where do I get a clutch kit for a KS4 Sambar?",
    ):
        answer = answerer.answer(question)
        assert answer.answered and answer.intent == "parts"
        # where parts come from, not the Sambar water pump's shops
        assert [answerer.kb.by_id[i].model for i in ids(answer)] == [None]


def test_answer_entry_shows_the_entrys_opening_not_passages_picked_by_its_title(answerer: Answerer) -> None:
    # the title "Kei truck buying checklist" is not a question: the overview keeps the list's first steps
    text = answerer.answer_entry("buying-checklist").text
    assert "1. **Can you use it where you live?**" in text and "2. **Age and build month.**" in text


# ------------------------------------------------------------------ a state named in passing


@pytest.mark.parametrize(
    "question",
    ["my cousin moved to ohio last summer and loves the weather there", "ohio has great fishing lakes"],
)
def test_a_state_named_in_passing_does_not_get_its_kei_rules(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert "state-oh" not in ids(answer) and answer.intent != "state_legality"


@pytest.mark.parametrize(
    ("question", "state"),
    [
        ("ohio", "OH"),
        ("inspection in ohio", "OH"),
        ("who do i call in ohio", "OH"),
        ("kei rules in ohio", "OH"),
    ],
)
def test_a_state_with_a_rule_word_or_alone_gets_its_rules(
    answerer: Answerer, question: str, state: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered and answer.state == state and f"state-{state.lower()}" in ids(answer)


def test_a_question_the_knowledge_base_answers_keeps_its_answer_when_a_state_is_named(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("winter tires in ohio")
    assert answer.answered and answer.intent == "maintenance"


# ------------------------------------------------------------------ what counts as comparing trucks


def test_two_engine_codes_with_vs_are_a_comparison_without_vs_a_topic(answerer: Answerer) -> None:
    assert answerer.answer("f6a vs k6a").intent == "compare"
    assert answerer.answer("f6a k6a").intent != "compare"


@pytest.mark.parametrize("topic", ["differences", "registration rules", "oil change"])
def test_a_van_against_a_truck_is_a_comparison_whatever_the_topic(answerer: Answerer, topic: str) -> None:
    answer = answerer.answer(f"kei van vs kei truck {topic}")
    assert answer.answered and answer.intent == "compare"


# ------------------------------------------------------------------ a question that is only a vehicle


@pytest.mark.parametrize(
    ("code", "entry"),
    [
        ("dr16t", "clipper-dr16t-specs"),
        ("da63t", "carry-da63t-da65t-specs"),  # not the DA63T 4WD-actuator fault entry (one code)
        ("ha4", "acty-ha3-ha4-specs"),  # not the 4WD system shared by HA4, HA7 and HA9
        ("ks4", "sambar-ks3-ks4-specs"),
    ],
)
def test_a_bare_chassis_code_gets_its_generation_sheet(answerer: Answerer, code: str, entry: str) -> None:
    answer = answerer.answer(code)
    assert answer.answered and ids(answer) == [entry]


def test_a_bare_model_gets_its_family_overview(answerer: Answerer) -> None:
    answer = answerer.answer("tell me about the acty")
    assert answer.answered and ids(answer) == ["model-honda-acty"] and answer.model == "Honda Acty"


def test_two_bare_models_are_not_one_models_overview(answerer: Answerer) -> None:
    assert "model-honda-acty" not in ids(answerer.answer("acty hijet"))


# ------------------------------------------------------------------ declines


def test_a_kei_car_import_question_gets_the_scope_line_and_its_worked_eligibility(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a 1990 honda beat kei car")
    assert not answer.answered and answer.intent == "out_of_scope"
    assert answer.text.startswith("I only cover kei **trucks**")
    assert "**25-year rule (NHTSA / FMVSS): eligible.**" in answer.text and "December 2015" in answer.text
    assert ids(answer) == [FEDERAL_25_YEAR]


@pytest.mark.parametrize(
    "question", ["is the honda beat a good kei car", "is a 1990 honda beat fun to drive"]
)
def test_a_kei_car_question_not_about_importing_gets_the_federal_rule_but_no_worked_eligibility(
    answerer: Answerer, question: str
) -> None:
    """Kei cars come to the US only as imports, so the rule that decides is given, as for a Delica; with no
    import asked about, no date is worked out."""
    answer = answerer.answer(question)
    assert answer.intent == "out_of_scope" and "once it is 25 years old" in answer.text
    assert "25-year rule (NHTSA / FMVSS)" not in answer.text and ids(answer) == [FEDERAL_25_YEAR]


@pytest.mark.parametrize(("question", "name"), [("can I register a utv in texas", "UTV")])
def test_another_vehicle_is_named_in_the_scope_line(answerer: Answerer, question: str, name: str) -> None:
    answer = answerer.answer(question)
    assert answer.intent == "out_of_scope" and f"That's a {name}" in answer.text


def test_an_unknown_kei_question_is_logged_as_a_gap_and_an_off_topic_one_is_not(answerer: Answerer) -> None:
    gap = answerer.answer("kei truck flux capacitor")
    off = answerer.answer("whats the best pizza topping")
    assert gap.intent == "unknown" and "logged the question" in gap.text
    assert off.intent == "out_of_scope" and "logged the question" not in off.text


def test_did_you_mean_offers_up_to_three_titles_scoring_near_the_suggest_threshold(
    answerer: Answerer,
) -> None:
    entries = answerer.kb.entries[:5]
    scores = [0.45, 0.4, SUGGEST_THRESHOLD * 0.8, SUGGEST_THRESHOLD * 0.8 - 0.01, 0.3]
    matches = [Match(e, s, "", s, 0.0, 0.0) for e, s in zip(entries, scores, strict=True)]
    u = understand("something vague", answerer.lexicon)
    answer = answerer.composer.decline("something vague", u, "unknown", "Not sure.", suggestions=matches)
    assert answer.suggestion_ids == tuple(
        e.id for e in entries[:3]
    )  # the 4th is under 0.8 x SUGGEST, 5 is past 3
    assert answer.confidence == 0.45 and answer.title == "Not sure" and not answer.needs_state
    assert answer.text.splitlines()[:2] == ["Not sure.", "Did you mean:"]
    # an unknown with nothing to cite is a gap, unless one of the entries offered is the answer
    assert (
        answer.text.splitlines()[-1]
        == "If none of these is it, I've logged the question so the curators can fill the gap."
    )


@pytest.mark.parametrize(
    ("intent", "cited", "logged"),
    [("unknown", False, True), ("state_legality", False, True), ("federal_import", False, True),
     ("parts", False, False), ("out_of_scope", False, False), ("unknown", True, False)],
)  # fmt: skip
def test_which_declines_are_logged_as_gaps(
    answerer: Answerer, intent: str, cited: bool, logged: bool
) -> None:
    u = understand("something", answerer.lexicon)
    entries = [answerer.kb.by_id[FEDERAL_25_YEAR]] if cited else None
    answer = answerer.composer.decline("something", u, intent, "No.", entries=entries)
    assert ("logged the question" in answer.text) is logged
    assert "If none of these is it" not in answer.text  # nothing was offered
    assert not answer.suggestions and answer.confidence == 0.0 and answer.title == "I don't know that one"


def test_a_decline_that_cites_entries_carries_them_and_the_askers_slots(answerer: Answerer) -> None:
    u = understand("can i import a 1990 honda beat kei car into texas", answerer.lexicon)
    rule, epa = answerer.kb.by_id[FEDERAL_25_YEAR], answerer.kb.by_id[FEDERAL_EPA_21_YEAR]
    matches = [Match(rule, 0.2, "", 0.2, 0.0, 0.0)]
    answer = answerer.composer.decline(
        "q", u, "out_of_scope", "No.", suggestions=matches, entries=[rule, epa]
    )
    assert [(e.id, e.kind, e.title, e.score) for e in answer.entries] == [
        (rule.id, rule.kind.value, rule.title, 0.0),
        (epa.id, epa.kind.value, epa.title, 0.0),
    ]
    assert answer.sources and all(set(s) == {"title", "url"} for s in answer.sources)
    assert answer.last_verified == min(rule.last_verified, epa.last_verified).isoformat()
    assert (answer.state, answer.model, answer.year) == (u.state, u.model, u.year) == ("TX", None, 1990)
    assert answer.matches == tuple(matches) and answer.understanding is u
    assert "**Sources**" in answer.text and "**Sources**" not in answer.body and answer.body.startswith("No.")
    assert not answer.suggestions  # 0.2 is under the did-you-mean floor


def test_an_asked_state_condition_the_entry_lacks_is_said_to_be_unrecorded(answerer: Answerer) -> None:
    wyoming = answerer.kb.by_state["WY"]
    assert wyoming.conditions is None or not wyoming.conditions.emissions  # the premise of this test
    answer = answerer.answer("do kei trucks need emissions testing in wyoming")
    assert "**Emissions:** not recorded in my sources for Wyoming; ask " in answer.body


def test_a_full_entry_shows_title_summary_and_body_and_a_full_state_entry_its_facts(
    answerer: Answerer,
) -> None:
    hubs = answerer.kb.by_id["kei-hub-locks-vs-diff-lock"]
    full = answerer.answer_entry(hubs.id, full=True)
    assert full is not None and full.text.startswith(f"**{hubs.title}**\n{hubs.summary}\n")
    assert hubs.body.strip()[:200] in full.text
    texas = answerer.answer_entry("state-tx", full=True)
    assert texas is not None and texas.text.startswith("**Texas: ") and "**Conditions**" in texas.text
    assert answerer.kb.by_state["TX"].conditions.roads.split(";")[0] in texas.text


def test_a_chassis_code_import_question_gets_its_generations_dates(answerer: Answerer) -> None:
    answer = answerer.answer("is the DA63T old enough to import yet")
    assert answer.answered and answer.intent == "federal_import" and answer.model == "Suzuki Carry"
    assert ids(answer) == [FEDERAL_25_YEAR, "carry-da63t-da65t-specs"]
    assert answer.text.startswith(
        "**DA63T trucks were built May 2002 to August 2013, so under the 25-year rule none is old"
    )
    assert "May 2027 at the earliest" in answer.text  # the sheet's first build month, not January


@pytest.mark.parametrize(
    ("question", "sheets"),
    [
        (
            "whats the diff between DA63T and DA52T",
            ["carry-da63t-da65t-specs", "carry-da52t-db52t-da62t-specs"],
        ),
        ("difference between HA4 and HA7", ["acty-ha3-ha4-specs", "acty-ha6-ha7-specs"]),
    ],
)
def test_two_generations_of_one_truck_are_compared_sheet_by_sheet(
    answerer: Answerer, question: str, sheets: list[str]
) -> None:
    answer = answerer.answer(question)  # "diff" here is the difference, not a diff lock
    assert answer.answered and answer.intent == "compare" and ids(answer) == sheets


def test_registering_a_truck_too_young_to_import_is_answered_by_the_year(answerer: Answerer) -> None:
    answer = answerer.answer("can i register a 2010 kei truck")
    assert answer.intent == "federal_import" and FEDERAL_25_YEAR in ids(answer)
    assert "not yet eligible" in answer.text
    # with a state named, the state's answer still comes (an off-road route may exist there)
    ohio = answerer.answer("can i register my 2015 carry as an off-road vehicle in ohio")
    assert ohio.state == "OH" and "state-oh" in ids(ohio)


@pytest.mark.parametrize(
    "question", ["kei truck flux capacitor", "jdm flux capacitor", "japanese flux capacitor"]
)
def test_a_question_in_the_field_that_no_entry_answers_is_a_gap(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert not answer.answered and answer.intent != "out_of_scope"


@pytest.mark.parametrize("question", ["rules in ohio", "ohio law for these", "mini truck in ohio?"])
def test_a_state_with_rule_or_kei_words_is_in_context(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.state == "OH" and "state-oh" in ids(answer)


def test_two_codes_of_one_generation_get_their_shared_sheet(answerer: Answerer) -> None:
    answer = answerer.answer("whats the difference between HA3 and HA4 acty")
    assert answer.answered and ids(answer) == ["acty-ha3-ha4-specs"]
    assert answer.text.startswith("HA3 and HA4 share one entry") and "HA3 (2WD) and HA4 (4WD)" in answer.text


def test_importing_to_canada_is_answered_by_canadas_rule_not_the_us_sum(answerer: Answerer) -> None:
    answer = answerer.answer("can i import a 2005 acty to canada instead")
    assert ids(answer)[0] == "federal-canada-15-year-rule" and "not yet eligible" not in answer.text
    from_canada = answerer.answer("1998 carry thats already registered in canada - can i bring it to the us")
    assert "25-year rule" in from_canada.text


def test_a_question_with_a_cue_is_not_chat_for_its_lol(answerer: Answerer) -> None:
    answer = answerer.answer("what's an HS-7 form lol")
    assert answer.answered and not answer.chatter


def test_a_state_the_knowledge_base_lacks_is_a_logged_gap(mini_answerer: Answerer) -> None:
    answer = mini_answerer.answer("is my carry legal in ohio")  # the fixture has four states, not Ohio
    assert not answer.answered and answer.intent == "state_legality" and answer.state == "OH"
    assert answer.text.startswith("I have no entry for OH yet.") and "logged the question" in answer.text


@pytest.mark.parametrize(
    ("question", "opening", "cites_the_rule"),
    [
        ("is a rzr street legal in texas", "A RZR is a UTV or side-by-side, not a kei truck", False),
        ("can i register a polaris ranger in ohio", "A Polaris Ranger is a UTV or side-by-side", False),
        ("is a utv street legal in texas", "That's a UTV or side-by-side, not a kei truck", False),
        ("is a 1995 delica legal in texas", "A Delica is another Japanese import, not a kei truck", True),
    ],
)
def test_another_vehicle_is_named_as_written_and_gets_only_the_rule_that_applies(
    answerer: Answerer, question: str, opening: str, cites_the_rule: bool
) -> None:
    answer = answerer.answer(question)
    assert answer.intent == "out_of_scope" and not answer.answered and answer.text.startswith(opening)
    assert (ids(answer) == [FEDERAL_25_YEAR]) is cites_the_rule
    assert (
        "**25-year rule (NHTSA / FMVSS): eligible.**" in answer.text
    ) is cites_the_rule  # the year worked out
    assert "logged the question" not in answer.text


@pytest.mark.parametrize(
    ("scores", "preview", "shown"),
    [
        ((0.6, 0.45), True, True),
        ((0.6, 0.5), True, True),  # a lead of exactly PREVIEW_LEAD, whatever the floating point says
        ((0.6, 0.55), True, False),
        ((0.6, 0.45), False, False),
        ((0.6,), True, True),
    ],
)
def test_a_did_you_mean_shows_its_clear_leaders_opening_sentence(
    answerer: Answerer, scores: tuple[float, ...], preview: bool, shown: bool
) -> None:
    cable, tyres = answerer.kb.by_id["speedometer-cable"], answerer.kb.by_id["tyre-size-speedometer-error"]
    matches = [Match(e, s, "", s, 0.0, 0.0) for e, s in zip((cable, tyres), scores, strict=False)]
    u = understand("speedo dead", answerer.lexicon)
    answer = answerer.composer.decline(
        "speedo dead", u, "maintenance", "Not sure.", suggestions=matches, preview=preview
    )
    line = "The first of these begins: “If the speedometer and odometer both die at once, the mechanical speedometer"
    assert (line in answer.text) is shown and (line in answer.body) is shown
    assert not answer.answered and answer.suggestion_ids[0] == "speedometer-cable"


def test_a_long_opening_sentence_is_cut_at_a_word(answerer: Answerer) -> None:
    entry = max(answerer.kb.entries, key=lambda e: len(answerer.composer.passages[e.id].lead.split(". ")[0]))
    opening = answerer.composer._clear_leaders_opening([Match(entry, 0.6, "", 0.6, 0.0, 0.0)])
    assert opening is not None and opening.endswith("…") and len(opening) <= PREVIEW_CHARS + 1
    assert "**" not in opening
    # cut at the last whole word inside the limit: the lead (without its bold marks) goes on from there
    lead = answerer.composer.passages[entry.id].lead.replace("**", "")
    assert (
        lead.startswith(opening[:-1]) and lead[len(opening) - 1] == " " and len(opening) > PREVIEW_CHARS - 20
    )


def test_a_did_you_mean_whose_first_is_likely_shows_its_opening_however_close_the_next(
    answerer: Answerer,
) -> None:
    cable, tyres = answerer.kb.by_id["speedometer-cable"], answerer.kb.by_id["tyre-size-speedometer-error"]
    matches = [Match(cable, 0.6, "", 0.6, 0.0, 0.0), Match(tyres, 0.58, "", 0.58, 0.0, 0.0)]
    u = understand("speedo dead", answerer.lexicon)
    answer = answerer.composer.decline(
        "speedo dead", u, "maintenance", "Not sure.", suggestions=matches, preview=True, first_is_likely=True
    )
    assert "The first of these begins: “If the speedometer and odometer both die at once" in answer.text


def test_an_opening_line_is_in_the_body_adapters_show_as_well_as_in_the_text(answerer: Answerer) -> None:
    answer = answerer.answer("golf cart vs kei truck, which is street legal in florida")
    line = "_A golf cart or low-speed vehicle is not a kei truck;"
    assert answer.text.startswith(line) and answer.body.startswith(line)
    assert "**Florida: " in answer.body  # the state's answer follows it, in both


def test_a_too_new_truck_is_not_made_legal_by_the_states_named(answerer: Answerer) -> None:
    text = answerer.answer("can i import a 2010 carry and register it in montana or idaho").text
    assert (
        "Registering it in Montana or Idaho does not change this: the import rule is federal, and a truck that "
        "could not come in for road use is not road-legal in any state." in text
    )


@pytest.mark.parametrize(
    ("entry_id", "opening"),
    [
        # "No." alone says nothing: the next sentence is joined on, to PREVIEW_MIN_CHARS and no further
        (
            "thermostat-do-not-remove",
            "No. Fit a new thermostat instead of leaving it out: without one the engine runs too cold most of the "
            "time, and under load it can still overheat.",
        ),
        # "49 U.S.C. 30112" is no sentence end
        (
            "federal-build-months-eligible-now",
            "The rule: the 25-year exemption (49 U.S.C. 30112(b)(9), 49 CFR 591.5(i)) counts from the month and year "
            "of manufacture.",
        ),
    ],
)
def test_a_previews_opening_is_whole_enough_to_read(answerer: Answerer, entry_id: str, opening: str) -> None:
    got = answerer.composer._clear_leaders_opening(
        [Match(answerer.kb.by_id[entry_id], 0.6, "", 0.6, 0.0, 0.0)]
    )
    assert got == opening and len(got) >= PREVIEW_MIN_CHARS


@pytest.mark.parametrize(
    ("question", "in_context"),
    [
        # many words, no truck, cue or rule word, but a kei word: the state is the question's
        ("my cousin and his mini truck crew moved up near ohio last spring and loves the weather", True),
        # the same without the kei word: small talk that names a state
        ("my cousin and his whole crew moved up near ohio last spring and loves the weather", False),
    ],
)
def test_a_state_counts_beside_a_kei_word_however_long_the_message(
    answerer: Answerer, question: str, in_context: bool
) -> None:
    u = understand(question, answerer.lexicon)
    assert u.states == ("OH",) and not u.models and not u.cues
    tokens = answerer.index.question_tokens(u)
    assert answerer._state_in_context(u, tokens, tokens, None) is in_context


# ------------------------------------------------------------------ this session's helpers (mutation run at HEAD)


def _match(answerer: Answerer, entry_id: str, score: float = 0.8, text: float = 0.8) -> Match:
    return Match(answerer.kb.by_id[entry_id], score, "", text, 0.0, 0.0)


@pytest.mark.parametrize(
    ("entry_id", "score", "question", "fits"),
    [
        ("oil-change-general", 0.8, "how much oil does a carry take", True),
        ("oil-change-general", ANSWER_THRESHOLD, "how much oil does a carry take", True),  # at the threshold
        ("oil-change-general", ANSWER_THRESHOLD - 0.01, "how much oil does a carry take", False),
        ("state-tx", 0.9, "is it legal in texas", False),  # states come from the state slot
        ("carry-4wd-actuator", 0.9, "da52t 4wd light blinking", False),  # another generation's entry
        ("carry-4wd-actuator", 0.9, "hijet 4wd light blinking", False),  # another truck's entry
        ("carry-4wd-actuator", 0.9, "da63t 4wd light blinking", True),
    ],
)
def test_an_entry_good_enough_for_a_clause(
    answerer: Answerer, entry_id: str, score: float, question: str, fits: bool
) -> None:
    u = understand(question, answerer.lexicon)
    assert answerer._about_this_truck(_match(answerer, entry_id, score), u) is fits


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # the clause worded like the clutch entry, after one of a single word that is skipped, not the end
        (
            "Is that true? Is it a cable or hydraulic clutch on these? My carry slips on hills.",
            "clutch-slipping-adjust-replace",
        ),
        # one closing question after a story (no clauses of its own): the closing question is read
        (
            "my acty speedo stopped working last week and the needle just sits at zero. is it the speedometer cable?",
            "speedometer-cable",
        ),
        ("is that true? how do I test it?", None),  # no clause of two words
    ],
)
def test_the_clause_a_long_post_words_like_an_entry(
    answerer: Answerer, question: str, found: str | None
) -> None:
    u = understand(question, answerer.lexicon)
    m = answerer._asked_in_a_part(u, answerer.index.question_tokens(u))
    assert (m.entry.id if m else None) == found
