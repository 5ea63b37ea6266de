"""Each rule on its own, on sentences written for the test."""
import pytest

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


VERB_FORMS = ["has been awarded", "was given", "has been granted", "was allocated", "has been offered",
              "was promised", "was handed", "receives", "has received", "will receive", "is set to receive",
              "is receiving", "gets", "will get", "got", "is to get", "has got", "secured", "secures",
              "has secured", "will secure", "wins", "won", "has won", "will win", "lands", "landed", "has landed",
              "brings in", "takes home", "scooped"]


@pytest.mark.parametrize("verb", VERB_FORMS)
def test_subject_verb_money_reads_every_verb_form(verb):
    # the rule looks for a verb's stem before trying its pattern: no form may be skipped by that
    awards = run("money_statements", f"Harbour Arts {verb} £40,000 to restore the pier pavilion.")
    assert [(a.recipient, int(a.amount)) for a in awards] == [("Harbour Arts", 40000)]


@pytest.mark.parametrize("sentence", ["Harbour Arts has been offered a provisional grant.",
                                      "Harbour Arts has been awarded a development award.",
                                      "Harbour Arts has been given funding.",
                                      "Harbour Arts is one of 12 projects backed by the fund.",
                                      "Harbour Arts was one of the 8 charities selected to receive support."])
def test_amountless_statements_read_both_shapes(sentence):
    # "has been ..." and "is one of ...": the rule looks for "been" or "one" before trying its pattern
    assert [a.recipient for a in run("amountless_statements", sentence)] == ["Harbour Arts"]


def test_money_to_recipient():
    (a,) = run("money_statements", "£3m will go to Rutland County Council towards a new museum.")
    assert a.recipient == "Rutland County Council" and a.recipient_org_id == "GB-LAE-RUT"


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
    text = "Three pilot areas - Rutland, Norfolk and Sefton - have been named."
    assert [a.recipient_org_id for a in run("council_runs", text)] == ["GB-LAE-RUT", "GB-LAE-NFK", "GB-LAE-SFT"]


def test_council_runs_that_are_only_places_served_are_ignored():
    text = "The money will extend the model to Luton, Peterborough and West Berkshire."
    assert run("council_runs", text) == []


def test_include_lists():
    text = ("The fund has made its first grants. The grants include a garden project run by the Riverside Trust, "
            "and StreetPlay in Wakefield.")
    awards = run("include_lists", text)
    assert [a.recipient for a in awards] == ["Riverside Trust", "StreetPlay"]
    assert awards[1].locations == ["Wakefield"]


def test_same_recipient_twice_is_one_award_with_the_most_specific_amount():
    text = ("Riverside Trust has secured a $2 million grant.\nThe grants are:\n- Riverside Trust — $1,987,612\n")
    (a,) = RuleExtractor().extract(TextDocument(text=text)).awards
    assert int(a.amount) == 1987612


def test_and_clause_with_lowercase_council_is_its_own_subject():
    text = "Oldham council has been awarded £2 million, and Sefton council has been given £1.5 million."
    awards = run("money_statements", text)
    assert {(a.recipient_org_id, int(a.amount)) for a in awards} == {("GB-LAE-OLD", 2000000),
                                                                      ("GB-LAE-SFT", 1500000)}


def test_subject_joined_by_and_has_received():
    text = "Rutland council is one of nine areas to benefit, and has received £4 million to set up a trust."
    (a,) = run("money_statements", text)
    assert a.recipient_org_id == "GB-LAE-RUT" and int(a.amount) == 4000000


def test_relative_clause_names_the_organisation_not_the_sentence_opener():
    text = "Other beneficiaries include the Harbour project run by the Carers Rights Group which will receive £5m."
    (a,) = run("money_statements", text)
    assert a.recipient == "Carers Rights Group"


def test_indefinite_generic_subject_is_resolved_forwards():
    text = ("A Harrogate charity that runs boxing clubs for teenagers has been awarded £737,000 by the fund. "
            "Open Ring Boxing will use the grant over two years.")
    (a,) = run("money_statements", text)
    assert a.recipient == "Open Ring Boxing" and int(a.amount) == 737000


def test_definite_generic_subject_is_resolved_backwards():
    text = ("Harbour Trust is leading a bid with Ealing Food Bank. The partnership has been awarded £650k to run "
            "holiday clubs. Northgate Foundation will host the sessions.")
    (a,) = run("money_statements", text)
    assert a.recipient == "Harbour Trust"


def test_previous_winners_are_not_this_rounds_awards():
    text = "The prize has been awarded to Stepwise. Previous winners include Rutland, Norfolk and Sefton."
    assert run("include_lists", text) == []


def test_council_name_inside_a_longer_place_is_not_a_council():
    text = "North Norfolk, Rutland and Sefton are among the partnerships chosen after a competition."
    assert [a.recipient_org_id for a in run("council_runs", text)] == ["GB-LAE-RUT", "GB-LAE-SFT"]


def test_the_announcer_is_not_a_recipient():
    text = "The Carers Rights Foundation has announced the seven projects that will receive nearly £2m in funding."
    assert run("money_statements", text) == []
