"""grid_rows on grids written for the test: | tables in every column order, definition lists,
records of one grant and one-cell-a-line text grids; and grids of non-awards, which give nothing."""
from services.extractor.extract import RuleExtractor
from services.extractor.reader.grids import grid_rows
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
               "| Harbour Arts Trust | Pier murals | £25,000 |\n"
               "| Eastmere Youth Foundation | Holiday club | £12,500 |\n")


def test_table_amount_last():
    awards = run(AMOUNT_LAST)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts Trust", 25000),
                                                              ("Eastmere Youth Foundation", 12500)]
    assert [a.project for a in awards] == ["Pier murals", "Holiday club"]
    assert {a.rule for a in awards} == {"table_row"}


AMOUNT_FIRST = ("| Coastal research centres: five-year awards |  |  |  |\n|---|---|---|---|\n"
                "| Award | Centre | Host organisation | Lead academic partner |\n|---|---|---|---|\n"
                "| £4.5m | Westby Heart Centre | Westby Hospitals NHS Foundation Trust | University of Westby |\n"
                "| £2m | Northvale Eye Centre | Northvale Eye Hospital NHS Trust | — |\n")


def test_table_amount_first_with_caption_row_and_dash_for_none():
    awards = run(AMOUNT_FIRST)
    assert [(a.recipient, int(a.amount)) for a in awards] == [
        ("Westby Hospitals NHS Foundation Trust", 4_500_000), ("Northvale Eye Hospital NHS Trust", 2_000_000)]
    assert [a.partners for a in awards] == [["University of Westby"], []]
    assert awards[0].project == "Westby Heart Centre"


def test_table_amount_in_the_middle():
    text = ("| Recipient | Amount | What it pays for |\n|---|---|---|\n"
            "| Harbour Arts Trust | £46,000 | Workshops for young people |\n"
            "| Who Knows? Eastmere | £9,250.50 | Advice line |\n")
    awards = run(text)
    assert [(a.recipient, float(a.amount)) for a in awards] == [("Harbour Arts Trust", 46000.0),
                                                                ("Who Knows? Eastmere", 9250.5)]
    assert awards[0].project == "Workshops for young people"


def test_table_recipient_column_found_by_its_cells():
    text = ("| Theme | Delivery | Award |\n|---|---|---|\n"
            "| Food | Eastmere Food Bank Trust | £3,000 |\n"
            "| Arts | Harbour Arts Trust | £4,000 |\n")
    assert found(text) == [("Eastmere Food Bank Trust", 3000), ("Harbour Arts Trust", 4000)]


def test_table_locations_and_partners_columns():
    text = ("| Lead organisation | Area | Partners | Award |\n|---|---|---|---|\n"
            "| Coastal Futures Institute | Northvale and Westby | Westby College; Harbour Arts Trust | £1.5 million |\n"
            "| Eastmere Growers Cooperative Ltd | Across Eastmere | — | £800,000 |\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Coastal Futures Institute", 1_500_000),
                                                              ("Eastmere Growers Cooperative Ltd", 800_000)]
    assert awards[0].locations == ["Northvale", "Westby"]
    assert awards[0].partners == ["Westby College", "Harbour Arts Trust"]
    assert awards[1].locations == ["Eastmere"] and awards[1].partners == []


def test_table_team_column_with_leads_listed_as_partners():
    text = ("| Team | Challenge | Led by | Funding |\n|---|---|---|---|\n"
            "| TIDEWATCH | Coastal erosion | Ann Lee (Westby Institute); Raj Patel (Northvale University) | $2,000,000 |\n"
            "| eShore | Flood maps | Kim Moss (Eastmere Laboratory) | $1,500,000 |\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("TIDEWATCH", 2_000_000), ("eShore", 1_500_000)]
    assert awards[0].partners == ["Westby Institute", "Northvale University"]
    assert awards[0].project == "Coastal erosion"


def test_table_recipient_named_in_brackets_of_the_project():
    text = ("| Where | Project | Grant |\n|---|---|---|\n"
            "| Northvale | Saving the pier (Harbour Arts Trust) | £450,000 |\n"
            "| Eastmere | Town hall restoration | £300,000 |\n"
            "| Westby | Mill reopening (Westby Mill Society) | £120,000 |\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts Trust", 450_000),
                                                              ("Westby Mill Society", 120_000)]
    assert awards[0].project == "Saving the pier" and awards[0].locations == ["Northvale"]


def test_table_total_each_and_unnamed_rows_give_nothing():
    text = ("| Organisation | Grant |\n|---|---|\n"
            "| Harbour Arts Trust | £5,000 |\n"
            "| Four youth clubs (not named) | £2,000 |\n"
            "| Eastmere Scout Group | £500 each |\n"
            "| Westby Carers Network | £7,000 |\n"
            "| Total | £12,000 |\n")
    assert found(text) == [("Harbour Arts Trust", 5000), ("Westby Carers Network", 7000)]


def test_table_amount_cell_naming_a_total_gives_the_total():
    text = ("| Project | Applicant | Decision |\n|---|---|---|\n"
            "| Pier repairs | Harbour Arts Trust | Increase of £100,000, making a total grant of £900,000 |\n"
            "| Mill roof | Westby Mill Society | Award grant of £250,000 |\n")
    assert found(text) == [("Harbour Arts Trust", 900_000), ("Westby Mill Society", 250_000)]


def test_table_offsets_are_true():
    assert_true_offsets(AMOUNT_FIRST)
    assert_true_offsets(AMOUNT_LAST)


def test_table_of_prices_gives_nothing():
    text = ("| Package | Price |\n|---|---|\n| Harbour Media Group standard | £295 |\n"
            "| Harbour Media Group premium | £495 |\n")
    assert run(text) == []


def test_table_of_salaries_gives_nothing():
    text = ("| Role | Employer | Salary |\n|---|---|---|\n"
            "| Grants officer | Harbour Arts Trust | £28,000 |\n| Finance lead | Westby Carers Network | £41,000 |\n")
    assert run(text) == []


def test_table_of_percentages_gives_nothing():
    text = ("| Organisation | Share of costs |\n|---|---|\n| Harbour Arts Trust | 71% |\n"
            "| Westby Mill Society | 65% |\n")
    assert run(text) == []


def test_table_of_budgets_by_year_gives_nothing():
    text = ("| Strand | 2023/24 | 2024/25 |\n|---|---|---|\n| Parenting support | £5m | £6m |\n"
            "| Eastmere Youth Foundation | £1m | £1m |\n")
    assert run(text) == []
    text = "| Year | Budget |\n|---|---|\n| 2022 | £40m |\n| 2023 | £42m |\n"
    assert run(text) == []


def test_table_of_past_rounds_gives_nothing():
    text = ("| Round announced | National total | What it covered |\n|---|---|---|\n"
            "| May 2019 | $40 million | 120 grants to 80 communities |\n"
            "| June 2021 | $90 million | 200 grants |\n")
    assert run(text) == []


# --- definition lists ---------------------------------------------------------------------------------
DL_PAIRS = ("Three councils now know what they will have.\n"
            "- Northvale\n"
            "- An indicative allocation of £2m, confirmed this week by the programme board.\n"
            "- Eastmere and Westby\n"
            "- €1,250,000, which the council puts at £1.1m.\n"
            "- Harbour Arts Trust\n"
            "- In the region of £400,000, according to the trust.\n"
            "What happens next is up to the board.\n")


def test_definition_list_of_names_and_amounts():
    awards = run(DL_PAIRS)
    assert [(a.recipient, int(a.amount)) for a in awards] == [
        ("Northvale", 2_000_000), ("Eastmere and Westby", 1_250_000), ("Harbour Arts Trust", 400_000)]
    assert awards[1].currency == "EUR"
    assert {a.rule for a in awards} == {"dl_pair"}
    assert_true_offsets(DL_PAIRS)


def test_definition_list_of_prices_gives_nothing():
    text = ("- Spring Gala\n- Tickets from £30 on general sale now at the box office.\n"
            "- Autumn Fair\n- Entry £5 per person, children free, at the town hall.\n")
    assert run(text) == []


def test_single_name_and_amount_pair_gives_nothing():
    text = "- Harbour Arts Trust\n- A grant of £20,000 was mentioned in passing last year.\n"
    assert run(text) == []


RECORD_ITEMS = ("The foundation has backed a three-year programme.\n"
                "- Funder\n- Coastal Foundation (Strategic Fund)\n"
                "- Lead\n- Harbour Arts Trust\n"
                "- Grant\n- £1.2m over three years\n"
                "- Local sites\n- Northvale, Eastmere and Westby\n")


def test_record_of_one_grant_as_alternating_items():
    (a,) = run(RECORD_ITEMS)
    assert (a.recipient, int(a.amount), a.rule) == ("Harbour Arts Trust", 1_200_000, "dl_pair")
    assert a.locations == ["Northvale", "Eastmere", "Westby"]
    assert a.quote.startswith("- Lead") and a.quote.endswith("Westby")
    assert_true_offsets(RECORD_ITEMS)


def test_record_of_one_grant_as_label_lines():
    text = ("Funder: Coastal Foundation\nRecipient: Westby Carers Network\nAmount: £40,000\n"
            "Location: Westby\n")
    (a,) = run(text)
    assert (a.recipient, int(a.amount), a.locations) == ("Westby Carers Network", 40_000, ["Westby"])
    assert_true_offsets(text)


def test_record_of_one_grant_as_a_two_column_table():
    text = ("| Programme | Coastal Research Framework |\n|---|---|\n| Grant agreement | 100234 |\n"
            "| EU funding | €3 million |\n| Duration | 2021 – 2025 |\n| Coordinator | Westby Institute (UK) |\n")
    (a,) = run(text)
    assert (a.recipient, int(a.amount), a.currency) == ("Westby Institute", 3_000_000, "EUR")


def test_record_with_a_cap_or_without_a_lead_gives_nothing():
    text = ("- Funder\n- Coastal Foundation\n- Grant size\n- Up to £500,000 per grant\n"
            "- Lead\n- Harbour Arts Trust\n")
    assert run(text) == []
    text = "| Funder | Coastal Foundation |\n| Grant | £40,000 |\n| Status | Open |\n"
    assert run(text) == []


# --- text grids ----------------------------------------------------------------------------------------
TEXT_GRID = ("Groups with service agreements will receive:\n"
             "Organisation\nGrant 2024/25\n"
             "Harbour Arts Trust\n£12,000\n"
             "Eastmere Food Bank\n£3,500\n"
             "Three youth clubs (not named)\n£500 each\n"
             "Other news\n"
             "The council also set aside money for sport, which will be shared later this year.\n")


def test_text_grid_name_then_amount():
    awards = run(TEXT_GRID)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts Trust", 12_000),
                                                              ("Eastmere Food Bank", 3_500)]
    assert {a.rule for a in awards} == {"text_grid"}
    assert_true_offsets(TEXT_GRID)


def test_text_grid_amount_first_with_a_project_column():
    text = ("Amount\nRecipient\nProject\n"
            "£5,000\nHarbour Arts Trust\nPier mural\n"
            "£2,750\nWestby Mill Society\nNew waterwheel\n")
    awards = run(text)
    assert [(a.recipient, int(a.amount), a.project) for a in awards] == [
        ("Harbour Arts Trust", 5_000, "Pier mural"), ("Westby Mill Society", 2_750, "New waterwheel")]


def test_text_grid_of_prices_gives_nothing():
    text = "Room\nPrice\nMain hall\n£40\nKitchen\n£15\n"
    assert run(text) == []
