"""Each announcement's awards beside the figures its pages state: what they add up to, how many
there are, whether they agree with the stated total and number of projects, and a flag when the
listed awards come to more than the stated total; in the API and in the award exports."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from services.api.app import app
from services.api.export import Format, stream
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.announcements import Figures, tolerance
from shared.filters import AwardFilters

AWARDS = ("<p>Upland Paths Group has been awarded £30,000 to repair the old drovers' road across the moor.</p>"
          "<p>Fellside Scouts has been awarded £35,000 to build a bunkhouse for visiting groups.</p>")


def announcing(total: str | None) -> bytes:
    opening = (f"<p>The Moorland Access Trust has announced {total} for two projects in the hills.</p>" if total
               else "<p>The Moorland Access Trust has announced new grants for the hills.</p>")
    return (f"<html><head><title>Moorland grants</title></head><body><article>{opening}{AWARDS}</article>"
            "</body></html>").encode()


def ingest(url: str, body: bytes) -> None:
    doc_id = store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"))
    assert doc_id is not None and process_document(doc_id).status == "extracted"


def figures_shown(total: str | None) -> tuple[dict, dict, dict, dict]:
    """The announcement as the list, the detail, the JSON export and the CSV export show it."""
    ingest("http://moor.example/grants", announcing(total))
    with TestClient(app) as client:
        [listed] = client.get("/announcements").json()["items"]
        detail = client.get(f"/announcements/{listed['id']}").json()
    exported = json.loads("".join(stream(Format.json, AwardFilters())))
    rows = list(csv.DictReader(io.StringIO("".join(stream(Format.csv, AwardFilters())))))
    assert len(exported) == len(rows) == 2
    assert exported[0]["announcement"] == exported[1]["announcement"]
    return listed, detail, exported[0]["announcement"], rows[0]


@pytest.mark.parametrize("total,agree,exceeds", [("£65,000", True, False), ("£50,000", False, True),
                                                 ("£80,000", False, False), (None, None, False)])
def test_an_announcement_shows_its_awards_beside_its_stated_figures(db, total, agree, exceeds):
    listed, detail, exported, row = figures_shown(total)
    stated = int(total.strip("£").replace(",", "")) if total else None
    for shown in (listed, detail, exported):
        assert shown["awards_total"] == 65000 and shown["awards_count"] == 2
        assert shown["total_amount"] == stated and shown["projects"] == (2 if total else None)
        assert shown["totals_agree"] is agree and shown["exceeds_total"] is exceeds
    assert listed["award_count"] == 2
    assert (row["announcement_awards_total"], row["announcement_awards_count"]) == ("65000", "2")
    assert row["announcement_total_amount"] == (str(stated) if total else "")
    assert (row["announcement_totals_agree"], row["announcement_exceeds_total"]) == (str(agree) if total else "",
                                                                                       str(exceeds))


def test_a_rounded_total_agrees_within_its_rounding_and_no_more_than_one_percent():
    from decimal import Decimal as D
    assert tolerance(D("3000000")) == D(30000) and tolerance(D("4500000")) == D(45000)
    assert tolerance(D("4512300.00")) == D(50) and tolerance(D(0)) == 0
    assert Figures(D("3000000"), 6, D("3025000"), 6).totals_agree
    assert not Figures(D("3000000"), 6, D("3040000"), 6).totals_agree
    assert Figures(D("3000000"), 6, D("3040000"), 6).exceeds_total
    assert Figures(D("3000000"), None, D("2975000"), 4).totals_agree              # no count stated
    assert not Figures(None, 6, D("2975000"), 5).totals_agree                     # the count disagrees
    assert not Figures(D("3000000"), None, None, 3).totals_agree                  # no award states an amount
    assert Figures(None, None, D("1"), 1).totals_agree is None
