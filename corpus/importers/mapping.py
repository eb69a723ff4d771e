"""The mapping file (TOML) that says how a CSV or JSON export becomes catalog records.

Checked with pydantic when it is loaded: an unknown key, a rule with no source, a bad
unit or delimiter is a :class:`~corpus.errors.CatalogError` naming the mapping key
(``fields.duration_hours.unit``). The format is described in ``corpus/importers/README.md``.
"""

from __future__ import annotations

import codecs
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from corpus.errors import CatalogError
from corpus.text import fold

Unit = Literal["hours", "days", "weeks", "months"]
Scalar = str | int | float | bool


class FieldRule(BaseModel):
    """How one catalog field is made from a record: one of ``from``, ``join``, ``const``,
    then the transforms in this order: default, split, values, date_format, unit, prefix."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str | None = Field(default=None, alias="from", min_length=1)
    join: list[str] | None = Field(default=None, min_length=1)
    const: Scalar | list[str] | None = None
    separator: str = " "
    default: Scalar | None = None
    split: str | None = Field(default=None, min_length=1)
    values: dict[str, str] | None = None
    date_format: str | None = None
    unit: Unit | None = None
    prefix: str | None = None

    _folded: dict[str, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._folded = {fold(k).strip(): v for k, v in (self.values or {}).items()}

    @property
    def folded_values(self) -> dict[str, str]:
        """``values`` with its keys folded (case and accents), as records are matched."""
        return self._folded

    @model_validator(mode="after")
    def _one_source(self) -> FieldRule:
        given = [n for n, v in (("from", self.from_), ("join", self.join)) if v is not None]
        if self.const is not None:
            given.append("const")
        if len(given) != 1:
            raise ValueError(
                "give exactly one of 'from' (a source field), 'join' (several source "
                f"fields) or 'const' (a fixed value); found {given or 'none'}"
            )
        return self

    @field_validator("date_format")
    @classmethod
    def _strptime_format(cls, value: str | None) -> str | None:
        if value is not None and value != "iso" and "%" not in value:
            raise ValueError(f'{value!r} is not a strptime format: e.g. "%d/%m/%Y", or "iso"')
        return value


class SourceRule(BaseModel):
    """Where the records are and how the file is written."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["csv", "json", "jsonl"] | None = None
    records: str = ""
    delimiter: str = Field(default=",", min_length=1, max_length=1)
    encoding: str = "utf-8-sig"

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f'unknown encoding {value!r}; e.g. "utf-8" or "cp1252"') from None
        return value


class Units(BaseModel):
    """Hours in one day, week and month of training (Belgian 38-hour week by default)."""

    model_config = ConfigDict(extra="forbid")

    hours: float = Field(default=1.0, gt=0)
    days: float = Field(default=7.6, gt=0)
    weeks: float = Field(default=38.0, gt=0)
    months: float = Field(default=152.0, gt=0)


class Mapping(BaseModel):
    """A whole mapping file."""

    model_config = ConfigDict(extra="forbid")

    source: SourceRule = SourceRule()
    units: Units = Units()
    fields: dict[str, FieldRule]

    @field_validator("fields")
    @classmethod
    def _id_and_title(cls, value: dict[str, FieldRule]) -> dict[str, FieldRule]:
        missing = [name for name in ("id", "title") if name not in value]
        if missing:
            raise ValueError(f"map {' and '.join(missing)}: every module needs an id and a title")
        return value


def source_fields(mapping: Mapping) -> dict[str, str]:
    """Each source field the mapping reads -> the mapping key that reads it."""
    out: dict[str, str] = {}
    for name, rule in mapping.fields.items():
        if rule.from_ is not None:
            out.setdefault(rule.from_, f"fields.{name}.from")
        for path in rule.join or ():
            out.setdefault(path, f"fields.{name}.join")
    return out


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file.

    Raises:
        CatalogError: unreadable, not TOML, or not a valid mapping (names the key).
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(path, f"cannot read the mapping ({exc.strerror})") from exc
    except UnicodeDecodeError:
        raise CatalogError(path, "the mapping is not UTF-8; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(path, f"not valid TOML ({exc})") from exc
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"key '{'.'.join(str(p) for p in err['loc']) or '(top)'}': {_message(err['msg'])}"
            for err in exc.errors()
        )
        raise CatalogError(path, f"invalid mapping: {problems}") from None


def _message(msg: str) -> str:
    return msg.removeprefix("Value error, ")
