"""The details of one award as one unit of a page states them: what the money is for (project), who
works with the recipient on it (partners) and which places the work covers (locations).

Read by general structure only, never by names from any data: cue phrases ("to run ...", "for its X
project", "in partnership with ...", "across ..."), the shape of list items ("Org, Place – £X to do Y")
and table rows, the council register (orgs) and a gazetteer of nations, regions, counties, countries
and states (data/places.csv) to tell a place from an organisation.

    award_details("Harbour Arts Trust – £290,000 to restore the pier theatre", "Harbour Arts Trust",
                  (21, 29)).project == "restore the pier theatre"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.extractor import orgs
from services.extractor.money import find_money
from services.extractor.reader.details.locations import (
    appositive_places,
    called_a_place,
    cued_places,
    own_places,
    place_of,
)
from services.extractor.reader.details.naming import LEADING_THE_RX, dedupe, orgish
from services.extractor.reader.details.partners import find_partners
from services.extractor.reader.details.places import known_places
from services.extractor.reader.details.project import find_project
from services.extractor.segments import BULLET_RX
from services.extractor.reader.details.rows import row_details
from services.extractor.reader.details.spans import Span, award_scope

__all__ = ["Details", "award_details"]


@dataclass
class Details:
    """What one unit says of one award besides its recipient and amount."""
    project: str | None = None
    partners: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)


def find_recipient(text: str, recipient: str, money: Span | None) -> Span | None:
    """Where the recipient is named: the mention nearest the amount when it is named twice."""
    if not recipient:
        return None
    low = text.lower()
    for name in (recipient, orgs.clean_name(LEADING_THE_RX.sub("", recipient))):
        if not name:
            continue
        needle = name.lower()
        found, i = [], low.find(needle)
        while i >= 0 and len(found) < 8:
            found.append(i)
            i = low.find(needle, i + 1)
        if found:
            best = min(found, key=lambda j: abs(j - money[0]) if money else j)
            return best, best + len(name)
    return None



_LEAD_SEP_RX = re.compile(r"(?:\s*,\s*[A-Z][\w'’ .-]{1,40}?)?\s*(?:[–—:]|\s-)\s+")   # "Org[, Place] – "


def _own_money(rec: Span | None, money_span: Span | None, monies: list[Span]) -> Span | None:
    """The award's amount; when none is given, the amount right after the recipient (or the last before)."""
    if money_span is not None or rec is None or not monies:
        return money_span
    after = [m for m in monies if m[0] >= rec[1] and m[0] - rec[1] < 60]
    before = [m for m in monies if m[1] <= rec[0]]
    return after[0] if after else (before[-1] if before else None)


MAX_UNIT = 1500


def _window(text: str, recipient: str, money_span: tuple[int, int] | None):
    """At most MAX_UNIT characters of a long unit around the award's amount (or its recipient), and
    the amount's span in them."""
    centre = money_span[0] if money_span else max(0, text.find(recipient))
    lo = max(0, centre - MAX_UNIT // 2)
    span = (money_span[0] - lo, money_span[1] - lo) if money_span else None
    return text[lo:lo + MAX_UNIT], span


def award_details(text: str, recipient: str, money_span: tuple[int, int] | None = None) -> Details:
    """The project, partners and locations that one unit's `text` states of the award to `recipient`."""
    if len(text) > MAX_UNIT:               # a passage that long is no one award's: read the part round it
        text, money_span = _window(text, recipient, money_span)
    # text is one sentence, list item or table row; money_span is where the award's amount is in it, if it has one
    if not text or not text.strip():
        return Details()
    recipient = (recipient or "").strip()
    if text.lstrip().startswith("|"):
        return Details(*row_details(text, recipient))
    bullet = BULLET_RX.match(text)
    body = bullet.end() if bullet else 0
    rec = find_recipient(text, recipient, money_span)
    # "Harbour Trust – £6,000 ...": an item, with or without its bullet
    item = bool(bullet) or (rec is not None and rec[0] == body and bool(_LEAD_SEP_RX.match(text, rec[1])))
    monies = [(m.start, m.end) for m in find_money(text)]
    money = _own_money(rec, money_span, monies)
    scope = award_scope(text, rec, money, monies, item)
    known = known_places(text)

    own = own_places(recipient, rec is not None and called_a_place(text, rec[1])) if recipient else []
    places = appositive_places(text, rec, recipient, body, item, known, own) if rec is not None else []
    cued, own_cued = cued_places(text, rec, scope, known)
    places += cued
    own += [n for n in own_cued if n not in own]
    rec_fold = orgs.fold(recipient)
    locations = [n for n in dedupe(own + [p.name for p in places if rec is None or not rec[0] <= p.start < rec[1]])
                 if orgs.fold(n) != rec_fold or n in own]

    partners = [p for p in find_partners(text, rec, recipient, scope, body, item)
                if orgish(p) or not any(orgs.fold(p) == orgs.fold(n) for n in locations)]
    for p in partners:                 # a partner council named by its place brings its place
        place = place_of(p)
        if place and not any(orgs.fold(place) == orgs.fold(n) for n in locations):
            locations.append(place)

    project = find_project(text, body, rec, recipient, money, scope, known, item,
                           locations + [p.name for p in known.values()])
    if project and recipient and orgs.fold(project) == rec_fold:
        project = None
    return Details(project, partners, locations)
