"""FastAPI dependencies: a database session per request, the admin key check."""
from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Header, Path
from sqlalchemy.orm import Session

from shared.db import new_session
from shared.settings import get_settings


def get_session() -> Iterator[Session]:
    session = new_session()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def require_admin(x_api_key: Annotated[str | None, Header()] = None) -> None:
    expected = get_settings().admin_api_key
    if not expected:
        raise HTTPException(403, "writes are disabled: no admin API key is configured (FUNDWATCH_ADMIN_API_KEY)")
    if not x_api_key or not hmac.compare_digest(x_api_key, expected):
        raise HTTPException(401, "a valid X-API-Key header is required")


SessionDep = Annotated[Session, Depends(get_session)]
AdminDep = Annotated[None, Depends(require_admin)]


MAX_ID = 2**31 - 1
RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="the record's id", examples=[1])]
