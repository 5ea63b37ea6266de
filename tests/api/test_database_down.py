"""With the database out of reach, the API answers 503 problem+json with Retry-After, quickly,
whether a request reads through the listing's pool, a connection of its own, or a session."""
from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from services.api.app import app
from shared import db


@pytest.fixture
def unreachable_database(monkeypatch):
    monkeypatch.setenv("FUNDWATCH_DATABASE_URL", "postgresql://fundwatch@127.0.0.1:1/fundwatch")
    monkeypatch.setenv("FUNDWATCH_API_READ_WAIT_SECONDS", "1")
    db.reset()
    yield
    monkeypatch.undo()
    db.reset()


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    assert "127.0.0.1:1" not in response.text     # connection details stay in the log


def test_requests_get_503_while_the_database_is_out_of_reach(unreachable_database):
    started = time.monotonic()
    with TestClient(app) as client:               # the lifespan's pool cannot connect
        assert_unavailable(client.get("/awards"))
        assert_unavailable(client.get("/announcements"))
    assert_unavailable(TestClient(app).get("/awards", params={"sort": "-amount"}))   # no pool: its own connection
    assert time.monotonic() - started < 20


def test_metrics_answer_while_the_database_is_out_of_reach(unreachable_database, redis_client):
    from shared import metrics

    metrics.count("sweep_resends", 3)                    # held in Redis, which is still up
    response = TestClient(app).get("/metrics")
    assert response.status_code == 200, response.text
    lines = response.text.splitlines()
    assert 'fundwatch_dependency_up{dependency="database"} 0.0' in lines
    assert 'fundwatch_dependency_up{dependency="broker"} 1.0' in lines
    assert "fundwatch_sweep_resends_total 3.0" in lines
    assert not any(line.startswith(("fundwatch_documents", "fundwatch_records")) for line in lines)


def test_metrics_say_both_dependencies_are_up_when_they_are(db, redis_client):
    lines = TestClient(app).get("/metrics").text.splitlines()
    assert 'fundwatch_dependency_up{dependency="database"} 1.0' in lines
    assert 'fundwatch_dependency_up{dependency="broker"} 1.0' in lines
    assert any(line.startswith("fundwatch_records{") for line in lines)


def test_an_outage_is_said_once_not_once_per_request(unreachable_database, caplog):
    import logging

    caplog.set_level(logging.INFO)
    with TestClient(app) as client:
        for path in ("/awards", "/awards", "/announcements", "/announcements", "/awards"):
            assert_unavailable(client.get(path))
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("fundwatch")]
    assert not [m for m in ours if m.startswith("database unavailable for")], ours
    assert len([m for m in ours if "database unreachable" in m or "still unreachable" in m]) <= 1, ours
