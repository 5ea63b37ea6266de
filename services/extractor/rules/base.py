"""What every rule shares: the reading context and the candidate award it proposes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from services.extractor.gate import Gated
from services.extractor.money import find_money, is_cap
from services.extractor.segments import Block, Unit
from shared.domain import Money, TextDocument

AWARD_CUE_RX = Gated(re.compile(
    r"\b(award\w*|grant\w*|fund\w*|shar(?:e|es|ing)|receiv\w*|successful|winners?|recipients?|chosen|"
    r"selected|named|trailblazers?|co-?ordinators|beneficiar\w*|allocat\w*|benefit\w*|backed|"
    r"early adopters|money|prize\w*|cash|investment|won|wins|secured)\b", re.I),
    "award", "grant", "fund", "shar", "receiv", "successful", "winner", "recipient", "chosen", "selected", "named",
    "trailblazer", "ordinators", "beneficiar", "allocat", "benefit", "backed", "early adopters", "money", "prize",
    "cash", "investment", "won", "wins", "secured")
NEGATIVE_RX = Gated(re.compile(r"\b(turned down|unsuccessful|rejected|missed out|miss out|not successful|"
                               r"refused|failed bids?|lost out)\b", re.I),
                    "turned down", "unsuccessful", "rejected", "miss", "not successful", "refused", "failed bid", "lost out")
PER_UNIT_RX = re.compile(r"^\s*(?:per\b|a head|each year|a year|a month|/\s?month|/\s?year|an hour|"
                         r"per annum|p\.a\.|\+ VAT|FTE|a week|per cent)", re.I)
SALARY_RX = Gated(re.compile(r"\b(salary|salaries|per annum|grade \d+|bonus|allowance|subscription|"
                             r"per delegate|vacanc\w+|job advert|\+ VAT)\b", re.I),
                  "salar", "per annum", "grade", "bonus", "allowance", "subscription", "per delegate", "vacanc",
                  "job advert", "+ vat")


@dataclass
class Candidate:
    recipient: str
    unit: Unit
    money: Money | None = None
    rule: str = ""
    partners: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    project: str | None = None
    strength: int = 1  # lists and tables > prose > a bare mention without an amount


@dataclass
class Context:
    doc: TextDocument
    blocks: list[Block]

    def units(self) -> list[Unit]:
        return [u for b in self.blocks for u in b.units]


def award_money(unit: Unit, text: str | None = None, offset: int | None = None) -> list[Money]:
    """Money in a unit that could be an award: not a cap ("up to"), not a rate or a salary."""
    text = unit.text if text is None else text
    base = unit.start if offset is None else offset
    out = []
    for m in find_money(text, base):
        tail = text[m.end - base:m.end - base + 20]
        if is_cap(m) or PER_UNIT_RX.match(tail) or m.value <= Decimal(0):
            continue
        if re.match(r"^\s*(?:-|–|to)\s*[£$€]", tail):  # a range "£37,024 - £40,213": a salary band
            continue
        out.append(m)
    return out
