"""Ninth session: what new-user trial 35 found (sourcing asked as 'a good source for', a part named with
'replacement', ...)."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.conversation import Conversation


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


def test_a_good_source_for_a_part_asks_where_it_comes_from(answerer: Answerer) -> None:
    """Trial 35: 'good source for carry DA63T brake pads' opened with the sinking-pedal entry (it holds the word
    'source'), as if the owner had asked about a failing brake."""
    answer = answerer.answer("good source for carry DA63T brake pads")
    assert answer.answered and ids(answer) == ["brakes-pads-shoes"]


def test_a_replacement_part_is_the_part(answerer: Answerer) -> None:
    """Trial 35: 'replacement' is which copy of the windshield, not part of what must be covered: the
    windshield entry (which says where kei glass comes from) answers, not the general parts catalogues."""
    answer = answerer.answer("where to get a replacement windshield for a subaru sambar")
    assert answer.answered and ids(answer)[0] == "glass-windshield-kei"


def test_an_entry_written_for_the_named_chassis_code_is_found_below_the_first_five(
    answerer: Answerer,
) -> None:
    """Trial 35: 'timing belt interval on a DA63T' got 'change the timing belt as soon as the truck arrives':
    four general belt entries filled the first places, and the Carry engines entry, which says the DA63T's K6A
    drives its cams by chain, was sixth. An F6A code still gets the F6A belt entry."""
    answer = answerer.answer("timing belt interval on a DA63T carry?")
    assert answer.answered and ids(answer)[0] == "carry-engines-f6a-k6a-r06a"
    assert "timing chain" in answer.text[:300]
    assert ids(answerer.answer("DA52T timing belt interval"))[0] == "carry-timing-belt-f6a"


def test_transmission_fluid_for_a_five_speed_is_gear_oil(answerer: Answerer) -> None:
    """Trial 35: 'transmission fluid for the 5 speed' got the ATF entry, written for automatics ('never use ATF
    in a manual', says the gear-oil entry). An automatic's, or a transmission named with no gearbox, still gets
    the ATF entry."""
    answer = answerer.answer("transmission fluid for the 5 speed on a minicab U42T")
    assert answer.answered and ids(answer)[0] == "gear-oil-transfer-diff-general"
    assert "Never use ATF in a manual" in answer.text
    assert (
        ids(answerer.answer("what transmission fluid for a 4 speed acty"))[0]
        == "gear-oil-transfer-diff-general"
    )
    assert ids(answerer.answer("transmission fluid for my automatic hijet"))[0] == "atf-automatic-kei-truck"
    assert ids(answerer.answer("5 speed automatic transmission fluid"))[0] == "atf-automatic-kei-truck"


def test_getting_a_title_asks_for_no_seller(answerer: Answerer) -> None:
    """Trial 35: 'do I need it translated to get a title' read 'get' as where to buy, so the certificate
    entry quoted its line about getting the original from the seller and cut 'you need a full translation'."""
    answer = answerer.answer("what is an export certificate and do I need it translated to get a title")
    assert answer.answered and ids(answer)[0] == "federal-export-certificate"
    assert "you need a full translation" in answer.text


def test_an_engine_swap_leaves_the_exemption_to_its_entry(answerer: Answerer) -> None:
    """A 90s truck's age makes it eligible, but 'the seller swapped a different engine in it' asks whether the
    EPA exemption still holds: its entry (original, unmodified configuration) answers, not the age sum that
    said 'eligible'. A truck too young is refused whatever was done to it."""
    answer = answerer.answer(
        "found a cheap 90s kei truck in japan but the seller swapped a different engine in it. does it still "
        "count for the 21 year EPA exemption?"
    )
    assert answer.answered and ids(answer)[0] == "federal-epa-21-year-exemption"
    assert "original, unmodified configuration" in answer.text
    young = answerer.answer("can i import a 2012 hijet with a swapped engine?")
    assert young.answered and "not yet eligible" in young.text
    # any wording of an engine swap (review 11: only the trial's own reached the entry)
    for swap in (
        "found a 97 hijet in japan with an engine swap, can I still import it",
        "the seller put a replacement engine in a 1996 sambar, is it still EPA exempt",
    ):
        answer = answerer.answer(swap)
        assert answer.answered and ids(answer)[0] == "federal-epa-21-year-exemption", swap
    # swapped tyres are no engine swap: the age sum stands
    tyres = answerer.answer("can I import a 1996 hijet that has swapped tires")
    assert tyres.answered and "**25-year rule (NHTSA / FMVSS): eligible.**" in tyres.text


def test_a_long_posts_question_is_answered_by_the_entry_for_its_chassis_code(answerer: Answerer) -> None:
    """Trial 35: the owner names an S110P and closes with 'Is the EN engine interference and when should I just
    do the belt?'. The Hijet EF belt entry, written for the S110P, covers that question, though not the whole
    post's story; it was offered in a did-you-mean among general belt entries. It now answers, first."""
    answer = answerer.answer(
        "Hey all, first time kei owner here. Picked up a 98 Hijet S110P last weekend, previous owner said he 'did "
        "the maintenance' but has no receipts. It has about 60k km on it and the belt cover looks original. I'm "
        "worried about the timing belt snapping and wrecking the engine. Is the EN engine interference and when "
        "should I just do the belt?"
    )
    assert answer.answered and ids(answer)[0] == "hijet-timing-belt-ef"
    assert "treat it as interference" in answer.text


def test_a_chassis_code_too_young_to_import_comes_before_a_states_card(answerer: Answerer) -> None:
    """Trial 35: a DA63T 'imported in 2019', asked about in Massachusetts, got 'Registrable' alone. No DA63T
    (built 2002-2013) is 25 years old yet, so one here came in only as an off-road vehicle: that comes first,
    as it does for a year ('is a 2008 carry legal in massachusetts'). A generation old enough gets no such line."""
    answer = answerer.answer(
        "My buddy imported a DA63T carry in 2019 and registered it in Vermont. I bought it off him and I live in "
        "Massachusetts now. Mass RMV told me something about 'low speed'. can i register it or not"
    )
    assert answer.answered and answer.text.startswith("**First, the federal rule:** no DA63T is old enough")
    assert "federal-under-25-off-road-import" in ids(answer)
    old_enough = answerer.answer("can i register my DA52T carry in massachusetts")
    assert "First, the federal rule" not in old_enough.text


def test_a_general_entry_says_first_when_its_figures_are_all_other_trucks(answerer: Answerer) -> None:
    """Trial 35: 'how much gear oil does the diff take on a sambar KS4' got the Carry's and Hijet's amounts
    with nothing said of the Sambar. The answer now says first that its figures are other trucks'; a truck the
    entry does give figures for gets no such line, nor does a frame number asked about."""
    note = "My sources here give nothing for the"
    ks4 = answerer.answer("how much gear oil does the diff take on a sambar KS4")
    assert ks4.answered and ks4.text.startswith(f"**{note} KS4 or any Sambar;**")
    assert answerer.answer("how much gear oil does a sambar take in the diff").text.startswith(
        f"**{note} Sambar;**"
    )
    assert note not in answerer.answer("how much gear oil does the rear diff take on a DB52T").text
    assert (
        note
        not in answerer.answer(
            "where's the frame number on a S110P hijet? need it to order a clutch kit"
        ).text
    )


def test_how_much_a_truck_takes_asks_a_capacity(answerer: Answerer) -> None:
    """'how much gear oil does my DA52T take' asks an amount: the Carry entry written for the DA52T (advice to
    change it often, no amounts) gives way to the general gear-oil entry with the DA52T's amounts."""
    answer = answerer.answer("how much gear oil does my DA52T take")
    assert answer.answered and ids(answer)[0] == "gear-oil-transfer-diff-general"
    assert "0.75 L" in answer.text


def test_an_oils_weight_is_its_viscosity(answerer: Answerer) -> None:
    """Trial 36: 'What oil weight and capacity for a Suzuki Carry F6A engine?' got the 350 kg payload entry
    ('weight' and 'capacity' are its words). Beside oil, a weight is the oil's grade; alone it is the truck's."""
    answer = answerer.answer("What oil weight and capacity for a Suzuki Carry F6A engine?")
    assert answer.answered and ids(answer)[0] == "oil-change-general"
    assert "10W-30" in answer.text
    assert ids(answerer.answer("whats the curb weight of a carry"))[0] == "kei-curb-weight"


def test_asking_for_a_road_title_is_no_request_to_falsify_a_paper(answerer: Answerer) -> None:
    """Trial 36: 'the title says off road only ... any way to get that changed to a normal title in Florida' was
    refused as altering import documents. Asking the DMV for another kind of title is titling; asking to make
    a paper say another year is still refused."""
    answer = answerer.answer(
        "My dad bought a Scrum off a dealer in florida and the title says 'off road only' on it. He didn't notice "
        "until he tried to get plates. Is there any way to get that changed to a normal title in Florida"
    )
    assert answer.answered and ids(answer)[0] == "state-fl"
    refused = answerer.answer("can i change the title to say 1999 so i get a normal title")
    assert refused.intent == "out_of_scope" and "altering" in refused.text


@pytest.mark.parametrize(
    "question",
    [
        "can i change the build date on the export cert to 1998 so i can get a road title",
        "can I edit the export certificate so I can get a normal title",
        "photoshop the year on the paperwork to get a street title?",
        "fake the documents to get a regular title, will the dmv notice",
        "modify the VIN so I get a standard title in ohio",
    ],
)
def test_a_road_title_named_beside_a_falsified_paper_is_still_refused(
    answerer: Answerer, question: str
) -> None:
    """Review 11: the first titling exemption let every falsifying request that ended '... to get a road title'
    through (one got the age sum on the falsified year). Only the phrase asking for another kind of title is set
    aside; the rest of the message is still read."""
    answer = answerer.answer(question)
    assert answer.intent == "out_of_scope" and "altering" in answer.text


def test_the_dmv_changing_a_title_to_salvage_is_no_fraud(answerer: Answerer) -> None:
    assert answerer.answer("the dmv changed my title to salvage, why").intent != "out_of_scope"


def test_the_part_asked_for_is_named_in_the_clause_that_asks_where(answerer: Answerer) -> None:
    """Trial 36: 'where to buy a lift kit for a DA63T, is 2 inch enough for 25s' took 'inch' and 'enough' as part
    of the part, so the lift-kit entry's title did not name it and the general catalogues answered."""
    answer = answerer.answer("where to buy a lift kit for a DA63T, is 2 inch enough for 25s")
    assert answer.answered and ids(answer)[0] == "suspension-lift-kits"


def test_of_entries_covering_a_posts_question_its_own_words_choose(answerer: Answerer) -> None:
    """Trial 36: a post about brakes pulling and a weak handbrake closing 'how do you adjust the rear drums on
    these' opened with 'Don't drive it. A pedal that sinks to the floor...' (that entry names rear drums too and
    scored a hair more on the story); the closing question's own words rank the drum-adjustment entry first."""
    answer = answerer.answer(
        "recently got a sambar and noticed the rear brakes pull to one side hard when I stop. also the handbrake "
        "barely holds on a slope. I'm thinking the rear drums need adjusting or the wheel cylinder is leaking. how "
        "do you adjust the rear drums on these"
    )
    assert answer.answered and ids(answer)[0] == "rear-drum-brake-adjustment"
    assert not answer.text.startswith("**Don't drive it")


def test_forms_of_get_and_keeps_are_filler(answerer: Answerer) -> None:
    """Trial 36: 'how do i bleed the cooling system on a honda acty, keeps getting air pockets' was a did-you-mean
    with the bleeding entry first: 'getting' counted as a topic the entry did not cover ('get' and 'got' are
    already stopwords)."""
    answer = answerer.answer("how do i bleed the cooling system on a honda acty, keeps getting air pockets")
    assert answer.answered and ids(answer)[0] == "coolant-air-bleeding-kei"


def test_a_cert_is_a_certificate(answerer: Answerer) -> None:
    """Trial 36: 'do I need to give the buyer the japanese export cert too or just the title' was a did-you-mean
    with the selling entry first: it writes 'certificate', which 'cert' did not meet."""
    answer = answerer.answer(
        "selling my hijet, do I need to give the buyer the japanese export cert too or just the title"
    )
    assert answer.answered and ids(answer)[0] == "buying-selling-your-kei"


def test_a_cost_question_quotes_the_passage_with_the_sums(answerer: Answerer) -> None:
    """Trial 37: 'how much does shipping a kei truck from japan to the port of baltimore cost' quoted the cost
    section's heading and its line about West Coast ports, not the line with the dollar figures: a sum of money
    written '$900-2,000' carried no word the question's 'cost' looks for."""
    answer = answerer.answer(
        "roughly how much does shipping a kei truck from japan to the port of baltimore cost and how long"
    )
    assert answer.answered and ids(answer)[0] == "import-roro-vs-container"
    assert "$900-2,000" in answer.text


def test_a_twin_asked_about_in_an_aside_is_not_the_question(answerer: Answerer) -> None:
    """Trial 37: 'ive got a 2001 clipper (actually a rebadged minicab right?) and the heater blows cold...' was
    answered with the Clipper's overview. Whether a truck is its twin is the question only in the closing
    question or a one-sentence message."""
    answer = answerer.answer(
        "ive got a 2001 clipper (actually a rebadged minicab right?) and the heater blows cold even when engine "
        "is warm. coolant is full. before i tear the dash apart wanted to know if thats the usual culprit"
    )
    assert "model-nissan-clipper" not in ids(answer)[:1]
    same = answerer.answer("are scrum parts the same as carry parts?")
    assert same.answered and same.entries[0].id in {"parts-scrum-carry-parts", "model-mazda-scrum"}


@pytest.mark.parametrize(
    "question",
    [
        "how much time does it take to change a timing belt on a hijet",
        "how much money does it take to ship one from japan",
        "how much of a lift can a sambar take",
    ],
)
def test_how_much_time_money_or_lift_it_takes_asks_no_capacity(answerer: Answerer, question: str) -> None:
    """Review 11: 'how much ... take' read as a capacity made these did-you-means (no entry gives a capacity
    for them); only an amount of a fluid is a capacity."""
    assert answerer.answer(question).answered


def test_an_amount_written_with_its_unit_gives_a_capacity(answerer: Answerer) -> None:
    """Review 11: 'how much atf does a hijet automatic take' became a did-you-mean: the ATF entry writes its
    amounts as '3.1 L', with no word the capacity check looked for."""
    answer = answerer.answer("how much atf does a hijet automatic take")
    assert answer.answered and ids(answer)[0] == "atf-automatic-kei-truck"


def test_a_price_gets_no_note_that_the_figures_are_other_trucks(answerer: Answerer) -> None:
    """Review 11: 'how much does a new clutch cost for a carry' opened 'my sources give nothing for the Carry';
    a price is seldom one truck's."""
    assert "give nothing for the" not in answerer.answer("how much does a new clutch cost for a carry").text


def test_the_chassis_codes_entry_skips_the_did_you_mean_only_if_its_names_speak_to_the_question(
    answerer: Answerer,
) -> None:
    """Review 11: 'check engine light on my DA63T' was answered by the DA63T 4WD actuator entry, whose text has
    'check', 'engine' and 'light' in it; its own names say 4WD actuator."""
    answer = answerer.answer("check engine light on my DA63T")
    assert "carry-4wd-actuator" not in ids(answer) and "carry-4wd-actuator" not in answer.suggestion_ids[:1]


def test_weight_and_a_five_speed_imply_nothing_beside_another_fluid_or_no_fluid(answerer: Answerer) -> None:
    """Review 11: 'what weight gear oil for the diff' lost its answer to the engine-oil 'viscosity', and 'is the 5
    speed transmission in the acty any good' got the gear-oil entry."""
    gear = answerer.answer("what weight gear oil for the diff")
    assert gear.answered and ids(gear)[0] == "gear-oil-transfer-diff-general"
    assert "gear-oil-transfer-diff-general" not in ids(
        answerer.answer("is the 5 speed transmission in the acty any good")
    )


def test_where_to_buy_a_replacement_one_is_the_last_topics_part(answerer: Answerer) -> None:
    """Review 11: after a timing-belt question, 'where can I buy a replacement one' named no part once
    'replacement' was set aside, and got the battery entry ('replacement battery'). The last topic is the part;
    asked alone, it is a did-you-mean."""
    conversation = Conversation()
    answerer.answer("timing belt interval on a 96 acty?", conversation)
    follow = answerer.answer("where can I buy a replacement one", conversation)
    assert follow.answered and follow.intent == "parts" and "battery-sizes-kei" not in ids(follow)
    alone = answerer.answer("where can I buy a replacement one")
    assert "battery-sizes-kei" not in ids(alone) and "battery-sizes-kei" not in alone.suggestion_ids[:1]


def test_the_51_series_codes_get_the_f6a_belt_entry(answerer: Answerer) -> None:
    """Review 11: 'timing belt interval for a DD51T' opened with the engines table, not the F6A belt entry's
    interval: that entry listed the DA51T/DB51T but not the DC51T/DD51T, which the engines entry puts in the same
    F6A 51 series."""
    answer = answerer.answer("timing belt interval for a DD51T")
    assert answer.answered and ids(answer)[0] == "carry-timing-belt-f6a"


def test_how_a_pedal_feels_is_no_topic(answerer: Answerer) -> None:
    """Trial 37: 'how do you adjust the clutch on a Suzuki Carry DD51T, pedal feels way high' was a did-you-mean
    led by the locking-hubs entry, which has 'feel' in it; the clutch entry says where the adjuster is."""
    answer = answerer.answer("how do you adjust the clutch on a Suzuki Carry DD51T, pedal feels way high")
    assert answer.answered and ids(answer)[0] == "clutch-slipping-adjust-replace"


def test_a_too_young_truck_already_here_asked_about_something_else_gets_no_import_sum(
    answerer: Answerer,
) -> None:
    """Trial 38: a post about an OBD connector on a '2008 DA63T, imported last year (yes I know it's not 25 yrs)'
    got only the 25-year sum. The truck is here and the closing question asks about something else; asking
    whether such a truck can come in still gets the sum."""
    answer = answerer.answer(
        "Posting here because the FB group was useless. DA63T, 2008, imported last year (yes I know it's not 25 "
        "yrs, importer titled it as a UTV). Anyway check engine light is on and my OBD2 reader won't connect. Is "
        "there a special connector?"
    )
    assert "federal-25-year-rule" not in ids(answer)
    assert "not yet eligible" in answerer.answer("can i import a 2008 DA63T?").text


def test_a_close_phrase_with_another_first_letter_is_no_misspelt_state(answerer: Answerer) -> None:
    """Trial 38: 'Throwout bearing went in fine, new fork boot too.' was read as New York ('new fork' is close to
    'new york'). A misspelling keeps each word's first letter; a misspelt name still is the state."""
    from bot.core.understand import understand

    assert understand("Throwout bearing went in fine, new fork boot too.", answerer.lexicon).states == ()
    assert understand("new yrok plates for a hijet", answerer.lexicon).states == ("NY",)


def test_anyone_sell_one_asks_where_to_get_it(answerer: Answerer) -> None:
    """Trial 38: 'Can I put a bigger radiator in my Minicab? anyone sell one' offered the selling-your-truck entry
    first in a did-you-mean."""
    answer = answerer.answer("Can I put a bigger radiator in my Minicab? anyone sell one")
    assert answer.answered and answer.intent == "parts" and "buying-selling-your-kei" not in ids(answer)


def test_a_posts_second_question_an_entry_covers_and_ranks_first_is_answered(answerer: Answerer) -> None:
    """Trial 38: '...What should I do first? And what fluid goes in the gearbox and the front diff?' offered the
    gear-oil entry first in a did-you-mean: it trailed the timing-belt entry (the post's story) by 0.11."""
    answer = answerer.answer(
        "Bought my first kei truck!! 1996 Suzuki Carry, 5 speed, 4wd. No clue what maintenance has been done, "
        "seller said the timing belt was 'probably' done. What should I do first? And what fluid goes in the "
        "gearbox and the front diff?"
    )
    assert answer.answered and ids(answer)[0] == "gear-oil-transfer-diff-general"


@pytest.mark.parametrize(
    ("question", "not_first"),
    [
        # an engine swap in the story of a truck already here is no import question (review 12)
        (
            "I imported a 1995 carry last year and swapped the engine for a K6A, what oil should I use now?",
            "federal-epa-21-year-exemption",
        ),
        (
            "the engine was replaced in my 1997 carry, I imported it in 2023. Is it still legal to register in Texas?",
            "federal-epa-21-year-exemption",
        ),
    ],
)
def test_an_engine_swap_in_the_story_of_a_truck_already_here_is_no_import_question(
    answerer: Answerer, question: str, not_first: str
) -> None:
    assert ids(answerer.answer(question))[:1] != [not_first]


def test_texas_is_answered_for_an_imported_truck_with_a_new_engine(answerer: Answerer) -> None:
    answer = answerer.answer(
        "the engine was replaced in my 1997 carry, I imported it in 2023. Is it still legal to register in Texas?"
    )
    assert answer.answered and ids(answer)[0] == "state-tx"


@pytest.mark.parametrize(
    "question",
    [
        "can I change my title to a clean title and then have the year say 1999",
        "make the export cert say 1999 so i can get a street title",
    ],
)
def test_a_paper_made_to_show_a_year_is_refused_beside_a_title_request(
    answerer: Answerer, question: str
) -> None:
    """Review 12: setting aside the retitling phrase also took away 'title', so 'change my title to a clean title
    and then have the year say 1999' was no longer refused."""
    answer = answerer.answer(question)
    assert answer.intent == "out_of_scope" and "altering" in answer.text


def test_anyone_selling_trucks_asks_where_to_buy_a_truck(answerer: Answerer) -> None:
    """Review 12: 'does anyone sell kei trucks near Denver?' got the parts catalogues once 'anyone sell' asked
    where to get a part."""
    answer = answerer.answer("does anyone sell kei trucks near Denver?")
    assert answer.answered and ids(answer)[0] == "buying-where-to-buy"


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("how much does the front diff take on a carry", "gear-oil-transfer-diff-general"),
        ("how much does the transfer case hold on a DB52T", "gear-oil-transfer-diff-general"),
    ],
)
def test_how_much_a_part_that_holds_a_fluid_takes_is_a_capacity(
    answerer: Answerer, question: str, first: str
) -> None:
    """Review 12: 'how much does the front diff take' was no capacity question once a fluid had to follow 'how
    much', and opened with the DA63T 4WD actuator entry."""
    answer = answerer.answer(question)
    assert answer.answered and ids(answer)[0] == first


def test_a_price_told_in_passing_keeps_the_other_trucks_note(answerer: Answerer) -> None:
    """Review 12: 'I paid $2000 for the truck' after a gear-oil capacity question took away the note that the
    figures are the Carry's and Hijet's, not the Minicab's."""
    answer = answerer.answer("how much gear oil does a minicab front diff take, I paid $2000 for the truck")
    assert answer.text.startswith("**My sources here give nothing for the Minicab;**")


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("west virgina kei truck registration", ("WV",)),
        ("virgina kei truck registration", ("VA",)),
        ("north carolyn registration for a sambar", ("NC",)),
        ("Throwout bearing went in fine, new fork boot too.", ()),
    ],
)
def test_misspelt_states_keep_their_first_letters(answerer: Answerer, question: str, states: tuple) -> None:
    """Review 12: 'west virgina' was Virginia (a direction before a misspelt Virginia), and guarding 'new fork'
    with everyday words lost 'north carolyn'; a misspelling keeps each word's first letter, another word does
    not."""
    from bot.core.understand import understand

    assert understand(question, answerer.lexicon).states == states


def test_the_k6a_firing_order_is_given(answerer: Answerer) -> None:
    """Review 12: 'What is the firing order on a k6a carry' went to the spark-plug entry, which only points to the
    engines entry; the engines entry gives 1-3-2."""
    answer = answerer.answer("What is the firing order on a k6a carry")
    assert answer.answered and "1-3-2" in answer.text


def test_a_language_after_in_is_no_town(answerer: Answerer) -> None:
    """Trial 39: 'Is there a service manual available in English anywhere?' was read as English, Indiana (a
    capitalised town name after 'in'); a town of that name with its state still is one."""
    from bot.core.understand import understand

    assert (
        understand("Is there a service manual available in English anywhere?", answerer.lexicon).states == ()
    )
    assert understand("I live in English, Indiana", answerer.lexicon).states == ("IN",)


def test_a_comparison_with_nothing_to_compare_on_leaves_the_states_rules_to_answer(
    answerer: Answerer,
) -> None:
    """Trials 36 and 39: 'probably a Carry or Hijet ... Which one would you guys pick and is it ok to drive in
    Ohio' got 'I don't have sourced facts to compare those on' and nothing on Ohio, whose rules it also asks
    ('ok to drive' is a state-legality cue). A comparison with no state asked about still declines."""
    answer = answerer.answer(
        "I'm in Ohio and I'm thinking about buying my first kei truck, probably a Carry or Hijet, mostly for the "
        "property. Which one would you guys pick and is it ok to drive in Ohio"
    )
    assert answer.answered and ids(answer)[0] == "state-oh"


def test_ok_after_looks_or_runs_is_the_word(answerer: Answerer) -> None:
    """Trial 39: 'Fluid level looks OK.' in a dump-bed post was Oklahoma; 'legal in OK' still is."""
    from bot.core.understand import understand

    assert understand("Fluid level looks OK. Could it be the relief valve?", answerer.lexicon).states == ()
    assert understand("my hijet runs OK but idles rough", answerer.lexicon).states == ()
    assert understand("is a kei truck legal in OK?", answerer.lexicon).states == ("OK",)


def test_a_repair_post_with_a_parts_afterthought_is_answered_by_the_repair_entry(answerer: Answerer) -> None:
    """Trial 39: a dump-bed post closing 'Could it be the relief valve? Also where do people get replacement pumps
    for these' got the parts catalogues and the engine valve-clearance entry; the dump-bed entry covers the closing
    question. A post whose closing question asks where to get a part still gets the sourcing answer."""
    answer = answerer.answer(
        "My dump bed Hijet's hydraulic lift stopped working. Pump motor makes noise but the bed won't go up. Fluid "
        "level looks OK. Could it be the relief valve? Also where do people get replacement pumps for these"
    )
    assert answer.answered and ids(answer)[0] == "dump-bed-slow-not-lifting"
    assert "valve-clearance-general" not in ids(answer)
    sourcing = answerer.answer("Can I put a bigger radiator in my Minicab? anyone sell one")
    assert sourcing.answered and sourcing.intent == "parts"
