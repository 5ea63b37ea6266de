"""The `fundwatch` command as a user runs it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, ROOT


def fundwatch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.skipif(not (CORPUS / "seeds").exists(), reason="corpus not beside the checkout")
def test_extract_jsonl_feeds_the_scorer(tmp_path):
    seeds = sorted(str(p) for p in (CORPUS / "seeds").glob("*.txt"))
    out = fundwatch("extract", *seeds, "--jsonl")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["document"] for d in lines] == seeds
    for d in lines:
        for a in d["awards"]:
            assert {"recipient", "amount", "currency", "funder", "programme", "project", "partners", "locations",
                    "quote", "start", "end"} <= set(a)
    pred = tmp_path / "out.jsonl"
    pred.write_text(out.stdout)
    score = subprocess.run([sys.executable, str(CORPUS / "score.py"), "extract", str(CORPUS / "seeds" / "gold.json"),
                            str(pred)], capture_output=True, text=True)
    assert score.returncode == 0 and "recipient_f1=" in score.stdout


def test_extract_reports_unreadable_files(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    out = fundwatch("extract", str(empty), str(tmp_path / "missing.html"), "--jsonl")
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert results[0]["error"] == "empty document"
    assert results[1]["error"].startswith("cannot read file")
    assert out.returncode == 1


PAGE = ("<html><body><article><h1>Coastal grants announced</h1><p>The Coastal Communities Endowment has "
        "announced two grants.</p><ul><li>Harbour Arts - £40,000 to restore the pier pavilion</li>"
        "<li>Quayside Youth Trust - £25,000 for evening clubs</li></ul></article></body></html>").encode()


def test_export_prints_records_with_sources(db):
    from services.extractor.pipeline import process_document
    from services.fetcher.http import FetchResult
    from services.fetcher.store import store_page

    url = "http://news.example/coastal-grants"
    doc_id = store_page(None, FetchResult(url=url, status=200, body=PAGE, content_type="text/html"), enqueue=False)
    process_document(doc_id)
    out = fundwatch("export", "--format", "json")
    assert out.returncode == 0, out.stderr
    records = {r["recipient"]: r for r in json.loads(out.stdout)}
    assert {name: r["amount"] for name, r in records.items()} == {"Harbour Arts": 40000, "Quayside Youth Trust": 25000}
    for r in records.values():
        assert [(s["url"], s["document_id"]) for s in r["sources"]] == [(url, doc_id)]
        assert r["recipient"] in r["sources"][0]["quote"]
        assert [e["value"] for e in r["amount_timeline"]] == [r["amount"]]
    giving = fundwatch("export", "--format", "360giving")
    assert giving.returncode == 0, giving.stderr
    grants = json.loads(giving.stdout)["grants"]
    assert sorted(g["amountAwarded"] for g in grants) == [25000, 40000]
    rows = fundwatch("export", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("id,recipient,") and len(rows) == 3   # the same stream as GET /awards/export
