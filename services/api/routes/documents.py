"""GET /documents, GET /documents/{id}: stored pages, their extraction status and, when it failed, why."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import select

from services.api import pagination
from services.api.caching import ETAG_HEADER, ETAG_RESPONSES, conditional
from services.api.deps import RecordId, SessionDep
from services.api.schemas import DocumentOut, Page
from shared.models import DOCUMENT_FAULTS, DOCUMENT_STATUSES, Document

router = APIRouter(prefix="/documents", tags=["documents"])


class DocumentPage(Page):
    items: list[DocumentOut]


@router.get("", response_model=DocumentPage, summary="List stored documents",
            description="In id order, without their text. `?status=failed` lists the failed pages with why "
                        "(`last_error`, `fault`) and, for those failed by a passing fault, when they are "
                        "tried again (`retry_at`).")
def list_documents(session: SessionDep,
                   status: Annotated[str | None, Query(pattern=f"^({'|'.join(DOCUMENT_STATUSES)})$")] = None,
                   fault: Annotated[str | None, Query(pattern=f"^({'|'.join(DOCUMENT_FAULTS)})$",
                                                      description="only pages whose last trouble was of this "
                                                                  "kind")] = None,
                   limit: Annotated[int, Query(ge=1, le=200)] = 50,
                   cursor: pagination.IdCursor = None) -> DocumentPage:
    q = select(Document).where(Document.id > pagination.decode(cursor))
    if status:
        q = q.where(Document.status == status)
    if fault:
        q = q.where(Document.fault == fault)
    rows = session.scalars(q.order_by(Document.id).limit(limit + 1)).all()
    items = [DocumentOut.model_validate(d).model_copy(update={"text": None}) for d in rows[:limit]]
    return DocumentPage(items=items, next_cursor=pagination.encode(rows[limit - 1].id) if len(rows) > limit else None)


@router.get("/{document_id}", response_model=DocumentOut,
            responses={404: {"description": "not found"}, 200: {"headers": ETAG_HEADER}, **ETAG_RESPONSES})
def get_document(document_id: RecordId, session: SessionDep, request: Request) -> Response:
    doc = session.get(Document, document_id)
    if doc is None:
        raise HTTPException(404, f"document {document_id} not found")
    return conditional(request, DocumentOut.model_validate(doc))
