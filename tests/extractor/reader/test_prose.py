"""The general reader's linking of money to recipients, on invented sentences of each shape."""
import pytest

from services.extractor.readers import DEFAULT
from shared.domain import TextDocument


def awards(text: str, title: str | None = None) -> list[tuple[str, int | None]]:
    found = DEFAULT.extract(TextDocument(text=text, title=title)).awards
    return sorted((a.recipient, int(a.amount) if a.amount is not None else None) for a in found)


@pytest.mark.parametrize("sentence", [
    "The Wexley Foundation has awarded £163,500 to the Tidemill Heritage Trust for its new visitor centre.",
    "Last week £163,500 went to the Tidemill Heritage Trust.",
    "A grant of £163,500 will go to Tidemill Heritage Trust, the foundation said.",
])
def test_money_given_to_an_organisation(sentence):
    assert ("Tidemill Heritage Trust", 163500) in awards(sentence)
    assert not any(name.startswith("Wexley") for name, _ in awards(sentence))


@pytest.mark.parametrize("sentence", [
    "Work starts in May after the Tidemill Heritage Trust was awarded £163,500 by the Wexley Foundation.",
    "The Tidemill Heritage Trust, which received £163,500 last year, will open in May.",
    "Tidemill Heritage Trust, a charity founded in 1990, has secured £163,500.",
    "The Tidemill Heritage Trust recieved £163,500 from the fund.",
])
def test_recipient_anywhere_in_its_clause(sentence):
    assert ("Tidemill Heritage Trust", 163500) in awards(sentence)


def test_enumeration_in_brackets_inside_a_sentence():
    text = ("Grants were awarded to Harbour Arts Trust (£5,000), the Eastbrook Food Bank (£2,500) "
            "and Northgate Community Foundation (£12,000).")
    assert awards(text) == [("Eastbrook Food Bank", 2500), ("Harbour Arts Trust", 5000),
                            ("Northgate Community Foundation", 12000)]


def test_possessive_project_in_an_enumeration():
    text = ("The minister named three schemes: Eastshire Council's library hub ($1.5 million), "
            "Wexley's coastal path upgrade ($2 million) and Northvale Shire's new pool ($3.1 million).")
    found = dict(awards(text))
    assert found.get("Eastshire Council") == 1500000 and found.get("Northvale Shire") == 3100000


def test_a_reference_to_the_organisation_named_before():
    text = ("Eastbrook Food Bank opened in 2019 in a disused chapel. "
            "The charity will use its £5,000 grant to buy a van.")
    assert awards(text) == [("Eastbrook Food Bank", 5000)]


def test_distributive_amount_for_a_list_of_winners():
    text = ("Each winning town will receive $1 million to put its idea into practice. The winners are:\n"
            "- Riverton, Ohio – sensors at schools\n- Lakeside, Iowa – cheaper buses\n")
    assert awards(text) == [("Lakeside", 1000000), ("Riverton", 1000000)]


def test_distributive_amount_for_named_recipients():
    text = "Riverton and Lakeside will each receive $1 million from the foundation."
    assert awards(text) == [("Lakeside", 1000000), ("Riverton", 1000000)]


def test_a_title_glued_to_the_first_sentence_is_its_own_unit():
    text = ("Pier reopens By staff reporter, 2026-10-02 The Old Pier Friends Society has been "
            "awarded £45,000 to repaint the roof.")
    assert awards(text, title="Pier reopens") == [("Old Pier Friends Society", 45000)]


def test_list_item_organisation_then_place():
    text = ("Five projects have been funded. They are:\n- Friends of Eastbrook Library, Westshire — almost £30,000 "
            "for new windows\n- Hillside Baptist Church, Northvale: a new kitchen (£120,000)\n")
    assert awards(text) == [("Friends of Eastbrook Library", 30000), ("Hillside Baptist Church", 120000)]


@pytest.mark.parametrize("sentence", [
    "The Wexley Foundation gave £2m this year, its largest budget yet.",
    "Tickets cost £15 for Network members.",
    "The pot promises an extra £30m for NHS and university research partnerships.",
    "Harbour Arts Trust asked for £2m but was turned down.",
])
def test_amounts_that_name_no_recipient(sentence):
    assert awards(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Eight projects in Wessex and Lyonesse will share £21 million from the fund.",
    "In the Vale, five organisations share £1,844,316 between them.",
    "Youth services, including careers advice: a saving of £1.2m.",
    "The three-year NORTHSTAR project has been awarded €4.2 million by the commission.",
])
def test_totals_savings_and_projects_are_not_awards(sentence):
    assert awards(sentence) == []


def test_an_amount_in_apposition_goes_to_the_organisation_after():
    assert awards("One of the biggest grants, £615,000, has gone to the Council of the Outer Isles.") == \
        [("Council of the Outer Isles", 615000)]


def test_a_place_named_with_its_own_organisation():
    assert awards("Shropshire's Harbour Gallery, a museum of the year, receives nearly £700,000.") == \
        [("Harbour Gallery", 700000)]


def test_a_date_is_not_a_recipient_and_the_city_is_the_one_named_before():
    text = "Riverton's agreement dates from December 2023, when the city secured $47 million."
    assert awards(text) == [("Riverton", 47000000)]


def test_a_possessive_segment_with_a_comma_before_its_bracket():
    text = ("Three examples: Northvale Shire Council's wellbeing hub, stage 1 ($15 million), "
            "Wexley's trail upgrade ($1.6 million) and Eastbrook's pool ($2.1 million).")
    found = dict(awards(text))
    assert found.get("Northvale Shire Council") == 15000000 and found.get("Eastbrook") == 2100000


def test_a_cap_said_of_one_named_recipient_is_its_approximate_award():
    (award,) = DEFAULT.extract(TextDocument(text="Hillside Baptist Church has been awarded up to £212,000.")).awards
    assert (award.recipient, int(award.amount), award.approximate) == ("Hillside Baptist Church", 212000, True)


@pytest.mark.parametrize("sentence", [
    "Councils can apply for up to £1m each from the fund.",
    "The four grants add up to $3,912,445, according to state attorney Jo Bloggs.",
])
def test_caps_and_totals_of_no_one_recipient(sentence):
    assert awards(sentence) == []


def test_amounts_in_words_and_other_dollars():
    assert awards("Northvale Trust has won thirty million pounds.") == [("Northvale Trust", 30000000)]
    (award,) = DEFAULT.extract(TextDocument(text="Wexley Shire Council secured A$2.5 million.")).awards
    assert award.currency == "AUD" and int(award.amount) == 2500000


def test_an_organisation_written_in_lower_case_after_its_place():
    text = "The department has also awarded £1.4m to Eastbrook children's services trust to support its work."
    assert awards(text) == [("Eastbrook children's services trust", 1400000)]


def test_the_subject_of_a_sentence_that_won_money_in_a_clause_after_it():
    text = "The Wexley Office of the Ombudsman will open two centres after winning $285,000 from the fund."
    assert awards(text) == [("Wexley Office of the Ombudsman", 285000)]


def test_an_indefinite_subject_is_the_project_of_the_organisation_that_leads_it():
    text = ("In Eastbrook, a Coastal Robotics Centre of Excellence has been awarded £17.5m. "
            "The winning bid was put together by the University of Eastbrook with two firms.")
    assert awards(text) == [("University of Eastbrook", 17500000)]


def test_a_list_item_naming_a_project_then_its_recipient():
    text = ("The committee's decisions:\n- Night Moths of the City — the Harbour Wildlife Trust was awarded £43,600 "
            "for its survey.\n- Old Pier Walk — the Pier Friends Society was awarded £12,000.\n")
    assert awards(text) == [("Harbour Wildlife Trust", 43600), ("Pier Friends Society", 12000)]


def test_a_run_of_councils_sharing_something_else_is_not_a_list_of_recipients():
    assert awards("Devon, Cornwall and Somerset have a bigger share of retired people than elsewhere.") == []


@pytest.mark.parametrize("sentence,expected", [
    ("Harbour Search Dogs, in Eastbrook, Westshire, received £4,000 for a new van.",
     [("Harbour Search Dogs", 4000)]),
    ("The Wexley Trust has also awarded the Tidemill Heritage Trust £51,300 for its archive.",
     [("Tidemill Heritage Trust", 51300)]),
    ("Northvale Council received the largest portion, with £11,204,550, followed by Wexley Council with £8,300,000.",
     [("Northvale Council", 11204550), ("Wexley Council", 8300000)]),
    ("Northvale Housing Trust will use its $7 million share to build homes.", [("Northvale Housing Trust", 7000000)]),
])
def test_more_shapes_of_money_given_to_an_organisation(sentence, expected):
    assert awards(sentence) == expected


@pytest.mark.parametrize("text", [
    "Thirteen councils in the Western Vale have received a total of $80 million.",
    "The foundation gave $30 million to Northvale Assist, a new program it runs itself.",
    "In 2019 and 2020, grants were awarded to projects across the region.",
])
def test_totals_programmes_and_openers_are_not_recipients(text):
    assert awards(text) == []


def test_an_indefinite_venue_named_in_the_next_sentence():
    text = ("A museum in Eastbrook has been awarded £1.4m to rebuild its galleries. "
            "The Tidewater Museum will reopen in 2027.")
    assert awards(text) == [("Tidewater Museum", 1400000)]


@pytest.mark.parametrize("sentence,expected", [
    ("£80,000 goes to Carney's Community for its drop-in centre.", "Carney's Community"),
    ("St Anne's Hospice has been awarded £12,000.", "St Anne's Hospice"),
    ("The Harbour Rights Group's Lifelong Friends project gets £5m.", "Harbour Rights Group"),
])
def test_a_possessive_inside_a_name_and_one_that_owns_a_project(sentence, expected):
    assert [name for name, _ in awards(sentence)] == [expected]


@pytest.mark.parametrize("text,expected", [
    ("First in line, with £3.9 million, is Northvale Pleasure Park.", [("Northvale Pleasure Park", 3900000)]),
    ("Further west, £3.1 million will give Wexley Museums in Westshire a lift.", [("Wexley Museums", 3100000)]),
    ("The consortia are led by Northvale University, whose Bright Chips project receives £25 million.",
     [("Northvale University", 25000000)]),
    ("The foundation is giving $17 million (roughly €13 million) to Wexley College.", [("Wexley College", 17000000)]),
    ("Shropshire's Bluewater, the county's arts centre, receives £520,000.", [("Bluewater", 520000)]),
    ("In Westshire, the Alderbrook project receives £1.3 million to restore woodland.", []),
])
def test_inverted_and_indirect_statements(text, expected):
    assert awards(text) == expected


def test_a_bare_dollar_on_a_page_of_australian_dollars():
    text = ("Funding (A$) for regional projects.\n"
            "Northvale Shire Council has been awarded $2.8 million for its library.")
    (award,) = DEFAULT.extract(TextDocument(text=text)).awards
    assert award.currency == "AUD"
    (award,) = DEFAULT.extract(TextDocument(text="Northvale City has been awarded $2.8 million.")).awards
    assert award.currency == "USD"


@pytest.mark.parametrize("sentence,expected", [
    ("Harbour BMX Club in Eastbrook has been awarded £28,900.", "Harbour BMX Club"),
    ("The Northvale Centre for Cell Biology at the University of Wexley receives £5m.",
     "Northvale Centre for Cell Biology"),
    ("Finland’s LAKE LIFE Project Team has been awarded €16.5 million.", "LAKE LIFE Project Team"),
])
def test_names_trimmed_of_their_town_host_and_country(sentence, expected):
    assert [name for name, _ in awards(sentence)] == [expected]


def test_each_of_two_recipients_that_will_use_a_grant():
    text = ("Westmere Libraries will use a £23,500 grant to tour a puppet show, while Lantern Theatre will use "
            "a £19,750 award to tour its new play.")
    assert awards(text) == [("Lantern Theatre", 19750), ("Westmere Libraries", 23500)]


def test_a_total_said_of_an_enumeration_is_nobodys_own_amount():
    found = awards("Harbour Homes Inc., Quay Players, Northvale Arts Society Inc. and the Eastbrook Rowing Club "
                   "will receive a total of just over $212,000 from the renovation fund.")
    assert found == [("Eastbrook Rowing Club", None), ("Harbour Homes Inc", None),
                     ("Northvale Arts Society Inc", None), ("Quay Players", None)]


def test_the_recipient_of_an_award():
    assert awards("The Lowmere Advice Network is the recipient of the largest amount with an award of £84,000.") \
        == [("Lowmere Advice Network", 84000)]


@pytest.mark.parametrize("sentence,expected", [
    # an address between the name and its verb, and a named grant between the verb and the amount
    ("The Three Bridges Community Centre, Mill Lane Road, Lowmere, has recently been awarded a Harbour "
     "Community Grant of £12,500 to mend its roof.", ("Three Bridges Community Centre", 12500)),
    # "X announced on Tuesday it was awarded": the organisation that announced is the one awarded
    ("The Lowmere Institute of Technology announced Tuesday it was awarded a $4.2 million grant from the "
     "Harbour Science Fund.", ("Lowmere Institute of Technology", 4200000)),
])
def test_the_subject_across_an_address_or_an_announcement(sentence, expected):
    assert expected in awards(sentence)


def test_amounts_paired_respectively_with_the_names():
    assert awards("Quay Opera and Ballet Northvale, both based in Lowmere, were awarded $15,000 and $25,000 "
                  "grants, respectively.") == [("Ballet Northvale", 25000), ("Quay Opera", 15000)]


def test_a_number_word_opens_a_name_but_not_a_count():
    assert awards("Twelve Community Groups will receive £4,000 from the fund.") == []
    assert awards("Four Winds Youth Club has received £4,000 from the fund.") == [("Four Winds Youth Club", 4000)]


def test_the_largest_grant_set_off_by_commas():
    assert awards("Tide Works CDT in Lowmere recieved the largest grant, £420,000, which it will use for a "
                  "skills hub.") == [("Tide Works CDT", 420000)]


def test_one_recipient_listed_with_different_amounts_has_an_award_per_amount():
    found = awards("The agency made three grants:\n"
                   "• $80,500 grant to the University of Lowmere to study tides.\n"
                   "• $42,000 grant to the University of Lowmere to train science teachers.\n"
                   "• $61,250 grant to Eastbrook College to map wetlands.\n")
    assert found == [("Eastbrook College", 61250), ("University of Lowmere", 42000), ("University of Lowmere", 80500)]


def test_the_host_named_before_what_its_money_builds():
    assert awards("At the University of Lowmere, a £3.1m centre will bring together chemists and engineers.") \
        == [("University of Lowmere", 3100000)]


def test_a_place_owning_an_organisation_keeps_its_full_name():
    assert awards("Organization: Eastbrook St. Anne’s Friendship Centre Inc.\nAmount: $25,000\n") == \
        [("Eastbrook St. Anne’s Friendship Centre Inc", 25000)]


@pytest.mark.parametrize("text,expected", [
    ("A $2.4 million project at the University of Lowmere to map the seabed will receive the most funding.",
     [("University of Lowmere", 2400000)]),
    ("Eastbrook University will also receive funding for two projects: a $900,000 project to restore dunes.",
     [("Eastbrook University", 900000)]),
    ("The Council has also funded two Lowmere College projects with $300,000 each to study estuaries.",
     [("Lowmere College", 300000)]),
])
def test_the_recipient_of_a_project_amount(text, expected):
    assert awards(text) == expected


def test_places_the_money_is_spent_in_are_no_recipients():
    assert awards("Chapels in Eastshire, Westshire and Lowmere are to share £420,000 from the repair fund.") == []


def test_names_that_end_in_and_a_single_word_or_a_company_suffix_are_one_name():
    found = awards("Grants went to Quay Dome and Festival (£45,000) and Lowmere Advice in Eastbrook and Wexley Ltd "
                   "(£12,000).")
    assert found == [("Lowmere Advice in Eastbrook and Wexley Ltd", 12000), ("Quay Dome and Festival", 45000)]


@pytest.mark.parametrize("sentence,expected", [
    ("The Tidewell Trust had a grant of £4,210 to insulate its hall.", ("Tidewell Trust", 4210)),
    ("And finally, Sir Jo Marlow Cancer Charity received nearly £8,000 for family days.",
     ("Sir Jo Marlow Cancer Charity", 8000)),
    ("A Lowmere-based health and advice organisation, the Harbour Kin Foundation, will receive $2500 from the "
     "council's matching fund.", ("Harbour Kin Foundation", 2500)),
    ("Quayside Golf Foundation successfully applied for £5,120 to run sessions for veterans.",
     ("Quayside Golf Foundation", 5120)),
])
def test_more_ways_a_subject_receives(sentence, expected):
    assert expected in awards(sentence)


def test_they_will_spend_refers_to_the_group_named_before():
    assert awards("One of the groups receiving funding is Tidewell Youth in Lowmere. They will spend £9,732 on "
                  "youth clubs.") == [("Tidewell Youth", 9732)]


@pytest.mark.parametrize("sentence,expected", [
    ("The Lowmere Festival Theatre was also successful in its application for £2million.",
     ("Lowmere Festival Theatre", 2000000)),
    ("Of the venues, the largest sum – £1,204,310 – was awarded to Eastbrook Grand Theatre.",
     ("Eastbrook Grand Theatre", 1204310)),
    ("The University of Wexley-Lowmere has secured its largest research grant ever: $3.1 million over five "
     "years.", ("University of Wexley-Lowmere", 3100000)),
    ("Meanwhile, Lowmere Ladies Football Club scores £6,410 to train volunteers.",
     ("Lowmere Ladies Football Club", 6410)),
])
def test_successes_scores_and_sums_set_off_by_dashes(sentence, expected):
    assert expected in awards(sentence)


def test_a_weekday_in_a_dateline_is_no_recipient():
    assert awards("Published: Wed, 13 May 2026 12:18:16\nA grant of £15,000 was made.") == []


def test_an_indefinite_hall_is_the_hall_named_in_full_after():
    found = awards("A village hall in Lowmere has been awarded a £30,000 grant for new heating.\n"
                   "Residents were marking a century of the Memorial Hall when they heard.\n"
                   "The first stones of Lowmere Memorial Hall were laid in 1926.")
    assert found == [("Lowmere Memorial Hall", 30000)]


@pytest.mark.parametrize("sentence", [
    "The Growth and Participation fund, set up with £6.5M of government money, gives each club £50,000.",
    "Nationally, a consortium of colleges was awarded $3.5 million.",
])
def test_programme_names_and_adverbs_are_no_recipients(sentence):
    assert not any(name in ("Growth", "Participation", "Nationally") for name, _ in awards(sentence))


def test_we_on_the_recipients_own_page_is_the_organisation_its_title_names():
    found = DEFAULT.extract(TextDocument(text="We are delighted to announce that we have been awarded £41,000 to "
                                              "re-roof the hall.", title="St Anne’s Parish Hall Roof Appeal")).awards
    assert [(a.recipient, int(a.amount)) for a in found] == [("St Anne’s Parish Hall", 41000)]


@pytest.mark.parametrize("text,expected", [
    ("Harbour Homes Group will build 900 homes after being allocated £40m under the rent programme.",
     ("Harbour Homes Group", 40000000)),
    ("Lowmere Housing Trust has secured funding to build 76 homes. The group will start the work after "
     "being given the £2.1 million grant.", ("Lowmere Housing Trust", 2100000)),
])
def test_after_being_allocated_or_given(text, expected):
    assert expected in awards(text)


def test_both_awarded_gives_each_the_amount():
    assert awards("Lowmere Wanderers and Eastbrook Accies have both been awarded £50,000 from the union.") == \
        [("Eastbrook Accies", 50000), ("Lowmere Wanderers", 50000)]


@pytest.mark.parametrize("sentence, expected", [
    ("The Wexley Theatre Company received the same amount.", ("Wexley Theatre Company", 700000)),
    ("Lowmere Arts was given a similar sum.", ("Lowmere Arts", 700000)),
])
def test_the_same_amount_as_the_award_before(sentence, expected):
    text = ("The Tide Playhouse received £730,755, while the Eastbrook Arts Trust received £700,000. " + sentence)
    found = awards(text)
    assert expected in found and ("Eastbrook Arts Trust", 700000) in found and ("Tide Playhouse", 730755) in found
    award = next(a for a in DEFAULT.extract(TextDocument(text=text)).awards if a.recipient == expected[0])
    assert text[award.start:award.end] == award.quote and "£700,000" in award.quote and sentence in award.quote


def test_the_same_amount_needs_an_amount_before_it():
    assert awards("Funding news. The Wexley Theatre Company received the same amount.") == []


@pytest.mark.parametrize("line", ["Thousand Lakes Playhouse, Riverton, $227,093", "Seven Hills Museum, Riverton, $227,093"])
def test_a_venue_named_with_a_number_word_in_a_line_list(line):
    text = "Theatre grants\n\nTide Players, Lowmere, $16,777\n" + line + "\nHarbour Fringe, Eastbrook, $85,138\n"
    assert (line.split(",")[0], 227093) in awards(text)


def test_lines_that_open_with_an_amount_for_a_recipient_are_read_each_alone():
    text = ("Community facilities grants\n\nThe recipients are: Up to £250,000: £250,000 for Harbour Kin, Lowmere "
            "to refurbish their listed building into a heritage site\n\n£250,000 for Tide Mind to complete the next "
            "phase of their project\n\n£25,000 for Clwb Pel Tywyn, Eastshire to renovate their clubhouse\n")
    assert awards(text) == [("Clwb Pel Tywyn", 25000), ("Harbour Kin", 250000), ("Tide Mind", 250000)]


def test_a_line_that_asks_for_its_amount_goes_on_in_the_next():
    text = ("The grantees are:\n• The Harbour Housing Trust and the Eastbrook Development Corporation share\n"
            "$20.5 million for the Quay Apartments and the Northgate corridor.\n")
    found = DEFAULT.extract(TextDocument(text=text)).awards
    assert {a.recipient for a in found} >= {"Harbour Housing Trust"} and all(a.amount == 20500000 for a in found)


@pytest.mark.parametrize("sentence, expected", [
    ("The Lowmere Operatic Society’s grant of $7,500 will be put towards staging two new shows.",
     ("Lowmere Operatic Society", 7500)),
    ("And Tideway Charitable Trust will receive a $20,000 boost towards its programmes.",
     ("Tideway Charitable Trust", 20000)),
    ("The Harbour Youth Club was presented with a cheque for £1,200 by the mayor.", ("Harbour Youth Club", 1200)),
    ("A single organisation receiving the highest funding is The Tide Ballet of Wexley, which is set to receive "
     "$1,982,623.", ("Tide Ballet of Wexley", 1982623)),
])
def test_owners_openers_cheques_and_named_after_a_copula(sentence, expected):
    assert expected in awards(sentence)


@pytest.mark.parametrize("text", [
    "Out of the funding $25 million, $24 million will be distributed to 140 organisations across the province.",
    "The chair said: “We'll at last have a building, thanks to the £475,000 grant.”",
])
def test_function_words_and_contractions_are_not_recipients(text):
    assert not any(name in ("Out", "We'll") for name, _ in awards(text))


def test_each_receive_after_two_names_joined_by_and_the():
    text = "The Riverton Regional Chamber and the Lakeside Business Chamber will each receive $75,000 to regrant."
    assert awards(text) == [("Lakeside Business Chamber", 75000), ("Riverton Regional Chamber", 75000)]


def test_recipients_said_to_have_received_funding_without_an_amount():
    text = ("Eleven clubs were successful this year. These included Tidewell Athletics Club who received funding "
            "for new equipment, and The Harbour Rovers Football Club who received funding for a storage unit.")
    assert awards(text) == [("Harbour Rovers Football Club", None), ("Tidewell Athletics Club", None)]


@pytest.mark.parametrize("text", [
    "The Harbour Rovers Football Club, which received funding for a new pitch in 2019, opened its clubhouse.",
    "The Tidewell Athletics Club did not receive funding for its track this year.",
])
def test_funding_received_earlier_or_not_at_all_is_no_award(text):
    assert awards(text) == []


def test_an_amount_approved_to_support_an_organisation():
    text = "A $500k grant was approved to support the Gold Trail Charitable Trust, the trust announced."
    assert awards(text) == [("Gold Trail Charitable Trust", 500000)]
    assert awards("A $500k grant was approved to support the new trail.") == []


def test_an_amount_written_with_its_currency_code_is_not_a_name():
    assert awards("A new EUR30m (£25m) funding programme has been launched for sports projects.") == []


def test_the_town_after_a_name_that_ends_in_a_country_is_where_it_is():
    text = "The organisation receiving the most is The Harbour Ballet of Canada in Riverton, which will receive $1.9m."
    assert awards(text) == [("Harbour Ballet of Canada", 1900000)]


def test_list_items_that_total_a_programme_are_not_awards():
    text = ("Funding by programme:\n- Harbour arts fund – 60 projects totalling $1,296,000 were supported.\n"
            "- Tide arts fund – 9 projects totalling $140,634 were supported.\n")
    assert awards(text) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Thanks to £100,000, Harbour Community Action are giving 350 village halls a chance to grow.",
     ("Harbour Community Action", 100000)),
    ("With a £20,000 grant from the council, the Tidewell Youth Trust will open a new club.",
     ("Tidewell Youth Trust", 20000)),
    ("Meeting local needs, the Pathways Harbour Centre is using its £475,000 grant to build a hall.",
     ("Pathways Harbour Centre", 475000)),
])
def test_an_amount_fronted_by_thanks_to_or_with_and_one_being_used(sentence, expected):
    assert expected in awards(sentence)


def test_with_money_raised_is_no_award():
    assert awards("With £20,000 already raised, the Tidewell Youth Trust will open a new club.") == []


def test_a_roundup_giver_funding_its_own_programme_is_no_recipient():
    text = ("Notable new grants:\nHarbour Arts Foundation\n$250 million over five years to create its Monuments "
            "Project, which will change public spaces. Among the first grants is $4 million to the Tide Lab.\n")
    assert awards(text) == [("Tide Lab", 4000000)]


def test_a_region_after_a_name_is_where_it_is():
    from services.extractor.reader.mentions import leading_recipient

    assert leading_recipient("The Harbour Nutrition Centre Trust in the Eastern Lowmere Province") == \
        "Harbour Nutrition Centre Trust"
    assert leading_recipient("The Tide Conservancy in the Harbour Valley") == "Tide Conservancy"
    assert leading_recipient("Support in Mind") == "Support in Mind"


@pytest.mark.parametrize("sentence, expected", [
    ("The foundation gave $10 million to the Hospital for Coastal Surgery to expand its campus.",
     ("Hospital for Coastal Surgery", 10000000)),
    ("The council approved a capital grant of £100,000 to St. Anne’s Church for its roof.",
     ("St. Anne’s Church", 100000)),
])
def test_names_with_for_inside_and_abbreviated_saints(sentence, expected):
    assert expected in awards(sentence)


def test_for_after_a_recipient_still_says_what_the_money_is_for():
    assert awards("The fund gave £5,000 to the Harbour Trust for its new roof.") == [("Harbour Trust", 5000)]


@pytest.mark.parametrize("sentence", [
    "The Tidemill Heritage Trust plans to use £16,350 grant to restore the slipway.",
    "Tidemill Heritage Trust used a £16,350 lottery award to restore the slipway.",
    "• Tidemill Heritage Trust which will use £16,350 to restore the slipway",
    "The Tidemill Heritage Trust is using a £16,350 grant to restore the slipway.",
])
def test_the_organisation_that_uses_the_money_got_it(sentence):
    assert awards(sentence) == [("Tidemill Heritage Trust", 16350)]


def test_a_pronoun_using_a_grant_refers_to_the_group_named_before():
    text = ("One of the groups funded is Brackwater Village Hall. They are using a £6,250 grant to run "
            "weekly lunches for older residents.")
    assert awards(text) == [("Brackwater Village Hall", 6250)]


def test_money_spent_from_a_budget_is_no_award():
    assert awards("The council will use £2m of its reserves to repair roads.") == []


def test_segments_of_name_comma_amount_and_purpose():
    text = ("Others include local bookshop Quire & Quill, with $8,000 to stream author talks; Lowmere’s "
            "Harbour Arts Collective, $7,500 to open a studio; the Tidemark Council in Eastbrook, $6,000 "
            "to start a youth choir; and Lowmere curator Ada Reyes, $5,000 to stage an exhibition.")
    assert awards(text) == [("Harbour Arts Collective", 7500), ("Quire & Quill", 8000), ("Tidemark Council", 6000)]


def test_segments_naming_strands_of_a_programme_are_no_awards():
    text = ("The department runs three strands: Building Neighbourhoods, worth €30m; Shared Spaces, €75m; "
            "and Bridging Generations, €20m.")
    assert awards(text) == []


def test_two_adjectives_sharing_one_name_are_one_organisation():
    text = "One of them, the Baltic and Nordic Health Network, used £38,210 to train volunteers."
    assert awards(text) == [("Baltic and Nordic Health Network", 38210)]


@pytest.mark.parametrize("sentence", [
    "Funding of €12,500 is to go to the Marram Dunes Conservation Society for a survey of the shore.",
    "One organisation in Eastmere, Marram Dunes Conservation Society, was given €12,500 of lottery money.",
    "In Westcombe, Marram Dunes Conservation Society will use €12,500 of National Lottery money to fence the dunes.",
])
def test_where_the_money_is_to_go_and_who_it_was_given_to(sentence):
    assert awards(sentence) == [("Marram Dunes Conservation Society", 12500)]


def test_a_subject_in_partnership_with_another_is_the_recipient_with_a_partner():
    text = "Eastmere Women’s Refuge in partnership with Westcombe Women’s Refuge have received a £400,000 grant."
    read = DEFAULT.extract(TextDocument(text=text)).awards
    assert [(a.recipient, int(a.amount)) for a in read] == [("Eastmere Women’s Refuge", 400000)]
    assert read[0].partners == ["Westcombe Women’s Refuge"]


@pytest.mark.parametrize("sentence, expected", [
    ("Tide Woodland Group on the Isle of Wexley successfully applied for just under a quarter of a million pounds "
     "(£249,120).",
     "Tide Woodland Group"),
    ("Support in Mind has been awarded £249,120.", "Support in Mind"),
])
def test_where_an_organisation_is_is_no_part_of_its_name(sentence, expected):
    assert [name for name, _ in awards(sentence)] == [expected]


def test_named_without_amount_with_a_kind_of_body_after_the_name_and_respective_programmes():
    text = ("More than thirty groups have been given funding by the council.\n\n"
            "Tidewrite literary magazine has received funding towards its next two issues.\n\n"
            "Harbour Lights Festival and Eastmere Folk Festival have received funding towards the development "
            "of their respective programmes.")
    assert awards(text) == [("Eastmere Folk Festival", None), ("Harbour Lights Festival", None), ("Tidewrite", None)]


def test_a_settlement_said_as_a_change_to_what_an_organisation_gets():
    text = ("Edinburgh’s Harbour Gallery continues with the same level of funding at £900,000 over three years, "
            "while Quay Collective sees a 12.5% increase on its current annual funding to £450,000. "
            "Elsewhere, Edinburgh’s The Net Loft gets a 2.1% uplift (£240,000).")
    assert awards(text) == [("Harbour Gallery", 900000), ("Net Loft", 240000), ("Quay Collective", 450000)]


def test_an_enumeration_of_councils_each_right_before_its_amount():
    text = ("The minister confirmed the winners included Kent CC, which would receive £390,000, "
            "Dorset CC £360,500, Wirral BC £353,120 and Rutland £300,250.")
    found = dict(awards(text))
    assert [found.get(n) for n in ("Kent County Council", "Dorset Council", "Wirral Metropolitan Borough Council",
                                 "Rutland County Council")] \
        == [390000, 360500, 353120, 300250], found


def test_an_enumeration_of_regions_each_before_its_amount_is_no_list_of_councils():
    assert awards("The North West will receive £120.5m and London £131.7m.") == []


def test_two_places_joined_before_a_hospital_are_one_name():
    text = "- Crewe & Nantwich University Hospital - £48.5m for a new critical care block"
    assert awards(text, title="Hospital building fund") == [("Crewe & Nantwich University Hospital", 48500000)]


def test_an_organisation_then_receiving_its_amount_in_list_items():
    text = ("The organizations receiving funding announced today include:\n\n"
            "  • Tidewater First Nation, receiving $91,250\n  • Lowmere Insectarium, receiving $48,000\n")
    assert awards(text, title="Community resilience grants") == [("Lowmere Insectarium", 48000),
                                                                ("Tidewater First Nation", 91250)]


@pytest.mark.parametrize("sentence, expected", [
    ("Jo Brindle, of the University of Lowmere, will lead a five-year NZ$2.5m research programme on sleep.",
     ("University of Lowmere", 2500000)),
    ("The funding includes NZ$1.9m to extend the Harbour Birth Cohort Study, led by Sam Okafor of the "
     "University of Eastmere.", ("University of Eastmere", 1900000)),
])
def test_the_organisation_of_the_person_who_leads_the_funded_work(sentence, expected):
    assert expected in awards(sentence)


@pytest.mark.parametrize("sentence", [
    "The groups that have been allocated additional funding are: Harbour Deaf Club, Quayside Arabic Society "
    "and Tidewell Inclusion Network.",
    "Recipients selected for the monies include Harbour Deaf Club; Quayside Arabic Society; and the "
    "Tidewell Inclusion Network.",
])
def test_more_ways_of_saying_which_groups_were_funded(sentence):
    assert awards(sentence) == [("Harbour Deaf Club", None), ("Quayside Arabic Society", None),
                                ("Tidewell Inclusion Network", None)]


@pytest.mark.parametrize("sentence, expected", [
    ("Tidewell Swimming Club, which runs the town's lido, has been thrown a £35,000 lifeline.",
     ("Tidewell Swimming Club", 35000)),
    ("In the decisions released, Quayside Productions, a touring company, gets annual funding for the first "
     "time of €65,000.", ("Quayside Productions", 65000)),
    ("Similarly, HarbourPolska, a cultural exchange project, is also funded for the first time, at €15,000.",
     ("HarbourPolska", 15000)),
    ("Eastmere received a single grant from the fund with £40,000 going to Voluntary Action Eastmere.",
     ("Voluntary Action Eastmere", 40000)),
])
def test_more_ways_an_organisation_gets_its_amount(sentence, expected):
    assert awards(sentence) == [expected]


def test_a_centre_the_money_sets_up_goes_to_the_organisation_hosting_it():
    text = ("The agency is providing $14.5 million to create a Center for Living Tissues at the University of "
            "Lowmere. The renewal awards are $12.8 million for the Center for Quantum Matter at the Eastmere "
            "Institute of Technology and $20.6 million for the Center for Cold Atoms at Tidewell University.")
    assert awards(text) == [("Eastmere Institute of Technology", 12800000), ("Tidewell University", 20600000),
                            ("University of Lowmere", 14500000)]


def test_a_list_of_loans_is_no_list_of_awards():
    text = ("The nine initiatives receiving loans totalling $38.4m are:\n\n"
            "  • Harbour River Water Ltd, water storage project – $9.6m\n"
            "  • Tidewell Orchards Partnership, orchard development – $4m\n")
    assert awards(text, title="Regional loans") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Researchers at the University of Lowmere, for instance, have been granted $288,316 over three years.",
     [("University of Lowmere", 288316)]),
    ("A group based at Eastmere University of Technology has received $275,000 to study dusty galaxies.",
     [("Eastmere University of Technology", 275000)]),
    ("Tidewell Energy’s 6.8MW Harbour Turbine 2 project has received £7.3m.", [("Tidewell Energy", 7300000)]),
    ("The grants, totalling $12.8 million, were awarded to Jo Brindle, associate professor of physics.", []),
])
def test_people_of_an_organisation_and_its_projects_stand_for_it(sentence, expected):
    assert awards(sentence) == expected


def test_one_organisation_with_two_amounts_far_apart_in_separate_sentences_has_two_awards():
    text = ("Jo Brindle, of the University of Lowmere, will lead a five-year NZ$3.2m programme on sleep. "
            "Elsewhere, Tidewell Trust received NZ$0.8m. Sam Okafor and his team from the University of Lowmere "
            "have been awarded NZ$1.4m to map coastal erosion.")
    assert awards(text) == [("Tidewell Trust", 800000), ("University of Lowmere", 1400000),
                            ("University of Lowmere", 3200000)]


def test_a_total_said_of_an_organisation_beside_its_own_awards_is_no_award_of_its_own():
    text = ("The funding includes NZ$2.9m to extend the Harbour Birth Study, led by Sam Okafor of the University "
            "of Eastmere. Health research at Eastmere receives a total of NZ$17.5m.")
    assert awards(text) == [("University of Eastmere", 2900000)]


@pytest.mark.parametrize("sentence, expected", [
    ("The Harbour Collection in Edinburgh has received HLF support for £14m towards its planned refurbishment.",
     ("Harbour Collection", 14000000)),
    ("The Quay Museum has support for its £10m application, which will fund its redevelopment.",
     ("Quay Museum", 10000000)),
    ("Eastmere Museums has been earmarked funding of £8.25m for the Silk Mill – Making project and Wexley "
     "Cathedral has support for its £11.3m application to repair the site.", ("Wexley Cathedral", 11300000)),
])
def test_support_for_what_an_organisation_applied_for(sentence, expected):
    assert expected in awards(sentence)


def test_an_include_list_of_what_is_done_names_no_recipients():
    text = ("The new fund will pay for flood defences. Projects include upgrades to floodwalls in regions such "
            "as the Harbour Coast, Westmere and Tidewell, after the storms.")
    assert awards(text, title="Flood fund opens") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Lowmere Borough 50+ Forum is using a £8,958 grant to buy winter packs.", ("Lowmere Borough 50+ Forum", 8958)),
    ("Bereaved Families of Eastmere Harbour/Quay has been awarded $88,000 over three years.",
     ("Bereaved Families of Eastmere Harbour/Quay", 88000)),
])
def test_names_with_a_plus_or_a_slash(sentence, expected):
    assert awards(sentence) == [expected]


def test_an_enumeration_all_given_one_amount_and_a_space_after_a_thousands_comma():
    text = ("Kent CC was awarded £250,000, while Dorset, Rutland and Wirral were all given £200,000. "
            "Other cheques include $116, 000 to the Quayside Women’s Cooperative.")
    found = dict(awards(text))
    assert [found.get(n) for n in ("Kent County Council", "Dorset Council", "Rutland County Council",
                                   "Wirral Metropolitan Borough Council", "Quayside Women’s Cooperative")] == \
        [250000, 200000, 200000, 200000, 116000], found


def test_an_abbreviated_saint_or_company_inside_a_name_does_not_cut_its_clause():
    text = ("The organizations receiving funding include:\n\n"
            "  • Habitat for Homes Sault Ste. Marie and Area, receiving $68,449\n"
            "  • Quayside Boats Ltd, receiving $12,000\n")
    assert ("Habitat for Homes Sault Ste. Marie and Area", 68449) in awards(text, title="Recovery grants")


def test_a_name_and_its_place_before_the_bracketed_amount():
    text = ("Other recipients include:\n\n  • The Tidemill Pavilion Estate, Wexley (£1m)\n"
            "  • Harrowgate Museum, County Eastshire (£975,500)\n  • Lantern Museum, Northvale (£174,600)\n")
    assert awards(text) == [("Harrowgate Museum", 975500), ("Lantern Museum", 174600),
                            ("Tidemill Pavilion Estate", 1000000)]


def test_an_amount_in_brackets_after_the_noun_it_is_the_sum_of():
    text = "The largest grant (£3.2m) was awarded to the Harbour Living Museum in Eastbrook, towards a new gallery."
    assert awards(text) == [("Harbour Living Museum", 3200000)]


def test_it_is_the_organisation_the_item_helps():
    text = ("The minister announced $5m for three projects.\nThe projects include:\n"
            "  • Supporting Lowmere Institute of Technology (LIT) to build Harbour-led Community Atlases for land "
            "use. It is receiving $1 million.\n"
            "  • Funding for Wexley Nation to open a business centre. They are receiving $810,300.\n")
    assert awards(text) == [("Lowmere Institute of Technology", 1000000), ("Wexley Nation", 810300)]


def test_a_headline_awarded_without_its_auxiliary():
    assert awards("Harbour Youth Trust awarded $1.9 million for safer streets") == [("Harbour Youth Trust", 1900000)]
    assert awards("The Wexley Foundation awarded £5,000 for a new roof at the hall.") == []


def test_a_name_then_where_it_is_then_which_will_receive():
    text = ("She said among the successful recipients is Teens Take Charge Inc. on the Harbour Coast, which will "
            "receive $25,000 to buy a minibus.")
    assert awards(text) == [("Teens Take Charge Inc", 25000)]


def test_a_boost_thanks_to_a_donation_from_a_funder():
    text = ("Harbour Hospital Charity is celebrating a winter funding boost thanks to a generous £48,100 donation "
            "from the Wexley Foundation.")
    assert awards(text) == [("Harbour Hospital Charity", 48100)]


def test_shares_of_counties_in_brackets_are_no_awards():
    text = ("The commuter counties also did well with Eastmere (€1.84m), Wexford Vale (€1.66m) and Northshire (€1m) "
            "receiving substantial investment.")
    assert awards(text) == []


def test_two_halves_of_one_name_joined_by_and():
    text = ("The foundation's grants this round:\n"
            "- Westgate Industrial Retention and Expansion Network for $75,000 for jobs\n"
            "- Harbour Housing Authority and the Eastbrook Tenants Union for $40,000 for repairs\n")
    found = DEFAULT.extract(TextDocument(text=text, title="Grants")).awards
    assert [(a.recipient, a.partners) for a in found] == [
        ("Westgate Industrial Retention and Expansion Network", []),
        ("Harbour Housing Authority", ["Eastbrook Tenants Union"])]


def test_an_amount_each_for_the_organisations_after_a_colon():
    text = ("Three councils each receive $400,000: the Shire of Lowmere, for a new pavilion at Harbour Oval; "
            "the Town of Eastbrook, to replace the Anchor Pavilion; and the Town of Wexley, for new change rooms.")
    assert awards(text) == [("Shire of Lowmere", 400000), ("Town of Eastbrook", 400000), ("Town of Wexley", 400000)]


def test_a_sentence_opening_word_is_no_recipient_of_an_amount_each():
    assert awards("Further down the list, Harbour Borough Council and Lowmere Council each receive £2m.") == [
        ("Harbour Borough Council", 2000000), ("Lowmere Council", 2000000)]


def test_part_of_an_organisations_amount_is_the_organisations():
    assert awards("Part of the Harbour Woodland Trust's £3.86m is for training.") == [("Harbour Woodland Trust", 3860000)]


@pytest.mark.parametrize("sentence", [
    "Second on the list by size, £2,543,600 goes to a partnership led by the Harbour Hostel Association in Lowmere.",
    "The third grant, £2,543,600, is for Tidewatch, a four-year project led by Harbour Hostel Association that "
    "wants to cut emissions.",
    "Central government's contribution is a £2,543,600 grant from the Department for Transport's bus fund, awarded "
    "to Harbour Hostel Association, which led the bid.",
])
def test_the_organisation_that_leads_the_work_or_that_the_grant_was_awarded_to(sentence):
    assert awards(sentence) == [("Harbour Hostel Association", 2543600)]


def test_a_project_led_by_a_person_names_no_recipient():
    assert awards("The grant of £50,000 is for a project led by Dr Jo Bloggs.") == []


@pytest.mark.parametrize("sentence,expected", [
    ("Wexley Lake First Nation is welcoming $83,644 to complete a feasibility study.",
     [("Wexley Lake First Nation", 83644)]),
    ("Lowmere State University in North Carolina received a four-year, $1.4 million grant from the Harbour "
     "Institutes to fund its training program.", [("Lowmere State University", 1400000)]),
    ("The city of Wexley received a $250,000 grant from the Department to develop a plan.",
     [("City of Wexley", 250000)]),
    ("Significant grants were also made to national organisations including: Harbour Football Club $80,000; "
     "Graeme Lowmere Foundation $70,000; Wexley Medical Research Foundation $36,000.",
     [("Graeme Lowmere Foundation", 70000), ("Harbour Football Club", 80000),
      ("Wexley Medical Research Foundation", 36000)]),
    ("Among the major beneficiaries are Harbour Opera House, which is to receive €200,000, the Civic Theatre, "
     "Eastbrook (€160,000) and the Tidewell Arts Centre (€110,000).",
     [("Civic Theatre", 160000), ("Harbour Opera House", 200000), ("Tidewell Arts Centre", 110000)]),
])
def test_welcoming_money_a_duration_before_the_amount_a_city_of_and_semicolon_enumerations(sentence, expected):
    assert awards(sentence) == expected


def test_an_enumeration_of_names_and_amounts_each_with_its_purpose():
    text = ("Fifteen groups have been awarded funding for projects including Lowmere Bowls Club which has been given "
            "$35,000 for a shade structure, Lowmere Motorcycle Club $34,000 to construct a bore, and Harbour "
            "Tableland Agricultural Society $26,218 to purchase a grandstand.")
    assert awards(text) == [("Harbour Tableland Agricultural Society", 26218), ("Lowmere Bowls Club", 35000),
                            ("Lowmere Motorcycle Club", 34000)]


def test_people_with_their_titles_are_no_recipients():
    text = ("Congratulations to the following researchers who have been awarded grants in this round:\n"
            "- Dr Jo Bloggs (University of Lowmere - School of Medicine)\n- Prof Ann Smith (Harbour Research Institute)\n")
    assert not any(name.startswith(("Dr ", "Prof ")) for name, _ in awards(text))


def test_a_bracket_saying_what_it_receives_after_a_name_and_its_place():
    text = ("Among theatres being helped are the Harbour Playhouse (£960,000), Finbury Theatre in Eastbrook Court "
            "(receiving just shy of £60,000) and the Northgate Theatre in Wexley (over £180,000).")
    assert awards(text) == [("Finbury Theatre", 60000), ("Harbour Playhouse", 960000), ("Northgate Theatre", 180000)]


@pytest.mark.parametrize("sentence,name", [
    ("Eastshire's Pipe Band Academy are increasing chances for young people through music with their £10,000 award.",
     "Pipe Band Academy"),
    ("The Harbour Community Association are turning Harbour Hall into a creative hub with their £10,000 grant.",
     "Harbour Community Association"),
])
def test_what_a_subject_does_with_its_own_grant(sentence, name):
    assert awards(sentence) == [(name, 10000)]


def test_a_programmes_acronym_is_no_recipient():
    text = ("This support comes through the Lowmere Arts Presentation Fund (LAPF) and the Lowmere Cultural Spaces "
            "Fund (LCSF).\nBudget 2017 also announced an additional $300 million for the LCSF over ten years.\n"
            "The Harbour Theatre Company (HTC) received $75,000 from the LAPF.\n")
    assert awards(text) == [("Harbour Theatre Company", 75000)]


def test_the_grant_beside_a_loan_in_one_clause():
    text = ("- Harbour Water Association Inc. in Lowmere received a loan of $712,000 and $173,000 in grant funding, "
            "which will be used to replace meters.")
    assert awards(text) == [("Harbour Water Association Inc", 173000)]


@pytest.mark.parametrize("sentence,name", [
    ("The trust chose four charities. ClementWest £20,000 to go towards piloting a numeracy programme next year.",
     "ClementWest"),
    ("Harbour Neighbourhood Trust £20,000 for one year to employ a youth worker.", "Harbour Neighbourhood Trust"),
])
def test_a_sentence_of_a_name_its_amount_and_what_it_is_for(sentence, name):
    assert awards(sentence) == [(name, 20000)]


def test_a_place_the_clause_opens_with_before_its_subject():
    text = "And in Eastshire, Lowmere Regional Council is getting more than $45,000 for a mangrove art trail."
    assert awards(text) == [("Lowmere Regional Council", 45000)]
    assert awards("Places of worship in Eastshire, Westshire and Northshire are to share $45,000 in total.") == []


def test_what_it_will_put_towards_something():
    text = "Harbour Festival is one of the larger beneficiaries. It will put more than $63,000 towards staging a new show."
    assert awards(text) == [("Harbour Festival", 63000)]


def test_acronyms_with_their_amounts_spelt_out_as_the_page_names_them():
    text = ("The money is spread across three institutions: Lowmere College Eastbrook, Tidemill College Wexley and "
            "Harbour City University.\nHere is what the published details add up to: LCE – more than €3.7m; "
            "TCW – €2.7m; HCU – €2.2m.\n")
    assert awards(text) == [("Harbour City University", 2200000), ("Lowmere College Eastbrook", 3700000),
                            ("Tidemill College Wexley", 2700000)]


@pytest.mark.parametrize("sentence", [
    "After the Quarrybank Heritage Trust was awarded £48,000 by the lottery fund, work began on the mill.",
    "Since the Quarrybank Heritage Trust received £48,000, its volunteers have doubled.",
])
def test_a_subordinate_clause_names_the_recipient(sentence):
    assert awards(sentence) == [("Quarrybank Heritage Trust", 48000)]


@pytest.mark.parametrize("sentence", [
    "The Quarrybank Heritage Trust has been given c. £48,000 towards a new roof.",
    "The Quarrybank Heritage Trust received approx. £48,000.",
    "The Quarrybank Heritage Trust received roughly £48,000.",
])
def test_an_approximate_amount_after_its_verb(sentence):
    assert awards(sentence) == [("Quarrybank Heritage Trust", 48000)]


def test_an_abbreviated_circa_does_not_end_the_sentence():
    found = DEFAULT.extract(TextDocument(text="The Quarrybank Heritage Trust has been given c. £48,000.")).awards
    assert [a.approximate for a in found] == [True]


def test_a_distributive_amount_before_a_colon_list():
    assert awards("Three groups will receive £2,500 each: Tamsin Lane Scouts, Holloway Street Choir and the "
                  "Marden Allotment Society.") == [("Holloway Street Choir", 2500), ("Marden Allotment Society", 2500),
                                                   ("Tamsin Lane Scouts", 2500)]


def test_each_of_several_named_in_a_dashed_aside():
    assert awards("Each of the three charities - Penhallow Trust, Rookwood House and Sallow Care - will get "
                  "£4,000.") == [("Penhallow Trust", 4000), ("Rookwood House", 4000), ("Sallow Care", 4000)]


def test_took_an_amount_and_an_elliptic_second_one():
    assert awards("Among the winners, Tarnbrook Community Garden took £1,500 and Wellgate Silver Band £900.") == \
        [("Tarnbrook Community Garden", 1500), ("Wellgate Silver Band", 900)]
    assert awards("In the spring the Tarnbrook Society took £15,000 out of its reserves to repair the hall.") == []


def test_what_the_money_lets_an_organisation_do():
    assert awards("A £3,200 grant from the Cobble Fund will allow Pennine Way Playgroup to extend its hours.") == \
        [("Pennine Way Playgroup", 3200)]


def test_a_subject_and_its_partner_share_an_award():
    found = DEFAULT.extract(TextDocument(text="Orrin University and its partner, the Kestle Institute, share a "
                                              "£300,000 grant.")).awards
    assert [(a.recipient, int(a.amount)) for a in found] == [("Orrin University", 300000)]


@pytest.mark.parametrize("sentence,expected", [
    ("Marbury Lane Allotments has been successful in securing £6,000 for new raised beds.",
     [("Marbury Lane Allotments", 6000)]),
    ("Ellisford Youth Theatre will use £9,000 from the fund to run summer workshops.",
     [("Ellisford Youth Theatre", 9000)]),
    ("The money, £2,500, will help Coldwell Food Bank expand its deliveries.", [("Coldwell Food Bank", 2500)]),
    ("Hartwell Library Friends' £1,800 award will fund a reading club.", [("Hartwell Library Friends", 1800)]),
    ("The Upstream project, run by Caldwell Rivers Trust, received £60,000.", [("Caldwell Rivers Trust", 60000)]),
    ("Awarded £30,000 by the lottery, the Penwith Lifeboat Station will replace its launch ramp.",
     [("Penwith Lifeboat Station", 30000)]),
    ("Larkmoor Primary School's eco club won £1,000 in the competition.", [("Larkmoor Primary School", 1000)]),
])
def test_more_places_a_recipient_stands(sentence, expected):
    assert awards(sentence) == expected


def test_a_list_item_names_its_town_between_name_and_amount():
    text = "Grants this round:\n\n- Riverholt Youth Project, Eastbury – £10,000 to run a mentoring scheme\n" \
           "- Tanner Street Arts, Westholme – £4,000 for a mural"
    assert awards(text) == [("Riverholt Youth Project", 10000), ("Tanner Street Arts", 4000)]


@pytest.mark.parametrize("sentence,expected", [
    ("The Government of Westland is investing $2.5 million in the Ridgeway Community Centre.",
     [("Ridgeway Community Centre", 2500000)]),
    ("The Tarn Science Foundation has awarded a $3 million grant to researchers at Pinehurst University.",
     [("Pinehurst University", 3000000)]),
    ("Our congratulations go to the Lanwick Community Association on their £15,000 award.",
     [("Lanwick Community Association", 15000)]),
    ("Grants of £5,000 each went to the Ormcliffe Scouts and the Whitholm Brownies.",
     [("Ormcliffe Scouts", 5000), ("Whitholm Brownies", 5000)]),
])
def test_investment_in_teams_at_congratulations_and_each_went_to(sentence, expected):
    assert awards(sentence) == expected


def test_money_invested_in_a_place_or_a_cause_names_no_recipient():
    assert awards("The Government of Westland is investing $2.5 million in Eastholm to improve its roads.") == []
    assert awards("The Tarn Fund is investing £4m in coastal restoration.") == []


@pytest.mark.parametrize("text,expected", [
    ("Volunteers founded Aldwick House in 1998. Last week the hospice was awarded £80,000.", [("Aldwick House", 80000)]),
    ("Ashcombe Village Hall Committee applied in June. In November it was awarded £9,500.",
     [("Ashcombe Village Hall Committee", 9500)]),
    ("The Harling Trust opened a shelter. Earlier this year, it received £10,000.", [("Harling Trust", 10000)]),
])
def test_a_reference_after_when_it_happened(text, expected):
    assert awards(text) == expected


def test_a_figure_of_the_recipients_own_before_its_award_does_not_hide_it():
    assert awards("Oxwell Care, which has an annual turnover of £3m, received £50,000.") == [("Oxwell Care", 50000)]
    assert awards("The Oxwell Trust, with a turnover of £3m, reported a deficit of £40,000.") == []


@pytest.mark.parametrize("sentence,expected", [
    ("Dr Jane Roebuck, of Lowbeck University, has been awarded £400,000.", [("Lowbeck University", 400000)]),
    ("Dr Omar Shahid (Kingsholm College) was awarded £250,000 for a study of tides.", [("Kingsholm College", 250000)]),
    ("Sunnybrae Nursery is celebrating a £4,000 grant from the lottery.", [("Sunnybrae Nursery", 4000)]),
])
def test_a_person_stands_for_their_body_and_a_grant_celebrated(sentence, expected):
    assert awards(sentence) == expected


def test_a_bracketed_acronym_after_an_organisation_is_not_an_affiliation():
    assert awards("The Tarnside Trust (TT) was awarded £5,000.") == [("Tarnside Trust", 5000)]


@pytest.mark.parametrize("sentence, expected", [
    ("And the Harbour Arts Centre in Lowmere has received £89,200 to mend its roof.", ("Harbour Arts Centre", 89200)),
    ("The Quay Mill Trust in Westshire has been awarded approaching £1.6m for repairs.", ("Quay Mill Trust", 1600000)),
])
def test_a_clause_opened_by_and_the_and_an_amount_approaching(sentence, expected):
    assert awards(sentence) == [expected]


def test_an_enumeration_of_names_with_elided_french_articles_and_an_and_inside_one():
    text = ("Among the organizations receiving funding are the Amis de l'Estuaire Society, "
            "the Harbour Centre for Peace and Justice and the Maison d'Arville Association.")
    assert awards(text) == [("Amis de l'Estuaire Society", None), ("Harbour Centre for Peace and Justice", None),
                            ("Maison d'Arville Association", None)]


@pytest.mark.parametrize("sentence, expected", [
    ("The minister announced up to $8.5 million under the Coastal Climate Action Fund for Quay Growers Inc. "
     "to help farmers.", ("Quay Growers Inc", 8500000)),
    ("The minister announces $100,000 in Government of Wexley support for Lowmere Technologies.",
     ("Lowmere Technologies", 100000)),
])
def test_the_scheme_or_government_an_amount_comes_through_stands_between_it_and_its_recipient(sentence, expected):
    assert awards(sentence) == [expected]


def test_a_definite_organisation_is_no_place_named_before():
    text = ("The funds will help farmers across Saskatchewan adopt new practices. "
            "The Lowmere organization obtains over $300,000 in funding.")
    assert awards(text) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Also, $1 million was awarded to the John Q. Harbour Memorial Library in Lowmere.",
     ("John Q. Harbour Memorial Library", 1000000)),
    ("The minister awarded the Quay Island Project, a new sports field, $500,000.", ("Quay Island Project", 500000)),
    ("$20,000 went to the Lowmere branch of the Harbour Heritage Society.", ("Harbour Heritage Society", 20000)),
    ("£1.6m goes to Perth and Kinross Council for the Harbour Industrial Park.", ("Perth and Kinross Council", 1600000)),
])
def test_initials_described_objects_branches_and_a_council_for_its_project(sentence, expected):
    assert awards(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Another recipient is Harbour Chapel Trust, Eastbrook, Westshire, which will be given £138,000 for gutters.",
     ("Harbour Chapel Trust", 138000)),
    ("The Quay Heritage Society in Lowmere, built up during the 1830s by local merchants after the fall of "
     "Napoleon, is to get £59,000 to repair its hall.", ("Quay Heritage Society", 59000)),
    ("The largest single grant of £251,000 will go to St Anne’s Church, Eastbrook in Westshire, to repair its roof.",
     ("St Anne’s Church, Eastbrook", 251000)),
])
def test_a_subject_with_its_places_and_what_it_is_between_it_and_its_verb(sentence, expected):
    assert awards(sentence) == [expected]


def test_the_cash_of_the_sentence_before_awarded_to_a_named_body():
    text = ("A medieval country church will be mended thanks to a £74,000 grant. "
            "The cash was awarded to St Anne’s Church in Eastbrook by the Wexley Heritage Fund.")
    assert awards(text) == [("St Anne’s Church", 74000)]


@pytest.mark.parametrize("sentence, expected", [
    ("Harbour Cricket Club has been awarded a massive £50,000 grant to build a pavilion.",
     ("Harbour Cricket Club", 50000)),
    ("Through its community fund, Wexley Power has provided a £10,000 award to support The Lantern, a charity "
     "dedicated to young people's mental health.", ("Lantern", 10000)),
])
def test_an_adjective_before_the_grant_and_a_body_said_to_be_a_charity(sentence, expected):
    assert awards(sentence) == [expected]


def test_the_university_named_in_full_before():
    text = ("The University of Lowmere was awarded one of its largest-ever grants this month. "
            "On April 6, the University announced it had received a $42.6 million grant from the Wexley Institutes.")
    assert awards(text) == [("University of Lowmere", 42600000)]


def test_a_long_enumeration_of_names_and_amounts_needs_no_organisation_words():
    text = ("Grants were also made to national groups including: Harbour Football $80,000; Quay Dingle Foundation "
            "$70,000; Netball Lowmere $60,000; Tidewell Research Foundation $36,000 and Eastbrook Rowing $30,000.")
    assert awards(text) == [("Eastbrook Rowing", 30000), ("Harbour Football", 80000), ("Netball Lowmere", 60000),
                            ("Quay Dingle Foundation", 70000), ("Tidewell Research Foundation", 36000)]


def test_an_award_named_by_its_giver_then_its_amount_in_a_later_sentence():
    text = ("The Wexley Heart, Lung, and Blood Institute (WHI) has awarded a grant to the University of Lowmere "
            "for its genome study. The principal investigator is Dr. Jo Bloggs. "
            "This $500000 award is funded through the recovery programme.")
    assert awards(text) == [("University of Lowmere", 500000)]


@pytest.mark.parametrize("sentence, expected", [
    ("The Quay Gallery receives a development award of £100,000, with £1.4m of stage two funding behind it, "
     "to improve its spaces.", [("Quay Gallery", 100000), ("Quay Gallery", 1400000)]),
    ("Tidewell Arts, the public art company, has a development award of £100,000 and provisional stage two "
     "funding of £400,000 towards its plans.", [("Tidewell Arts", 100000), ("Tidewell Arts", 400000)]),
    ("In Lowmere, Harbour Collective has been given a development award of £95,000, and a further £905,160 has "
     "been earmarked for it as stage two funding.", [("Harbour Collective", 95000), ("Harbour Collective", 905160)]),
    ("The Harbour Trust received £5,000 and the Quay Club £3,000.", [("Harbour Trust", 5000), ("Quay Club", 3000)]),
])
def test_a_further_amount_of_the_same_sentence_for_the_same_recipient(sentence, expected):
    assert sorted(awards(sentence)) == sorted(expected)


def test_a_name_near_its_town_before_which():
    text = "One of the largest sums goes to Harbour Arts near Eastbrook, which has been awarded £1m for its project."
    assert awards(text) == [("Harbour Arts", 1000000)]


@pytest.mark.parametrize("sentence, expected", [
    ("Lowmere Opera House heads the list with €200,000.", [("Lowmere Opera House", 200000)]),
    ("Saskatchewan's Theatre Royal is down for €80,000.", [("Theatre Royal", 80000)]),
    ("Four companies will divide a little over €210,000, with Harbour Circus Company taking the largest part of "
     "that, €75,000.", [("Harbour Circus Company", 75000)]),
    ("Two Lowmere theatre companies, Quay Cannon and Tidewell Hatch, are to get €98,000 and €75,000 respectively.",
     [("Quay Cannon", 98000), ("Tidewell Hatch", 75000)]),
])
def test_heading_the_list_down_for_the_largest_part_and_respective_amounts_of_a_described_run(sentence, expected):
    assert awards(sentence) == expected


def test_counted_groups_in_a_place_each_receive_and_a_later_sentence_names_them():
    text = ("Three organizations in Westshire–Eastbrook South will each receive $25,000 from the seniors programme, "
            "the MP said. She made the announcement on Tuesday. The money goes to the Harbour Legion Branch 18 in "
            "Quayside, Tidewell First Nation, and the Lowmere Cultural Centre in Roseneath.")
    title = "Legion, First Nation and cultural centre each land $25,000"
    assert awards(title + "\n" + text, title=title) == [
        ("Harbour Legion Branch 18", 25000), ("Lowmere Cultural Centre", 25000), ("Tidewell First Nation", 25000)]


def test_festivals_receiving_money_include_a_run_and_segments_that_say_what_each_puts_on():
    assert awards("Other festivals receiving money include Quaybeat, the Lowmere Film Festival and Harbour Pride.") \
        == [("Harbour Pride", None), ("Lowmere Film Festival", None), ("Quaybeat", None)]
    text = ("Among the organizations receiving funding is the Lowmere Fireworks Society, which puts on QuayFest "
            "($102,500); Tidewell Rabbit Theatre, which puts on the Harbour Rodeo ($170,500).")
    assert awards(text) == [("Lowmere Fireworks Society", 102500), ("Tidewell Rabbit Theatre", 170500)]


def test_organisations_including_a_run_have_received_funding():
    text = ("Sector organisations including the Harbour Day Nurseries Association, the Pre-school Quay Alliance, "
            "LOWCARE and 4Families have received funding for various early years projects.")
    assert awards(text) == [("4Families", None), ("Harbour Day Nurseries Association", None), ("LOWCARE", None),
                            ("Pre-school Quay Alliance", None)]


def test_a_county_total_for_many_groups_the_groups_including_and_which_received():
    text = ("Co Westshire received €3.2 million in funding for 64 organisations including the Quay and District "
            "Community Council, Harbour Rugby Football Club and Lowmere GAA Club. "
            "Other Westshire groups which received funding include the Tidewell Boat Club and Eastbrook Community Centre.")
    assert awards(text) == [("Eastbrook Community Centre", None), ("Harbour Rugby Football Club", None),
                            ("Lowmere GAA Club", None), ("Quay and District Community Council", None),
                            ("Tidewell Boat Club", None)]


def test_a_club_named_with_its_kind_in_lower_case_and_amounts_followed_by_others_for_named_bodies():
    text = ("In Lowmere, the Na Harbour GAA club received the largest allocation of €450,000, followed by €400,000 "
            "for Quayside Community Facilities and €350,000 for Associated Tidewell Communities.")
    assert awards(text) == [("Associated Tidewell Communities", 350000), ("Na Harbour GAA club", 450000),
                            ("Quayside Community Facilities", 400000)]


def test_groups_that_received_cheques_included_a_run_and_the_biggest_cheque():
    text = ("Groups that received cheques included the Lowmere Irish Society, the Quay Social Club in Eastbrook, "
            "Harbour Gypsy and Traveller Exchange and the Celtic and Irish Cultural Centre. "
            "The Tidewell Irish Centre Charity received the biggest cheque: €556,940.")
    assert awards(text) == [("Celtic and Irish Cultural Centre", None), ("Harbour Gypsy and Traveller Exchange", None),
                            ("Lowmere Irish Society", None), ("Quay Social Club", None),
                            ("Tidewell Irish Centre Charity", 556940)]


def test_a_towns_possessive_before_the_organisation_in_bracketed_items():
    text = ("The nonprofits receiving funding are:\n\n"
            "• Quayton’s Harbour Agency on Ageing ($323,000) and Visiting Nurse Services of Lowmere ($310,100);\n\n"
            "• Eastbury’s Tidewell House Inc. ($139,454); and\n\n"
            "• Westmere’s The Lantern Center Inc. ($178,483).")
    assert awards(text) == [("Harbour Agency on Ageing", 323000), ("Lantern Center Inc", 178483),
                            ("Tidewell House Inc", 139454), ("Visiting Nurse Services of Lowmere", 310100)]


@pytest.mark.parametrize("sentence, expected", [
    ("Not far away, inside the national park, All Souls Church, Eastbrook, has been awarded just over £138,000.",
     ("All Souls Church, Eastbrook", 138000)),
    ("The Fund has given a development grant of £380,389 to St Anne the Martyr, Quay Square, in Lowmere.",
     ("St Anne the Martyr, Quay Square", 380389)),
    ("In North Westshire, a £248,504 grant will fund the Stone and Story project at St Anne's Church, Eastbrook, "
     "part of the local benefice.", ("St Anne's Church, Eastbrook", 248504)),
])
def test_churches_named_by_dedication_and_parish_and_the_project_a_grant_will_fund_at_one(sentence, expected):
    assert awards(sentence) == [expected]


@pytest.mark.parametrize("name, expected", [
    ("Wildgoose and Wetlands Trust", ("Wildgoose and Wetlands Trust", [])),
    ("Harbour South Bowling & Recreation Club", ("Harbour South Bowling & Recreation Club", [])),
    ("Harbour Trust and Quay Arts Society", ("Harbour Trust", ["Quay Arts Society"])),
    ("Lowmere22 and Westshire council", ("Lowmere22", ["Westshire council"])),
])
def test_a_joint_name_split_only_where_each_half_names_a_body(name, expected):
    from services.extractor.reader.mentions import split_joint
    assert split_joint(name) == expected


def test_a_named_person_of_an_organisation_stands_for_it():
    text = ("Jo Santhosh Bloggs of Harbour Lifecare Ltd in Lowmere won a further US$858,123 to coat devices, and "
            "Ade Cofie of the Quay Water Management Institute was given an additional US$300,000 for pellets.")
    assert awards(text) == [("Harbour Lifecare Ltd", 858123), ("Quay Water Management Institute", 300000)]
    assert awards("Friends of Harbour Park received £5,000.") == [("Friends of Harbour Park", 5000)]


def test_the_backers_of_a_page_subject_each_put_in_their_sum():
    text = ("Harbour Radio says it has now raised about $1.2M from local and national backers for its youth newsroom. "
            "The newest money is big. The Quay Foundation is in for $225K. The Lowmere Foundation is putting up $195K. "
            "Back in January, the Tidewell Broadcasting Trust had committed $200K to get the startup going.")
    assert awards(text) == [("Harbour Radio", 195000), ("Harbour Radio", 200000), ("Harbour Radio", 225000)]


def test_the_club_refers_to_the_club_named_before_and_a_date_opener_is_no_part_of_a_name():
    text = ("Sessions at The Harbour Gymnastics Club have felt like a ski trip this year. The building has no heating. "
            "Coaches have taught in scarves, and the club had been preparing to close its group.\n"
            "Now the club has been handed twenty thousand pounds from the facilities fund.")
    assert awards(text) == [("Harbour Gymnastics Club", 20000)]
    assert awards("Back in October 2024 the Quay Medical Research Foundation received $5.1 million.") == \
        [("Quay Medical Research Foundation", 5100000)]


def test_a_misspelt_verb_and_a_subject_with_its_village_and_nearby_town():
    text = ("Harbour and Quay Village Hall in Harbourside, near Lowmere, is geting a £67,379 top-up from the "
            "lottery fund that will guarantee the project's future.")
    assert awards(text) == [("Harbour and Quay Village Hall", 67379)]


@pytest.mark.parametrize("sentence, expected", [
    ("One grant, for $112,844, will help Girl Guides of Lowmere start a troop at the shelter.",
     ("Girl Guides of Lowmere", 112844)),
    ("The single largest item named is $649,730 for the Native Village of Quayak.", ("Native Village of Quayak", 649730)),
])
def test_one_grant_for_an_amount_will_help_and_the_largest_item_for_a_native_village(sentence, expected):
    assert awards(sentence) == [expected]


def test_the_ski_club_for_its_part_refers_to_the_club_of_a_joint_name_before():
    text = ("The new Harbour Public Library and Technology Centre and the Quay Lake Nordic Ski Club are among 19 "
            "groups sharing $932,800 in grants. The Town of Harbour is getting $37,300 for self-check stations. "
            "Staff expect the machines to speed up service. The ski club, for its part, will receive $51,000.")
    assert awards(text) == [("Quay Lake Nordic Ski Club", 51000), ("Town of Harbour", 37300)]


def test_segments_of_a_name_a_comma_and_its_amount_in_a_long_enumeration():
    text = ("The other recipients were: Quay Artist Studio Group, £5,000; Harbour Poetry Workshop, £1,440; "
            "Lowmere Festival, £2,000; Tidewell Dance Group, £900.")
    assert ("Harbour Poetry Workshop", 1440) in awards(text)


def test_money_coming_its_way_and_generic_words_that_name_no_body():
    assert awards("The Harbour Forest Trust has NZ$79,799 coming its way to keep pests down.") == \
        [("Harbour Forest Trust", 79799)]
    assert awards("Target: NZ$5,000. Further, £12,000 will be spent on heating.") == []


def test_an_amount_apiece_for_a_purpose_then_a_colon_and_each_body_with_what_its_money_is_for():
    text = ("Three groups are getting ten thousand dollars apiece for spay and neuter work: Harbour Humane Society "
            "for its neuter program, Quay Spay Neuter for surgeries, and Lowmere County Humane Society for clinics.")
    assert awards(text) == [("Harbour Humane Society", 10000), ("Lowmere County Humane Society", 10000),
                            ("Quay Spay Neuter", 10000)]


@pytest.mark.parametrize("sentence, expected", [
    ("Save the Quay Children Trust's $178,571 grant will go to its partner schools.",
     [("Save the Quay Children Trust", 178571)]),
    ("Up the river, Harbour Neighbourhood House has $300,000 for a flexible space.",
     [("Harbour Neighbourhood House", 300000)]),
    ("I Have A Dream Lowmere Trust was given $200,000 a year for three years for its work.",
     [("I Have A Dream Lowmere Trust", 200000)]),
    ("The job pays £30,000 a year.", []),
])
def test_a_name_opening_with_save_a_body_that_has_money_for_and_a_yearly_grant_for_some_years(sentence, expected):
    assert awards(sentence) == expected


def test_items_that_open_with_the_amount_and_say_what_it_buys_before_the_organisation():
    text = ("The province named this year's capital grants.\n\n"
            "- CA$88,400 for commercial kitchen equipment at the Lowmere Community Pantry Society\n"
            "- $31,250 toward a pickup truck for the Players on the Quay Society, a touring company\n"
            "- $12,000 for a water tanker to fight fires on the island\n")
    assert sorted(awards(text)) == [("Lowmere Community Pantry Society", 88400),
                                    ("Players on the Quay Society", 31250)]


def test_a_lone_word_after_a_name_of_no_kind_stays_with_it():
    text = "The Harbour Rowing Association and Eastbrook Search and Rescue each get $200,000 for new boathouses."
    assert sorted(awards(text)) == [("Eastbrook Search and Rescue", 200000), ("Harbour Rowing Association", 200000)]


def test_money_backers_put_into_a_fund_is_no_award():
    assert awards("The Lowmere Council and the Quayside Foundation each put £3m into the joint fund, which opens "
                  "to applications in May.") == []


def test_a_nations_own_national_body_keeps_its_possessive():
    assert awards("Grants this round include Canada's National Harvest Festival, which receives $4,125 for "
                  "new marquees.") == [("Canada's National Harvest Festival", 4125)]


@pytest.mark.parametrize("sentence, expected", [
    ("Eastbrook Meals on Wheels received £4,000 to buy a second van.", [("Eastbrook Meals on Wheels", 4000)]),
    ("Harbour Communities in Transition was awarded £6,500 for its befriending scheme.",
     [("Harbour Communities in Transition", 6500)]),
    ("Tidemark Rowing Club in Lowmere received £2,000 for oars.", [("Tidemark Rowing Club", 2000)]),
])
def test_in_or_on_before_a_common_noun_is_part_of_the_name_not_a_place(sentence, expected):
    assert awards(sentence) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Harbourside Trust has awarded £1.2m to a research programme on coastal flooding.\n\n"
     "The four-year programme will be led by Dr Ada Reyes, head of the Tide Institute at the University of "
     "Lowmere, and will work with three councils.", [("University of Lowmere", 1200000)]),
    ("The Harbourside Trust has awarded £400,000 to a new project on river health.\n\n"
     "The project will be led by the Eastbrook Rivers Trust.", [("Eastbrook Rivers Trust", 400000)]),
    ("The Harbourside Trust has awarded £400,000 to a new project on river health.\n\n"
     "The project will be led by Jo Bloggs, who has studied rivers for years.", []),
])
def test_money_to_unnamed_work_goes_to_the_body_the_next_sentence_says_leads_it(text, expected):
    assert awards(text) == expected


def test_a_congratulation_is_no_part_of_the_name_it_congratulates():
    assert awards("Congratulations to Tidemark Sailing Club on their £8,000 award.") == [("Tidemark Sailing Club", 8000)]


def test_an_each_amount_in_brackets_before_the_colon_list_of_who_was_chosen():
    text = ("Five groups (£7,500 each) were chosen: the Harbour Trust, the Quay Society, Eastbrook Arts, "
            "Tide Youth and Lowmere Pantry.")
    assert awards(text) == sorted((name, 7500) for name in ("Harbour Trust", "Quay Society", "Eastbrook Arts",
                                                             "Tide Youth", "Lowmere Pantry"))


def test_toward_as_americans_write_it_ends_the_name():
    assert awards("The state gave $2 million to Lowmere County Community College toward its aviation "
                  "training center.") == [("Lowmere County Community College", 2000000)]


@pytest.mark.parametrize("text, expected", [
    ("Highlights of the awards include a $750,000 matching grant for the construction of a new arts hub in "
     "downtown Lowmere, Westshire, by the Lowmere Arts and Humanities Council; a $250,000 matching grant for "
     "the design of a new museum in Eastbrook, D.C., by the Historical Society of Greater Eastbrook; and a "
     "$500,000 grant for new roofs by the Harbour Trust.",
     [("Harbour Trust", 500000), ("Historical Society of Greater Eastbrook", 250000),
      ("Lowmere Arts and Humanities Council", 750000)]),
    ("The endowment awarded the Lowmere Library Alliance a $365,000 matching grant for training.",
     [("Lowmere Library Alliance", 365000)]),
    ("The Harbour Museum of History is delighted to announce a $2 million donation by the Quay Family "
     "Foundation in support of its new hall.", [("Harbour Museum of History", 2000000)]),
    ("The Tide Theatre is pleased to announce a $40,000 grant from the Quay Foundation.", [("Tide Theatre", 40000)]),
])
def test_a_grant_for_work_somewhere_by_a_body_an_indirect_object_before_a_grant_and_a_gift_announced(text, expected):
    assert awards(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Harbour Adventure was one of the largest recipients from the fund, receiving $15,000 to help students "
     "attend a course.", [("Harbour Adventure", 15000)]),
    ("Te Rūnanga o Tidemark will receive $15,000 towards the annual games.", [("Te Rūnanga o Tidemark", 15000)]),
])
def test_a_subject_receiving_after_a_comma_and_a_maori_name_with_its_o(text, expected):
    assert awards(text) == expected


def test_a_nations_own_spend_is_no_award():
    assert awards("Australia's $221 million annual spend on basic research: who got the grants?") == []


def test_an_each_price_in_an_advert_is_no_award_to_each():
    assert awards("Classifieds: Round bales, first cut, $45 each, Lowmere County.") == []
    assert awards("The Harbour Trust and the Quay Society will each get £5,000.") == [("Harbour Trust", 5000),
                                                                                      ("Quay Society", 5000)]


def test_it_refers_to_the_organisation_not_to_the_places_it_works_in():
    text = ("The largest commitment is to the Harbour Dream Trust, which works with children at four schools in "
            "Tidemark and Quayside. It has been granted $600,000 over three years.")
    assert awards(text) == [("Harbour Dream Trust", 600000)]


@pytest.mark.parametrize("text, expected", [
    ("Boys & Girls Clubs of Lowmere and Child Safe Eastbrook will each be awarded a $200,000 grant.",
     [("Boys & Girls Clubs of Lowmere", 200000), ("Child Safe Eastbrook", 200000)]),
    ("The largest grant, $100,000, goes to the F.P. Harbour Fundraising Foundation for the school site.",
     [("F.P. Harbour Fundraising Foundation", 100000)]),
    ("Six projects in northern Westshire are sharing just over $400,000 from the government.", []),
    ("The Tide Trust in rural Lowmere received $5,000.", [("Tide Trust", 5000)]),
])
def test_a_lone_plural_opens_the_next_name_initials_run_on_and_a_part_of_a_place_is_a_place(text, expected):
    assert awards(text) == expected


def test_one_word_shaped_as_no_place_is_named_in_an_enumeration_and_money_a_body_has_to_upgrade():
    assert awards("The grants: Harbour Arts Trust £5,000, Quay Players £4,000, Na-Lowmere £3,000 and Tidemark "
                  "Scouts £2,000.") == [("Harbour Arts Trust", 5000), ("Na-Lowmere", 3000), ("Quay Players", 4000),
                                        ("Tidemark Scouts", 2000)]
    assert awards("Community station HRKC has €19,680 to upgrade its studio.") == [("HRKC", 19680)]
    assert awards("The club has £500 to spend on the trip.") == []


def test_an_indirect_object_after_giving_in_any_tense():
    assert awards("The Cultural Spaces Fund is giving the City of Lowmere $19,731 for a feasibility study.") == \
        [("City of Lowmere", 19731)]
    assert awards("The council is giving away £5,000 this year.") == []


@pytest.mark.parametrize("text, expected", [
    ('The committee also agreed £1,328 for the "My World" project run by Harbour Housing Group, which '
     'introduces pupils to work.', [("Harbour Housing Group", 1328)]),
    ("The committee agreed £2,000 for the Tide Festival, run by the Quay Arts Trust.", [("Quay Arts Trust", 2000)]),
])
def test_money_for_work_that_a_body_runs_is_the_bodys(text, expected):
    assert awards(text) == expected


def test_segments_of_an_enumeration_with_the_verb_left_out_and_where_each_is_before_its_amount():
    text = ("On the coast, the Harbour Committee on Family Safety Inc. in Lowmere, Wes., received $24,228 for a "
            "freezer; Tidemark First Nation near Quayside, Eas., $117,950 for tower gardens; and Eastbrook School "
            "Division No. 12 in High Lowmere, Wes., $38,775 for solar panels.")
    assert awards(text) == [("Eastbrook School Division No. 12", 38775), ("Harbour Committee on Family Safety Inc", 24228),
                            ("Tidemark First Nation", 117950)]


def test_a_grant_for_work_somewhere_by_a_body_with_a_capitalised_word_in_the_work():
    assert awards("Highlights include a $250,000 matching grant for the design of a new Maritime museum in Eastbrook, "
                  "D.C., by the Quay Historical Society; and a $5,000 grant for a fence by the Tide Club.") == \
        [("Quay Historical Society", 250000), ("Tide Club", 5000)]


def test_a_name_may_open_with_a_macron_or_another_accented_capital():
    assert awards("The Ōhau Conservation Trust received $3,000 for weeding.") == [("Ōhau Conservation Trust", 3000)]
    assert awards("Łąka Community Garden was awarded £2,500.") == [("Łąka Community Garden", 2500)]


@pytest.mark.parametrize("text, expected", [
    ("They include $25,000 for the Tide Native Association to buy oxygen bottles and $65,316 for a triage tent at "
     "Lowmere Regional Hospital.", [("Lowmere Regional Hospital", 65316), ("Tide Native Association", 25000)]),
    ("A $2 million grant from the Eastbrook Family Foundation will go to Lowmere University Health Care.",
     [("Lowmere University Health Care", 2000000)]),
    ("The club spent $500 for a new net at Harbour Park.", []),
])
def test_money_for_what_a_body_gets_at_it_and_a_givers_grant_that_goes_to_a_body(text, expected):
    assert awards(text) == expected


def test_a_subject_described_in_apposition_before_which_receives():
    assert awards("On the environment side, the foundation highlighted Landcare Lowmere Inc, the peak body for "
                  "landcare in the state, which receives $945,000 over three years.") == [("Landcare Lowmere Inc", 945000)]


@pytest.mark.parametrize("text, expected", [
    ("The Lowmere Equestrian Society's grant is $23,120. The society will build an arena.",
     [("Lowmere Equestrian Society", 23120)]),
    ("The University of Lowmere will host a new centre, after the Tide Trust awarded it £10 million to be spent "
     "over ten years.", [("University of Lowmere", 10000000)]),
    ("The Quay Theatre reopened last year. In March the Tide Foundation gave it £40,000 for new seats.",
     [("Quay Theatre", 40000)]),
])
def test_a_bodys_grant_is_an_amount_and_money_given_to_it_by_a_giver_named_after_it(text, expected):
    assert awards(text) == expected


def test_money_an_unnamed_body_will_use_is_not_its_places():
    assert awards("A chair lift is to be installed at the church, and a community organization on the Harbour "
                  "Shore will use $20,881 to buy exercise equipment.") == []
    assert awards("The Harbour Trust will use a $9,000 grant to mend its roof.") == [("Harbour Trust", 9000)]


def test_the_kind_that_will_use_its_grant_is_the_last_of_that_kind_named():
    assert awards("After the fire, the Lowmere Conservation Trust began restoring Tidemark Forest. The conservation "
                  "trust will use its $3000 grant to put up signs.") == [("Lowmere Conservation Trust", 3000)]


def test_a_share_of_a_givers_pot_is_no_award_to_the_giver():
    assert awards("Lowmere and Quay groups take half of Harbour foundation's $100,000",
                  title="Lowmere and Quay groups take half of Harbour foundation's $100,000") == []


def test_an_initiative_said_to_receive_money_is_a_body_but_money_committed_to_one_is_a_programme():
    assert awards("The Lowmere Refugee Initiative will receive €90,000 for outdoor event equipment.") == \
        [("Lowmere Refugee Initiative", 90000)]
    assert awards("The council has committed £38m to the Harbour Futures Initiative.") == []


def test_a_name_written_with_combining_accents_stays_whole():
    assert awards("The Tę́lı̨ı̨ Dene Society receives $5,000.") == [("Tę́lı̨ı̨ Dene Society", 5000)]
    assert awards("CA$84,000 has been approved for a two-year project by the Łą́ną Dene Nation to build a "
                  "greenhouse.") == [("Łą́ną Dene Nation", 84000)]


@pytest.mark.parametrize("sentence, expected", [
    ("The Harbour Book Festival will now receive £87,500 a year for three years — £262,500 in all.",
     ("Harbour Book Festival", 262500)),
    ("The Harbour Book Festival gets £50,000 a year for three years, £150,000 in total.",
     ("Harbour Book Festival", 150000)),
    ("The Harbour Book Festival gets £50,000 a year for three years.", ("Harbour Book Festival", 50000)),
])
def test_a_yearly_grant_said_with_its_whole_is_the_whole(sentence, expected):
    assert awards(sentence) == [expected]


def test_a_sentence_naming_one_body_as_an_example_opens_with_take():
    assert awards("Take the Harbour Book Festival. It gets £111,800 for the year.") == [("Harbour Book Festival", 111800)]


@pytest.mark.parametrize("sentence, expected", [
    ("Closest to home, Lowmere Equine Club near the Harbour Ranges has been granted $200,000 for roofing.",
     ("Lowmere Equine Club", 200000)),
    ("- $187,600 to Marine Rescue Quay Point on Lowmere's Northern Beaches to replace the engines.",
     ("Marine Rescue Quay Point", 187600)),
])
def test_where_a_body_is_is_not_part_of_its_name(sentence, expected):
    assert awards(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Lowmere Cree First Nation grabbed $370,000 to build a centre on the island.",
     ("Lowmere Cree First Nation", 370000)),
    ("The Quay & District Development Corporation hauled in $1.1M for its small-business work.",
     ("Quay & District Development Corporation", 1100000)),
    ("The cap was reached in Westshire, where a $750,000 matching grant will help the Lowmere Arts and Humanities "
     "Council build an arts hub.",
     ("Lowmere Arts and Humanities Council", 750000)),
    ("At the University of Lowmere, Associate Professor Jo Bloggs gets $770,000 to study neutrinos.",
     ("University of Lowmere", 770000)),
])
def test_more_ways_of_saying_a_body_got_money(sentence, expected):
    assert awards(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("An award of £90,459 means the Lowmere & District Community Trust can buy the old post office.",
     [("Lowmere & District Community Trust", 90459)]),
    ("Among other commitments are half a million pounds – £500,000 – to the University of Quay for research.",
     [("University of Quay", 500000)]),
    ("The agency gave $415,256 from its Help for Mill Towns program to Lowmere State College for lab space.",
     [("Lowmere State College", 415256)]),
    ("The largest grant this round was $1.1m to Lowmere Sports Hub, a community-led initiative that wants a pool.",
     [("Lowmere Sports Hub", 1100000)]),
    ("A statewide grant went to Save the Whales Lowmere. Its $178,571 will help schools build gardens.",
     [("Save the Whales Lowmere", 178571)]),
    ("Cairde na hAbhann (€5,200) for a conservation appraisal; Oideas Lowmere (€7,079) for a community archive.",
     [("Cairde na hAbhann", 5200), ("Oideas Lowmere", 7079)]),
])
def test_money_linked_by_what_it_means_for_a_body_or_whose_it_is(sentence, expected):
    assert awards(sentence) == sorted(expected)


def test_clubs_in_places_sharing_a_sum_is_no_award_to_the_last_place():
    assert awards("Fifty clubs and groups in Lowmere and east Quayshire are to receive €4,356,619 between them "
                  "under the sports programme.") == []


def test_an_enumeration_keeps_a_venue_and_heritage_trust_whole_and_numbered_names():
    assert awards("Other groups to receive grants were the Quay House Trust ($292,656), Lowmere Museum and Heritage "
                  "Trust ($68,000), No 1 District Federation of Lowmere Rowing Incorporated ($68,000) and Quay "
                  "Paraplegic Association Incorporated ($35,000).") == sorted([
                      ("Quay House Trust", 292656), ("Lowmere Museum and Heritage Trust", 68000),
                      ("No 1 District Federation of Lowmere Rowing Incorporated", 68000),
                      ("Quay Paraplegic Association Incorporated", 35000)])


@pytest.mark.parametrize("sentence, expected", [
    ("- A $912,000 grant to Lowmere 'A' Trust in Quayland for fencing at Lowmere Station.", ("Lowmere 'A' Trust", 912000)),
    ("- For Lowmere Iwi Investment Limited in the Bay of Quay, a $165,000 grant to plant an orchard.",
     ("Lowmere Iwi Investment Limited", 165000)),
])
def test_a_land_blocks_letter_and_a_recipient_fronted_by_for(sentence, expected):
    assert awards(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Lowmere-based Quay Memorial Trust is giving the Confederated Tribes of the Harbour Valley $300,000 to build "
     "homes.", ("Confederated Tribes of the Harbour Valley", 300000)),
    ("Oak Table Inc. got close to $20,000 for its move.", ("Oak Table Inc", 20000)),
    ("Placemaking will be paid for by a $550,000 grant to the Harbour Works program of Lowmere County Community "
     "Works.", ("Lowmere County Community Works", 550000)),
    ("The largest share goes to the Lowmere Trail Riders Federation. The federation will use the $1.4 million it "
     "is receiving to build trailheads.", ("Lowmere Trail Riders Federation", 1400000)),
])
def test_money_given_to_a_described_body_or_to_a_programme_of_one(sentence, expected):
    assert awards(sentence) == [expected]


def test_a_branch_number_is_part_of_the_name():
    assert awards("In Quayton, Royal Harbour Legion Branch #71 has been approved for $16,511 to upgrade its hall.") == \
        [("Royal Harbour Legion Branch #71", 16511)]


@pytest.mark.parametrize("sentence, expected", [
    ("The Lowmere Association for Counselling (LAC) has also benefited, with a grant of ten thousand pounds.",
     [("Lowmere Association for Counselling", 10000)]),
    ("One of its earliest grantees, Relate Lowmere, received £2,500 back in 1987.", [("Relate Lowmere", 2500)]),
    ("Jobs\n- Helpline Coordinator, Lowmere – £23,500\n- Quay Project Officer, Quayton – £26,000\n", []),
])
def test_benefited_with_a_grant_one_of_the_grantees_and_posts_that_are_no_bodies(sentence, expected):
    assert awards(sentence) == expected


def test_money_to_help_a_body_with_its_work():
    assert awards("The foundation announced $2 million for care, plus $500,000 to help the United Way of the Lowmere "
                  "Plains with its relief work.") == [("United Way of the Lowmere Plains", 500000)]


def test_money_given_to_a_state_and_a_peoples_word_is_no_body():
    assert awards("It has also given the state of Westshire $5 million to help establish a centre.") == \
        [("State of Westshire", 5000000)]
    assert awards("Three Lowmere groups led by and serving Black, Indigenous and other people of colour — Harbour "
                  "Arts Alliance, Quay Ensemble Theatre and Tidemill Sinfonietta — each receive $30,000.") == sorted([
                      ("Harbour Arts Alliance", 30000), ("Quay Ensemble Theatre", 30000), ("Tidemill Sinfonietta", 30000)])


def test_a_grant_for_a_place_a_body_looks_after_and_a_grant_that_will_enable_a_body():
    assert awards("Highlights include a $176,106 matching grant to support theatre repairs at Quay Hall, stewarded by "
                  "the Quay Hall Foundation; and a $500,000 grant to the Tidemill Trust.") == \
        [("Quay Hall Foundation", 176106), ("Tidemill Trust", 500000)]
    assert awards("Another grant is $5.75 million that has been awarded to support a museum. This grant will enable "
                  "the Lowmere National Trust Board to house its collection.") == [("Lowmere National Trust Board", 5750000)]


def test_an_amount_for_groups_like_a_and_b_is_each_ones():
    assert awards("The funding includes $5,000 for the Lowmere Women's Group, $30,000 for the Quay Choir, and $20,000 "
                  "for groups like Project Tidemill and Te Kupenga O Quay.") == sorted([
                      ("Lowmere Women's Group", 5000), ("Quay Choir", 30000), ("Project Tidemill", 20000),
                      ("Te Kupenga O Quay", 20000)])


def test_an_enumeration_of_names_each_with_its_purpose_then_its_amount():
    assert awards("Grants go to Lowmere Community Centre community bus $65,000, The Quay Drop-In Centre renovation "
                  "$50,000, Tidemill Jewish Museum foyer upgrade $25,000 and Quay Radio studio $20,000.") == sorted([
                      ("Lowmere Community Centre", 65000), ("Quay Drop-In Centre", 50000),
                      ("Tidemill Jewish Museum", 25000), ("Quay Radio", 20000)])


@pytest.mark.parametrize("sentence, expected", [
    ("Twelve grants went to health groups, including Lowmere-based Quay Community Health, which received $1.75 "
     "million for a clinic.", [("Quay Community Health", 1750000)]),
    ("Grants went to colleges, including Lowmere College in St. Paul, Westshire ($750,000); and Quay University in "
     "Tidemill ($1 million).", [("Lowmere College", 750000), ("Quay University", 1000000)]),
    ("Grantees included the Lowmere Parent Network ($300,000), Lowmere Future, Inc. ($230,000), and the Quay Support "
     "Corporation ($1.5 million).", [("Lowmere Parent Network", 300000), ("Lowmere Future, Inc", 230000),
                                     ("Quay Support Corporation", 1500000)]),
])
def test_enumeration_segments_with_a_town_a_legal_form_or_a_base(sentence, expected):
    assert awards(sentence) == sorted(expected)


@pytest.mark.parametrize("sentence, expected", [
    ("In Lowmere, the Centre for Harbour Arts (CHA) moves to three-year funding for the first time and will get "
     "£1,920,000 over the period.", [("Centre for Harbour Arts", 1920000)]),
    ("The annual Lowmere Art Festival (£300,000, 25%) and the Quay Print Studio (£270,000, up 20%) also join the "
     "portfolio.", [("Lowmere Art Festival", 300000), ("Quay Print Studio", 270000)]),
])
def test_a_subject_with_two_verbs_and_a_bracketed_amount_with_its_change(sentence, expected):
    assert awards(sentence) == sorted(expected)
