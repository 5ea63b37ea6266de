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


def test_every_option_of_every_command_has_help():
    import argparse

    from services.cli import parser

    def undocumented(p: argparse.ArgumentParser, path: str) -> list[str]:
        out = []
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    out += undocumented(sub, f"{path} {name}")
            elif not action.help:
                out.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
        return out
    assert undocumented(parser(), "fundwatch") == []
    shown = fundwatch("api", "--help").stdout
    assert all(f"--{o} " in shown and shown.split(f"--{o} ", 1)[1].split("\n", 1)[0].strip()
               for o in ("host", "port", "workers"))


@pytest.mark.slow
@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_idle_webhook_rounds_are_logged_at_debug(db, redis_client, tmp_path, level):
    import os
    import time

    from tests.conftest import stop_process, wait_until

    env = {**os.environ, "FUNDWATCH_LOG_LEVEL": level, "FUNDWATCH_DATA_DIR": str(tmp_path),
           "FUNDWATCH_WEBHOOK_INTERVAL_SECONDS": "1"}
    logs = {name: tmp_path / f"{name}.log" for name in ("beat", "worker")}
    procs = [subprocess.Popen([sys.executable, "-m", "services.cli", name], cwd=ROOT, env=env, stdout=open(log, "w"),
                              stderr=subprocess.STDOUT, start_new_session=True) for name, log in logs.items()]
    try:
        wait_until(lambda: "ready" in logs["worker"].read_text() and "Starting" in logs["beat"].read_text())
        time.sleep(3.5)                     # three webhook rounds (every second here), with nothing to deliver
    finally:
        for p in procs:
            stop_process(p)
    celery_lines = [line for log in logs.values() for line in log.read_text().splitlines()
                    if "fundwatch.deliver_webhooks" in line and " celery." in line]
    if level == "DEBUG":   # the rounds ran (sent, received, succeeded), and said so at DEBUG
        assert len(celery_lines) >= 4 and {line.split()[2] for line in celery_lines} == {"DEBUG"}
    else:
        assert celery_lines == []
    assert "Traceback" not in logs["worker"].read_text() + logs["beat"].read_text()


def test_export_into_a_pipe_closed_early_stops_quietly(db):
    from tests.feeds import read_inline

    page = ROOT / "examples" / "site" / "lifelong-links-five-million.html"
    read_inline(page, "text/html")
    reader = subprocess.Popen([sys.executable, "-m", "services.cli", "export", "--format", "json", "--pretty"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()                      # as `| head` does once it has read enough
    assert reader.wait(60) == 0
    said = reader.stderr.read()
    assert b"Traceback" not in said and b"BrokenPipe" not in said
