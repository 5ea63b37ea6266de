"""Awards laid out as records: labelled fields, and a name line followed by its amount."""
from services.extractor.reader.records import amount_groups, headed_profiles, labelled_records, name_then_amount
from services.extractor.readers import DEFAULT
from services.extractor.reader.units import read_units
from services.extractor.rules.base import Context
from shared.domain import TextDocument


def run(rule, text: str) -> list[tuple[str, int, str | None]]:
    doc = TextDocument(text=text)
    return [(c.recipient, int(c.money.value), c.project) for c in rule(Context(doc, read_units(doc.text)))]


def test_labelled_fields_one_record_per_recipient_label():
    text = ("Organization: Harbour Arts Trust\nTitle: Pier Stories\nDescription: Oral histories.\n"
            "Funding Amount: $25,000\nOrganization: Northvale Youth Network\nTitle: Safe Routes\n"
            "Funding Amount: $40,500\nOrganization: Wexley Choir\nTitle: Songs\n")
    assert run(labelled_records, text) == [("Harbour Arts Trust", 25000, "Pier Stories"),
                                          ("Northvale Youth Network", 40500, "Safe Routes")]


def test_a_name_line_then_a_line_opening_with_its_amount():
    text = ("Eco audits\nHarbour Wildlife Trust\n£3,400 to repaint the hall.\n"
            "Mentoring\nNorthvale Youth Network\n£76,500 over three years towards a mentoring programme.\n")
    assert run(name_then_amount, text) == [("Harbour Wildlife Trust", 3400, None),
                                          ("Northvale Youth Network", 76500, None)]


def test_a_funder_heading_before_what_it_gave_away_is_no_award():
    text = "Wexley Motors\n$50 million commitment to nonprofit organizations in the city.\n"
    assert run(name_then_amount, text) == []


def test_a_roundup_of_givers_names_no_giver_as_a_recipient():
    text = ("Wexley Foundation\n$4 million to the Harbour Arts Trust to restore the pier theatre.\n"
            "Northvale Fund\n$2.5 million through its Open Doors program to support tenants.\n")
    assert run(name_then_amount, text) == []


def test_a_decision_field_that_awards_gives_the_amount_and_one_that_rejects_none():
    text = ("Tide Stories\nApplicant: Lowmere Oral History Group\nProject description: Recording memories.\n"
            "Decision: Award grant of £6,400 (90%)\n"
            "Pier Lights\nApplicant: Harbour Lights CIC\nProject description: New lamps.\nDecision: Reject\n")
    assert run(labelled_records, text) == [("Lowmere Oral History Group", 6400, None)]


def test_a_record_laid_out_as_name_place_and_amount_lines():
    text = ("Grantees\n\nTide Sea, Air, & Space Museum\nLowmere, Massachusetts\n$162,382 for Harbour Voices of the "
            "War (Project Director: Kate Smith)\n\nA two-week institute for teachers.\n\nEastbrook Center for the "
            "Arts/Eastbrook Museum of Science\nEastbrook, Michigan\n$10,000 for Quay Collections Preservation "
            "Assessment\n")
    found = DEFAULT.extract(TextDocument(text=text)).awards
    assert sorted((a.recipient, a.amount) for a in found) == [("Eastbrook Center for the Arts", 10000),
                                                              ("Tide Sea, Air, & Space Museum", 162382)]
    museum = next(a for a in found if a.recipient.startswith("Tide"))
    assert museum.project == "Harbour Voices of the War" and museum.locations == ["Lowmere"]


def test_a_field_holding_a_name_that_opens_like_a_time_word_is_read_whole():
    text = "Applicant: Yesterday's Harbour CIC\nProject description: Oral histories.\nDecision: Award grant of £8,250\n"
    assert run(labelled_records, text) == [("Yesterday's Harbour CIC", 8250, None)]


def test_a_name_line_then_its_labelled_amount():
    text = ("Round two\nTarrow Sea Scouts\nAmount: £4,200\nA new boat shed.\n"
            "Pelham Street Choir\nA season of concerts in the square. Grant: £1,750\n")
    assert [(name, amount) for name, amount, _ in run(name_then_amount, text)] == [
        ("Tarrow Sea Scouts", 4200), ("Pelham Street Choir", 1750)]
    # a labelled amount under a line that is no organisation's name is no award of its
    assert run(name_then_amount, "What it costs\nAmount: £4,200\n") == []


def test_a_job_advert_laid_out_as_post_employer_and_salary_is_no_award():
    from services.extractor.readers import DEFAULT
    from shared.domain import TextDocument

    text = ("Jobs\n\nDeputy Chief Executive – Corporate\n\nLowmere and Eastbrook district councils\n£96,697\n"
            "As Deputy Chief Executive you will guide the councils' change programme.\n")
    assert DEFAULT.extract(TextDocument(text=text)).awards == []


PROFILES = ("The Lowmere Foundation has finished its first round of grants.\n"
            "Harbour Growers\n"
            "A grant of £23,036 was awarded to the mental health charity, which runs market gardens, for a minibus.\n"
            "The Quayside Rebuild CIC\n"
            "Set up in Quayton to save surplus materials, the social enterprise was given £39,940 for a second base.\n"
            "Centre for Working Futures\n"
            "The third award, £19,500, will pay for workshops for people near retirement.\n")


def test_profiles_under_their_names_calling_the_body_by_its_kind():
    assert run(headed_profiles, PROFILES) == [("Harbour Growers", 23036, None),
                                             ("Quayside Rebuild CIC", 39940, None),
                                             ("Centre for Working Futures", 19500, None)]
    found = DEFAULT.extract(TextDocument(text=PROFILES)).awards
    assert sorted((a.recipient, int(a.amount)) for a in found) == [
        ("Centre for Working Futures", 19500), ("Harbour Growers", 23036), ("Quayside Rebuild CIC", 39940)]


def test_one_profile_or_a_sentence_naming_its_own_body_is_no_headed_profile():
    one = "Harbour Growers\nA grant of £23,036 was awarded to the charity for a minibus.\n"
    assert run(headed_profiles, one) == []
    named = ("Harbour Growers\nA grant of £23,036 was awarded to the Quay Food Bank for a minibus.\n"
             "Tide Makers\nThe group was given £9,000 by the Tidemill Trust for tools.\n"
             "Lowmere Singers\nThe choir's award, £4,000, pays for a tour.\n")
    assert run(headed_profiles, named) == [("Tide Makers", 9000, None), ("Lowmere Singers", 4000, None)]


RECORDS = ("Profiles of the grantees follow.\n"
           "Quayton Chamber Music Festival\n"
           "Quayton. Art Works – Arts Education. Awarded $25,000 for the Young Composers Apprentice Project, which "
           "trains young composers.\n"
           "Lowmere Art Museum\n"
           "Lowmere. Art Works – Museums. Awarded $30,000 for a touring exhibition of desert paintings.\n")


def test_records_under_their_names_whose_decision_opens_a_sentence():
    assert run(headed_profiles, RECORDS) == [("Quayton Chamber Music Festival", 25000, None),
                                            ("Lowmere Art Museum", 30000, None)]
    found = DEFAULT.extract(TextDocument(text=RECORDS)).awards
    assert sorted((a.recipient, int(a.amount)) for a in found) == [
        ("Lowmere Art Museum", 30000), ("Quayton Chamber Music Festival", 25000)]


def test_a_name_line_with_its_state_after_a_comma_then_its_amount():
    text = ("City of Lowmere Park, Arizona\n$10,000 · Lowmere Park · Challenge grants. For an arts festival.\n"
            "Quayside Players, Inc.\n$12,000 · Quayton · Theatre. For a new play.\n")
    assert run(name_then_amount, text) == [("City of Lowmere Park", 10000, None), ("Quayside Players, Inc.", 12000, None)]


def test_a_kicker_heading_over_a_headline_of_money_going_out_is_no_award():
    text = "State Government\n$225M in pandemic relief money heads to parks, pools and sidewalks across Westshire\n"
    assert run(name_then_amount, text) == []


GROUPS = ("Other grants go to the following theatres and organisations:\n$100,000\nThe Harbour Theater, Lowmere City\n"
          "Quay Theatre Group, Lowmere City\n$75,000\n$50,000\nL.Q. Theatre Works, Tidemill, Calif.\n"
          "Theatre for a New Quay, Lowmere City\nHowlwind, Harbourton\n")


def test_names_grouped_under_the_amount_each_got():
    assert run(amount_groups, GROUPS) == [("Harbour Theater", 100000, None), ("Quay Theatre Group", 100000, None),
                                         ("L.Q. Theatre Works", 50000, None), ("Theatre for a New Quay", 50000, None),
                                         ("Howlwind", 50000, None)]
    found = DEFAULT.extract(TextDocument(text=GROUPS)).awards
    assert sorted((a.recipient, int(a.amount)) for a in found) == sorted([
        ("Harbour Theater", 100000), ("Quay Theatre Group", 100000), ("L.Q. Theatre Works", 50000),
        ("Theatre for a New Quay", 50000), ("Howlwind", 50000)])


def test_alternating_name_and_amount_lines_are_no_amount_groups():
    text = ("Borough grants went to:\nHarbour Advice Bureau\n£55,000\nQuay Foodbank\n£2,500\nLowmere Carers\n£7,500\n"
            "Community projects\n")
    assert run(amount_groups, text) == []
