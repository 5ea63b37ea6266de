"""The amounts in a unit that could be an award: every amount `amounts.find_amounts` reads, less
rates ("£11.40 an hour"), one end of a range ("£10m to £50m") and, unless asked for, caps ("up to")."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from functools import lru_cache

from services.extractor.reader.amounts import find_amounts, is_cap, ranges
from services.extractor.rules.base import PER_UNIT_RX, SALARY_RX
from services.extractor.segments import Unit
from shared.domain import Money


def award_money(unit: Unit, text: str | None = None, offset: int | None = None, caps: bool = False) -> list[Money]:
    """Money in a unit (or in `text` at `offset` of the page) that could be one recipient's award."""
    text = unit.text if text is None else text
    return list(_award_money(text, unit.start if offset is None else offset, caps))


# an amount alone, with a word of how near: "up to $90,896", "£36,130.", what a list item or a
# definition may be
AMOUNT_ALONE_RX = re.compile(r"(?:(?:up\s+to|about|around|nearly|almost|over|approximately)\s+)?\S*[£$€]\s?[\d.,]+"
                             r"(?:\s?(?:m|k|bn|million|billion|thousand))?\.?", re.I)


# a grant paid yearly for some years ("$200,000 a year for three years"): an award, not a rate
YEARLY_GRANT_RX = re.compile(r"^\s*(?:a|per|each)\s+year\s+for\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
                             r"years\b", re.I)
# the whole of such a grant said just after it: "£87,500 a year for three years — £262,500 in all"
_YEARLY_THEN_TOTAL_RX = re.compile(r"^[\s,;:—–-]*(?:(?:or|making|a\s+total\s+of|totalling|worth)\s+)?(?:[A-Z]{0,3}[£$€])?$", re.I)
_IN_ALL_RX = re.compile(r"\s*(?:in\s+all|in\s+total|altogether|overall)\b", re.I)


# money a backer puts into a fund that others are granted from: "each put £2m into the joint fund"
INTO_FUND_RX = re.compile(r"\s*(?:each\s+|apiece\s+)?into\s+(?:the|a|this|that|its|their)\s+(?:[\w'’-]+\s+){0,4}?"
                          r"(?:fund|pot|programme|program|scheme|initiative)\b", re.I)


@lru_cache(maxsize=4096)   # every rule asks for the same units' money: read each once
def _award_money(text: str, base: int, caps: bool) -> tuple[Money, ...]:
    out = []
    found = find_amounts(text, base)
    whole = None
    for i, (m, ranged) in enumerate(zip(found, ranges(text, found, base))):
        tail = text[m.end - base:m.end - base + 20]
        yearly = YEARLY_GRANT_RX.match(text[m.end - base:m.end - base + 40])
        if m is whole or (is_cap(m) and not caps) or PER_UNIT_RX.match(tail) and not yearly or m.value <= Decimal(0) \
                or ranged or INTO_FUND_RX.match(text, m.end - base):
            continue
        if yearly and _whole_follows(text, base, m, found[i + 1:]):
            whole = found[i + 1]      # one mention from the yearly amount to its whole, worth the whole
            m = dataclasses.replace(m, value=whole.value, approximate=whole.approximate, end=whole.end)
        out.append(m)
    return tuple(out)


def _whole_follows(text: str, base: int, yearly: Money, after: list[Money]) -> bool:
    """The yearly amount's whole is the next amount ("£X a year for three years — £Y in all"): the award is
    the whole."""
    if not after:
        return False
    nxt = after[0]
    gap = text[yearly.end - base:nxt.start - base]
    rest = YEARLY_GRANT_RX.sub("", gap, count=1)
    return rest != gap and bool(_YEARLY_THEN_TOTAL_RX.match(rest)) and nxt.value > yearly.value and \
        (bool(_IN_ALL_RX.match(text, nxt.end - base)) or bool(re.search(r"total|worth", rest, re.I)))


# a grant that pays for a post: "£91,000 over three years towards the salary of a project manager"
FUNDED_POST_RX = re.compile(r"\b(?:towards?|to\s+(?:fund|cover|pay\s+for|pay)|contribution\s+to)\s+(?:the\s+|a\s+)?"
                            r"(?:[\w-]+\s+){0,2}?(?:salary|salaries)\b", re.I)


def about_pay(text: str) -> bool:
    """Text about pay or prices (a job's salary, a subscription), not a grant that funds a post."""
    return bool(SALARY_RX.search(text)) and not FUNDED_POST_RX.search(text)
