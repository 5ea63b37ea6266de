"""A page that presents itself as a correction links to the award it corrects, whatever the size of
the change: one award, the corrected value chosen with the correcting page as its reason, and the
old value kept in its provenance (the other values, the amount timeline, the history)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from services.api.app import app
from services.api.export import export_awards
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Announcement, AwardHistory

FIRST = ("<p>The Lakeside Heritage Foundation has awarded Millbrook Rowing Club £75,000 to rebuild its boathouse "
         "and open it to schools across the valley.</p><p>Work starts in the spring, the club said.</p>")
CORRECTION = ("<p>Correction: Millbrook Rowing Club has been awarded £70,000 by the Lakeside Heritage Foundation to "
              "rebuild its boathouse. An earlier version of this article gave a different figure.</p>")
# the same figure change without the cue: a page that disagrees, not one that corrects
DISAGREES = ("<p>Millbrook Rowing Club has been awarded £70,000 by the Lakeside Heritage Foundation to "
             "rebuild its boathouse, the club said.</p>")


def page(title: str, body: str, published: str) -> bytes:
    return (f'<html><head><title>{title}</title><meta property="article:published_time" content="{published}">'
            f"</head><body><article>{body}</article></body></html>").encode()


def ingest(url: str, body: bytes) -> None:
    doc_id = store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"))
    assert doc_id is not None and process_document(doc_id).status == "extracted"


def millbrook() -> list[dict]:
    return [a for a in export_awards() if a["recipient"] == "Millbrook Rowing Club"]


@pytest.mark.parametrize("correction_first", [False, True])
def test_an_explicit_correction_corrects_the_award_it_names(db, correction_first):
    pages = [("http://valley.example/boathouse", page("Boathouse grant", FIRST, "2026-04-02")),
             ("http://gazette.example/boathouse-corrected", page("Boathouse grant", CORRECTION, "2026-04-09"))]
    for url, body in reversed(pages) if correction_first else pages:
        ingest(url, body)

    awards = millbrook()
    assert len(awards) == 1
    award = awards[0]
    assert award["amount"] == 70000
    assert {s["url"] for s in award["sources"]} == {url for url, _ in pages}
    # the old value stays in the provenance
    timeline = award["amount_timeline"]
    assert [(e["value"], e["correction"], e["chosen"]) for e in timeline] == [(75000, False, False), (70000, True, True)]
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Announcement)) == 1
        history = s.execute(select(AwardHistory.old_value, AwardHistory.new_value, AwardHistory.reason)
                            .where(AwardHistory.field == "amount")).all()
    reason = "corrected by http://gazette.example/boathouse-corrected"
    if not correction_first:   # read in the other order, the corrected figure is the award's first value
        assert [tuple(h) for h in history] == [(75000, 70000, reason)]


def test_the_api_gives_the_correcting_page_as_the_reason(db):
    ingest("http://valley.example/boathouse", page("Boathouse grant", FIRST, "2026-04-02"))
    ingest("http://gazette.example/boathouse-corrected", page("Boathouse grant", CORRECTION, "2026-04-09"))
    with TestClient(app) as client:
        detail = client.get(f"/awards/{millbrook()[0]['id']}").json()
    assert detail["choices"]["amount"]["reason"] == "corrected by http://gazette.example/boathouse-corrected"
    assert [o["value"] for o in detail["choices"]["amount"]["others"]] == [75000]


def test_a_page_that_only_disagrees_is_not_a_correction(db):
    ingest("http://valley.example/boathouse", page("Boathouse grant", FIRST, "2026-04-02"))
    ingest("http://gazette.example/boathouse", page("Boathouse grant", DISAGREES, "2026-04-09"))
    assert sorted(a["amount"] for a in millbrook()) == [70000, 75000]
