"""The reader's announcement facts: the funder and the programme read from general cues.
Every funder, recipient and programme below is made up."""
from __future__ import annotations

import time

import pytest

from services.extractor.reader.facts import announcement_facts, find_funder, find_programme
from services.extractor.rules.announcement import announcement_facts as shared_facts
from shared.domain import AwardStatement, TextDocument


def doc(text: str, title: str | None = None, sitename: str | None = None) -> TextDocument:
    return TextDocument(text=text, title=title, sitename=sitename)


def award(text: str, recipient: str) -> AwardStatement:
    start = text.index(recipient)
    return AwardStatement(recipient=recipient, quote=text[start:start + 80], start=start, end=start + 80)


def funder(text: str, title: str | None = None, recipients: tuple[str, ...] = (), sitename: str | None = None):
    d = doc(text, title, sitename)
    return find_funder(d, [award(text, r) for r in recipients])


def programme(text: str, title: str | None = None, recipients: tuple[str, ...] = (), funder_name: str | None = None):
    d = doc(text, title)
    return find_programme(d, [award(text, r) for r in recipients], funder_name)


def words(s: str | None) -> set[str]:
    return set((s or "").lower().replace(",", " ").split())


# --- funder: who gives, in any position and voice --------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # "X has awarded / committed / chosen ... £Y"
    ("The Wexley Foundation has awarded £48,250 to Harbour Arts Trust.", "Wexley Foundation"),
    ("The Wexley Foundation has committed £3m to twelve youth clubs.", "Wexley Foundation"),
    ("Brannock Philanthropies on Thursday named seven harbours as finalists for its lighthouse award.",
     "Brannock Philanthropies"),
    ("Marram Ocean Science UK and the Kessock Marine Institute (KMI) today selected three crews.",
     "Marram Ocean Science UK"),
    ("The Wexley Foundation is awarding £480k between six harbour towns.", "Wexley Foundation"),
    # passive: "awarded by X", "funded jointly by X", "administered by X", "managed by X"
    ("Harbour Arts has been awarded £36,750 by the Wexley Foundation.", "Wexley Foundation"),
    ("The observatory's upgrade is funded jointly by the Kessock Science Foundation.", "Kessock Science Foundation"),
    ("Each of the small grants will be administered by the Northshire Community Trust.", "Northshire Community Trust"),
    ("The scheme is managed by the Fenland Rivers Partnership Body (FRPB).", "Fenland Rivers Partnership Body"),
    # "a grant from X", "£Y from X", "with funding from X"
    ("Harbour Arts will use a grant from the Wexley Foundation to restore the pier.", "Wexley Foundation"),
    ("Harbour Arts receives £48,250 from the Wexley Foundation.", "Wexley Foundation"),
    ("The clubs will open with funding from the Wexley Foundation this summer.", "Wexley Foundation"),
    # "X's £Y fund / programme", possessive programme owners
    ("Six towns share the Wexley Foundation's £7m Open Doors programme.", "Wexley Foundation"),
    ("Harbour Arts is among the towns picked for the Wexley Foundation's Open Doors programme.", "Wexley Foundation"),
    # "X, which manages/runs the fund"
    ("The Tarrow Housing Corporation, which runs the fund, said more deals would follow.",
     "Tarrow Housing Corporation"),
    # abroad: government and agency shapes
    ("The loan scheme is run by the Government of Norland and lends to ferry operators.", "Government of Norland"),
    ("The U.S. Department of Harbours unveiled its pilot awards on Friday.", "U.S. Department of Harbours"),
])
def test_funder_phrases(text, expected):
    assert funder(text) == expected


def test_funder_label():
    assert funder("Host: Brannock University\nFunders: Kessock Science Foundation and Orrel "
                  "Foundation\nLength: three years") == "Kessock Science Foundation"
    assert funder("- Funder\n- Wexley Foundation, Tacoma, WA\n- Recipient\n- Harbour University") == "Wexley Foundation"


def test_funder_named_by_source_line():
    text = "Seven ports win £3m each.\nEnquiries: harbour desk.\nSOURCE Brannock Philanthropies"
    assert funder(text) == "Brannock Philanthropies"


def test_funder_in_the_title_counts_more():
    text = "Harbour Arts and Tidewell Trust won grants. Later the Orrel Trust gave advice."
    assert funder(text, title="Wexley Foundation's £3m for the coast: where the money lands") == "Wexley Foundation"


def test_acronym_counts_for_the_full_name():
    text = ("The Northmoor Institute for Coastal Research (NICR) set out its round in May. "
            "NICR has now awarded £7m to Harbour University. NICR said more would follow.")
    assert funder(text, recipients=("Harbour University",)) == "Northmoor Institute for Coastal Research"


def test_ministers_title_names_the_department():
    text = "Harbourside Minister Jane Pell announced £3m for ten councils on Thursday."
    assert words(funder(text)) >= {"department", "harbourside"}
    text = ("Housing minister Tom Vell named the ports on Tuesday. The grants come from a scheme shared by the "
            "Ministry of Housing and Towns and the Wexley Trust.")
    assert funder(text) == "Ministry of Housing and Towns"


def test_the_ministry_the_page_goes_on_naming():
    text = ("Safe Moorings is a programme of the Ministry of Coastal Affairs and the Tidewell Fund. "
            "The ministry has picked eight ports, and the ministry expects more to join next spring.")
    assert funder(text) == "Ministry of Coastal Affairs"


def test_capital_standing_for_its_government():
    text = "Stormont has agreed nine harbour deals under its scheme. Stormont says a second batch is due in June."
    assert funder(text) == "Northern Ireland Executive"


# --- never a funder --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,recipients", [
    # a recipient, in any voice
    ("Harbour Arts Trust has been awarded £48,250 to restore the pier.", ("Harbour Arts Trust",)),
    ("The Wexley Foundation has awarded £48,250 to the Tidewell Trust.", ("Wexley Foundation",)),
    # a person
    ("Jane Pell announced the grants today.", ()),
    ("Professor Jane Pell has awarded the prize in past years.", ()),
    # a newspaper, a programme, a place
    ("The Northshire Gazette has revealed the list of winners.", ()),
    ("The new £70m Harbour Repair Fund opened in early April.", ()),
    ("The money came from UK taxpayers, and £3m from EU budgets.", ()),
    ("Westby's Lamplight Gallery, named Gallery of the Decade, receives £730,000.", ()),
])
def test_not_a_funder(text, recipients):
    assert funder(text, recipients=recipients) is None


def test_the_site_that_publishes_is_not_the_funder():
    assert funder("Harbour Weekly Review has confirmed the figures.", sitename="Harbour Weekly Review") is None


# --- programme ---------------------------------------------------------------------------------------

def test_named_programme_the_page_speaks_of_most():
    text = ("Ten towns will share £7m from the Open Doors Fund. The Open Doors Fund was founded in 2019. "
            "Harbour Arts will use £48,250 to develop the Seaside Stories programme.")
    assert programme(text, recipients=("Harbour Arts",)) == "Open Doors Fund"


def test_appositive_names_the_programme():
    text = "Safe Moorings, a joint programme backed by two funders, will pay £57m to 11 ports."
    assert programme(text) == "Safe Moorings"


def test_round_of_and_acronyms_spelled_out():
    text = ("The Wexley Institute funds harbour survey units (HSUs) along the coast. "
            "Round three of the HSUs shares £480m among 14 units.")
    assert programme(text, title="Round three of the HSUs: winners named") == "harbour survey units"


def test_its_round_and_open_call():
    text = "Each pilot was chosen in the Wexley Trust's second competitive funding call."
    assert words(programme(text)) >= {"competitive", "funding", "call"}
    assert programme("Its second, regional funding round closed in October.") is not None


def test_title_and_heading_name_the_programme():
    text = "Parish grants: winners named\nThe council will hand £36,750 to clubs."
    assert words(programme(text)) >= {"parish", "grants"}


def test_capitalised_name_before_a_lower_case_programme_word():
    text = ("Two ports were announced to take forward pilots originally funded through the Wexley Trust's "
            "Harbour Kindling Programme. The Safer Quays, Brighter Harbours programme will extend them. "
            "The new programme starts in June.")
    assert programme(text) == "Safer Quays, Brighter Harbours programme"


def test_a_recipients_own_project_is_not_the_programme():
    text = ("Six groups share the Wexley Coast Fund. Tidewell Council will get £3m to expand Tide and Tea, a "
            "scheme the council started in 2022. Westby's Anchor programme, run by Westby, gets £67k.")
    assert programme(text, recipients=("Tidewell Council",)) == "Wexley Coast Fund"


def test_the_funder_is_not_its_own_programme():
    text = "The Wexley Endowment Fund has awarded £730k in the Wexley Endowment Fund's first round."
    assert programme(text, funder_name="Wexley Endowment Fund") != "Wexley Endowment Fund"


# --- the facts -------------------------------------------------------------------------------------

def test_facts_keep_the_shared_rule_and_improve_it():
    text = ("Northshire Council has awarded £48,250 to Harbour Arts Trust under its Coastal Stories "
            "Fund, a scheme for seaside towns. Harbour Arts Trust will restore the pier.")
    d, awards = doc(text, title="£48,250 for the pier"), [award(text, "Harbour Arts Trust")]
    facts = announcement_facts(d, awards)
    assert facts.funder == "Northshire Council"
    assert facts.programme == "Coastal Stories Fund"
    shared = shared_facts(d, awards)          # the rest is the shared rule's
    assert (facts.total_amount, facts.projects, facts.programme_terms) == \
        (shared.total_amount, shared.projects, shared.programme_terms)


def test_fast_on_a_long_page():
    text = " ".join(["The Wexley Foundation has awarded £48,250 to Harbour Arts Trust under its Open Doors "
                     "programme, run by the Northshire Community Trust (NCT), which manages the fund."] * 60)
    d = doc(text, title="Wexley Foundation's Open Doors grants: who gets what")
    announcement_facts(d, [])
    start = time.perf_counter()
    announcement_facts(d, [])
    # a guard against a pattern that runs away on a long page (seconds), not a speed figure: the
    # reader's speed is measured by `make bench`
    assert time.perf_counter() - start < 1.0
