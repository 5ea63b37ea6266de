"""GET /awards/export: the same awards /awards selects, as CSV, JSON and 360Giving (JSON and flat CSV)."""
from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from services.api.app import app
from tests.conftest import CORPUS
from tests.feeds import read_inline
from tests.test_giving360 import validator


def seed() -> TestClient:
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        read_inline(path)
    return TestClient(app)


def test_exports_select_what_the_listing_selects(db):
    client = seed()
    params = {"min_amount": 1_000_000, "currency": "GBP"}
    listed = client.get("/awards", params={**params, "limit": 200}).json()["items"]
    assert listed
    as_json = client.get("/awards/export", params={**params, "format": "json"})
    assert as_json.status_code == 200 and as_json.headers["content-type"].startswith("application/json")
    assert [r["id"] for r in as_json.json()] == [a["id"] for a in listed]
    assert all(r["sources"] and r["amount"] >= 1_000_000 for r in as_json.json())
    rows = list(csv.DictReader(io.StringIO(client.get("/awards/export", params={**params, "format": "csv"}).text)))
    assert [int(r["id"]) for r in rows] == [a["id"] for a in listed]
    assert all(r["source_urls"].startswith("http://corpus.test/") for r in rows)


def test_360giving_exports_validate_and_use_the_standard_titles(db):
    client = seed()
    package = client.get("/awards/export", params={"format": "360giving-json"}).json()
    assert package["grants"] and not list(validator().iter_errors(package))
    flat = client.get("/awards/export", params={"format": "360giving-csv"})
    rows = list(csv.DictReader(io.StringIO(flat.text)))
    assert {"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
            "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
            "Grant Programme:Title", "Beneficiary Location:Name"} <= set(rows[0])
    assert [r["Identifier"] for r in rows] == [g["id"] for g in package["grants"]]
    assert 'filename="fundwatch-awards.360giving.csv"' in flat.headers["content-disposition"]
    short = client.get("/awards/export", params={"format": "360giving"})     # the command line's name
    assert short.status_code == 200 and short.json() == package
    assert 'filename="fundwatch-awards.360giving.json"' in short.headers["content-disposition"]


def test_atom_feed_of_new_awards_follows_the_filters(db):
    import feedparser

    client = seed()
    resp = client.get("/awards/feed.atom", params={"min_amount": 2_000_000, "limit": 5})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(resp.content)
    assert not feed.bozo and feed.feed.title == "fundwatch: new awards"
    newest = client.get("/awards", params={"min_amount": 2_000_000, "limit": 200}).json()["items"][::-1][:5]
    assert [e.id for e in feed.entries] == [f"tag:fundwatch,2026:award:{a['id']}" for a in newest]
    assert all(a["recipient"] in e.title for a, e in zip(newest, feed.entries))
    assert all(any(link.rel == "via" for link in e.links) for e in feed.entries)   # the pages behind each award


def test_free_text_and_location_filters(db):
    client = seed()
    everything = client.get("/awards", params={"limit": 200}).json()["items"]
    some = everything[0]
    word = some["recipient"].split()[0]
    found = client.get("/awards", params={"q": word, "limit": 200}).json()["items"]
    assert some["id"] in [a["id"] for a in found] and len(found) < len(everything)
    # a word that stands only in a quote behind an award finds it too
    detail = client.get(f"/awards/{some['id']}").json()
    quote_words = [w for w in detail["mentions"][0]["quote"].split() if w.isalpha() and len(w) > 6
                   and w.lower() not in some["recipient"].lower()]
    assert quote_words
    by_quote = client.get("/awards", params={"q": quote_words[0], "limit": 200}).json()["items"]
    assert some["id"] in [a["id"] for a in by_quote]
    assert client.get("/awards", params={"q": "zzzunfindablezzz"}).json()["items"] == []
    placed = [a for a in everything if a["locations"]]
    assert placed
    place = placed[0]["locations"][0]
    hits = client.get("/awards", params={"location": place.lower(), "limit": 200}).json()["items"]
    assert hits and all(any(place.lower() in loc.lower() for loc in a["locations"]) for a in hits)


def test_recipients_and_funders_with_totals(db):
    client = seed()
    awards = client.get("/awards", params={"limit": 200}).json()["items"]
    recipients = client.get("/recipients", params={"limit": 500}).json()["items"]
    assert sum(r["awards"] for r in recipients) == len(awards)
    council = next(r for r in recipients if r["org_id"])
    detail = client.get(f"/recipients/{council['key']}").json()
    mine = [a for a in awards if a["recipient_org_id"] == council["org_id"]]
    assert [a["id"] for a in detail["award_list"]] == [a["id"] for a in mine]
    stated = [a["amount"] for a in mine if a["amount"] is not None and a["currency"] == "GBP"]
    gbp = [t for t in detail["totals"] if t["currency"] == "GBP"]
    assert (gbp[0]["amount"] if gbp else 0) == sum(stated)
    funders = client.get("/funders").json()["items"]
    assert funders and sum(f["awards"] for f in funders) == sum(1 for a in awards if a["funder"])
    assert client.get("/recipients/no-such-recipient").status_code == 404
    top = funders[0]
    detail = client.get(f"/funders/{top['key']}").json()
    assert [a["id"] for a in detail["award_list"]] == [a["id"] for a in awards if a["funder"] == top["key"]]
    assert detail["totals"] == top["totals"]
    assert client.get("/funders/no-such-funder").status_code == 404


def test_organisation_listings_page_by_cursor_in_either_order(db):
    client = seed()
    for path in ("/recipients", "/funders"):
        for sort in ("key", "-awards"):
            whole = client.get(path, params={"sort": sort, "limit": 500}).json()["items"]
            paged, cursor = [], None
            while True:
                page = client.get(path, params={"sort": sort, "limit": 1, **({"cursor": cursor} if cursor else {})})
                assert page.status_code == 200, page.text
                paged += page.json()["items"]
                cursor = page.json()["next_cursor"]
                if cursor is None:
                    break
            assert paged == whole and len({o["key"] for o in paged}) == len(paged) >= 2
            if sort == "-awards":
                assert [o["awards"] for o in whole] == sorted((o["awards"] for o in whole), reverse=True)
    named = client.get("/recipients", params={"name": "council"}).json()["items"]
    assert named and all("council" in (o["name"] + o["key"]).lower() for o in named)
    bad = client.get("/funders", params={"sort": "key", "cursor": "bm9wZQ"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    # a cursor made in one order is a place in the other too (name order reads only its key)
    by_awards = client.get("/funders", params={"sort": "-awards", "limit": 1}).json()
    after = client.get("/funders", params={"sort": "key", "cursor": by_awards["next_cursor"]}).json()["items"]
    assert after and all(o["key"] > by_awards["items"][0]["key"] for o in after)
