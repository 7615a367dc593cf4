"""What a post's backstory says is not what it asks: a state where the owner lives, an import word in the
story, a port the ship docks at, a contraction, a decade (new-user trials 19 and 20)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core import eligibility
from bot.core.answering import Answerer, Conversation
from bot.core.understand import Lexicon, understand


@pytest.fixture(scope="module")
def lexicon(real_kb) -> Lexicon:
    return Lexicon.from_kb(real_kb)


def ask(answerer: Answerer, question: str) -> dict:
    return answerer.answer(question, Conversation()).to_contract()


def ids(answer: dict) -> list[str]:
    return [e["id"] for e in answer["entries"]]


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "anyone know the battery size for a da63t? mine died last night, wisconsin cold",
            "battery-sizes-kei",
        ),
        ("I live in Ohio and my truck lands in Seattle. Do I need ISF?", "federal-isf-10-plus-2"),
        # what the truck can do, not what the state allows (review 6)
        (
            "how fast does a kei truck actually go? thinking of getting one in louisiana",
            "kei-top-speed-highway",
        ),
        ("I'm in Florida. How fast can it go with a full load?", "kei-top-speed-highway"),
    ],
)
def test_a_state_named_only_in_the_backstory_does_not_take_over(
    answerer: Answerer, question: str, entry: str
) -> None:
    answer = ask(answerer, question)
    assert answer["answered"] and ids(answer)[0] == entry
    assert answer["state"] is None and not any(i.startswith("state-") for i in ids(answer))


@pytest.mark.parametrize(
    ("question", "state"),
    [
        ("I live in Texas. Can I drive it on the highway?", "TX"),  # the question asks the state's rules
        ("I'm in Florida. Do I need insurance for my kei truck?", "FL"),  # insurance is a legal topic
        ("We live in Michigan. How do I get a title for my carry?", "MI"),
        ("do i need insurance on my kei truck if its only used on the farm in ohio", "OH"),  # one sentence
        # the closing question asks the state's rules in words no cue reads (review 5: 0 of 105 had kept it)
        ("I'm in Ohio. What are the rules for kei trucks?", "OH"),
        ("How do I get it inspected? I'm in new jersey", "NJ"),
        ("I'm in Florida. What speed can I drive it at?", "FL"),
        ("what lights and equipment do i need? I'm in Minnesota", "MN"),
        ("how fast can I legally drive it? I'm in Florida", "FL"),
    ],
)
def test_a_state_the_question_itself_depends_on_still_answers(
    answerer: Answerer, question: str, state: str
) -> None:
    answer = ask(answerer, question)
    assert answer["state"] == state and ids(answer)[0] == f"state-{state.lower()}"


def test_an_import_word_in_the_story_is_not_an_import_question(answerer: Answerer) -> None:
    answer = ask(
        answerer,
        "97 carry check engine light on and theres no obd port. how do i read the code? in NC if that matters",
    )
    # not the 25-year sum for a 1997 truck and North Carolina's road rules: the code question (answered since
    # "check engine light" is a repair cue, not "engine" a spec one)
    assert "25-year rule (NHTSA / FMVSS)" not in answer["text"] and "North Carolina" not in answer["text"]
    assert ids(answer) == ["check-engine-light-codes-jdm"]
    # a closing question about importing still gets the sum
    asked = ask(answerer, "Found a 1997 carry at auction in Japan. Can I import it?")
    assert "25-year rule (NHTSA / FMVSS): eligible" in asked["text"]


def test_a_contraction_is_no_state(lexicon: Lexicon) -> None:
    assert understand("are kei trucks legal in ohio? I'll be moving there", lexicon).states == ("OH",)
    assert understand("are kei trucks legal in ohio? I’ll be moving there", lexicon).states == ("OH",)
    assert understand("legal in ill.?", lexicon).states == ("IL",)  # the abbreviation still is
    # typed without its apostrophe, capitalised: still the contraction (review 5)
    assert understand(
        "Thanks, Ill check with the DMV then. Is insurance required in ohio?", lexicon
    ).states == ("OH",)
    assert understand("Ill DMV says no", lexicon).states == ("IL",)


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("my truck lands in Seattle next week from Japan. Do I need a customs broker?", ()),
        ("the exporter says it arrives at Tacoma in 3 weeks", ()),
        (
            "The exporter in Japan says my hijet lands in Seattle in March. Do I need a broker?",
            (),
        ),  # a model's name
        ("my truck is headed to Baltimore from Japan, I live in Texas. can I register it?", ("TX",)),
        # no ship from overseas: the owner goes there, or lives there
        ("I am headed to Boise to pick up my carry", ("ID",)),
        ("I live in Seattle, my truck from japan arrives next week", ("WA",)),
        # no seaport, or registered "there": the state (review 5)
        ("my carry from japan finally arrived in Denver, how do I title it here?", ("CO",)),
        ("PCSing from japan, headed to San Antonio. can I register my hijet there?", ("TX",)),
        ("The exporter in Japan says my hijet lands in Houston in March. Can I register it there?", ("TX",)),
    ],
)
def test_the_city_a_ship_arrives_at_is_a_port(lexicon: Lexicon, question: str, states: tuple) -> None:
    assert understand(question, lexicon).states == states


@pytest.mark.parametrize(
    ("question", "year", "span"),
    [
        ("late 2000s hijet, can I import it yet?", 2007, (2007, 2009)),
        ("can I import an early 90s carry?", 1990, (1990, 1993)),
        ("mid-90's acty", 1994, (1994, 1996)),
        ("a carry from the late 90s", 1997, (1997, 1999)),
        ("90s kei trucks legal?", 1990, (1990, 1999)),
        ("a 1998 carry or a late 90s one", 1998, None),  # a year of its own wins
        ("temps in the 90s, my carry overheats", None, None),  # the weather
        ("in the 60s mph", None, None),
        # "2000s" is never the year 2000, whatever is around it (review 5)
        ("my truck is from the mid 2000s, can I bring it in?", 2004, (2004, 2006)),
        ("it's a mid 2000s model, can I import it?", 2004, (2004, 2006)),
        ("are mid 2000s hijets importable?", 2004, (2004, 2006)),
        ("temps hit the 90s here, can I import a late 2000s hijet?", 2007, (2007, 2009)),
    ],
)
def test_a_decade_is_a_span_of_build_years(lexicon: Lexicon, question: str, year: int | None, span) -> None:
    u = understand(question, lexicon)
    assert (u.year, u.year_span) == (year, span)


def test_a_span_is_judged_as_a_whole_not_by_its_first_year(answerer: Answerer) -> None:
    late = ask(answerer, "late 2000s hijet, can I import it yet?")["text"]
    assert "not yet eligible, none of them" in late and "2007 to 2009" in late
    assert "eligible." not in late.split("\n")[1]  # the wrong verdict for a 2000 build
    early = ask(answerer, "can I import an early 90s carry?")["text"]
    assert "eligible, all of them" in early
    # a state question about a partly eligible span is the state's, not "too new to import" (review 5)
    texas = ask(answerer, "early 2000s carry street legal in texas?")
    assert texas["text"].startswith("**Texas:") and "too new to import" not in texas["text"]
    # the span is the generation's first year's: a late 90s Hijet is the 1994-98 truck
    assert "S110P" in ask(answerer, "specs for a late 90s hijet")["text"].split("\n")[0]
    # and a follow-up keeps the span
    conversation = Conversation()
    answerer.answer("can I import an early 2000s hijet?", conversation)
    follow = answerer.answer("what about registering it in texas?", conversation)
    assert "too new to import" not in follow.text and follow.text.startswith("**Texas:")


def test_describe_span_tells_all_some_or_none() -> None:
    today = dt.date(2026, 12, 6)
    assert "eligible, all of them" in eligibility.describe_span(1990, 1993, today)
    some = eligibility.describe_span(2000, 2009, today)
    assert "some are eligible now" in some and "reached it in January 2025" in some
    assert "reaches it in December 2034" in some and "built in 2005 or earlier" in some
    none = eligibility.describe_span(2007, 2009, today)
    assert "not yet eligible, none of them" in none and "not before 2028" in none


LONG_POSTS = [
    (
        "Bought an automatic 2002 Hijet S210P for my wife since she can't drive stick. It shifts kinda hard from "
        "1st to 2nd, and a couple times after I washed it it felt like it skipped a gear entirely. What ATF does it "
        "take? And is it safe to change the fluid on a truck with 90k km, I've heard changing it can kill an old "
        "auto.",
        "atf-automatic-kei-truck",
    ),
    (
        "Looking at using a kei for my landscaping side business here in NC, mostly hauling mulch, bags of soil "
        "and pavers. Guy at the importer said a Carry can easily do 1000 lbs in the bed no problem. That sounds "
        "high to me for a truck this small. What's the actual rated payload on these? Don't want to be snapping "
        "leaf springs every month.",
        "kei-payload-350kg",
    ),
]


@pytest.mark.parametrize(("post", "entry"), LONG_POSTS, ids=["atf", "payload"])
def test_the_entry_that_speaks_to_a_posts_closing_question_answers_it(
    answerer: Answerer, post: str, entry: str
) -> None:
    # several alike entries match the story; the one covering what is finally asked is no guess among them
    answer = ask(answerer, post)
    assert answer["answered"] and ids(answer)[0] == entry


def test_a_post_asking_the_fluid_and_the_fault_gets_both_entries(answerer: Answerer) -> None:
    """The closing question (bleed it, or the master cylinder?) is the sinking-pedal entry's; "DOT 3 or DOT 4?"
    before it is the brake-fluid entry's (since "dot3"/"DOT 3" are one word, the eighth session)."""
    answer = ask(
        answerer,
        "Picked up a 1993 Sambar KS3 that sat for a long time behind a barn in Kentucky. Brake pedal goes almost "
        "to the floor and feels mushy. I topped off the reservoir but it's still soft, and the fluid in there "
        "looked dark brown. What brake fluid do these take, DOT 3 or DOT 4? And should I bleed it myself or is "
        "this a master cylinder thing?",
    )
    assert answer["answered"] and set(ids(answer)[:2]) == {"brake-pedal-sinks-floor", "brake-fluid-kei"}


def test_a_closing_question_of_another_kind_than_the_leader_is_still_a_guess(answerer: Answerer) -> None:
    # the licence entry covers the last question, but the import entry scored more and is of another kind:
    # a post about importing into Japan is not answered from the kei-licence entry
    answer = ask(
        answerer,
        "What are the rules for shipping a car into Japan? Which vehicles are allowed? Can I drive it there on an "
        "international license?",
    )
    assert not answer["answered"]


def test_beside_a_state_the_general_entry_worded_most_like_the_question(answerer: Answerer) -> None:
    # the general insurance entry scores more (the legal cue), the farm-insurance one is worded like the question
    answer = ask(answerer, "do i need insurance on my kei truck if its only used on the farm in ohio")
    assert ids(answer)[:2] == ["state-oh", "buying-farm-insurance-kei"]
    assert ids(ask(answerer, "who insures kei trucks in ohio?"))[:2] != [
        "state-oh",
        "buying-farm-insurance-kei",
    ]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("best place to get a lift kit for a da63t", "suspension-lift-kits"),
        ("where do people get a windshield for a Sambar", "glass-windshield-kei"),
        (
            "I need a new windshield for my 97 Acty, rock went through it. Local glass shops say they cant get it. "
            "Where do people get windshields for kei trucks? Is shipping from japan the only way?",
            "glass-windshield-kei",
        ),
        # entries named for the part but written about a job on it, not where it comes from: the parts shops
        ("where do I get a clutch kit for a KS4 Sambar?", "parts-japan-oem-catalogues"),
        ("where do i find a timing belt for my acty", "parts-japan-oem-catalogues"),
    ],
)
def test_where_to_get_a_part_an_entry_is_written_for_is_that_entry(
    answerer: Answerer, question: str, first: str
) -> None:
    answer = ask(answerer, question)
    assert answer["answered"] and ids(answer)[0] == first


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("is there a speed limit for mini trucks in ohio", "- **Speed:**"),
        ("does a kei truck need a safety inspection in ohio", "- **Inspection:**"),
        ("can i get a title for my kei truck in ohio", "- **Title:**"),
    ],
)
def test_a_state_answer_gives_the_asked_condition_right_after_the_status(
    answerer: Answerer, question: str, label: str
) -> None:
    lines = ask(answerer, question)["text"].split("\n")
    assert lines[0].startswith("**Ohio:")
    assert lines[1] == "**Conditions**" and lines[2].startswith(label)
    # the section's heading once: its other lines come with it, not after the law (review 5)
    headings = [line for line in lines if line.startswith("**") and line.endswith("**")]
    assert len(headings) == len(set(headings))


def test_the_asked_conditions_section_comes_whole(answerer: Answerer) -> None:
    lines = ask(answerer, "speed limit for mini trucks in louisiana")["text"].split("\n")
    assert lines[1:4] == [
        "**Conditions**",
        "- **Speed:** Roads posted 55 mph or less; no separate cap on the truck itself found.",
        "- **Interstates:** Not allowed.",
    ]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("what year is H9 on an auction sheet, its for a sambar i'm bidding on", "buying-japanese-era-years"),
        ("my papers say H10, what year is that", "buying-japanese-era-years"),
        ("H4 headlight bulb for my acty", "lighting-bulbs-led"),  # a bulb type, not Heisei 4
        ("H4 or H7 for a carry?", None),  # no word about dates or papers (review 6)
    ],
)
def test_an_era_year_like_h9_finds_the_entry_on_japanese_dates(
    answerer: Answerer, question: str, first: str | None
) -> None:
    if first is None:
        assert "heisei" not in answerer.index.question_tokens(understand(question, answerer.lexicon))
        return
    answer = ask(answerer, question)
    assert answer["answered"] and ids(answer)[0] == first


def test_a_typo_keeps_its_first_letter(answerer: Answerer, lexicon: Lexicon) -> None:
    index = answerer.index
    assert index._correct("estat") == "estat"  # "an estate sale" is no "state"
    u = understand(
        "Trying to ID a truck I got at an estate sale. The plate on the firewall says U42T", lexicon
    )
    assert "stat" not in index.question_tokens(u) and u.states == ()
    assert index._correct("transmision") == "transmission"


def test_an_entry_that_merely_mentions_the_closing_word_does_not_answer_a_crowded_post(
    answerer: Answerer,
) -> None:
    post = (
        "Hijet S110P overheats on the highway after 20 minutes, temp gauge climbs, fan seems to run. I already "
        "replaced the thermostat. What coolant should I use?"
    )
    answer = ask(answerer, post)
    assert not answer["answered"]  # not the "gauge reads low / engine running cold" entry (review 5)


def test_an_entry_answers_where_to_get_its_part_only_if_a_phrasing_asks_that(answerer: Answerer) -> None:
    # the snow-driving entry has phrasings with "get" and "best", none asking where to get chains (review 5)
    assert ids(ask(answerer, "where do I get snow chains for a kei truck"))[0] != "snow-driving-chains"
    assert "snow-driving-chains" not in answerer.sourcing_phrased
    assert "glass-windshield-kei" in answerer.sourcing_phrased


def test_a_carried_year_too_young_to_import_keeps_its_verdict(answerer: Answerer) -> None:
    conversation = Conversation()
    answerer.answer("can I import a 2005 hijet?", conversation)
    paperwork = answerer.answer("what paperwork do I need to import it?", conversation)
    assert "not yet eligible" in paperwork.text  # review 5: the HS-7 "25 or more years" box alone misled


@pytest.mark.parametrize(
    ("post", "entry"),
    [
        (
            "CV boot tore on the front of my KS4 Sambar and it's slinging grease all over the inside of the wheel. "
            "Can I get away with a split boot or do I need to pull the axle? Anyone done this job on a Sambar? Not a "
            "super experienced wrencher but I have basic tools.",
            "cv-boots-axles",
        ),
        (
            "How much can a kei truck tow? I want to pull a small 5x8 utility trailer with my 2000 Hijet, maybe 1,000 "
            "lbs loaded. Is there a hitch rating anywhere? Don't want to burn up the clutch.",
            "kei-towing-trailer",
        ),
    ],
    ids=["cv-boot", "towing"],
)
def test_a_remark_after_a_posts_last_question_is_no_part_of_what_is_asked(
    answerer: Answerer, post: str, entry: str
) -> None:
    answer = ask(answerer, post)
    assert answer["answered"] and ids(answer)[0] == entry


def test_up_to_the_question_leaves_out_the_remark_after_it(answerer: Answerer, lexicon: Lexicon) -> None:
    u = understand(
        "CV boot tore on my Sambar. Anyone done this job? Not a super experienced wrencher lol.", lexicon
    )
    topic = answerer.index.question_tokens(u)
    head = answerer._up_to_the_question(u, topic)
    assert "boot" in head and "job" in head
    assert not {"experienc", "wrencher"}.intersection(head) and {"experienc"}.intersection(topic)


@pytest.mark.parametrize(
    ("post", "not_first"),
    [
        # a too-young year beside a legal word ("mph", the firewall "plate") in a question about something else
        (
            "My 2006 Carry DA63T 4x4 has a whine that starts around 35 mph and gets louder the faster I go. It's there "
            "in 2wd and 4wd. Is that the differential or a wheel bearing?",
            "federal-25-year-rule",
        ),
        (
            "Trying to order a water pump on amayama for my 2002 Minicab U62T. It wants the frame number and I've got "
            "U62T-0123456 off the firewall plate. Do I type the whole thing with the dash?",
            "federal-25-year-rule",
        ),
        # a state the owner lives in, and no rule asked (trial 23)
        (
            "I'm up in Minnesota and I only use my Hijet from April to October. What should I do with the fuel, "
            "battery and tires so it starts in the spring?",
            "state-mn",
        ),
    ],
    ids=["whine", "frame-number", "storage"],
)
def test_a_side_legal_word_or_home_state_does_not_decide_the_answer(
    answerer: Answerer, post: str, not_first: str
) -> None:
    answer = ask(answerer, post)
    assert not_first not in ids(answer)[:1] and "25-year rule (NHTSA / FMVSS)" not in answer["text"]
    # the plain question still gets the verdict
    assert (
        "25-year rule (NHTSA / FMVSS): not yet eligible"
        in ask(answerer, "can i register a 2010 kei truck?")["text"]
    )


def test_a_foreign_account_in_a_post_about_buying_from_japan_is_not_another_countrys_rules(
    answerer: Answerer,
) -> None:
    answer = ask(
        answerer,
        "Found an exporter on Instagram with really good prices on late 90s Carrys, like $2,500 FOB. They want a 50% "
        "deposit wired to what looks like a personal account in the Philippines, not Japan. Website is only 4 months "
        "old. How do I check whether an exporter is real before sending money? My gut says no but the pics look "
        "legit.",
    )
    assert answer["intent"] != "out_of_scope" and ids(answer)[:1] == ["buying-exporter-fraud-checks"]
    assert ask(answerer, "can I register my hijet in canada")["intent"] == "out_of_scope"


def test_review_6_follow_ups_and_remarks(answerer: Answerer) -> None:
    # a follow-up about the truck after a too-young import question is about the truck
    conversation = Conversation()
    answerer.answer("can I import a 2005 hijet?", conversation)
    four = answerer.answer("is it 4wd?", conversation)
    assert "25-year rule (NHTSA / FMVSS)" not in four.text and ids_of(four)[:1] == ["hijet-4wd-low-range"]
    # the question first and the details after it: the details are what is asked (no confident side entry)
    assert not ask(answerer, "Any advice? My acty clunks when I let off the gas.")["answered"]


def ids_of(answer) -> list[str]:
    return [e.id for e in answer.entries]


@pytest.mark.parametrize(
    ("question", "year", "span"),
    [
        ("my 2000 hijet sat in a barn since the mid 2000s, can I still import it?", 2000, None),
        ("I have a 1990 acty that came over in the late 90s, is it legal in ohio?", 1990, None),
        ("and an early 90s one?", 1990, (1990, 1993)),
    ],
)
def test_a_year_said_on_its_own_is_not_a_decades_start(
    lexicon: Lexicon, question: str, year: int, span
) -> None:
    u = understand(question, lexicon)
    assert (u.year, u.year_span) == (year, span)


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("Moving to ID a few months from now, can I plate my carry", ("ID",)),
        ("In ID the DMV said no", ("ID",)),
        ("can someone ID this truck", ()),
        ("is there a fee? my truck from japan lands in Savannah", ()),  # "is there" registers nothing there
        ("PCSing from japan, heading to San Diego. can I register my hijet?", ("CA",)),  # a person, no ship
    ],
)
def test_review_6_places(lexicon: Lexicon, question: str, states: tuple) -> None:
    assert understand(question, lexicon).states == states


def test_where_to_get_something_that_is_no_part_is_not_the_parts_catalogue(answerer: Answerer) -> None:
    assert ids(ask(answerer, "where can I get my kei truck insured"))[:1] == ["legal-insurance"]
    assert ids(ask(answerer, "where can I get a new export certificate"))[:1] == [
        "federal-export-certificate"
    ]
    assert ids(ask(answerer, "where do I get a clutch kit for a KS4 Sambar?"))[:1] == [
        "parts-japan-oem-catalogues"
    ]


def test_review_6_smaller_ones(answerer: Answerer, lexicon: Lexicon) -> None:
    # a first letter spelled by its sound is corrected when the rest is close; "estate" is still no "state"
    assert (
        answerer.index._correct("karburetor") == "carburetor" and answerer.index._correct("estat") == "estat"
    )
    # "built in the late 90s" is a span of build years
    assert understand("can I import a mini truck built in the late 90s?", lexicon).year_span == (1997, 1999)
    # the asked line first within its section
    lines = ask(answerer, "can kei trucks go on the interstate in Kansas")["text"].split("\n")
    assert lines[1] == "**Conditions**" and lines[2].startswith("- **Interstates:**")


def test_where_to_find_a_thing_on_the_truck_is_no_parts_question(answerer: Answerer) -> None:
    assert ids(ask(answerer, "where can I find the fuse box on my hijet"))[:1] == ["fuses-blown"]
    # where to find one to buy still is
    assert ids(ask(answerer, "where can i find a clutch kit for my acty"))[:1] == [
        "parts-japan-oem-catalogues"
    ]


def test_asking_where_to_start_names_no_topic(answerer: Answerer, lexicon: Lexicon) -> None:
    post = (
        "Idle is really high on my 2000 Minicab U62T, sits around 1500 rpm when fully warm and doesn't come down. "
        "Is that normal for the 3G83? Truck otherwise runs and drives great. What should I look at first?"
    )
    assert ids(ask(answerer, post))[:1] == ["idle-speed-adjustment"]
    assert "start" not in understand("horn quit on my minicab, where do i even start", lexicon).tokens
    assert "start" in understand("my carry wont start", lexicon).tokens
