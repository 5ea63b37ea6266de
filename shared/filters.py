"""The filters that select awards, in one place so that listings, exports and webhook subscriptions
select the same awards."""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, field_validator
from sqlalchemy import Date, Float, Integer, Numeric, Select, String, bindparam, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from shared.models import AWARD_TEXT, ENGLISH, MENTION_TEXT, Award, Mention

MAX_ID = 2**31 - 1   # ids are PostgreSQL integers
TEXT = r"^[^\x00]*$"   # what PostgreSQL text can hold: anything but NUL


def _iso_date(value: object) -> object:
    """A date as the schema says it (YYYY-MM-DD), not what else pydantic would read as one (the
    number 0 as 1970-01-01)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


def not_bool(value: object) -> object:
    """A number as the schema says it: JSON's true and false are not 1 and 0 (a field validator
    in "before" mode, which keeps the field's bounds in its schema)."""
    if isinstance(value, bool):
        raise ValueError("a number, not true or false")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def escape_like(value: str) -> str:
    """A value matched literally inside a LIKE pattern."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class AwardFilters(BaseModel):
    """The query parameters that select awards (a FastAPI query-parameter model: parsed and
    validated without a worker thread)."""

    recipient: str | None = Field(None, pattern=TEXT, max_length=200, examples=["Riverside"],
                                  description="name (substring) or org-id")
    funder: str | None = Field(None, pattern=TEXT, max_length=200, examples=["Coastal Communities Fund"])
    programme: str | None = Field(None, pattern=TEXT, max_length=200, examples=["Harbour Renewal"])
    announcement_id: int | None = Field(None, ge=1, le=MAX_ID, examples=[7])
    currency: str | None = Field(None, pattern=TEXT, min_length=3, max_length=3, examples=["GBP"])
    min_amount: float | None = Field(None, ge=0, le=1e15, examples=[100000])
    max_amount: float | None = Field(None, ge=0, le=1e15, examples=[5000000])
    min_confidence: float | None = Field(None, ge=0, le=1, examples=[0.9],
                                         description="only records at least this likely to be right")
    date_from: IsoDate | None = Field(None, examples=["2026-01-01"], description="awarded on or after")
    date_to: IsoDate | None = Field(None, examples=["2026-12-31"], description="awarded on or before")
    location: str | None = Field(None, pattern=TEXT, max_length=200, examples=["Whitby"],
                                 description="a place the funded work covers")
    q: str | None = Field(None, pattern=TEXT, max_length=200, examples=["youth mentoring"],
                          description="words to find in the recipient, project or the quotes behind an award "
                                      "(full-text search)")

    _numbers = field_validator("announcement_id", "min_amount", "max_amount", "min_confidence", mode="before")(not_bool)

    def values(self) -> dict[str, Any]:
        """The value bound for each filter given, by the name of its bound parameter (patterns
        escaped, currency upper-cased): what a statement from clauses() is executed with."""
        given = {k: v for k, v in self.model_dump().items() if v is not None and v != ""}
        for name in ("recipient", "funder", "programme", "location"):
            if given.get(name):
                given[name + "_pattern"] = f"%{escape_like(given[name])}%"
        if given.get("currency"):
            given["currency"] = given["currency"].upper()
        return given

    @staticmethod
    def clauses(names: Collection[str]) -> list[ColumnElement[bool]]:
        """The conditions for the filters named, each value a named bound parameter, so a statement
        built from them has one SQL text per set of filters given, whatever their values."""
        out: list[ColumnElement[bool]] = []
        if "recipient" in names:
            out.append(or_(Award.recipient.ilike(bindparam("recipient_pattern", type_=String)),
                           Award.recipient_org_id == bindparam("recipient", type_=String)))
        if "funder" in names:
            out.append(Award.funder.ilike(bindparam("funder_pattern", type_=String)))
        if "programme" in names:
            out.append(Award.programme.ilike(bindparam("programme_pattern", type_=String)))
        if "announcement_id" in names:
            out.append(Award.announcement_id == bindparam("announcement_id", type_=Integer))
        if "currency" in names:
            out.append(Award.currency == bindparam("currency", type_=String))
        if "min_amount" in names:
            out.append(Award.amount >= bindparam("min_amount", type_=Numeric))
        if "max_amount" in names:
            out.append(Award.amount <= bindparam("max_amount", type_=Numeric))
        if "min_confidence" in names:
            out.append(Award.confidence >= bindparam("min_confidence", type_=Float))
        if "date_from" in names:
            out.append(Award.awarded_on >= bindparam("date_from", type_=Date))
        if "date_to" in names:
            out.append(Award.awarded_on <= bindparam("date_to", type_=Date))
        if "location" in names:
            places = func.jsonb_array_elements_text(Award.locations).table_valued("value")
            out.append(exists(select(1).select_from(places)
                              .where(places.c.value.ilike(bindparam("location_pattern", type_=String)))))
        if "q" in names:
            words = func.websearch_to_tsquery(ENGLISH, bindparam("q", type_=String))
            out.append(or_(AWARD_TEXT.op("@@")(words),
                           exists().where(Mention.award_id == Award.id, MENTION_TEXT.op("@@")(words))))
        return out

    def apply(self, q: Select) -> Select:
        """The statement narrowed to the awards these filters select, with the values bound."""
        values = self.values()
        if not values:
            return q
        return q.where(*self.clauses(values)).params(values)
