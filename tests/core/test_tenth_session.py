"""Tenth session: what new-user trial 40 found ("is it OK to" read as Oklahoma, "in mass", a joke answered as
a road question, another generation's entry first, engine oil for gear oil)."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer


def ids(answer) -> list[str]:
    return [e.id for e in answer.entries]


@pytest.mark.parametrize(
    "question",
    [
        "I use my Hijet at deer camp. How can I tell if the rear diff lock is engaging, and is it OK to use it on "
        "pavement?",
        "is it OK to run 5w-30 in my carry",
        "is that OK for the clutch on my acty",
    ],
)
def test_ok_after_it_or_that_is_the_word_not_oklahoma(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.state != "OK" and "Oklahoma" not in answer.text


def test_ok_after_in_is_still_oklahoma(answerer: Answerer) -> None:
    assert answerer.answer("is a carry legal in OK").state == "OK"


@pytest.mark.parametrize(
    "question",
    ["can i get a title for my acty in mass", "is my carry legal in mass?", "registering a hijet in mass"],
)
def test_mass_ending_a_clause_after_in_is_massachusetts(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).state == "MA"


def test_mass_before_another_word_stays_a_word(answerer: Answerer) -> None:
    assert answerer.answer("were kei trucks made in mass production in japan").state is None


@pytest.mark.parametrize(
    "question",
    [
        "why did the kei truck cross the road",
        "tell me a kei truck joke",
        "know any good jokes about mini trucks?",
    ],
)
def test_a_joke_is_chatter_even_naming_a_kei(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.chatter and not answer.answered and not answer.entries


def test_a_joke_word_beside_a_kei_topic_is_a_question(answerer: Answerer) -> None:
    answer = answerer.answer("is it a joke that maine banned kei trucks")
    assert answer.answered and answer.state == "ME"


@pytest.mark.parametrize(
    "question",
    [
        "best place to get OEM parts for a suzuki carry in the US",
        "good website to buy genuine parts for my carry",
    ],
)
def test_the_place_asked_for_is_no_part(answerer: Answerer, question: str) -> None:
    """Trial 40: 'best place to get OEM parts' read 'place' and 'OEM' as the part and answered with the twin
    trucks' shared parts; it asks where parts are sold."""
    answer = answerer.answer(question)
    assert answer.answered and answer.intent == "parts"
    assert ids(answer)[0] in (
        "parts-us-importers",
        "parts-japan-oem-catalogues",
        "parts-carry-suzuki-sources",
    )
    assert "parts-twin-trucks-interchange" not in ids(answer)[:1]


def test_a_vehicle_said_not_to_be_a_kei_gets_no_kei_rules(answerer: Answerer) -> None:
    """'not a kei or anything, just a regular golf cart': the kei words are denied, so the golf cart is what is
    asked about, and Florida's kei-truck rules are not its answer."""
    answer = answerer.answer(
        "Florida (polk county). can my 13 yr old drive our club car golf cart down the county road to the "
        "neighbors? not a kei or anything just a regular golf cart"
    )
    assert not answer.answered and "golf cart" in answer.text and "state-fl" not in ids(answer)


def test_kei_words_in_quotes_still_name_a_kei(answerer: Answerer) -> None:
    answer = answerer.answer('What is a "kei" truck?')
    assert answer.answered and "660" in answer.text


def test_the_plain_version_in_a_comparison_is_no_topic(answerer: Answerer) -> None:
    """'the supercharged KS4 vs the regular one': 'regular' names the other side, not regular gas."""
    answer = answerer.answer("how much more power does the supercharged KS4 sambar have vs the regular one?")
    assert answer.answered and ids(answer)[0] == "sambar-en07-supercharged" and "40 PS" in answer.text


GEORGIA_IMPORTER_POST = (
    "Hey all, just picked up a 1996 Suzuki Carry DD51T from an importer down in Georgia and trailered it home to "
    "Ohio. The speedo only reads in km/h and the lady at the BMV gave me a funny look when I titled it. It's got "
    "about 38,000 km on it and runs great. Do I need to convert the speedometer to mph to get it registered or "
    "inspected here, and what's the easiest way to do it?"
)


def test_here_in_the_question_is_the_owners_home_state(answerer: Answerer) -> None:
    """Trial 40: the importer's state (Georgia) got a whole card beside Ohio's; 'here' is home, Ohio."""
    answer = answerer.answer(GEORGIA_IMPORTER_POST)
    assert ids(answer)[0] == "state-oh" and "state-ga" not in ids(answer)


def test_the_rest_of_a_posts_question_beside_the_state_rules(answerer: Answerer) -> None:
    """...and the speedometer the question asks about follows Ohio's rules."""
    answer = answerer.answer(GEORGIA_IMPORTER_POST)
    assert "speedometer-km-to-mph" in ids(answer) and "0.621" in answer.text


def test_a_question_about_the_truck_beside_a_state_question_is_answered_too(answerer: Answerer) -> None:
    """Trial 40: 'What's a realistic top speed for these trucks, and is it even legal to drive one on a 55 mph road
    in Tennessee?' answered only the legal half."""
    answer = answerer.answer(
        "My wife and I run a small farm in Tennessee and mostly use our 2003 Daihatsu Hijet S210P for hauling hay "
        "and feed. Every so often I want to take it into town, which means about 4 miles on a 55 mph state "
        "highway. What's a realistic top speed for these trucks, and is it even legal to drive one on a 55 mph "
        "road in Tennessee?"
    )
    assert ids(answer)[0] == "state-tn" and "kei-top-speed-highway" in ids(answer)


def test_worth_it_beside_a_state_question_asks_no_price(answerer: Answerer) -> None:
    answer = answerer.answer(
        "RI - want to buy a carry but after everything with the DMV is it even worth it? can new ones still get "
        "plated"
    )
    assert ids(answer) == ["state-ri"]


def test_a_remark_after_an_unmarked_question_is_no_part_of_it() -> None:
    from bot.core.text import closing_question

    post = (
        "My belt let go on the way to work. Towed it home and took everything off. Do I now own a paper weight or "
        "can I retime it and slap a new belt on. Sorry this is stressing me out its a 91 HA3"
    )
    assert closing_question(post) == "Do I now own a paper weight or can I retime it and slap a new belt on"
    assert closing_question("Bought a Hijet last week. Runs great. Love it") is None


def test_each_part_of_a_two_part_question_gets_the_entry_that_covers_it(answerer: Answerer) -> None:
    """Trial 40: a Maine rust post closing 'What's the best way to rustproof a kei truck, and where do they usually
    rust through first?' got a did-you-mean: no one entry covers both parts, but each part has its own."""
    answer = answerer.answer(
        "I live up in Maine near Bangor and bought a 1999 Honda Acty HA4 last fall. After one winter of salt I'm "
        "already seeing bubbling on the cab corners and some flaking on the frame rails. I've been reading about "
        "Fluid Film vs Woolwax vs cavity wax and I'm overwhelmed. What's the best way to rustproof a kei truck, "
        "and where do they usually rust through first?"
    )
    assert answer.answered and ids(answer)[0] == "rustproofing-underbody" and len(ids(answer)) == 2


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("who actually made the nissan clipper", "model-nissan-clipper"),
        ("which company makes the mazda scrum", "model-mazda-scrum"),
    ],
)
def test_who_made_a_truck_is_answered_by_its_overview(
    answerer: Answerer, question: str, overview: str
) -> None:
    """Trial 41: 'who actually made the nissan clipper' read 'made' as a build date and offered the 25-year rule."""
    answer = answerer.answer(question)
    assert answer.answered and ids(answer) == [overview]


def test_an_entry_named_for_another_engine_gives_way(answerer: Answerer) -> None:
    """Trial 41: 'is the K6A interference or not' was answered from the F6A's belt entry; the general belt entry
    (which says the K6A has a chain) answers instead."""
    answer = answerer.answer("is the K6A interference or not")
    assert "carry-timing-belt-f6a" not in ids(answer)[:1]
    assert not answer.answered or "chain" in answer.text


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("timing belt replacement on a HA4 acty", "acty-timing-belt"),
        ("my hijet needs a new clutch", "clutch-slipping-adjust-replace"),
    ],
)
def test_plain_repair_questions_are_answered_not_offered(
    answerer: Answerer, question: str, first: str
) -> None:
    """Trial 41: 'replacement' did not meet 'replace', and 'needs' counted as a topic word, so both got a
    did-you-mean with the right entry in it."""
    answer = answerer.answer(question)
    assert answer.answered and ids(answer)[0] == first


def test_which_part_an_engine_takes_says_when_the_sources_are_for_other_engines(answerer: Answerer) -> None:
    """Trial 41: 'what spark plugs does a k6a take' listed the F6A's and others' plugs with no word that none is
    the K6A's (a figure question said so already). The K6A's plug (NGK KR7AI) is known since the fifteenth session;
    the R06A's is not."""
    answer = answerer.answer("what spark plugs does an r06a take")
    assert answer.text.startswith("**My sources here don't name the R06A engine;**")
    assert "KR7AI" in answerer.answer("what spark plugs does a k6a take").text.split("\n", 1)[0]


def test_a_year_typed_2k1_is_2001(answerer: Answerer) -> None:
    answer = answerer.answer("is a 2k1 hijet old enough to import")
    assert answer.year == 2001 and "2001" in answer.text


def test_parts_for_a_truck_in_general_are_not_one_parts_sellers(answerer: Answerer) -> None:
    """Trial 41: 'where to buy parts for a sambar' opened with the Sambar's water-pump sellers; the truck's own
    parts entry goes first only when it is about its parts in general (the Acty's reproduction parts) or about
    the part asked for."""
    assert ids(answerer.answer("where to buy parts for a sambar"))[0] == "parts-japan-oem-catalogues"
    assert (
        ids(answerer.answer("where can i buy a water pump for my sambar"))[0]
        == "parts-sambar-water-pump-sources"
    )
    assert ids(answerer.answer("where do i get parts for my acty"))[0] == "parts-acty-honda-reproduction"


def test_the_trucks_own_entry_leads_though_it_does_not_name_the_engine_asked(answerer: Answerer) -> None:
    """Trial 41: 'e07a overheating what to check first' opened with roadside advice; the Acty's own check order
    scored as well but was passed over for not naming the E07A, which is the Acty's engine."""
    assert ids(answerer.answer("e07a overheating what to check first"))[0] == "acty-overheating-hills"


def test_a_generation_with_no_spec_sheet_is_said_to_have_none(answerer: Answerer) -> None:
    """Trial 41: 'S211P vs S110P which is better' compared the S211P's timing-belt entry (the only one naming it)
    with the S110P's sheet."""
    answer = answerer.answer("S211P vs S110P which is better")
    assert answer.text.startswith("I have no spec sheet for the S211P") and "hijet-timing-belt-ef" not in ids(
        answer
    )


# Review 13 (independent, 458 probes against the session's start): the worse cases, mended


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Is it legal to cross the road with my kei truck in Ohio?", "state-oh"),
        ("my engine goes knock knock at idle, what is it?", "engine-knock-tick-diagnosis"),
        ("No joke, how fast can a kei truck go?", "kei-top-speed-highway"),
        ("the AC in my hijet is a joke, can I recharge it with R134a?", "air-conditioning-kei"),
        ("riddle me this: why does my hijet idle high when cold?", "idle-speed-adjustment"),
    ],
)
def test_joke_words_in_a_real_question_are_no_joke(answerer: Answerer, question: str, entry: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered and not answer.chatter and ids(answer)[0] == entry


def test_here_is_home_only_when_the_truck_was_taken_home(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Vacationing in Maine this summer, I live in Texas. Can I drive my registered kei truck here?"
    )
    assert "state-me" in ids(answer)


@pytest.mark.parametrize(
    "question",
    [
        "isn't a kei truck basically a UTV?",
        "The clerk said it isn't a mini truck, it's a UTV. What do I do?",
        "My insurance says it's not a kei truck, it's a golf cart. Who covers kei trucks?",
    ],
)
def test_a_kei_denied_by_someone_else_or_asked_about_is_still_a_kei(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question).answered


@pytest.mark.parametrize(
    "question",
    [
        "a difference in mass and size between a Hijet and a Sambar",
        "I had a near miss today, are my brakes weak?",
    ],
)
def test_mass_and_miss_as_words_name_no_state(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.state is None and not any(e.id.startswith("state-") for e in answer.entries)


@pytest.mark.parametrize(
    "question",
    [
        "does this OK law cover kei trucks?",
        "Is that OK statute still in effect for mini trucks",
        "OK DMV won't title my Carry, what now?",
    ],
)
def test_ok_before_a_law_or_an_office_is_oklahoma(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).state == "OK"


def test_a_version_of_the_engine_asked_is_that_engine(answerer: Answerer) -> None:
    answer = answerer.answer("timing belt interval on the EN07Y supercharged sambar")
    assert answer.answered and ids(answer)[0] == "sambar-timing-belt-water-pump"


@pytest.mark.parametrize(
    ("question", "state", "entry"),
    [
        ("Is my Carry legal in Pennsylvania, and what's the top speed?", "state-pa", "kei-top-speed-highway"),
        ("Are kei trucks legal in Georgia? What's the payload?", "state-ga", "kei-payload-350kg"),
        ("Can I drive a kei truck in Oregon and what's the top speed?", "state-or", "kei-top-speed-highway"),
        (
            "In Texas, can I register my carry? Also where's the battery?",
            "state-tx",
            "battery-location-jump-start",
        ),
    ],
)
def test_a_state_question_beside_a_truck_question_keeps_the_states_rules(
    answerer: Answerer, question: str, state: str, entry: str
) -> None:
    """Review 13: the truck half of these drew the whole answer (top speed only, for 'is it legal in PA')."""
    answer = answerer.answer(question)
    assert ids(answer)[:2] == [state, entry]


def test_the_sambar_oil_question_gets_the_sambar_oil_entry(answerer: Answerer) -> None:
    """Trial 42: 'What oil does a KS4 sambar take' opened with the EN07 blow-by entry, written for the KS4 and
    named with 'oil'; the Sambar oil entry now lists the Sambar codes it covers."""
    assert ids(answerer.answer("What oil does a KS4 sambar take"))[0] == "sambar-oil-change"


def test_a_state_named_only_as_where_the_truck_was_bought_does_not_take_the_answer(
    answerer: Answerer,
) -> None:
    """Trial 42: a speedometer post naming Florida only as where the dealer was got Florida's road rules."""
    answer = answerer.answer(
        "Bought a 1997 Mitsubishi Minicab U42T from a dealer down in Florida. Everything is great except the "
        "speedometer is in km/h only and my wife keeps freaking out when she drives it. I've seen overlay "
        "stickers and GPS speedos online. Is a mph speedo actually required by law, and what's the cleanest way "
        "to convert it?"
    )
    assert "state-fl" not in ids(answer) and "speedometer" in answer.text.casefold()


def test_a_state_where_the_truck_was_bought_is_still_here_when_asked_about(answerer: Answerer) -> None:
    answer = answerer.answer("I bought a hijet from a dealer in Ohio. Can I register it here?")
    assert answer.state == "OH" and ids(answer)[0] == "state-oh"


def test_how_long_does_that_take_asks_about_the_last_topic_not_lengths(answerer: Answerer) -> None:
    """Trial 42: 'how long does that take' after a Florida title question answered with the trucks' dimensions."""
    from bot.core.conversation import Conversation

    conversation = Conversation()
    answerer.answer("how do i get a title for an imported kei truck in florida", conversation)
    follow = answerer.answer("how long does that take", conversation)
    assert not (follow.answered and ids(follow)[0] == "kei-dimensions-turning-clearance")


# Review 14 (independent, 380 probes against 7144633): the worse cases, mended


def test_driving_told_in_a_state_is_no_question_about_its_rules(answerer: Answerer) -> None:
    answer = answerer.answer("I run it in Ohio winters, what oil should I use?")
    assert ids(answer)[0] == "oil-change-general"


def test_here_is_home_when_the_other_state_is_where_the_truck_was_bought(answerer: Answerer) -> None:
    answer = answerer.answer("I live in Tennessee. Bought it in Georgia. Can I register it here?")
    assert ids(answer)[:1] == ["state-tn"] and "state-ga" not in ids(answer)


@pytest.mark.parametrize("question", ["registering a kei in mass and inspection?", "legal in mass or not?"])
def test_mass_before_and_or_or_in_a_rules_question_is_massachusetts(
    answerer: Answerer, question: str
) -> None:
    assert answerer.answer(question).state == "MA"


def test_a_tyre_size_beside_the_word_tires_is_what_the_question_says_of_them(answerer: Answerer) -> None:
    answer = answerer.answer("I put 145r12 tires on and now it shakes at 50")
    assert "parts-tyres-145r12-substitutes" not in ids(answer)[:1]


@pytest.mark.parametrize(
    "question", ["is 10w40 OK", "is my carry OK to drive on the highway", "are they OK on highways"]
)
def test_ok_after_a_noun_before_an_asking_word_is_the_word(answerer: Answerer, question: str) -> None:
    """Review 14: 'OK' after a noun was Oklahoma."""
    assert answerer.answer(question).state is None


@pytest.mark.parametrize("question", ["registered in OK?", "can I plate a kei in OK"])
def test_ok_after_a_place_word_is_oklahoma(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).state == "OK"


# one question, the entry that must answer it first (each case: what it got before, and why)
FIRST_ENTRY_CASES = [
    # Trial 40: 'DD51T wont go into 4wd' opened with the DA63T's electric actuator; nothing is written for the
    # DD51T, so the entry on telling the 4WD systems apart answers.
    pytest.param(
        "DD51T wont go into 4wd, the 4wd light doesnt come on",
        "which-4wd-system-not-engaging",
        id="another_generations_entry_gives_way_for_a_named_code",
    ),
    # Trial 40: 'U62T 5 speed gear oil capacity' opened with engine-oil capacities (the engine-oil entry
    # scored a little higher); the gear-oil entry is named for 'gear oil'.
    pytest.param(
        "U62T 5 speed gear oil capacity and type",
        "gear-oil-transfer-diff-general",
        id="an_entry_named_for_the_asked_pair_of_words_goes_first",
    ),
    # 'to the US or Canada' says no 'US Canada': the import answer keeps its customs steps.
    pytest.param(
        "How do I import a Japanese mini truck to the US or Canada?",
        "federal-canada-15-year-rule",
        id="words_apart_in_the_question_are_no_pair",
    ),
    # A sourced-set question: 'getting oil in the intake/air box on my EN07 sambar - known issue?' got a did-
    # you-mean led by the blow-by entry; 'known' counted against its coverage.
    pytest.param(
        "getting oil in the intake/air box on my EN07 sambar - known issue?",
        "sambar-en07-blow-by",
        id="known_issue_is_how_a_question_asks_not_what_about",
    ),
    # Trial 42: 'will 165/70R12 fit on a kei truck' got the engine-swap entry ('fit').
    pytest.param(
        "will 165/70R12 fit on a kei truck",
        "parts-tyres-145r12-substitutes",
        id="a_tyre_size_as_written_on_the_sidewall_asks_about_tyres",
    ),
]


@pytest.mark.parametrize(("question", "entry"), FIRST_ENTRY_CASES)
def test_the_entry_that_answers_comes_first(answerer: Answerer, question: str, entry: str) -> None:
    answer = answerer.answer(question)
    assert answer.answered and ids(answer)[0] == entry


def test_a_question_about_the_plain_truck_is_not_answered_by_its_variants_entry(answerer: Answerer) -> None:
    """Review 14: 'how long is the bed on a carry' opened with the Super Carry (the extended-cab version)."""
    answer = answerer.answer("how long is the bed on a carry")
    assert answer.answered and ids(answer)[0] != "carry-super-carry-extended-cab"


def test_what_an_office_says_the_truck_is_names_no_other_vehicle(answerer: Answerer) -> None:
    """Trial 43: 'ga tag office says its a low speed vehicle ...' was declined as a golf-cart question."""
    answer = answerer.answer(
        "ga tag office says its a low speed vehicle and has to be capped at 25mph, is that right for a 25yo import?"
    )
    assert "golf cart" not in answer.text
    assert (
        "golf cart"
        in answerer.answer("my buddy says his golf cart is street legal in georgia, is that right?").text
    )


def test_cbus_is_columbus_ohio(answerer: Answerer) -> None:
    answer = answerer.answer(
        "just moved to cbus w/ my 94 acty, will the bmv title it or do i need special paperwork"
    )
    assert answer.state == "OH"


def test_the_state_a_truck_was_bought_in_gets_no_card_beside_the_owners(answerer: Answerer) -> None:
    """Trial 43: an inherited Minicab post ('an old bill of sale from some importer in Georgia. I'm in Kentucky.')
    got a whole Georgia card."""
    answer = answerer.answer(
        "My uncle passed and left me his mini truck, a 1990 Mitsubishi Minicab. Problem is there's no title "
        "anywhere, just a Japanese export certificate in a folder and an old bill of sale from some importer in "
        "Georgia. I'm in Kentucky. How do I get it titled in my name, and will the county clerk accept the export "
        "certificate?"
    )
    assert ids(answer)[0] == "state-ky" and "state-ga" not in ids(answer)
