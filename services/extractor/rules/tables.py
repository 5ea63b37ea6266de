"""Rule: a table with a recipient column and an amount column gives one award per row."""
from __future__ import annotations

import re
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.money import find_money
from services.extractor.rules import names
from services.extractor.rules.base import Candidate, Context, award_money
from services.extractor.segments import Unit

RECIPIENT_HEADER_RX = re.compile(r"\b(recipient|organi[sz]ation|grantee|commissioner|applicant|council|"
                                 r"charity|city|authority|name|lead|beneficiary|awardee|body|winner|"
                                 r"partnership|area|local authority|provider|institution)s?\b", re.I)
SEPARATOR_RX = re.compile(r"^\|?\s*:?-{2,}")


def tables(ctx: Context) -> Iterator[list[Unit]]:
    run: list[Unit] = []
    for b in [*ctx.blocks, None]:
        if b is not None and b.kind == "row":
            if not SEPARATOR_RX.match(b.text.strip()):
                run.append(b.units[0])
        elif run:
            yield run
            run = []


def _header(rows: list[Unit]) -> int | None:
    for i, row in enumerate(rows[:3]):
        if all(c for c in row.cells) and not any(find_money(c) for c in row.cells):
            return i
    return None


def table_rows(ctx: Context) -> Iterator[Candidate]:
    for rows in tables(ctx):
        h = _header(rows)
        if h is None or len(rows) <= h + 1:
            continue
        header, data = rows[h].cells, rows[h + 1:]
        width = len(header)
        money_col = max(range(width), key=lambda c: sum(bool(find_money(r.cells[c])) for r in data
                                                        if len(r.cells) > c))
        if sum(bool(find_money(r.cells[money_col])) for r in data if len(r.cells) > money_col) < len(data) / 2:
            continue
        name_cols = [c for c in range(width) if c != money_col and RECIPIENT_HEADER_RX.search(header[c])]
        if not name_cols:
            name_cols = [c for c in range(width) if c != money_col and
                         sum(bool(orgs.council(r.cells[c]) or orgs.has_org_word(r.cells[c]))
                             for r in data if len(r.cells) > c) >= len(data) / 2]
        if not name_cols:
            continue
        col = name_cols[0]
        for row in data:
            if len(row.cells) <= max(col, money_col):
                continue
            cell = row.cells[col]
            place = re.search(r"\(([^)]+)\)\s*$", cell)
            recipient, partners = names.split_joint(orgs.clean_name(cell))
            if not names.acceptable(recipient):
                continue
            cell_start = row.text.find(row.cells[money_col])
            money = award_money(row, row.cells[money_col], row.start + max(cell_start, 0))
            yield Candidate(recipient, row, money[0] if money else None, "table_row", partners,
                            [place.group(1)] if place else [], strength=3)
