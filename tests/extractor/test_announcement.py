"""The announcement rule on pages written for the test: funder, programme, total, count."""
from services.extractor.readers import DEFAULT
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


def test_funder_phrases_found_from_their_verbs_are_what_the_patterns_find():
    """find_funder tries GIVER_RX and ANNOUNCER_RX only where their verbs are; on texts made of the
    words they turn on (names, verbs, line breaks between words), that finds what finditer finds."""
    import random

    from services.extractor.rules import announcement as a

    words = ["awarded", "funded by", "backed", "by", "the", "Arts", "Council", "England", "announced", "has",
             "named", "\n", "\t", "renamed", "unawarded", "Big", "Lottery", "Fund", "(ACE)", "of", "and", "&",
             "confirmed", "granted", "financed by", "£2m", "x"]
    rng = random.Random(7)
    found = 0
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        givers = [m.span() for m in a.GIVER_RX.finditer(text)]
        announcers = [m.span() for m in a.ANNOUNCER_RX.finditer(text)]
        assert [m.span() for m in a._givers(text)] == givers, text
        assert [m.span() for m in a._announcers(text)] == announcers, text
        found += len(givers) + len(announcers)
    assert found > 300


def test_programme_words_are_found_as_whole_words():
    from services.extractor.rules.announcement import PROGRAMME_END_WORDS, _word_ends

    import re

    text = "Refunds from the Fund, the Funds and the fund_x; a Programme. Its Program|pilot-fund Programmes"
    ends = _word_ends(text, PROGRAMME_END_WORDS)
    assert [re.search(r"\w+$", text[:end]).group() for end in ends] == ["Fund", "Programme", "Program", "pilot", "fund"]
