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
