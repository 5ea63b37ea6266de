import pytest

from services.extractor import orgs
from services.extractor.rules import names


@pytest.mark.parametrize("phrase,expected", [
    ("Sefton's BrightStart project", ("Sefton", "BrightStart project")),
    ("Oldham council's project for young carers", ("Oldham council", "project for young carers")),
    ("Dr Hale's", ("Dr Hale's", None)),
    ("St Anne's Fellowship", ("St Anne's Fellowship", None)),
    ("The Mayor's Office for Culture and Sport and Harbour Health's Safe Harbour",
     ("The Mayor's Office for Culture and Sport and Harbour Health", "Safe Harbour")),
])
def test_possessive_split(phrase, expected):
    assert names.split_possessive(phrase) == expected


@pytest.mark.parametrize("phrase,recipient,partners", [
    ("Stepwise and Oldham council", "Stepwise", ["Oldham council"]),
    ("Lincolnshire Police and Crime Commissioner", "Lincolnshire Police and Crime Commissioner", []),
    ("University of Kent & Coastal Futures Forum", "University of Kent", ["Coastal Futures Forum"]),
    ("Department for Work and Pensions", "Department for Work and Pensions", []),
    ("Kingston upon Thames Council", "Kingston upon Thames Council", []),
    ("The Mayor's Office for Culture and Sport and Harbour Health Trust", "The Mayor's Office for Culture and Sport",
     ["Harbour Health Trust"]),
    ("Redcar and Cleveland", "Redcar and Cleveland", []),
])
def test_joint_recipients(phrase, recipient, partners):
    assert names.split_joint(phrase) == (recipient, partners)


@pytest.mark.parametrize("name,org_id", [
    ("Rutland", "GB-LAE-RUT"), ("Norfolk County Council", "GB-LAE-NFK"), ("Sefton MBC", "GB-LAE-SFT"),
    ("London Borough of Ealing", "GB-LAE-EAL"), ("Kingston upon Thames", "GB-LAE-KTT"), ("Fife", "GB-LAS-FIF"),
    ("Cardiff Council", "GB-PLA-CRF"), ("Belfast City Council", "GB-LANI-BFS"),
])
def test_councils_resolve_to_org_ids(name, org_id):
    assert orgs.resolve(name)[1] == org_id


def test_other_recipients_keep_their_name():
    assert orgs.resolve("Carers Rights Group") == ("Carers Rights Group", None)


def test_pronouns_and_regions_are_not_recipients():
    assert names.leading_name("It has been awarded") is None
    assert not names.acceptable("The South East")


@pytest.mark.parametrize("phrase", ["Other", "Around 7", "Fifteen", "Seventy-nine", "Previous winners",
                                    "Understand the way that programmes"])
def test_phrases_that_open_sentences_are_not_names(phrase):
    assert not names.acceptable(phrase)


@pytest.mark.parametrize("phrase", ["Bring Me Home", "Stepwise 21", "LIFTUP Young Carers", "The Carers Network"])
def test_title_case_names_are_names(phrase):
    assert names.acceptable(phrase)


@pytest.mark.parametrize("phrase,name", [
    ("Devon charity Bring Me Home has been offered a grant", "Bring Me Home"),
    ("the young carers' charity LIFTUP", "LIFTUP"),
    ("And Norfolk County Council has been awarded", "Norfolk County Council"),
    ("Meanwhile Stepwise receives", "Stepwise"),
])
def test_leading_names_behind_descriptors_and_conjunctions(phrase, name):
    assert names.leading_name(phrase) == name


def test_trailing_name_skips_the_article():
    assert names.trailing_name("the Harbour project run by the Carers Rights Group") == "Carers Rights Group"


def test_spelling_variants_share_a_key():
    assert orgs.name_key("Stepwise 21") == orgs.name_key("Stepwise21")
    assert orgs.resolve("Oldham councill") == orgs.resolve("Oldham Council")


def test_a_word_for_people_alone_names_no_organisation():
    from services.extractor.rules import names

    assert not names.acceptable("Men") and not names.acceptable("Individuals")
    assert names.acceptable("Harbour Men's Shed")


def test_an_ampersand_after_one_plain_word_joins_one_name():
    from services.extractor.rules import names

    assert names.split_joint("Boys & Girls Clubs of Riverton") == ("Boys & Girls Clubs of Riverton", [])
    assert names.split_joint("Harbour Trust & Eastbrook Council")[1] == ["Eastbrook Council"]


def test_descriptions_and_headlines_are_not_names():
    from services.extractor.rules import names

    assert not names.acceptable("Lowmere charity") and not names.acceptable("Grants Roundup")
    assert not names.acceptable("Funding Update")
    assert names.acceptable("Lowmere Community Trust") and names.acceptable("Oldham council")


def test_kinds_of_body_record_labels_and_initials():
    from services.extractor.rules import names

    assert not names.acceptable("SMEs") and not names.acceptable("NGOs") and not names.acceptable("Decision")
    assert names.acceptable("MS Harbour Trust") and not names.acceptable("Ms Harbour")
