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
    ("The Wexley Foundation has awarded £40,000 to Harbour Arts Trust.", "Wexley Foundation"),
    ("The Wexley Foundation has committed £2m to twelve youth clubs.", "Wexley Foundation"),
    ("Brannock Philanthropies on Monday named nine towns as winners of its prize.", "Brannock Philanthropies"),
    ("Orrin Research UK and the Northmoor Cancer Institute (NCI) today chose four teams.", "Orrin Research UK"),
    ("The Wexley Foundation is awarding a total of £900k to nine councils.", "Wexley Foundation"),
    # passive: "awarded by X", "funded jointly by X", "administered by X", "managed by X"
    ("Harbour Arts has been awarded £40,000 by the Wexley Foundation.", "Wexley Foundation"),
    ("The new institute is funded jointly by the Kessock Science Foundation.", "Kessock Science Foundation"),
    ("The additional money will be administered by the Northshire Community Trust.", "Northshire Community Trust"),
    ("The programme is managed by the Special Upland Programmes Body (SUPB).", "Special Upland Programmes Body"),
    # "a grant from X", "£Y from X", "with funding from X"
    ("Harbour Arts will use a grant from the Wexley Foundation to restore the pier.", "Wexley Foundation"),
    ("Harbour Arts receives £40,000 from the Wexley Foundation.", "Wexley Foundation"),
    ("The clubs will open with funding from the Wexley Foundation this summer.", "Wexley Foundation"),
    # "X's £Y fund / programme", possessive programme owners
    ("Six towns share the Wexley Foundation's £5m Open Doors programme.", "Wexley Foundation"),
    ("Harbour Arts is one of the winners of the Wexley Foundation's Open Doors programme.", "Wexley Foundation"),
    # "X, which manages/runs the fund"
    ("The Tarrow Housing Corporation, which runs the fund, said more deals would follow.",
     "Tarrow Housing Corporation"),
    # abroad: government and agency shapes
    ("It is run by the Government of Norland and pays councils to build homes.", "Government of Norland"),
    ("The U.S. Department of Harbours announced the first grants on Friday.", "U.S. Department of Harbours"),
])
def test_funder_phrases(text, expected):
    assert funder(text) == expected


def test_funder_label():
    assert funder("Lead institution: Brannock University\nFunders: Kessock Science Foundation and Orrel "
                  "Foundation\nTerm: five years") == "Kessock Science Foundation"
    assert funder("- Funder\n- Wexley Foundation, Seattle, WA\n- Grantee\n- Harbour University") == "Wexley Foundation"


def test_funder_named_by_source_line():
    text = "Nine towns win £1m each.\nMedia contact: press office.\nSOURCE Brannock Philanthropies"
    assert funder(text) == "Brannock Philanthropies"


def test_funder_in_the_title_counts_more():
    text = "Harbour Arts and Tidewell Trust won grants. Later the Orrel Trust gave advice."
    assert funder(text, title="Wexley Foundation's £2m for the coast: who gets what") == "Wexley Foundation"


def test_acronym_counts_for_the_full_name():
    text = ("The Northmoor Institute for Coastal Research (NICR) set out its round in May. "
            "NICR has now awarded £5m to Harbour University. NICR said more would follow.")
    assert funder(text, recipients=("Harbour University",)) == "Northmoor Institute for Coastal Research"


def test_ministers_title_names_the_department():
    text = "Harbourside Minister Jane Pell announced £3m for ten councils on Thursday."
    assert words(funder(text)) >= {"department", "harbourside"}
    text = ("Housing minister Tom Vell announced the areas. The money is a joint programme between the "
            "Ministry of Housing and Towns and the Wexley Trust.")
    assert funder(text) == "Ministry of Housing and Towns"


def test_the_ministry_the_page_goes_on_naming():
    text = ("Changing Tides is a programme of the Ministry of Coastal Affairs and the Tidewell Fund. "
            "The ministry has confirmed 15 areas. According to the ministry, more will follow.")
    assert funder(text) == "Ministry of Coastal Affairs"


def test_capital_standing_for_its_government():
    text = "Ottawa has now signed 16 agreements under its fund. Ottawa says more are on the way."
    assert funder(text) == "Government of Canada"


# --- never a funder --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,recipients", [
    # a recipient, in any voice
    ("Harbour Arts Trust has been awarded £40,000 to restore the pier.", ("Harbour Arts Trust",)),
    ("The Wexley Foundation has awarded £40,000 to the Tidewell Trust.", ("Wexley Foundation",)),
    # a person
    ("Jane Pell announced the grants today.", ()),
    ("Professor Jane Pell has awarded the prize in past years.", ()),
    # a newspaper, a programme, a place
    ("The Northshire Gazette has revealed the list of winners.", ()),
    ("The separate £20m Coastal Resilience Fund opened on 25 March.", ()),
    ("The money came from UK taxpayers, and £2m from EU budgets.", ()),
    ("Colchester's Firstsite, named Museum of the Year, receives £700,000.", ()),
])
def test_not_a_funder(text, recipients):
    assert funder(text, recipients=recipients) is None


def test_the_site_that_publishes_is_not_the_funder():
    assert funder("Harbour Weekly Review has confirmed the figures.", sitename="Harbour Weekly Review") is None


# --- programme ---------------------------------------------------------------------------------------

def test_named_programme_the_page_speaks_of_most():
    text = ("Ten towns will share £5m from the Open Doors Fund. The Open Doors Fund was set up in 2020. "
            "Harbour Arts will use £40,000 to develop the Seaside Stories programme.")
    assert programme(text, recipients=("Harbour Arts",)) == "Open Doors Fund"


def test_appositive_names_the_programme():
    text = "Changing Tides, a joint programme between two funders, will pay £55m to 15 areas."
    assert programme(text) == "Changing Tides"


def test_round_of_and_acronyms_spelled_out():
    text = ("The Wexley Institute runs coastal research centres (CRCs) across the country. "
            "Round four of the CRCs splits £800m between 20 centres.")
    assert programme(text, title="Round four of the CRCs: who got what") == "coastal research centres"


def test_its_round_and_open_call():
    text = "The projects were funded under the Wexley Trust's first open funding call."
    assert words(programme(text)) >= {"open", "funding", "call"}
    assert programme("Its first, open funding round ran from May to July.") is not None


def test_title_and_heading_name_the_programme():
    text = "Borough grants: who is getting what\nThe council will give £245,000 to groups."
    assert words(programme(text)) >= {"borough", "grants"}


def test_capitalised_name_before_a_lower_case_programme_word():
    text = ("Three councils were unveiled, one of the projects originally run through the Wexley Trust's "
            "Innovation Programme. The Keeping Families, Protecting Children programme will roll them out. "
            "The new programme starts in May.")
    assert programme(text) == "Keeping Families, Protecting Children programme"


def test_a_recipients_own_project_is_not_the_programme():
    text = ("Six groups share the Wexley Coast Fund. Tidewell Council will get £1m to expand Fit and Fed, a "
            "scheme the council piloted. Lambeth's Divert programme, run by Lambeth, gets £50k.")
    assert programme(text, recipients=("Tidewell Council",)) == "Wexley Coast Fund"


def test_the_funder_is_not_its_own_programme():
    text = "The Wexley Endowment Fund has awarded £700k in the Wexley Endowment Fund's first round."
    assert programme(text, funder_name="Wexley Endowment Fund") != "Wexley Endowment Fund"


# --- the facts -------------------------------------------------------------------------------------

def test_facts_keep_the_shared_rule_and_improve_it():
    text = ("Northshire Council has awarded £40,000 to Harbour Arts Trust under its Coastal Stories "
            "Fund, a scheme for seaside towns. Harbour Arts Trust will restore the pier.")
    d, awards = doc(text, title="£40,000 for the pier"), [award(text, "Harbour Arts Trust")]
    facts = announcement_facts(d, awards)
    assert facts.funder == "Northshire Council"
    assert facts.programme == "Coastal Stories Fund"
    shared = shared_facts(d, awards)          # the rest is the shared rule's
    assert (facts.total_amount, facts.projects, facts.programme_terms) == \
        (shared.total_amount, shared.projects, shared.programme_terms)


def test_fast_on_a_long_page():
    text = " ".join(["The Wexley Foundation has awarded £40,000 to Harbour Arts Trust under its Open Doors "
                     "programme, run by the Northshire Community Trust (NCT), which manages the fund."] * 60)
    d = doc(text, title="Wexley Foundation's Open Doors grants: who gets what")
    announcement_facts(d, [])
    start = time.perf_counter()
    for _ in range(20):
        announcement_facts(d, [])
    assert (time.perf_counter() - start) / 20 < 0.01
