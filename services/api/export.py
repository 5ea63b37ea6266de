"""Exports of the consolidated awards a filter selects, as CSV, JSON, or the 360Giving Data Standard
(JSON package or its flat CSV with the standard's column titles). One streaming path serves
`/awards/export` and `fundwatch export`: the awards are read in batches and written as they are read,
so a large export holds neither memory nor a request slot for its whole length."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from services.api.giving360 import SCHEMA_VERSION, flat_row, flat_titles, grant
from shared.announcements import figures_of
from shared.awards import copies_of, record
from shared.db import session_scope
from shared.filters import AwardFilters
from shared.models import Award, Mention
from shared.settings import get_settings

BATCH = 500
CSV_COLUMNS = ("id", "recipient", "recipient_org_id", "amount", "currency", "approximate", "funder", "programme",
               "project", "awarded_on", "confidence", "announcement_id", "partners", "locations", "source_urls",
               "independent_sources",
               # the award's announcement: what its pages state beside what its awards add up to
               "announcement_total_amount", "announcement_projects", "announcement_awards_total",
               "announcement_awards_count", "announcement_totals_agree", "announcement_exceeds_total")
ANNOUNCEMENT_COLUMNS = ("total_amount", "projects", "awards_total", "awards_count", "totals_agree", "exceeds_total")


class Format(str, Enum):
    csv = "csv"
    json = "json"
    giving360_json = "360giving-json"
    giving360_csv = "360giving-csv"
    giving360 = "360giving"   # the command line's name for 360giving-json


MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.json: "application/json",
         Format.giving360_json: "application/json", Format.giving360_csv: "text/csv; charset=utf-8"}
SUFFIX = {Format.csv: "csv", Format.json: "json", Format.giving360_json: "360giving.json",
          Format.giving360_csv: "360giving.csv"}


def batches(filters: AwardFilters) -> Iterator[tuple[list[Award], dict, dict]]:
    """The selected awards in id order, BATCH at a time, each batch read in its own session, with
    the copies of their pages and their announcements' figures."""
    last = 0
    while True:
        with session_scope() as s:
            rows = list(s.scalars(filters.apply(select(Award).where(Award.id > last)).order_by(Award.id).limit(BATCH)
                                  .options(selectinload(Award.mentions).selectinload(Mention.document),
                                           selectinload(Award.announcement))))
            if not rows:
                return
            yield rows, copies_of(s, rows), figures_of(s, (a.announcement_id for a in rows))
            last = rows[-1].id


def _csv_line(values: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(values)
    return buf.getvalue()


def stream(fmt: Format, filters: AwardFilters, left_out: Counter | None = None) -> Iterator[str]:
    """The export, piece by piece. 360Giving needs an amount: awards without one are left out, and
    counted in `left_out["without_amount"]` when a counter is given."""
    prefix = get_settings().giving360_prefix
    left_out = Counter() if left_out is None else left_out
    if fmt is Format.csv:
        yield _csv_line(list(CSV_COLUMNS))
        for rows, copies, announcements in batches(filters):
            for a in rows:
                r = record(a, copies, announcements)
                yield _csv_line([r["id"], r["recipient"], r["recipient_org_id"], r["amount"], r["currency"],
                                 r["approximate"], r["funder"], r["programme"], r["project"], r["awarded_on"],
                                 r["confidence"], r["announcement_id"], "; ".join(r["partners"]), "; ".join(r["locations"]),
                                 " ".join(dict.fromkeys(s["url"] for s in r["sources"])), r["independent_sources"],
                                 *(r["announcement"][k] for k in ANNOUNCEMENT_COLUMNS)])
    elif fmt is Format.json:
        yield "["
        first = True
        for rows, copies, announcements in batches(filters):
            for a in rows:
                yield ("" if first else ",\n") + json.dumps(record(a, copies, announcements), ensure_ascii=False,
                                                            default=str)
                first = False
        yield "]\n"
    elif fmt is Format.giving360_json:
        yield '{"version": "%s", "grants": [' % SCHEMA_VERSION
        first = True
        for rows, _, _ in batches(filters):
            for a in rows:
                g = grant(a, prefix)
                if g is None:
                    left_out["without_amount"] += 1
                else:
                    yield ("" if first else ",\n") + json.dumps(g, ensure_ascii=False)
                    first = False
        yield "]}\n"
    else:
        yield _csv_line(flat_titles())
        for rows, _, _ in batches(filters):
            for a in rows:
                g = grant(a, prefix)
                if g is None:
                    left_out["without_amount"] += 1
                else:
                    yield _csv_line(flat_row(g))


def export_awards(filters: AwardFilters | None = None) -> list[dict[str, Any]]:
    """The selected awards (all by default) with their sources, as a list (the JSON export's records)."""
    return [record(a, copies, announcements)
            for rows, copies, announcements in batches(filters or AwardFilters()) for a in rows]
