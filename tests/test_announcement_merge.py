"""Two announcements found to be one: a later page names awards of both, so they merge, and a
recipient each of them had becomes one award with both its mentions and its history."""
from __future__ import annotations

from sqlalchemy import func, select

from services.api.export import export_awards
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Announcement, AwardHistory, Change, Mention

FUNDER = "<p>The Coastal Communities Endowment has announced a new round of grants for the east coast.</p>"


def page(*awards: tuple[str, str]) -> bytes:
    body = "".join(f"<p>{name} has been awarded {amount} to run projects for young people in the town, "
                   f"working with schools and local clubs over the next two years.</p>" for name, amount in awards)
    return (f"<html><head><title>East coast grants</title></head><body><article>{FUNDER}{body}</article>"
            "</body></html>").encode()


def ingest(url: str, body: bytes) -> None:
    doc_id = store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"))
    assert doc_id is not None
    assert process_document(doc_id).status == "extracted"


def announcements() -> int:
    with session_scope() as s:
        return s.scalar(select(func.count()).select_from(Announcement))


def test_a_page_linking_two_announcements_merges_them(db):
    ingest("http://a.example/grants", page(("Harbour Arts", "£400,000"), ("Riverside Trust", "£90,000")))
    # no recipient in common with an agreeing amount: another announcement
    ingest("http://b.example/grants", page(("Northgate Youth Trust", "£350,000"), ("Riverside Trust", "£50,000")))
    assert announcements() == 2
    with session_scope() as s:
        second = max(s.scalars(select(Announcement.id)))
        riverside_b = s.scalars(select(Mention.award_id).where(Mention.recipient_key.like("riverside%"))
                                .order_by(Mention.id)).all()[-1]
        s.add(AwardHistory(award_id=riverside_b, field="amount", old_value=None, new_value=50000, reason="test"))
    ingest("http://c.example/grants", page(("Harbour Arts", "£400,000"), ("Northgate Youth Trust", "£350,000")))

    assert announcements() == 1
    awards = {a["recipient"]: a for a in export_awards()}
    assert sorted(awards) == ["Harbour Arts", "Northgate Youth Trust", "Riverside Trust"]
    assert len({a["announcement_id"] for a in awards.values()}) == 1
    assert {s["url"] for s in awards["Riverside Trust"]["sources"]} == {"http://a.example/grants",
                                                                        "http://b.example/grants"}
    assert sorted(e["value"] for e in awards["Riverside Trust"]["amount_timeline"]) == [50000, 90000]
    assert len(awards["Harbour Arts"]["sources"]) == len(awards["Northgate Youth Trust"]["sources"]) == 2
    with session_scope() as s:
        kept = s.scalar(select(AwardHistory.award_id).where(AwardHistory.reason == "test"))
        deleted = s.execute(select(Change.kind, Change.entity_id).where(Change.action == "deleted")).all()
    riverside = awards["Riverside Trust"]["id"]
    assert kept == riverside != riverside_b                       # the merged award's history followed it
    assert ("award", riverside_b) in deleted and ("announcement", second) in deleted
