"""Eleventh session: what new-user trial 44 found (a rebadged truck answered with its twin's figures unsaid, "A F
150 is ... ask your state's DMV" for an oil question)."""

from __future__ import annotations

import pytest

from bot.core import scope
from bot.core.answering import RULED_OUT, Answerer


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "whats the gear oil for scrum transfer case",
            "**The Scrum is a rebadged Suzuki Carry:** where what follows names the Carry, it holds for the Scrum.",
        ),
        # the overview's own words say when the Clipper was which truck
        ("clipper oil capacity", "**The Clipper is a rebadged Minicab, later a rebadged Carry:**"),
    ],
)
def test_a_rebadged_truck_answered_from_its_twins_figures_says_so_first(
    answerer: Answerer, question: str, opening: str
) -> None:
    answer = answerer.answer(question)
    assert answer.answered
    assert answer.text.startswith(opening)


@pytest.mark.parametrize(
    "question",
    [
        "what oil does a carry take",  # the truck itself
        "is my scrum legal in texas",  # a state's card names no truck
    ],
)
def test_no_twin_note_where_the_truck_itself_is_answered(answerer: Answerer, question: str) -> None:
    assert "is a rebadged" not in answerer.answer(question).text.split("\n")[0]


def test_another_vehicle_asked_no_rules_question_gets_no_dmv_to_ask(answerer: Answerer) -> None:
    answer = answerer.answer("what oil does a 2015 F-150 5.0 take")
    assert not answer.answered
    assert answer.text.startswith("An F 150 is a regular pickup truck, not a kei truck")
    assert "DMV" not in answer.text and "owners' group" in answer.text
    # a rules question about one still gets the state's own rules for that kind of vehicle: its card's line for
    # UTVs where it has one (fourteenth session), else whom to ask
    ranger = answerer.answer("is a polaris ranger street legal in ohio")
    assert not ranger.answered and "- **Low-speed, under-speed and utility vehicles (UTVs):**" in ranger.body
    assert "ask your state's DMV" in answerer.answer("is a 2015 f-150 street legal in ohio").text


@pytest.mark.parametrize(
    ("name", "article"),
    [("F 150", "an"), ("LSV", "an"), ("SXS", "an"), ("UTV", "a"), ("RZR", "a"), ("Polaris Ranger", "a"),
     ("Ezgo", "an"), ("S10", "an"), ("Delica", "a"), ("Honda Civic", "a"), ("NOAH", "a"), ("MR2", "an")],
)  # fmt: skip
def test_the_article_goes_by_how_the_name_is_said(name: str, article: str) -> None:
    assert scope.indefinite_article(name) == article


def test_the_trucks_age_as_a_condition_of_driving_in_a_state_leaves_the_state_first(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Can I drive a mini truck on roads in Louisiana if its over 25 years old?")
    assert answer.state == "LA" and ids(answer)[0] == "state-la"
    assert answer.text.startswith("**Louisiana:")


def test_an_acty_running_hot_on_longer_drives_gets_the_actys_own_overheating_entry(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "My 1996 Honda Acty HA4 has started running hot on longer drives. Temp gauge creeps up past the middle after "
        "about 20 minutes at 45mph, then comes back down when I idle. No coolant on the ground, no white smoke that I "
        "can see, oil looks normal. I replaced the thermostat last month. What else should I check before I assume "
        "it's the head gasket?"
    )
    assert ids(answer)[0] == "acty-overheating-hills"


@pytest.mark.parametrize(
    ("post", "entry"),
    [
        (
            "My Hijet S110P is at about 90k km and the clutch is starting to slip in 4th when I go up hills with a "
            "load. I'm fairly handy, have done brakes and a timing belt on other cars. How big of a job is the clutch "
            "on these, does the transmission have to come out, and is there a kit you'd recommend?",
            "clutch-heavy-pedal",  # replacing the clutch as a set, the gearbox out: not the backstory's belt entries
        ),
        (
            "My Hijet S110P sat for about a year before I bought it. I changed the fuel filter and put fresh gas in. "
            "It starts fine cold but stalls at idle once it warms up. Could the idle control valve be bad, or is it a "
            "vacuum leak?",
            "rough-idle-isc-throttle-body",
        ),
    ],
)
def test_a_long_posts_single_question_settles_which_entry_answers_it(
    answerer: Answerer, post: str, entry: str
) -> None:
    answer = answerer.answer(post)
    assert answer.answered and ids(answer) == [entry]


def test_a_short_question_sharing_words_with_an_entry_is_not_settled_by_them(answerer: Answerer) -> None:
    # the A/C retrofit entry has "carry", "factory" and "AC" but not which years had it
    answer = answerer.answer("which years of carry got factory AC? looking at 90s ones and half dont have it")
    assert not answer.answered


def test_an_entry_named_for_the_figure_asked_goes_before_one_that_only_mentions_it(
    answerer: Answerer,
) -> None:
    # the import steps name the duty in passing; the cost entry is named for what it costs
    answer = answerer.answer("roughly how much does it cost to import one of these from japan")
    assert ids(answer)[0] == "buying-cost"


def test_a_note_on_other_generations_says_so_when_the_figures_are_other_makes_too(answerer: Answerer) -> None:
    # the one valve-clearance figure is the Sambar EN07's: not "for other Suzuki Carry generations" alone
    text = answerer.answer("What's the valve lash spec for the F6A in a Suzuki Carry DA52T?").text
    assert text.startswith(
        "**My sources here don't name the DA52T;** what they give is for other Suzuki Carry generations and other "
        "trucks"
    )


def test_where_the_vin_is_quotes_the_frame_stamp_passage(answerer: Answerer) -> None:
    text = answerer.answer("where is the vin on a DA52T").text
    assert "On the truck: the stamped frame number" in text


@pytest.mark.parametrize(
    "question",
    ["torn CV boot on my scrum DG52T, can i use a carry part?", "can i use carry parts on my scrum"],
)
def test_whether_the_twins_parts_do_is_answered_by_the_twin_parts_entry(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert ids(answer) == ["parts-scrum-carry-parts"]
    assert "rebadged Suzuki Carry" in answer.text


@pytest.mark.parametrize(
    "question", ["OK, DMV said no. what now?", "OK. the DMV wont title my kei, what can I do"]
)
def test_ok_set_off_by_a_comma_or_stop_opening_a_message_is_the_word(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.state != "OK" and "Oklahoma" not in answer.text


def test_ok_before_dmv_without_a_comma_is_still_oklahoma(answerer: Answerer) -> None:
    assert answerer.answer("OK DMV rules for mini trucks?").state == "OK"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("replaced the battery but my hijet still wont crank", "starter-no-crank"),
        ("heater works but the AC blows warm in my DA63T", "air-conditioning-kei"),
    ],
)
def test_a_part_the_owner_has_renewed_or_says_works_is_not_what_is_asked(
    answerer: Answerer, question: str, entry: str
) -> None:
    assert ids(answerer.answer(question))[0] == entry


def test_overheating_with_the_fan_said_to_work_is_not_answered_with_the_fan_checks(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("my carry is overheating but the fan comes on fine")
    assert "radiator-fan-switch-relay" not in ids(answer)


@pytest.mark.parametrize(
    "question",
    [
        "my 4wd light comes on but the front wheels dont pull on my hijet S110P",  # the light is the symptom
        "what size new tires for my carry",  # "new" asks about them
    ],
)
def test_a_symptom_or_a_new_part_asked_about_is_not_ruled_out(question: str) -> None:
    assert RULED_OUT.search(question.casefold()) is None


def test_a_state_question_on_what_the_law_covers_quotes_that_passage_not_the_road_lines(
    answerer: Answerer,
) -> None:
    text = answerer.answer(
        "does colorado's kei law cover an export hijet with a 1.0L that's a bit wider than the jdm one?"
    ).text
    assert "1,000 cc" in text and "67 in wide" in text
    assert "- **Interstates:**" not in text


@pytest.mark.parametrize("question", ["Are Kei Trucks Legal in Maine?", "Are Kei Trucks Legal in Iowa?"])
def test_a_plain_is_it_legal_keeps_the_road_lines(answerer: Answerer, question: str) -> None:
    assert "- **Roads:**" in answerer.answer(question).text


def test_what_a_state_counts_as_a_mini_truck_is_that_states_rules(answerer: Answerer) -> None:
    answer = answerer.answer(
        "OK question - what does Oklahoma actually count as a 'mini-truck'? my 96 hijet is 660cc and about 55in "
        "wide, whats the max engine size and width in the OK definition?"
    )
    assert answer.state == "OK" and ids(answer)[0] == "state-ok"
    assert "1,000 cc" in answer.text and "67 in wide" in answer.text


def test_comparing_two_generations_engines_uses_their_sheets_not_an_entry_naming_neither(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("whats the engine code difference between an HA4 acty and an HA7?")
    assert ids(answer) == ["acty-ha3-ha4-specs", "acty-ha6-ha7-specs"]
    assert "E07A" in answer.text and "E07Z" in answer.text


# Review 15: an independent reviewer's probes that the session's first versions of these rules made worse
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "I changed the oil, what oil filter should I use?",
            "oil-change-general",
        ),  # oil asked about after all
        ("changed the timing belt, do I need to do the water pump too?", "water-pump-tensioner-with-belt"),
        (
            "I want to put a new battery in my carry, what size?",
            "battery-sizes-kei",
        ),  # "new" rules nothing out
        ("rebuilt the carb and it still idles rough, DA51T", "carburettor-problems"),
        ("battery is good, alternator checked out, but charge light still on", "alternator-charge-light"),
        ("changed the coolant, how do I bleed the air out on a sambar?", "sambar-coolant-air-bleed"),
        ("is a heavier kei truck still a mini truck in Oklahoma", "state-ok"),
        (
            "how much does it cost to ship a kei truck from the port to Colorado",
            "buying-ship-kei-domestically",
        ),
        (
            "I use my scrum and my carry for the farm, where do you guys get parts?",
            "parts-japan-oem-catalogues",
        ),
    ],
)
def test_review_15_wordings_keep_their_answers(answerer: Answerer, question: str, entry: str) -> None:
    assert ids(answerer.answer(question))[0] == entry


@pytest.mark.parametrize(
    "question", ["do I need a license to drive a golf cart", "do i need a helmet on a pit bike"]
)
def test_another_vehicles_rules_question_without_rule_words_still_points_at_the_dmv(
    answerer: Answerer, question: str
) -> None:
    assert "ask your state's DMV" in answerer.answer(question).text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "nissan clipper DR16T oil capacity?",
            "**The Clipper is a rebadged Suzuki Carry:**",
        ),  # the 2013-on one
        ("clipper U71T oil capacity", "**The Clipper is a rebadged Mitsubishi Minicab:**"),
    ],
)
def test_a_truck_rebadged_from_two_makers_takes_the_one_its_chassis_code_was(
    answerer: Answerer, question: str, opening: str
) -> None:
    assert answerer.answer(question).text.startswith(opening)


def test_a_truck_rebadged_from_two_makers_with_only_a_year_gets_no_twin_note(answerer: Answerer) -> None:
    assert "rebadged" not in answerer.answer("nissan clipper 2015 timing belt").text.split("\n")[0]


def test_a_condition_the_state_does_not_record_is_answered_first_by_the_entry_named_for_it(
    answerer: Answerer,
) -> None:
    answer = answerer.answer("Me and my brother want to buy kei trucks, is insurance required in Tennessee?")
    assert ids(answer)[:2] == ["legal-insurance", "state-tn"]


def test_where_a_state_plates_a_kei_stays_the_states_own_answer(answerer: Answerer) -> None:
    # (Nevada records no registration line; the grandfathering entry is named for "plates" but is no answer)
    assert (
        ids(answerer.answer("nevada DMV and jdm mini trucks - can i plate a kei in reno?"))[0] == "state-nv"
    )


def test_a_truck_that_cranks_but_wont_fire_after_sitting_gets_the_no_start_checks(answerer: Answerer) -> None:
    answer = answerer.answer("my sambar wont start after sitting all winter, cranks but no fire")
    # (the entry on trucks that sat since the sixteenth session; the fuel, spark and air checks beside it)
    assert answer.answered and ids(answer)[:2] == ["wont-start-after-sitting", "cranks-wont-start-fuel-pump"]
    assert "starter-no-crank" not in ids(answer)


@pytest.mark.parametrize(
    ("question", "stray"),
    [
        (
            "Rebuilding the brakes on my 1990 Mitsubishi Minicab U42T. Front pads were easy to find but I can't find "
            "rear wheel cylinders anywhere in the US. Where do people order parts for old Minicabs? Is there a US "
            "supplier or do I have to go through a Japanese site like Amayama or Megazip?",
            "legal-driver-age-private-land-kei",
        ),
        (
            "boise. just bought a 97 hijet, what do i need to bring to the DMV to get plates on it",
            "federal-canada-15-year-rule",
        ),
    ],
)
def test_a_question_asking_no_rules_gets_no_rules_entry_beside_the_answer(
    answerer: Answerer, question: str, stray: str
) -> None:
    assert stray not in ids(answerer.answer(question))


def test_a_named_state_said_to_be_one_of_the_states_that_ban_them_is_what_is_asked(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "I've got a 1999 Suzuki Carry DB52T 4x4 in Pennsylvania that I bought as an off-road-only farm vehicle. "
        "I've heard PA is one of the states that won't register these at all. Is that true, and is there any legal "
        "way around it like farm plates?"
    )
    assert answer.state == "PA" and ids(answer)[0] == "state-pa"
    assert ids(answerer.answer("which states are kei trucks legal in"))[0] == "legal-state-overview"


def test_a_comparison_for_a_use_is_not_answered_by_the_law_on_that_use(answerer: Answerer) -> None:
    assert ids(answerer.answer("carry vs hijet which is better for farm use")) == [
        "kei-reliability-comparison"
    ]


def test_where_to_find_a_wiring_diagram_is_the_service_manuals_entry(answerer: Answerer) -> None:
    # named for it among its aliases ("wiring diagram"), not in its title; a parts catalogue is no diagram
    assert ids(answerer.answer("where can I find a wiring diagram for an Acty HA4")) == [
        "service-manuals-english"
    ]


def test_the_asked_trucks_own_entry_a_little_behind_a_general_one_joins_and_leads(answerer: Answerer) -> None:
    answer = answerer.answer("timing belt on a 1996 minicab - is it an interference engine?")
    assert ids(answer)[0] == "minicab-timing-belt-3g83"


def test_one_generations_own_entry_does_not_lead_a_question_naming_no_generation(answerer: Answerer) -> None:
    answer = answerer.answer("whats the difference between axle lock and diff lock on a suzuki carry?")
    assert "carry-4wd-actuator" not in ids(answer)


def test_no_not_verified_note_for_a_truck_a_table_row_gives_a_figure(answerer: Answerer) -> None:
    # the prose says the 1990s Sambar's weight is not verified; the table gives the Sambar TT's
    text = answerer.answer("how much does a Subaru Sambar truck weigh").text
    assert not text.startswith("**The Sambar is not verified")
    assert "730 kg" in text


# Trial 46
def test_two_trucks_either_side_of_or_is_a_choice_answered_by_a_comparison(answerer: Answerer) -> None:
    answer = answerer.answer("hijet or carry for hunting lease? mostly mud")
    assert answer.intent == "compare" and ids(answer) == ["kei-reliability-comparison"]


def test_chatter_naming_only_a_town_is_chatter(answerer: Answerer) -> None:
    answer = answerer.answer("whats the best pizza place in portland")
    assert not answer.answered and answer.chatter and not answer.entries


@pytest.mark.parametrize(
    ("question", "state"),
    [
        ("ME mini truck registration rules?", "ME"),
        ("OH mini truck laws", "OH"),
        ("HI all, kei trucks legal in michigan?", "MI"),
    ],
)
def test_a_word_like_code_opening_a_message_is_the_state_before_a_word_of_its_rules(
    answerer: Answerer, question: str, state: str
) -> None:
    assert answerer.answer(question).state == state


# Review 16
@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what gear oil in my hijet diff? and can my 15 yo drive it around the property?", "legal-driver-age-private-land-kei"),
        ("Where do I get brake shoes for a hijet? and do I need a special license to drive a kei?", "legal-driver-licence-kei"),
    ],
)  # fmt: skip
def test_who_may_drive_asked_beside_a_repair_question_is_answered_too(
    answerer: Answerer, question: str, entry: str
) -> None:
    assert entry in ids(answerer.answer(question))


@pytest.mark.parametrize(
    "question",
    [
        "I live in Ohio and want to move to one of the states that allow keis on highways - which states are those?",
        "Is Arkansas one of the states I can register in? If not what are the states that do allow it",
    ],
)
def test_the_list_of_states_asked_for_in_so_many_words_is_still_the_list(
    answerer: Answerer, question: str
) -> None:
    assert ids(answerer.answer(question))[0] == "legal-state-overview"


@pytest.mark.parametrize(
    ("question", "entry"),
    [("where can I find leaf springs for a carry", "rear-leaf-springs"), ("where can i get shocks for a DA63T", "parts-japan-oem-catalogues")],
)  # fmt: skip
def test_where_to_get_a_part_is_not_an_entry_with_the_part_in_one_word_of_an_alias(
    answerer: Answerer, question: str, entry: str
) -> None:
    assert ids(answerer.answer(question))[0] == entry


def test_a_truck_that_only_clicks_after_sitting_is_not_the_cranks_but_wont_fire_entry(
    answerer: Answerer,
) -> None:
    assert "cranks-wont-start-fuel-pump" not in ids(
        answerer.answer("won't start after sitting for 2 months, just clicks")
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what oil does a U62T take", "minicab-oil-change"),  # not the 3G83 belt entry ("crank oil seal")
        ("S110P 4wd not engaging", "hijet-s110p-4wd-vacuum"),
    ],
)
def test_of_several_entries_for_the_named_generation_the_one_titled_for_the_question_leads(
    answerer: Answerer, question: str, entry: str
) -> None:
    assert ids(answerer.answer(question))[0] == entry


def test_a_truck_question_that_also_mentions_canada_answers_the_truck_question(answerer: Answerer) -> None:
    answer = answerer.answer("what battery size does a carry take and can I take it into Canada?")
    assert answer.answered and ids(answer)[0] == "battery-sizes-kei"
    # a message whose one question is about another country is still out of scope
    assert answerer.answer("im in ontario canada, can i plate a 2008 carry here?").intent == "out_of_scope"
