"""Money amounts in running text, for the general reader.

A wider reader than services.extractor.money (which it leaves alone, and agrees with on what that
one reads): besides £736,000 · £3.6m · £13.7 million · $3 million · EUR 3,000,000 it reads

* more prefixes: US$ · U.S.$ · CA$ · C$ · CAD · A$ · AU$ · AUD · NZ$ · NZD · AUD$ ... (a bare $ is USD);
* a symbol after the number, as French writes it: 10,533$ · 125 000 $ · 40 000 € (such a "$" is CAD);
* a currency after the number: 3,000,000 euros · 3 million dollars · 7m EUR · 6,000 pounds sterling
  · 3 million Canadian dollars;
* amounts in words, when a currency word follows: seventy million pounds · half a million pounds ·
  twenty-seven million dollars · three and a half million euros · a seven-million-pound grant;
* qualifiers: "nearly", "in the region of", "c." ... before an amount and "-plus"/"+" after it
  make it approximate; caps ("up to", "no more than" ...) are kept as the qualifier but are not
  approximate (is_cap says which).

It does not read percentages, years ("in 2021 dollars"), phone numbers, bare numbers, numbers in
words without a currency word, symbols glued to a word (HK$5m, x£5), or a lone letter multiplier
after a space ("$1.7 M" is $1.7; "$1.7M" and "$1.7 million" are 1,700,000). Both ends of a range
("£70m to £80m") are read; in_range() says whether an amount is one, so callers can skip ranges.

Two passes, each anchored on something rare so that most of the text is skipped quickly: amounts
that start with a symbol (a scan that jumps from symbol to symbol), then, at each currency word or
code, the amount it starts (EUR 7m) or ends (7m EUR, seven million pounds).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from services.extractor.money import APPROX as _MONEY_APPROX
from services.extractor.money import CAP as _MONEY_CAP
from services.extractor.money import MULTIPLIERS
from shared.domain import Money

__all__ = ["APPROX", "CAP", "find_amounts", "in_range", "is_cap"]

# Words before an amount that make it approximate (money.py's, and more) ...
APPROX = tuple(dict.fromkeys(_MONEY_APPROX + ("c", "approx", "in the region of", "a little over", "well over",
                                            "approaching", "getting on for", "the best part of")))
# ... and those that make it a cap: the most that may be paid, not a sum paid, so not approximate.
CAP = _MONEY_CAP + ("no more than", "a ceiling of")

SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD"}
# Letters written before "$" (longest first); "$" after any other letters (HK$, S$) is not read.
DOLLAR_PREFIXES = (("U.S.", "USD"), ("USD", "USD"), ("CAD", "CAD"), ("AUD", "AUD"), ("NZD", "NZD"),
                   ("US", "USD"), ("CA", "CAD"), ("AU", "AUD"), ("NZ", "NZD"), ("C", "CAD"), ("A", "AUD"))
DOLLAR_NATIONS = {"canadian": "CAD", "australian": "AUD", "new zealand": "NZD"}   # otherwise USD
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
WORD_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
WORD_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}

# ---- pieces of the patterns: verbose regexes (spaces are not literal, `#` starts a comment) ----

_NUMBER = r"""
    (?>                                # atomic: "50%" must not be retried as "5"
        \d{1,3} (?: ,\d{3} )+ (?: \.\d+ )?     # 736,000 · 27,139,040.00
      | \d{1,3} (?: ,\ \d{3} )+ (?! [\d,.] )    # 216, 000: a space typed after the comma
      | \d{1,3} (?: [\ \u00a0\u202f]\d{3} )+ (?! \d | [,.]\d | [\ \u00a0\u202f]\d )   # 20 000 · 1 250 000 (spaces between thousands)
      | \d+ (?: \.\d+ )?                       # 760 · 3.6 · 31418.50
    )
    (?! \s? (?: % | per \s? cent ) )   # not a percentage: 5% · 5 per cent · 5 percent
"""
_MULTIPLIER = r"""
    (?: \s? (?: thousand | million | billion | mn | bn )   # £13.7 million · £3mn · £6.3 bn
      | [mkb]                                            # £3.6m · £760K · $1.3B: a letter only attached
    ) \b
"""
# Codes: GBP/USD/EUR in any case, as money.py reads them; CAD/AUD/NZD only in capitals (in lower
# case they are inside common words: decade, audit).
_CODE = r"(?: (?i: GBP | USD | EUR ) | (?-i: CAD | AUD | NZD ) )"
# A number in words below a thousand: five · fourteen · twenty-five · two hundred and fifty.
_UNIT = r"(?: one | two | three | four | five | six | seven | eight | nine )"
_BELOW_100 = rf"""
    (?: (?: twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety ) (?: [\s-] {_UNIT} )?
      | ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen
      | {_UNIT} )
"""
_BELOW_1000 = rf"(?: (?: {_UNIT} | a ) \s hundred (?: \s (?: and \s )? {_BELOW_100} )? | {_BELOW_100} )"
_SCALE = r"(?: thousand | million | billion )"
_WORD_NUMBER = rf"""
    (?: (?: half \s a | (?: a \s )? quarter \s of \s a ) \s {_SCALE}   # half a million · a quarter of a million
      | {_BELOW_100} \s and \s a \s half \s {_SCALE}                   # two and a half million
      | {_BELOW_1000} (?: [\s-] {_SCALE} )?                            # five · seventy million · a hundred thousand
      | a \s {_SCALE}                                                  # a million
    )
"""

_FLAGS = re.I | re.X

# Pass 1: a symbol, then the number: £736,000 · $3 million · € 400 · £3.6m. (US$, CA$, A$ ...: the
# letters before the "$" are read by _symbol_start, so that every match starts at a symbol.)
SYMBOL_AMOUNT_RX = re.compile(rf"(?P<sym> [£$€] ) \s? (?P<num> {_NUMBER} ) (?P<mult> {_MULTIPLIER} )?", _FLAGS)

# ... or the number, then the symbol, as French writes it: 10,533$ · 125 000 $ · 40 000 € (a "$" so
# written is Canada's dollar); not a symbol that starts the next amount ("5 $10").
SYMBOL_AFTER_RX = re.compile(rf"(?<! [\w.,£$€] ) (?P<num> {_NUMBER} ) (?P<mult> {_MULTIPLIER} )? [\ \u00a0\u202f]? "
                             rf"(?P<sym> [$€] ) (?! [\w$£€] | \s? \d )", _FLAGS)

# Pass 2 finds currency words and codes by their letters (_hints: plain substring searches) ...
_HINT_WORDS = ("pound", "dollar", "eur", "gbp", "usd")    # looked for in the lower-cased text
_HINT_CODES = ("CAD", "AUD", "NZD")                      # looked for as written
# (find_amounts' guard spells these out: a chain of `in` tests is quicker than a loop over them)
_HINT_RX = re.compile(rf"{' | '.join(_HINT_WORDS)} | (?-i: {' | '.join(_HINT_CODES)} )", _FLAGS)   # the same, slower
# ... reads the amount a code starts: EUR 3,000,000 · GBP7m · CAD 3.5 million ...
CODE_AMOUNT_RX = re.compile(rf"(?<! \w ) (?P<code> {_CODE} ) \s{{0,2}} (?P<num> {_NUMBER} ) (?P<mult> {_MULTIPLIER} )?",
                            _FLAGS)
# ... or checks that the letters are a whole currency word or code (not "European", "compound") ...
CURRENCY_WORD_RX = re.compile(rf"""
    (?<! \w )
    (?: pounds? (?: \s sterling )?             # 6,000 pounds · a five-pound note · pounds sterling
      | euros?                                 # 3,000,000 euros · seven million euro
      | dollars?                               # 3 million dollars (US, Canadian ...: DOLLAR_NATION_RX)
      | {_CODE} ) \b                           # 7m EUR
    (?! \s (?-i: Lane | Road | Street | Close | Hill | Farm | Green | Way | Place ) \b )   # 12 Pound Lane
""", _FLAGS)
# "US" / "Canadian" / ... just before "dollars".
DOLLAR_NATION_RX = re.compile(r"\b (?P<nation> US | U\.S\. | American | Canadian | Australian | New \s Zealand ) \s $",
                              _FLAGS)
# ... and reads the number that ends just before it (searched up to the word):
DIGITS_BEFORE_RX = re.compile(rf"""
    (?<! [\w.,£$€] ) (?<! \d\s )               # a whole number: not the tail of 1.5, £11 or 0800 123 4567
    (?P<num> {_NUMBER} ) (?P<mult> {_MULTIPLIER} )?
    [\s-]? $                                   # 3 million dollars · 7m EUR · a 640-euro prize
""", _FLAGS)
# ... or the number in words before it (tried where _words_before finds a run of number words):
WORD_NUMBER_RX = re.compile(_WORD_NUMBER, _FLAGS)   # seventy million · half a million · four hundred and seventy
_NUMBER_WORDISH = frozenset(WORD_NUMBERS) | frozenset(WORD_SCALES) | {"hundred", "a", "and", "half", "quarter", "of"}
_SEPARATOR_RX = re.compile(r"[\s-]")

# A qualifier ending the text before an amount: "nearly " · "in the region of " · "up to a " · "c.".
def _phrases(phrases) -> str:
    """An alternation of phrases, longest first, any run of spaces between their words."""
    return " | ".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


QUALIFIER_RX = re.compile(rf"""
    (?: ^ | \W )
    (?: (?P<word> {_phrases(p for p in APPROX + CAP if not p.endswith("."))} ) (?: \s+ an? )? \s+   # nearly £3m
      | (?P<dotted> {_phrases(p for p in APPROX if p.endswith("."))} ) \s* )                        # c.£7m
    $
""", _FLAGS)
# "plus" after an amount: £17m-plus · £17m+ · "£17m plus." · "£17m plus in funding"; not an
# addition ("£7m plus £3m", "£7m plus VAT").
PLUS_RX = re.compile(r"""
    - plus \b
  | \+
  | \s plus \b (?= \s* (?: [,.;:!?)] | $ | (?: in | of | over | across | worth ) \b ) )
""", _FLAGS)
# A year, not a sum, before a currency word: "in 2021 dollars", "the 2020 Euro".
_YEAR_RX = re.compile(r"(?:19|20)\d\d")
_YEAR_CONTEXT_RX = re.compile(r"\b(?:in|since|until|till|during|before|after|by|the)\s+$", re.I)

# What joins the two ends of a range: "£70m to £80m" · "£33,418 - £36,902" · "between £70m and £80m".
RANGE_JOIN_RX = re.compile(r"\s* (?: - | – | — | to \b ) \s*", _FLAGS)
RANGE_AND_RX = re.compile(r"\s+ and \s+", _FLAGS)
BETWEEN_RX = re.compile(r"\b between \s+ (?: [\w.]+ \s+ ){0,3} $", _FLAGS)   # between (about) £70m and
# A range whose far end has no currency of its own: £70-90m · £33,418-36,902 · £70m to 80m.
BARE_RANGE_END_RX = re.compile(rf"""
    \s* (?: [-–—] \s* {_NUMBER}
          | to \s+ {_NUMBER} {_MULTIPLIER} )
""", _FLAGS)


def find_amounts(text: str, offset: int = 0) -> list[Money]:
    """Every money amount written in text, in order; start/end index text, plus offset."""
    found = _amounts(text)
    if not offset:
        return list(found)
    return [Money(m.value, m.currency, m.approximate, m.qualifier, m.start + offset, m.end + offset) for m in found]


@lru_cache(maxsize=4096)   # the rules read one unit's (or cell's) amounts again, at other offsets
def _amounts(text: str) -> tuple[Money, ...]:
    # Guard: every amount has a currency symbol, or a currency word or code (an amount in words
    # needs one too); most sentences have none, and substring tests are far cheaper than a pattern.
    # (The letters are only hints: "European" passes, and pass 2 then finds no currency word.)
    low = text.lower()
    words = ("pound" in low or "dollar" in low or "eur" in low or "gbp" in low or "usd" in low   # _HINT_WORDS,
             or "CAD" in text or "AUD" in text or "NZD" in text)                                 # _HINT_CODES
    symbols = "£" in text or "$" in text or "€" in text
    others = "₹" in text or "Rs" in text or "INR" in text or "R" in text and RAND_RX.search(text) is not None
    if not words and not symbols and not others:
        return ()
    hints = _hints(text) if words else []

    found: list[Money] = []
    if symbols:                                           # pass 1: £7m · US$3 million
        for m in SYMBOL_AMOUNT_RX.finditer(text):
            start, currency = _symbol_start(text, m.start(), m.group("sym"))
            if currency is not None:
                found.append(_money(text, start, m.end(), _value(m.group("num"), m.group("mult")),
                                    currency, 0))
        for m in SYMBOL_AFTER_RX.finditer(text):          # 10,533$ · 40 000 €
            if not any(m.start() < f.end and f.start < m.end() for f in found) and not _YEAR_RX.fullmatch(m.group("num")):
                currency = "CAD" if m.group("sym") == "$" else "EUR"
                found.append(_money(text, m.start(), m.end(), _value(m.group("num"), m.group("mult")), currency, 0))
        found.sort(key=lambda m: m.start)
    if hints:                                             # pass 2: EUR 7m · 7m EUR · seven million pounds
        after: list[Money] = []
        for hint in hints:
            code = CODE_AMOUNT_RX.match(text, hint)
            if code is not None:                          # a code starting an amount: EUR 3,000,000
                found.append(_money(text, code.start(), code.end(), _value(code.group("num"), code.group("mult")),
                                    code.group("code").upper(), 0))
                continue
            word = CURRENCY_WORD_RX.match(text, hint)
            if word is None:                              # only letters of one: European, compound
                continue
            money = _amount_before(text, word, 0)    # a currency word or code ending an amount
            if money is not None:
                after.append(money)
        # where one code both ends and starts an amount (7m EUR 3m), read it as money.py does: EUR 3m
        found += [m for m in after if not any(m.start < f.end and f.start < m.end for f in found)]
        found.sort(key=lambda m: m.start)
    if others:
        more = [m for m in _rupees_and_rand(text, 0) if not any(m.start < f.end and f.start < m.end for f in found)]
        if more:                                          # pass 3: ₹5 crore · Rs 80 lakh · R1,3 million
            found = sorted(found + more, key=lambda m: m.start)
    return tuple(found)


# Pass 3: rupees (₹ · Rs · INR, with crore and lakh) and South African rand (R1.3 million · R1,3 million ·
# R250 000; a bare "R" and a number only with a multiplier or thousands, so not "R2" or "R&D").
SOUTH_ASIAN_SCALES = {"crore": 10_000_000, "crores": 10_000_000, "cr": 10_000_000, "lakh": 100_000,
                      "lakhs": 100_000, "lac": 100_000, "lacs": 100_000}
RUPEE_RX = re.compile(rf"""
    (?<! \w ) (?: ₹ | Rs\.? | INR ) \s? (?P<num> {_NUMBER} )
    (?: \s? (?P<scale> crores? | cr | lakhs? | lacs? ) \b | (?P<mult> {_MULTIPLIER} ) )?
""", re.X)
RAND_RX = re.compile(rf"""
    (?<! [\w&] ) (?: R | ZAR \s? ) (?:
        (?P<dec> \d+ , \d{{1,2}} ) \s? (?P<decmult> million | billion | mn | bn ) \b    # R1,3 million
      | (?P<num> {_NUMBER} ) (?P<mult> {_MULTIPLIER} )                             # R1.3 million · R500k
      | (?P<big> \d{{1,3}} (?: [,\ \u00a0]\d{{3}} )+ ) (?! \d ) )                       # R250 000 · R1,250,000
""", re.X)


def _rupees_and_rand(text: str, offset: int) -> list[Money]:
    out = []
    for m in RUPEE_RX.finditer(text):
        scale = m.group("scale")
        value = _value(m.group("num"), None) * SOUTH_ASIAN_SCALES[scale.lower()] if scale else \
            _value(m.group("num"), m.group("mult"))
        out.append(_money(text, m.start(), m.end(), value, "INR", offset))
    for m in RAND_RX.finditer(text):
        if m.group("dec"):
            value = _value(m.group("dec").replace(",", "."), " " + m.group("decmult"))
        elif m.group("num"):
            value = _value(m.group("num"), m.group("mult"))
        else:
            value = Decimal(re.sub(r"[,\s\u00a0]", "", m.group("big")))
        out.append(_money(text, m.start(), m.end(), value, "ZAR", offset))
    return out


def is_cap(money: Money) -> bool:
    """Whether the amount is the most that may be paid ("up to £3m"), as money.is_cap says."""
    return money.qualifier in CAP


def in_range(text: str, money: Money, offset: int = 0) -> bool:
    """Whether money (an amount find_amounts found in text, with this offset) is one end of a
    range: "£70m to £80m" · "£33,418 - £36,902" · "between £70m and £80m" · "£70-90m"."""
    start, end = money.start - offset, money.end - offset
    if BARE_RANGE_END_RX.match(text, end):
        return True
    lo = max(0, start - 80)
    near = find_amounts(text[lo:end + 80], lo)
    i = next((i for i, m in enumerate(near) if (m.start, m.end) == (start, end)), None)
    if i is None:
        return False
    return _joined(text, near, i)


def ranges(text: str, found: list[Money], offset: int = 0) -> list[bool]:
    """in_range for every amount find_amounts found in text (with this offset), from that one list."""
    local = [Money(m.value, m.currency, m.approximate, m.qualifier, m.start - offset, m.end - offset) for m in found]
    return [bool(BARE_RANGE_END_RX.match(text, m.end)) or _joined(text, local, i) for i, m in enumerate(local)]


def _joined(text: str, near: list[Money], i: int) -> bool:
    """Whether the i-th amount and the one before or after it are the two ends of a range."""
    pairs = ([(near[i - 1], near[i])] if i > 0 else []) + ([(near[i], near[i + 1])] if i + 1 < len(near) else [])
    for first, second in pairs:      # (the amount before, this one), (this one, the amount after)
        gap = text[first.end:second.start]
        if RANGE_JOIN_RX.fullmatch(gap) and first.value != second.value:
            return True       # (not "half a million pounds – £500,000 –": one amount said twice)
        if RANGE_AND_RX.fullmatch(gap) and BETWEEN_RX.search(text, max(0, first.start - 40), first.start):
            return True
    return False


def _hints(text: str) -> list[int]:
    """Where the text has the letters of a currency word or code, in order (with false hits:
    "European", "compound"; CURRENCY_WORD_RX sorts them out)."""
    low = text.lower()
    if len(low) != len(text):        # lower-casing changed lengths (İ → i̇): positions would be off
        return [m.start() for m in _HINT_RX.finditer(text)]
    hits = []
    for haystack, hints in ((low, _HINT_WORDS), (text, _HINT_CODES)):
        for letters in hints:
            i = haystack.find(letters)
            while i >= 0:
                hits.append(i)
                i = haystack.find(letters, i + len(letters))
    if len(hits) > 1:
        hits.sort()
    return hits


def _money(text: str, start: int, end: int, value: Decimal, currency: str, offset: int) -> Money:
    """The Money written at text[start:end], with the qualifier around it."""
    qual = QUALIFIER_RX.search(text, max(0, start - 30), start)
    qualifier = " ".join((qual.group("word") or qual.group("dotted")).lower().split()) if qual else None
    if qualifier is None and PLUS_RX.match(text, end):
        qualifier = "plus"
    approximate = qualifier is not None and qualifier not in CAP
    return Money(value, currency, approximate, qualifier, offset + start, offset + end)


def _symbol_start(text: str, start: int, symbol: str) -> tuple[int, str | None]:
    """Where an amount written with a symbol starts (US$ starts before its $) and its currency;
    None for a symbol glued to a word or to letters that are not a known prefix (HK$, x£5)."""
    currency = SYMBOLS[symbol]
    if symbol == "$":
        for letters, code in DOLLAR_PREFIXES:
            before = text[max(0, start - len(letters)):start]
            if before == letters or (code == "USD" and before.upper() == letters):  # money.py reads us$
                start, currency = start - len(letters), code
                break
    if start > 0 and text[start - 1].isalnum():
        return start, None
    return start, currency


def _amount_before(text: str, word: re.Match[str], offset: int) -> Money | None:
    """The amount ending with a currency word or code: 3 million dollars · seventy million pounds."""
    start, lower = word.start(), word.group().lower()
    currency = ("GBP" if lower.startswith("pound") else "EUR" if lower.startswith("euro")
                else "USD" if lower.startswith("dollar") else lower.upper())
    if currency == "USD" and lower.startswith("dollar"):
        nation = DOLLAR_NATION_RX.search(text, max(0, start - 16), start)
        if nation is not None:                           # 3 million Canadian dollars
            start = nation.start("nation")
            currency = DOLLAR_NATIONS.get(" ".join(nation.group("nation").lower().split()), "USD")
    digits = DIGITS_BEFORE_RX.search(text, max(0, start - 40), start)
    if digits is not None:
        num, mult = digits.group("num"), digits.group("mult")
        if not mult and _YEAR_RX.fullmatch(num) and _YEAR_CONTEXT_RX.search(text, max(0, digits.start() - 10),
                                                                             digits.start()):
            return None                                  # in 2021 dollars
        return _money(text, digits.start(), word.end(), _value(num, mult), currency, offset)
    words = _words_before(text, start)
    if words is not None:
        return _money(text, words.start(), word.end(), _words_value(words.group()), currency, offset)
    return None


def _words_before(text: str, end: int) -> re.Match[str] | None:
    """The number in words that ends one separator before end ("seventy million pounds"): the
    longest WORD_NUMBER_RX match over the run of number-like words there."""
    if end == 0 or not _SEPARATOR_RX.match(text, end - 1):
        return None
    lo, end = max(0, end - 50), end - 1
    starts, pos = [], end            # where each word of the run starts, last word first
    for token in reversed(_SEPARATOR_RX.split(text[lo:end])):
        if token.lower() not in _NUMBER_WORDISH:
            break
        pos -= len(token)
        starts.append(pos)
        pos -= 1                     # the separator before it
    for start in reversed(starts):   # earliest first: "half a million", not "a million"
        if start == 0 or not text[start - 1].isalnum():
            m = WORD_NUMBER_RX.fullmatch(text, start, end)
            if m is not None:
                return m
    return None


def _value(num: str, mult: str | None) -> Decimal:
    value = Decimal(re.sub(r"[,\s\u00a0\u202f]", "", num))
    if mult:
        value *= MULTIPLIERS[mult.strip().lower()]
    return value


def _words_value(words: str) -> Decimal:
    """seventy million → 70000000 · half a million → 500000 · four hundred and seventy thousand → 470000."""
    tokens = re.split(r"[\s-]+", words.lower())
    value, fraction = Decimal(0), Decimal(0)
    for i, token in enumerate(tokens):
        if token in WORD_NUMBERS:
            value += WORD_NUMBERS[token]
        elif token == "a":      # "a million" is one million; the "a" of "half a million" counts nothing
            if tokens[i + 1] in ("hundred", *WORD_SCALES) and (i == 0 or tokens[i - 1] not in (*WORD_FRACTIONS, "of")):
                value += 1
        elif token in WORD_FRACTIONS:
            fraction = WORD_FRACTIONS[token]
        elif token == "hundred":
            value *= 100
        elif token in WORD_SCALES:
            value = (value + fraction) * WORD_SCALES[token]
            fraction = Decimal(0)
    return value + fraction
