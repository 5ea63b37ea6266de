"""The announcement rule on pages written for the test: funder, programme, total, count."""
from services.extractor.extract import DEFAULT
from services.extractor.rules.announcement import find_funder, programme_terms
from shared.domain import TextDocument


def facts(text: str, title: str | None = None):
    return DEFAULT.extract(TextDocument(text=text, title=title)).announcement


def test_listed_funder_under_any_of_its_names():
    assert find_funder("Funding from DfE will reach 40 schools.") == "Department for Education"
    assert find_funder("The Department for Levelling Up, Housing & Communities confirmed the bids.") == \
        "Department for Levelling Up Housing and Communities"


def test_unlisted_funder_from_who_gives_the_money():
    text = "Harbour Arts has been awarded £40,000 by the Coastal Communities Endowment to restore a pier."
    assert find_funder(text) == "Coastal Communities Endowment"
    assert find_funder("The Northgate Giving Circle has announced six grants.") == "Northgate Giving Circle"


def test_people_are_not_funders():
    assert find_funder("Minister for Carers Jane Smith has announced new money.") is None
    assert find_funder("Jane Smith announced the grants today.") is None


def test_total_is_not_one_recipients_award_or_share():
    f = facts("The Department for Education has announced £12m for 9 projects.\n"
              "Rutland County Council's bid won a £1m share of the fund.\n"
              "Harbour Trust has been awarded £2m to run clubs.", title="£12m for nine projects")
    assert int(f.total_amount) == 12_000_000 and f.projects == 9
    only = facts("Rutland County Council said its £1m share of the fund would pay for clubs.\n"
                 "Rutland County Council has been awarded £1m.")
    assert only.total_amount is None


def test_programme_terms_ignore_generic_words():
    assert programme_terms(["the government's holiday activities and food pilot",
                            "Holiday Activities Fund"]) == ["activities", "food", "holiday"]
