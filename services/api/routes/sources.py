"""GET /sources (state of each watched source) and POST /sources (admin)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import ValidationError
from sqlalchemy import select

from services.api.deps import KEY_RESPONSES, AdminDep, SessionDep
from services.api.schemas import SourceIn, SourceOut
from shared.net import BlockedAddress, check_literal
from shared import sources
from shared.models import Source
from shared.settings import get_settings

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=list[SourceOut], summary="Watched sources and their health")
def list_sources(session: SessionDep) -> list[SourceOut]:
    return [SourceOut.model_validate(s) for s in session.scalars(select(Source).order_by(Source.id))]


@router.post("", response_model=SourceOut, status_code=201, summary="Add or update a source (admin)",
             responses={**KEY_RESPONSES, 403: {**KEY_RESPONSES[403], "description": "The key's scope does not "
                                               "allow this, or the SSRF guard refuses the source's address"}})
def add_source(body: SourceIn, _: AdminDep, session: SessionDep) -> SourceOut:
    try:
        spec = sources.SourceSpec(**body.model_dump())
        check_literal(str(spec.url), get_settings().fetch_allowed_networks)
    except ValidationError as exc:
        raise HTTPException(422, [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]) from None
    except BlockedAddress as exc:   # a well-formed request that the SSRF guard refuses to act on
        raise HTTPException(403, f"{exc}: not fetched from the API's sources (FUNDWATCH_FETCH_ALLOWED_NETWORKS)") \
            from None
    source_id = sources.upsert(spec, trusted=False)  # added through the API: never trusted
    return SourceOut.model_validate(session.get(Source, source_id))
