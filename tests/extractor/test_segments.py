"""Splitting a page's text into the units the rules read."""
from services.extractor.segments import units


def sentences(text: str) -> list[str]:
    return [u.text for b in units(text) for u in b.units if u.kind == "sentence"]


def test_paragraph_split_into_sentences_with_their_offsets():
    text = ("Intro heading\n"
            "Riverside Trust gets £5m. “It is great news!” said its director. Northgate Council gets £2m?\n"
            "- Harbour Arts - £40,000\n| Name | Award |\n")
    blocks = units(text)
    assert [b.kind for b in blocks] == ["heading", "para", "item", "row"]
    assert sentences(text) == ["Riverside Trust gets £5m.", "“It is great news!” said its director.",
                               "Northgate Council gets £2m?"]
    assert all(text[u.start:u.end] == u.text for b in blocks for u in b.units)


def test_abbreviations_and_lower_case_do_not_end_a_sentence():
    text = ("Mr. Jones of Riverside Trust Ltd. said approx. 40 clubs gain, e.g. Harbour Arts. "
            "The award was worth £3.5m. and went far. Cllr. Smith agreed. 2024 was the year.")
    assert sentences(text) == ["Mr. Jones of Riverside Trust Ltd. said approx. 40 clubs gain, e.g. Harbour Arts.",
                               "The award was worth £3.5m. and went far.", "Cllr. Smith agreed.",
                               "2024 was the year."]
