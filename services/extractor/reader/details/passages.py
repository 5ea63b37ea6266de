"""Partners named in a passage of their own, away from the award's amount: "Its partners are X, Y
and Z.", "It brings together X and Y.", "Developed by the Trust with X, the centre will ...".

Such a sentence speaks of one award: the one whose recipient or project it names itself, or else the
one named in the nearest sentence before it (a few sentences back at most, the sentences between
naming no other award). A sentence that could speak of two awards gives neither any partner."""
from __future__ import annotations

import re
from collections.abc import Sequence

from services.extractor import orgs
from services.extractor.reader.details import find_recipient
from services.extractor.reader.details.naming import same
from services.extractor.reader.details.partners import PARTNER_CUE_RX, PARTNERS_AFTER_RX, find_partners
from services.extractor.segments import Unit
from shared.domain import AwardStatement

LOOK_BACK = 5          # sentences before a partner sentence in which its award may be named
MIN_NAME = 4           # a shorter recipient or project is too likely to occur by chance ("BT")


class _Named:
    """An award's recipient and project as a pattern over folded text, with the names themselves for a
    quick substring test before the pattern runs."""

    def __init__(self, award: AwardStatement):
        self.award, self.key = award, orgs.fold(award.recipient)
        names = [orgs.fold(n) for n in (award.recipient, award.project) if n]
        self.names = [n for n in names if len(n) >= MIN_NAME]
        self.rx = re.compile(r"\b(?:" + "|".join(map(re.escape, self.names)) + r")\b") if self.names else None

    def in_unit(self, unit: Unit, folded: str) -> bool:
        if unit.start <= self.award.start < unit.end:
            return True
        return self.rx is not None and any(n in folded for n in self.names) and self.rx.search(folded) is not None


def _named(unit: Unit, folded: str, named: Sequence[_Named]) -> set[str]:
    """The recipients of the awards that a unit states or names (by recipient or project)."""
    return {n.key for n in named if n.in_unit(unit, folded)}


def passage_partners(units: Sequence[Unit], awards: Sequence[AwardStatement]) -> dict[int, list[str]]:
    """For the index of each award in `awards`, the partners that partner sentences elsewhere on the
    page name for it."""
    if not awards:
        return {}
    named = [_Named(a) for a in awards]
    recipients = {n.key for n in named}
    folded: dict[int, str] = {}
    out: dict[int, list[str]] = {}
    for i, unit in enumerate(units):
        if unit.kind not in ("sentence", "item"):
            continue
        if any(unit.start <= a.start < unit.end for a in awards):
            continue                    # the award's own passage: its details are read with it
        cued = bool(PARTNER_CUE_RX.search(unit.text) or PARTNERS_AFTER_RX.search(unit.text))
        if not cued and " with " not in unit.text:
            continue
        target: set[str] = set()
        for j in range(i, max(-1, i - LOOK_BACK - 1), -1):
            if j < i and units[j].kind == "heading":
                break
            if j not in folded:
                folded[j] = orgs.fold(units[j].text)
            target = _named(units[j], folded[j], named)
            if target:
                break
        if len(target) != 1:
            continue
        (recipient_key,) = target
        for n, award in enumerate(awards):
            if named[n].key != recipient_key:
                continue
            rec = find_recipient(unit.text, award.recipient, None)
            if rec is None and not cued:
                continue        # a plain "with" says partners only right after the recipient's name
            found = [p for p in find_partners(unit.text, rec, award.recipient, (0, len(unit.text)), 0, False)
                     if not same(p, award.recipient) and orgs.fold(p) not in recipients]
            if found:
                out.setdefault(n, []).extend(found)
    return out
