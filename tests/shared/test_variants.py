"""The shorter forms and acronyms an organisation's name may be restated by (pure functions)."""
from shared.variants import acronym_of, initials, page_forms, restates, short_forms


def test_initials_leave_out_minor_words():
    assert initials("northfield community arts trust") == "ncat"
    assert initials("friends of the eastbrook library and gardens") == "felg"


def test_a_name_is_restated_by_its_initials_or_their_start():
    assert restates("ncat", "northfield community arts trust")
    assert restates("nhh", "northvale harbour hospitals nhs foundation trust")   # the initials' start
    assert restates("nimr", "northvale institute for marine and coastal research")   # all but one


def test_a_name_is_restated_by_its_first_words():
    assert restates("harbour arts", "harbour arts trust")
    assert not restates("harbour of", "harbour of refuge trust")   # ends on a minor word
    assert not restates("arc", "arc light trust")                  # too short to be a name of its own
    assert not restates("arts trust", "harbour arts trust")        # the last words are not its start


def test_two_letters_or_a_different_first_letter_restate_nothing():
    assert not acronym_of("nc", "northfield community")
    assert not restates("cat", "northfield community arts trust")
    assert not restates("ncat", "ncat")


def test_short_forms_are_exactly_what_restates_accepts():
    key = "northvale institute for marine and coastal research"
    forms = short_forms(key)
    assert {"nimcr", "nimc", "nim", "nimr", "northvale institute"} <= forms
    assert all(restates(f, key) for f in forms)
    assert "northvale institute for" not in forms


def test_org_ids_and_single_words_have_no_forms():
    assert short_forms("GB-LAE-RUT") == frozenset()
    assert short_forms("ncat") == frozenset()
    assert page_forms(["ncat", "harbour arts trust"]) == ["harbour", "harbour arts", "hat"]
