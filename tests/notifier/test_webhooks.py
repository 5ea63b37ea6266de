"""Webhooks: a local receiver subscribed to award changes gets exactly one signed delivery per new
award, also when it fails the first two times; the delivery log shows the attempts. The notifier
does it in its own process, from its own queue."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time

import pytest
from fastapi.testclient import TestClient

from services.api.app import app
from services.notifier import webhooks
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared import queues
from shared.celery_app import app as celery
from shared.settings import get_settings
from tests.conftest import start_worker, stop_process, wait_until
from tests.httpserver import TestServer

ADMIN = {"X-API-Key": "test-admin-key"}
PAGE = ("<html><body><article><p>The Coastal Communities Endowment has announced three grants.</p><ul>"
        "<li>Harbour Arts - £40,000 to restore the pier pavilion</li>"
        "<li>Quayside Youth Trust - £25,000 for evening clubs</li></ul>"
        "<p>The endowment said more grants would follow in the spring.</p></article></body></html>").encode()


class Receiver:
    """Answers 500 to the first `fail` POSTs, then 200; keeps every request."""

    def __init__(self, fail: int):
        self.fail, self.calls, self.lock = fail, [], threading.Lock()

    def __call__(self, h) -> None:
        body = h.rfile.read(int(h.headers["Content-Length"]))
        with self.lock:
            self.calls.append((h.headers, body))   # case-insensitive, as HTTP headers are
            status = 500 if len(self.calls) <= self.fail else 200
        h.send_response(status)
        h.send_header("Content-Length", "0")
        h.end_headers()


@pytest.fixture
def settings(monkeypatch):
    s = get_settings()
    monkeypatch.setattr(s, "fetch_allowed_networks", ["127.0.0.1/32"])
    monkeypatch.setattr(s, "webhook_retry_seconds", 0.2)
    return s


def test_one_signed_delivery_per_new_award_even_after_failures(db, redis_client, settings):
    client = TestClient(app)
    with TestServer() as server:
        receiver = server.routes["/hook"] = Receiver(fail=2)
        made = client.post("/subscriptions", headers=ADMIN,
                           json={"url": server.url("/hook"), "filter": {"min_amount": 10_000}})
        assert made.status_code == 201
        sub = made.json()
        doc_id = store_page(None, FetchResult(url="http://news.example/coastal", status=200, body=PAGE,
                                              content_type="text/html"), enqueue=False)
        process_document(doc_id)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            webhooks.dispatch(settings)
            log = client.get(f"/subscriptions/{sub['id']}/deliveries", headers=ADMIN).json()
            if log and all(d["status"] == "delivered" for d in log):
                break
            time.sleep(0.1)
    awards = client.get("/awards").json()["items"]
    assert len(awards) == 2
    ok = [json.loads(body) for headers, body in receiver.calls[2:]]
    assert sorted(p["award"]["id"] for p in ok) == sorted(a["id"] for a in awards)   # one each, none twice
    for headers, body in receiver.calls:
        expected = "sha256=" + hmac.new(sub["secret"].encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Fundwatch-Signature"] == expected
    log = client.get(f"/subscriptions/{sub['id']}/deliveries", headers=ADMIN).json()
    assert sorted(d["attempts"] for d in log) == [2, 2]          # both failed once (the two 500s), then landed
    assert all(d["status"] == "delivered" and d["last_status"] == 200 for d in log)
    webhooks.dispatch(settings)                                   # nothing new: nothing sent again
    assert len(receiver.calls) == 4


def test_subscriber_urls_pass_the_ssrf_guard(db, redis_client):
    client = TestClient(app)
    refused = client.post("/subscriptions", headers=ADMIN, json={"url": "http://169.254.169.254/latest/"})
    assert refused.status_code == 422 and "refused" in refused.json()["detail"]
    assert client.post("/subscriptions", json={"url": "https://hooks.example.org/x"}).status_code == 401


def test_a_write_key_sees_only_its_own_subscriptions(db, redis_client):
    import subprocess
    import sys

    from tests.conftest import ROOT

    def key(name: str) -> dict[str, str]:
        out = subprocess.run([sys.executable, "-m", "services.cli", "apikey", "create", "--name", name, "--scope",
                              "write"], cwd=ROOT, capture_output=True, text=True, timeout=60)
        return {"X-API-Key": out.stdout.strip()}

    client = TestClient(app)
    mine, theirs = key("mine"), key("theirs")
    sub = client.post("/subscriptions", headers=mine, json={"url": "https://hooks.example.org/a"}).json()
    assert client.get(f"/subscriptions/{sub['id']}/deliveries", headers=mine).status_code == 200
    assert client.get(f"/subscriptions/{sub['id']}/deliveries", headers=theirs).status_code == 404
    assert client.get(f"/subscriptions/{sub['id']}", headers=ADMIN).status_code == 200


@pytest.mark.slow
def test_the_notifier_process_delivers_from_its_own_queue(db, redis_client, settings):
    client = TestClient(app)
    notifier = start_worker(command="notifier", env={"FUNDWATCH_FETCH_ALLOWED_NETWORKS": '["127.0.0.1/32"]',
                                                     "FUNDWATCH_WEBHOOK_RETRY_SECONDS": "0.2"})
    try:
        with TestServer() as server:
            receiver = server.routes["/hook"] = Receiver(fail=0)
            sub = client.post("/subscriptions", headers=ADMIN, json={"url": server.url("/hook")}).json()
            doc_id = store_page(None, FetchResult(url="http://news.example/coastal", status=200, body=PAGE,
                                                  content_type="text/html"), enqueue=False)
            process_document(doc_id)

            def delivered() -> bool:
                # what the scheduler sends every few seconds: the round, by task name, to the notify queue
                celery.send_task(queues.DELIVER_WEBHOOKS, queue=queues.NOTIFY)
                log = client.get(f"/subscriptions/{sub['id']}/deliveries", headers=ADMIN).json()
                return len(log) == 2 and all(d["status"] == "delivered" for d in log)

            wait_until(delivered, timeout=60, interval=0.5)
    finally:
        stop_process(notifier)
    assert len(receiver.calls) == 2
    for headers, body in receiver.calls:
        assert headers["X-Fundwatch-Signature"] == webhooks.sign(sub["secret"], body)


def test_a_subscription_takes_every_award_filter(db, redis_client, settings):
    client = TestClient(app)
    with TestServer() as server:
        receiver = server.routes["/hook"] = Receiver(fail=0)
        made = client.post("/subscriptions", headers=ADMIN, json={"url": server.url("/hook"), "filter": {
            "date_from": "2030-01-01", "min_confidence": 0.5}})
        assert made.status_code == 201, made.text
        assert made.json()["filter"] == {"date_from": "2030-01-01", "min_confidence": 0.5}
        bad = client.post("/subscriptions", headers=ADMIN, json={"url": server.url("/hook"),
                                                                "filter": {"date_to": "not a date"}})
        assert bad.status_code == 422
        doc_id = store_page(None, FetchResult(url="http://news.example/coastal", status=200, body=PAGE,
                                              content_type="text/html"), enqueue=False)
        process_document(doc_id)
        assert client.get("/awards").json()["items"]                  # awards changed ...
        webhooks.dispatch(settings)
    assert receiver.calls == []                                       # ... but none awarded from 2030 on
