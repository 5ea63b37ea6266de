"""Each rule on its own, on sentences written for the test."""
from services.extractor.extract import RULES, RuleExtractor
from shared.domain import TextDocument


def run(rule: str, text: str):
    doc = TextDocument(text=text)
    return RuleExtractor({rule: RULES[rule]}).extract(doc).awards


def test_list_items_with_amounts():
    text = ("The projects that will share the fund are:\n- Riverside Trust - £250,000 to run a youth club\n"
            "- Northgate Community Foundation - £1.2m for a food bank\n")
    awards = run("list_items", text)
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Riverside Trust", 250000),
                                                              ("Northgate Community Foundation", 1200000)]


def test_list_items_project_then_recipient():
    text = "The successful projects are:\n1) Street Kitchens, Hill Lane Trust – cooking lessons for families\n"
    (a,) = run("list_items", text)
    assert a.recipient == "Hill Lane Trust" and a.project == "Street Kitchens" and a.amount is None


def test_list_without_award_intro_is_ignored():
    text = "Our newsletter covers:\n- Latest articles\n- Events near you\n"
    assert run("list_items", text) == []


def test_table_rows():
    text = ("| Organisation | Purpose | Award |\n|---|---|---|\n| Riverside Trust | Youth work | £250,000 |\n"
            "| Harbour Housing Association | Repairs | £90,000 |\n")
    awards = run("table_rows", text)
    assert [a.recipient for a in awards] == ["Riverside Trust", "Harbour Housing Association"]
    assert [int(a.amount) for a in awards] == [250000, 90000]


def test_budget_table_without_recipients_is_ignored():
    text = "| Strand | Funding |\n|---|---|\n| Parenting support | £50m |\n| Staff training | £10m |\n"
    assert run("table_rows", text) == []


def test_subject_verb_money():
    awards = run("money_statements", "Riverside Trust has been awarded £250,000 to open a youth club.")
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Riverside Trust", 250000)]


def test_money_to_recipient():
    (a,) = run("money_statements", "£3m will go to Hartlepool Borough Council towards a new museum.")
    assert a.recipient == "Hartlepool Borough Council" and a.recipient_org_id == "GB-LAE-HPL"


def test_several_clauses_in_one_sentence():
    text = "Riverside Trust receives €36,000, while Hill Lane Trust is to get €22,000."
    awards = run("money_statements", text)
    assert {(a.recipient, int(a.amount), a.currency) for a in awards} == {("Riverside Trust", 36000, "EUR"),
                                                                          ("Hill Lane Trust", 22000, "EUR")}


def test_rejected_bids_are_not_awards():
    assert run("money_statements", "Riverside Trust's £16m bid was turned down.") == []


def test_salaries_are_not_awards():
    assert run("money_statements", "Riverside Trust gets £35,000 - £40,000 per annum for this role.") == []


def test_council_runs():
    text = "Three early adopters - Darlington, Cambridgeshire and Middlesbrough - have been named."
    assert [a.recipient_org_id for a in run("council_runs", text)] == ["GB-LAE-DAL", "GB-LAE-CAM", "GB-LAE-MDB"]


def test_council_runs_that_are_only_places_served_are_ignored():
    text = "The money will extend the model to Luton, Peterborough and West Berkshire."
    assert run("council_runs", text) == []


def test_include_lists():
    text = ("The fund has made its first grants. The grants include a garden project run by the Riverside Trust, "
            "and StreetPlay in Leeds.")
    awards = run("include_lists", text)
    assert [a.recipient for a in awards] == ["Riverside Trust", "StreetPlay"]
    assert awards[1].locations == ["Leeds"]


def test_same_recipient_twice_is_one_award_with_the_most_specific_amount():
    text = ("Riverside Trust has secured a $2 million grant.\nThe grants are:\n- Riverside Trust — $1,998,807\n")
    (a,) = RuleExtractor().extract(TextDocument(text=text)).awards
    assert int(a.amount) == 1998807
