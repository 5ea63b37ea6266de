"""One article is one document: tracking parameters, copies with other page furniture, and a copy
that changes a figure (which is a new statement, not a copy)."""
from __future__ import annotations

from sqlalchemy import select

from services.api.export import export_awards
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Document

ARTICLE = (
    "<p>The Coastal Communities Endowment has announced £3m for six projects on the east coast.</p>"
    "<p>Harbour Arts has been awarded £400,000 to restore the old pier pavilion as a venue for young "
    "people, with a programme of concerts, workshops and training run with local schools.</p>"
    "<p>Northgate Youth Trust has been awarded £350,000 to open two evening clubs, offering a hot meal, "
    "sport and mentoring for teenagers in the town centre and on the Eastfield estate.</p>"
    "<p>The endowment said the six projects were chosen from 140 applications and would report on "
    "their results next spring, with a second round due to open in the autumn.</p>")


def page(furniture: str, article: str = ARTICLE) -> bytes:
    return (f"<html><head><title>East coast grants</title></head><body><nav>{furniture}</nav>"
            f"<article>{article}</article><footer>{furniture} · Contact · Privacy</footer></body></html>").encode()


def ingest(url: str, body: bytes) -> int | None:
    doc_id = store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"))
    if doc_id is not None:
        process_document(doc_id)
    return doc_id


def statuses() -> dict[str, tuple[str, int | None]]:
    with session_scope() as s:
        return {d.url: (d.status, d.duplicate_of_id) for d in s.scalars(select(Document))}


def test_tracking_parameters_are_the_same_document(db):
    first = ingest("http://news.example/grants?utm_source=feed", page("Home · News"))
    assert ingest("http://news.example/grants?utm_medium=email", page("Home · News")) is None
    assert len(statuses()) == 1 and first is not None


def test_a_copy_with_other_furniture_is_a_duplicate_and_cited(db):
    original = ingest("http://news.example/grants", page("Home · News · Jobs"))
    copy = ingest("http://syndicate.example/story/991", page("Front page · Sport · Weather · Puzzles"))
    assert statuses()["http://syndicate.example/story/991"] == ("duplicate", original)
    harbour = next(a for a in export_awards() if a["recipient"] == "Harbour Arts")
    urls = {s["url"] for s in harbour["sources"]}
    assert urls == {"http://news.example/grants", "http://syndicate.example/story/991"}
    assert copy is not None and sum(1 for a in export_awards() if a["recipient"] == "Harbour Arts") == 1


def test_a_copy_that_changes_a_figure_is_its_own_statement(db):
    first = ingest("http://news.example/grants", page("Home · News"))
    changed = ARTICLE.replace("£400,000", "£450,000")
    ingest("http://other.example/grants", page("Other site", changed))
    # a copy still (of the first page), but the figure it changes is its own statement
    assert statuses()["http://other.example/grants"] == ("extracted", first)
    harbour = [a for a in export_awards() if a["recipient"] == "Harbour Arts"]
    assert len(harbour) == 1 and len(harbour[0]["sources"]) == 2 and harbour[0]["independent_sources"] == 2
    northgate = [a for a in export_awards() if a["recipient"] == "Northgate Youth Trust"]
    assert len(northgate[0]["sources"]) == 2 and northgate[0]["independent_sources"] == 1


def test_copies_in_one_batch_are_found_as_across_batches(db):
    """A batch looks up the stored pages its pages may copy once for all of them; a copy whose original
    is earlier in the same batch (exact, or with other furniture) is still a copy of it, and a copy
    of a page stored before the batch is a copy of that one."""
    from services.extractor.pipeline import Batch, process_documents

    def store(url: str, body: bytes) -> int:
        return store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"), enqueue=False)

    other_article = ("<p>The Moorland Heritage Trust has given £90,000 to the Fellside Walkers Club to repair "
                     "eleven miles of upland paths and train volunteer rangers over the next two summers.</p>"
                     "<p>The trust said repairs would start in May, once nesting season surveys are done.</p>")
    before = ingest("http://moor.example/paths", page("Home", other_article))
    original = store("http://news.example/grants", page("Home · News · Jobs"))
    exact = store("http://mirror.example/grants", page("Home · News · Jobs"))
    near = store("http://syndicate.example/story/991", page("Front page · Sport · Weather · Puzzles"))
    of_before = store("http://syndicate.example/paths", page("Front page · Outdoors", other_article))
    changed = store("http://news.example/corrected", page("Home · News · Jobs",
                                                          ARTICLE.replace("£400,000", "£410,000")))
    batch = process_documents(Batch([original, exact, near, of_before, changed]))
    assert {i: (o.status, o.duplicate_of) for i, o in batch.outcomes.items()} == {
        original: ("extracted", None), exact: ("duplicate", original), near: ("duplicate", original),
        of_before: ("duplicate", before), changed: ("extracted", None)}
