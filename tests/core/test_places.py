"""The geography tables: complete, consistent, and shaped the way the parser matches them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core import places

CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
KEY = re.compile(r"^[a-z0-9]+( [a-z0-9]+)*$")  # lower-case ASCII words, single spaces, no punctuation

ALIAS_TABLES: dict[str, dict[str, str]] = {
    "STATE_ALIASES": places.STATE_ALIASES,
    "RISKY_STATE_ALIASES": places.RISKY_STATE_ALIASES,
    "STATE_DEMONYMS": places.STATE_DEMONYMS,
}
TUPLE_TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "CITIES": places.CITIES,
    "RISKY_CITIES": places.RISKY_CITIES,
    "TOWNS": places.TOWNS,
    "COUNTIES": places.COUNTIES,
    "US_REGIONS": places.US_REGIONS,
}
SETS: dict[str, frozenset[str]] = {
    "NON_US_PLACES": places.NON_US_PLACES,
    "RISKY_NON_US_PLACES": places.RISKY_NON_US_PLACES,
    "JAPAN_WORDS": places.JAPAN_WORDS,
    "US_TERRITORIES": places.US_TERRITORIES,
}
ALL_KEYS: dict[str, set[str]] = {
    **{name: set(table) for name, table in ALIAS_TABLES.items()},
    **{name: set(table) for name, table in TUPLE_TABLES.items()},
    **{name: set(words) for name, words in SETS.items()},
}

# The parser looks at n-grams of at most this many tokens.
MAX_WORDS = {"STATE_ALIASES": 4, "RISKY_STATE_ALIASES": 4, "STATE_DEMONYMS": 4}

CAPITALS = {
    "AL": "montgomery", "AK": "juneau", "AZ": "phoenix", "AR": "little rock", "CA": "sacramento",
    "CO": "denver", "CT": "hartford", "DE": "dover", "FL": "tallahassee", "GA": "atlanta",
    "HI": "honolulu", "ID": "boise", "IL": "springfield", "IN": "indianapolis", "IA": "des moines",
    "KS": "topeka", "KY": "frankfort", "LA": "baton rouge", "ME": "augusta", "MD": "annapolis",
    "MA": "boston", "MI": "lansing", "MN": "st paul", "MS": "jackson", "MO": "jefferson city",
    "MT": "helena", "NE": "lincoln", "NV": "carson city", "NH": "concord", "NJ": "trenton",
    "NM": "santa fe", "NY": "albany", "NC": "raleigh", "ND": "bismarck", "OH": "columbus",
    "OK": "oklahoma city", "OR": "salem", "PA": "harrisburg", "RI": "providence", "SC": "columbia",
    "SD": "pierre", "TN": "nashville", "TX": "austin", "UT": "salt lake city", "VT": "montpelier",
    "VA": "richmond", "WA": "olympia", "WV": "charleston", "WI": "madison", "WY": "cheyenne",
}  # fmt: skip


# ---------------------------------------------------------------- states


def test_state_names_cover_the_50_states_and_dc() -> None:
    assert set(places.STATE_NAMES) == CODES
    assert len(places.STATE_NAMES) == 51
    assert places.STATE_NAMES["DC"] == "District of Columbia"


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_reachable_by_its_full_name(code: str) -> None:
    assert places.STATE_ALIASES[places.STATE_NAMES[code].lower()] == code


def test_every_code_is_reachable_from_the_aliases() -> None:
    assert set(places.STATE_ALIASES.values()) == CODES


@pytest.mark.parametrize("name", sorted(ALIAS_TABLES))
def test_alias_values_are_known_codes(name: str) -> None:
    unknown = {k: v for k, v in ALIAS_TABLES[name].items() if v not in CODES}
    assert not unknown


@pytest.mark.parametrize("name", sorted(TUPLE_TABLES))
def test_tuple_values_are_known_distinct_codes(name: str) -> None:
    for key, codes in TUPLE_TABLES[name].items():
        assert isinstance(codes, tuple) and codes, key
        assert all(c in CODES for c in codes), (key, codes)
        assert len(set(codes)) == len(codes), (key, codes)


# ---------------------------------------------------------------- key shape


@pytest.mark.parametrize("name", sorted(ALL_KEYS))
def test_keys_are_lower_case_ascii_words(name: str) -> None:
    bad = sorted(k for k in ALL_KEYS[name] if not KEY.match(k))
    assert not bad


@pytest.mark.parametrize("name", sorted(ALL_KEYS))
def test_no_key_is_a_bare_usps_code(name: str) -> None:
    lower_codes = {c.lower() for c in CODES}
    assert not ALL_KEYS[name] & lower_codes


@pytest.mark.parametrize("name", sorted(ALL_KEYS))
def test_keys_fit_the_parsers_ngram_window(name: str) -> None:
    limit = MAX_WORDS.get(name, 3)
    too_long = sorted(k for k in ALL_KEYS[name] if len(k.split()) > limit)
    assert not too_long


# ---------------------------------------------------------------- tables do not contradict each other


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("STATE_ALIASES", "RISKY_STATE_ALIASES"),
        ("STATE_ALIASES", "STATE_DEMONYMS"),
        ("STATE_ALIASES", "CITIES"),
        ("STATE_ALIASES", "RISKY_CITIES"),
        ("STATE_ALIASES", "COUNTIES"),
        ("STATE_ALIASES", "NON_US_PLACES"),
        ("STATE_ALIASES", "US_TERRITORIES"),
        ("RISKY_STATE_ALIASES", "CITIES"),
        ("STATE_DEMONYMS", "CITIES"),
        ("CITIES", "RISKY_CITIES"),
        ("CITIES", "TOWNS"),
        ("RISKY_CITIES", "TOWNS"),
        ("STATE_ALIASES", "TOWNS"),
        ("STATE_DEMONYMS", "TOWNS"),
        ("TOWNS", "NON_US_PLACES"),
        ("TOWNS", "US_TERRITORIES"),
        ("CITIES", "NON_US_PLACES"),
        ("CITIES", "RISKY_NON_US_PLACES"),
        ("CITIES", "US_TERRITORIES"),
        ("CITIES", "JAPAN_WORDS"),
        ("COUNTIES", "NON_US_PLACES"),
        ("US_REGIONS", "STATE_ALIASES"),
        ("US_REGIONS", "CITIES"),
        ("US_REGIONS", "NON_US_PLACES"),
        ("NON_US_PLACES", "RISKY_NON_US_PLACES"),
        ("NON_US_PLACES", "JAPAN_WORDS"),
        ("NON_US_PLACES", "US_TERRITORIES"),
        ("JAPAN_WORDS", "US_TERRITORIES"),
    ],
)
def test_tables_are_disjoint(a: str, b: str) -> None:
    assert not ALL_KEYS[a] & ALL_KEYS[b]


# ---------------------------------------------------------------- words that must not be trusted blindly


@pytest.mark.parametrize(
    "word",
    ["me", "in", "or", "ok", "hi", "oh", "la", "pa", "ma", "mo", "ill", "ore", "miss", "wash", "mass",
     "ind", "del", "ga", "md", "ky", "vt", "nj", "conn", "ark", "alas", "the district"],
)  # fmt: skip
def test_risky_words_are_not_plain_aliases(word: str) -> None:
    assert word not in places.STATE_ALIASES
    assert word not in places.STATE_DEMONYMS


@pytest.mark.parametrize(("word", "code"), [("mass", "MA"), ("wash", "WA"), ("ill", "IL"), ("miss", "MS"),
                                            ("ore", "OR"), ("ind", "IN"), ("del", "DE"), ("conn", "CT")])  # fmt: skip
def test_risky_abbreviations_are_kept_for_context(word: str, code: str) -> None:
    assert places.RISKY_STATE_ALIASES[word] == code


@pytest.mark.parametrize(
    "word",
    ["mobile", "independence", "liberty", "hope", "enterprise", "university", "normal", "paradise",
     "commerce", "surprise", "bend", "reading", "orange", "tacoma", "ontario", "london", "cary", "napa"],
)  # fmt: skip
def test_risky_cities_are_kept_apart(word: str) -> None:
    assert word not in places.CITIES
    assert word in places.RISKY_CITIES


@pytest.mark.parametrize("word", ["carry", "hijet", "acty", "sambar", "truck", "kei", "dump", "cab", "bed"])
def test_kei_words_are_no_place(word: str) -> None:
    for name, keys in ALL_KEYS.items():
        assert word not in keys, name


@pytest.mark.parametrize("word", ["georgia", "jersey", "turkey", "china", "bc", "baja", "yukon", "durango"])
def test_ambiguous_foreign_names_do_not_mark_a_question_non_us(word: str) -> None:
    assert word not in places.NON_US_PLACES


# ---------------------------------------------------------------- cities


def test_city_table_is_large() -> None:
    assert len(places.CITIES) >= 1000
    assert len(places.CITIES) + len(places.RISKY_CITIES) >= 1300


@pytest.mark.parametrize(("code", "capital"), sorted(CAPITALS.items()))
def test_every_state_capital_is_a_city(code: str, capital: str) -> None:
    assert code in places.CITIES[capital]


def test_every_state_has_a_city() -> None:
    assert {c for codes in places.CITIES.values() for c in codes} == CODES


@pytest.mark.parametrize(
    "city",
    ["springfield", "portland", "columbus", "kansas city", "jackson", "aurora", "arlington", "richmond",
     "rochester", "glendale", "pasadena", "peoria", "lakewood", "concord", "albany", "salem", "augusta",
     "charleston", "columbia", "greenville", "fayetteville", "jacksonville", "wilmington", "lafayette",
     "bloomington", "lexington", "franklin", "troy", "newark", "lincoln", "madison", "helena", "dover",
     "las vegas", "long beach", "st cloud", "austin", "dallas", "buffalo", "mcminnville"],
)  # fmt: skip
def test_ambiguous_cities_list_several_states(city: str) -> None:
    assert len(places.CITIES[city]) > 1


@pytest.mark.parametrize(
    ("city", "first"),
    [("portland", "OR"), ("springfield", "MO"), ("columbus", "OH"), ("kansas city", "MO"),
     ("jackson", "MS"), ("aurora", "CO"), ("arlington", "TX"), ("richmond", "VA"), ("rochester", "NY"),
     ("albany", "NY"), ("charleston", "SC"), ("jacksonville", "FL"), ("las vegas", "NV")],
)  # fmt: skip
def test_most_populous_namesake_comes_first(city: str, first: str) -> None:
    assert places.CITIES[city][0] == first


@pytest.mark.parametrize(
    ("city", "codes"),
    [("springfield", {"MO", "IL", "MA", "OH", "OR"}), ("portland", {"OR", "ME"}),
     ("columbus", {"OH", "GA", "IN"}), ("kansas city", {"MO", "KS"}), ("jackson", {"MS", "TN", "WY"}),
     ("aurora", {"CO", "IL"}), ("arlington", {"TX", "VA"}), ("richmond", {"VA", "CA"}),
     ("rochester", {"NY", "MN"})],
)  # fmt: skip
def test_ambiguous_cities_include_the_known_namesakes(city: str, codes: set[str]) -> None:
    assert codes <= set(places.CITIES[city])


@pytest.mark.parametrize(
    ("city", "code"),
    [("asheville", "NC"), ("boone", "NC"), ("eugene", "OR"), ("missoula", "MT"), ("bozeman", "MT"),
     ("billings", "MT"), ("boise", "ID"), ("coeur d alene", "ID"), ("coeur dalene", "ID"),
     ("anchorage", "AK"), ("fairbanks", "AK"), ("juneau", "AK"), ("reno", "NV"), ("albuquerque", "NM"),
     ("santa fe", "NM"), ("baton rouge", "LA"), ("houston", "TX"), ("denver", "CO"), ("chicago", "IL"),
     ("st louis", "MO"), ("saint louis", "MO"), ("winston salem", "NC"), ("new york city", "NY"),
     ("nyc", "NY"), ("philly", "PA"), ("l a", "CA"), ("salt lake city", "UT")],
)  # fmt: skip
def test_city_spot_checks(city: str, code: str) -> None:
    assert places.CITIES[city][0] == code


# ---------------------------------------------------------------- aliases, demonyms, counties, abroad


@pytest.mark.parametrize(
    ("alias", "code"),
    [("n carolina", "NC"), ("no carolina", "NC"), ("s dakota", "SD"), ("w virginia", "WV"),
     ("west va", "WV"), ("w va", "WV"), ("n h", "NH"), ("n y", "NY"), ("r i", "RI"), ("penn", "PA"),
     ("penna", "PA"), ("cali", "CA"), ("calif", "CA"), ("tenn", "TN"), ("wash state", "WA"),
     ("washington state", "WA"), ("wisc", "WI"), ("minn", "MN"), ("mich", "MI"), ("okla", "OK"),
     ("ariz", "AZ"), ("colo", "CO"), ("fla", "FL"), ("kan", "KS"), ("kans", "KS"), ("mont", "MT"),
     ("neb", "NE"), ("nebr", "NE"), ("nev", "NV"), ("oreg", "OR"), ("tex", "TX"), ("wyo", "WY"),
     ("d c", "DC"), ("washington dc", "DC"), ("washington d c", "DC"), ("jersey", "NJ"),
     ("lone star state", "TX"), ("the keystone state", "PA"), ("the land of enchantment", "NM"),
     ("district of columbia", "DC")],
)  # fmt: skip
def test_alias_spot_checks(alias: str, code: str) -> None:
    assert places.STATE_ALIASES[alias] == code


def test_every_state_has_a_nickname() -> None:
    nicknamed = {code for alias, code in places.STATE_ALIASES.items() if alias.endswith("state")}
    nicknamed |= {code for alias, code in places.RISKY_STATE_ALIASES.items() if "state" in alias}
    assert CODES - {"DC"} - nicknamed == {"AK", "NM"}  # their nicknames have no "state" in them
    assert places.STATE_ALIASES["the last frontier"] == "AK"
    assert places.STATE_ALIASES["land of enchantment"] == "NM"


@pytest.mark.parametrize(
    ("demonym", "code"),
    [("texan", "TX"), ("pennsylvanian", "PA"), ("michigander", "MI"), ("hoosier", "IN"),
     ("new yorker", "NY"), ("west virginian", "WV")],
)  # fmt: skip
def test_demonym_spot_checks(demonym: str, code: str) -> None:
    assert places.STATE_DEMONYMS[demonym] == code


@pytest.mark.parametrize(
    ("county", "code"),
    [("harris", "TX"), ("cook", "IL"), ("maricopa", "AZ"), ("king", "WA"), ("orange", "CA"),
     ("miami dade", "FL"), ("multnomah", "OR"), ("mobile", "AL")],
)  # fmt: skip
def test_county_spot_checks(county: str, code: str) -> None:
    assert places.COUNTIES[county][0] == code
    assert "county" not in county.split()


@pytest.mark.parametrize(
    "place",
    ["canada", "ontario", "british columbia", "alberta", "quebec", "uk", "england", "australia",
     "new zealand", "nz", "mexico", "germany", "jalisco"],
)  # fmt: skip
def test_non_us_spot_checks(place: str) -> None:
    assert place in places.NON_US_PLACES


def test_japan_is_special_not_foreign() -> None:
    assert {"japan", "japanese", "jdm", "tokyo"} <= places.JAPAN_WORDS
    assert "japan" not in places.NON_US_PLACES


@pytest.mark.parametrize("place", ["puerto rico", "guam", "usvi", "us virgin islands", "american samoa"])
def test_territories_are_separate(place: str) -> None:
    assert place in places.US_TERRITORIES
    assert place not in places.NON_US_PLACES


def test_regions_cover_names_that_contain_a_foreign_one() -> None:
    assert places.US_REGIONS["new england"] == ("CT", "ME", "MA", "NH", "RI", "VT")
    assert len(places.US_REGIONS["lower 48"]) == 48


# ---------------------------------------------------------------- cities and counties from the packages


def test_every_town_in_the_zip_database_is_known() -> None:
    package = places.package_city_names()
    assert len(package) > 15_000
    known = places.CITIES.keys() | places.RISKY_CITIES.keys() | places.TOWNS.keys()
    assert len(known) >= len(package) - 200  # all but the names that are states, regions or foreign places
    assert places.TOWNS["tularosa"] == ("NM",) and places.CITIES["myrtle beach"][0] == "SC"


def test_a_curated_order_wins_over_the_packages() -> None:
    # most ZIP codes is only a stand-in for size: the hand-written table keeps Portland, OR first
    assert places.CITIES["portland"] == ("OR", "ME")


@pytest.mark.parametrize(("name", "table"), [("miles", "RISKY_CITIES"), ("bend", "RISKY_CITIES"),
                                             ("canadian", "TOWNS"), ("walsh", "RISKY_CITIES")])  # fmt: skip
def test_town_names_that_are_words_need_context(name: str, table: str) -> None:
    assert name not in places.CITIES and name in getattr(places, table)


def test_counties_come_from_the_census_list_when_one_state_has_the_name() -> None:
    assert places.COUNTIES["lycoming"] == ("PA",) and places.COUNTIES["dona ana"] == ("NM",)
    assert "jefferson" not in places.package_county_names()  # 26 states have one: needs the state named


@pytest.mark.parametrize(("name", "key"), [("St. Louis", "st louis"), ("Coeur d'Alene", "coeur dalene"),
                                           ("Winston-Salem", "winston salem"), ("Doña Ana", "dona ana")])  # fmt: skip
def test_place_names_are_read_as_the_parser_reads_them(name: str, key: str) -> None:
    assert places.place_key(name) == key


def test_the_word_like_names_file_is_up_to_date() -> None:
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_place_words.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_word_like_town_that_starts_a_longer_name_is_no_place() -> None:
    """North, SC is a town: "already in North America" is not South Carolina, "in Mobile Alabama" is Mobile."""
    from pathlib import Path

    from bot.core.knowledge import load_dir
    from bot.core.understand import Lexicon, understand

    lexicon = Lexicon.from_kb(load_dir(Path(__file__).resolve().parents[2] / "knowledge"))
    assert understand("Can I bring it into the US since it's already in North America?", lexicon).states == ()
    assert understand("I live in Mobile Alabama", lexicon).states == ("AL",)
    assert understand("I live in Mobile", lexicon).states == ("AL",)
