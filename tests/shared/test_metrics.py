"""Event counters: added to by any process through Redis, read once by the API's /metrics."""
from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from shared import metrics


def _served(name: str) -> dict[str, float]:
    from services.api.app import app

    lines = TestClient(app).get("/metrics").text.splitlines()
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith(name)}


def test_counts_from_two_processes_add_up_on_the_metrics_page(db):
    before = _served("fundwatch_fetch_requests_total").get(
        'fundwatch_fetch_requests_total{outcome="stored",status="200"}', 0)
    metrics.count("fetch_requests", outcome="stored", status="200")
    code = "from shared import metrics; metrics.count('fetch_requests', 2, outcome='stored', status='200')"
    subprocess.run([sys.executable, "-c", code], check=True)
    after = _served("fundwatch_fetch_requests_total")
    assert after['fundwatch_fetch_requests_total{outcome="stored",status="200"}'] == before + 3


def test_every_event_is_served_even_before_it_happens(db):
    served = _served("fundwatch_")
    for event, spec in metrics.EVENTS.items():
        if not spec.labels:
            assert f"fundwatch_{event}_total" in served, event


def test_fractional_amounts_and_wrong_labels():
    metrics.count("fetch_host_wait_seconds", 0.25)
    assert metrics.read()[("fetch_host_wait_seconds", ())] >= 0.25
    with pytest.raises(ValueError, match="takes labels"):
        metrics.count("fetch_requests", outcome="stored")


def test_a_count_with_the_broker_away_is_dropped_not_raised(monkeypatch):
    import redis

    monkeypatch.setattr(metrics, "_client", lambda: redis.Redis(port=1, socket_connect_timeout=0.2))
    metrics.count("sweep_resends")
    with pytest.raises(redis.RedisError):
        metrics.read()
