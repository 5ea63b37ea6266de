"""award_details: project, partners and locations of one award read from one unit of a page.
Every organisation and place below is made up."""
from __future__ import annotations

import csv
import time

import pytest

from services.extractor import orgs
from services.extractor.reader.details import Details, award_details


def details(text: str, recipient: str, amount: str | None = None) -> Details:
    span = None
    if amount is not None:
        start = text.index(amount)
        span = (start, start + len(amount))
    return award_details(text, recipient, span)


def words(s: str | None) -> set[str]:
    return set((s or "").lower().replace(",", " ").split())


# --- project ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,recipient,amount,expected", [
    # "£X for its Tidepool Reading project"
    ("Harbour Arts Trust has been awarded £48,250 for its Tidepool Reading project.", "Harbour Arts Trust",
     "£48,250", "Tidepool Reading project"),
    # "to run / to extend / to build / to deliver / to develop / to support Y"
    ("The Orbit Youth Network will receive £120,000 to run weekend sports clubs for teenagers.",
     "Orbit Youth Network", "£120,000", "run weekend sports clubs for teenagers"),
    ("Eastbrook Food Bank gets £16,000 to build a new warehouse, which will open next spring.",
     "Eastbrook Food Bank", "£16,000", "build a new warehouse"),
    ("Kestrel Care Ltd secured £80k to deliver befriending visits; the rest of the fund is unspent.",
     "Kestrel Care Ltd", "£80k", "deliver befriending visits"),
    ("Wexcombe Mind was given £23,000 to support peer groups and will recruit two staff.",
     "Wexcombe Mind", "£23,000", "support peer groups"),
    # a list item: the text after the recipient and a separator, without the amount
    ("- Harbour Arts Trust – £290,000 to restore the pier theatre", "Harbour Arts Trust", "£290,000",
     "restore the pier theatre"),
    ("- Tollgate Community Farm: £9,500 for a new polytunnel and raised beds", "Tollgate Community Farm",
     "£9,500", "new polytunnel and raised beds"),
    ("- Marlow Street Pantry – buying a refrigerated van for weekly deliveries;", "Marlow Street Pantry",
     None, "buying a refrigerated van for weekly deliveries"),
    # "X's Y programme"
    ("Northshire County Council's Bright Summers programme has won £1.7m.",
     "Northshire County Council", "£1.7m", "Bright Summers programme"),
    # a name in quotes or in title case after "for the"
    ("Wexley Heritage Society receives £63,000 for the Lantern Walks Festival, held each October.",
     "Wexley Heritage Society", "£63,000", "Lantern Walks Festival"),
    ("The grant of £35,000 to Brightwater Trust will fund a scheme called \u201cSafe Harbour\u201d for carers.",
     "Brightwater Trust", "£35,000", "Safe Harbour"),
    # a parenthesised project name
    ("Coastal Minds Partnership (Tidewater Listening Hub) receives £75,000.", "Coastal Minds Partnership",
     "£75,000", "Tidewater Listening Hub"),
    # an institute named with the award
    ("Harbour University has won $70 million to establish the Tidal Sensing Institute by 2030.",
     "Harbour University", "$70 million", "Tidal Sensing Institute"),
    # a project name and its recipient in a list item: "Project — the Trust was awarded"
    ("- Skylark Meadows Revival — the Downland Wildlife Trust was awarded £84,000 for the work.",
     "Downland Wildlife Trust", "£84,000", "Skylark Meadows Revival"),
    # "under the name"
    ("In Northshire, Eastbrook Academy and Westmere College have teamed up under the name "
     "SummerWorks, with fun days planned.", "Eastbrook Academy", None, "SummerWorks"),
    # a numbered item "Project, Recipient – what it does"
    ("3) Family Bridges, Orbit Housing Trust – Crisis support that keeps families under one roof.",
     "Orbit Housing Trust", None, "Family Bridges"),
    # the recipient's partner's project in an item: "Orbit Trust and Eastbrook council's Care Club"
    ("- Orbit Trust and Eastbrook council's Young Carers Club", "Orbit Trust", None, "Young Carers Club"),
    # "whose X project"
    ("The winners include Harbour University, whose Tidewater project on coastal erosion gets £3m.",
     "Harbour University", "£3m", "Tidewater project on coastal erosion"),
    # what the money will do: "would help it ...", "to be spent on ...", "which will allow it to ..."
    ("In a statement, Orbit Trust said the £48,250 would help it reach more families.", "Orbit Trust",
     "£48,250", "reach more families"),
    ("Lantern Care receives £8,000 to be spent on a new minibus.", "Lantern Care", "£8,000", "new minibus"),
    ("Eastbrook Council is due £43,000, which will allow it to expand its Tideline Breakfast clubs.",
     "Eastbrook Council", "£43,000", "expand its Tideline Breakfast clubs"),
    # what the recipient runs: "X, run by the Trust"
    ("Other awards include the Pathways programme, run by Kestrel Youth Trust, and a sailing club.",
     "Kestrel Youth Trust", None, "Pathways programme"),
])
def test_project(text, recipient, amount, expected):
    assert details(text, recipient, amount).project == expected


def test_project_is_cut_at_the_next_clause():
    got = details("Pennywell Arts has been awarded £57,000 to extend its studio, which was built in 1970, "
                  "while Greyfield Trust gets £20,000.", "Pennywell Arts", "£57,000").project
    assert got == "extend its studio"


def test_project_stops_before_a_second_sentence_in_an_item():
    got = details("- Orchard Lane Hall, Westmere. The former chapel has been awarded £47,000 for a new roof. "
                  "Work starts in May.", "Orchard Lane Hall", "£47,000").project
    assert got == "new roof"


def test_project_of_a_table_row():
    d = details("| Harbour University | Tidal Energy Test Bay | Northshire | £3 million |", "Harbour University",
                "£3 million")
    assert d.project == "Tidal Energy Test Bay"
    assert d.locations == ["Northshire"] or "Northshire" in d.locations


@pytest.mark.parametrize("text,recipient,amount", [
    ("Northshire County Council's application has secured £3m of the pot, a spokesperson confirmed.",
     "Northshire County Council", "£3m"),
    ("Eastbrook Council will get £3m, the minister said.", "Eastbrook Council", "£3m"),
    ("- Harbour Arts Trust – £6,000", "Harbour Arts Trust", "£6,000"),
    ("£7m for Eastbrook, £3m for Westmere and £3.5m for Northby were confirmed.", "Westmere", "£3m"),
])
def test_no_project(text, recipient, amount):
    assert details(text, recipient, amount).project is None


# --- partners --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,recipient,expected", [
    ("Harbour Arts Trust will run the scheme working with Eastbrook Youth Council.", "Harbour Arts Trust",
     ["Eastbrook Youth Council"]),
    ("Orbit Housing has been awarded £3m in partnership with Westmere University and the Kestrel Foundation.",
     "Orbit Housing", ["Westmere University", "Kestrel Foundation"]),
    ("The proposal was drawn up by Harbour University with the trade body Tidewater Tech and the Coastal Sensors "
     "and Drones Association.", "Harbour University", ["Tidewater Tech", "Coastal Sensors and Drones Association"]),
    ("Eastbrook Hospice will deliver the service alongside Westmere NHS Trust.", "Eastbrook Hospice",
     ["Westmere NHS Trust"]),
    ("The money goes to a consortium of Harbour University, Northshire College and Kestrel Ltd.",
     "Harbour University", ["Northshire College", "Kestrel Ltd"]),
    ("Project partners include Tidewater Trust, Greyfield Council and the Orbit Institute.", "Marlow Foundation",
     ["Tidewater Trust", "Greyfield Council", "Orbit Institute"]),
    ("The centre will be co-led by Harbour University and Eastbrook University Hospitals NHS Trust.",
     "Harbour University", ["Eastbrook University Hospitals NHS Trust"]),
    ("Greyfield Trust will receive £400,000 together with Marlow College.", "Greyfield Trust", ["Marlow College"]),
    ("Pennywell Hospital landed £27m for a new centre run with Harbour University and Westmere College.",
     "Pennywell Hospital", ["Harbour University", "Westmere College"]),
    ("The hub will be led by Harbour University with Kestrel Robotics and Northby Marine.", "Harbour University",
     ["Kestrel Robotics", "Northby Marine"]),
    ("Eastbrook Council will run the programme jointly with Westmere Council.", "Eastbrook Council",
     ["Westmere Council"]),
    ("In Eastbrook, Eastbrook Council and the regional charity Lantern Care bid together.", "Lantern Care",
     ["Eastbrook Council"]),
    ("A $70 million award goes to the Harbour Housing Authority and the City of Northby for the Wharfside estate.",
     "Harbour Housing Authority", ["City of Northby"]),
    ("Orchard Trust, which landed £77m, is sharing the grant with KMU.", "Orchard Trust", ["KMU"]),
    ("| Kestrel Hospitals NHS Trust | Kestrel Heart Hub | £27m | Harbour University |", "Kestrel Hospitals NHS Trust",
     ["Harbour University"]),
    # a plain "with" names organisations only
    ("Orbit Trust will deliver the scheme with Eastbrook Council and Westmere University.", "Orbit Trust",
     ["Eastbrook Council", "Westmere University"]),
    # "Person (Organisation)" in a table row: the organisations
    ("| Team Tide | Jane Doe (Harbour University); John Roe (Kestrel Institute) | $27,000,000 |",
     "Harbour University", ["Kestrel Institute"]),
    # a list item's joint lead "Project, Recipient and Partner – ..."
    ("1) Safe Steps, Westmere Council and Orbit NHS Foundation Trust – Home visits for new fathers.",
     "Westmere Council", ["Orbit NHS Foundation Trust"]),
    ("- Orbit Trust and Eastbrook council's Young Carers Club", "Orbit Trust", ["Eastbrook council"]),
])
def test_partners(text, recipient, expected):
    assert details(text, recipient).partners == expected


@pytest.mark.parametrize("text,recipient", [
    # a person is not a partner
    ("The study, led by Professor Jane Doe of Harbour University, starts in May.", "Harbour University"),
    ("Eastbrook Trust will work with Dr Alan Smith on the project.", "Eastbrook Trust"),
    # the funder is not a partner
    ("Eastbrook Trust has been awarded £57,000 from the Wexley Foundation.", "Eastbrook Trust"),
    ("Eastbrook Trust will get £6,000 with funding from the Wexley Foundation.", "Eastbrook Trust"),
    # the recipient is not its own partner
    ("The scheme is run in partnership with Eastbrook Trust.", "Eastbrook Trust"),
    # "with" and lowercase words are not a partnership
    ("Greyfield Trust gets £3,400 to buy a minibus, with two drivers.", "Greyfield Trust"),
    # members of an enumeration of recipients are not each other's partners
    ("Grants go to Eastbrook Trust, Westmere College and Northby Trust.", "Westmere College"),
])
def test_no_partners(text, recipient):
    assert details(text, recipient).partners == []


# --- locations -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,recipient,amount,expected", [
    ("Harbour Care will use £63,000 to extend its helpline to Eastbrook, Westmere and Northby.", "Harbour Care",
     "£63,000", ["Eastbrook", "Westmere", "Northby"]),
    ("Orbit Youth will run clubs across Northshire and Southmoor.", "Orbit Youth", None, ["Northshire", "Southmoor"]),
    ("Lantern Care has been given £35,000 for counselling in Eastbrook.", "Lantern Care", "£35,000", ["Eastbrook"]),
    ("Harbour Care gets £13,000 for Eastbrook, Westmere and Northby.", "Harbour Care", "£13,000",
     ["Eastbrook", "Westmere", "Northby"]),
    ("The scheme covering Greyfield will be run by Kestrel Trust.", "Kestrel Trust", None, ["Greyfield"]),
    ("Kestrel Trust, based in Marlow, receives £8,000.", "Kestrel Trust", "£8,000", ["Marlow"]),
    ("Tidewater Trust will run sessions in the Pennywell area.", "Tidewater Trust", None, ["Pennywell"]),
    ("The money lets Orbit Trust work with Eastbrook, Westmere and Northby councils.", "Orbit Trust", None,
     ["Eastbrook", "Westmere", "Northby"]),
    ("- Harbour Arts Trust, Northshire — £6,000 for new lighting", "Harbour Arts Trust", "£6,000", ["Northshire"]),
    ("- Harbour Arts Trust (Eastbrook) – £6,000", "Harbour Arts Trust", "£6,000", ["Eastbrook"]),
    ("- Harbour Arts Trust – Eastbrook, East Anglia", "Harbour Arts Trust", None,
     ["Eastbrook", "East Anglia"]),
    ("- Springfield, Nebraska – free bus passes for school leavers.", "Springfield, Nebraska", None,
     ["Springfield", "Nebraska"]),
    ("Ellerton, Montana will get $3 million for a new transit hub.", "Ellerton", "$3 million", ["Ellerton", "Montana"]),
    # a council named by place covers its place; the register knows real ones
    ("Rutland County Council secured £17m for new cycle routes in Oakfield and around Lyddington Vale.",
     "Rutland County Council", "£17m", ["Rutland", "Oakfield", "Lyddington Vale"]),
    ("- Norfolk", "Norfolk", None, ["Norfolk"]),
    ("The Shire of Eastbrook Council has won £3m.", "Shire of Eastbrook Council", "£3m", ["Eastbrook Council"]),
    ("Wexcombe Shire Council receives $4.6 million.", "Wexcombe Shire Council", "$4.6 million", ["Wexcombe"]),
    # countries and states are places from the gazetteer
    ("Lantern Aid plans to work in Ghana, Malawi and Nepal.", "Lantern Aid", None, ["Ghana", "Malawi", "Nepal"]),
    ("| Kestrel Housing | Manitoba | $63 million |", "Kestrel Housing", "$63 million", ["Manitoba"]),
    # a trailing "(Place)" after a recipient in a table row
    ("| Harbour Prize | Winner | Ellerby (Sweden) | EUR 3,000,000 |", "Ellerby", "EUR 3,000,000",
     ["Ellerby", "Sweden"]),
    # "to more councils – A, B and C", "areas including A and B"
    ("Northshire County Council is getting £17m to take its approach to three more councils - Eastbrook, "
     "Westmere, and Northby.", "Northshire County Council", "£17m", ["Northshire", "Eastbrook", "Westmere", "Northby"]),
    ("The charity will open hubs in areas including Pennywell and Greyfield.", "Lantern Care", None,
     ["Pennywell", "Greyfield"]),
    # "Eastbrook-based Orbit Labs"
    ("The money goes to Eastbrook-based Orbit Labs.", "Orbit Labs", None, ["Eastbrook"]),
    # a recipient the sentence calls a city
    ("Ellerton and Marlow were three of the seven towns picked.", "Ellerton", None, ["Ellerton"]),
    # the recipient is one of "A and B councils"
    ("Eastbrook and Westmere councils will share £3m to repair harbour walls.", "Eastbrook", None, ["Eastbrook"]),
    # an item's later sentences still state its award
    ("- Orbit Stories, Lantern Arts – creative work with children. After a launch in Eastbrook it now moves to two "
     "more areas – Westmere and Northby.", "Lantern Arts", None, ["Eastbrook", "Westmere", "Northby"]),
])
def test_locations(text, recipient, amount, expected):
    assert details(text, recipient, amount).locations == expected


@pytest.mark.parametrize("text,recipient", [
    # "across the country" is not a place
    ("Orbit Youth will run clubs across the country.", "Orbit Youth"),
    ("Lantern Care will open hubs in every region.", "Lantern Care"),
    # an organisation after "in" is not a place
    ("Harbour Care will base its team in Westmere Community Hospital.", "Harbour Care"),
    # months and languages are not places
    ("Kestrel Trust will start in September, with leaflets in Polish Sign Language.", "Kestrel Trust"),
    # the recipient's own name is not a location
    ("Orbit Youth receives £3,400.", "Orbit Youth"),
])
def test_no_locations(text, recipient):
    assert details(text, recipient).locations == []


def test_places_of_other_recipients_are_theirs():
    text = "Other awards include Kestrel Youth in Eastbrook, Orbit Arts in Westmere and Lantern Care."
    assert details(text, "Kestrel Youth").locations == ["Eastbrook"]
    assert details(text, "Orbit Arts").locations == ["Westmere"]


def test_amounts_split_a_sentence_between_awards():
    text = "Allocations include £4.6 million for Eastbrook Council, £2.9 million for Westmere Council."
    assert details(text, "Westmere Council", "£2.9 million").locations == ["Westmere"]


def test_enumerated_places_are_not_each_others_locations():
    text = "Rutland, Norfolk and Shropshire were picked after a long contest."
    assert details(text, "Norfolk").locations == ["Norfolk"]


def test_leading_place_covers_the_sentence():
    d = details("In Northshire, Harbour Care receives £39,000, while Eastbrook Aid is to get £14,000.",
                "Eastbrook Aid", "£14,000")
    assert d.locations == ["Northshire"]


# --- the gazetteer (data/places.csv) ------------------------------------------------------

def test_gazetteer_rows_are_well_formed():
    rows = list(csv.DictReader(open(orgs.DATA / "places.csv", encoding="utf-8")))
    assert len(rows) > 300
    assert set(rows[0]) == {"name", "kind", "part_of", "aliases", "abbreviations", "codes"}
    written: list[str] = []
    for r in rows:
        assert r["name"] and r["kind"] in {"nation", "region", "area", "county", "island", "country", "state",
                                           "province", "city"}, r
        names_of_row = [r["name"], *filter(None, r["aliases"].split("|"))]
        assert all(n == n.strip() for n in names_of_row), r
        written += names_of_row + [x for x in (r["abbreviations"] + "|" + r["codes"]).split("|") if x]
    assert len(written) == len(set(written))


@pytest.mark.parametrize("text,recipient,expected", [
    # an abbreviation or a postal code in a cell is its place, under the place's name
    ("| Kestrel Housing | NSW | $63 million |", "Kestrel Housing", ["New South Wales"]),
    ("| Kestrel Housing | MT | $63 million |", "Kestrel Housing", ["Montana"]),
    # an unambiguous abbreviation is a place in running text too
    ("Lantern Aid will open clinics across NSW and Manitoba.", "Lantern Aid", ["New South Wales", "Manitoba"]),
    # a country in a row makes the recipient beside it a place; a one-word English county does not
    ("| Ellerby | Sweden | EUR 13,000 |", "Ellerby", ["Ellerby", "Sweden"]),
    ("| Ellerby | Shropshire | EUR 13,000 |", "Ellerby", ["Shropshire"]),
])
def test_places_of_the_gazetteer(text, recipient, expected):
    assert details(text, recipient).locations == expected


# --- everything together, and robustness ---------------------------------------------------

def test_a_full_sentence():
    d = details("Harbour University will use £47m to open the Tidal Robotics Lab in Eastbrook, "
                "working with Kestrel Marine Ltd and Northshire County Council.", "Harbour University", "£47m")
    assert d.project == "Tidal Robotics Lab"
    assert d.partners == ["Kestrel Marine Ltd", "Northshire County Council"]
    assert "Eastbrook" in d.locations


@pytest.mark.parametrize("text,recipient,span", [
    ("", "Harbour Trust", None),
    ("Harbour Trust", "", None),
    ("no capital letters here at all", "Harbour Trust", None),
    ("| | | |", "Harbour Trust", None),
    ("£6,000 to", "Harbour Trust", (0, 6)),
    ("Harbour Trust – ", "Harbour Trust", None),
])
def test_degenerate_input(text, recipient, span):
    d = award_details(text, recipient, span)
    assert isinstance(d, Details)
    assert d.project is None or isinstance(d.project, str)


def test_fast():
    text = ("The University of Eastbrook will use £47 million to open the Tidal Robotics Lab next to "
            "the Westmere docks in Northby, working with Kestrel Marine Ltd, Orbit Data and Northshire "
            "County Council, alongside partners across Southmoor and the Greyfield area.")
    award_details(text, "University of Eastbrook", (37, 48))
    start = time.perf_counter()
    for _ in range(200):
        award_details(text, "University of Eastbrook", (37, 48))
    assert (time.perf_counter() - start) / 200 < 0.005
