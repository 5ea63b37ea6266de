"""Choosing an award's values from the statements behind it."""
import datetime as dt

from services.extractor.values import Stated, choose_values

FETCHED = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def stated(i: int, amount: int, published: str, confidence: float | None, **more) -> Stated:
    values = {"recipient": "Harbour Arts Trust", "amount": amount, "currency": "GBP", "confidence": confidence,
              **more}
    return Stated(i, i, "harbour arts", f"quote {i}", values, dt.date.fromisoformat(published), FETCHED)


def test_a_doubtful_later_statement_does_not_outrank_a_confident_one():
    chosen, choices = choose_values([stated(1, 50000, "2026-01-10", 0.96), stated(2, 5000, "2026-02-01", 0.4)])
    assert chosen["amount"] == 50000 and choices["amount"]["reason"] == "more confident statement"
    assert chosen["confidence"] == 0.96


def test_between_confident_statements_the_most_recent_still_wins():
    chosen, choices = choose_values([stated(1, 50000, "2026-01-10", 0.96), stated(2, 55000, "2026-02-01", 0.91)])
    assert chosen["amount"] == 55000 and choices["amount"]["reason"] == "most recent statement"


def test_statements_without_an_estimate_rank_as_confident_and_give_none():
    chosen, _ = choose_values([stated(1, 50000, "2026-01-10", None)])
    assert chosen["amount"] == 50000 and chosen["confidence"] is None


def test_the_record_takes_the_confidence_of_the_statement_whose_amount_it_took():
    chosen, _ = choose_values([stated(1, 50000, "2026-01-10", 0.8), stated(2, 50000, "2026-02-01", 0.97),
                               stated(3, 61000, "2026-03-01", 0.75)])
    assert chosen["amount"] == 61000 and chosen["confidence"] == 0.75


def test_the_reason_is_the_rank_that_beat_the_best_other_figure():
    # the two figures were said on the same day; an older statement of the chosen one does not make
    # the choice "the most recent"
    chosen, choices = choose_values([stated(1, 48250, "2026-01-10", 0.9), stated(2, 48000, "2026-02-01", 0.9),
                                     stated(3, 48250, "2026-02-01", 0.9)])
    assert chosen["amount"] == 48250 and choices["amount"]["reason"] == "most specific statement"
    assert [o["value"] for o in choices["amount"]["others"]] == [48000]


def test_an_explicit_correction_wins_over_a_later_figure():
    chosen, choices = choose_values([stated(1, 30000, "2026-01-10", 0.9, correction=True),
                                     stated(2, 35000, "2026-03-01", 0.95)])
    assert chosen["amount"] == 30000 and choices["amount"]["reason"] == "corrected by document 1"


def test_one_figure_said_twice_agrees():
    _, choices = choose_values([stated(1, 30000, "2026-01-10", 0.9), stated(2, 30000, "2026-03-01", 0.95)])
    assert choices["amount"]["reason"] == "all statements agree"
    _, choices = choose_values([stated(1, 30000, "2026-01-10", 0.9)])
    assert choices["amount"]["reason"] == "only statement"
