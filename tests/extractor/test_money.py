from decimal import Decimal

import pytest

from services.extractor.money import find_money, is_cap, precision


@pytest.mark.parametrize("text,value,currency", [
    ("£744,000", 744000, "GBP"), ("£2.6m", 2600000, "GBP"), ("£11.6 million", 11600000, "GBP"),
    ("£750k", 750000, "GBP"), ("$2 million", 2000000, "USD"), ("€500,000", 500000, "EUR"),
    ("EUR 1,000,000", 1000000, "EUR"), ("£4.8bn", 4800000000, "GBP"), ("$1,987,612", 1987612, "USD"),
])
def test_amounts_and_currencies(text, value, currency):
    (m,) = find_money(f"It gets {text} this year.")
    assert m.value == Decimal(value) and m.currency == currency


@pytest.mark.parametrize("phrase,approx", [("nearly £2m", True), ("almost £15m", True), ("more than £16m", True),
                                           ("about £200,000", True), ("£306,150", False)])
def test_hedged_amounts_are_approximate(phrase, approx):
    assert find_money(phrase)[0].approximate is approx


def test_caps_are_not_sums_paid():
    m = find_money("Councils could apply for up to £1m each")[0]
    assert is_cap(m) and not m.approximate


def test_offsets_point_at_the_amount():
    text = "Rutland County Council has been awarded £2 million."
    m = find_money(text, offset=100)[0]
    assert text[m.start - 100:m.end - 100] == "£2 million"


def test_precision_prefers_exact_figures():
    assert precision(find_money("$1,987,612")[0]) > precision(find_money("$2 million")[0])


def test_text_without_currency_codes_is_read_by_the_pattern_without_them():
    from services.extractor import money

    assert money._SYMBOL_MONEY_RX.pattern != money.MONEY_RX.pattern      # the codes' alternative was removed
    text = "Riverside gets £2.5m, Northgate nearly £750k and Harbour US$3 million; 40 clubs, 2024."
    spans = [m.span() for m in money.MONEY_RX.finditer(text)]
    assert [m.span() for m in money._SYMBOL_MONEY_RX.finditer(text)] == spans and len(spans) == 3
    assert [(int(m.value), m.currency) for m in find_money(text + " Also EUR 5,000.")] == \
        [(2500000, "GBP"), (750000, "GBP"), (3000000, "USD"), (5000, "EUR")]
