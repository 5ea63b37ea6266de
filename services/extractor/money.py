"""Money amounts in running text: £744,000 · £2.6m · £11.6 million · £750k · $2 million · EUR 1,000,000."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from shared.domain import Money

SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "gbp": "GBP", "usd": "USD", "eur": "EUR",
           "us$": "USD", "€ ": "EUR"}
MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
               "bn": 1_000_000_000, "billion": 1_000_000_000, "b": 1_000_000_000}
# Words before an amount that make it approximate; "up to" makes it a cap, not a sum paid.
APPROX = ("nearly", "almost", "around", "about", "approximately", "roughly", "some", "more than",
          "over", "just over", "just under", "under", "less than", "at least", "close to",
          "in excess of", "upwards of", "an estimated", "approx.", "circa", "c.")
CAP = ("up to", "a maximum of", "capped at", "as much as")

MONEY_RX = re.compile(
    r"(?P<sym>US\$|[£$€]|\b(?:GBP|USD|EUR)\s?)"
    r"\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>thousand|million|billion|bn|mn|m|k|b)\b)?",
    re.I,
)
# the same without currency codes, for text that has none: its symbols start every match, so the
# scan jumps from symbol to symbol (a pattern that may start with a word boundary tries every position)
_SYMBOL_MONEY_RX = re.compile(MONEY_RX.pattern.replace(r"|\b(?:GBP|USD|EUR)\s?)", ")", 1), re.I)
_QUAL_RX = re.compile(r"(?:^|\W)(" + "|".join(re.escape(q) for q in sorted(APPROX + CAP, key=len, reverse=True))
                      + r")\s+(?:a\s+|an\s+)?$", re.I)


def find_money(text: str, offset: int = 0) -> list[Money]:
    """Every money amount in text, with its qualifier and its position (plus offset)."""
    found = _money_in(text)
    if not offset:
        return list(found)
    return [Money(m.value, m.currency, m.approximate, m.qualifier, m.start + offset, m.end + offset) for m in found]


@lru_cache(maxsize=4096)   # the rules and the details read one unit's (or cell's) money again
def _money_in(text: str) -> tuple[Money, ...]:
    low = text.lower()
    codes = "gbp" in low or "usd" in low or "eur" in low
    if not codes and "£" not in text and "$" not in text and "€" not in text:
        return ()   # most sentences name no money: skip the pattern
    out = []
    for m in (MONEY_RX if codes else _SYMBOL_MONEY_RX).finditer(text):
        value = _value(m.group("num"), m.group("mult"))
        if value is None:
            continue
        currency = SYMBOLS.get(m.group("sym").strip().lower(), "GBP")
        qual_m = _QUAL_RX.search(text[max(0, m.start() - 25):m.start()])
        qualifier = qual_m.group(1).lower() if qual_m else None
        approximate = qualifier is not None and qualifier not in CAP
        out.append(Money(value, currency, approximate, qualifier, m.start(), m.end()))
    return tuple(out)


def _value(num: str, mult: str | None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if mult:
        value *= MULTIPLIERS[mult.lower()]
    return value


def is_cap(money: Money) -> bool:
    return money.qualifier in CAP


def precision(money: Money) -> int:
    """How specific an amount is: significant digits (£1,987,612 beats $2 million)."""
    digits = str(money.value.normalize()).split("E")[0].replace(".", "").rstrip("0")
    return len(digits.lstrip("0"))
