"""Which pages report one announcement, and which mentions are one award (pure functions)."""
import datetime as dt
from decimal import Decimal as D

from services.extractor.grouping import (MentionRow, Signature, award_clusters, cluster_key, linked_announcements,
                                         restated, same_announcement, same_funder)

DAY = dt.date(2024, 5, 1)


def sig(**kw) -> Signature:
    base = dict(funder="department for education", total=D(9_000_000), terms=frozenset({"holiday", "food"}),
                published=DAY)
    base.update(kw)
    return Signature(**base)


def test_a_recipient_with_the_same_amount_ties_two_pages():
    a = sig(recipients={"harbour trust": D(500_000)}, funder=None, total=None)
    b = sig(recipients={"harbour trust": D(500_000), "GB-LAE-RUT": None})
    assert same_announcement(a, b) and same_announcement(b, a)


def test_rounded_and_exact_amounts_agree():
    a = sig(recipients={"GB-LAE-RUT": D(200_000)}, published=DAY)
    b = sig(recipients={"GB-LAE-RUT": D(204_403)}, total=None, published=DAY + dt.timedelta(days=160))
    assert same_announcement(a, b)


def test_same_recipient_from_another_funder_is_another_announcement():
    a = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None})
    b = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None}, funder="home office")
    assert not same_announcement(a, b)


def test_programmes_with_no_word_in_common_stay_apart():
    a = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None, "GB-LAE-SFT": None}, funder=None,
            terms=frozenset({"levelling"}), total=D(100_000_000))
    b = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None, "GB-LAE-SFT": None},
            terms=frozenset({"family", "hubs"}), total=None)
    assert not same_announcement(a, b)


def test_two_rounds_years_apart_stay_apart():
    a = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None})
    b = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None}, published=DAY + dt.timedelta(days=700))
    assert not same_announcement(a, b)


def test_different_totals_with_one_shared_recipient_stay_apart():
    a = sig(recipients={"GB-LAE-RUT": None, "harbour trust": None}, total=D(36_000_000))
    b = sig(recipients={"GB-LAE-RUT": None, "GB-LAE-NFK": None}, total=D(84_000_000), published=None)
    assert not same_announcement(a, b)


def test_disagreeing_amounts_for_shared_recipients_stay_apart():
    a = sig(recipients={"GB-LAE-RUT": D(1_000_000), "GB-LAE-NFK": D(2_000_000)})
    b = sig(recipients={"GB-LAE-RUT": D(5_000_000), "GB-LAE-NFK": D(9_000_000)})
    assert not same_announcement(a, b)


def row(i, key, name=None, org=None, place=False, partners=()):
    return MentionRow(i, key, name or key, org, place, tuple(partners))


def test_a_place_is_the_one_organisation_named_after_it():
    groups = award_clusters([row(1, "GB-LAE-RUT", "Rutland County Council", "GB-LAE-RUT", place=True),
                             row(2, "rutland carers trust"), row(3, "harbour trust")])
    assert [[m.id for m in g] for g in groups] == [[1, 2], [3]]
    assert cluster_key(groups[0]) == "rutland carers trust"


def test_short_form_and_joint_award_join_their_award():
    groups = award_clusters([row(1, "liftup young carers"), row(2, "liftup"),
                             row(3, "GB-LAE-OLD", org="GB-LAE-OLD", partners=["stepwise"]), row(4, "stepwise")])
    assert sorted(sorted(m.id for m in g) for g in groups) == [[1, 2], [3, 4]]


def test_clusters_do_not_depend_on_order():
    rows = [row(1, "GB-LAE-RUT", "Rutland County Council", "GB-LAE-RUT", place=True), row(2, "rutland carers trust"),
            row(3, "liftup"), row(4, "liftup young carers")]
    keys = {cluster_key(g) for g in award_clusters(rows)}
    assert keys == {cluster_key(g) for g in award_clusters(list(reversed(rows)))}


def test_an_acronym_joins_the_one_name_it_abbreviates():
    groups = award_clusters([row(1, "northvale harbour hospitals nhs foundation trust"), row(2, "nhh"),
                             row(3, "wexley arts trust"), row(4, "wat"), row(5, "wat"), row(6, "zzq")])
    assert sorted(sorted(m.id for m in g) for g in groups) == [[1, 2], [3, 4, 5], [6]]


def test_an_acronym_of_two_names_joins_neither():
    groups = award_clusters([row(1, "harbour arts trust"), row(2, "harbour action team"), row(3, "hat")])
    assert len(groups) == 3


def test_a_correction_ties_to_the_page_it_corrects_whatever_the_change():
    first = sig(recipients={"harbour trust": D(75_000)}, total=None, terms=frozenset())
    corrected = sig(recipients={"harbour trust": D(70_000)}, total=None, terms=frozenset(),
                    published=DAY + dt.timedelta(days=7))
    assert not same_announcement(first, corrected)          # two figures 6.7% apart: two awards ...
    corrected = Signature(**{**corrected.__dict__, "correction": True})
    assert same_announcement(first, corrected) and same_announcement(corrected, first)   # ... unless corrected
    # still not across funders, nor on a recipient alone with nothing else in common
    assert not same_announcement(first, Signature(**{**corrected.__dict__, "funder": "home office"}))
    assert not same_announcement(Signature(**{**first.__dict__, "funder": None}), corrected)
    # two recipients in common are context enough
    both = {"harbour trust": D(75_000), "quay arts": D(20_000)}
    assert same_announcement(sig(recipients=both, funder=None, total=None, terms=frozenset()),
                             sig(recipients={"harbour trust": D(70_000), "quay arts": D(25_000)}, funder=None,
                                 total=None, terms=frozenset(), correction=True))


def test_a_signature_keeps_its_correction_flag_through_json():
    s = sig(recipients={"harbour trust": D(70_000)}, correction=True)
    assert Signature.from_json(s.as_json()) == s and not Signature.from_json({}).correction


def test_an_acronym_with_the_same_amount_ties_two_pages():
    full = sig(recipients={"northfield community arts trust": D(12_500), "harbour rowing club": D(8_000)})
    short = sig(recipients={"ncat": D(12_500)}, total=None)
    assert restated(short, full) == {"ncat": "northfield community arts trust"}
    assert same_announcement(short, full) and same_announcement(full, short)
    assert not same_announcement(short, full, restatements=False)


def test_a_shorter_form_with_the_same_amount_ties_two_pages_despite_their_totals():
    full = sig(recipients={"harbour arts trust": D(40_000), "quay youth club": D(9_000)}, total=D(250_000))
    short = sig(recipients={"harbour arts": D(40_000), "quay youth": D(9_000)}, total=D(800_000))
    assert same_announcement(short, full) and same_announcement(full, short)


def test_a_restated_name_needs_the_same_amount():
    full = sig(recipients={"northfield community arts trust": D(12_500)}, funder=None, total=None)
    assert not same_announcement(sig(recipients={"ncat": D(30_000)}, funder=None, total=None), full)
    assert not same_announcement(sig(recipients={"ncat": None}), full)   # with the funder alone, too
    assert not same_announcement(sig(recipients={"ncat": D(12_500)}, total=None),
                                 sig(recipients={"northfield community arts trust": None}, total=None))


def test_an_acronym_that_could_stand_for_two_names_on_a_page_ties_nothing():
    full = sig(recipients={"northfield community arts trust": D(12_500), "north coast angling trust": D(12_500)},
               funder=None, total=None)
    assert restated(sig(recipients={"ncat": D(12_500)}), full) == {}
    assert not same_announcement(sig(recipients={"ncat": D(12_500)}, funder=None, total=None), full)


def test_an_acronym_standing_for_names_in_two_announcements_joins_neither():
    page = sig(recipients={"ncat": D(12_500)}, total=None)
    arts = sig(recipients={"northfield community arts trust": D(12_500)}, total=None)
    angling = sig(recipients={"north coast angling trust": D(12_500)}, total=None)
    assert linked_announcements(page, [(1, arts)]) == {1}
    assert linked_announcements(page, [(1, arts), (2, angling)]) == set()
    assert linked_announcements(page, [(1, arts), (1, arts)]) == {1}   # two pages of one announcement
    # a page tied by a recipient in common is tied whatever its acronyms do
    both = sig(recipients={"ncat": D(12_500), "harbour rowing club": D(8_000)}, total=None)
    rowing = sig(recipients={"north coast angling trust": D(12_500), "harbour rowing club": D(8_000)}, total=None)
    assert linked_announcements(both, [(1, arts), (2, rowing)]) == {2}


def test_a_funder_with_words_run_into_its_name_is_not_another_funder():
    assert same_funder("about northvale arts foundation", "northvale arts foundation")
    assert not same_funder("northvale arts foundation", "northvale arts")       # its last words, not its first
    assert not same_funder("eastbrook foundation", "foundation")                # one word says too little
    shared = {"harbour trust": D(500_000), "quay arts": D(20_000)}
    assert same_announcement(sig(recipients=shared, funder="about northvale arts foundation"),
                             sig(recipients=shared, funder="northvale arts foundation"))
