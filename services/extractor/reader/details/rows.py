"""The details of an award stated by a table row, one cell per fact: the longest text cell is the
project, cells of places are locations, cells naming other institutions are partners."""
from __future__ import annotations

import re

from services.extractor import orgs
from services.extractor.money import find_money
from services.extractor.reader.details.locations import own_places
from services.extractor.reader.details.naming import dedupe, has_org_word, is_institution_name, orgish, same
from services.extractor.reader.details.places import cell_places, gazetteer
from services.extractor.reader.details.purpose import tidy
from services.extractor.reader.details.spans import clause
from services.extractor.rules import names

_EMPTY_CELL_RX = re.compile(r"[-–—\s]*|n/?a|tbc", re.I)
_PEOPLE_CELL_RX = re.compile(r"[A-Z][\w'’-]+\s+[A-Z][^()]*\(")      # "Jane Doe (Harbour University); ..."
_NAME_WITH_BRACKET_RX = re.compile(r"(.+?)\s*\(([^)]+)\)$")
_AMOUNT_CELL_RX = re.compile(r"(?:[\w\s]{0,20})?[£$€A-Z]*\s?[£$€]?[\d.,]+\s*\w{0,8}")
_NUMBER_CELL_RX = re.compile(r"[\d.,%\s]+")
_BRACKETED_RX = re.compile(r"\(([^()]+)\)")
_TWO_CAPITALS_RX = re.compile(r"[A-Z][\w'’-]+\s+[A-Z]")
_ROW_PLACE_RX = re.compile(r"[A-Z][a-z'’]+(?:[\s-](?:upon\s+|on\s+)?[A-Z][a-z'’]+){0,2}")
_RANKS = {"winner", "winners", "second", "third", "fourth", "joint", "runner", "runners", "highly", "commended",
          "finalist", "finalists", "shortlisted", "gold", "silver", "bronze", "first", "overall", "special",
          "yes", "no", "new", "renewal", "total", "capital", "revenue", "pending", "approved", "awarded"}


def row_details(text: str, recipient: str) -> tuple[str | None, list[str], list[str]]:
    """The project, partners and locations a table row states ("| Harbour University | Tidal Lab | Northshire |")."""
    gaz = gazetteer()
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    partners: list[str] = []
    locations: list[str] = []
    rec_cell = next((i for i, c in enumerate(cells)
                     if recipient and (recipient.lower() in c.lower() or same(c, recipient))), None)
    texts: list[str] = []
    has_region = False
    for i, c in enumerate(cells):
        if not c or _EMPTY_CELL_RX.fullmatch(c):
            continue
        if i == rec_cell and _PEOPLE_CELL_RX.match(c) and ";" in c:
            rec_cell = None            # the recipient is one of a cell's "Person (Organisation)" pairs
        if i == rec_cell:
            inner = _NAME_WITH_BRACKET_RX.match(c)
            if inner and recipient.lower() in inner.group(2).lower():
                texts.append(inner.group(1))              # "Project (Recipient)"
            elif inner and recipient.lower() in inner.group(1).lower():
                for place in cell_places(inner.group(2)):
                    locations.append(place)               # "Recipient (Country)"
                    has_region = True
            elif len(c) > len(recipient) + 12:
                texts.append(c)                           # "Reviving the Harbour Trust's pier"
            continue
        if find_money(c) and _AMOUNT_CELL_RX.fullmatch(c) or _NUMBER_CELL_RX.fullmatch(c):
            continue
        got = cell_places(c)
        if got:
            locations += got
            has_region = has_region or any(g in gaz.regions or g in gaz.abbreviations.values() for g in got)
            continue
        bracketed = _BRACKETED_RX.findall(c)
        if bracketed and all(orgish(b) or len(b.split()) >= 2 for b in bracketed) and _TWO_CAPITALS_RX.match(c):
            partners += [b.strip() for b in bracketed if not same(b.strip(), recipient)]
            continue
        if is_institution_name(c) and len(c.split()) <= 10 and names.name_like(orgs.clean_name(c)):
            if not same(c, recipient):
                partners.append(orgs.clean_name(c))
            continue
        texts.append(c)
    project = None
    if texts:
        best = max(texts, key=len)
        if len(best.split()) <= 3 and len(texts) > 1:
            best = max(texts, key=lambda t: (len(t.split()) > 1, len(t)))
        project = tidy(clause(best, 0, len(best)) or best, [])
        # another short cell in title case is a place column ("| Harbour Trust | Tidal Lab | Northby | £3m |")
        locations += [t for t in texts if t is not best and _ROW_PLACE_RX.fullmatch(t) and not has_org_word(t)
                      and orgs.fold(t).split()[0] not in _RANKS]
    own = own_places(recipient, called_a_place=has_region)
    return project, dedupe(partners), dedupe(own + locations)
