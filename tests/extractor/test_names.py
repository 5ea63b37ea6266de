import pytest

from services.extractor import orgs
from services.extractor.rules import names


@pytest.mark.parametrize("phrase,expected", [
    ("Newham's NewDay project", ("Newham", "NewDay project")),
    ("Barnardo's", ("Barnardo's", None)),
    ("St Christopher's Fellowship", ("St Christopher's Fellowship", None)),
    ("The Mayor's Office for Policing and Crime and NHS England's Child House",
     ("The Mayor's Office for Policing and Crime and NHS England", "Child House")),
])
def test_possessive_split(phrase, expected):
    assert names.split_possessive(phrase) == expected


@pytest.mark.parametrize("phrase,recipient,partners", [
    ("Catch22 and Southwark council", "Catch22", ["Southwark council"]),
    ("Bath and North East Somerset Council", "Bath and North East Somerset Council", []),
    ("The Mayor's Office for Policing and Crime and NHS England", "The Mayor's Office for Policing and Crime",
     ["NHS England"]),
    ("Brighton and Hove", "Brighton and Hove", []),
])
def test_joint_recipients(phrase, recipient, partners):
    assert names.split_joint(phrase) == (recipient, partners)


@pytest.mark.parametrize("name,org_id", [
    ("Darlington", "GB-LAE-DAL"), ("Hertfordshire County Council", "GB-LAE-HRT"), ("Wirral MBC", "GB-LAE-WRL"),
    ("London Borough of Lewisham", "GB-LAE-LEW"), ("Kingston upon Hull", "GB-LAE-KHL"), ("Fife", "GB-LAS-FIF"),
    ("Cardiff Council", "GB-PLA-CRF"), ("Belfast City Council", "GB-LANI-BFS"),
])
def test_councils_resolve_to_org_ids(name, org_id):
    assert orgs.resolve(name)[1] == org_id


def test_other_recipients_keep_their_name():
    assert orgs.resolve("Family Rights Group") == ("Family Rights Group", None)


def test_pronouns_and_regions_are_not_recipients():
    assert names.leading_name("It has been awarded") is None
    assert not names.acceptable("The South East")
