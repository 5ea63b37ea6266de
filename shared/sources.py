"""Source specs: what a watched source is, read from the operator's YAML file or from `POST /sources`,
and its upsert (by name). The fetcher leases and polls them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, HttpUrl, field_validator
from sqlalchemy.dialects.postgresql import insert

from shared.db import session_scope
from shared.models import SOURCE_KINDS, Source


class SourceSpec(BaseModel):
    """A source as the operator or the API describes it."""

    name: str = Field(min_length=1, max_length=200)
    kind: str = "page"
    url: HttpUrl
    interval_seconds: int = Field(default=3600, ge=10)
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    start_date: dt.date | None = None
    max_pages: int = Field(default=5, ge=1, le=100)
    enabled: bool = True

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in SOURCE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(SOURCE_KINDS)}")
        return v


def load_file(path: Path) -> list[SourceSpec]:
    """The sources in a YAML file (`sources:` list); none if the file is absent."""
    if not path.exists():
        return []
    data: Any = yaml.safe_load(path.read_text()) or {}
    return [SourceSpec(**item) for item in data.get("sources", [])]


def upsert(spec: SourceSpec, *, trusted: bool) -> int:
    """Add a source or update the one of that name; returns its id. Its poll state is kept."""
    values = dict(name=spec.name, kind=spec.kind, url=str(spec.url), interval_seconds=spec.interval_seconds,
                  include_patterns=spec.include, exclude_patterns=spec.exclude, start_date=spec.start_date,
                  max_pages=spec.max_pages, enabled=spec.enabled, trusted=trusted,
                  consecutive_failures=0, pages_seen=0)
    stmt = insert(Source).values(**values)
    stmt = stmt.on_conflict_do_update(index_elements=[Source.name], set_={
        k: stmt.excluded[k] for k in ("kind", "url", "interval_seconds", "include_patterns", "exclude_patterns",
                                      "start_date", "max_pages", "enabled", "trusted")})
    with session_scope() as s:
        return s.execute(stmt.returning(Source.id)).scalar_one()


def sync_file(path: Path) -> int:
    """The operator's file: its sources are trusted (they may point at private addresses)."""
    specs = load_file(path)
    for spec in specs:
        upsert(spec, trusted=True)
    return len(specs)
