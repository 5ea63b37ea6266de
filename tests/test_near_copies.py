"""A near copy of a stored page (a syndicated text with a sentence or two added or left out) is
recorded as a copy of it: the statements the original also makes are sources but not independent
ones, and the statements only the copy makes still count. Corroboration (`independent_sources`)
counts independent pages only."""
from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from services.api.app import app
from services.api.export import export_awards
from services.extractor import fingerprints
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Document

# a short article: a sentence added changes a large share of its shingles
STORY = ("<p>The Moorland Access Trust has awarded Upland Paths Group £30,000 to repair the old drovers' road "
         "across the moor.</p><p>Volunteers will rebuild the stone culverts and clear the gullies before the "
         "winter rains, the group said.</p>")
FIRST_APPEARED = "<p>This article first appeared in the Moor Gazette and is republished with permission.</p>"
OWN_STATEMENT = ("<p>Separately, Heath Wardens has been awarded £12,000 by the trust for new stiles on the ridge "
                 "path.</p>")
# another report of the same award, in its own words
RETOLD = ("<p>Upland Paths Group is to receive £30,000 from the Moorland Access Trust, which will pay for "
          "repairs to a historic drovers' road.</p><p>The work is planned for the autumn, with local volunteers "
          "helping the group's rangers.</p><p>Heath Wardens has been awarded £12,000 by the trust to put new "
          "stiles on the ridge path.</p>")


def page(body: str) -> bytes:
    return f"<html><head><title>Moor road grant</title></head><body><article>{body}</article></body></html>".encode()


def ingest(url: str, body: str) -> int:
    doc_id = store_page(None, FetchResult(url=url, status=200, body=page(body), content_type="text/html"))
    assert doc_id is not None
    process_document(doc_id)
    return doc_id


def award(recipient: str) -> dict:
    [found] = [a for a in export_awards() if a["recipient"] == recipient]
    return found


def documents() -> dict[str, tuple[str, int | None]]:
    with session_scope() as s:
        return {d.url: (d.status, d.duplicate_of_id) for d in s.scalars(select(Document))}


def test_a_syndicated_copy_with_a_sentence_added_is_a_copy_not_a_corroboration(db):
    original = ingest("http://moor.example/road", STORY)
    ingest("http://syndicate.example/moor-road", STORY + FIRST_APPEARED)
    assert documents()["http://syndicate.example/moor-road"] == ("duplicate", original)
    upland = award("Upland Paths Group")
    assert {s["url"] for s in upland["sources"]} == {"http://moor.example/road", "http://syndicate.example/moor-road"}
    assert upland["independent_sources"] == 1


def test_a_copy_whose_bands_miss_its_original_is_found_by_the_award_it_states(db):
    original = ingest("http://moor.example/road", STORY)
    ingest("http://syndicate.example/moor-road", "<p>Syndicated news.</p>" + STORY + FIRST_APPEARED)
    with session_scope() as s:
        texts = [d.text for d in s.scalars(select(Document).order_by(Document.id))]
    assert not set(fingerprints.bands(texts[0])) & set(fingerprints.bands(texts[1]))   # too short a text
    assert documents()["http://syndicate.example/moor-road"] == ("duplicate", original)
    upland = award("Upland Paths Group")
    assert {s["url"] for s in upland["sources"]} == {"http://moor.example/road", "http://syndicate.example/moor-road"}
    assert upland["independent_sources"] == 1


def test_a_copy_with_a_statement_of_its_own_counts_only_for_that_statement(db):
    original = ingest("http://moor.example/road", STORY)
    ingest("http://syndicate.example/moor-road", STORY + OWN_STATEMENT)
    assert documents()["http://syndicate.example/moor-road"] == ("extracted", original)
    upland, heath = award("Upland Paths Group"), award("Heath Wardens")
    assert len(upland["sources"]) == 2 and upland["independent_sources"] == 1
    copied = [s for s in upland["sources"] if s["url"] == "http://syndicate.example/moor-road"]
    assert [s.get("copy_of") for s in copied] == [original]
    assert heath["independent_sources"] == 1 and "copy_of" not in heath["sources"][0]
    with TestClient(app) as client:
        listed = {a["recipient"]: a for a in client.get("/awards").json()["items"]}
        detail = client.get(f"/awards/{upland['id']}").json()
        copy = client.get(f"/documents/{copied[0]['document_id']}").json()
    assert copy["copy_of"] == original and copy["status"] == "extracted"
    assert listed["Upland Paths Group"]["independent_sources"] == detail["independent_sources"] == 1
    assert listed["Heath Wardens"]["independent_sources"] == 1


def test_an_independent_report_corroborates_both_the_original_and_the_copy_s_own_statement(db):
    ingest("http://moor.example/road", STORY)
    ingest("http://syndicate.example/moor-road", STORY + OWN_STATEMENT)   # a copy of the first
    ingest("http://valley.example/news/road", RETOLD)                     # its own words
    upland, heath = award("Upland Paths Group"), award("Heath Wardens")
    assert len(upland["sources"]) == 3 and upland["independent_sources"] == 2
    # the copy's own statement and the independent report: two
    assert len(heath["sources"]) == 2 and heath["independent_sources"] == 2
    with TestClient(app) as client:
        assert client.get(f"/awards/{upland['id']}").json()["independent_sources"] == 2


def test_a_copy_read_in_the_same_batch_as_its_original_is_found_too(db):
    from services.extractor.pipeline import Batch, process_documents

    ids = [store_page(None, FetchResult(url=url, status=200, body=page(body), content_type="text/html"))
           for url, body in (("http://moor.example/road", STORY),
                             ("http://syndicate.example/moor-road", STORY + OWN_STATEMENT))]
    process_documents(Batch(ids))
    assert documents()["http://syndicate.example/moor-road"] == ("extracted", ids[0])
    assert award("Upland Paths Group")["independent_sources"] == 1
