"""GET /awards/export (the export service, streamed) and /awards/feed.atom."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: N817 - writing XML, parsing none
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from services.api.export import MEDIA, SUFFIX, Format, stream
from shared.db import session_scope
from shared.filters import AwardFilters
from shared.models import Award, Mention

router = APIRouter(prefix="/awards", tags=["exports"])


@router.get("/export", summary="Export the awards a filter selects",
            response_class=StreamingResponse,
            responses={200: {"description": "the export, streamed", "content": {
                "text/csv": {"schema": {"type": "string"}}, "application/json": {"schema": {}}}}})
def export(filters: Annotated[AwardFilters, Query()],
           format: Annotated[Format, Query(description="csv, json, 360giving-json (or 360giving, as on the "
                                                      "command line) or 360giving-csv (360Giving: awards with a "
                                                      "stated amount)")] = Format.json,
           ) -> StreamingResponse:
    if format is Format.giving360:
        format = Format.giving360_json
    return StreamingResponse(stream(format, filters), media_type=MEDIA[format],
                             headers={"Content-Disposition": f'attachment; filename="fundwatch-awards.{SUFFIX[format]}"'})


ATOM = "http://www.w3.org/2005/Atom"


def _money(amount: Any, currency: str | None) -> str:
    symbol = {"GBP": "£", "USD": "$", "EUR": "€"}.get(currency or "", f"{currency} " if currency else "")
    return f"{symbol}{amount:,.0f}" if amount is not None else "amount not stated"


@router.get("/feed.atom", summary="Atom feed of the newest awards a filter selects",
            response_class=Response,
            responses={200: {"description": "an Atom 1.0 feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}}})
def atom(request: Request, filters: Annotated[AwardFilters, Query()],
         limit: Annotated[int, Query(ge=1, le=200, description="how many of the newest awards")] = 50) -> Response:
    base = str(request.base_url).rstrip("/")
    with session_scope() as s:
        awards = list(s.scalars(filters.apply(select(Award)).order_by(Award.id.desc()).limit(limit)
                                .options(selectinload(Award.mentions).selectinload(Mention.document))))
        ET.register_namespace("", ATOM)
        feed = ET.Element(f"{{{ATOM}}}feed")
        query = str(request.url.query)
        ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:fundwatch,2026:awards?{query}"
        ET.SubElement(feed, f"{{{ATOM}}}title").text = "fundwatch: new awards"
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=str(request.url))
        updated = max((a.updated_at for a in awards), default=None)
        ET.SubElement(feed, f"{{{ATOM}}}updated").text = (updated or dt.datetime.now(dt.timezone.utc)).isoformat()
        author = ET.SubElement(feed, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = "fundwatch"
        for a in awards:
            entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
            ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:fundwatch,2026:award:{a.id}"
            ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{a.recipient}: {_money(a.amount, a.currency)}"
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="application/json", href=f"{base}/awards/{a.id}")
            for m in a.mentions:
                ET.SubElement(entry, f"{{{ATOM}}}link", rel="via", href=m.document.url)
            ET.SubElement(entry, f"{{{ATOM}}}published").text = a.created_at.isoformat()
            ET.SubElement(entry, f"{{{ATOM}}}updated").text = a.updated_at.isoformat()
            said = " · ".join(filter(None, [a.funder, a.programme, a.project]))
            quote = a.mentions[0].quote if a.mentions else ""
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{said}\n“{quote}”" if said else f"“{quote}”"
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")
