"""Plain-text pages: a run of short lines each giving a name and its amount is a list, and the names
in such lines are read whole. Every organisation and amount below is made up."""
from __future__ import annotations

from services.extractor.reader.extractor import GeneralReader
from services.extractor.reader.units import read_units
from shared.domain import TextDocument


def awards(text: str) -> dict[str, int | None]:
    read = GeneralReader().extract(TextDocument(text=text, title="Capital grants"))
    return {a.recipient: (int(a.amount) if a.amount is not None else None) for a in read.awards}


def test_short_lines_of_name_and_amount_are_a_list():
    text = ("The fund has made these capital grants:\n\n"
            "Harbour Arts Trust £120,500\nQuay Players £86,000\nNorthvale Music Society £49,999\n")
    assert awards(text) == {"Harbour Arts Trust": 120500, "Quay Players": 86000, "Northvale Music Society": 49999}
    kinds = [b.kind for b in read_units(text)]
    assert kinds.count("item") == 3


def test_one_such_line_alone_or_a_headline_run_is_no_list():
    single = "Harbour Arts Trust £120,500\n\nThe trust will reopen the theatre."
    assert [b.kind for b in read_units(single)].count("item") == 0
    headlines = "Seaside Fund Gives £3m For Piers Across The Coast Today\nHarbour Trust wins £2m to rebuild pier\n"
    assert [b.kind for b in read_units(headlines)].count("item") == 0


def test_a_split_between_regions_is_no_award():
    text = ("The £9 million is split between the regions as follows:\n"
            "North: £2,100,000\nMidlands: £1,900,000\nSouth East: £2,400,000\n")
    assert awards(text) == {}


def test_names_with_french_connectors_bracketed_acronyms_and_possessives_are_read_whole():
    text = ("The grants are:\n"
            "• Amis et Voisins de Lavelle ($12,400).\n"
            "• La Maison des Jeunes du Port ($9,000).\n"
            "• Alder Groupe (A.G.A.) Inc. ($16,250).\n"
            "• Lindale’s Women’s Club ($4,000).\n")
    found = awards(text)
    assert found["Amis et Voisins de Lavelle"] == 12400
    assert found["La Maison des Jeunes du Port"] == 9000
    assert found["Alder Groupe (A.G.A.) Inc"] == 16250
    assert found["Lindale’s Women’s Club"] == 4000


def test_lines_of_name_town_and_amount():
    text = ("Operating grants 2026\n"
            "Tide Theatre, Lowmere, $12,500\nHarbour Players Inc., Eastbrook, $8,250\nQuay Festival, Wexley, $30,000\n")
    assert awards(text) == {"Tide Theatre": 12500, "Harbour Players Inc": 8250, "Quay Festival": 30000}


def test_lines_of_cells_between_pipes_are_a_table_read_by_its_header():
    text = ("Organisation | Total Cost | Amount Requested | Amount Allocated |\n"
            "Harbour Arts Trust | $9,100.00 | $6,000.00 | $4,250.00 |\n"
            "Quay Players | $3,000.00 | $2,500.00 | $2,500.00 |\n"
            "Lowmere School PTA | $8,000.00 | $8,000.00 | $0.00 |\n")
    assert [b.kind for b in read_units(text)] == ["row"] * 4
    assert awards(text) == {"Harbour Arts Trust": 4250, "Quay Players": 2500}


def test_items_marked_by_a_bullet_sign_without_a_space():
    text = ("Among this year's winners:\n"
            "●Lowmere arts organization Kettle (formerly Tin Arts), $150,000 to support studio grants;\n"
            "●HarbourWorks museum, $120,000 to launch a photography centre;\n"
            "●Eastbrook Community Development Corp., $100,000 to restore the old cinema.\n")
    assert awards(text) == {"Kettle": 150000, "HarbourWorks": 120000, "Eastbrook Community Development Corp": 100000}


def test_word_processor_bullets_and_a_project_in_brackets_after_the_recipient():
    text = ("The full list of awards is:\n\n"
            "o Lowmere (Harbour Quarter Regeneration): £12,400,000.\n"
            "o Eastbrook (Eastbrook Station Access Scheme (ESAS): transport investment): £9,850,000.\n"
            "o Wexley (Reconnecting the Waterfront):£7,125,500.\n")
    read = GeneralReader().extract(TextDocument(text=text, title="Regeneration awards"))
    assert {a.recipient: (int(a.amount), a.project) for a in read.awards} == {
        "Lowmere": (12400000, "Harbour Quarter Regeneration"),
        "Eastbrook": (9850000, "Eastbrook Station Access Scheme (ESAS): transport investment"),
        "Wexley": (7125500, "Reconnecting the Waterfront")}


def test_a_table_of_cells_ending_in_bars_with_a_name_opening_with_one():
    text = ("Organisation |\nAmount |\nBrief outline of project |\nTidewell Youth Voice |\n£36,250 |\n"
            "Information for young people. |\nOne Parent Families Lowmere |\n£80,000 |\nAdvice for single parents. |\n")
    assert awards(text) == {"Tidewell Youth Voice": 36250, "One Parent Families Lowmere": 80000}


def test_list_items_naming_a_centre_and_the_organisation_that_hosts_it():
    text = ("The awardees are:\n"
            "- Centre for Tidal Energy and Control, University of Lowmere, Eastbrook\n"
            "- Laboratory for Coastal Matter at the Eastmere Institute of Technology\n"
            "- Centre for Harbour Materials at Wexley, Tidewell University\n")
    read = GeneralReader().extract(TextDocument(text=text, title="New research centres"))
    assert sorted(a.recipient for a in read.awards) == ["Eastmere Institute of Technology", "Tidewell University",
                                                        "University of Lowmere"]


def test_list_items_of_centres_led_by_organisations_without_amounts():
    text = ("Sixty new training centres share £900m. They include:\n\n"
            "  • a centre led by Tidewell College London which will train surgeons in robotics\n"
            "  • a Ministry-funded (MOD) centre led by The University of Lowmere will focus on sensing\n")
    read = GeneralReader().extract(TextDocument(text=text, title="Training centres"))
    assert sorted(a.recipient for a in read.awards) == ["Tidewell College London", "University of Lowmere"]


def test_an_amount_for_a_name_with_in_inside_it_and_what_it_will_do():
    text = ("Grants this month include:\n"
            "- £8,750 for Deaf in Sport to run coaching sessions for young people in Lowmere\n"
            "- £4,120 for Tidewell Choir in Eastbrook to buy music stands\n")
    assert awards(text) == {"Deaf in Sport": 8750, "Tidewell Choir": 4120}


def test_list_items_with_the_kind_of_body_in_lower_case_and_a_headline_label():
    text = ("The top five\n\n"
            "  1. Quayside trust – £260,000\n  2. Harbourside academy trust – £200,000\n"
            "  3. Tidewell academies trust – £175,000\n")
    read = GeneralReader().extract(TextDocument(text=text, title="Revealed: the trusts that shared £20m"))
    assert {a.recipient: int(a.amount) for a in read.awards} == {
        "Quayside trust": 260000, "Harbourside academy trust": 200000, "Tidewell academies trust": 175000}


def test_an_amount_said_of_each_some_paragraphs_before_the_list_of_recipients():
    text = ("The agency is granting $45 million to five research centres.\n"
            "The centres will each receive $9 million over six years.\n"
            "They were chosen from 40 applications.\n"
            "The programme began in the 1990s.\n"
            "The awardees are:\n"
            "- Centre for Tidal Matter, University of Lowmere\n"
            "- Centre for Harbour Materials, Tidewell University\n")
    assert awards(text) == {"University of Lowmere": 9000000, "Tidewell University": 9000000}


def test_items_of_a_name_its_town_after_of_and_the_amount_after_for():
    text = ("The Eastbrook Family Foundation announced its grants.\n"
            "In Wexley County, the following organizations received grants:\n"
            "- Lanternfish of Wexley for $10,000 in support of a community festival\n"
            "- Harbour Youth Orchestra Inc. of Eastbrook for $35,000 in continued support of general operations\n"
            "- Boys and Girls Club of Wexley for $30,000 for summer camps\n"
            "- University of Northvale for $52,500 toward a makerspace\n")
    assert awards(text) == {"Lanternfish": 10000, "Harbour Youth Orchestra Inc": 35000,
                            "Boys and Girls Club of Wexley": 30000, "University of Northvale": 52500}


def test_items_that_open_with_their_amount_then_the_organisation():
    text = ("The top of the list\n"
            "- €19m — Harbour County Council, for phase one of the Harbour Regional Sports Campus.\n"
            "- €16.4m — Lowmere Rovers, to redevelop the Showgrounds into a multi-sport stadium.\n"
            "- €7m — Eastbrook GAA's long-planned centre of excellence at Spawell.\n")
    assert awards(text) == {"Harbour County Council": 19000000, "Lowmere Rovers": 16400000, "Eastbrook GAA": 7000000}


def test_lines_of_two_cells_without_outer_pipes_are_a_table():
    text = "Grants this round\n\nOrganisation | Amount\nHalden Youth Forum | £5,000\nMillbeck Arts Collective | £8,500\n"
    assert awards(text) == {"Halden Youth Forum": 5000, "Millbeck Arts Collective": 8500}


def test_lines_that_open_with_the_amount_then_the_name():
    text = "Grants this round\n\n£5,000 – Halden Youth Forum – summer camp\n£8,500 – Millbeck Arts Collective – mural\n"
    assert awards(text) == {"Halden Youth Forum": 5000, "Millbeck Arts Collective": 8500}


def test_lines_after_a_line_that_introduces_recipients_are_its_items_without_bullets():
    text = ("Lowmere Community Foundation has made its spring grants.\n"
            "This round's grant recipients are:\n"
            "Eastbrook Baptist Chapel for Open Door Pantry equipment;\n"
            "Harbour Youth Rowing Club for a new safety launch;\n"
            "Quayside Tiger Swimmers for the Confident Swimmers program; and,\n"
            "Northvale Makers Trust to run repair cafés.\n"
            "The foundation thanks its volunteers.\n")
    assert awards(text) == {"Eastbrook Baptist Chapel": None, "Harbour Youth Rowing Club": None,
                            "Quayside Tiger Swimmers": None, "Northvale Makers Trust": None}


def test_the_first_line_of_a_list_that_lost_its_bullet_goes_with_the_list():
    text = ("The recipients are:\n"
            "Eastbrook Baptist Chapel for pantry shelving;\n"
            "- Harbour Youth Rowing Club for a new launch;\n"
            "- Northvale Makers Trust for its repair café.\n")
    assert awards(text) == {"Eastbrook Baptist Chapel": None, "Harbour Youth Rowing Club": None,
                            "Northvale Makers Trust": None}


def test_lines_after_a_colon_that_introduces_no_awards_stay_lines():
    text = ("Our opening hours are:\n"
            "Harbour Library Monday to Friday\n"
            "Eastbrook Museum at weekends\n")
    assert [b.kind for b in read_units(text)].count("item") == 0
    assert awards(text) == {}


def test_a_name_that_goes_on_with_for_keeps_it():
    text = ("The grants are:\n"
            "- Harbour Centre for Coastal Studies for a tide gauge;\n"
            "- Lowmere Action for Carers for respite breaks;\n"
            "- Office for Northvale Heritage for a survey.\n")
    assert set(awards(text)) == {"Harbour Centre for Coastal Studies", "Lowmere Action for Carers",
                                 "Office for Northvale Heritage"}


def test_numbered_parts_of_a_scheme_are_no_recipients():
    text = ("Three grant streams are available:\n"
            "• Stream 1 – grants up to $50,000\n"
            "• Stream 2 – grants of $50,001 to $200,000\n"
            "• Stage 3: full applications close in May\n")
    assert awards(text) == {}


def test_a_grant_towards_a_posts_salary_is_an_award_a_job_advert_is_not():
    text = ("Improving mental health\n\nHarbour Minds Lowmere\n\n"
            "£91,000 over three years (£27,700; £30,300; £33,000) towards the salary of a project manager.\n")
    assert awards(text) == {"Harbour Minds Lowmere": 91000}
    advert = "Youth Worker\n\nHarbour Minds Lowmere\n\n£24,000 salary, 30 hours a week.\n"
    assert awards(advert) == {}


def test_list_lines_of_french_names_and_of_a_name_that_lists_fields():
    text = ("These organizations are:\n\n"
            "Harbour Connect - $1 million\n\n"
            "Alliance des femmes de la côte de Lowmere - $160,000\n\n"
            "Centre d'accueil des nouveaux arrivants de Quay (CANAQ) - $85,000\n\n"
            "- Lowmere Coalition for Women in Science, Engineering, Trades and Technology - $48,185\n")
    assert awards(text) == {"Harbour Connect": 1000000, "Alliance des femmes de la côte de Lowmere": 160000,
                            "Centre d'accueil des nouveaux arrivants de Quay": 85000,
                            "Lowmere Coalition for Women in Science, Engineering, Trades and Technology": 48185}


def test_a_committees_minutes_name_then_a_decision_with_its_amount():
    text = ("RESOLVED – That the Committee approve the following applications:\n\n"
            "15. Harbour Housing Association Ltd\n\n"
            "APPROVED £332,000 over three years for a programme of training.\n\n"
            "16. Quay Sports Foundation\n\n"
            "DEFERRED – To be considered later.\n")
    assert awards(text) == {"Harbour Housing Association Ltd": 332000}


def test_a_long_name_line_and_the_body_whose_care_it_is_in():
    text = ("Approved by the Board on 4 March\n\n"
            "Harbour Arts Network and Lowmere Organization for Rare Crafts c/o Quay Craft Guild Inc. (QCG)\n"
            "$46,600 over one year to hire staff and produce guides.\n"
            "Association for Native Development in the Performing & Visual Arts of Lowmere\n"
            "$120,000 over 18 months to hire staff and run circles.\n")
    assert awards(text) == {"Quay Craft Guild Inc": 46600,
                            "Association for Native Development in the Performing & Visual Arts of Lowmere": 120000}


def test_lines_of_a_name_its_project_in_brackets_and_the_amount_after_a_colon():
    text = ("The Government confirms funding to the following organizations for 2026–2029:\n"
            "7-Seas Harbour Club (7-Seas Club to Club Exchanges): $729,250\n"
            "7-Seas Harbour Club (7-Seas Citizenship Congress): $105,000\n"
            "Lowmere Centre for Gender and Sexual Diversity: $100,000\n"
            "Quay Exchanges (Destination Quay: Reciprocal Youth Exchanges): $13,500,000\n"
            "Rotary Club of Lowmere Charity Fund: $20,000\n")
    read = GeneralReader().extract(TextDocument(text=text, title="Youth exchanges")).awards
    assert [(a.recipient, int(a.amount)) for a in read] == [
        ("7-Seas Harbour Club", 729250), ("7-Seas Harbour Club", 105000),
        ("Lowmere Centre for Gender and Sexual Diversity", 100000), ("Quay Exchanges", 13500000),
        ("Rotary Club of Lowmere Charity Fund", 20000)]


def test_lines_led_by_a_county_then_the_club_and_its_project():
    text = ("The highest grant in each county was as follows:\n\n"
            "Kerry: Harbour Rovers AFC - Quayside, Sports Complex (€75,000)\n\n"
            "Cork: Lowmere Gaels GAA Club - Renewal of All-Weather GAA Pitch (€150,000)*\n\n"
            "*Other clubs also received funding.\n")
    assert awards(text) == {"Harbour Rovers AFC": 75000, "Lowmere Gaels GAA Club": 150000}


def test_a_table_set_out_with_dashes_under_a_header_naming_its_amount_column():
    text = ("The clubs and the amount they are to receive are as follows:\n"
            "Organisation - Project Title - Sport Type - Provisional Grant Allocation €\n"
            "Harbour Rovers GFC - Gym Equipment & Walking Track - Gaelic Games - 49,865\n"
            "Quay Golf Club - Strategic Plan - Practice Range Re-location 2026 - Golf - 150,000\n"
            "Lowmere Wheelers - New track - Cycling - 10,728\n")
    assert awards(text) == {"Harbour Rovers GFC": 49865, "Quay Golf Club": 150000, "Lowmere Wheelers": 10728}
    assert [b.kind for b in read_units(text)].count("row") == 4


def test_introduced_items_of_an_organisation_where_it_is_and_what_for_without_amounts():
    text = ("The latest projects receiving funding are:\n\n"
            "  • Lowmere Islamic Cultural Association, Westshire, for the renovation of a building to create new "
            "classrooms for the weekend school\n"
            "  • Harbour Community Association, Quayside, for a new community hub and café with accessible toilets\n"
            "  • Cwmni y Tidewell, Eastshire, to renovate a building to become a creative hub for the valley\n")
    assert awards(text) == {"Lowmere Islamic Cultural Association": None, "Harbour Community Association": None,
                            "Cwmni y Tidewell": None}


def test_the_grants_a_page_subject_secured_each_from_its_own_funder():
    text = ("Lowmere Council has been successful in securing 37 grants valued at over $22,500,000 this year.\n"
            "Other grants include:\n"
            "$4,900,000 was received from the Wexley Office of Sport for the Harbour Park development.\n"
            "$4,305,754 from Transport for Wexley to undertake urgent repairs to the road network.\n"
            "$724,000 from Transport for Wexley for road works and traffic facilities.\n"
            "$703,066 under the Federal Government's Roads to Recovery program for the road network.\n")
    read = GeneralReader().extract(TextDocument(text=text, title="Grants secured")).awards
    assert sorted((a.recipient, int(a.amount)) for a in read) == [
        ("Lowmere Council", 703066), ("Lowmere Council", 724000), ("Lowmere Council", 4305754),
        ("Lowmere Council", 4900000)]


def test_amount_first_items_for_an_organisation_where_it_is_and_what_it_will_do():
    text = ("The other organisations funded this quarter are:\nLarger grants\n"
            "- £250,000 for Harbour Cymru, Lowmere, to refurbish its listed building as a wellbeing centre\n"
            "- £250,000 for Quay Hall Community Trust, Lowmere, to create a health centre\n"
            "Small grants\n"
            "- £25,000 for Clwb Rygbi Tidewell (Tidewell Rugby Club), Westshire, to renovate the clubhouse\n")
    assert awards(text) == {"Harbour Cymru": 250000, "Quay Hall Community Trust": 250000,
                            "Clwb Rygbi Tidewell": 25000}


def test_a_name_that_goes_on_with_for_and_capitals_then_a_verb_keeps_it():
    text = ("The grants are:\n"
            "- Lowmere City Clubs for Young People to build a new youth hall;\n"
            "- Quay Baptist Church for Open Door Pantry equipment;\n")
    assert set(awards(text)) == {"Lowmere City Clubs for Young People", "Quay Baptist Church"}


def test_an_item_of_a_body_its_town_and_state_in_brackets():
    text = ("The grants are:\n"
            "- Harbourton State School Parents and Citizens Association, Lowmere (Qld) – $10,000, to improve the play "
            "area.\n"
            "- Quay Arts, Eastbrook (NT) – $10,000, to buy equipment.\n")
    assert awards(text) == {"Harbourton State School Parents and Citizens Association": 10000, "Quay Arts": 10000}


def test_amount_first_items_for_work_done_by_a_body_for_a_bodys_work_and_to_help_a_body_do():
    text = ("The other grants are:\n"
            "- NZ$30,000 for forest restoration by the Quay Hill Catchment Trust on Harbour Island\n"
            "- NZ$50,180 for the Mountains to Lowmere Conservation Trust's education programmes\n"
            "- NZ$32,400 to help Weedfree Tidewell restore land and clear weeds\n")
    assert awards(text) == {"Quay Hill Catchment Trust": 30000, "Mountains to Lowmere Conservation Trust": 50180,
                            "Weedfree Tidewell": 32400}


def test_items_with_a_legal_form_after_a_comma_a_french_name_or_an_and_inside_the_name():
    text = ("The province named its cultural grants.\n\n"
            "- Conseil culturel de Lowmere ($125,000)\n"
            "- Poets and Storytellers Society ($75,000)\n"
            "- Eastbrook Arts Council (10,533$)\n"
            "- Harbour Friends, LLC - $4,000 (Tidemark)\n")
    assert awards(text) == {"Conseil culturel de Lowmere": 125000, "Poets and Storytellers Society": 75000,
                            "Eastbrook Arts Council": 10533, "Harbour Friends, LLC": 4000}


def test_lines_after_a_paragraph_that_ends_by_saying_the_chosen_follow_are_its_items():
    text = ("The fund will support six local newsrooms, each selected to receive two years of support. Below "
            "are the newsrooms included in this first cohort.\n\n"
            "The Harbour Assembly (statewide in Westshire)\n\n"
            "Quayside (Lowmere, CA)\n\n"
            "The Post and Herald (Eastbrook and Tidemark, SC)\n\n"
            "The fund opens again next year.\n")
    read = GeneralReader().extract(TextDocument(text=text))
    found = {a.recipient: (a.locations, a.project) for a in read.awards}
    assert found == {"Harbour Assembly": (["Westshire"], None), "Quayside": (["Lowmere"], None),
                     "Post and Herald": (["Eastbrook", "Tidemark"], None)}


def test_a_list_under_a_heading_that_names_the_chosen_by_their_number():
    text = ("The Harbour Fund has picked the organisations that will share its €300,000. In the end the panel "
            "chose four awardees.\n\n"
            "The four\n\n"
            "- Quayside Housing Trust – its Homes First project finds jobs for tenants.\n"
            "- Eastbrook Drug Project – takes outreach workers into rural areas.\n"
            "- Tidemark Development Group – the Tidemark Regeneration Project.\n"
            "- Grow Lowmere – the remote-working network.\n")
    assert set(awards(text)) == {"Quayside Housing Trust", "Eastbrook Drug Project", "Tidemark Development Group",
                                 "Grow Lowmere"}


def test_a_definition_list_written_out_pairs_each_name_with_the_amount_after_it():
    text = ("Three Westshire groups were approved for grants.\n\n"
            "The Westshire approvals\n\n"
            "- Harbour Arts Association, Lowmere\n"
            "- up to $90,896\n"
            "- Quay Food Bank Society, Eastbrook\n"
            "- up to $37,082\n"
            "- Tidemark Coastal Action Foundation\n"
            "- $36,130\n")
    read = GeneralReader().extract(TextDocument(text=text))
    found = {a.recipient: (int(a.amount), a.approximate) for a in read.awards}
    assert found == {"Harbour Arts Association": (90896, True), "Quay Food Bank Society": (37082, True),
                     "Tidemark Coastal Action Foundation": (36130, False)}


def test_a_list_after_a_colon_whose_sentence_says_nothing_of_awards_names_funds_to_apply_to():
    text = ("Four trusts are taking applications until August.\n\n"
            "Grants range from £500 to £20,000, and nearly £7 million is expected to be awarded across the four "
            "trusts. Each trust has a different focus, so groups should pick the one that fits best:\n\n"
            "- Harbour Neighbourhood Trust\n- For groups that need to adapt their services.\n"
            "- Quay Community Trust\n- Work to improve health and wellbeing.\n")
    assert awards(text) == {}
    assert awards("The fund has made grants to two groups in Lowmere. They are:\n\n"
                  "- Harbour Neighbourhood Trust\n- Quay Community Trust\n") == \
        {"Harbour Neighbourhood Trust": None, "Quay Community Trust": None}


def test_items_of_a_list_that_splits_one_award_into_its_parts_are_not_recipients():
    text = ("Lowmere County will receive about $10.3 million for work at three parks. County officials said the "
            "money would be split as follows:\n\n"
            "- Harbour Park – $4.1 million for lighting on eight fields\n"
            "- Quay Park – $4.0 million to rebuild the pool\n"
            "- Tidemark Park – $2.2 million for a new pavilion\n")
    assert awards(text) == {"Lowmere County": 10300000}


def test_a_venue_named_with_its_body_is_one_recipient():
    text = ("The fund named its latest grants.\n\n"
            "- Lowmere Museum & Heritage Association – $30,950 to renovate cabins\n"
            "- Quay Hall and Community Centre – $17,420 to install solar\n"
            "- Harbour Rowing Club and Tidemark Scouts – $5,000 for a shared boat\n")
    assert awards(text) == {"Lowmere Museum & Heritage Association": 30950, "Quay Hall and Community Centre": 17420,
                            "Harbour Rowing Club": 5000}


def test_a_definition_list_whose_definitions_open_with_the_amount_and_whose_terms_name_a_place():
    text = ("The foundation announced its third round of grants.\n\n"
            "- Harbour Foundation, Lowmere\n"
            "- $120,000 for the Lowmere Relief Fund, which the foundation manages.\n"
            "- Citizen Quayside, Quayside\n"
            "- $75,000, a joint grant from two programmes, to run a civic campaign.\n"
            "- Tidemark Chamber Foundation, Eastbrook, Va.\n"
            "- $360,000.\n")
    read = GeneralReader().extract(TextDocument(text=text))
    found = {a.recipient: (int(a.amount), a.locations[:1]) for a in read.awards}
    assert {name: amount for name, (amount, _) in found.items()} == {
        "Harbour Foundation": 120000, "Citizen Quayside": 75000, "Tidemark Chamber Foundation": 360000}
    assert found["Harbour Foundation"][1] == ["Lowmere"] and found["Tidemark Chamber Foundation"][1] == ["Eastbrook"]


def test_a_hyphen_inside_a_name_is_no_dash_before_its_amount():
    text = ("The eleven local organizations were granted funding:\n\n"
            "- Lowmere Heritage Drop-In Centre receives $20,800 toward new chairs\n"
            "- Quay Seniors Club receives $5,000 toward a trip\n")
    assert awards(text) == {"Lowmere Heritage Drop-In Centre": 20800, "Quay Seniors Club": 5000}


def test_an_item_naming_a_figure_of_the_round_is_no_recipient():
    text = ("The round in numbers:\n\n- Largest grant: €13,470\n- Average award – €2,100\n"
            "- Harbour Trust: €5,000\n- Quay Club: €4,000\n")
    assert awards(text) == {"Harbour Trust": 5000, "Quay Club": 4000}


def test_an_item_naming_a_body_of_two_places_and_a_region():
    text = ("The funded groups:\n- Stroke Association of Lowmere and Quay County – $69,600 over 12 months\n"
            "- Quay Food Bank – $50,000 over 12 months\n")
    assert awards(text) == {"Stroke Association of Lowmere and Quay County": 69600, "Quay Food Bank": 50000}


def test_paragraph_lines_after_an_intro_naming_projects_are_items():
    text = ("The other three projects are:\n"
            "Lowmere Marae Trust, Hokianga, Northland – up to NZ$300,000 to finish the two-storey resource centre on "
            "the marae, which will be a research centre, a collection store and an archive for taonga of the hapū.\n"
            "Quay Arts and Entertainment Centre, Upper Quay – up to NZ$1,345,164 for a redevelopment.\n"
            "The Harbour Club, Tidemill – a grant towards its performing arts venue.\n")
    assert awards(text) == {"Lowmere Marae Trust": 300000, "Quay Arts and Entertainment Centre": 1345164,
                            "Harbour Club": None}


def test_an_item_naming_its_body_with_the_one_it_works_with():
    text = ("The grants:\n- Lowmere RSL Sub Branch with Quay Adaptive Sport Club – $32,142 to buy trikes\n"
            "- Harbour Men's Shed – $12,000 for tools\n")
    assert awards(text) == {"Lowmere RSL Sub Branch": 32142, "Harbour Men's Shed": 12000}
    read = GeneralReader().extract(TextDocument(text=text, title="Capital grants"))
    assert read.awards[0].partners == ["Quay Adaptive Sport Club"]


def test_a_list_after_an_intro_that_counts_its_recipients():
    text = ("Four organizations will receive about $1 million over three years through the capacity programme. "
            "They will use it to build their administration.\n"
            "•Harbour Arts Festival, Lowmere\n•Quay Disability Network, Quayton\n•Tidemill Deaf Society, Tidemill\n"
            "•Lowmere Dance Collective, Lowmere\n")
    assert awards(text) == {"Harbour Arts Festival": None, "Quay Disability Network": None,
                            "Tidemill Deaf Society": None, "Lowmere Dance Collective": None}
    six = text.replace("Four organizations", "Nine organizations")
    assert awards(six) == {}


def test_one_line_under_a_header_that_names_the_columns():
    text = ("Resolved: that the following grant be approved.\n\nApplicant Amount Granted\n"
            "Lowmere Parish Council £580,000.00\n\nand that the funding be drawn from the capital budget.\n")
    assert awards(text) == {"Lowmere Parish Council": 580000}
