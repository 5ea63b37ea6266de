"""Partners named in a sentence of their own, and an award's project where it names no work of its
own, read through the whole reader. Every organisation, place and amount below is made up."""
from __future__ import annotations

from services.extractor.reader.extractor import GeneralReader
from shared.domain import TextDocument


def read(text: str, title: str = "Grants announced") -> dict[str, object]:
    doc = TextDocument(text=text, title=title)
    return {a.recipient: a for a in GeneralReader().extract(doc).awards}


def test_partners_in_a_later_sentence_go_to_the_award_named_before_them():
    awards = read("The Tarnvale Institute has been awarded £3.4m to build a tidal energy test bed.\n"
                  "The test bed will open in two years.\n"
                  "Its partners are Wexmoor Marine Ltd, the Eastbrook Port Authority and Corrabeg Engineering.")
    assert set(awards["Tarnvale Institute"].partners) >= {"Wexmoor Marine Ltd", "Eastbrook Port Authority",
                                                          "Corrabeg Engineering"}


def test_partners_named_before_their_cue():
    awards = read("The University of Lowmere will receive £2.2m to open a robotics centre.\n"
                  "Halden Robotics, Orvik Systems and the Lowmere Hospitals Trust are among the consortium partners.")
    assert set(awards["University of Lowmere"].partners) >= {"Halden Robotics", "Orvik Systems",
                                                             "Lowmere Hospitals Trust"}


def test_partners_after_the_recipient_named_again_with_them():
    awards = read("Dunmore University has been awarded £1.9m for a Centre for Open Ledgers.\n"
                  "The centre will have twenty staff.\n"
                  "Developed by Dunmore University with Quayside Fintech and the Ledger Standards Association, "
                  "the centre will study open finance.", title="Ledger centre funded")
    assert set(awards["Dunmore University"].partners) >= {"Quayside Fintech", "Ledger Standards Association"}


def test_a_partner_sentence_between_two_awards_gives_neither_a_partner():
    awards = read("The Harbour Trust will receive £40,000 and the Quay Players will receive £35,000.\n"
                  "Their partners include Marlow Sound Ltd and the Eastgate Arts Forum.")
    assert awards["Harbour Trust"].partners == [] and awards["Quay Players"].partners == []


def test_an_award_that_names_no_work_of_its_own_takes_the_programme_as_its_project():
    awards = read("Twelve councils have been chosen for the Warm Streets Pathfinder programme.\n"
                  "Eastbrook Council receives £400,000 and Northvale Council receives £350,000.",
                  title="Warm Streets Pathfinder councils named")
    programme = awards["Eastbrook Council"].programme
    assert programme and "Warm Streets" in programme
    assert awards["Eastbrook Council"].project == programme


def test_a_project_the_page_states_is_kept_over_the_programme():
    awards = read("Eastbrook Council receives £400,000 from the Warm Streets Pathfinder programme to insulate "
                  "200 council homes.", title="Warm Streets Pathfinder")
    assert "insulate 200 council homes" in (awards["Eastbrook Council"].project or "")


def test_partners_named_by_their_staff():
    text = ("The Harbour Foundation has awarded £2m to the University of Lowmere for a study of council data.\n\n"
            "Councils will work with academics from the University of Lowmere, the University of Eastbrook and "
            "Quay College London.")
    (award,) = GeneralReader().extract(TextDocument(text=text)).awards
    assert sorted(award.partners) == ["Quay College London", "University of Eastbrook"]
