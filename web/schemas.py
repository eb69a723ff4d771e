"""Request and response bodies of the JSON API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SURROGATE = (
    "holds a lone surrogate (a code point between U+D800 and U+DFFF), which is not text; "
    "send valid UTF-8"
)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)


class TextIn(BaseModel):
    """A request body whose every text field must be valid Unicode.

    JSON may escape a lone surrogate (``"\\ud800"``); Python keeps it in the ``str``, and it
    breaks later at the first encoding (a log line, a hash, the response). It is refused
    here, as a 422 naming the field.
    """

    @field_validator("*", mode="after")
    @classmethod
    def _valid_unicode(cls, value: object) -> object:
        for text in _strings(value):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(SURROGATE) from None
        return value


class FiltersIn(TextIn):
    """Hard constraints; every field is optional."""

    model_config = ConfigDict(extra="forbid")

    city: str | None = Field(None, max_length=100, examples=["Mons"])
    max_hours: float | None = Field(None, gt=0, examples=[50])
    level: Literal["initiation", "intermediaire", "avance", "certification"] | None = None
    format: Literal["presentiel", "distanciel", "hybride"] | None = None
    certification: bool | str | None = Field(
        None, description="true: certifying modules only; a string: that certificate (e.g. CCNA)"
    )
    provider: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = Field(
        None,
        description="Part of the provider's name, case and accents ignored (forem: Le Forem).",
        examples=["forem"],
    )
    starts_from: date | None = Field(
        None,
        description="A day (YYYY-MM-DD): modules starting on or after it, and modules whose "
        "dates are not published (they are not known to be over).",
        examples=["2027-01-15"],
    )

    @field_validator("starts_from", mode="before")
    @classmethod
    def _a_day(cls, value: object) -> object:
        # Only a day as JSON writes it: pydantic alone would take a number as a timestamp.
        if (
            value is None
            or isinstance(value, date)
            or (isinstance(value, str) and _DAY.fullmatch(value))
        ):
            return value
        raise ValueError("give a day as YYYY-MM-DD, for example 2027-01-15")


class ProfileIn(TextIn):
    """Profile fields set directly (a counsellor, a partner's form). They override what is read
    from the text; every field is optional."""

    model_config = ConfigDict(extra="forbid")

    place: str | None = Field(
        None, max_length=100, description="Town or postal code.", examples=["Gosselies"]
    )
    radius_km: float | None = Field(None, gt=0, le=300)
    max_hours: float | None = Field(None, gt=0)
    formats: list[Literal["presentiel", "distanciel", "hybride"]] | None = None
    format_required: bool | None = None
    digital_level: Literal["none", "basic", "comfortable", "professional"] | None = None
    domain_level: Literal["none", "basic", "comfortable", "professional"] | None = None
    statuses: (
        list[Literal["jobseeker", "worker", "young", "over_45", "woman", "student", "newcomer"]]
        | None
    ) = None
    certification: Literal["certifiante", "qualifiante"] | bool | None = None
    goals: list[str] | None = Field(None, max_length=5)


class SearchIn(TextIn):
    """A search: the person's own words, optional filters, and how many results."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "J'ai travaillé 15 ans comme magasinier, je ne connais presque rien à "
                    "l'ordinateur, j'aimerais travailler dans l'informatique",
                    "filters": {"max_hours": 80},
                    "k": 5,
                }
            ]
        },
    )

    text: str = Field(..., description="Free text: a profile or what is sought (French, NL, EN).")
    filters: FiltersIn = Field(default_factory=FiltersIn)
    profile: ProfileIn | None = Field(None, description="Profile fields set directly.")
    k: int | None = Field(
        None,
        ge=1,
        le=1000,
        description="How many modules to return (default 10); more than BOUSSOLE_MAX_K (100 "
        "unless configured) is refused with 422.",
    )


class ScoreParts(BaseModel):
    lexical_rank: int | None
    lexical_score: float | None
    semantic_rank: int | None
    semantic_score: float | None


class ModuleOut(BaseModel):
    """A training module as in the catalog format."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    description: str | None = None
    provider: str | None = None
    city: str | None = None
    postal_code: str | None = None
    region: str | None = None
    duration_hours: float | None = None
    level: str | None = None
    format: str | None = None
    certification: str | None = None
    prerequisites: str | None = None
    audience: str | None = None
    cost: str | None = None
    language: str | None = None
    url: str | None = None
    start_dates: list[str] = []
    tags: list[str] = []


class ReasonOut(BaseModel):
    need: str = Field(description="The need this module answers, in the person's words.")
    evidence: str = Field(description="A phrase quoted from the module's own description.")


class CheckOut(BaseModel):
    name: str
    ok: bool | None = Field(description="true fits, false does not, null: nothing to compare")
    value: Any


class HitOut(BaseModel):
    rank: int
    score: float
    distance_km: float | None = None
    scores: ScoreParts
    reasons: list[ReasonOut] = []
    checks: list[CheckOut] = []
    module: ModuleOut


class NearMissOut(BaseModel):
    module_id: str
    title: str
    why_not: list[str]
    distance_km: float | None = None


class RelaxationOut(BaseModel):
    kind: str
    from_km: float | None = None
    to_km: float | None = None


class PathwayOut(BaseModel):
    goal: str
    total_hours: float | None
    steps: list[HitOut]
    weeks: float | None = Field(None, description="Estimated duration at the person's pace.")
    notes: list[str] = Field(
        default_factory=list,
        description='"long_first_step": nothing shorter exists to start with.',
    )


class PathwayIn(TextIn):
    """A profile to lead somewhere: free text, profile fields, or both."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Je n'ai jamais utilisé d'ordinateur et je voudrais devenir "
                    "développeur web",
                    "profile": {"place": "Charleroi"},
                }
            ]
        },
    )

    text: str = Field(..., description="Free text: who the person is and what they want.")
    profile: ProfileIn | None = None


class PathwayResultOut(BaseModel):
    profile: dict[str, Any] = Field(description="What was understood of the text.")
    pathway: PathwayOut | None
    matches: list[HitOut]
    relaxations: list[RelaxationOut] = []


class SearchOut(BaseModel):
    results: list[HitOut]
    count: int
    allowed: int = Field(description="How many modules passed the hard constraints.")
    profile: dict[str, Any] = Field(description="What was understood of the text.")
    filters: dict[str, Any]
    relaxations: list[RelaxationOut] = []
    near_misses: list[NearMissOut] = []
    pathway: PathwayOut | None = None
    index: str = Field(description="The index generation that answered.")


class Health(BaseModel):
    status: Literal["ok"]
    generation: str
    encoder: str
    modules: int


class Unhealthy(BaseModel):
    status: Literal["unavailable"] = "unavailable"
    reasons: list[str] = Field(description="What is unusable: the database, the index, or both.")
