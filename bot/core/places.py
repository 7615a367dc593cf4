"""Geography for the question parser: states, their aliases, cities, counties, and places outside the US.

Data, and one look-up (``zip_state``, over the ZIP database the ``pyzipcode`` package ships). Conventions
every table follows:

* USPS codes ("TX", "DC") are upper case and appear only as values (and as the keys of ``STATE_NAMES``).
  Bare codes are never keys here: the parser handles codes itself, with its own context rules.
* Every other key is lower case ASCII words separated by single spaces, with no punctuation, because the
  parser matches n-grams of its tokens: "N.H." arrives as "n h", "St. Louis" as "st louis",
  "Winston-Salem" as "winston salem". Apostrophes are dropped, so "Coeur d'Alene" is stored as
  "coeur d alene" (and "coeur dalene", as people type it).
* The parser looks for aliases up to 4 words long and for cities, counties and foreign places up to 3.
* A tuple of codes is ordered most likely first; where a name is shared, the most populous place first.
* ``RISKY_*`` tables hold names that are also everyday English words, vehicle names or foreign places
  ("mass", "wash", "mobile", "bend", "tacoma", "ontario"). The parser trusts them only with context: a
  trailing period or capital letter in the raw text, a state or legal word nearby.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
import sqlite3
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bot.core import diskcache

# fmt: off
STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
    "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "DC": "District of Columbia",
}

# Names, safe abbreviations (old AP style without dots), common misspellings, regions and nicknames.
STATE_ALIASES: dict[str, str] = {
    # --- full names
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
    "kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
    "massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO",
    "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
    "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH",
    "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC",
    "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
    "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
    "district of columbia": "DC",
    # --- abbreviations people type, and AP style written without dots ("N.H." -> "n h")
    "ariz": "AZ", "calif": "CA", "cali": "CA", "colo": "CO", "fla": "FL", "kan": "KS", "kans": "KS",
    "mich": "MI", "minn": "MN", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "okla": "OK",
    "oreg": "OR", "penn": "PA", "penna": "PA", "tenn": "TN", "tex": "TX", "wis": "WI", "wisc": "WI",
    "wyo": "WY", "hawai i": "HI",
    "n h": "NH", "n j": "NJ", "n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND", "r i": "RI",
    "s c": "SC", "s d": "SD", "w va": "WV", "wva": "WV", "west va": "WV", "w virginia": "WV",
    "n carolina": "NC", "no carolina": "NC", "s carolina": "SC", "so carolina": "SC",
    "n dakota": "ND", "no dakota": "ND", "s dakota": "SD", "so dakota": "SD",
    "n mex": "NM", "new mex": "NM", "n mexico": "NM", "jersey": "NJ",
    "wash state": "WA", "washington state": "WA", "wa state": "WA",
    "d c": "DC", "washington dc": "DC", "washington d c": "DC", "wash dc": "DC", "wash d c": "DC",
    "dist of columbia": "DC",
    # --- regions that only ever mean one state
    "socal": "CA", "so cal": "CA", "norcal": "CA", "nor cal": "CA", "upstate ny": "NY",
    "la county": "CA", "l a county": "CA",  # Los Angeles County (Louisiana has parishes, not counties)
    # --- frequent misspellings (the parser also fuzzy-matches full names)
    "massachusets": "MA", "massachussets": "MA", "massachussetts": "MA", "masachusetts": "MA",
    "conneticut": "CT", "connecticutt": "CT", "pensylvania": "PA", "pennsylvannia": "PA",
    "pennslyvania": "PA", "tennesee": "TN", "tennesse": "TN", "tenessee": "TN", "missisippi": "MS",
    "mississipi": "MS", "louisana": "LA", "lousiana": "LA", "arkansaw": "AR", "wisconson": "WI",
    "virgina": "VA", "flordia": "FL", "illinios": "IL", "illnois": "IL", "arizonia": "AZ",
    "minnesotta": "MN", "oklahome": "OK", "kentuckey": "KY", "colorodo": "CO", "nebraska s": "NE",
}

# Abbreviations and nicknames that are also everyday words ("I'm ill", "wash the bed", "conn rod",
# "a mountain state like..."); trusted only with context such as "Mass." or "Wash. DOL".
RISKY_STATE_ALIASES: dict[str, str] = {
    "ala": "AL", "alas": "AK", "ark": "AR", "cal": "CA", "conn": "CT", "del": "DE", "ill": "IL",
    "ind": "IN", "mass": "MA", "miss": "MS", "ore": "OR", "wash": "WA",
    "the district": "DC",
}

# Nicknames, risky nicknames and demonyms are data: data/states.yaml.
STATE_DEMONYMS: dict[str, str] = {}


def _load_states(path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_YAML_LOADER)
    for table, key, with_the in ((STATE_ALIASES, "nicknames", True), (RISKY_STATE_ALIASES, "risky_nicknames", True),
                                 (STATE_DEMONYMS, "demonyms", False)):  # fmt: skip
        for code, names in data[key].items():
            for name in names:
                table[name] = code
                if with_the and len(name.split()) < 4:
                    table[f"the {name}"] = code


_DATA = Path(__file__).with_name("data")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_load_states(_DATA / "states.yaml")

CITIES: dict[str, tuple[str, ...]] = {
    # --- names shared by several states: most populous first
    "springfield": ("MO", "MA", "IL", "OR", "OH", "VA", "TN", "VT"),
    "portland": ("OR", "ME"),
    "columbus": ("OH", "GA", "IN", "MS", "NE"),
    "kansas city": ("MO", "KS"), "kc": ("MO", "KS"),
    "jackson": ("MS", "TN", "NJ", "MI", "WY"),
    "aurora": ("CO", "IL", "OH"),
    "arlington": ("TX", "VA", "MA", "WA"),
    "richmond": ("VA", "CA", "KY", "IN", "TX"),
    "rochester": ("NY", "MN", "NH", "MI"),
    "glendale": ("AZ", "CA", "WI"),
    "pasadena": ("TX", "CA"),
    "peoria": ("AZ", "IL"),
    "lakewood": ("CO", "NJ", "CA", "WA", "OH"),
    "westminster": ("CO", "CA", "MD"),
    "fairfield": ("CA", "CT", "OH", "IA"),
    "concord": ("CA", "NC", "NH", "MA"),
    "lancaster": ("CA", "PA", "TX", "OH"),
    "albany": ("NY", "GA", "OR", "CA"),
    "salem": ("OR", "MA", "NH", "VA"),
    "augusta": ("GA", "ME"),
    "charleston": ("SC", "WV", "IL"),
    "columbia": ("SC", "MO", "MD", "TN"),
    "greenville": ("NC", "SC", "MS", "TX"),
    "fayetteville": ("NC", "AR", "GA"),
    "jacksonville": ("FL", "NC", "AR", "IL", "TX"),
    "wilmington": ("NC", "DE", "MA", "OH"),
    "lafayette": ("LA", "IN", "CO", "CA"),
    "bloomington": ("MN", "IN", "IL"),
    "decatur": ("IL", "AL", "GA"),
    "lexington": ("KY", "MA", "SC", "NC", "VA"),
    "louisville": ("KY", "CO"),
    "franklin": ("TN", "WI", "MA", "IN", "OH", "NC"),
    "troy": ("MI", "NY", "OH", "AL"),
    "warren": ("MI", "OH", "PA"),
    "canton": ("OH", "MI", "GA", "MA", "MS"),
    "newark": ("NJ", "OH", "CA", "DE"),
    "lawrence": ("KS", "MA", "IN"),
    "manhattan": ("NY", "KS"),
    "bellevue": ("WA", "NE"),
    "kent": ("WA", "OH"),
    "everett": ("WA", "MA"),
    "auburn": ("WA", "AL", "NY", "ME", "CA"),
    "medford": ("OR", "MA"),
    "redmond": ("WA", "OR"),
    "newport": ("RI", "KY", "OR", "TN", "VT"),
    "portsmouth": ("VA", "NH", "OH"),
    "hampton": ("VA", "NH"),
    "norfolk": ("VA", "NE"),
    "alexandria": ("VA", "LA", "MN"),
    "bristol": ("CT", "TN", "VA"),
    "burlington": ("NC", "VT", "MA", "IA", "WA"),
    "danville": ("CA", "VA", "IL", "KY"),
    "winchester": ("VA", "KY"),
    "fredericksburg": ("VA", "TX"),
    "leesburg": ("VA", "FL"),
    "frankfort": ("KY", "IL", "IN"),
    "covington": ("KY", "WA", "GA", "LA"),
    "henderson": ("NV", "KY", "NC", "TX"),
    "clarksville": ("TN", "IN", "AR"),
    "cleveland": ("OH", "TN", "MS", "TX"),
    "hendersonville": ("TN", "NC"),
    "smyrna": ("GA", "TN", "DE"),
    "germantown": ("MD", "TN", "WI"),
    "brentwood": ("CA", "NY", "TN"),
    "spring hill": ("FL", "TN", "KS"),
    "greenwood": ("IN", "SC", "MS"),
    "marion": ("IA", "OH", "IN", "IL", "NC", "VA"),
    "anderson": ("IN", "SC"),
    "monroe": ("LA", "NC", "MI", "WA", "GA"),
    "hammond": ("IN", "LA"),
    "marietta": ("GA", "OH"),
    "roswell": ("GA", "NM"),
    "gainesville": ("FL", "GA", "TX"),
    "brunswick": ("OH", "ME", "GA"),
    "carmel": ("IN", "CA"),
    "fremont": ("CA", "NE", "OH"),
    "lincoln": ("NE", "CA", "RI", "IL"),
    "hastings": ("NE", "MN", "MI"),
    "kearney": ("NE", "MO"),
    "norwalk": ("CA", "CT", "OH"),
    "hollywood": ("FL", "CA"),
    "miami": ("FL", "OK"),
    "madison": ("WI", "AL", "MS"),
    "meridian": ("ID", "MS"),
    "lewiston": ("ME", "ID"),
    "mountain home": ("ID", "AR"),
    "longview": ("TX", "WA"),
    "midland": ("TX", "MI"),
    "mansfield": ("TX", "OH", "CT", "MA"),
    "huntsville": ("AL", "TX"),
    "texarkana": ("TX", "AR"),
    "conway": ("AR", "SC", "NH"),
    "rogers": ("AR", "MN"),
    "hot springs": ("AR", "SD"),
    "loveland": ("CO", "OH"),
    "brighton": ("CO", "NY", "MI"),
    "castle rock": ("CO", "WA"),
    "carlsbad": ("CA", "NM"),
    "clovis": ("CA", "NM"),
    "farmington": ("NM", "CT", "UT", "MN", "MO", "MI", "ME"),
    "las vegas": ("NV", "NM"),
    "roseville": ("CA", "MI", "MN"),
    "plymouth": ("MN", "MA", "MI"),
    "pittsburg": ("PA", "CA", "KS"),  # nearly always a misspelt Pittsburgh
    "san marcos": ("CA", "TX"),
    "beaumont": ("TX", "CA"),
    "antioch": ("CA", "IL"),
    "newton": ("MA", "KS", "IA", "NC", "NJ"),
    "quincy": ("MA", "IL", "FL", "WA"),
    "lowell": ("MA", "AR", "MI"),
    "amherst": ("NY", "MA"),
    "dover": ("DE", "NH", "NJ"),
    "durham": ("NC", "NH"),
    "salisbury": ("NC", "MD"),
    "sanford": ("FL", "NC", "ME"),
    "jamestown": ("NY", "ND"),
    "watertown": ("MA", "NY", "WI", "SD"),
    "middletown": ("NJ", "OH", "CT", "NY", "DE"),
    "mount pleasant": ("SC", "WI", "MI", "TX", "IA"), "mt pleasant": ("SC", "WI", "MI", "TX", "IA"),
    "mount vernon": ("NY", "WA", "OH", "IL"), "mt vernon": ("NY", "WA", "OH", "IL"),
    "georgetown": ("TX", "KY", "DC", "SC"),
    "bedford": ("TX", "NH", "MA", "IN", "VA"),
    "chester": ("PA", "VA"),
    "york": ("PA", "SC", "NE", "ME"),
    "erie": ("PA", "CO"),
    "harrisburg": ("PA", "IL"),
    "easton": ("PA", "MA", "MD"),
    "new castle": ("PA", "IN", "DE"),
    "cumberland": ("RI", "MD"),
    "ocean city": ("NJ", "MD"),
    "long beach": ("CA", "NY"),
    "garden city": ("KS", "MI", "NY", "ID"),
    "grand rapids": ("MI", "MN"),
    "st charles": ("MO", "IL"), "saint charles": ("MO", "IL"),
    "st joseph": ("MO", "MI"), "saint joseph": ("MO", "MI"),
    "st cloud": ("MN", "FL"), "saint cloud": ("MN", "FL"),
    "st albans": ("WV", "VT"), "saint albans": ("WV", "VT"),
    "shawnee": ("KS", "OK"),
    "stillwater": ("OK", "MN"),
    "austin": ("TX", "MN"),
    "dallas": ("TX", "OR", "GA"),
    "abilene": ("TX", "KS"),
    "frisco": ("TX", "CO"),
    "weatherford": ("TX", "OK"),
    "johnson city": ("TN", "NY"),
    "morristown": ("TN", "NJ"),
    "maryville": ("TN", "MO"),
    "shelbyville": ("TN", "IN", "KY"),
    "carrollton": ("TX", "GA"),
    "beaufort": ("SC", "NC"),
    "brookings": ("SD", "OR"),
    "buena vista": ("CO", "VA"),
    "goshen": ("IN", "NY"),
    "ashland": ("OR", "KY", "OH", "WI", "VA"),
    "williston": ("ND", "VT"),
    "leavenworth": ("KS", "WA"),
    "hutchinson": ("KS", "MN"),
    "apple valley": ("CA", "MN"),
    "riverton": ("UT", "WY"),
    "centralia": ("WA", "IL"),
    "torrington": ("CT", "WY"),
    "sturgis": ("MI", "SD"),
    "somerset": ("NJ", "MA", "KY", "PA"),
    "elizabethtown": ("KY", "PA"),
    "helena": ("MT", "AL", "AR"),
    "duluth": ("MN", "GA"),
    "camden": ("NJ", "AR", "SC", "ME"),
    "buffalo": ("NY", "MN", "WY"),
    "greenfield": ("WI", "IN", "CA", "MA"),
    "dayton": ("OH", "NV"),
    "claremont": ("CA", "NH"),
    "hanover": ("PA", "NH", "MD"),
    "livingston": ("NJ", "MT", "TX"),
    "syracuse": ("NY", "UT"),
    "mcminnville": ("OR", "TN"),
    "murray": ("UT", "KY"),
    "richfield": ("MN", "UT"),
    "plainfield": ("NJ", "IL", "IN"),
    "oswego": ("IL", "NY"),
    "batavia": ("IL", "NY"),
    "princeton": ("NJ", "WV"),
    "dubois": ("PA", "WY"),
    "bluefield": ("WV", "VA"),
    "brookhaven": ("NY", "GA", "MS"),
    "union city": ("CA", "NJ"),
    "woodbridge": ("NJ", "VA"),
    "bowling green": ("KY", "OH"),
    "college park": ("MD", "GA"),
    "lake forest": ("CA", "IL"),
    "lake tahoe": ("CA", "NV"),
    "sun valley": ("NV", "ID"),
    "fort bragg": ("CA", "NC"),
    "lodi": ("CA", "NJ"),
    "holly springs": ("NC", "MS"),
    "thomasville": ("NC", "GA", "AL"),
    "jonesboro": ("AR", "GA"),
    "sherwood": ("AR", "OR"),
    "russellville": ("AR", "AL", "KY"),
    "batesville": ("AR", "MS", "IN"),
    "littleton": ("CO", "MA", "NH"),
    "englewood": ("CO", "NJ", "OH"),
    "breckenridge": ("CO", "TX"),
    "silverton": ("OR", "CO"),
    "milford": ("CT", "MA", "DE", "OH"),
    "evanston": ("IL", "WY"),
    "oak park": ("IL", "MI"),
    "urbana": ("IL", "OH"),
    "belleville": ("IL", "NJ"),
    "o fallon": ("MO", "IL"), "ofallon": ("MO", "IL"),
    "highland park": ("IL", "MI", "TX"),
    "westfield": ("IN", "MA", "NJ"),
    "new albany": ("IN", "OH", "MS"),
    "somerville": ("MA", "NJ"),
    "fitchburg": ("MA", "WI"),
    "falmouth": ("MA", "ME"),
    "andover": ("MA", "MN"),
    "maplewood": ("MN", "NJ", "MO"),
    "cottage grove": ("MN", "OR", "WI"),
    "northfield": ("MN", "IL"),
    "chesterfield": ("MO", "VA"),
    "belton": ("MO", "TX"),
    "ozark": ("MO", "AL"),
    "the ozarks": ("MO", "AR"), "ozarks": ("MO", "AR"),
    "bloomfield": ("NJ", "CT", "MI"),
    "huntington": ("WV", "NY", "IN"),
    "levittown": ("NY", "PA"),
    "grove city": ("OH", "PA"),
    "lewisburg": ("TN", "PA", "WV"),
    "greensburg": ("PA", "IN"),
    "waynesboro": ("VA", "PA", "GA"),
    "bluffton": ("SC", "IN"),
    "huron": ("SD", "OH"),
    "midlothian": ("TX", "VA", "IL"),
    "sweetwater": ("FL", "TX", "TN"),
    "clearfield": ("UT", "PA"),
    "marysville": ("WA", "OH", "CA"),
    "brookfield": ("WI", "IL", "CT"),
    "aberdeen": ("SD", "WA", "MD"),
    "homewood": ("AL", "IL"),
    "quad cities": ("IA", "IL"),
    "tri cities": ("WA", "TN"),
    # --- Alabama
    "birmingham": ("AL",), "montgomery": ("AL",), "tuscaloosa": ("AL",), "hoover": ("AL",),
    "dothan": ("AL",), "gadsden": ("AL",), "vestavia hills": ("AL",), "prattville": ("AL",),
    "phenix city": ("AL",), "alabaster": ("AL",), "opelika": ("AL",), "northport": ("AL",),
    "anniston": ("AL",), "gulf shores": ("AL",), "orange beach": ("AL",), "muscle shoals": ("AL",),
    "cullman": ("AL",), "albertville": ("AL",), "fort payne": ("AL",), "scottsboro": ("AL",),
    "selma": ("AL",), "fairhope": ("AL",), "trussville": ("AL",),
    # --- Alaska
    "anchorage": ("AK",), "fairbanks": ("AK",), "juneau": ("AK",), "wasilla": ("AK",), "sitka": ("AK",),
    "ketchikan": ("AK",), "kenai": ("AK",), "soldotna": ("AK",), "nome": ("AK",),
    "valdez": ("AK",), "bethel": ("AK",), "seward": ("AK",), "talkeetna": ("AK",), "utqiagvik": ("AK",),
    "eagle river": ("AK",), "skagway": ("AK",), "delta junction": ("AK",), "dillingham": ("AK",),
    "kotzebue": ("AK",), "mat su": ("AK",),
    # --- Arizona
    "phoenix": ("AZ",), "phx": ("AZ",), "pheonix": ("AZ",), "tucson": ("AZ",), "tuscon": ("AZ",),
    "mesa": ("AZ",), "chandler": ("AZ",), "gilbert": ("AZ",), "scottsdale": ("AZ",), "tempe": ("AZ",),
    "yuma": ("AZ",), "avondale": ("AZ",), "flagstaff": ("AZ",), "casa grande": ("AZ",),
    "lake havasu city": ("AZ",), "lake havasu": ("AZ",), "maricopa": ("AZ",), "prescott": ("AZ",),
    "prescott valley": ("AZ",), "sierra vista": ("AZ",), "queen creek": ("AZ",),
    "apache junction": ("AZ",), "bullhead city": ("AZ",), "sedona": ("AZ",), "kingman": ("AZ",),
    "payson": ("AZ",), "nogales": ("AZ",), "fountain hills": ("AZ",), "oro valley": ("AZ",),
    "marana": ("AZ",), "el mirage": ("AZ",), "san tan valley": ("AZ",), "sahuarita": ("AZ",),
    "winslow": ("AZ",), "safford": ("AZ",), "camp verde": ("AZ",), "chino valley": ("AZ",),
    # --- Arkansas
    "little rock": ("AR",), "fort smith": ("AR",), "ft smith": ("AR",), "springdale": ("AR",),
    "north little rock": ("AR",), "bentonville": ("AR",), "pine bluff": ("AR",), "benton": ("AR",),
    "bella vista": ("AR",), "paragould": ("AR",), "cabot": ("AR",), "searcy": ("AR",),
    "van buren": ("AR",), "siloam springs": ("AR",), "maumelle": ("AR",),
    # --- California
    "los angeles": ("CA",), "l a": ("CA",), "san diego": ("CA",), "san jose": ("CA",),
    "san francisco": ("CA",), "san fran": ("CA",), "fresno": ("CA",), "sacramento": ("CA",),
    "sacremento": ("CA",), "sacto": ("CA",), "oakland": ("CA",), "bakersfield": ("CA",),
    "anaheim": ("CA",), "santa ana": ("CA",), "riverside": ("CA",), "stockton": ("CA",),
    "irvine": ("CA",), "chula vista": ("CA",), "san bernardino": ("CA",), "modesto": ("CA",),
    "fontana": ("CA",), "oxnard": ("CA",), "moreno valley": ("CA",), "huntington beach": ("CA",),
    "santa clarita": ("CA",), "garden grove": ("CA",), "oceanside": ("CA",),
    "rancho cucamonga": ("CA",), "santa rosa": ("CA",), "elk grove": ("CA",), "palmdale": ("CA",),
    "hayward": ("CA",), "salinas": ("CA",), "pomona": ("CA",), "sunnyvale": ("CA",),
    "escondido": ("CA",), "torrance": ("CA",), "fullerton": ("CA",), "visalia": ("CA",),
    "thousand oaks": ("CA",), "simi valley": ("CA",), "santa clara": ("CA",), "victorville": ("CA",),
    "vallejo": ("CA",), "berkeley": ("CA",), "el monte": ("CA",), "downey": ("CA",),
    "costa mesa": ("CA",), "inglewood": ("CA",), "ventura": ("CA",), "san buenaventura": ("CA",),
    "west covina": ("CA",), "murrieta": ("CA",), "temecula": ("CA",), "burbank": ("CA",),
    "daly city": ("CA",), "rialto": ("CA",), "el cajon": ("CA",), "san mateo": ("CA",),
    "compton": ("CA",), "jurupa valley": ("CA",), "south gate": ("CA",), "mission viejo": ("CA",),
    "vacaville": ("CA",), "hesperia": ("CA",), "santa maria": ("CA",),
    "redding": ("CA",), "santa barbara": ("CA",), "chico": ("CA",), "san leandro": ("CA",),
    "citrus heights": ("CA",), "livermore": ("CA",), "chino": ("CA",),
    "chino hills": ("CA",), "menifee": ("CA",), "indio": ("CA",), "hemet": ("CA",), "merced": ("CA",),
    "redwood city": ("CA",), "newport beach": ("CA",), "alhambra": ("CA",), "hawthorne": ("CA",),
    "whittier": ("CA",), "buena park": ("CA",), "upland": ("CA",), "tustin": ("CA",),
    "milpitas": ("CA",), "perris": ("CA",), "alameda": ("CA",), "mountain view": ("CA",),
    "pleasanton": ("CA",), "folsom": ("CA",), "lynwood": ("CA",), "yuba city": ("CA",),
    "san ramon": ("CA",), "manteca": ("CA",), "baldwin park": ("CA",), "turlock": ("CA",),
    "redlands": ("CA",), "petaluma": ("CA",), "san rafael": ("CA",),
    "novato": ("CA",), "walnut creek": ("CA",), "palo alto": ("CA",), "cupertino": ("CA",),
    "gilroy": ("CA",), "hollister": ("CA",), "watsonville": ("CA",), "monterey": ("CA",),
    "san luis obispo": ("CA",), "paso robles": ("CA",), "santa monica": ("CA",),
    "beverly hills": ("CA",), "palm springs": ("CA",), "palm desert": ("CA",), "cathedral city": ("CA",),
    "la quinta": ("CA",), "coachella": ("CA",), "el centro": ("CA",), "calexico": ("CA",),
    "barstow": ("CA",), "mammoth lakes": ("CA",), "truckee": ("CA",), "south lake tahoe": ("CA",),
    "grass valley": ("CA",), "placerville": ("CA",), "oroville": ("CA",), "arcata": ("CA",),
    "crescent city": ("CA",), "ukiah": ("CA",), "tulare": ("CA",), "porterville": ("CA",),
    "hanford": ("CA",), "delano": ("CA",), "madera": ("CA",), "los banos": ("CA",), "yucaipa": ("CA",),
    "lake elsinore": ("CA",), "adelanto": ("CA",), "twentynine palms": ("CA",), "yreka": ("CA",),
    "susanville": ("CA",), "red bluff": ("CA",), "healdsburg": ("CA",), "sebastopol": ("CA",),
    "bay area": ("CA",), "the bay area": ("CA",), "silicon valley": ("CA",), "inland empire": ("CA",),
    "central valley": ("CA",), "san fernando valley": ("CA",),
    # --- Colorado
    "denver": ("CO",), "mile high city": ("CO",), "colorado springs": ("CO",), "fort collins": ("CO",),
    "ft collins": ("CO",), "thornton": ("CO",), "arvada": ("CO",), "pueblo": ("CO",),
    "greeley": ("CO",), "longmont": ("CO",), "broomfield": ("CO",), "commerce city": ("CO",),
    "northglenn": ("CO",), "wheat ridge": ("CO",), "grand junction": ("CO",), "montrose": ("CO",),
    "steamboat springs": ("CO",), "steamboat": ("CO",), "glenwood springs": ("CO",),
    "canon city": ("CO",), "gunnison": ("CO",), "salida": ("CO",), "alamosa": ("CO",), "vail": ("CO",),
    "estes park": ("CO",), "fort morgan": ("CO",), "la junta": ("CO",), "pagosa springs": ("CO",),
    "silverthorne": ("CO",),
    # --- Connecticut
    "bridgeport": ("CT",), "new haven": ("CT",), "stamford": ("CT",), "hartford": ("CT",),
    "waterbury": ("CT",), "danbury": ("CT",), "new britain": ("CT",), "west hartford": ("CT",),
    "greenwich": ("CT",), "hamden": ("CT",), "meriden": ("CT",), "west haven": ("CT",),
    "stratford": ("CT",), "east hartford": ("CT",), "enfield": ("CT",), "wallingford": ("CT",),
    "southington": ("CT",), "shelton": ("CT",), "norwich": ("CT",), "new london": ("CT",),
    "groton": ("CT",), "willimantic": ("CT",),
    # --- Delaware
    "rehoboth beach": ("DE",), "lewes": ("DE",), "seaford": ("DE",),
    # --- Florida
    "tampa": ("FL",), "orlando": ("FL",), "st petersburg": ("FL",), "saint petersburg": ("FL",),
    "st pete": ("FL",), "hialeah": ("FL",), "port st lucie": ("FL",), "port saint lucie": ("FL",),
    "tallahassee": ("FL",), "cape coral": ("FL",), "fort lauderdale": ("FL",),
    "ft lauderdale": ("FL",), "pembroke pines": ("FL",), "miramar": ("FL",), "coral springs": ("FL",),
    "lehigh acres": ("FL",), "palm bay": ("FL",), "clearwater": ("FL",), "west palm beach": ("FL",),
    "lakeland": ("FL",), "pompano beach": ("FL",), "miami gardens": ("FL",), "davie": ("FL",),
    "riverview": ("FL",), "boca raton": ("FL",), "deltona": ("FL",), "palm coast": ("FL",),
    "fort myers": ("FL",), "ft myers": ("FL",), "largo": ("FL",), "deerfield beach": ("FL",),
    "boynton beach": ("FL",), "kissimmee": ("FL",), "daytona beach": ("FL",), "daytona": ("FL",),
    "delray beach": ("FL",), "ocala": ("FL",), "port orange": ("FL",), "weston": ("FL",),
    "doral": ("FL",), "sarasota": ("FL",), "pensacola": ("FL",), "tamarac": ("FL",),
    "bradenton": ("FL",), "palm beach gardens": ("FL",), "pinellas park": ("FL",),
    "coconut creek": ("FL",), "panama city": ("FL",), "panama city beach": ("FL",), "key west": ("FL",),
    "destin": ("FL",), "st augustine": ("FL",), "saint augustine": ("FL",), "fort walton beach": ("FL",),
    "crestview": ("FL",), "niceville": ("FL",), "vero beach": ("FL",), "titusville": ("FL",),
    "cocoa beach": ("FL",), "winter haven": ("FL",), "winter park": ("FL",), "apopka": ("FL",),
    "lake city": ("FL",), "palatka": ("FL",), "bartow": ("FL",), "punta gorda": ("FL",),
    "port charlotte": ("FL",), "north port": ("FL",), "new port richey": ("FL",),
    "zephyrhills": ("FL",), "clermont": ("FL",), "miami beach": ("FL",), "north miami": ("FL",),
    "aventura": ("FL",), "coral gables": ("FL",), "key largo": ("FL",), "jax": ("FL",),
    "palm beach": ("FL",),
    # --- Georgia
    "atlanta": ("GA",), "atl": ("GA",), "macon": ("GA",), "savannah": ("GA",),
    "sandy springs": ("GA",), "south fulton": ("GA",), "johns creek": ("GA",),
    "warner robins": ("GA",), "alpharetta": ("GA",), "stonecrest": ("GA",), "valdosta": ("GA",),
    "dunwoody": ("GA",), "peachtree city": ("GA",), "peachtree corners": ("GA",), "newnan": ("GA",),
    "dalton": ("GA",), "kennesaw": ("GA",), "lawrenceville": ("GA",), "hinesville": ("GA",),
    "statesboro": ("GA",), "douglasville": ("GA",), "tifton": ("GA",), "waycross": ("GA",),
    "milledgeville": ("GA",), "dahlonega": ("GA",), "ellijay": ("GA",), "stockbridge": ("GA",),
    "mcdonough": ("GA",), "cartersville": ("GA",), "lagrange": ("GA",), "americus": ("GA",),
    "cordele": ("GA",), "moultrie": ("GA",), "vidalia": ("GA",),
    # --- Hawaii
    "honolulu": ("HI",), "pearl city": ("HI",), "hilo": ("HI",), "kailua": ("HI",),
    "kailua kona": ("HI",), "kahului": ("HI",), "kihei": ("HI",), "lahaina": ("HI",),
    "wailuku": ("HI",), "lihue": ("HI",), "kaneohe": ("HI",), "waipahu": ("HI",), "mililani": ("HI",),
    "ewa beach": ("HI",), "kapolei": ("HI",), "waikiki": ("HI",), "maui": ("HI",), "oahu": ("HI",),
    "kauai": ("HI",), "molokai": ("HI",), "lanai": ("HI",), "big island": ("HI",),
    # --- Idaho
    "boise": ("ID",), "nampa": ("ID",), "idaho falls": ("ID",), "pocatello": ("ID",),
    "caldwell": ("ID",), "coeur d alene": ("ID",), "coeur dalene": ("ID",), "twin falls": ("ID",),
    "post falls": ("ID",), "rexburg": ("ID",), "kuna": ("ID",), "ammon": ("ID",), "chubbuck": ("ID",),
    "blackfoot": ("ID",), "burley": ("ID",), "sandpoint": ("ID",), "ketchum": ("ID",),
    "driggs": ("ID",), "mccall": ("ID",), "payette": ("ID",),
    # --- Illinois
    "chicago": ("IL",), "chicagoland": ("IL",), "windy city": ("IL",), "joliet": ("IL",),
    "naperville": ("IL",), "rockford": ("IL",), "elgin": ("IL",), "champaign": ("IL",),
    "waukegan": ("IL",), "cicero": ("IL",), "arlington heights": ("IL",), "schaumburg": ("IL",),
    "bolingbrook": ("IL",), "palatine": ("IL",), "skokie": ("IL",), "des plaines": ("IL",),
    "orland park": ("IL",), "tinley park": ("IL",), "oak lawn": ("IL",), "berwyn": ("IL",),
    "mount prospect": ("IL",), "wheaton": ("IL",), "hoffman estates": ("IL",),
    "downers grove": ("IL",), "elmhurst": ("IL",), "glenview": ("IL",), "dekalb": ("IL",),
    "de kalb": ("IL",), "moline": ("IL",), "rock island": ("IL",), "east moline": ("IL",),
    "carbondale": ("IL",), "kankakee": ("IL",), "galesburg": ("IL",), "macomb": ("IL",),
    "effingham": ("IL",), "mattoon": ("IL",), "edwardsville": ("IL",), "collinsville": ("IL",),
    "alton": ("IL",), "granite city": ("IL",), "east st louis": ("IL",), "east saint louis": ("IL",),
    "crystal lake": ("IL",), "mchenry": ("IL",), "algonquin": ("IL",), "lombard": ("IL",),
    "carol stream": ("IL",), "romeoville": ("IL",), "north chicago": ("IL",), "libertyville": ("IL",),
    "vernon hills": ("IL",), "gurnee": ("IL",),
    # --- Indiana
    "indianapolis": ("IN",), "indy": ("IN",), "fort wayne": ("IN",), "ft wayne": ("IN",),
    "evansville": ("IN",), "south bend": ("IN",), "fishers": ("IN",),
    "west lafayette": ("IN",), "muncie": ("IN",), "terre haute": ("IN",), "kokomo": ("IN",),
    "noblesville": ("IN",), "elkhart": ("IN",), "mishawaka": ("IN",), "jeffersonville": ("IN",),
    "merrillville": ("IN",), "crown point": ("IN",), "schererville": ("IN",), "brownsburg": ("IN",),
    "vincennes": ("IN",), "logansport": ("IN",),
    # --- Iowa
    "des moines": ("IA",), "cedar rapids": ("IA",), "davenport": ("IA",), "sioux city": ("IA",),
    "iowa city": ("IA",), "west des moines": ("IA",), "ankeny": ("IA",), "ames": ("IA",),
    "council bluffs": ("IA",), "dubuque": ("IA",), "urbandale": ("IA",), "cedar falls": ("IA",),
    "bettendorf": ("IA",), "mason city": ("IA",), "ottumwa": ("IA",), "fort dodge": ("IA",),
    "muscatine": ("IA",), "marshalltown": ("IA",), "decorah": ("IA",), "pella": ("IA",),
    "storm lake": ("IA",), "waukee": ("IA",),
    # --- Kansas
    "wichita": ("KS",), "overland park": ("KS",), "olathe": ("KS",), "topeka": ("KS",),
    "lenexa": ("KS",), "salina": ("KS",), "leawood": ("KS",), "dodge city": ("KS",),
    "emporia": ("KS",), "junction city": ("KS",), "hays": ("KS",), "great bend": ("KS",),
    "mcpherson": ("KS",), "atchison": ("KS",), "coffeyville": ("KS",),
    # --- Kentucky
    "owensboro": ("KY",), "hopkinsville": ("KY",), "nicholasville": ("KY",), "paducah": ("KY",),
    "radcliff": ("KY",), "madisonville": ("KY",), "erlanger": ("KY",), "berea": ("KY",),
    "pikeville": ("KY",), "corbin": ("KY",), "morehead": ("KY",), "bardstown": ("KY",),
    "campbellsville": ("KY",),
    # --- Louisiana
    "new orleans": ("LA",), "nola": ("LA",), "the big easy": ("LA",), "baton rouge": ("LA",),
    "shreveport": ("LA",), "lake charles": ("LA",), "kenner": ("LA",), "bossier city": ("LA",),
    "houma": ("LA",), "metairie": ("LA",), "slidell": ("LA",), "new iberia": ("LA",),
    "ruston": ("LA",), "natchitoches": ("LA",), "opelousas": ("LA",), "thibodaux": ("LA",),
    "mandeville": ("LA",), "denham springs": ("LA",),
    # --- Maine
    "bangor": ("ME",), "south portland": ("ME",), "biddeford": ("ME",), "saco": ("ME",),
    "westbrook": ("ME",), "waterville": ("ME",), "presque isle": ("ME",), "bar harbor": ("ME",),
    "caribou": ("ME",), "ellsworth": ("ME",), "rockland": ("ME",), "houlton": ("ME",),
    "kennebunk": ("ME",), "kittery": ("ME",), "old orchard beach": ("ME",), "skowhegan": ("ME",),
    # --- Maryland
    "baltimore": ("MD",), "silver spring": ("MD",), "waldorf": ("MD",), "frederick": ("MD",),
    "ellicott city": ("MD",), "glen burnie": ("MD",), "gaithersburg": ("MD",), "rockville": ("MD",),
    "bethesda": ("MD",), "dundalk": ("MD",), "towson": ("MD",), "bowie": ("MD",),
    "hagerstown": ("MD",), "annapolis": ("MD",), "elkton": ("MD",), "havre de grace": ("MD",),
    "owings mills": ("MD",), "odenton": ("MD",), "takoma park": ("MD",), "hyattsville": ("MD",),
    # --- Massachusetts
    "boston": ("MA",), "worcester": ("MA",), "brockton": ("MA",), "new bedford": ("MA",),
    "fall river": ("MA",), "framingham": ("MA",), "haverhill": ("MA",),
    "waltham": ("MA",), "malden": ("MA",), "brookline": ("MA",), "taunton": ("MA",),
    "chicopee": ("MA",), "weymouth": ("MA",), "peabody": ("MA",), "methuen": ("MA",),
    "barnstable": ("MA",), "pittsfield": ("MA",), "attleboro": ("MA",), "leominster": ("MA",),
    "holyoke": ("MA",), "marlborough": ("MA",), "woburn": ("MA",), "northampton": ("MA",),
    "nantucket": ("MA",), "marthas vineyard": ("MA",), "cape cod": ("MA",), "hyannis": ("MA",),
    "gloucester": ("MA",), "north adams": ("MA",), "natick": ("MA",), "needham": ("MA",),
    "wellesley": ("MA",), "dedham": ("MA",), "braintree": ("MA",),
    # --- Michigan
    "detroit": ("MI",), "motor city": ("MI",), "motown": ("MI",), "sterling heights": ("MI",),
    "ann arbor": ("MI",), "lansing": ("MI",), "dearborn": ("MI",), "clinton township": ("MI",),
    "livonia": ("MI",), "westland": ("MI",), "farmington hills": ("MI",), "flint": ("MI",),
    "southfield": ("MI",), "rochester hills": ("MI",), "kalamazoo": ("MI",), "novi": ("MI",),
    "saginaw": ("MI",), "st clair shores": ("MI",), "saint clair shores": ("MI",), "royal oak": ("MI",),
    "dearborn heights": ("MI",), "battle creek": ("MI",), "kentwood": ("MI",), "muskegon": ("MI",),
    "bay city": ("MI",), "traverse city": ("MI",), "marquette": ("MI",), "east lansing": ("MI",),
    "port huron": ("MI",), "ypsilanti": ("MI",), "sault ste marie": ("MI",), "escanaba": ("MI",),
    "houghton": ("MI",), "petoskey": ("MI",), "alpena": ("MI",), "ludington": ("MI",),
    "big rapids": ("MI",), "mount clemens": ("MI",), "grosse pointe": ("MI",), "auburn hills": ("MI",),
    "wyandotte": ("MI",), "ironwood": ("MI",), "iron mountain": ("MI",), "menominee": ("MI",),
    "upper peninsula": ("MI",),
    # --- Minnesota
    "minneapolis": ("MN",), "st paul": ("MN",), "saint paul": ("MN",), "twin cities": ("MN",),
    "brooklyn park": ("MN",), "woodbury": ("MN",), "maple grove": ("MN",), "eagan": ("MN",),
    "eden prairie": ("MN",), "coon rapids": ("MN",), "burnsville": ("MN",), "lakeville": ("MN",),
    "minnetonka": ("MN",), "edina": ("MN",), "st louis park": ("MN",), "saint louis park": ("MN",),
    "mankato": ("MN",), "moorhead": ("MN",), "shakopee": ("MN",), "inver grove heights": ("MN",),
    "brooklyn center": ("MN",), "fridley": ("MN",), "chaska": ("MN",), "winona": ("MN",),
    "owatonna": ("MN",), "brainerd": ("MN",), "bemidji": ("MN",), "hibbing": ("MN",),
    "willmar": ("MN",), "faribault": ("MN",), "red wing": ("MN",), "albert lea": ("MN",),
    "fergus falls": ("MN",), "new ulm": ("MN",), "international falls": ("MN",),
    "grand marais": ("MN",),
    # --- Mississippi
    "gulfport": ("MS",), "southaven": ("MS",), "hattiesburg": ("MS",), "biloxi": ("MS",),
    "tupelo": ("MS",), "olive branch": ("MS",), "horn lake": ("MS",), "ridgeland": ("MS",),
    "starkville": ("MS",), "vicksburg": ("MS",), "natchez": ("MS",), "pascagoula": ("MS",),
    "ocean springs": ("MS",), "clarksdale": ("MS",), "corinth": ("MS",), "picayune": ("MS",),
    "mccomb": ("MS",), "gautier": ("MS",),
    # --- Missouri
    "st louis": ("MO",), "saint louis": ("MO",), "stl": ("MO",), "lees summit": ("MO",),
    "st peters": ("MO",), "saint peters": ("MO",), "blue springs": ("MO",), "florissant": ("MO",),
    "joplin": ("MO",), "jefferson city": ("MO",), "cape girardeau": ("MO",), "university city": ("MO",),
    "ballwin": ("MO",), "raytown": ("MO",), "kirkwood": ("MO",), "hazelwood": ("MO",),
    "raymore": ("MO",), "webster groves": ("MO",), "sedalia": ("MO",), "rolla": ("MO",),
    "branson": ("MO",), "hannibal": ("MO",), "kirksville": ("MO",), "warrensburg": ("MO",),
    "poplar bluff": ("MO",), "wentzville": ("MO",), "nixa": ("MO",), "west plains": ("MO",),
    # --- Montana
    "billings": ("MT",), "missoula": ("MT",), "great falls": ("MT",), "bozeman": ("MT",),
    "butte": ("MT",), "kalispell": ("MT",), "havre": ("MT",), "miles city": ("MT",),
    "lewistown": ("MT",), "glendive": ("MT",), "red lodge": ("MT",), "polson": ("MT",),
    "columbia falls": ("MT",),
    # --- Nebraska
    "omaha": ("NE",), "grand island": ("NE",), "north platte": ("NE",), "papillion": ("NE",),
    "la vista": ("NE",), "scottsbluff": ("NE",), "south sioux city": ("NE",), "mccook": ("NE",),
    "chadron": ("NE",), "ogallala": ("NE",),
    # --- Nevada
    "vegas": ("NV",), "sin city": ("NV",), "reno": ("NV",), "north las vegas": ("NV",),
    "carson city": ("NV",), "fernley": ("NV",), "elko": ("NV",), "boulder city": ("NV",),
    "pahrump": ("NV",), "winnemucca": ("NV",), "fallon": ("NV",), "gardnerville": ("NV",),
    # --- New Hampshire
    "nashua": ("NH",), "derry": ("NH",), "merrimack": ("NH",), "londonderry": ("NH",),
    "keene": ("NH",), "laconia": ("NH",), "exeter": ("NH",), "north conway": ("NH",),
    # --- New Jersey
    "jersey city": ("NJ",), "paterson": ("NJ",), "edison": ("NJ",),
    "toms river": ("NJ",), "trenton": ("NJ",), "clifton": ("NJ",), "cherry hill": ("NJ",),
    "passaic": ("NJ",), "old bridge": ("NJ",), "east orange": ("NJ",), "bayonne": ("NJ",),
    "north bergen": ("NJ",), "vineland": ("NJ",), "piscataway": ("NJ",), "irvington": ("NJ",),
    "parsippany": ("NJ",), "perth amboy": ("NJ",), "hoboken": ("NJ",), "hackensack": ("NJ",),
    "sayreville": ("NJ",), "kearny": ("NJ",), "linden": ("NJ",), "atlantic city": ("NJ",),
    "flemington": ("NJ",), "long branch": ("NJ",), "asbury park": ("NJ",), "cape may": ("NJ",),
    "montclair": ("NJ",), "west orange": ("NJ",), "fort lee": ("NJ",), "paramus": ("NJ",),
    "teaneck": ("NJ",), "glassboro": ("NJ",),
    # --- New Mexico
    "albuquerque": ("NM",), "abq": ("NM",), "albequerque": ("NM",), "alburquerque": ("NM",),
    "las cruces": ("NM",), "rio rancho": ("NM",), "santa fe": ("NM",), "hobbs": ("NM",),
    "alamogordo": ("NM",), "gallup": ("NM",), "taos": ("NM",), "silver city": ("NM",),
    "los alamos": ("NM",), "deming": ("NM",), "espanola": ("NM",), "socorro": ("NM",),
    "portales": ("NM",), "artesia": ("NM",), "ruidoso": ("NM",), "truth or consequences": ("NM",),
    "los lunas": ("NM",), "belen": ("NM",), "sunland park": ("NM",), "raton": ("NM",),
    # --- New York
    "new york city": ("NY",), "nyc": ("NY",), "big apple": ("NY",), "brooklyn": ("NY",),
    "queens": ("NY",), "bronx": ("NY",), "the bronx": ("NY",), "staten island": ("NY",),
    "yonkers": ("NY",), "new rochelle": ("NY",), "schenectady": ("NY",), "utica": ("NY",),
    "white plains": ("NY",), "hempstead": ("NY",), "niagara falls": ("NY",), "binghamton": ("NY",),
    "ithaca": ("NY",), "poughkeepsie": ("NY",), "newburgh": ("NY",), "saratoga springs": ("NY",),
    "glens falls": ("NY",), "plattsburgh": ("NY",), "elmira": ("NY",), "cortland": ("NY",),
    "oneonta": ("NY",), "lake placid": ("NY",), "saranac lake": ("NY",), "massena": ("NY",),
    "olean": ("NY",), "long island": ("NY",), "hamptons": ("NY",), "the hamptons": ("NY",),
    "hicksville": ("NY",), "valley stream": ("NY",), "islip": ("NY",), "smithtown": ("NY",),
    "riverhead": ("NY",), "montauk": ("NY",), "southampton": ("NY",), "east hampton": ("NY",),
    "peekskill": ("NY",), "ossining": ("NY",), "tarrytown": ("NY",), "nyack": ("NY",),
    "cheektowaga": ("NY",), "tonawanda": ("NY",), "lockport": ("NY",), "canandaigua": ("NY",),
    "corning": ("NY",), "hornell": ("NY",), "geneseo": ("NY",), "fredonia": ("NY",),
    "dunkirk": ("NY",), "catskill": ("NY",), "new paltz": ("NY",),
    # --- North Carolina
    "charlotte": ("NC",), "raleigh": ("NC",), "greensboro": ("NC",), "winston salem": ("NC",),
    "high point": ("NC",), "asheville": ("NC",), "gastonia": ("NC",), "chapel hill": ("NC",),
    "rocky mount": ("NC",), "huntersville": ("NC",), "kannapolis": ("NC",),
    "goldsboro": ("NC",), "mooresville": ("NC",), "wake forest": ("NC",), "new bern": ("NC",),
    "asheboro": ("NC",), "statesville": ("NC",), "boone": ("NC",), "morganton": ("NC",),
    "waynesville": ("NC",), "brevard": ("NC",), "lenoir": ("NC",), "elizabeth city": ("NC",),
    "kinston": ("NC",), "lumberton": ("NC",), "black mountain": ("NC",), "wilkesboro": ("NC",),
    "north wilkesboro": ("NC",), "mount airy": ("NC",), "mt airy": ("NC",), "blowing rock": ("NC",),
    "west jefferson": ("NC",), "sylva": ("NC",), "bryson city": ("NC",), "spruce pine": ("NC",),
    "banner elk": ("NC",), "outer banks": ("NC",), "obx": ("NC",), "kill devil hills": ("NC",),
    "nags head": ("NC",), "kitty hawk": ("NC",), "research triangle": ("NC",),
    # --- North Dakota
    "fargo": ("ND",), "bismarck": ("ND",), "grand forks": ("ND",), "minot": ("ND",),
    "west fargo": ("ND",), "dickinson": ("ND",), "mandan": ("ND",), "wahpeton": ("ND",),
    "devils lake": ("ND",), "valley city": ("ND",),
    # --- Ohio
    "cincinnati": ("OH",), "cincinatti": ("OH",), "cincy": ("OH",), "toledo": ("OH",),
    "cbus": ("OH",), "akron": ("OH",), "parma": ("OH",), "youngstown": ("OH",), "lorain": ("OH",),
    "kettering": ("OH",), "elyria": ("OH",), "cuyahoga falls": ("OH",), "euclid": ("OH",),
    "beavercreek": ("OH",), "cleveland heights": ("OH",), "strongsville": ("OH",), "findlay": ("OH",),
    "huber heights": ("OH",), "westerville": ("OH",), "reynoldsburg": ("OH",), "sandusky": ("OH",),
    "zanesville": ("OH",), "chillicothe": ("OH",), "wooster": ("OH",), "ashtabula": ("OH",),
    "steubenville": ("OH",), "massillon": ("OH",), "xenia": ("OH",), "hilliard": ("OH",),
    "gahanna": ("OH",), "upper arlington": ("OH",), "north olmsted": ("OH",),
    "north royalton": ("OH",), "wadsworth": ("OH",), "piqua": ("OH",), "tiffin": ("OH",),
    "bucyrus": ("OH",), "new philadelphia": ("OH",), "gallipolis": ("OH",), "ironton": ("OH",),
    "east liverpool": ("OH",),
    # --- Oklahoma
    "oklahoma city": ("OK",), "okc": ("OK",), "tulsa": ("OK",), "norman": ("OK",),
    "broken arrow": ("OK",), "lawton": ("OK",), "edmond": ("OK",), "midwest city": ("OK",),
    "enid": ("OK",), "owasso": ("OK",), "bartlesville": ("OK",), "muskogee": ("OK",),
    "ardmore": ("OK",), "ponca city": ("OK",), "del city": ("OK",), "bixby": ("OK",),
    "sand springs": ("OK",), "sapulpa": ("OK",), "jenks": ("OK",), "claremore": ("OK",),
    "el reno": ("OK",), "mcalester": ("OK",), "tahlequah": ("OK",), "guymon": ("OK",),
    "altus": ("OK",), "chickasha": ("OK",), "elk city": ("OK",),
    # --- Oregon
    "pdx": ("OR",), "eugene": ("OR",), "gresham": ("OR",), "hillsboro": ("OR",), "beaverton": ("OR",),
    "corvallis": ("OR",), "tigard": ("OR",), "lake oswego": ("OR",), "keizer": ("OR",),
    "grants pass": ("OR",), "oregon city": ("OR",), "tualatin": ("OR",),
    "west linn": ("OR",), "woodburn": ("OR",), "forest grove": ("OR",), "newberg": ("OR",),
    "wilsonville": ("OR",), "roseburg": ("OR",), "klamath falls": ("OR",), "milwaukie": ("OR",),
    "canby": ("OR",), "hermiston": ("OR",), "pendleton": ("OR",), "coos bay": ("OR",),
    "the dalles": ("OR",), "hood river": ("OR",), "astoria": ("OR",), "lincoln city": ("OR",),
    "baker city": ("OR",), "la grande": ("OR",), "prineville": ("OR",), "tillamook": ("OR",),
    "cannon beach": ("OR",), "st helens": ("OR",), "saint helens": ("OR",),
    # --- Pennsylvania
    "philadelphia": ("PA",), "philly": ("PA",), "pittsburgh": ("PA",), "pgh": ("PA",),
    "allentown": ("PA",), "scranton": ("PA",), "bethlehem": ("PA",), "altoona": ("PA",),
    "wilkes barre": ("PA",), "norristown": ("PA",),
    "williamsport": ("PA",), "hazleton": ("PA",), "johnstown": ("PA",), "mckeesport": ("PA",),
    "pottstown": ("PA",), "hershey": ("PA",), "gettysburg": ("PA",), "carlisle": ("PA",),
    "chambersburg": ("PA",), "stroudsburg": ("PA",), "east stroudsburg": ("PA",), "pottsville": ("PA",),
    "sunbury": ("PA",), "meadville": ("PA",), "doylestown": ("PA",), "king of prussia": ("PA",),
    "bensalem": ("PA",), "bloomsburg": ("PA",), "uniontown": ("PA",), "latrobe": ("PA",),
    "bethel park": ("PA",), "monroeville": ("PA",), "west chester": ("PA",), "phoenixville": ("PA",),
    "exton": ("PA",), "downingtown": ("PA",), "selinsgrove": ("PA",), "lock haven": ("PA",),
    "oil city": ("PA",), "ephrata": ("PA",), "lititz": ("PA",), "lehigh valley": ("PA",),
    "poconos": ("PA",), "the poconos": ("PA",),
    # --- Rhode Island
    "providence": ("RI",), "warwick": ("RI",), "cranston": ("RI",), "pawtucket": ("RI",),
    "east providence": ("RI",), "woonsocket": ("RI",), "north providence": ("RI",),
    "narragansett": ("RI",), "block island": ("RI",),
    # --- South Carolina
    "north charleston": ("SC",), "rock hill": ("SC",), "summerville": ("SC",), "goose creek": ("SC",),
    "sumter": ("SC",), "hilton head island": ("SC",), "hilton head": ("SC",), "spartanburg": ("SC",),
    "myrtle beach": ("SC",), "aiken": ("SC",), "greer": ("SC",), "mauldin": ("SC",),
    "orangeburg": ("SC",), "clemson": ("SC",), "easley": ("SC",), "simpsonville": ("SC",),
    "fort mill": ("SC",), "north augusta": ("SC",), "gaffney": ("SC",), "cayce": ("SC",),
    "west columbia": ("SC",), "irmo": ("SC",), "newberry": ("SC",), "walterboro": ("SC",),
    "hartsville": ("SC",), "grand strand": ("SC",),
    # --- South Dakota
    "sioux falls": ("SD",), "rapid city": ("SD",), "yankton": ("SD",), "pierre": ("SD",),
    "vermillion": ("SD",), "spearfish": ("SD",), "deadwood": ("SD",), "black hills": ("SD",),
    # --- Tennessee
    "nashville": ("TN",), "memphis": ("TN",), "knoxville": ("TN",), "chattanooga": ("TN",),
    "murfreesboro": ("TN",), "kingsport": ("TN",), "collierville": ("TN",), "gallatin": ("TN",),
    "cookeville": ("TN",), "mount juliet": ("TN",), "mt juliet": ("TN",), "oak ridge": ("TN",),
    "tullahoma": ("TN",), "sevierville": ("TN",), "gatlinburg": ("TN",), "pigeon forge": ("TN",),
    "crossville": ("TN",), "dyersburg": ("TN",), "greeneville": ("TN",),
    "dickson": ("TN",), "elizabethton": ("TN",), "millington": ("TN",), "lawrenceburg": ("TN",),
    # --- Texas
    "houston": ("TX",), "san antonio": ("TX",), "fort worth": ("TX",), "ft worth": ("TX",),
    "dfw": ("TX",), "el paso": ("TX",), "corpus christi": ("TX",), "plano": ("TX",),
    "laredo": ("TX",), "lubbock": ("TX",), "irving": ("TX",), "garland": ("TX",),
    "mckinney": ("TX",), "amarillo": ("TX",), "grand prairie": ("TX",), "brownsville": ("TX",),
    "killeen": ("TX",), "mcallen": ("TX",), "denton": ("TX",), "waco": ("TX",), "pearland": ("TX",),
    "round rock": ("TX",), "college station": ("TX",), "richardson": ("TX",), "league city": ("TX",),
    "lewisville": ("TX",), "sugar land": ("TX",), "wichita falls": ("TX",),
    "edinburg": ("TX",), "conroe": ("TX",), "san angelo": ("TX",),
    "new braunfels": ("TX",), "pharr": ("TX",), "baytown": ("TX",), "flower mound": ("TX",),
    "harlingen": ("TX",), "cedar park": ("TX",), "north richland hills": ("TX",), "rowlett": ("TX",),
    "pflugerville": ("TX",), "port arthur": ("TX",), "euless": ("TX",), "grapevine": ("TX",),
    "desoto": ("TX",), "de soto": ("TX",), "galveston": ("TX",), "cedar hill": ("TX",),
    "haltom city": ("TX",), "wylie": ("TX",), "keller": ("TX",), "coppell": ("TX",),
    "rockwall": ("TX",), "duncanville": ("TX",), "sherman": ("TX",), "burleson": ("TX",),
    "hurst": ("TX",), "the colony": ("TX",), "friendswood": ("TX",), "weslaco": ("TX",),
    "little elm": ("TX",), "lufkin": ("TX",), "nacogdoches": ("TX",), "del rio": ("TX",),
    "eagle pass": ("TX",), "kerrville": ("TX",), "boerne": ("TX",), "seguin": ("TX",),
    "tomball": ("TX",), "leander": ("TX",), "granbury": ("TX",),
    "stephenville": ("TX",), "big spring": ("TX",), "marfa": ("TX",), "uvalde": ("TX",),
    "brenham": ("TX",), "corsicana": ("TX",), "waxahachie": ("TX",), "ennis": ("TX",),
    "denison": ("TX",), "forney": ("TX",), "kilgore": ("TX",), "the woodlands": ("TX",),
    "south padre island": ("TX",), "port aransas": ("TX",), "rockport": ("TX",), "beeville": ("TX",),
    "kingsville": ("TX",), "pampa": ("TX",), "borger": ("TX",), "plainview": ("TX",),
    "levelland": ("TX",), "brownwood": ("TX",), "san benito": ("TX",), "rio grande city": ("TX",),
    "rgv": ("TX",), "cleburne": ("TX",), "mineral wells": ("TX",), "lampasas": ("TX",),
    "marble falls": ("TX",), "bastrop": ("TX",), "lockhart": ("TX",), "buda": ("TX",),
    "dripping springs": ("TX",), "wimberley": ("TX",), "hill country": ("TX",),
    # --- Utah
    "salt lake city": ("UT",), "salt lake": ("UT",), "slc": ("UT",), "west valley city": ("UT",),
    "provo": ("UT",), "west jordan": ("UT",), "orem": ("UT",), "ogden": ("UT",),
    "st george": ("UT",), "saint george": ("UT",), "layton": ("UT",), "south jordan": ("UT",),
    "lehi": ("UT",), "millcreek": ("UT",), "taylorsville": ("UT",),
    "draper": ("UT",), "herriman": ("UT",), "spanish fork": ("UT",), "cedar city": ("UT",),
    "moab": ("UT",), "park city": ("UT",), "tooele": ("UT",), "vernal": ("UT",), "heber": ("UT",),
    "heber city": ("UT",), "pleasant grove": ("UT",), "kaysville": ("UT",),
    "cottonwood heights": ("UT",), "springville": ("UT",), "american fork": ("UT",),
    "eagle mountain": ("UT",), "kanab": ("UT",), "santaquin": ("UT",), "brigham city": ("UT",),
    "tremonton": ("UT",), "wasatch front": ("UT",),
    # --- Vermont
    "montpelier": ("VT",), "rutland": ("VT",), "brattleboro": ("VT",), "st johnsbury": ("VT",),
    "saint johnsbury": ("VT",), "barre": ("VT",), "stowe": ("VT",), "bennington": ("VT",),
    "south burlington": ("VT",), "essex junction": ("VT",), "winooski": ("VT",),
    "colchester": ("VT",), "middlebury": ("VT",), "killington": ("VT",),
    "white river junction": ("VT",),
    # --- Virginia
    "virginia beach": ("VA",), "chesapeake": ("VA",), "newport news": ("VA",), "roanoke": ("VA",),
    "suffolk": ("VA",), "lynchburg": ("VA",), "harrisonburg": ("VA",), "charlottesville": ("VA",),
    "blacksburg": ("VA",), "manassas": ("VA",), "petersburg": ("VA",), "staunton": ("VA",),
    "herndon": ("VA",), "fairfax": ("VA",), "reston": ("VA",), "centreville": ("VA",),
    "dale city": ("VA",), "ashburn": ("VA",), "williamsburg": ("VA",), "martinsville": ("VA",),
    "radford": ("VA",), "christiansburg": ("VA",), "culpeper": ("VA",), "front royal": ("VA",),
    "abingdon": ("VA",), "tysons": ("VA",), "galax": ("VA",), "wytheville": ("VA",),
    "hampton roads": ("VA",), "tidewater": ("VA",), "warrenton": ("VA",),
    "chantilly": ("VA",), "mclean": ("VA",), "falls church": ("VA",),
    # --- Washington
    "seattle": ("WA",), "spokane": ("WA",), "renton": ("WA",), "spokane valley": ("WA",),
    "federal way": ("WA",), "yakima": ("WA",), "kirkland": ("WA",), "bellingham": ("WA",),
    "kennewick": ("WA",), "pasco": ("WA",), "sammamish": ("WA",), "richland": ("WA",),
    "olympia": ("WA",), "lacey": ("WA",), "burien": ("WA",), "bothell": ("WA",), "wenatchee": ("WA",),
    "walla walla": ("WA",), "port angeles": ("WA",), "ellensburg": ("WA",), "pullman": ("WA",),
    "puyallup": ("WA",), "lynnwood": ("WA",), "edmonds": ("WA",), "issaquah": ("WA",),
    "bremerton": ("WA",), "port orchard": ("WA",), "oak harbor": ("WA",), "anacortes": ("WA",),
    "sequim": ("WA",), "port townsend": ("WA",), "moses lake": ("WA",), "camas": ("WA",),
    "battle ground": ("WA",), "tumwater": ("WA",), "kelso": ("WA",), "chehalis": ("WA",),
    "omak": ("WA",), "colville": ("WA",), "okanogan": ("WA",), "puget sound": ("WA",),
    "mukilteo": ("WA",), "lake stevens": ("WA",), "sedro woolley": ("WA",), "lynden": ("WA",),
    "goldendale": ("WA",), "cle elum": ("WA",), "toppenish": ("WA",), "prosser": ("WA",),
    # --- West Virginia
    "morgantown": ("WV",), "parkersburg": ("WV",), "weirton": ("WV",), "fairmont": ("WV",),
    "martinsburg": ("WV",), "beckley": ("WV",), "clarksburg": ("WV",), "south charleston": ("WV",),
    "elkins": ("WV",), "buckhannon": ("WV",), "shepherdstown": ("WV",), "harpers ferry": ("WV",),
    "charles town": ("WV",), "summersville": ("WV",),
    # --- Wisconsin
    "milwaukee": ("WI",), "green bay": ("WI",), "kenosha": ("WI",), "racine": ("WI",),
    "appleton": ("WI",), "waukesha": ("WI",), "eau claire": ("WI",), "oshkosh": ("WI",),
    "janesville": ("WI",), "west allis": ("WI",), "la crosse": ("WI",), "sheboygan": ("WI",),
    "wauwatosa": ("WI",), "fond du lac": ("WI",), "new berlin": ("WI",), "wausau": ("WI",),
    "beloit": ("WI",), "oak creek": ("WI",), "manitowoc": ("WI",), "west bend": ("WI",),
    "sun prairie": ("WI",), "stevens point": ("WI",), "neenah": ("WI",), "marshfield": ("WI",),
    "menomonie": ("WI",), "rhinelander": ("WI",), "mequon": ("WI",), "muskego": ("WI",),
    "de pere": ("WI",), "middleton": ("WI",), "menasha": ("WI",), "kaukauna": ("WI",),
    "sturgeon bay": ("WI",), "baraboo": ("WI",), "platteville": ("WI",), "river falls": ("WI",),
    "rice lake": ("WI",), "chippewa falls": ("WI",), "antigo": ("WI",), "marinette": ("WI",),
    "the dells": ("WI",),
    # --- Wyoming
    "cheyenne": ("WY",), "casper": ("WY",), "rock springs": ("WY",), "sheridan": ("WY",),
    "green river": ("WY",), "jackson hole": ("WY",), "rawlins": ("WY",), "lander": ("WY",),
    "worland": ("WY",), "pinedale": ("WY",), "thermopolis": ("WY",),
}

# Towns whose names are everyday words, vehicle names, or better-known foreign places. The parser trusts
# these only next to a state ("Bend, OR", "Mobile AL") or a legal word; otherwise "bend the frame",
# "my Tacoma" and "London" would all become states.
RISKY_CITIES: dict[str, tuple[str, ...]] = {
    # --- everyday English words
    "mobile": ("AL",), "independence": ("MO", "KS", "OR"), "liberty": ("MO",), "hope": ("AR",),
    "enterprise": ("AL", "NV"), "university": ("FL",), "normal": ("IL",), "paradise": ("NV", "CA"),
    "commerce": ("CA", "TX", "GA"), "surprise": ("AZ",), "bend": ("OR",), "reading": ("PA",),
    "orange": ("CA", "NJ", "TX"),
    "mission": ("TX",), "temple": ("TX",), "spring": ("TX",), "humble": ("TX",), "prosper": ("TX",),
    "sunrise": ("FL",), "plantation": ("FL",), "homestead": ("FL",), "jupiter": ("FL",),
    "apex": ("NC",), "hickory": ("NC",), "wheeling": ("WV", "IL"), "hazard": ("KY",),
    "boulder": ("CO",), "golden": ("CO",), "evergreen": ("CO",), "aspen": ("CO",),
    "centennial": ("CO",), "fountain": ("CO",), "rifle": ("CO",), "sterling": ("CO", "VA", "IL"),
    "eagle": ("ID", "CO"), "whitefish": ("MT",), "anaconda": ("MT",), "big sky": ("MT",),
    "sandy": ("UT", "OR"), "bountiful": ("UT",), "price": ("UT",), "hurricane": ("UT",),
    "vista": ("CA",), "corona": ("CA",), "woodland": ("CA", "WA"), "bishop": ("CA",),
    "needles": ("CA",), "shoreline": ("WA",), "portage": ("MI", "IN"), "superior": ("WI", "CO"),
    "mentor": ("OH",), "moore": ("OK",), "liberal": ("KS",), "brick": ("NJ",), "revere": ("MA",),
    "cypress": ("TX", "CA"), "alpine": ("TX", "CA", "UT"), "mesquite": ("TX", "NV"),
    "sparks": ("NV",), "laurel": ("MD", "MS", "MT"), "pearl": ("MS",), "alliance": ("NE", "OH"),
    "salmon": ("ID",), "burns": ("OR",), "sisters": ("OR",), "live oak": ("FL",), "show low": ("AZ",),
    "cottonwood": ("AZ",), "the villages": ("FL",), "north pole": ("AK",), "eureka": ("CA",),
    "butler": ("PA",), "beverly": ("MA",), "chelsea": ("MA",), "firestone": ("CO",),
    "state college": ("PA",),
    # --- people's names likely to be a person, not a town
    "cary": ("NC",),  # also a typo of "carry"
    "allen": ("TX",),  # allen key
    "cody": ("WY",), "homer": ("AK",), "davis": ("CA",), "shelby": ("NC", "OH", "MT"),
    "gary": ("IN",), "tyler": ("TX",), "bryan": ("TX",), "logan": ("UT",), "lynn": ("MA",),
    "tracy": ("CA",), "katy": ("TX",), "elizabeth": ("NJ",), "wilson": ("NC",), "carson": ("CA",),
    "parker": ("CO", "AZ"), "palmer": ("AK",),
    # --- vehicle names
    "tacoma": ("WA",), "tahoe": ("CA", "NV"), "durango": ("CO",), "santa cruz": ("CA",),
    "telluride": ("CO",), "kona": ("HI",), "kodiak": ("AK",), "pontiac": ("MI",), "cadillac": ("MI",),
    "laramie": ("WY",), "gillette": ("WY",), "goodyear": ("AZ",), "buckeye": ("AZ",),
    "sebring": ("FL",), "mercedes": ("TX",), "el dorado": ("AR", "KS"), "nova": ("VA",),
    "napa": ("CA",),  # NAPA Auto Parts
    # --- better known abroad
    "ontario": ("CA", "OR"), "vancouver": ("WA",), "london": ("KY", "OH"), "paris": ("TX", "TN", "KY", "IL"),
    "moscow": ("ID",), "dublin": ("CA", "OH", "GA"), "manchester": ("NH", "CT", "TN", "VT"),
    "cambridge": ("MA", "MD", "OH"), "oxford": ("MS", "OH", "AL"), "athens": ("GA", "AL", "OH", "TN", "TX"),
    "waterloo": ("IA",), "kingston": ("NY", "TN", "PA", "MA"), "windsor": ("CO", "CT", "CA", "VT"),
    "hamilton": ("OH", "NJ", "MT"), "victoria": ("TX",), "melbourne": ("FL",), "naples": ("FL",),
    "florence": ("AL", "SC", "KY", "OR"), "rome": ("GA", "NY"), "berlin": ("NH", "CT"),
    "lebanon": ("TN", "PA", "OH", "NH", "MO", "IN", "OR"), "odessa": ("TX",), "lima": ("OH",),
    "belgrade": ("MT",), "glasgow": ("KY", "MT"), "geneva": ("NY", "IL", "OH"), "ottawa": ("IL", "KS"),
    "valparaiso": ("IN",), "warsaw": ("IN",), "holland": ("MI",), "trinidad": ("CO",),
    "palestine": ("TX",), "vienna": ("VA",), "venice": ("FL",), "wellington": ("FL",),
    "new brunswick": ("NJ",), "mystic": ("CT",), "la plata": ("MD",),
    # --- initials that are also other things (SF = square feet)
    "sf": ("CA",),
}

# Towns in RISKY_CITIES better known as places abroad: never a state without one named beside them.
CITIES_NAMED_ABROAD: frozenset[str] = frozenset({
    "ontario", "vancouver", "london", "paris", "moscow", "dublin", "manchester", "cambridge", "oxford",
    "athens", "waterloo", "kingston", "windsor", "hamilton", "victoria", "melbourne", "naples", "florence",
    "rome", "berlin", "lebanon", "odessa", "lima", "belgrade", "glasgow", "geneva", "ottawa", "valparaiso",
    "warsaw", "holland", "trinidad", "palestine", "vienna", "venice", "wellington", "new brunswick", "mystic",
    "la plata",
})

# Keys WITHOUT "county"/"parish": the parser requires that word after them ("harris county", "cook co").
# Only names one state dominates; the parser takes the first code.
COUNTIES: dict[str, tuple[str, ...]] = {
    # --- West
    "maricopa": ("AZ",), "pima": ("AZ",), "pinal": ("AZ",), "yavapai": ("AZ",), "mohave": ("AZ",),
    "coconino": ("AZ",), "cochise": ("AZ",), "navajo": ("AZ",),
    "kern": ("CA",), "sonoma": ("CA",), "marin": ("CA",), "contra costa": ("CA",), "placer": ("CA",),
    "el dorado": ("CA",), "mendocino": ("CA",), "shasta": ("CA",), "stanislaus": ("CA",),
    "san joaquin": ("CA",), "imperial": ("CA",), "humboldt": ("CA", "NV", "IA", "TN"),
    "butte": ("CA", "ID", "SD"), "orange": ("CA", "FL", "NY", "NC", "TX", "VA", "IN", "VT"),
    "arapahoe": ("CO",), "larimer": ("CO",), "weld": ("CO",), "boulder": ("CO",), "mesa": ("CO",),
    "la plata": ("CO",), "routt": ("CO",), "eagle": ("CO",), "summit": ("OH", "UT", "CO"),
    "el paso": ("TX", "CO"), "otero": ("NM", "CO"),
    "bernalillo": ("NM",), "dona ana": ("NM",), "sandoval": ("NM",), "eddy": ("NM",), "lea": ("NM",),
    "chaves": ("NM",),
    "clark": ("NV", "WA", "OH", "IN"), "washoe": ("NV",), "nye": ("NV",),
    "salt lake": ("UT",), "davis": ("UT", "IA"), "weber": ("UT",), "cache": ("UT",),
    "ada": ("ID",), "canyon": ("ID",), "kootenai": ("ID",), "bonner": ("ID",), "bannock": ("ID",),
    "bingham": ("ID",), "latah": ("ID",), "nez perce": ("ID",), "bonneville": ("ID",),
    "gallatin": ("MT", "KY", "IL"), "missoula": ("MT",), "yellowstone": ("MT",), "flathead": ("MT",),
    "lewis and clark": ("MT",),
    "laramie": ("WY",), "natrona": ("WY",), "sweetwater": ("WY",), "teton": ("WY", "ID", "MT"),
    "king": ("WA", "TX"), "pierce": ("WA", "WI", "GA", "NE", "ND"), "snohomish": ("WA",),
    "spokane": ("WA",), "whatcom": ("WA",), "skagit": ("WA",), "kitsap": ("WA",), "thurston": ("WA",),
    "chelan": ("WA",), "whitman": ("WA",), "benton": ("AR", "WA", "OR"),
    "multnomah": ("OR",), "clackamas": ("OR",), "deschutes": ("OR",), "lane": ("OR", "KS"),
    "josephine": ("OR",), "klamath": ("OR",), "umatilla": ("OR",), "yamhill": ("OR",),
    "linn": ("IA", "OR", "KS", "MO"), "coos": ("OR", "NH"),
    # --- Midwest and Plains
    "cook": ("IL", "MN", "GA"), "dupage": ("IL",), "du page": ("IL",), "winnebago": ("IL", "WI", "IA"),
    "dekalb": ("GA", "IL", "AL", "IN", "TN", "MO"), "de kalb": ("GA", "IL", "AL", "IN", "TN", "MO"),
    "cuyahoga": ("OH",), "lucas": ("OH", "IA"), "stark": ("OH",), "mahoning": ("OH",),
    "wayne": ("MI", "NC", "OH", "IN", "NY", "PA"), "oakland": ("MI",), "macomb": ("MI",),
    "kent": ("MI", "DE", "RI", "MD"), "washtenaw": ("MI",), "genesee": ("MI", "NY"), "ingham": ("MI",),
    "hennepin": ("MN",), "ramsey": ("MN", "ND"), "dakota": ("MN", "NE"), "anoka": ("MN",),
    "olmsted": ("MN",), "stearns": ("MN",), "st louis": ("MO", "MN"), "saint louis": ("MO", "MN"),
    "johnson": ("KS", "TX", "IN", "IA"), "sedgwick": ("KS", "CO"), "wyandotte": ("KS",),
    "sarpy": ("NE",), "cass": ("ND", "MO", "MN", "IN", "MI", "TX", "NE", "IA", "IL"),
    "burleigh": ("ND",), "minnehaha": ("SD",), "pennington": ("SD", "MN"), "story": ("IA",),
    "dane": ("WI",), "outagamie": ("WI",), "marathon": ("WI",),
    # --- South
    "harris": ("TX", "GA"), "dallas": ("TX", "IA", "AL", "MO", "AR"), "tarrant": ("TX",),
    "bexar": ("TX",), "travis": ("TX",), "collin": ("TX",), "denton": ("TX",), "fort bend": ("TX",),
    "hidalgo": ("TX", "NM"), "cameron": ("TX", "PA", "MO", "LA"), "williamson": ("TX", "TN", "IL"),
    "galveston": ("TX",), "brazoria": ("TX",), "hays": ("TX",), "comal": ("TX",), "nueces": ("TX",),
    "webb": ("TX",), "bell": ("TX", "KY"), "mclennan": ("TX",), "brazos": ("TX",), "ector": ("TX",),
    "potter": ("TX", "PA"), "randall": ("TX",),
    "miami dade": ("FL",), "dade": ("FL", "GA", "MO"), "broward": ("FL",), "palm beach": ("FL",),
    "hillsborough": ("FL", "NH"), "pinellas": ("FL",), "duval": ("FL", "TX"), "okaloosa": ("FL",),
    "escambia": ("FL", "AL"), "leon": ("FL", "TX"), "alachua": ("FL",), "manatee": ("FL",),
    "volusia": ("FL",), "brevard": ("FL",), "seminole": ("FL", "OK", "GA"), "osceola": ("FL", "MI", "IA"),
    "collier": ("FL",), "st lucie": ("FL",), "saint lucie": ("FL",),
    "lee": ("FL", "AL", "NC", "GA", "MS", "SC", "TX", "IA", "IL", "VA"),
    "fulton": ("GA", "NY", "OH", "PA", "IN"), "gwinnett": ("GA",), "cobb": ("GA",), "chatham": ("GA", "NC"),
    "forsyth": ("NC", "GA"),
    "mecklenburg": ("NC", "VA"), "wake": ("NC",), "guilford": ("NC",), "buncombe": ("NC",),
    "watauga": ("NC",), "horry": ("SC",), "berkeley": ("SC", "WV"),
    "shelby": ("TN", "AL", "KY", "OH", "IN"), "davidson": ("TN", "NC"),
    "knox": ("TN", "IL", "OH", "IN", "KY"), "rutherford": ("TN", "NC"), "sevier": ("TN", "UT", "AR"),
    "kenton": ("KY",),
    "orleans": ("LA", "NY", "VT"), "east baton rouge": ("LA",), "caddo": ("LA", "OK"),
    "st tammany": ("LA",), "saint tammany": ("LA",), "lafourche": ("LA",), "terrebonne": ("LA",),
    "calcasieu": ("LA",),
    "pulaski": ("AR", "KY", "MO", "VA", "IN", "IL", "GA"), "sebastian": ("AR",),
    "cleveland": ("OK", "NC", "AR"), "comanche": ("OK", "TX", "KS"),
    "hinds": ("MS",), "desoto": ("MS", "FL", "LA"),
    "mobile": ("AL",), "baldwin": ("AL", "GA"),
    # --- East
    "allegheny": ("PA",), "bucks": ("PA",), "lehigh": ("PA",), "berks": ("PA",), "luzerne": ("PA",),
    "lackawanna": ("PA",), "dauphin": ("PA",), "westmoreland": ("PA", "VA"),
    "chester": ("PA", "SC", "TN"), "lancaster": ("PA", "NE", "SC", "VA"),
    "york": ("PA", "SC", "ME", "VA", "NE"), "erie": ("NY", "PA", "OH"),
    "suffolk": ("NY", "MA"), "nassau": ("NY", "FL"), "westchester": ("NY",), "onondaga": ("NY",),
    "dutchess": ("NY",), "ulster": ("NY",), "rockland": ("NY",), "saratoga": ("NY",),
    "essex": ("NJ", "MA", "NY"), "bergen": ("NJ",), "middlesex": ("MA", "NJ", "CT", "VA"),
    "monmouth": ("NJ",), "ocean": ("NJ",), "hudson": ("NJ",), "passaic": ("NJ",),
    "morris": ("NJ", "TX", "KS"), "camden": ("NJ", "GA", "MO", "NC"), "burlington": ("NJ",),
    "mercer": ("NJ", "PA", "WV", "OH", "KY"),
    "fairfax": ("VA",), "loudoun": ("VA",), "prince william": ("VA",), "henrico": ("VA",),
    "chesterfield": ("VA", "SC"),
    "prince georges": ("MD",), "anne arundel": ("MD",),
    "kanawha": ("WV",), "monongalia": ("WV",), "raleigh": ("WV",),
    "new castle": ("DE",), "sussex": ("DE", "NJ", "VA"),
    "fairfield": ("CT", "OH", "SC"), "litchfield": ("CT",), "tolland": ("CT",), "windham": ("CT", "VT"),
    "barnstable": ("MA",), "berkshire": ("MA",), "hampden": ("MA",),
    "rockingham": ("NH", "NC", "VA"), "merrimack": ("NH",), "grafton": ("NH",), "strafford": ("NH",),
    "cheshire": ("NH",),
    "chittenden": ("VT",), "windsor": ("VT",), "addison": ("VT",), "caledonia": ("VT",),
    "penobscot": ("ME",), "aroostook": ("ME",), "androscoggin": ("ME",), "kennebec": ("ME",),
}

# Multi-state regions. Not states, but the parser should mask them before looking for foreign places:
# "new england" must not read as England.
US_REGIONS: dict[str, tuple[str, ...]] = {
    "new england": ("CT", "ME", "MA", "NH", "RI", "VT"),
    "pacific northwest": ("WA", "OR", "ID"), "pnw": ("WA", "OR", "ID"),
    "the carolinas": ("NC", "SC"), "carolinas": ("NC", "SC"),
    "the dakotas": ("ND", "SD"), "dakotas": ("ND", "SD"),
    "four corners": ("AZ", "CO", "NM", "UT"),
    "delmarva": ("DE", "MD", "VA"),
    "tri state area": ("NY", "NJ", "CT"),
    "mid atlantic": ("NY", "NJ", "PA", "DE", "MD", "DC", "VA", "WV"),
    "gulf coast": ("TX", "LA", "MS", "AL", "FL"),
    "desert southwest": ("AZ", "NM", "NV"),
    "deep south": ("AL", "GA", "LA", "MS", "SC"),
    "appalachia": ("WV", "KY", "TN", "VA", "NC", "PA", "OH"),
    "midwest": ("OH", "IN", "IL", "MI", "WI", "MN", "IA", "MO", "KS", "NE", "SD", "ND"),
    "the midwest": ("OH", "IN", "IL", "MI", "WI", "MN", "IA", "MO", "KS", "NE", "SD", "ND"),
    "great plains": ("NE", "KS", "ND", "SD", "OK", "TX", "MT", "WY", "CO"),
    "lower 48": tuple(code for code in STATE_NAMES if code not in ("AK", "HI", "DC")),
}

# Places outside the US that mark a question as out of scope. Japan is not here (see JAPAN_WORDS); nor are
# names that are also US places or everyday words ("georgia", "jersey", "turkey", "china", "chad",
# "jordan", "holland", "durango", "baja", "yukon", "greece").
NON_US_PLACES: frozenset[str] = frozenset({
    # --- Canada
    "canada", "ontario", "ont", "quebec", "quebec city", "british columbia", "alberta", "saskatchewan",
    "sask", "manitoba", "nova scotia", "newfoundland", "prince edward island", "pei",
    "northwest territories", "nwt", "nunavut", "toronto", "montreal", "calgary", "edmonton",
    "winnipeg", "saskatoon", "halifax", "kelowna", "kamloops", "whitehorse", "yellowknife",
    "mississauga", "brampton", "surrey bc",
    # --- Mexico
    "mexico", "mexico city", "cdmx", "tijuana", "mexicali", "juarez", "ciudad juarez", "guadalajara",
    "monterrey", "cancun", "aguascalientes", "baja california", "baja california sur", "campeche",
    "chiapas", "chihuahua", "coahuila", "colima", "guanajuato", "guerrero", "jalisco", "michoacan",
    "morelos", "nayarit", "nuevo leon", "oaxaca", "puebla", "queretaro", "quintana roo",
    "san luis potosi", "sinaloa", "sonora", "tamaulipas", "tlaxcala", "veracruz", "yucatan",
    "zacatecas",
    # --- Britain and Ireland
    "uk", "u k", "united kingdom", "great britain", "britain", "england", "scotland", "wales",
    "northern ireland", "ireland",
    # --- Europe
    "europe", "eu", "european union", "germany", "france", "spain", "portugal", "italy",
    "netherlands", "belgium", "luxembourg", "switzerland", "austria", "poland", "czech republic",
    "czechia", "slovakia", "hungary", "romania", "bulgaria", "croatia", "serbia", "slovenia",
    "bosnia", "montenegro", "albania", "north macedonia", "macedonia", "kosovo", "moldova", "ukraine",
    "belarus", "russia", "lithuania", "latvia", "estonia", "finland", "sweden", "norway", "denmark",
    "iceland", "malta", "cyprus", "andorra", "liechtenstein", "monaco", "scandinavia", "amsterdam",
    "madrid", "barcelona", "munich",
    # --- Oceania
    "australia", "new zealand", "nz", "new south wales", "queensland", "tasmania", "western australia",
    "sydney", "perth", "brisbane", "adelaide", "auckland", "christchurch", "fiji", "tonga",
    "papua new guinea", "australian roads", "australian road", "australian law", "australian rules", "aussie roads",
    # --- Americas
    "south america", "central america", "brazil", "argentina", "colombia", "venezuela", "ecuador",
    "bolivia", "paraguay", "uruguay", "peru", "guatemala", "honduras", "el salvador", "nicaragua",
    "costa rica", "panama", "belize", "dominican republic", "haiti", "jamaica", "bahamas",
    "trinidad and tobago", "barbados", "cuba", "bermuda", "greenland", "british virgin islands", "bvi",
    # --- Asia, Middle East, Africa
    "asia", "middle east", "africa", "philippines", "thailand", "vietnam", "indonesia", "malaysia",
    "singapore", "korea", "south korea", "north korea", "taiwan", "hong kong", "india", "pakistan",
    "bangladesh", "sri lanka", "nepal", "mongolia", "kazakhstan", "uzbekistan", "afghanistan", "iran",
    "iraq", "syria", "israel", "saudi arabia", "uae", "united arab emirates", "dubai", "qatar",
    "kuwait", "oman", "yemen", "egypt", "morocco", "algeria", "tunisia", "libya", "nigeria", "kenya",
    "ethiopia", "ghana", "tanzania", "uganda", "zimbabwe", "zambia", "mozambique", "angola", "namibia",
    "botswana", "senegal", "cameroon", "madagascar", "sudan", "somalia", "rwanda", "south africa",
    "myanmar", "burma", "cambodia", "laos", "brunei", "seoul", "manila", "bangkok", "beijing",
    "shanghai",
})

# Foreign-place abbreviations that are also chat words ("bc" = because, "ns" = nice shot, "mb" = my bad).
RISKY_NON_US_PLACES: frozenset[str] = frozenset({
    "bc", "ab", "mb", "ns", "nb", "qc", "sk", "nl", "gb", "au", "mx", "fr",
})

# Owners mention Japan constantly (auctions, export certificates, shipping): never a reason to refuse.
JAPAN_WORDS: frozenset[str] = frozenset({
    "japan", "japanese", "jdm", "nippon", "nihon", "jpn", "jp",
    "tokyo", "osaka", "yokohama", "nagoya", "kobe", "kyoto", "fukuoka", "sapporo", "sendai",
    "hiroshima", "kawasaki", "chiba", "saitama", "niigata", "shizuoka", "hamamatsu", "kitakyushu",
    "okinawa", "hokkaido", "honshu", "kyushu", "shikoku", "kanagawa", "aichi", "hyogo", "ibaraki",
    "tochigi", "gunma", "nagano", "fukushima", "miyagi", "aomori", "akita", "iwate", "yamagata",
    "toyama", "ishikawa", "kanazawa", "fukui", "gifu", "mie", "shiga", "nara", "wakayama", "okayama",
    "tottori", "shimane", "yamaguchi", "tokushima", "kagawa", "ehime", "kochi", "nagasaki",
    "kumamoto", "oita", "miyazaki", "kagoshima", "yamanashi",
})

# US territories: their own registration rules, outside what the bot covers (the 50 states and DC).
US_TERRITORIES: frozenset[str] = frozenset({
    "puerto rico", "bayamon", "mayaguez", "caguas", "ponce", "guaynabo", "arecibo", "vieques",
    "culebra",
    "guam", "hagatna", "tamuning",
    "usvi", "us virgin islands", "virgin islands", "charlotte amalie",
    "american samoa", "pago pago", "tutuila",
    "northern mariana islands", "northern marianas", "mariana islands", "cnmi", "saipan",
})
# fmt: on


# --- every city, town and county, from maintained packages ------------------------------------------------
# Cities and towns come from the ZIP database pyzipcode ships, counties from the census list addfips ships.
# The hand-written tables above stay as overrides where they know more: the order of a name several states
# share (by population, where ZIP counts mislead), nicknames ("kc", "philly"), and which names are words.
# A package name that is an everyday English word (data/place_names_like_words.txt, written by
# scripts/build_place_words.py) is trusted only with context, like the RISKY tables; any other one-word name
# nobody curated only after a place word (TOWNS).

PLACE_WORDS_FILE = _DATA / "place_names_like_words.txt"
# One-word town names from the package that are not English words but are not curated either ("Canadian"
# in "US or Canadian roads", a surname, a brand): trusted only after a place word ("in ruidoso").
TOWNS: dict[str, tuple[str, ...]] = {}
_COUNTY_SUFFIX = re.compile(
    r"\s+(county|parish|borough|census area|city and borough|municipality|city)$", re.I
)


# every character but a-z and 0-9 becomes a space, apostrophes vanish (str.translate: fast for 30,000 names)
_KEY_CHARACTERS = {c: " " for c in range(128) if not chr(c).isalnum()} | {ord("'"): None, ord("’"): None}


def place_key(name: str) -> str:
    """A place name as the parser's n-grams read it: "St. Louis" -> "st louis", "Coeur d'Alene" -> "coeur
    dalene", "Winston-Salem" -> "winston salem"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()  # "doña" -> "dona"
    return " ".join(ascii_name.casefold().translate(_KEY_CHARACTERS).split())


@functools.cache
def package_city_names() -> dict[str, tuple[str, ...]]:
    """City or town name -> the states (and DC) that have one, the one with the most ZIP codes first (a
    stand-in for size); names longer than the parser's three words are left out."""
    with resources.as_file(resources.files("pyzipcode") / "zipcodes.db") as path:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT city, state FROM ZipCodes").fetchall()
        finally:
            connection.close()
    zip_codes: dict[str, dict[str, int]] = {}  # as spelled in the database (fewer names to normalise)
    for city, state in rows:
        by_state = zip_codes.setdefault(city or "", {})
        by_state[state] = by_state.get(state, 0) + 1
    counts: dict[str, dict[str, int]] = {}  # by the parser's form: "St. Louis" and "St Louis" are one name
    for city, by_state in zip_codes.items():
        key = place_key(city)
        if key and key.count(" ") <= 2:
            merged = counts.setdefault(key, {})
            for state, n in by_state.items():
                if state in STATE_NAMES:
                    merged[state] = merged.get(state, 0) + n
    return {
        key: tuple(sorted(merged, key=lambda s: (-merged[s], s))) for key, merged in counts.items() if merged
    }


@functools.cache
def package_county_names() -> dict[str, tuple[str, ...]]:
    """County (parish, borough) name without its suffix -> its state, for names only one state uses: a
    "Washington County" could be in 30 states, so shared names need the hand-written table or a state."""
    data = resources.files("addfips") / "data"
    with (data / "states.csv").open(encoding="utf-8") as handle:
        postal = {row["fips"]: row["postal"] for row in csv.DictReader(handle)}
    states: dict[str, set[str]] = {}
    with (data / "counties_2020.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = postal.get(row["statefp"])
            key = place_key(_COUNTY_SUFFIX.sub("", row["name"]))
            if code in STATE_NAMES and key and len(key.split()) <= 3:
                states.setdefault(key, set()).add(code)
    return {key: (next(iter(codes)),) for key, codes in states.items() if len(codes) == 1}


def _kept_package_places() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """``package_city_names`` and ``package_county_names``, kept on disk between runs (reading the packages'
    40,000 rows takes about 0.2 s of every start; the kept copy's name changes with their versions)."""
    try:
        key = diskcache.code_fingerprint().hex()
    except OSError:  # a file of bot/core unreadable: nothing is kept, the packages are read
        return package_city_names(), package_county_names()
    kept = diskcache.stored("places", key)
    if isinstance(kept, tuple) and len(kept) == 2:
        return kept
    tables = (package_city_names(), package_county_names())
    diskcache.store("places", key, tables)
    return tables


def _add_package_places() -> None:
    word_like = frozenset(
        line for line in PLACE_WORDS_FILE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
    )
    not_cities = (
        STATE_ALIASES.keys() | STATE_DEMONYMS.keys() | RISKY_STATE_ALIASES.keys() | US_REGIONS.keys()
        | US_TERRITORIES | NON_US_PLACES | RISKY_NON_US_PLACES | JAPAN_WORDS
    )  # fmt: skip
    cities, counties = _kept_package_places()
    for name, codes in cities.items():
        if name in CITIES or name in RISKY_CITIES or name in not_cities:
            continue
        if name in word_like:
            RISKY_CITIES[name] = codes
        elif " " in name:
            CITIES[name] = codes
        else:  # one word nobody curated ("Canadian", OK): a place only after "in", "near", "from"...
            TOWNS[name] = codes
    for name, codes in counties.items():
        if name not in COUNTIES and name not in word_like and name not in not_cities:
            COUNTIES[name] = codes  # ("Indiana County" is in PA, but "indiana" is read as the state first)


try:
    _add_package_places()
except (
    Exception
):  # a package that changed its data: answer with the hand-written tables rather than not start
    logging.getLogger(__name__).warning(
        "US town and county tables not loaded from the packages", exc_info=True
    )


@functools.cache
def _zip_database() -> Any:
    """pyzipcode's bundled ZIP database (SQLite, offline), opened on the first ZIP code a question gives."""
    from pyzipcode import ZipCodeDatabase  # lazy: most questions give no ZIP code

    return ZipCodeDatabase()


@functools.lru_cache(maxsize=1024)
def zip_state(zip_code: str) -> str | None:
    """The state or DC of a five-digit US ZIP code ("97214" -> "OR"); None for a number that is no ZIP
    code in use, or one of a territory or a military post office (their codes are not states)."""
    if len(zip_code) != 5 or not zip_code.isdigit():
        return None
    try:
        record = _zip_database()[zip_code]
    except (IndexError, KeyError):
        return None
    except Exception:  # the package or its file missing: no ZIP codes, not a crash
        return None
    state = getattr(record, "state", None)
    return state if state in STATE_NAMES else None
