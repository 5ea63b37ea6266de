"""The API's request latency histogram on /metrics: by route template and status, and one figure
across the processes of `fundwatch api --workers 2`."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from shared.settings import get_settings
from tests.apiserver import api_process


def request_counts(text: str) -> dict[tuple[str, str, str], float]:
    """fundwatch_api_request_seconds_count by (route, method, status)."""
    out = {}
    for labels, value in re.findall(r'^fundwatch_api_request_seconds_count\{(.*)\} (\S+)$', text, re.M):
        got = dict(re.findall(r'(\w+)="([^"]*)"', labels))
        out[(got["route"], got["method"], got["status"])] = float(value)
    return out


def test_requests_are_timed_by_route_template_and_status(db):
    from services.api.app import app

    client = TestClient(app)
    before = request_counts(client.get("/metrics").text)
    for award_id in (91001, 91002, 91003):
        assert client.get(f"/awards/{award_id}").status_code == 404
    assert client.get("/no/such/path").status_code == 404
    text = client.get("/metrics").text
    assert "# TYPE fundwatch_api_request_seconds histogram" in text
    after = request_counts(text)
    key = ("/awards/{award_id}", "GET", "404")
    assert after[key] - before.get(key, 0) == 3                      # one series for every id
    assert after[("unmatched", "GET", "404")] - before.get(("unmatched", "GET", "404"), 0) == 1
    assert not any("91001" in route for route, _, _ in after)


@pytest.mark.slow
def test_two_api_processes_count_every_request_once(db, redis_client):
    with api_process(workers=2) as url:
        where = get_settings().data_dir / "prometheus" / f"api-{url.rsplit(':', 1)[1]}"
        sent = 0

        def one(_: int) -> int:
            # a connection of its own each time, so that either process may take it
            return httpx.get(f"{url}/awards/424242", headers={"Connection": "close"}).status_code

        with ThreadPoolExecutor(8) as pool:
            while True:
                assert all(code == 404 for code in pool.map(one, range(40)))
                sent += 40
                answered = {p.name for p in where.glob("histogram_*.db")}
                if len(answered) >= 2 or sent >= 800:
                    break
        assert len(answered) == 2, f"one process took all {sent} requests: {answered}"
        # whichever process answers /metrics, it counts both processes' requests
        for _ in range(6):
            counts = request_counts(httpx.get(f"{url}/metrics", headers={"Connection": "close"}).text)
            assert counts[("/awards/{award_id}", "GET", "404")] == sent
