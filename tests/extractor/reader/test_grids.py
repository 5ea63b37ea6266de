"""grid_rows on grids written for the test: | tables in every column order, definition lists,
records of one grant and one-cell-a-line text grids; and grids of non-awards, which give nothing."""
from services.extractor.extract import RuleExtractor
from services.extractor.reader.grids import grid_rows
from services.extractor.readers import DEFAULT
from services.extractor.rules.base import Context
from services.extractor.segments import units
from shared.domain import TextDocument


def run(text: str):
    return RuleExtractor({"grid_rows": grid_rows}).extract(TextDocument(text=text)).awards


def found(text: str) -> list[tuple[str, int]]:
    return [(a.recipient, int(a.amount)) for a in run(text)]


def candidates(text: str):
    return list(grid_rows(Context(TextDocument(text=text), units(text))))


def assert_true_offsets(text: str) -> None:
    """Every candidate's unit is the document's text at its offsets, and so is its money."""
    cands = candidates(text)
    assert cands
    for c in cands:
        assert text[c.unit.start:c.unit.end] == c.unit.text
        assert c.unit.start <= c.money.start < c.money.end <= c.unit.end
        assert text[c.money.start:c.money.end].lstrip("£$€").replace(",", "")[:1].isdigit()


# --- | tables ---------------------------------------------------------------------------------------
AMOUNT_LAST = ("The grants are listed below.\n"
               "| Organisation | Project | Grant |\n|---|---|---|\n"
               "| Harbour Arts Trust | Pier murals | £23,000 |\n"
               "| Eastmere Youth Foundation | Rock-pool club | £12,500 |\n")


def test_table_amount_last():
    awards = run(AMOUNT_LAST)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts Trust", 23000),
                                                              ("Eastmere Youth Foundation", 12500)]
    assert [a.project for a in awards] == ["Pier murals", "Rock-pool club"]
    assert {a.rule for a in awards} == {"table_row"}


AMOUNT_FIRST = ("| Tidal study centres: three-year grants |  |  |  |\n|---|---|---|---|\n"
                "| Grant | Centre | Hosted by | University partner |\n|---|---|---|---|\n"
                "| £4.6m | Westby Tide Centre | Westby Harbour Health Trust | University of Westby |\n"
                "| £3m | Northvale Sight Centre | Northvale Eye Care Trust | — |\n")


def test_table_amount_first_with_caption_row_and_dash_for_none():
    awards = run(AMOUNT_FIRST)
    assert [(a.recipient, int(a.amount)) for a in awards] == [
        ("Westby Harbour Health Trust", 4_600_000), ("Northvale Eye Care Trust", 3_000_000)]
    assert [a.partners for a in awards] == [["University of Westby"], []]
    assert awards[0].project == "Westby Tide Centre"


def test_table_amount_in_the_middle():
    text = ("| Recipient | Amount | Used for |\n|---|---|---|\n"
            "| Harbour Arts Trust | £46,000 | Workshops for young people |\n"
            "| Who Knows? Eastmere | £9,250.50 | Advice line |\n")
    awards = run(text)
    assert [(a.recipient, float(a.amount)) for a in awards] == [("Harbour Arts Trust", 46000.0),
                                                                ("Who Knows? Eastmere", 9250.5)]
    assert awards[0].project == "Workshops for young people"


def test_table_recipient_column_found_by_its_cells():
    text = ("| Theme | Delivery | Award |\n|---|---|---|\n"
            "| Food | Eastmere Food Bank Trust | £3,400 |\n"
            "| Arts | Harbour Arts Trust | £4,300 |\n")
    assert found(text) == [("Eastmere Food Bank Trust", 3400), ("Harbour Arts Trust", 4300)]


def test_table_locations_and_partners_columns():
    text = ("| Lead organisation | Area | Partners | Award |\n|---|---|---|---|\n"
            "| Coastal Tides Institute | Northvale and Westby | Westby College; Harbour Arts Trust | £1.7 million |\n"
            "| Eastmere Growers Cooperative Ltd | Across Eastmere | — | £800,000 |\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Coastal Tides Institute", 1_700_000),
                                                              ("Eastmere Growers Cooperative Ltd", 800_000)]
    assert awards[0].locations == ["Northvale", "Westby"]
    assert awards[0].partners == ["Westby College", "Harbour Arts Trust"]
    assert awards[1].locations == ["Eastmere"] and awards[1].partners == []


def test_table_team_column_with_leads_listed_as_partners():
    text = ("| Team | Focus | Led by | Funding |\n|---|---|---|---|\n"
            "| TIDEWATCH | Coastal erosion | Ann Lee (Westby Institute); Raj Patel (Northvale University) | $3,000,000 |\n"
            "| eShore | Flood maps | Kim Moss (Eastmere Laboratory) | $1,700,000 |\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("TIDEWATCH", 3_000_000), ("eShore", 1_700_000)]
    assert awards[0].partners == ["Westby Institute", "Northvale University"]
    assert awards[0].project == "Coastal erosion"


def test_table_recipient_named_in_brackets_of_the_project():
    text = ("| Where | Project | Grant |\n|---|---|---|\n"
            "| Northvale | Saving the pier (Harbour Arts Trust) | £450,000 |\n"
            "| Eastmere | Town hall restoration | £310,000 |\n"
            "| Westby | Mill reopening (Westby Mill Society) | £120,000 |\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts Trust", 450_000),
                                                              ("Westby Mill Society", 120_000)]
    assert awards[0].project == "Saving the pier" and awards[0].locations == ["Northvale"]


def test_table_total_each_and_unnamed_rows_give_nothing():
    text = ("| Organisation | Grant |\n|---|---|\n"
            "| Harbour Arts Trust | £6,000 |\n"
            "| Four youth clubs (not named) | £4,000 |\n"
            "| Eastmere Scout Group | £400 each |\n"
            "| Westby Carers Network | £8,000 |\n"
            "| Total | £18,000 |\n")
    assert found(text) == [("Harbour Arts Trust", 6000), ("Westby Carers Network", 8000)]


def test_table_amount_cell_naming_a_total_gives_the_total():
    text = ("| Project | Applicant | Outcome |\n|---|---|---|\n"
            "| Pier repairs | Harbour Arts Trust | Extra £140,000, bringing the total to £940,000 |\n"
            "| Mill roof | Westby Mill Society | Grant of £260,000 agreed |\n")
    assert found(text) == [("Harbour Arts Trust", 940_000), ("Westby Mill Society", 260_000)]


def test_table_offsets_are_true():
    assert_true_offsets(AMOUNT_FIRST)
    assert_true_offsets(AMOUNT_LAST)


def test_table_of_prices_gives_nothing():
    text = ("| Package | Price |\n|---|---|\n| Harbour Media Group standard | £285 |\n"
            "| Harbour Media Group premium | £485 |\n")
    assert run(text) == []


def test_table_of_salaries_gives_nothing():
    text = ("| Role | Employer | Salary |\n|---|---|---|\n"
            "| Grants officer | Harbour Arts Trust | £29,400 |\n| Finance lead | Westby Carers Network | £42,600 |\n")
    assert run(text) == []


def test_table_of_percentages_gives_nothing():
    text = ("| Organisation | Cost met |\n|---|---|\n| Harbour Arts Trust | 71% |\n"
            "| Westby Mill Society | 65% |\n")
    assert run(text) == []


def test_table_of_budgets_by_year_gives_nothing():
    text = ("| Strand | 2023/24 | 2024/25 |\n|---|---|---|\n| Parenting support | £7m | £7.5m |\n"
            "| Eastmere Youth Foundation | £3m | £3m |\n")
    assert run(text) == []
    text = "| Year | Budget |\n|---|---|\n| 2022 | £70m |\n| 2023 | £72m |\n"
    assert run(text) == []


def test_table_of_past_rounds_gives_nothing():
    text = ("| Round | Total across the country | Scope |\n|---|---|---|\n"
            "| May 2019 | $70 million | 120 grants to 80 communities |\n"
            "| June 2021 | $80 million | 200 grants |\n")
    assert run(text) == []


# --- definition lists ---------------------------------------------------------------------------------
DL_PAIRS = ("Three councils now know their shares.\n"
            "- Northvale\n"
            "- A provisional share of £3m, agreed on Tuesday by the harbour board.\n"
            "- Eastmere and Westby\n"
            "- €1,240,000, roughly £1.08m at today's rates.\n"
            "- Harbour Arts Trust\n"
            "- About £400,000, the trust says.\n"
            "The board meets again in the spring.\n")


def test_definition_list_of_names_and_amounts():
    awards = run(DL_PAIRS)
    assert [(a.recipient, int(a.amount)) for a in awards] == [
        ("Northvale", 3_000_000), ("Eastmere and Westby", 1_240_000), ("Harbour Arts Trust", 400_000)]
    assert awards[1].currency == "EUR"
    assert {a.rule for a in awards} == {"dl_pair"}
    assert_true_offsets(DL_PAIRS)


def test_definition_list_of_prices_gives_nothing():
    text = ("- Spring Show\n- Tickets from £32 on general sale now at the box office.\n"
            "- Autumn Fair\n- Entry £11 per person, children free, at the town hall.\n")
    assert run(text) == []


def test_single_name_and_amount_pair_gives_nothing():
    text = "- Harbour Arts Trust\n- A grant of £20,000 was mentioned in passing last year.\n"
    assert run(text) == []


RECORD_ITEMS = ("The foundation is backing a four-year plan.\n"
                "- Funder\n- Coastal Foundation (Harbour Fund)\n"
                "- Lead\n- Harbour Arts Trust\n"
                "- Grant\n- £1.7m over four years\n"
                "- Areas\n- Northvale, Eastmere and Westby\n")


def test_record_of_one_grant_as_alternating_items():
    (a,) = run(RECORD_ITEMS)
    assert (a.recipient, int(a.amount), a.rule) == ("Harbour Arts Trust", 1_700_000, "dl_pair")
    assert a.locations == ["Northvale", "Eastmere", "Westby"]
    assert a.quote.startswith("- Lead") and a.quote.endswith("Westby")
    assert_true_offsets(RECORD_ITEMS)


def test_record_of_one_grant_as_label_lines():
    text = ("Funder: Coastal Foundation\nRecipient: Westby Carers Network\nAmount: £48,250\n"
            "Location: Westby\n")
    (a,) = run(text)
    assert (a.recipient, int(a.amount), a.locations) == ("Westby Carers Network", 48_250, ["Westby"])
    assert_true_offsets(text)


def test_record_of_one_grant_as_a_two_column_table():
    text = ("| Scheme | Coastal Research Framework |\n|---|---|\n| Grant number | 100234 |\n"
            "| EU grant | €3 million |\n| Period | 2022 – 2026 |\n| Lead body | Westby Institute (UK) |\n")
    (a,) = run(text)
    assert (a.recipient, int(a.amount), a.currency) == ("Westby Institute", 3_000_000, "EUR")


def test_record_with_a_cap_or_without_a_lead_gives_nothing():
    text = ("- Funder\n- Coastal Foundation\n- Grant size\n- Up to £400,000 per grant\n"
            "- Lead\n- Harbour Arts Trust\n")
    assert run(text) == []
    text = "| Funder | Coastal Foundation |\n| Grant | £48,250 |\n| Status | Open |\n"
    assert run(text) == []


# --- text grids ----------------------------------------------------------------------------------------
TEXT_GRID = ("Partner groups will be paid as follows:\n"
             "Organisation\nGrant 2025/26\n"
             "Harbour Arts Trust\n£14,000\n"
             "Eastmere Food Bank\n£3,700\n"
             "Three youth clubs (not named)\n£400 each\n"
             "Other news\n"
             "The council also kept money back for sport, to be shared out later this year.\n")


def test_text_grid_name_then_amount():
    awards = run(TEXT_GRID)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts Trust", 14_000),
                                                              ("Eastmere Food Bank", 3_700)]
    assert {a.rule for a in awards} == {"text_grid"}
    assert_true_offsets(TEXT_GRID)


def test_text_grid_amount_first_with_a_project_column():
    text = ("Amount\nRecipient\nProject\n"
            "£6,000\nHarbour Arts Trust\nPier mural\n"
            "£2,750\nWestby Mill Society\nNew waterwheel\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount), a.project) for a in awards] == [
        ("Harbour Arts Trust", 6_000, "Pier mural"), ("Westby Mill Society", 2_750, "New waterwheel")]


def test_text_grid_of_prices_gives_nothing():
    text = "Room\nPrice\nMain hall\n£42\nKitchen\n£17\n"
    assert run(text) == []


def test_a_plain_text_table_of_bare_figures_under_a_currency_caption():
    text = ("Community grant awards\n\nThe trustees met to consider twenty applications.\n\n"
            "Grants were awarded to:                                    $\n\n"
            "Harbour House Trust                                  3,500\n"
            "Tidewell Community Food Collaborative Inc                   400\n"
            "Eastbrook Early Years Inc (for one project, another was declined) 4,000\n"
            "Eastbrook Little Theatre Inc                  1,000\n")
    doc = TextDocument(text=text)
    found = sorted((a.recipient, a.amount, a.currency) for a in DEFAULT.extract(doc).awards)
    assert found == [("Eastbrook Early Years Inc", 4000, "USD"), ("Eastbrook Little Theatre Inc", 1000, "USD"),
                     ("Harbour House Trust", 3500, "USD"), ("Tidewell Community Food Collaborative Inc", 400, "USD")]
    for a in DEFAULT.extract(doc).awards:
        assert text[a.start:a.end] == a.quote


def test_bare_figures_without_a_currency_named_are_not_amounts():
    text = ("Club members by year\n\nThe table shows members.\n\nHarbour House Trust                   3,500\n"
            "Tidewell Rowing Club                  400\nEastbrook Little Theatre Inc                  1,000\n")
    assert DEFAULT.extract(TextDocument(text=text)).awards == []


def test_footnote_marks_and_unitary_authorities_in_a_table():
    from shared import orgs

    text = ("Local authority allocations\n\nLocal Authority name | Fund (2025 to 2026) (£) |\n---|---|\n"
            "Rutland Unitary Authority [footnote 1] | 1,008,027 |\n"
            "Torbay Unitary Authority | 1,459,542 |\n"
            "Harbourshire County Council [footnote 2] | 2,970,963 |\n")
    found = sorted((a.recipient, a.amount) for a in DEFAULT.extract(TextDocument(text=text)).awards)
    assert found == sorted([(orgs.council("Rutland").name, 1008027), (orgs.council("Torbay").name, 1459542),
                            ("Harbourshire County Council", 2970963)])
    assert orgs.council("Bath and North East Somerset Unitary Authority") is not None


def test_a_local_government_column_names_the_recipients():
    text = ("| Local government | Facility | Works | Grant |\n|---|---|---|---|\n"
            "| Town of Lowmere | Harbour Reserve | New pavilion | A$500k |\n"
            "| Shire of Eastbrook | Quay Oval | Change rooms | $300,000 |\n")
    assert found(text) == [("Town of Lowmere", 500000), ("Shire of Eastbrook", 300000)]


def test_bare_numbers_under_a_header_naming_their_currency_in_any_column():
    text = ("| Award (US$) | Grantee | State |\n|---|---|---|\n"
            "| 8,659,037 | Harbour Teacher Center | CA |\n"
            "| 2,764,774 | Eastbrook Unified School District | TX |\n")
    read = DEFAULT.extract(TextDocument(text=text, title="Grants")).awards
    assert [(a.recipient, int(a.amount), a.currency) for a in read] == [
        ("Harbour Teacher Center", 8659037, "USD"), ("Eastbrook Unified School District", 2764774, "USD")]


def test_a_table_of_organisations_without_amounts_under_a_text_that_says_they_were_funded():
    from services.extractor.readers import DEFAULT
    from shared.domain import TextDocument

    funded = ("The state named the organizations it funded this round. Here are some:\n"
              "| Organization | What they do |\n|---|---|\n"
              "| Harbour Centre for the Arts | arts center, Lowmere |\n"
              "| Quay Play House | professional theater |\n")
    read = DEFAULT.extract(TextDocument(text=funded)).awards
    assert [(a.recipient, a.amount) for a in read] == [("Harbour Centre for the Arts", None), ("Quay Play House", None)]
    members = funded.replace("named the organizations it funded this round", "lists its member venues")
    assert DEFAULT.extract(TextDocument(text=members)).awards == []


def test_a_plain_text_table_with_a_rule_under_its_header_narrow_columns_and_wrapped_cells():
    from services.extractor.readers import DEFAULT
    from shared.domain import TextDocument

    text = ("The decisions, in our usual table.\n"
            "DATE    APPLICANT                       PROJECT                          DECISION\n"
            "------  ------------------------------  -------------------------------  ----------------------\n"
            "20 Sep  Harbour Parish Council          Save the White Hart              Award £17,000\n"
            "25 Sep  The Quay Society Limited        Tidewell Mills: repairs and      Award £249,879 (98%)\n"
            "                                        a brighter future\n"
            "28 Sep  Lowmere Museums Trust           New structure                    Award £249,836 (79%)\n"
            "28 Sep  (not stated)                    Queens of Eastbrook              Reject\n")
    read = DEFAULT.extract(TextDocument(text=text)).awards
    assert [(a.recipient, int(a.amount)) for a in read] == [
        ("Harbour Parish Council", 17000), ("Quay Society Limited", 249879), ("Lowmere Museums Trust", 249836)]


def test_a_recipient_cell_with_the_place_after_a_comma_is_the_organisation_in_that_place():
    text = ("| Grant | Organization |\n|---|---|\n| $22,000 | Harbour River Watershed Council, Lowmere |\n"
            "| $15,000 | Quay Land Trust |\n")
    (first, second) = sorted(candidates(text), key=lambda c: c.recipient)
    assert (first.recipient, first.locations) == ("Harbour River Watershed Council", ["Lowmere"])
    assert second.recipient == "Quay Land Trust"


def test_a_column_of_people_leading_the_work_gives_way_to_their_bodies_column():
    text = ("| Amount | University | Led by | Research |\n|---|---|---|---|\n"
            "| $3.43 million | University of Lowmere | Dr Ada Reyes (Biochemistry) | Gene studies |\n"
            "| $2.53 million | Harbour University | Professor Jo Bloggs, Centre for Health Research | Health work |\n")
    assert sorted(found(text)) == [("Harbour University", 2530000), ("University of Lowmere", 3430000)]


def test_definition_list_term_naming_the_body_then_its_project():
    text = ("The latest round of the safety fund:\n"
            "- Lowmere Town Centre Chaplaincy – Night Owls\n"
            "- £5,000 towards a part-time coordinator for the Night Owls volunteers.\n"
            "- Quayside Borough Council – Tidy Streets Forum\n"
            "- £4,800 for a mobile camera the forum can move around.\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount), a.project) for a in awards] == [
        ("Lowmere Town Centre Chaplaincy", 5000, "Night Owls"), ("Quayside Borough Council", 4800, "Tidy Streets Forum")]
    assert_true_offsets(text)


def test_table_cell_keeps_a_name_with_and_whole():
    text = ("The winners:\n| Name | Town | Grant |\n|---|---|---|\n| Clay and Paper Theatre | Lowmere | $29,671 |\n"
            "| Quay Rural & Urban Network | Quay | $19,000 |\n")
    assert found(text) == [("Clay and Paper Theatre", 29671), ("Quay Rural & Urban Network", 19000)]


def test_definition_list_term_naming_a_long_body_then_its_town():
    text = ("The institutions and their totals:\n- Lowmere University — Quayton\n- $420,000. Three projects on "
            "transport.\n- Quay Hospital for Children Research Institute of the North — Quayton\n- $280,000. Two "
            "projects, one to help young people with arthritis and their parents decide on pain care.\n- Harbour University — Tidemill\n- $140,000. One project on metals "
            "from mine waste.\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [
        ("Lowmere University", 420000), ("Quay Hospital for Children Research Institute of the North", 280000),
        ("Harbour University", 140000)]
    assert awards[0].locations[:1] == ["Quayton"] and awards[0].project != "Quayton"
    assert_true_offsets(text)


def test_text_grid_header_names_each_column_once():
    text = ("Funding is being allocated as follows:\n\nFacility/Group\n\nProject\n\nAmount Approved\n\n"
            "Lowmere Community & Youth Centre\n\nFlooring upgrades\n\n€21,780\n\nQuay Community Centre\n\n"
            "Electrical works\n\n€4,552\n\nTidemill Community Centre\n\nIT equipment fit-out\n\n€7,000\n")
    assert found(text) == [("Lowmere Community & Youth Centre", 21780), ("Quay Community Centre", 4552),
                           ("Tidemill Community Centre", 7000)]
