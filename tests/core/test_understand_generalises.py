"""Issue 10 item 5: understanding that generalises beyond the hand-written examples.

Makers named without a model ("my 93 suzuki"), state nicknames from data/states.yaml, state codes that are
also English words, ZIP codes, and towns whose names are everyday words. The model vocabulary comes from
the real knowledge base, as in production.
"""

from __future__ import annotations

import pytest

from bot.core import places
from bot.core.understand import Lexicon, understand


@pytest.fixture(scope="module")
def lexicon(real_kb) -> Lexicon:
    return Lexicon.from_kb(real_kb)


MAKERS = [
    ("my 93 suzuki won't start", "Suzuki Carry", 1993),
    ("is a 96 daihatsu legal in texas", "Daihatsu Hijet", 1996),
    ("honda timing belt interval", "Honda Acty", None),
    ("subaru overheating on the highway", "Subaru Sambar", None),
    ("mitsubishi parts near me", "Mitsubishi Minicab", None),
    ("1995 mazda for sale, good deal?", "Mazda Scrum", 1995),
    ("my 2008 nissan needs a clutch", "Nissan Clipper", 2008),
    ("my 90's suzuki", "Suzuki Carry", 1990),  # a decade: its first year stands for it (year_span 1990-99)
]


@pytest.mark.parametrize(("question", "model", "year"), MAKERS, ids=[m[0] for m in MAKERS])
def test_a_maker_alone_names_its_kei_truck(
    lexicon: Lexicon, question: str, model: str, year: int | None
) -> None:
    u = understand(question, lexicon)
    assert (u.model, u.year) == (model, year)


@pytest.mark.parametrize(
    "question",
    [
        "1998 nissan kei truck import",  # no Nissan kei truck before the Clipper (2003)
        "2023 honda truck",  # the Acty ended in 2021
        "honda pioneer legal on the road?",  # a UTV (scope.yaml)
        "suzuki samurai 25 year rule",
        "honda civic import",
        "mitsubishi delica van",
        "nissan frontier",
        "does anyone have an MCO from Mitsubishi for a Delica",  # real question ra041
    ],
)
def test_a_maker_with_another_vehicle_or_out_of_years_names_no_model(lexicon: Lexicon, question: str) -> None:
    assert understand(question, lexicon).models == ()


def test_the_twin_relation_stays_known(lexicon: Lexicon) -> None:
    assert lexicon.twins["Mazda Scrum"] == "Suzuki Carry"
    assert lexicon.makers["mazda"].model == "Mazda Scrum"


def test_makers_come_from_the_knowledge_base(lexicon: Lexicon) -> None:
    assert {m: maker.model for m, maker in lexicon.makers.items()} == {
        "honda": "Honda Acty", "suzuki": "Suzuki Carry", "daihatsu": "Daihatsu Hijet",
        "subaru": "Subaru Sambar", "mitsubishi": "Mitsubishi Minicab", "mazda": "Mazda Scrum",
        "nissan": "Nissan Clipper",
    }  # fmt: skip


NICKNAMES = [
    ("can I plate a kei truck in the Tar Heel state?", "NC"),
    ("Mountain State kei truck laws", "WV"),
    ("is it legal in the Mountain State", "WV"),
    ("kei truck legal in the First State?", "DE"),
    ("Lone Star kei truck rules", "TX"),
    ("registering in the lone star state", "TX"),
    ("show me state registration", "MO"),
    ("Show-Me State title", "MO"),
    ("Empire State kei truck", "NY"),
    ("golden state legal?", "CA"),
    ("sunshine state title", "FL"),
    ("keystone state inspection", "PA"),
    ("buckeye state plates", "OH"),
    ("hoosier state bmv", "IN"),
    ("kei truck in the Old Dominion", "VA"),
    ("mt rushmore state", "SD"),
    ("the Natural State", "AR"),
    ("im a texan, can i drive it", "TX"),
]


@pytest.mark.parametrize(("question", "state"), NICKNAMES, ids=[n[0] for n in NICKNAMES])
def test_state_nicknames(lexicon: Lexicon, question: str, state: str) -> None:
    assert understand(question, lexicon).state == state


@pytest.mark.parametrize(
    "question",
    ["a mountain state like colorado", "lone star beer in the cooler", "my first state inspection went fine"],
)
def test_risky_nicknames_need_capitals(lexicon: Lexicon, question: str) -> None:
    assert understand(question, lexicon).states in ((), ("CO",))


def test_every_state_has_a_nickname() -> None:
    named = set(places.STATE_ALIASES.values()) | set(places.RISKY_STATE_ALIASES.values())
    nicknamed = {code for name, code in places.STATE_ALIASES.items() if "state" in name.split()}
    nicknamed |= {code for name, code in places.RISKY_STATE_ALIASES.items() if " " in name}
    assert named == set(places.STATE_NAMES)
    assert len(nicknamed) >= 45


CODES = [
    ("Can I register it in HI", ("HI",)),
    ("HI, I have a 96 carry", ()),
    ("is it legal in ME", ("ME",)),
    ("ME dmv kei", ("ME",)),
    ("help me find parts", ()),
    ("kei truck legal in OK?", ("OK",)),
    ("OK so what about the belt", ()),
    ("can I title it in OR", ("OR",)),
    ("OR should I buy a hijet", ()),
    ("is it legal in IN", ("IN",)),
    ("registering in SC", ("SC",)),
    ("legal in sc?", ("SC",)),
    ("moving to OR from CA", ("OR", "CA")),
    ("OK thanks, that helps", ()),
    ("ME state inspection sticker", ()),  # "state" alone does not make the capital ME Maine
    ("ME county clerk said no", ("ME",)),
    ("is a kei legal near mo", ("MO",)),
    ("wisdot won't title it", ("WI",)),
    ("ncdmv says no", ("NC",)),
    ("Trying to ID a truck I got at an estate sale", ()),  # the verb
    ("can you ID my truck from this frame number", ()),
    ("moving to ID this summer, can I plate my carry", ("ID",)),
    ("moving from texas into oklahoma with my carry", ("OK", "TX")),
]


@pytest.mark.parametrize(("question", "states"), CODES, ids=[c[0] for c in CODES])
def test_codes_that_are_words_decided_by_context(lexicon: Lexicon, question: str, states: tuple) -> None:
    assert understand(question, lexicon).states == states


ZIPS = [
    ("I'm in 97214, can I register it?", ("OR",)),
    ("zip 30301 kei legal?", ("GA",)),
    ("live in 10001 is it legal", ("NY",)),
    ("has 45000 miles on it", ()),
    ("in 12000 miles change the belt?", ()),
    ("paid $12000 for it", ()),
    ("odometer reads 97214", ()),
]


@pytest.mark.parametrize(("question", "states"), ZIPS, ids=[z[0] for z in ZIPS])
def test_zip_codes_in_a_place_context(lexicon: Lexicon, question: str, states: tuple) -> None:
    assert understand(question, lexicon).states == states


def test_zip_state_lookup_is_offline_and_strict() -> None:
    assert places.zip_state("97214") == "OR"
    assert places.zip_state("20500") == "DC"
    assert places.zip_state("99999") is None  # not a ZIP code in use
    assert places.zip_state("00601") is None  # Puerto Rico: a territory, not a state
    assert places.zip_state("9721") is None


TOWNS = [
    ("I live in Mobile, can I plate it", ("AL",)),
    ("mobile mechanic near me", ()),
    ("registering in Reading", ("PA",)),
    ("I'm reading the title", ()),
    ("in Normal, is it legal", ("IL",)),
    ("im in London", ()),  # better known abroad: not London, KY
    ("my tacoma", ()),
    ("Portland ME title", ("ME",)),
    ("Columbia SC", ("SC",)),
]


@pytest.mark.parametrize(("question", "states"), TOWNS, ids=[t[0] for t in TOWNS])
def test_towns_named_like_words_need_context(lexicon: Lexicon, question: str, states: tuple) -> None:
    assert understand(question, lexicon).states == states


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("i just moved to Tularosa with my acty, is it legal here", ["NM"]),  # a town only the ZIP data knows
        ("can i turn the idle up to max on my hijet", []),  # lower case: a word, not Max, MN
        ("timing belt interval from haynes manual", []),  # not Haynes, AR
        ("kei truck rules in lycoming county", ["PA"]),  # the county, not the town of Lycoming, NY
        ("Can I legally drive a Japanese mini truck on US or Canadian roads?", []),  # Canadian, OK is a town
        ("my carry has 45000 miles on it", []),  # Miles, IA
    ],
)
def test_towns_and_counties_from_the_packages(lexicon: Lexicon, question: str, states: list[str]) -> None:
    assert list(understand(question, lexicon).states) == states


@pytest.mark.parametrize(
    ("question", "year", "month"),
    [
        ("my 1999 hijet was built in august, can i import it", 1999, 8),
        ("2001 carry built in december is it eligible", 2001, 12),
        ("it was made in may, a 98 acty", 1998, 5),
        ("is a 2001 carry eligible", 2001, None),
        ("my 2001 carry, may i import it?", 2001, None),  # "may" the verb, not the month
    ],
)
def test_a_build_month_said_apart_from_the_year(
    lexicon: Lexicon, question: str, year: int, month: int | None
) -> None:
    u = understand(question, lexicon)
    assert (u.year, u.month) == (year, month)


@pytest.mark.parametrize(
    ("question", "states"),
    [
        ("my sambar SC makes a rattle", []),  # SC: supercharged, a grade
        ("carry KC grade 4wd", []),  # KC: a Carry grade, not Kansas City
        ("is my carry legal in SC", ["SC"]),
        ("selling my carry in KC", ["MO"]),
        ("honda acty NY plates - how?", ["NY"]),  # a registration question: the code is the state
        ("can I register my suzuki carry, TX?", ["TX"]),
    ],
)
def test_a_short_code_right_after_a_model_is_its_grade(
    lexicon: Lexicon, question: str, states: list[str]
) -> None:
    assert list(understand(question, lexicon).states) == states


def test_a_word_like_town_does_not_add_a_state_beside_named_ones(answerer) -> None:
    """Mars, PA is a town; "like it was from Mars" beside Georgia and Florida is not Pennsylvania."""
    u = answerer.answer(
        "Just moved to Georgia from Florida and the tag office looked at my Florida registration like it was "
        "from Mars. can i register my kei here?"
    ).understanding
    assert u.states == ("GA", "FL")


def test_of_several_states_the_one_in_the_closing_question_comes_first(answerer) -> None:
    u = answerer.answer(
        "The title he gave me is from Maine but it was never registered there. Now my county clerk won't "
        "title it. What do I need to do to get it titled in Ohio?"
    ).understanding
    assert u.states[0] == "OH" and "ME" in u.states
    home = answerer.answer("I live in Georgia. Can I buy one in Florida and drive it home?").understanding
    assert home.states[0] == "FL" and "GA" in home.states  # Georgia's rules decide whether it can stay there


def test_a_single_question_keeps_the_order_states_are_named_in(answerer) -> None:
    u = answerer.answer("moving from texas to oklahoma, can i keep my texas plates?").understanding
    assert u.states[0] == "OK"


def test_the_build_date_beats_the_first_registration_date(answerer) -> None:
    u = answerer.answer(
        "the auction sheet shows first registration of 02/2002 and the door jamb says it was manufactured "
        "01/2002. Can I import it?"
    ).understanding
    assert (u.year, u.month) == (2002, 1)
    u = answerer.answer("registered in june 1999 but built in march 1999, ok to import?").understanding
    assert (u.year, u.month) == (1999, 3)


def test_a_year_first_build_date_is_read(answerer) -> None:
    u = answerer.answer(
        "first registration is 2001/03, but the door jamb says manufactured 2000/12. when can I import it?"
    ).understanding
    assert (u.year, u.month) == (2000, 12)


def test_taking_the_governor_off_is_the_governor_ask(answerer) -> None:
    # refused, with the rule it would break (since the twelfth session: removing it is tampering, 40 CFR 1054.650)
    answer = answerer.answer("anyone know how to take the speed governor off my carry")
    assert answer.text.startswith("I can't help with removing or defeating a speed governor.")
    assert "tampering" in answer.text and "1054.650" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how old does a kei truck have to be?",
        "how old do they have to be to import",
        "is a 2001 carry old enough?",
    ],
)
def test_asking_how_old_a_truck_must_be_is_the_import_age(answerer, question) -> None:
    # "how old" with no import word was read as a tyre's age (the tyre date-code entry answered)
    answer = answerer.answer(question)
    assert answer.understanding.cues.get("federal_import")
    assert "25 year" in answer.text.replace("-", " ")
    assert all(e.id != "tyre-age-date-code" for e in answer.entries)


def test_how_old_a_tyre_may_be_is_still_the_tyre_age(answerer) -> None:
    answer = answerer.answer("how old does my tire have to be before i replace it")
    assert answer.entries[0].id == "tyre-age-date-code"
