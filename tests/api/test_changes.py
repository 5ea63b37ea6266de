"""GET /changes: a monitor that resumes from its last cursor sees every change once, in order."""
from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from services.api.app import app
from shared.db import session_scope
from shared.models import Announcement, Award
from tests.conftest import CORPUS
from tests.feeds import read_inline

SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))


def read_all(client: TestClient, after: str | None, limit: int) -> tuple[list[dict], str]:
    items, cursor = [], after
    while True:
        page = client.get("/changes", params={"after": cursor, "limit": limit} if cursor else {"limit": limit}).json()
        items += page["items"]
        if page["next_cursor"] == cursor or not page["items"]:
            return items, page["next_cursor"]
        cursor = page["next_cursor"]


def test_a_monitor_resuming_from_its_cursor_sees_every_change_once(db):
    client = TestClient(app)
    read_inline(SEEDS[0])
    first, cursor = read_all(client, None, limit=5)
    assert first and {c["action"] for c in first} >= {"created"}
    assert read_all(client, cursor, limit=5)[0] == []            # nothing new: the same cursor comes back
    for path in SEEDS[1:]:
        read_inline(path)
    rest, _ = read_all(client, cursor, limit=3)
    everything, _ = read_all(client, None, limit=1000)
    assert first + rest == everything                             # paged and resumed = read at once
    assert len({c["cursor"] for c in everything}) == len(everything)
    with session_scope() as s:
        awards = set(s.scalars(select(Award.id)))
        announcements = set(s.scalars(select(Announcement.id)))
    alive = {}
    for c in everything:                                          # replaying the feed gives today's records
        alive[(c["kind"], c["id"])] = c["action"] != "deleted"
    assert {i for (k, i), a in alive.items() if k == "award" and a} == awards
    assert {i for (k, i), a in alive.items() if k == "announcement" and a} == announcements
    assert all(c["href"] == f"/{c['kind']}s/{c['id']}" for c in everything if c["action"] != "deleted")


def test_kind_filter_and_bad_cursor(db):
    client = TestClient(app)
    read_inline(SEEDS[0])
    awards = client.get("/changes", params={"kind": "award"}).json()["items"]
    assert awards and all(c["kind"] == "award" for c in awards)
    bad = client.get("/changes", params={"after": "not-a-cursor"})   # not the pattern the schema gives
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    # any cursor of that pattern is a place in the feed: past the last change there is nothing yet
    assert client.get("/changes", params={"after": "9" * 19}).json()["items"] == []
