"""Domain types shared by the services: what an extractor reads from one document."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class TextDocument:
    """A page reduced to its main text, with the metadata the extractors use."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    sitename: str | None = None
    # the moment of publication, when the page states its time of day and zone (`published` alone otherwise)
    published_at: dt.datetime | None = None


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str
    approximate: bool = False
    qualifier: str | None = None  # "nearly", "up to", "more than", ...
    start: int = 0
    end: int = 0


@dataclass
class AwardStatement:
    """One award as one passage of one document states it; start/end index the document's text."""

    recipient: str
    quote: str
    start: int
    end: int
    amount: Decimal | None = None
    currency: str | None = None
    approximate: bool = False
    recipient_org_id: str | None = None
    funder: str | None = None
    programme: str | None = None
    project: str | None = None
    partners: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    awarded_on: dt.date | None = None
    rule: str = ""
    named_by_place: bool = False  # a council the page names only by its place ("Rutland")
    confidence: float | None = None  # how likely the statement is right, in [0, 1] (None: not estimated)

    def as_json(self) -> dict[str, Any]:
        out = _fields(self)
        out["amount"] = _number(self.amount)
        out["awarded_on"] = self.awarded_on.isoformat() if self.awarded_on else None
        return out


@dataclass
class AnnouncementFacts:
    funder: str | None = None
    programme: str | None = None
    total_amount: Decimal | None = None
    currency: str | None = None
    approximate: bool = False
    projects: int | None = None
    announced_on: dt.date | None = None
    programme_terms: list[str] = field(default_factory=list)  # content words of the programme's names

    def as_json(self) -> dict[str, Any]:
        out = _fields(self)
        out["total_amount"] = _number(self.total_amount)
        out["announced_on"] = self.announced_on.isoformat() if self.announced_on else None
        return out


@dataclass
class Extraction:
    document: TextDocument
    announcement: AnnouncementFacts
    awards: list[AwardStatement]
    extractor_version: str


def _fields(obj: Any) -> dict[str, Any]:
    """A flat dataclass's fields as a dict, lists copied: what dataclasses.asdict gives for these
    types (strings, numbers, dates, lists of strings) without its deep copy of every value."""
    return {name: list(value) if isinstance(value, list) else value
            for name in obj.__dataclass_fields__ for value in (getattr(obj, name),)}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def jsonable(value: Any) -> Any:
    """A value as JSON has it: whole decimals as integers, dates as ISO strings."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
