"""A page that presents itself as a correction: its amounts win over earlier statements."""
import pytest

from services.extractor.corrections import says_corrected


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


@pytest.mark.parametrize("cue", ["UPDATE:", "CORRECTION:", "correction", "corrected", "has been amended",
                                 "amended to", "the exact sum", "the exact figure", "the exact amount", "final figure",
                                 "final grant figure"])
def test_every_cue_is_found_in_a_sentence_in_any_case(cue):
    for form in (cue, cue.upper(), cue.capitalize()):
        assert says_corrected(f"Harbour Arts receives £40,000. {form} The pier reopens in May.")
    # a cue inside another word is not one
    assert not says_corrected(f"Harbour Arts receives £40,000. Un{cue.lower().replace(' ', '')}x")
