"""Export of consolidated awards with their sources (`fundwatch export --format json`)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shared.awards import copies_of, record
from shared.db import session_scope
from shared.models import Award, Mention


def export_awards() -> list[dict[str, Any]]:
    """Every award with its sources (`fundwatch export --format json`)."""
    with session_scope() as s:
        awards = s.scalars(select(Award).order_by(Award.id)
                           .options(selectinload(Award.mentions).selectinload(Mention.document),
                                    selectinload(Award.announcement))).all()
        copies = copies_of(s, list(awards))
        return [record(a, copies) for a in awards]
