"""FastAPI dependencies: a database session per request, the admin key check."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Header, Path
from sqlalchemy.orm import Session

from services.api import keys, problems
from shared.db import new_session
from shared.filters import MAX_ID
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


def require_key(scope: str):
    """A dependency: the request carries a live key with this scope (an admin key has every
    scope), within its rate limit."""
    def check(x_api_key: Annotated[str | None, Header(description="an API key (fundwatch apikey create)")] = None):
        if not x_api_key:
            raise HTTPException(401, "a valid X-API-Key header is required")
        caller = keys.identify(x_api_key)
        if caller is None:
            raise HTTPException(401, "unknown or revoked API key")
        if scope == "admin" and caller.scope != "admin":
            raise HTTPException(403, "this key may not do that (admin scope needed)")
        wait = keys.over_limit(caller)
        if wait is not None:
            raise HTTPException(429, f"rate limit of {get_settings().api_key_requests_per_minute} requests "
                                     f"a minute reached; retry in {wait:.0f}s", headers={"Retry-After": str(int(wait) + 1)})
        return caller
    return check


# what an endpoint that needs a key may answer besides its own result
KEY_RESPONSES: dict[int | str, dict] = {
    401: problems._doc("Missing, unknown or revoked API key"),
    403: problems._doc("The key's scope does not allow this"),
    411: problems._doc("A body sent without Content-Length"),
    413: problems._doc("A body over the size limit"),
    429: {**problems._doc("Over the key's rate limit"),
          "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}}},
}

SessionDep = Annotated[Session, Depends(get_session)]
AdminDep = Annotated[keys.Caller, Depends(require_key("admin"))]


RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="the record's id", examples=[1])]
