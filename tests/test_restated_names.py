"""An organisation named in full on one page and by its acronym or a shorter form on another: one
award, found by the pages' recipient forms in PostgreSQL, whichever page is read first."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from services.api.export import export_awards
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Document

FUNDER = "<p>The Coastal Communities Endowment has announced a new round of grants for the east coast.</p>"


def page(title: str, *awards: tuple[str, str]) -> bytes:
    body = "".join(f"<p>{name} has been awarded {amount} to run projects for young people in the town, "
                   f"working with schools and local clubs over the next two years.</p>" for name, amount in awards)
    return f"<html><head><title>{title}</title></head><body><article>{FUNDER}{body}</article></body></html>".encode()


FULL = ("http://a.example/grants", page("East coast grants", ("Northfield Community Arts Trust (NCAT)", "£12,500"),
                                        ("Harbour Rowing Club", "£8,000")))
ACRONYM = ("http://b.example/arts", page("Arts grants in Northfield", ("NCAT", "£12,500")))


def ingest(url: str, body: bytes) -> None:
    doc_id = store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"))
    assert doc_id is not None
    assert process_document(doc_id).status == "extracted"


@pytest.mark.parametrize("order", [(FULL, ACRONYM), (ACRONYM, FULL)], ids=["full-first", "acronym-first"])
def test_an_acronym_on_another_page_is_the_same_award(db, order):
    for url, body in order:
        ingest(url, body)
    awards = {a["recipient"]: a for a in export_awards()}
    assert sorted(awards) == ["Harbour Rowing Club", "Northfield Community Arts Trust"]
    assert {s["url"] for s in awards["Northfield Community Arts Trust"]["sources"]} == {FULL[0], ACRONYM[0]}
    with session_scope() as s:
        forms = s.scalar(select(Document.recipient_forms).where(Document.url == FULL[0]))
    assert "ncat" in forms and "harbour rowing" in forms


def test_a_shorter_form_on_another_page_is_the_same_award(db):
    ingest(*FULL)
    ingest("http://c.example/rowing", page("Rowing grant", ("Harbour Rowing", "£8,000")))
    assert sorted(a["recipient"] for a in export_awards()) == ["Harbour Rowing Club", "Northfield Community Arts Trust"]


def test_an_acronym_with_another_amount_is_another_award(db):
    ingest(*FULL)
    ingest("http://b.example/arts", page("Arts grants in Northfield", ("NCAT", "£40,000")))
    assert sorted(a["recipient"] for a in export_awards()) == ["Harbour Rowing Club", "NCAT",
                                                              "Northfield Community Arts Trust"]


def test_an_acronym_of_two_organisations_on_other_pages_joins_neither(db):
    ingest(*FULL)
    ingest("http://d.example/angling", page("Angling grants", ("North Coast Angling Trust", "£12,500")))
    ingest(*ACRONYM)
    awards = export_awards()
    assert sorted(a["recipient"] for a in awards) == ["Harbour Rowing Club", "NCAT", "North Coast Angling Trust",
                                                      "Northfield Community Arts Trust"]
    assert all(len(a["sources"]) == 1 for a in awards)
    assert len({a["announcement_id"] for a in awards}) == 3   # the acronym's page is tied to neither


def funded(title: str, funder: str, tail: str = "") -> bytes:
    body = "".join(f"<p>{name} has been awarded {amount} to run projects for young people in the town, working "
                   f"with schools and local clubs over the next two years.</p>"
                   for name, amount in (("Eastbrook Sailing Club", "£30,000"), ("Westhaven Rowing Club", "£20,000")))
    return (f"<html><head><title>{title}</title></head><body><article><p>{funder} has announced grants for two "
            f"harbour towns.</p>{body}{tail}</article></body></html>").encode()


def test_a_funder_named_with_words_run_into_it_is_the_same_funder(db):
    about = "<h2>About Northvale Arts Foundation</h2><p>About Northvale Arts Foundation: it funds coastal arts.</p>"
    ingest("http://e.example/towns", funded("Harbour towns win arts grants", "Northvale Arts Foundation", about))
    ingest("http://f.example/clubs", (
        "<html><head><title>Clubs funded</title></head><body><article><p>Northvale Arts Foundation is funding "
        "two waterside clubs this spring.</p><p>Eastbrook Sailing Club receives £30,000 for a junior sailing "
        "school.</p><p>Westhaven Rowing Club receives £20,000 for new boats.</p></article></body></html>").encode())
    with session_scope() as s:   # as the first page reads it
        assert s.scalar(select(Document.funder_key).where(Document.url == "http://e.example/towns")) == \
            "about northvale arts foundation"
    awards = export_awards()
    assert len({a["announcement_id"] for a in awards}) == 1
    assert all(len(a["sources"]) == 2 for a in awards)
