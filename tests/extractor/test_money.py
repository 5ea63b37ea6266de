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


@pytest.mark.parametrize("text", ["Riverside gets £2.5m, Northgate nearly £750k and Harbour US$3 million; 40 clubs, 2024.",
                                  "A $1,200 bursary, €45,000 for the hall and £1.1bn across the country.",
                                  "No amount here, only 40 clubs in 2024."])
def test_amounts_read_the_same_whether_or_not_the_page_writes_currency_codes(text):
    # find_money tries the currency codes only on texts that write one: both ways read the same symbols
    with_code = find_money(text + " Also EUR 5,000.")
    assert [(m.start, m.end, m.value, m.currency) for m in find_money(text)] == \
        [(m.start, m.end, m.value, m.currency) for m in with_code[:-1]]
    assert (with_code[-1].value, with_code[-1].currency) == (Decimal(5000), "EUR")
