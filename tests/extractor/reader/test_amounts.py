from decimal import Decimal

import pytest

from services.extractor.money import find_money
from services.extractor.reader.amounts import find_amounts, in_range, is_cap


def read(text, offset=0):
    """(as written, value, currency) for every amount in text."""
    return [(text[m.start - offset:m.end - offset], m.value, m.currency) for m in find_amounts(text, offset)]


def one(text):
    (m,) = find_amounts(text)
    return m


# ---- forms ----

@pytest.mark.parametrize("written,value,currency", [
    # what money.py reads already
    ("£744,000", 744000, "GBP"), ("£2.6m", 2600000, "GBP"), ("£11.6 million", 11600000, "GBP"),
    ("£750k", 750000, "GBP"), ("$2 million", 2000000, "USD"), ("€500,000", 500000, "EUR"),
    ("EUR 1,000,000", 1000000, "EUR"), ("£4.8bn", 4800000000, "GBP"), ("$1,998,807", 1998807, "USD"),
    ("£5m", 5000000, "GBP"), ("£2.3 billion", 2300000000, "GBP"), ("£2mn", 2000000, "GBP"),
    ("GBP5m", 5000000, "GBP"), ("USD 250,000", 250000, "USD"), ("£ 40,000", 40000, "GBP"),
    # decimals and attached capital multipliers
    ("€27,139,040.00", Decimal("27139040.00"), "EUR"), ("£26,212.50", Decimal("26212.50"), "GBP"),
    ("$1.5M", 1500000, "USD"), ("$340K", 340000, "USD"), ("$1.2B", 1200000000, "USD"),
    ("£4.8 bn", 4800000000, "GBP"),
    # prefixes
    ("US$3 million", 3000000, "USD"), ("U.S.$450,000", 450000, "USD"), ("CA$2.5m", 2500000, "CAD"),
    ("C$800,000", 800000, "CAD"), ("CAD 1.2 million", 1200000, "CAD"), ("A$26.3m", 26300000, "AUD"),
    ("AU$650k", 650000, "AUD"), ("AUD 90,000", 90000, "AUD"), ("NZ$4m", 4000000, "NZD"),
    ("NZD 75,000", 75000, "NZD"), ("GBP 12,000", 12000, "GBP"), ("AUD$2.1m", 2100000, "AUD"),
    ("USD$40,000", 40000, "USD"),
    # currency after the number
    ("1,000,000 euros", 1000000, "EUR"), ("5,000 pounds", 5000, "GBP"), ("2 million dollars", 2000000, "USD"),
    ("5m EUR", 5000000, "EUR"), ("1.2 million pounds", 1200000, "GBP"), ("40,000 pounds sterling", 40000, "GBP"),
    ("3 million Canadian dollars", 3000000, "CAD"), ("2 million Australian dollars", 2000000, "AUD"),
    ("900,000 New Zealand dollars", 900000, "NZD"), ("6 million US dollars", 6000000, "USD"),
    ("250,000 euro", 250000, "EUR"), ("750k GBP", 750000, "GBP"),
    # in words
    ("thirty million pounds", 30000000, "GBP"), ("one million dollars", 1000000, "USD"),
    ("two million euros", 2000000, "EUR"), ("five thousand pounds", 5000, "GBP"),
    ("a million pounds", 1000000, "GBP"), ("half a million pounds", 500000, "GBP"),
    ("twenty-five million dollars", 25000000, "USD"), ("twenty five million dollars", 25000000, "USD"),
    ("two and a half million euros", 2500000, "EUR"), ("a quarter of a million pounds", 250000, "GBP"),
    ("two hundred and fifty thousand pounds", 250000, "GBP"), ("a hundred thousand dollars", 100000, "USD"),
    ("Thirty-Six Million Pounds", 36000000, "GBP"), ("ten pounds", 10, "GBP"),
])
def test_forms(written, value, currency):
    text = f"The Harbour Arts Trust will receive {written} from the Northgate Fund."
    assert read(text) == [(written, Decimal(value), currency)]


def test_a_bare_dollar_is_usd_unless_its_prefix_says_otherwise():
    assert [c for _, _, c in read("$5m, US$5m, C$5m, A$5m, NZ$5m and $5m again")] == \
        ["USD", "USD", "CAD", "AUD", "NZD", "USD"]


def test_amount_at_the_start_and_end_of_the_text():
    assert read("£5m") == [("£5m", 5000000, "GBP")]
    assert read("A$1.5bn") == [("A$1.5bn", 1500000000, "AUD")]
    assert read("five pounds") == [("five pounds", 5, "GBP")]


def test_a_million_pound_adjective():
    assert read("a five-million-pound grant for Quayside Youth") == [("five-million-pound", 5000000, "GBP")]
    assert read("a 750-euro prize") == [("750-euro", 750, "EUR")]


@pytest.mark.parametrize("text,written", [
    ("Harbour Arts Trust got $1.5 M last year.", "$1.5"),     # a letter multiplier only when attached
    ("vouchers worth £5 M&S style", "£5"),
    ("£5mango", "£5"),
])
def test_letter_multipliers_only_attached(text, written):
    assert [w for w, _, _ in read(text)] == [written]


def test_several_amounts_in_order():
    text = ("Harbour Arts Trust gets £2.5m, Northgate nearly £750k, Quayside 1,000,000 euros, "
            "Millbrook thirty million pounds and Eastfield EUR 5,000.")
    assert [w for w, _, _ in read(text)] == ["£2.5m", "£750k", "1,000,000 euros", "thirty million pounds", "EUR 5,000"]


def test_a_code_between_two_numbers_starts_the_second_as_money_py_reads_it():
    assert read("Totals were 5m EUR 3m in all.") == [("EUR 3m", 3000000, "EUR")]


def test_a_symbol_amount_followed_by_a_currency_word_is_read_once():
    assert read("They gave £ 5 million pounds and $2m dollars.") == \
        [("£ 5 million", 5000000, "GBP"), ("$2m", 2000000, "USD")]


# ---- offsets ----

@pytest.mark.parametrize("written", ["£2 million", "US$3.5m", "2 million dollars", "half a million pounds",
                                     "3 million Canadian dollars", "€27,139,040.00", "NZD 75,000"])
def test_offsets_point_at_the_amount(written):
    text = f"Harbour Arts Trust has been awarded nearly {written}, the Northgate Fund said."
    (m,) = find_amounts(text, offset=100)
    assert text[m.start - 100:m.end - 100] == written
    (m,) = find_amounts(text)
    assert text[m.start:m.end] == written


def test_offsets_of_several_amounts():
    text = "Up to £1m each; in total c.£5m and some two million euros."
    assert [text[m.start:m.end] for m in find_amounts(text)] == ["£1m", "£5m", "two million euros"]


# ---- qualifiers and caps ----

@pytest.mark.parametrize("qualifier", [
    "nearly", "almost", "around", "about", "approximately", "roughly", "some", "more than", "over",
    "just over", "just under", "under", "less than", "at least", "close to", "in excess of", "upwards of",
    "an estimated", "approx.", "circa", "c.", "c", "in the region of", "a little over", "well over",
])
def test_qualifiers_make_an_amount_approximate(qualifier):
    for amount in ("£2.5m", "two million euros", "400,000 dollars"):
        m = one(f"The Harbour Arts Trust will get {qualifier} {amount} this year.")
        assert (m.qualifier, m.approximate, is_cap(m)) == (qualifier, True, False)


def test_qualifier_forms():
    assert one("Northgate gets c.£5m").qualifier == "c."
    assert one("In the Region of £4.3m was set aside").qualifier == "in the region of"   # lower-cased
    assert one("worth (about £5m)").qualifier == "about"
    assert one("nearly a million pounds").qualifier == "nearly"
    assert one("more than half a million pounds").qualifier == "more than"
    m = one("The Harbour Arts Trust gets £204,403.")
    assert (m.qualifier, m.approximate) == (None, False)


@pytest.mark.parametrize("text", ["a moreover £5m", "the discount £5m", "handsome £5m"])
def test_qualifier_words_inside_other_words_are_not_qualifiers(text):
    assert one(text).qualifier is None


@pytest.mark.parametrize("cap", ["up to", "a maximum of", "capped at", "as much as", "no more than", "a ceiling of"])
def test_caps_are_not_approximate(cap):
    m = one(f"Councils can apply for {cap} £1m each.")
    assert (m.qualifier, m.approximate, is_cap(m)) == (cap, False, True)


def test_no_more_than_is_a_cap_not_more_than():
    assert is_cap(one("no more than £5m")) and not is_cap(one("more than £5m"))


@pytest.mark.parametrize("text,approximate", [
    ("a £15m-plus squeeze", True), ("a £15m+ package", True), ("it costs £15m plus.", True),
    ("£15m plus in new investment", True), ("£5m plus VAT", False),
])
def test_plus_after_an_amount(text, approximate):
    m = one(text)
    assert text[m.start:m.end] in ("£15m", "£5m")                   # "-plus" is not part of the amount
    assert m.approximate is approximate and m.qualifier == ("plus" if approximate else None)


def test_plus_between_two_amounts_is_an_addition():
    assert [(m.value, m.approximate) for m in find_amounts("£5m plus £1m of match funding")] == \
        [(5000000, False), (1000000, False)]


# ---- what is not money ----

@pytest.mark.parametrize("text", [
    "Attendance rose 25% in 2021.",
    "a 5 per cent rise and a 3 percent fall",
    "£50% of the places",                               # a percentage, even after a symbol
    "In 2021 there were 4,000 visitors.",
    "Call 0800 123 4567 or 020 7946 0958.",
    "It has 250 members and 1,200 volunteers.",
    "five million people and thirty thousand visitors",  # words without a currency word
    "thousands of pounds and millions of dollars",
    "The compound was impounded by European entrepreneurs in the decade's audit.",
    "x£5 and ab£20 and HK$5m and S$2 million",          # symbol glued to a word, or an unknown dollar
    "prices in 2019 dollars",                           # a year
    "the 2020 Euro finals",
    "12 Pound Lane, Harbourside",
    "a pound of apples and a dollar bill",
    "cad 5 and aud 7",                                  # lower-case new codes are words
    "",
])
def test_not_money(text):
    assert find_amounts(text) == []


def test_a_year_before_a_code_leaves_the_code_to_the_amount_after_it():
    assert read("in 2021 EUR 5m went to Harbour Arts Trust") == [("EUR 5m", 5000000, "EUR")]


def test_a_phone_number_does_not_become_an_amount_before_a_currency_word():
    assert read("Ring 0800 123 4567 pounds of support") == []


def test_years_and_percentages_next_to_money():
    text = "In 2021, 40% of the £2m went to Harbour Arts Trust; 2022 brought 3,000 euros."
    assert [w for w, _, _ in read(text)] == ["£2m", "3,000 euros"]


# ---- ranges ----

@pytest.mark.parametrize("text,written", [
    ("grants of £10m to £50m", ["£10m", "£50m"]),
    ("salary £37,024 - £40,213 a year", ["£37,024", "£40,213"]),
    ("awards between £10m and £50m", ["£10m", "£50m"]),
    ("awards of between about £10m and £50m", ["£10m", "£50m"]),
    ("from £10m–£50m", ["£10m", "£50m"]),
    ("between 1 million euros and 2 million euros", ["1 million euros", "2 million euros"]),
])
def test_both_ends_of_a_range_are_read_and_in_range(text, written):
    found = find_amounts(text)
    assert [text[m.start:m.end] for m in found] == written
    assert all(in_range(text, m) for m in found)


def test_range_with_a_bare_far_end():
    text = "grants of £10-50m for Harbour Arts Trust"
    (m,) = find_amounts(text)
    assert text[m.start:m.end] == "£10" and in_range(text, m)


@pytest.mark.parametrize("text", [
    "Harbour Arts Trust gets £10m and Northgate gets £50m.",
    "Harbour Arts Trust gets £10m and £50m goes to Northgate.",
    "£5m to 12 charities",
    "£5m to Harbour Arts Trust, £2m to Northgate",
    "£5m, £2m and £1m",
])
def test_not_ranges(text):
    assert not any(in_range(text, m) for m in find_amounts(text))


def test_in_range_with_an_offset():
    text = "It offers £10m to £50m."
    found = find_amounts(text, offset=500)
    assert len(found) == 2 and all(in_range(text, m, offset=500) for m in found)
    assert not in_range("It offers £10m.", find_amounts("It offers £10m.", offset=7)[0], offset=7)


# ---- agreement with money.py ----

@pytest.mark.parametrize("text", [
    "Rutland-like Harbour Council has been awarded £2 million.",
    "Riverside gets £2.5m, Northgate nearly £750k and Harbour US$3 million; 40 clubs, 2024. Also EUR 5,000.",
    "Councils could apply for up to £1m each, with about £200,000 for most and more than £16m overall.",
    "The Quayside Fund gives £4.8bn, $1,998,807 and €500,000; almost £15m went to an estimated 40 groups.",
    "grants of approx. £5,000 and usd 20,000 and eur 1,000,000",
])
def test_agrees_with_money_py_on_what_it_reads(text):
    assert find_amounts(text, offset=9) == find_money(text, offset=9)


# ---- the guard ----

def test_the_guard_passes_text_that_only_looks_like_money():
    # hints of a currency word without one, and symbols without numbers: still nothing, and no error
    for text in ("European funding for the compound", "$ and £ and €", "EUR EUR", "pounds", "CAD"):
        assert find_amounts(text) == []


def test_text_whose_lower_case_changes_length():
    text = "İstanbul Sanat Vakfı gets five million pounds and EUR 3m."
    assert [w for w, _, _ in read(text)] == ["five million pounds", "EUR 3m"]
