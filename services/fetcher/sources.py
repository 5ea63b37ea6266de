"""Sources: loaded from the operator's YAML file, leased for polling, their state recorded."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, HttpUrl, field_validator
from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert

from shared.db import session_scope
from shared.models import SOURCE_KINDS, Source


class SourceSpec(BaseModel):
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
    if not path.exists():
        return []
    data: Any = yaml.safe_load(path.read_text()) or {}
    return [SourceSpec(**item) for item in data.get("sources", [])]


def upsert(spec: SourceSpec, *, trusted: bool) -> int:
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


def lease_due(owner: str, limit: int, lease_seconds: int) -> list[Source]:
    """Take up to `limit` due sources; a source leased by another fetcher is skipped, not waited for."""
    with session_scope() as s:
        rows = s.execute(text(
            "UPDATE sources SET lease_until = now() + make_interval(secs => :lease), lease_owner = :owner,"
            " last_attempt_at = now() WHERE id IN (SELECT id FROM sources WHERE enabled"
            " AND next_due_at <= now() AND (lease_until IS NULL OR lease_until < now())"
            " ORDER BY next_due_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING id"),
            {"lease": lease_seconds, "owner": owner, "limit": limit}).scalars().all()
        sources = list(s.scalars(select(Source).where(Source.id.in_(rows))))
        for src in sources:
            s.expunge(src)
        return sources


def record_success(source_id: int, owner: str, pages: int, etag: str | None, last_modified: str | None,
                   note: str | None = None, backlog: bool = False) -> None:
    """A poll that worked. `note`: pages that failed while the source itself answered; `backlog`:
    pages left for the next poll, which then comes at once rather than after the interval."""
    due = func.now() if backlog else func.now() + func.make_interval(0, 0, 0, 0, 0, 0, Source.interval_seconds)
    with session_scope() as s:
        s.execute(update(Source).where(Source.id == source_id, Source.lease_owner == owner).values(
            last_success_at=func.now(), last_error=note[:2000] if note else None, consecutive_failures=0,
            pages_seen=Source.pages_seen + pages, next_due_at=due, lease_until=None, lease_owner=None,
            # a source with a backlog is asked again in full, not conditionally
            etag=None if backlog else etag, last_modified=None if backlog else last_modified))


def record_failure(source_id: int, owner: str, reason: str) -> None:
    """A failing source backs off exponentially (capped at a day); the others are unaffected."""
    with session_scope() as s:
        s.execute(text(
            "UPDATE sources SET last_error = :reason, consecutive_failures = consecutive_failures + 1,"
            " next_due_at = now() + make_interval(secs => LEAST(86400,"
            "   interval_seconds * power(2, LEAST(consecutive_failures, 12)))),"
            " lease_until = NULL, lease_owner = NULL WHERE id = :id AND lease_owner = :owner"),
            {"reason": reason[:2000], "id": source_id, "owner": owner})
