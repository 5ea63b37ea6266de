"""GET /awards/export: any filtered set of awards as CSV, JSON, or the 360Giving Data Standard (JSON
package or its flat CSV with the standard's column titles). Exports stream: the awards are read in
batches and written as they are read, so a large export holds neither memory nor a request slot
for its whole length."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET  # noqa: N817 - writing XML, parsing none
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shared.filters import AwardFilters
from services.api.giving360 import SCHEMA_VERSION, flat_row, flat_titles, grant
from shared.awards import copies_of, record
from shared.db import session_scope
from shared.models import Award, Mention
from shared.settings import get_settings

router = APIRouter(prefix="/awards", tags=["exports"])
BATCH = 500
CSV_COLUMNS = ("id", "recipient", "recipient_org_id", "amount", "currency", "approximate", "funder", "programme",
               "project", "awarded_on", "confidence", "announcement_id", "partners", "locations", "source_urls")


class Format(str, Enum):
    csv = "csv"
    json = "json"
    giving360_json = "360giving-json"
    giving360_csv = "360giving-csv"


MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.json: "application/json",
         Format.giving360_json: "application/json", Format.giving360_csv: "text/csv; charset=utf-8"}
SUFFIX = {Format.csv: "csv", Format.json: "json", Format.giving360_json: "360giving.json",
          Format.giving360_csv: "360giving.csv"}


def batches(filters: AwardFilters) -> Iterator[tuple[list[Award], dict]]:
    """The selected awards in id order, BATCH at a time, each batch read in its own session."""
    last = 0
    while True:
        with session_scope() as s:
            rows = list(s.scalars(filters.apply(select(Award).where(Award.id > last)).order_by(Award.id).limit(BATCH)
                                  .options(selectinload(Award.mentions).selectinload(Mention.document),
                                           selectinload(Award.announcement))))
            if not rows:
                return
            yield rows, copies_of(s, rows)
            last = rows[-1].id


def _csv_line(values: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(values)
    return buf.getvalue()


def stream(fmt: Format, filters: AwardFilters) -> Iterator[str]:
    prefix = get_settings().giving360_prefix
    if fmt is Format.csv:
        yield _csv_line(list(CSV_COLUMNS))
        for rows, copies in batches(filters):
            for a in rows:
                r = record(a, copies)
                yield _csv_line([r["id"], r["recipient"], r["recipient_org_id"], r["amount"], r["currency"],
                                 r["approximate"], r["funder"], r["programme"], r["project"], r["awarded_on"],
                                 r["confidence"], r["announcement_id"], "; ".join(r["partners"]), "; ".join(r["locations"]),
                                 " ".join(dict.fromkeys(s["url"] for s in r["sources"]))])
    elif fmt is Format.json:
        yield "["
        first = True
        for rows, copies in batches(filters):
            for a in rows:
                yield ("" if first else ",\n") + json.dumps(record(a, copies), ensure_ascii=False, default=str)
                first = False
        yield "]\n"
    elif fmt is Format.giving360_json:
        yield '{"version": "%s", "grants": [' % SCHEMA_VERSION
        first = True
        for rows, _ in batches(filters):
            for a in rows:
                g = grant(a, prefix)
                if g is not None:
                    yield ("" if first else ",\n") + json.dumps(g, ensure_ascii=False)
                    first = False
        yield "]}\n"
    else:
        yield _csv_line(flat_titles())
        for rows, _ in batches(filters):
            for a in rows:
                g = grant(a, prefix)
                if g is not None:
                    yield _csv_line(flat_row(g))


@router.get("/export", summary="Export the awards a filter selects",
            response_class=StreamingResponse,
            responses={200: {"description": "the export, streamed", "content": {
                "text/csv": {"schema": {"type": "string"}}, "application/json": {"schema": {}}}}})
def export(filters: Annotated[AwardFilters, Query()],
           format: Annotated[Format, Query(description="csv, json, 360giving-json or 360giving-csv "
                                                      "(360Giving: awards with a stated amount)")] = Format.json,
           ) -> StreamingResponse:
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
