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
    ("£736,000", 736000, "GBP"), ("£3.6m", 3600000, "GBP"), ("£13.7 million", 13700000, "GBP"),
    ("£760k", 760000, "GBP"), ("$3 million", 3000000, "USD"), ("€400,000", 400000, "EUR"),
    ("EUR 3,000,000", 3000000, "EUR"), ("£6.3bn", 6300000000, "GBP"), ("$1,874,316", 1874316, "USD"),
    ("£7m", 7000000, "GBP"), ("£2.3 billion", 2300000000, "GBP"), ("£3mn", 3000000, "GBP"),
    ("GBP7m", 7000000, "GBP"), ("USD 290,000", 290000, "USD"), ("£ 43,000", 43000, "GBP"),
    # decimals and attached capital multipliers
    ("€27,139,040.00", Decimal("27139040.00"), "EUR"), ("£31,418.50", Decimal("31418.50"), "GBP"),
    ("$1.7M", 1700000, "USD"), ("$360K", 360000, "USD"), ("$1.3B", 1300000000, "USD"),
    ("£6.3 bn", 6300000000, "GBP"),
    # prefixes
    ("US$3 million", 3000000, "USD"), ("U.S.$450,000", 450000, "USD"), ("CA$3.5m", 3500000, "CAD"),
    ("C$800,000", 800000, "CAD"), ("CAD 1.7 million", 1700000, "CAD"), ("A$17.9m", 17900000, "AUD"),
    ("AU$670k", 670000, "AUD"), ("AUD 80,000", 80000, "AUD"), ("NZ$7m", 7000000, "NZD"),
    ("NZD 75,000", 75000, "NZD"), ("GBP 14,000", 14000, "GBP"), ("AUD$2.9m", 2900000, "AUD"),
    ("USD$46,000", 46000, "USD"),
    # currency after the number
    ("3,000,000 euros", 3000000, "EUR"), ("6,000 pounds", 6000, "GBP"), ("3 million dollars", 3000000, "USD"),
    ("7m EUR", 7000000, "EUR"), ("1.7 million pounds", 1700000, "GBP"), ("46,000 pounds sterling", 46000, "GBP"),
    ("3 million Canadian dollars", 3000000, "CAD"), ("7 million Australian dollars", 7000000, "AUD"),
    ("800,000 New Zealand dollars", 800000, "NZD"), ("70 million US dollars", 70000000, "USD"),
    ("290,000 euro", 290000, "EUR"), ("760k GBP", 760000, "GBP"),
    # in words
    ("seventy million pounds", 70000000, "GBP"), ("seven million dollars", 7000000, "USD"),
    ("three million euros", 3000000, "EUR"), ("six thousand pounds", 6000, "GBP"),
    ("a million pounds", 1000000, "GBP"), ("half a million pounds", 500000, "GBP"),
    ("twenty-seven million dollars", 27000000, "USD"), ("twenty seven million dollars", 27000000, "USD"),
    ("three and a half million euros", 3500000, "EUR"), ("a quarter of a million pounds", 250000, "GBP"),
    ("four hundred and seventy thousand pounds", 470000, "GBP"), ("a hundred thousand dollars", 100000, "USD"),
    ("Forty-Seven Million Pounds", 47000000, "GBP"), ("eleven pounds", 11, "GBP"),
])
def test_forms(written, value, currency):
    text = f"The Harbour Arts Trust will receive {written} from the Northvale Fund."
    assert read(text) == [(written, Decimal(value), currency)]


def test_a_bare_dollar_is_usd_unless_its_prefix_says_otherwise():
    assert [c for _, _, c in read("$7m, US$7m, C$7m, A$7m, NZ$7m and $7m again")] == \
        ["USD", "USD", "CAD", "AUD", "NZD", "USD"]


def test_amount_at_the_start_and_end_of_the_text():
    assert read("£7m") == [("£7m", 7000000, "GBP")]
    assert read("A$2.5bn") == [("A$2.5bn", 2500000000, "AUD")]
    assert read("eleven pounds") == [("eleven pounds", 11, "GBP")]


def test_a_million_pound_adjective():
    assert read("a seven-million-pound grant for Wharfside Youth") == [("seven-million-pound", 7000000, "GBP")]
    assert read("a 640-euro prize") == [("640-euro", 640, "EUR")]


@pytest.mark.parametrize("text,written", [
    ("Harbour Arts Trust got $2.7 M last year.", "$2.7"),     # a letter multiplier only when attached
    ("vouchers worth £11 M&S style", "£11"),
    ("£11mango", "£11"),
])
def test_letter_multipliers_only_attached(text, written):
    assert [w for w, _, _ in read(text)] == [written]


def test_several_amounts_in_order():
    text = ("Harbour Arts Trust gets £3.5m, Northvale nearly £760k, Wharfside 3,000,000 euros, "
            "Millbrook seventy million pounds and Eastfield EUR 6,000.")
    assert [w for w, _, _ in read(text)] == [
        "£3.5m", "£760k", "3,000,000 euros", "seventy million pounds", "EUR 6,000"]


def test_a_code_between_two_numbers_starts_the_second_as_money_py_reads_it():
    assert read("Totals were 7m EUR 3m in all.") == [("EUR 3m", 3000000, "EUR")]


def test_a_symbol_amount_followed_by_a_currency_word_is_read_once():
    assert read("They gave £ 7 million pounds and $3m dollars.") == \
        [("£ 7 million", 7000000, "GBP"), ("$3m", 3000000, "USD")]


# ---- offsets ----

@pytest.mark.parametrize("written", ["£3 million", "US$3.5m", "3 million dollars", "half a million pounds",
                                     "3 million Canadian dollars", "€27,139,040.00", "NZD 75,000"])
def test_offsets_point_at_the_amount(written):
    text = f"Harbour Arts Trust is to receive nearly {written}, the Northvale Fund said."
    (m,) = find_amounts(text, offset=100)
    assert text[m.start - 100:m.end - 100] == written
    (m,) = find_amounts(text)
    assert text[m.start:m.end] == written


def test_offsets_of_several_amounts():
    text = "Up to £3m each; in total c.£7m and some three million euros."
    assert [text[m.start:m.end] for m in find_amounts(text)] == ["£3m", "£7m", "three million euros"]


# ---- qualifiers and caps ----

@pytest.mark.parametrize("qualifier", [
    "nearly", "almost", "around", "about", "approximately", "roughly", "some", "more than", "over",
    "just over", "just under", "under", "less than", "at least", "close to", "in excess of", "upwards of",
    "an estimated", "approx.", "circa", "c.", "c", "in the region of", "a little over", "well over",
])
def test_qualifiers_make_an_amount_approximate(qualifier):
    for amount in ("£3.5m", "three million euros", "400,000 dollars"):
        m = one(f"The Harbour Arts Trust will get {qualifier} {amount} this year.")
        assert (m.qualifier, m.approximate, is_cap(m)) == (qualifier, True, False)


def test_qualifier_forms():
    assert one("Northvale gets c.£7m").qualifier == "c."
    assert one("In the Region of £6.7m was set aside").qualifier == "in the region of"   # lower-cased
    assert one("worth (about £7m)").qualifier == "about"
    assert one("nearly a million pounds").qualifier == "nearly"
    assert one("more than half a million pounds").qualifier == "more than"
    m = one("The Harbour Arts Trust gets £187,614.")
    assert (m.qualifier, m.approximate) == (None, False)


@pytest.mark.parametrize("text", ["a moreover £7m", "the discount £7m", "handsome £7m"])
def test_qualifier_words_inside_other_words_are_not_qualifiers(text):
    assert one(text).qualifier is None


@pytest.mark.parametrize("cap", ["up to", "a maximum of", "capped at", "as much as", "no more than", "a ceiling of"])
def test_caps_are_not_approximate(cap):
    m = one(f"Harbours may bid for {cap} £3m each.")
    assert (m.qualifier, m.approximate, is_cap(m)) == (cap, False, True)


def test_no_more_than_is_a_cap_not_more_than():
    assert is_cap(one("no more than £7m")) and not is_cap(one("more than £7m"))


@pytest.mark.parametrize("text,approximate", [
    ("a £17m-plus squeeze", True), ("a £17m+ package", True), ("it costs £17m plus.", True),
    ("£17m plus in new investment", True), ("£7m plus VAT", False),
])
def test_plus_after_an_amount(text, approximate):
    m = one(text)
    assert text[m.start:m.end] in ("£17m", "£7m")                   # "-plus" is not part of the amount
    assert m.approximate is approximate and m.qualifier == ("plus" if approximate else None)


def test_plus_between_two_amounts_is_an_addition():
    assert [(m.value, m.approximate) for m in find_amounts("£7m plus £3m of match funding")] == \
        [(7000000, False), (3000000, False)]


# ---- what is not money ----

@pytest.mark.parametrize("text", [
    "Attendance rose 25% in 2021.",
    "a 5 per cent rise and a 3 percent fall",
    "£50% of the places",                               # a percentage, even after a symbol
    "In 2021 there were 4,300 visitors.",
    "Call 0800 123 4567 or 020 7946 0958.",
    "It has 250 members and 1,340 volunteers.",
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
    assert read("in 2021 EUR 7m went to Harbour Arts Trust") == [("EUR 7m", 7000000, "EUR")]


def test_a_phone_number_does_not_become_an_amount_before_a_currency_word():
    assert read("Ring 0800 123 4567 pounds of support") == []


def test_years_and_percentages_next_to_money():
    text = "In 2021, 40% of the £3m went to Harbour Arts Trust; 2022 brought 7,400 euros."
    assert [w for w, _, _ in read(text)] == ["£3m", "7,400 euros"]


# ---- ranges ----

@pytest.mark.parametrize("text,written", [
    ("grants of £70m to £80m", ["£70m", "£80m"]),
    ("salary £33,418 - £36,902 a year", ["£33,418", "£36,902"]),
    ("awards between £70m and £80m", ["£70m", "£80m"]),
    ("awards of between about £70m and £80m", ["£70m", "£80m"]),
    ("from £70m–£80m", ["£70m", "£80m"]),
    ("between 3 million euros and 7 million euros", ["3 million euros", "7 million euros"]),
])
def test_both_ends_of_a_range_are_read_and_in_range(text, written):
    found = find_amounts(text)
    assert [text[m.start:m.end] for m in found] == written
    assert all(in_range(text, m) for m in found)


def test_range_with_a_bare_far_end():
    text = "grants of £70-90m for Harbour Arts Trust"
    (m,) = find_amounts(text)
    assert text[m.start:m.end] == "£70" and in_range(text, m)


@pytest.mark.parametrize("text", [
    "Harbour Arts Trust gets £70m and Northvale gets £80m.",
    "Harbour Arts Trust gets £70m and £80m goes to Northvale.",
    "£7m to 12 charities",
    "£7m to Harbour Arts Trust, £3m to Northvale",
    "£7m, £3m and £3.5m",
])
def test_not_ranges(text):
    assert not any(in_range(text, m) for m in find_amounts(text))


def test_in_range_with_an_offset():
    text = "It offers £70m to £80m."
    found = find_amounts(text, offset=500)
    assert len(found) == 2 and all(in_range(text, m, offset=500) for m in found)
    assert not in_range("It offers £70m.", find_amounts("It offers £70m.", offset=7)[0], offset=7)


# ---- agreement with money.py ----

@pytest.mark.parametrize("text", [
    "Rutland-like Harbour Council will be handed £3 million.",
    "Brookside gets £3.5m, Northvale nearly £760k and Harbour US$3 million; 40 clubs, 2024. Also EUR 6,000.",
    "Harbours may bid for up to £3m each, with about £400,000 for most and more than £70m overall.",
    "The Wharfside Fund gives £6.3bn, $1,874,316 and €400,000; almost £17m went to an estimated 40 groups.",
    "grants of approx. £6,000 and usd 20,000 and eur 3,000,000",
])
def test_agrees_with_money_py_on_what_it_reads(text):
    assert find_amounts(text, offset=9) == find_money(text, offset=9)


# ---- the guard ----

def test_the_guard_passes_text_that_only_looks_like_money():
    # hints of a currency word without one, and symbols without numbers: still nothing, and no error
    for text in ("European funding for the compound", "$ and £ and €", "EUR EUR", "pounds", "CAD"):
        assert find_amounts(text) == []


def test_text_whose_lower_case_changes_length():
    text = "İstanbul Sanat Vakfı gets seven million pounds and EUR 3m."
    assert [w for w, _, _ in read(text)] == ["seven million pounds", "EUR 3m"]


def test_thousands_separated_by_spaces():
    from services.extractor.reader.amounts import find_amounts
    assert [m.value for m in find_amounts("grants of £20 000 and €1 250 000, and £3,500", 0)] == [20000, 1250000, 3500]


def test_a_bare_dollar_on_a_page_about_one_dollar_country_is_its_dollar():
    from services.extractor.reader.extractor import page_dollars
    from shared.domain import TextDocument
    assert page_dollars(TextDocument(text="Lowmere, Ontario will get $2 million for housing.")) == "CAD"
    assert page_dollars(TextDocument(text="A Queensland shire wins $500,000.")) == "AUD"
    assert page_dollars(TextDocument(text="Lowmere, Ontario and Eastbrook, Texas share $2 million.")) == "USD"
    assert page_dollars(TextDocument(text="The Lowmere Trust gets $2 million.")) == "USD"


@pytest.mark.parametrize("written, value, currency", [
    ("a grant of ₹5 crore each", Decimal("50000000"), "INR"),
    ("Rs 80 lakh for each group", Decimal("8000000"), "INR"),
    ("Rs. 2.5 lakh", Decimal("250000"), "INR"),
    ("INR 5,000,000 in all", Decimal("5000000"), "INR"),
    ("to the amount of R1,3 million each", Decimal("1300000"), "ZAR"),
    ("R2.5 million for the school", Decimal("2500000"), "ZAR"),
    ("R250 000 for the hall", Decimal("250000"), "ZAR"),
])
def test_rupees_with_crore_and_lakh_and_rand(written, value, currency):
    found = find_amounts(written)
    assert [(m.value, m.currency) for m in found] == [(value, currency)]
    assert written[found[0].start:found[0].end].startswith(("₹", "Rs", "INR", "R"))


@pytest.mark.parametrize("text", ["the R2 road to R&D park", "Route R12 and R5 buses", "Rs and Rt"])
def test_road_numbers_and_letters_are_not_rand_or_rupees(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Lowmere Arts Council (10,533$)", [("10,533$", Decimal("10533"), "CAD")]),
    ("une subvention de 125 000 $ pour la salle", [("125 000 $", Decimal("125000"), "CAD")]),
    ("un prix de 40 000 € au total", [("40 000 €", Decimal("40000"), "EUR")]),
    ("tickets cost 5 $10 each", [("$10", Decimal("10"), "USD")]),
    ("the 2020 $ figure", []),
])
def test_a_symbol_written_after_the_number_as_french_writes_it(text, expected):
    assert read(text) == expected
