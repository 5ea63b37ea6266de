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


def test_export_prints_records_with_sources(db):
    out = fundwatch("export", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
