"""The shape of a knowledge-base entry, validated with pydantic.

Every YAML file under ``knowledge/`` is a list of entries. Unknown fields are errors (a typo in a field
name must not silently drop a fact), and every entry must cite at least one http(s) source and carry the
date it was last checked against them.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.core.text import CHASSIS_CODE_SHAPE

ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
CHASSIS_CODE = re.compile(rf"^{CHASSIS_CODE_SHAPE}$")  # written in capitals in entries (checked below)
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# How far ahead review_by may be set: legal facts go stale fast, specs and tips slowly.
LEGAL_REVIEW_DAYS = 186
OTHER_REVIEW_DAYS = 731


class Kind(StrEnum):
    STATE_RULE = "state_rule"  # one per state + DC
    LEGAL_TOPIC = "legal_topic"  # legality questions not about one state (grandfathering, road trips)
    FEDERAL_RULE = "federal_rule"
    MODEL_SPEC = "model_spec"
    MAINTENANCE = "maintenance"
    PARTS = "parts"
    BUYING = "buying"

    @property
    def intent(self) -> str:
        return KIND_INTENT[self]

    @property
    def is_legal(self) -> bool:
        return self in (Kind.STATE_RULE, Kind.LEGAL_TOPIC, Kind.FEDERAL_RULE)


KIND_INTENT = {
    Kind.STATE_RULE: "state_legality",
    Kind.LEGAL_TOPIC: "state_legality",
    Kind.FEDERAL_RULE: "federal_import",
    Kind.MODEL_SPEC: "model_spec",
    Kind.MAINTENANCE: "maintenance",
    Kind.PARTS: "parts",
    Kind.BUYING: "buying",
}


class Status(StrEnum):
    UNRESTRICTED_ROAD = "unrestricted_road"
    RESTRICTED_ROAD = "restricted_road"
    OFF_ROAD_ONLY = "off_road_only"
    NOT_REGISTRABLE = "not_registrable"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.UNRESTRICTED_ROAD: "Road use allowed (no kei-specific restrictions found)",
    Status.RESTRICTED_ROAD: "Road use allowed with restrictions",
    Status.OFF_ROAD_ONLY: "Off-road use only",
    Status.NOT_REGISTRABLE: "Not registrable for road use",
    Status.UNCLEAR: "Unclear: sources disagree or no official source found",
}

CANONICAL_MODELS = (
    "Honda Acty",
    "Suzuki Carry",
    "Subaru Sambar",
    "Daihatsu Hijet",
    "Mitsubishi Minicab",
    "Mazda Scrum",
    "Nissan Clipper",
)

STATE_CODES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
    ]
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1)]


class Source(Strict):
    title: NonEmpty
    url: NonEmpty

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if not re.match(r"^https?://[^\s/$.?#][^\s]*$", url):
            raise ValueError(f"source url must be an http(s) URL, got {url!r}")
        return url


class Conditions(Strict):
    """What a state attaches to road use. Every field is plain words; absent means 'not recorded'."""

    roads: str | None = None
    speed: str | None = None
    interstates: str | None = None
    equipment: str | None = None
    registration: str | None = None
    title: str | None = None
    inspection: str | None = None
    emissions: str | None = None
    insurance: str | None = None
    local_option: str | None = None
    farm_use: str | None = None
    other: str | None = None


class Law(Strict):
    name: NonEmpty  # statute, bill, bulletin
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    note: str | None = None
    url: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _partial_date(cls, value: object) -> object:
        return _check_partial_date(value)


class Change(Strict):
    date: str
    what: NonEmpty
    pending: bool = False  # a bill or proposal not (yet) in force

    @field_validator("date", mode="before")
    @classmethod
    def _partial_date(cls, value: object) -> object:
        return _check_partial_date(value)


class Dmv(Strict):
    name: NonEmpty
    url: NonEmpty
    ask_for: str | None = None  # the words to use when calling


class Family(Strict):
    """On a model's overview entry: how owners name the model."""

    names: list[NonEmpty] = Field(min_length=1)
    maker: NonEmpty
    twin_of: str | None = None  # canonical model it is a rebadge of


class Entry(Strict):
    id: str
    kind: Kind
    title: NonEmpty
    summary: str | None = None  # one or two plain sentences, shown first
    body: NonEmpty  # Markdown
    aliases: list[NonEmpty] = Field(default_factory=list)  # short key phrases: "timing belt", "cam belt"
    phrasings: list[NonEmpty] = Field(default_factory=list)  # example questions
    sources: list[Source] = Field(min_length=1)
    last_verified: dt.date
    review_by: dt.date
    # Vehicle facets (any kind but state_rule)
    model: str | None = None
    chassis_codes: list[str] = Field(default_factory=list)
    years: tuple[int, int] | None = None  # first and last build year covered
    # the months of those years the first and last trucks were built, where a source gives them ("May 2002"):
    # when a generation's first trucks reach 25 years
    first_month: int | None = Field(default=None, ge=1, le=12)
    last_month: int | None = Field(default=None, ge=1, le=12)
    family: Family | None = None
    # State facets (state_rule only)
    state: str | None = None
    status: Status | None = None
    conditions: Conditions | None = None
    laws: list[Law] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    dmv: Dmv | None = None
    agreement: str | None = None  # do the sources agree? name the conflict

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not ENTRY_ID.match(value):
            raise ValueError("id must be lower-case letters, digits and hyphens (2-80 characters)")
        return value

    @field_validator("model")
    @classmethod
    def _known_model(cls, value: str | None) -> str | None:
        if value is not None and value not in CANONICAL_MODELS:
            raise ValueError(f"model must be one of {', '.join(CANONICAL_MODELS)}")
        return value

    @field_validator("chassis_codes")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not CHASSIS_CODE.match(code) or code != code.upper():
                raise ValueError(f"chassis code {code!r} should look like HA4, DA63T or S110P")
        return codes

    @field_validator("years")
    @classmethod
    def _year_range(cls, years: tuple[int, int] | None) -> tuple[int, int] | None:
        if years is not None and not (1950 <= years[0] <= years[1] <= 2100):
            raise ValueError("years must be [first, last] with 1950 <= first <= last")
        return years

    @model_validator(mode="after")
    def _kind_rules(self) -> Entry:
        if (self.first_month or self.last_month) and self.years is None:
            raise ValueError("first_month and last_month need years")
        if (
            self.years
            and self.years[0] == self.years[1]
            and (self.first_month or 1) > (self.last_month or 12)
        ):
            raise ValueError("first_month is after last_month in the same year")
        if self.review_by < self.last_verified:
            raise ValueError("review_by is before last_verified")
        limit = LEGAL_REVIEW_DAYS if self.kind.is_legal else OTHER_REVIEW_DAYS
        if (self.review_by - self.last_verified).days > limit:
            raise ValueError(
                f"review_by is more than {limit} days after last_verified "
                f"({'6 months for legal entries' if self.kind.is_legal else '24 months for specs and tips'})"
            )
        if self.kind is Kind.STATE_RULE:
            missing = [name for name in ("state", "status", "summary", "dmv") if getattr(self, name) is None]
            if missing:
                raise ValueError(f"a state_rule needs {', '.join(missing)}")
            if self.state not in STATE_CODES:
                raise ValueError(f"state must be a USPS code of the 50 states or DC, got {self.state!r}")
        else:
            stray = [
                name
                for name in ("state", "status", "conditions", "dmv")
                if getattr(self, name) not in (None, [])
            ]
            if stray:
                raise ValueError(f"only a state_rule may have {', '.join(stray)}")
        if self.family is not None and self.model is None:
            raise ValueError("an entry with family must name its model")
        if self.family is not None and self.family.twin_of not in (None, *CANONICAL_MODELS):
            raise ValueError("family.twin_of must be a canonical model")
        return self


def _check_partial_date(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and not PARTIAL_DATE.match(value):
        raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    return value
