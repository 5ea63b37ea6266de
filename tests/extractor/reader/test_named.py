"""Recipients named without an amount in an enumeration that a selection cue governs."""
import pytest

from services.extractor.reader.named import named_runs
from services.extractor.readers import DEFAULT
from services.extractor.reader.units import read_units
from services.extractor.rules.base import Context
from shared.domain import TextDocument


def named(text: str) -> list[str]:
    doc = TextDocument(text=text)
    return [c.recipient for c in named_runs(Context(doc, read_units(doc.text)))]


@pytest.mark.parametrize("sentence,expected", [
    ("Riverton, Lakeside, Hillford and Eastbrook are among the areas picked by the fund.",
     ["Riverton", "Lakeside", "Hillford", "Eastbrook"]),
    ("Riverton, Lakeside and Hillford have also signed agreements with the agency.",
     ["Riverton", "Lakeside", "Hillford"]),
    ("The remaining three projects — led by Northvale University, Coast-based Tidewater Labs and the "
     "Harbour Institute of Marine Science in Eastbrook, Westshire — share the rest of the money.",
     ["Northvale University", "Tidewater Labs", "Harbour Institute of Marine Science"]),
    ("This year's winners are Harbour Arts Trust, the Eastbrook Food Bank and Northgate Scouts.",
     ["Harbour Arts Trust", "Eastbrook Food Bank", "Northgate Scouts"]),
])
def test_enumerations_under_a_selection_cue(sentence, expected):
    assert named(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Riverton, Lakeside and Hillford have a bigger share of retired people than anywhere else.",
    "Riverton, Lakeside and Hillford were not chosen this time.",
    "Professor Jo Bloggs, Dr Sam Doe and Ann Lee were named as the panel.",
])
def test_runs_that_name_no_recipients(sentence):
    assert named(sentence) == []


def test_names_recommended_for_funding_read_whole():
    assert named("Three advice charities – Northgate Advice, Help in Crisis and Freedom from Debt Eastbrook "
                 "have also been recommended for funding.") == \
        ["Northgate Advice", "Help in Crisis", "Freedom from Debt Eastbrook"]


def test_the_names_opening_each_segment_of_a_recipients_list():
    assert named("Among the recipients of this round are: Quay Arts in Lowmere, which will build a studio; "
                 "Harbour Media Company in Eastbrook to open a sound lab; and Northgate Dance in Wexley for "
                 "new sprung floors.") == ["Quay Arts", "Harbour Media Company", "Northgate Dance"]


def test_names_said_to_benefit_take_the_amount_said_of_each_before_them():
    doc = TextDocument(text="Forty charities have received donations of £750 each from the staff fund.\n"
                            "Lowmere Wheels, Tide Readers and the Harbour Pantry are some of the local charities "
                            "set to benefit.")
    found = [(c.recipient, c.money.value if c.money else None) for c in named_runs(Context(doc, read_units(doc.text)))]
    assert found == [("Lowmere Wheels", 750), ("Tide Readers", 750), ("Harbour Pantry", 750)]


@pytest.mark.parametrize("sentence,expected", [
    ("Congratulations to the member groups who received grants from the Harbour Fund this round: Quay "
     "Players, Lowmere Youth Theatre and the Eastbrook Singers.", ["Quay Players", "Lowmere Youth Theatre",
                                                                   "Eastbrook Singers"]),
    ("The package will help 140 organisations across the county including the Tide Theatre, the Harbour "
     "Playhouse and Lowmere Arts Centre.", ["Tide Theatre", "Harbour Playhouse", "Lowmere Arts Centre"]),
])
def test_names_listed_after_those_who_received(sentence, expected):
    assert named(sentence) == expected


def test_councils_named_as_where_charities_are_are_no_recipients():
    from services.extractor.reader.named import council_runs
    doc = TextDocument(text="More than 300 charities – including in Somerset, Wiltshire and Dorset – have won grants.")
    assert [c.recipient for c in council_runs(Context(doc, read_units(doc.text)))] == []


def test_a_count_of_grants_awarded_to_clubs_then_the_clubs_after_a_dash():
    doc = TextDocument(text="Four grants of up to £12 000 were awarded to clubs across the county – Lowmere RFC, "
                            "Eastbrook Athletic, Quay Rovers and Wexley Town, most of which will mend changing rooms.")
    found = [(c.recipient, int(c.money.value), c.money.approximate)
             for c in named_runs(Context(doc, read_units(doc.text)))]
    assert found == [("Lowmere RFC", 12000, True), ("Eastbrook Athletic", 12000, True),
                     ("Quay Rovers", 12000, True), ("Wexley Town", 12000, True)]


def test_each_winner_named_a_sentence_after_what_each_gets():
    from services.extractor.readers import DEFAULT

    text = ("Three charities were announced as recipients of a grant of ₹5 crore each. Under the education "
            "category, the grant went to Harbour Learning Society, which runs schools. For health, the grant "
            "was given to Operation Tidewell, which treats patients.")
    found = sorted((a.recipient, a.amount, a.currency) for a in DEFAULT.extract(TextDocument(text=text)).awards)
    assert found == [("Harbour Learning Society", 50000000, "INR"), ("Operation Tidewell", 50000000, "INR")]


def test_organisations_selected_include_a_run_of_names():
    from services.extractor.readers import DEFAULT

    text = ("The organisations selected from the region include Harbour Partnership Trust, MS Lowe Trust and "
            "Research Foundation, Tide Foundation and Centre for Coastal Knowledge.")
    found = {a.recipient for a in DEFAULT.extract(TextDocument(text=text)).awards}
    assert {"Harbour Partnership Trust", "Tide Foundation", "Centre for Coastal Knowledge"} <= found


def test_the_bodies_receiving_funding_are_a_run_of_names():
    from services.extractor.readers import DEFAULT

    text = ("Eleven venues share the fund. The other theatres receiving funding this round are Tide Theatre, "
            "Harbour Hippodrome, Eastbrook Grand and Quay Winter Gardens.")
    found = {a.recipient for a in DEFAULT.extract(TextDocument(text=text)).awards}
    assert {"Tide Theatre", "Harbour Hippodrome", "Eastbrook Grand", "Quay Winter Gardens"} <= found


def test_funding_awarded_to_an_enumeration_names_each_without_an_amount():
    from services.extractor.readers import DEFAULT
    from shared.domain import TextDocument

    text = ("A pilot for newcomers to the region also awarded funding to the Harbour Migrant Centre, "
            "Eastmere Roma Support and Tidewell Welcome Trust.")
    found = sorted(a.recipient for a in DEFAULT.extract(TextDocument(text=text)).awards)
    assert found == ["Eastmere Roma Support", "Harbour Migrant Centre", "Tidewell Welcome Trust"]


def test_names_among_the_organisations_to_receive_funding():
    from services.extractor.readers import DEFAULT
    from shared.domain import TextDocument

    text = ("Harbour Women's Aid, the Quayside Community, Tidewell Kids Club and the Eastmere Health Forum are "
            "among the organisations to receive the department's funding.")
    found = sorted(a.recipient for a in DEFAULT.extract(TextDocument(text=text)).awards)
    assert found == ["Eastmere Health Forum", "Harbour Women's Aid", "Quayside Community", "Tidewell Kids Club"]


def test_recipients_named_after_receiving_support_are_with_asides_in_brackets():
    text = ("The organisations receiving support are: Harbour and Lowmere Community Trust, Tidewell Community "
            "Development Trust, Tagsa Wexley (Wexley Support), the British Red Cross (for projects on Eastbrook and "
            "Northvale) and Alder Wool.")
    read = DEFAULT.extract(TextDocument(text=text, title="Island grants")).awards
    assert [a.recipient for a in read] == ["Harbour and Lowmere Community Trust", "Tidewell Community Development Trust",
                                           "Tagsa Wexley", "British Red Cross", "Alder Wool"]


def test_the_hosts_of_new_centres_in_segments_after_established_at():
    text = ("The awards support multidisciplinary centers that strengthen research.\n"
            "The new centers are being established at the University of Lowmere, Harbour to study reproductive "
            "biology; University of Eastbrook to identify mechanisms linking obesity to disease; Wexley Research "
            "Foundation Inc. to study diabetes; and the Northvale Mind Research Network to study the brain.\n")
    read = DEFAULT.extract(TextDocument(text=text, title="New research centers")).awards
    assert [a.recipient for a in read] == ["University of Lowmere", "University of Eastbrook",
                                           "Wexley Research Foundation Inc", "Northvale Mind Research Network"]


def recipients(text: str) -> list[str]:
    return sorted(a.recipient for a in DEFAULT.extract(TextDocument(text=text)).awards)


@pytest.mark.parametrize("sentence,expected", [
    ("Organisations in Westshire which will receive funding include Kitehill, the county's youth charity; "
     "Harbour Science, which runs coding clubs; the Lowmere Foundation in Eastbrook, which supports carers; "
     "Tidemark Writers’ Museum and others.",
     ["Harbour Science", "Kitehill", "Lowmere Foundation", "Tidemark Writers’ Museum"]),
    ("Grants ranging from £1,000 to £3,000 have been made to groups including Quayside House in Lowmere, "
     "the Eastbrook Refugee Forum and Tidemark Churches Hope Project.",
     ["Eastbrook Refugee Forum", "Quayside House", "Tidemark Churches Hope Project"]),
    ("Other groups to receive funding include Lowmere Youth and Community Centre in Eastbrook and the "
     "Quayside and Harbour Borough Foodbank.",
     ["Lowmere Youth and Community Centre", "Quayside and Harbour Borough Foodbank"]),
])
def test_include_lists_whose_subject_is_qualified_or_follows_an_award(sentence, expected):
    assert recipients(sentence) == expected


def test_an_include_list_of_what_the_money_pays_for_names_no_one():
    assert recipients("Projects across the county will receive funding; the works include Harbour Road, "
                      "Quay Street and the Lowmere bypass.") == []


def test_a_run_of_names_after_a_sentence_that_ends_in_a_colon_and_says_who_got_support():
    text = ("The Harbour Fund provided support to seven non-profit organisations in Lowmere:\n\n"
            "Tidemark Union of Parishes, Lowmere Hospital Charity, Rowing Towards Calm, The Eastbrook Centre, "
            "and the Chalkboard Players Company.\n\n"
            "The roads to be resurfaced are below:\n\nHarbour Road, Quay Street and Main Street.\n")
    assert recipients(text) == ["Chalkboard Players Company", "Eastbrook Centre", "Lowmere Hospital Charity",
                                "Rowing Towards Calm", "Tidemark Union of Parishes"]


def test_names_between_dashes_after_the_plural_a_sentence_before_funded():
    text = ("The minister announced an investment of €193m in five research centres over six years.\n\n"
            "The centres – Tidal, Quaylab, Cúrach, iHarb and Lerwyn – carry out research across health and energy.\n\n"
            "The roads – Harbour Road, Quay Street and Main Street – will be resurfaced.\n")
    assert recipients(text) == ["Cúrach", "Lerwyn", "Quaylab", "Tidal", "iHarb"]


def test_an_include_list_takes_the_amount_each_of_them_receives_from_the_sentence_before():
    text = ("Each of the organisations, on both sides of the river, will receive €25,000 to support its work. "
            "The recipients include the Harbour Centre, Quay Education and Tidemark Food Cloud.")
    found = sorted((a.recipient, int(a.amount)) for a in DEFAULT.extract(TextDocument(text=text)).awards)
    assert found == [("Harbour Centre", 25000), ("Quay Education", 25000), ("Tidemark Food Cloud", 25000)]


def test_a_person_named_with_their_office_is_no_recipient():
    text = ("Jo Bloggs, Member of Parliament for Lowmere, has congratulated the eleven local organizations that "
            "have been granted funding.\n\n- Harbour Seniors Club receives $5,000 toward a trip\n")
    assert recipients(text) == ["Harbour Seniors Club"]


def test_recipients_profiled_one_by_one_under_headings_after_an_intro():
    text = ("The charity has confirmed its latest round, with twelve organisations offered grants for music-making.\n\n"
            "Here are three of the new projects.\n\n"
            "Open Lowmere Music (national)\n"
            "Open Lowmere Music will work with schools to test its digital resources.\n\n"
            "Quayside YMCA (East)\n"
            "Over 24 months, Quayside YMCA will run sessions and recording.\n\n"
            "Harbour Sound Network (North)\n"
            "The network's sessions will tour the region.\n\n"
            "Why it matters\n"
            "Music matters to young people.\n")
    assert recipients(text) == ["Harbour Sound Network", "Open Lowmere Music", "Quayside YMCA"]


def test_a_run_of_places_after_projects_in_names_where_not_who():
    assert named("Projects in Lowmere, Quayton, Eastbrook and Wexley have won funding through the Harbour "
                 "Grants Scheme.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("In Lowmere the Harbour Arts Centre, Quay Arts Centre and the Tidemill Theatre are all on the list.",
     ["Harbour Arts Centre", "Quay Arts Centre", "Tidemill Theatre"]),
    ("Further south the offers go to Lowmere Arts Centre, the Grand Hall in Quayton and the Tidemill Miners' "
     "Institute.", ["Lowmere Arts Centre", "Grand Hall", "Tidemill Miners' Institute"]),
    ("Smaller centres did well too: Canolfan Lowmere in Quayton and the Tidemill Gallery in Harbourside, which "
     "occupies the old store, will all get a share.", ["Canolfan Lowmere", "Tidemill Gallery"]),
    ("Among the theatres outside the big towns, Theatr Lowmere in Quayton and the Quay Theatre in Tidemill were "
     "named in the announcement.", ["Theatr Lowmere", "Quay Theatre"]),
    ("Community Music Lowmere, Literature Quay for its writing centre and the Lowmere Eisteddfod have been funded "
     "for smaller upgrades.", ["Community Music Lowmere", "Literature Quay", "Lowmere Eisteddfod"]),
])
def test_runs_of_venues_said_to_be_funded_in_other_words(sentence, expected):
    assert named(sentence) == expected


def test_one_body_said_to_be_funded_or_approved():
    assert named("In the north, Quay Arts Centre in Bangor has been funded.") == ["Quay Arts Centre"]
    assert named("In Lowmere, the Harbour Legion Branch has been approved for new windows.") == \
        ["Harbour Legion Branch"]
    assert named("The Harbour Foundation awarded grants to schools.") == []


def test_venues_named_in_the_announcement_up_to_a_though():
    assert named("Elsewhere, the Quayton venues named in the announcement were The Lowmere, Harbour Arts Centre and "
                 "West Quay Arts Centre, though the sums were not set out.") == \
        ["Lowmere", "Harbour Arts Centre", "West Quay Arts Centre"]


def test_a_run_of_cities_and_a_body_named_after_its_kind():
    assert named("The cities of Lowmere Estates and Quayton are also receiving grants for park improvements.") == \
        ["City of Lowmere Estates", "City of Quayton"]
    assert named("The recipients include the Lowmere Centre, Quay Education, FoodBank Quay and the children's hospice "
                 "Harbour House.") == ["Lowmere Centre", "Quay Education", "FoodBank Quay", "Harbour House"]


def test_runs_said_to_be_all_in_and_a_body_joining_the_portfolio():
    assert named("Lowmere Arts, Quay Baths in Westshire and Tidemill Arts in Eastshire are all in, as is the Harbour "
                 "Cinema.") == ["Lowmere Arts", "Quay Baths", "Tidemill Arts"]
    assert named("Further north, Lowmere Crafts on Skye joins the portfolio.") == ["Lowmere Crafts"]
    assert named("The Lowmere Arts team were all in, cheering, at the launch.") == []
