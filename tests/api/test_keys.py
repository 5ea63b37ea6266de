"""API keys: made by `fundwatch apikey create`, stored hashed, scoped, revocable, rate-limited."""
from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from services.api.app import app
from shared.db import session_scope
from shared.models import ApiKey
from shared.settings import get_settings
from tests.conftest import ROOT

SOURCE = {"name": "harbour news", "kind": "feed", "url": "https://news.example.org/feed.xml"}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.cli", "apikey", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def client(db, redis_client):
    return TestClient(app)


def test_created_key_works_is_stored_hashed_and_can_be_revoked(client):
    made = cli("create", "--name", "newsroom importer")
    assert made.returncode == 0 and "shown only now" in made.stderr
    key = made.stdout.strip()
    with session_scope() as s:
        stored = s.scalar(select(ApiKey))
        assert stored.key_hash != key and key not in (stored.key_hash, stored.prefix) and key.startswith(stored.prefix)
    assert client.post("/sources", json=SOURCE, headers={"X-API-Key": key}).status_code == 201
    assert stored.prefix in cli("list").stdout
    assert cli("revoke", stored.prefix).returncode == 0
    refused = client.post("/sources", json=SOURCE, headers={"X-API-Key": key})
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("application/problem+json")


def test_revoking_with_a_prefix_that_names_no_key_says_so(client):
    key = cli("create", "--name", "night imports").stdout.strip()
    too_long = cli("revoke", key[:11])
    assert too_long.returncode == 1
    assert f"no live key has the prefix '{key[:11]}'" in too_long.stderr and "10 characters" in too_long.stderr
    assert client.post("/sources", json=SOURCE, headers={"X-API-Key": key}).status_code == 201   # still live
    listed = next(line for line in cli("list").stdout.splitlines() if "night imports" in line)
    copied = listed.split()[0]                     # the prefix as `apikey list` prints it, with its '…'
    assert copied.endswith("…")
    done = cli("revoke", copied)
    assert done.returncode == 0 and "1 key(s) revoked" in done.stderr
    again = cli("revoke", copied)
    assert again.returncode == 1 and "no live key" in again.stderr


def test_no_unauthenticated_or_under_scoped_writes(client):
    assert client.post("/sources", json=SOURCE).status_code == 401
    assert client.post("/sources", json=SOURCE, headers={"X-API-Key": "fw_guess"}).status_code == 401
    writer = cli("create", "--name", "writer", "--scope", "write").stdout.strip()
    assert client.post("/sources", json=SOURCE, headers={"X-API-Key": writer}).status_code == 403


def test_each_key_is_rate_limited(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "api_key_requests_per_minute", 3)
    key = cli("create", "--name", "busy").stdout.strip()
    codes = [client.post("/sources", json={**SOURCE, "name": f"s{i}"}, headers={"X-API-Key": key}).status_code
             for i in range(5)]
    assert codes[:3] == [201, 201, 201] and codes[3:] == [429, 429]
    limited = client.post("/sources", json=SOURCE, headers={"X-API-Key": key})
    assert int(limited.headers["retry-after"]) >= 1


def test_oversized_bodies_are_refused(client):
    big = {**SOURCE, "name": "x" * 100_000}
    resp = client.post("/sources", json=big, headers={"X-API-Key": "test-admin-key"})
    assert resp.status_code == 413
