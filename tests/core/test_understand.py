"""Understanding real-style phrasings: states, models, chassis codes, years, scope.

The model vocabulary comes from the real knowledge base, as in production.
"""

from __future__ import annotations

import pytest

from bot.core.understand import Lexicon, understand

S, M, Y = "state", "model", "year"

# (question, expected slots). Only the slots named are checked; "states" checks the whole ordered tuple.
CASES: list[tuple[str, dict]] = [
    # --- states by full name, case and spacing
    ("is my 98 carry legal in Pennsylvania?", {S: "PA", M: "Suzuki Carry", Y: 1998}),
    ("kei trucks legal in texas", {S: "TX"}),
    ("KEI TRUCK LEGAL IN NEW YORK", {S: "NY"}),
    ("new mexico - are kei trucks banned? albuquerque", {S: "NM"}),
    ("north carolina kei truck rules", {S: "NC"}),
    ("south dakota registration for a hijet", {S: "SD", M: "Daihatsu Hijet"}),
    ("west virginia mini truck law", {S: "WV"}),
    ("can i drive one in washington state", {S: "WA"}),
    ("washington dc kei truck", {S: "DC"}),
    ("district of columbia registration", {S: "DC"}),
    ("rhode island kei truck legal 2025?", {S: "RI"}),
    ("new hampshire 35 mph rule", {S: "NH"}),
    ("new jersey mvc and kei trucks", {S: "NJ"}),
    ("is it legal in oklahoma", {S: "OK"}),
    ("ok what about oklahoma then", {S: "OK"}),
    ("massachusetts inspection on a right hand drive kei truck", {S: "MA"}),
    ("virginia - is it antique tags only for kei trucks?", {S: "VA"}),
    ("kei truck in hawaii", {S: "HI"}),
    ("maine bmv cancelled my registration", {S: "ME"}),
    ("indiana mini truck law", {S: "IN"}),
    ("oregon kei bill 2026", {S: "OR"}),
    ("idaho - can my acty go on hwy 95?", {S: "ID", M: "Honda Acty", Y: None}),
    ("alaska - can i drive a kei truck around anchorage?", {S: "AK"}),
    ("utah kei trucks street legal?", {S: "UT"}),
    ("delaware dmv kei", {S: "DE"}),
    ("colorado dmv rule on mini truck titles", {S: "CO"}),
    ("montana plates for a kei", {S: "MT"}),
    ("nebraska kei truck", {S: "NE"}),
    ("mississippi registration", {S: "MS"}),
    ("missouri kei truck", {S: "MO"}),
    ("kentucky local option", {S: "KY"}),
    ("louisiana off road decal", {S: "LA"}),
    ("arkansas farm use only?", {S: "AR"}),
    ("georgia revoked kei titles", {S: "GA"}),
    ("florida 35 mph roads", {S: "FL"}),
    ("alabama restricted low speed tag", {S: "AL"}),
    ("arizona mvd kei truck", {S: "AZ"}),
    ("california carb and kei trucks", {S: "CA"}),
    ("connecticut dmv kei", {S: "CT"}),
    ("iowa - are kei trucks totally banned?", {S: "IA"}),
    ("kansas micro utility truck", {S: "KS"}),
    ("maryland mva kei truck", {S: "MD"}),
    ("michigan sos kei class", {S: "MI"}),
    ("minnesota mini truck permit", {S: "MN"}),
    ("nevada dmv jdm mini trucks", {S: "NV"}),
    ("north dakota mini truck", {S: "ND"}),
    ("ohio bmv title for a japanese mini truck", {S: "OH"}),
    ("south carolina kei", {S: "SC"}),
    ("tennessee medium speed vehicle", {S: "TN"}),
    ("vermont registration for an acty", {S: "VT", M: "Honda Acty"}),
    ("wisconsin collector plates", {S: "WI"}),
    ("wyoming kei truck", {S: "WY"}),
    ("illinois kei truck plates", {S: "IL"}),
    ("pennsylvania grandfathered registration", {S: "PA"}),
    # --- USPS codes, with and without context
    ("TX kei truck", {S: "TX"}),
    ("NC DMV - did they ever stop titling kei trucks?", {S: "NC"}),
    ("MD MVA - are kei trucks allowed?", {S: "MD"}),
    ("SD kei truck legal? rural south dakota", {S: "SD"}),
    ("WI collector plates on a hijet", {S: "WI", M: "Daihatsu Hijet"}),
    ("RI DMV wants my plates back for my 93 hijet", {S: "RI", M: "Daihatsu Hijet", Y: 1993}),
    ("MO - springfield area, can i drive my carry into town", {S: "MO", M: "Suzuki Carry"}),
    ("live in OR right by the border", {S: "OR"}),
    ("is it legal in OK?", {S: "OK"}),
    ("PA dmv off road title", {S: "PA"}),
    ("pa dmv off road title", {S: "PA"}),
    ("ga dor bulletin", {S: "GA"}),
    ("tx dmv memo", {S: "TX"}),
    ("nc kei truck", {S: "NC"}),
    ("can i register in ny", {S: "NY"}),
    ("kei truck legal in IN?", {S: "IN"}),
    ("denver - is the CO DMV rule banning mini truck titles still happening?", {S: "CO"}),
    # --- English words that look like codes must not become states
    ("ok so what oil should i use in my acty", {S: None, M: "Honda Acty"}),
    ("OK thanks, and the timing belt?", {S: None}),
    ("is it ok to use 10w-30 in an acty", {S: None}),
    ("carry or hijet for hunting?", {S: None}),
    ("can me and my buddy split an import", {S: None}),
    ("hi, what engine is in a sambar", {S: None, M: "Subaru Sambar"}),
    ("oh no my belt snapped", {S: None}),
    ("do i need to do anything in the first week", {S: None}),
    ("what should i check on la auction sheet", {S: None}),
    ("48,000 mi on the odometer", {S: None}),
    # --- abbreviations and typos
    ("mass. RMV still registering kei trucks?", {S: "MA"}),
    ("Mass RMV kei", {S: "MA"}),
    ("penn dot mini truck faq", {S: "PA"}),
    ("cali kei truck laws", {S: "CA"}),
    ("tenn kei truck rules", {S: "TN"}),
    ("pensylvania off road title", {S: "PA"}),
    ("Tennesee kei truck rules??", {S: "TN"}),
    ("wisconson - heard kei trucks are banned", {S: "WI"}),
    ("conneticut - kei truck registration", {S: "CT"}),
    ("louisana mini truck - can i go on a 55 mph highway?", {S: "LA"}),
    ("arkansaw mini truck law?", {S: "AR"}),
    ("massachusets kei", {S: "MA"}),
    ("missisippi kei truck", {S: "MS"}),
    ("virgina antique plates", {S: "VA"}),
    ("n carolina kei truck", {S: "NC"}),
    # --- cities
    ("Portland OR kei truck plates", {S: "OR"}),
    ("portland oregon", {S: "OR"}),
    ("kei truck legal in portland or", {S: "OR"}),
    ("Florida - kei truck on public roads yes or no? Im in Ocala (Marion county)", {"states": ("FL",)}),
    ("is a kei legal in marion county iowa", {"states": ("IA",)}),
    ("los angeles county kei truck", {S: "CA"}),
    ("the ID plate on my hijet says S110P, what year is it", {"states": ()}),  # the chassis plate, not Idaho
    (
        "it arrived at the port of Savannah, do i need a customs broker",
        {"states": ()},
    ),  # where the ship docks
    ("shipping a hijet from japan to seattle, roro or container?", {"states": ()}),
    ("the truck is sitting at the Tacoma terminal", {"states": ()}),
    ("i live in savannah, can i register a kei truck", {"states": ("GA",)}),
    ("is a kei truck legal in seattle", {"states": ("WA",)}),
    (
        "hunting access on a lease in east texas, which kei truck is best",
        {"states": ("TX",)},
    ),  # not East Texas, PA
    ("is a kei truck legal in northern california", {"states": ("CA",)}),
    (
        "just moved from Texas to Pennsylvania with my carry. can i get it plated in PA? also if I just keep the "
        "Texas plates how long can I get away with that?",
        {"states": ("PA", "TX")},  # the state moved to, whichever the closing question names
    ),
    ("kei truck legal in ID?", {S: "ID"}),
    (
        "first registered March 2000 but the build date on the ID plate says 12/1999. 25 year rule ok?",
        {Y: 1999, "month": 12},  # the build date, in another format, beats the registration month
    ),
    ("what's the louisiana law on these? heard something about a 2009 act", {S: "LA", Y: None}),
    ("import rules for a kei car like a honda beat or autozam az-1", {"states": ()}),
    ("is it cheaper to ship to baltimore or seattle", {"states": ("MD", "WA")}),  # "or" here is no Oregon
    ("is it cheaper to ship from japan to baltimore or seattle", {"states": ()}),  # two ports
    ("springfield mo kei truck", {S: "MO"}),
    ("chicago il - bought a hijet from an illinois dealer", {S: "IL", M: "Daihatsu Hijet"}),
    ("baton rouge LA - do i need my japanese title translated", {S: "LA"}),
    ("raleigh nc farmer - can my 97 acty go on NC highways", {S: "NC", M: "Honda Acty", Y: 1997}),
    ("nevada DMV - can i plate a kei in reno?", {S: "NV"}),
    ("can i plate a kei in reno?", {S: "NV"}),
    ("houston kei truck registration", {S: "TX"}),
    ("harris county tax office (houston TX) told me they cant title a mini truck", {S: "TX"}),
    ("denver kei truck", {S: "CO"}),
    ("asheville mountain roads in my carry", {S: "NC", M: "Suzuki Carry"}),
    ("albuquerque dmv kei", {S: "NM"}),
    ("columbus ohio bmv", {S: "OH"}),
    # --- several states, in order of mention
    ("TX-registered hijet up to colorado through new mexico", {"states": ("TX", "CO", "NM")}),
    (
        "live in OR right by the border - can i just register my keitora in washington since WA allows them?",
        {"states": ("OR", "WA")},
    ),
    # --- models by name, twin, Japanese name, chassis code, engine code
    ("timing belt interval on a 96 acty?", {M: "Honda Acty", Y: 1996}),
    ("timing belt interval on an HA4 Acty?", {M: "Honda Acty", "chassis_code": "HA4"}),
    ("clutch kit for a KS4 sambar", {M: "Subaru Sambar", "chassis_code": "KS4"}),
    ("belt snapped on my 91 HA3", {M: "Honda Acty", Y: 1991, "chassis_code": "HA3"}),
    ("oil filter cross reference for a DA63T carry?", {M: "Suzuki Carry", "chassis_code": "DA63T"}),
    ("what engine is in a 98 DD51T carry", {M: "Suzuki Carry", Y: 1998}),
    ("can a K6A bolt into my DA52T carry that had the F6A?", {M: "Suzuki Carry"}),
    ("U62T minicab 4wd - full time or part time?", {M: "Mitsubishi Minicab", "chassis_code": "U62T"}),
    ("curb weight of a 97 minicab U42T?", {M: "Mitsubishi Minicab", Y: 1997}),
    ("S110P 4wd wont engage", {M: "Daihatsu Hijet", "chassis_code": "S110P"}),
    ("s83p hijet specs", {M: "Daihatsu Hijet"}),
    ("TT2 sambar water pump", {M: "Subaru Sambar", "chassis_code": "TT2"}),
    ("junkyard has a mazda scrum. can i pull parts for my carry off it?", {M: "Suzuki Carry"}),
    ("nissan clipper truck - is that just a minicab with a nissan badge?", {M: "Nissan Clipper"}),
    ("are clipper truck parts the same as minicab parts?", {M: "Nissan Clipper"}),
    ("autozam scrum 4wd", {M: "Mazda Scrum"}),
    ("アクティ timing belt", {M: "Honda Acty"}),
    ("ハイゼット 4wd", {M: "Daihatsu Hijet"}),
    ("my hijett wont start", {M: "Daihatsu Hijet"}),
    ("sambar supercharged - how much more power?", {M: "Subaru Sambar"}),
    ("EN07 valve clearance", {M: "Subaru Sambar"}),
    ("F6A vs K6A - which suzuki engine is better to have?", {M: "Suzuki Carry"}),
    (
        "minicab U62T or carry DA63T - which one is more reliable?",
        {"models": ("Mitsubishi Minicab", "Suzuki Carry")},
    ),
    ("jumbo cab hijet - how much more legroom? im 6'2", {M: "Daihatsu Hijet", Y: None}),
    # --- years and build months
    ("is a 2000 suzuki carry importable yet?", {Y: 2000, "month": None}),
    ("what if the build date is december 2000 tho", {Y: 2000, "month": 12}),
    ("built march 2001, can i import it", {Y: 2001, "month": 3}),
    ("build date 03/2001 on the export cert", {Y: 2001, "month": 3}),
    ("mine says 2001-11 on the plate", {Y: 2001, "month": 11}),
    ("'98 carry", {Y: 1998}),
    ("my '01 hijet", {Y: 2001}),
    ("rust on the frame of my 92 carry - how bad is too bad?", {Y: 1992}),
    ("spark plugs for a 95 hijet", {Y: 1995}),
    ("i'm 6'2 and my knees hit the dash", {Y: None}),
    ("odometer says 48,000 - is that km?", {Y: None}),
    ("how much does it weigh, like 1500 lbs?", {Y: None}),
    ("can i go on a 55 mph highway", {Y: None}),
    ("auction sheet says grade 3.5 with an R", {Y: None}),
    ("may 2001 build", {Y: 2001, "month": 5}),
    ("import a 2015 carry", {Y: 2015}),
    # --- words that look like slots but are not
    ("how much weight can a kei truck carry", {M: None}),
    ("did any hijets come with a rear diff lock", {M: "Daihatsu Hijet"}),
    ("does the 25 year rule apply to vans", {Y: None}),
    ("the EPA crackdown on mini truck imports back in 2008", {Y: None}),
    ("built in 2001, importable?", {Y: 2001}),
    ("is it legal in british columbia", {S: None, "out_of_scope": "non_us"}),
    ("i'm in new england, any kei laws", {S: None, "out_of_scope": None}),
    ("moving from texas to oklahoma with my hijet", {"states": ("OK", "TX")}),
    ("relocated from texas to oklahoma with my hijet", {"states": ("OK", "TX")}),  # every moving word
    ("is it legal in mo", {S: "MO"}),
    (
        "ga - can i take my minicab on 55mph roads legally? its plated",
        {S: "GA"},
    ),  # a code heading the message
    ("ok - what oil does a carry take", {S: None}),  # "ok" there is the word
    ("ncdmv kei truck title", {S: "NC"}),
    ("wisdot wont title my kei", {S: "WI"}),  # an agency named alone, from the data file
    ("does wsdot let you plate a kei truck", {S: "WA"}),
    ("rmv still registering them?", {S: "MA"}),
    ("can i bring my carry down from canada", {"out_of_scope": None}),
    # --- scope
    ("honda beat top speed? thinking of importing one instead", {"out_of_scope": "kei_car"}),
    (
        "can the export cert be edited to say 1999 instead of 2001 so it clears customs sooner?",
        {"out_of_scope": "fraud", Y: 1999},
    ),
    ("how do i remove the speed governor on my 2012 carry", {"out_of_scope": "governor"}),
    ("will kei truck prices go up next year?", {"out_of_scope": "price"}),
    ("can you write a letter to the dmv appealing my revocation", {"out_of_scope": "legal_work"}),
    ("im in ontario canada, can i plate a 2008 carry here?", {"out_of_scope": "non_us"}),
    ("puerto rico registration for a kei", {"out_of_scope": "territory"}),
    (
        "canada lets you import at 15 years. can i buy a 2008 carry in canada and drive it into the US?",
        {"out_of_scope": None, Y: 2008},
    ),
    ("is my 98 carry legal in Pennsylvania?", {"out_of_scope": None}),
    ("what should i check on a japan auction sheet before importing", {"out_of_scope": None}),
    # --- follow-up cues and "my state"
    ("ok and should i do the water pump at the same time?", {"follow_up": True}),
    ("what about oklahoma", {"follow_up": True, S: "OK"}),
    ("is it legal in my state?", {"my_state": True, S: None}),
    (
        "which states can u actually drive a kei truck on the road legally? like a list pls",
        {"list_states": True},
    ),
]


@pytest.fixture(scope="module")
def lexicon(real_kb) -> Lexicon:
    return Lexicon.from_kb(real_kb)


@pytest.mark.parametrize(("question", "expected"), CASES, ids=[q[:60] for q, _ in CASES])
def test_understanding(lexicon: Lexicon, question: str, expected: dict) -> None:
    u = understand(question, lexicon)
    got = {
        S: u.state,
        M: u.model,
        Y: u.year,
        "month": u.month,
        "states": u.states,
        "models": u.models,
        "chassis_code": u.chassis_code,
        "out_of_scope": u.out_of_scope,
        "follow_up": u.follow_up,
        "my_state": u.my_state,
        "list_states": u.list_states,
    }
    assert {k: got[k] for k in expected} == expected


def test_a_state_typo_read_again_is_the_same_state(lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typos already compared with every state name are remembered: the second reading, from memory, must
    say what the first said, for a typo of a state and for a word that is no state; a full memory starts
    over rather than growing."""
    from bot.core import understand as module

    monkeypatch.setattr(module, "_TYPO_STATES", {})
    first = [understand(q, lexicon).state for q in ("pensilvania title for a hijet", "cylinder head torque")]
    assert first == ["PA", None]
    assert module._TYPO_STATES["pensilvania"] == "PA" and module._TYPO_STATES["cylinder"] is None
    assert [
        understand(q, lexicon).state for q in ("pensilvania title for a hijet", "cylinder head torque")
    ] == first
    monkeypatch.setattr(module, "_TYPO_STATES_KEPT", 1)
    assert understand("wiscansin plates", lexicon).state == "WI"
    assert "pensilvania" not in module._TYPO_STATES and module._TYPO_STATES["wiscansin"] == "WI"
    # a full memory cleared while a message's phrases are partly in it (review 11: a KeyError could follow)
    module._TYPO_STATES.update({f"filler{k}": None for k in range(3)})
    assert understand("wiscansin plates again", lexicon).state == "WI"
