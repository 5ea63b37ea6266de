"""The API against a real database holding records made by the real pipeline functions."""
from __future__ import annotations

import datetime as dt
import hashlib
import zlib

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from services.api.app import app
from services.extractor.pipeline import process_document
from shared.db import read_url, session_scope
from shared.models import Announcement, Award, Document

PAGES = {
    "http://news.example/a": "<html><body><p>The fund's grants are:</p><ul>"
                             "<li>Riverside Trust - £250,000 to open a youth club</li>"
                             "<li>Hill Lane Trust - £90,000 for a food bank</li>"
                             "<li>Rutland County Council - £2m for a museum</li></ul></body></html>",
}


@pytest.fixture
def seeded(db):
    for url, html in PAGES.items():
        raw = html.encode()
        with session_scope() as s:
            doc = Document(url=url, canonical_url=url, fetched_at=dt.datetime.now(dt.timezone.utc), http_status=200,
                           content_type="text/html", content_hash=hashlib.sha256(raw).hexdigest(),
                           raw_body=zlib.compress(raw), raw_size=len(raw), status="pending", attempts=0)
            s.add(doc)
            s.flush()
            doc_id = doc.id
        assert process_document(doc_id).status == "extracted"


@pytest.fixture
def client(seeded):
    with TestClient(app) as client:   # the lifespan runs: listings read through the API's pool
        yield client


def test_list_filter_and_paginate(client):
    page = client.get("/awards", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = client.get("/awards", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    ids = [a["id"] for a in page["items"] + rest["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 3
    big = client.get("/awards", params={"min_amount": 100000}).json()["items"]
    assert {a["recipient"] for a in big} == {"Riverside Trust", "Rutland County Council"}
    assert client.get("/awards", params={"recipient": "GB-LAE-RUT"}).json()["items"][0]["amount"] == 2000000


def test_listing_without_the_lifespan_reads_on_its_own_connection(seeded):
    # an app mounted inside another does not get its lifespan run: the listing still answers
    listed = TestClient(app).get("/awards", params={"sort": "-amount"}).json()["items"]
    assert [a["amount"] for a in listed] == [2000000, 250000, 90000]


def test_listing_survives_the_server_dropping_its_connections(client):
    assert len(client.get("/awards").json()["items"]) == 3      # the API's pool holds a connection now
    with psycopg.connect(read_url(), autocommit=True) as conn:  # as a restarted server would
        dropped = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
    assert dropped >= 1
    again = client.get("/awards")
    assert again.status_code == 200 and len(again.json()["items"]) == 3


def one_at_a_time(client, sort: str) -> list[dict]:
    """Every award of a sorted listing, read a page of one at a time by following the cursors."""
    seen, cursor = [], None
    while True:
        page = client.get("/awards", params={"sort": sort, "limit": 1, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        seen += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return seen


def test_sorted_listings_page_through_every_award_once(client):
    with session_scope() as s:   # one award without an amount or a date: it comes last in both directions
        s.execute(update(Award).where(Award.recipient == "Hill Lane Trust").values(amount=None, awarded_on=None))
        s.execute(update(Award).where(Award.recipient == "Riverside Trust").values(awarded_on=dt.date(2026, 1, 5)))
        s.execute(update(Award).where(Award.recipient == "Rutland County Council").values(awarded_on=dt.date(2026, 3, 1)))
    for sort, expected in (("amount", [250000, 2000000, None]), ("-amount", [2000000, 250000, None])):
        seen = one_at_a_time(client, sort)
        assert [a["amount"] for a in seen] == expected and len({a["id"] for a in seen}) == 3
    for sort, expected in (("awarded_on", ["Riverside Trust", "Rutland County Council", "Hill Lane Trust"]),
                           ("-awarded_on", ["Rutland County Council", "Riverside Trust", "Hill Lane Trust"])):
        assert [a["recipient"] for a in one_at_a_time(client, sort)] == expected
    # two awards without an amount: a cursor past the first of them (its key the missing-value
    # sentinel) goes on to the second, in both directions
    with session_scope() as s:
        s.execute(update(Award).where(Award.recipient == "Riverside Trust").values(amount=None))
    for sort in ("amount", "-amount"):
        seen = one_at_a_time(client, sort)
        assert [a["amount"] for a in seen] == [2000000, None, None] and len({a["id"] for a in seen}) == 3
    # a cursor continues the order that made it, whatever `sort` says
    first = client.get("/awards", params={"sort": "amount", "limit": 1}).json()
    rest = client.get("/awards", params={"sort": "-amount", "cursor": first["next_cursor"]}).json()["items"]
    assert [a["id"] for a in first["items"] + rest] == [a["id"] for a in one_at_a_time(client, "amount")]
    # what does not fit the schema's pattern is refused before the database (422)...
    for forged in ("amount~1e999999~5", "amount~NaN~5", "awarded_on~2026-13-45~5", "-awarded_on~730000~x",
                   "aWQ6NTA", "amount~5"):
        refused = client.get("/awards", params={"cursor": forged})
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json", forged
    # ...and whatever fits names a place in the order (a day past the calendar's end is its end)
    assert client.get("/awards", params={"cursor": "awarded_on~9999999~1"}).status_code == 200
    for past_the_end in ("amount~inf~99999999999", "-awarded_on~-inf~0", "99999999999"):
        assert client.get("/awards", params={"cursor": past_the_end}).json()["items"] == [], past_the_end


def test_announcement_lists_its_awards_and_pages(client):
    award = client.get("/awards", params={"recipient": "Riverside"}).json()["items"][0]
    detail = client.get(f"/announcements/{award['announcement_id']}").json()
    assert {a["recipient"] for a in detail["awards"]} == {"Riverside Trust", "Hill Lane Trust", "Rutland County Council"}
    assert detail["award_count"] == 3 and [d["url"] for d in detail["documents"]] == ["http://news.example/a"]
    with session_scope() as s:
        s.execute(update(Announcement).values(funder="Harbour Fund"))
    assert len(client.get("/announcements", params={"funder": "harbour"}).json()["items"]) == 1
    assert client.get("/announcements", params={"funder": "%"}).json()["items"] == []   # a character, not a wildcard


def test_award_has_provenance(client):
    award = client.get("/awards", params={"recipient": "Riverside"}).json()["items"][0]
    detail = client.get(f"/awards/{award['id']}").json()
    (m,) = detail["mentions"]
    assert m["document_url"] == "http://news.example/a" and "£250,000" in m["quote"]
    assert m["values"]["amount"] == 250000 and m["fetched_at"]


def test_errors_are_problem_json(client):
    r = client.get("/awards/999999")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 404
    r = client.get("/awards", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and r.json()["title"]
    r = client.get("/awards", params={"limit": 10_000, "min_amount": "lots"})
    assert r.status_code == 422
    assert sorted(e["loc"] for e in r.json()["detail"]) == [["query", "limit"], ["query", "min_amount"]], r.json()


def test_adding_sources_needs_the_admin_key(client):
    body = {"name": "x", "kind": "feed", "url": "https://feeds.example/x.xml"}
    assert client.post("/sources", json=body).status_code == 401
    assert client.post("/sources", json=body, headers={"X-API-Key": "wrong"}).status_code == 401
    r = client.post("/sources", json=body, headers={"X-API-Key": "test-admin-key"})
    assert r.status_code == 201 and r.json()["trusted"] is False
    bad = {"name": "y", "kind": "feed", "url": "http://169.254.169.254/latest"}
    refused = client.post("/sources", json=bad, headers={"X-API-Key": "test-admin-key"})
    assert refused.status_code == 403 and "blocked address" in refused.json()["detail"]
    for malformed in ("ftp://feeds.example/x.xml", "http://feeds.example:70000/", "feeds.example/x.xml"):
        r = client.post("/sources", json={**body, "url": malformed}, headers={"X-API-Key": "test-admin-key"})
        assert r.status_code == 422, malformed


def test_failed_document_shows_its_reason(client, db):
    with session_scope() as s:
        doc = Document(url="http://x/e", canonical_url="http://x/e", fetched_at=dt.datetime.now(dt.timezone.utc),
                       http_status=200, content_type="text/html", content_hash="e", raw_body=zlib.compress(b""),
                       raw_size=0, status="pending", attempts=0)
        s.add(doc)
        s.flush()
        doc_id = doc.id
    assert process_document(doc_id).status == "failed"
    body = client.get(f"/documents/{doc_id}").json()
    assert body["status"] == "failed" and body["last_error"] == "empty document"


def test_records_carry_etags_and_answer_304_when_unchanged(client):
    award_id = client.get("/awards").json()["items"][0]["id"]
    for path in (f"/awards/{award_id}", "/announcements/1", "/documents/1"):
        first = client.get(path)
        tag = first.headers["etag"]
        assert first.status_code == 200 and tag.startswith('"')
        again = client.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.headers["etag"] == tag and not again.content
        assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_confidence_is_shown_filtered_and_exported(client):
    items = client.get("/awards").json()["items"]
    assert items and all(0 <= a["confidence"] <= 1 for a in items)
    with session_scope() as s:        # make one record doubtful: the filter leaves it out
        s.execute(update(Award).where(Award.recipient == "Hill Lane Trust").values(confidence=0.4))
    confident = client.get("/awards", params={"min_confidence": 0.5}).json()["items"]
    assert {a["recipient"] for a in confident} == {a["recipient"] for a in items} - {"Hill Lane Trust"}
    assert client.get("/awards", params={"min_confidence": 1.5}).status_code == 422
    detail = client.get(f"/awards/{items[0]['id']}").json()
    assert all("confidence" in m["values"] for m in detail["mentions"])
    exported = client.get("/awards/export", params={"format": "json"}).json()
    assert {a["recipient"]: a["confidence"] for a in exported}["Hill Lane Trust"] == 0.4
    csv_head = client.get("/awards/export", params={"format": "csv"}).text.splitlines()[0]
    assert "confidence" in csv_head.split(",")


def test_a_method_not_allowed_names_every_method_the_path_takes(client):
    r = client.request("OPTIONS", "/sources")
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) >= {"GET", "POST"}
    r = client.put("/subscriptions/1", headers={"X-API-Key": "test-admin-key"})
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) >= {"GET", "DELETE"}


def test_dates_and_numbers_are_what_the_schema_says(client):
    assert client.get("/awards", params={"date_to": "0"}).status_code == 422          # not 1970-01-01
    assert client.get("/awards", params={"date_to": "2026-12-31"}).status_code == 200
    key = {"X-API-Key": "test-admin-key"}
    for bad in ({"min_confidence": False}, {"date_to": 0}, {"announcement_id": True}):
        r = client.post("/subscriptions", json={"url": "https://hooks.example.org/x", "filter": bad}, headers=key)
        assert r.status_code == 422, bad
    made = client.post("/subscriptions", json={"url": "https://hooks.example.org/x"}, headers=key).json()
    assert client.delete(f"/subscriptions/{made['id']}", headers=key).status_code == 204
    assert client.get(f"/subscriptions/{made['id']}", headers=key).status_code == 404    # deleted is gone
    assert client.get(f"/subscriptions/{made['id']}/deliveries", headers=key).status_code == 404
