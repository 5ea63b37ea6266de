"""A page that presents itself as a correction: its amounts win over earlier statements."""
import re

import pytest

from services.extractor.consolidate import _CORRECTION_WORDS, CORRECTION_RX, says_corrected


@pytest.mark.parametrize("text", ["CORRECTION: Riverside Trust receives £5m, not £3m.",
                                  "Update: the grant to Harbour Arts has been amended to £40,000.",
                                  "This article was corrected on 4 May.", "The exact sum is £1,987,612.",
                                  "The final grant figure for Northgate is £2.1m."])
def test_corrections(text):
    assert says_corrected(text) and says_corrected(text.upper())


@pytest.mark.parametrize("text", ["Riverside Trust receives £5m.", "A final report is due in May.",
                                  "Updates on the fund will follow.", ""])
def test_not_corrections(text):
    assert not says_corrected(text)


def test_every_form_of_the_pattern_holds_one_of_the_words_looked_for_first():
    forms = ["UPDATE:", "CORRECTION:", "correction", "corrected", "has been amended", "amended to",
             "the exact sum", "the exact figure", "the exact amount", "final figure", "final grant figure"]
    assert all(CORRECTION_RX.fullmatch(f) for f in forms)
    # the forms above are all the pattern's alternatives (a new one needs its word in _CORRECTION_WORDS)
    top_level = re.sub(r"\(\?:[^()]*\)", "", CORRECTION_RX.pattern).count("|") + 1
    assert top_level == 8
    assert [f for f in forms if not any(w in f.lower() for w in _CORRECTION_WORDS)] == []
