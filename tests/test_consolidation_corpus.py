"""The corpus through the whole pipeline (local HTTP server -> fetcher -> Celery worker ->
PostgreSQL -> `fundwatch export --format json`), scored by ../shared/corpus/score.py consolidate.
Run `make eval-consolidate` to see the figures."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from sqlalchemy import text

from services.api.export import export_awards
from shared.db import session_scope
from shared.models import Announcement
from tests.conftest import CORPUS, ROOT, wait_until
from tests.feeds import poll_once, serve_corpus
from tests.httpserver import TestServer

pytestmark = pytest.mark.slow

SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))
DEV = sorted((CORPUS / "dev").glob("*.html"))


def ingest(db, sets: dict[str, tuple[list, str]]) -> None:
    """Serve each set as a feed on 127.0.0.1, poll it with the fetcher, wait for the workers."""
    from shared import sources

    with TestServer() as server:
        for name, (files, ctype) in sets.items():
            serve_corpus(server, files, ctype, prefix=f"/{name}")
            sources.upsert(sources.SourceSpec(name=name, kind="feed", url=server.url(f"/{name}/feed.xml"),
                                              interval_seconds=3600), trusted=True)

        assert poll_once() == len(sets)

        def settled() -> bool:
            with db.connect() as conn:
                return conn.execute(text("SELECT count(*) FROM documents WHERE status = 'pending'")).scalar_one() == 0
        wait_until(settled, timeout=120)


def score(gold: str, tmp_path) -> dict[str, float]:
    out = tmp_path / "export.json"
    out.write_text(json.dumps(export_awards()))
    run = subprocess.run([sys.executable, str(CORPUS / "score.py"), "consolidate", gold, str(out), "-v"],
                         capture_output=True, text=True, cwd=ROOT)
    print(run.stdout)
    line = run.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


def test_seed_pages_give_one_record_per_award(db, worker, tmp_path):
    ingest(db, {"seeds": (SEEDS, "text/plain; charset=utf-8")})
    figures = score(str(CORPUS / "seeds" / "gold.json"), tmp_path)
    assert (figures["exact"], figures["split"], figures["merged"], figures["spurious"]) == (21, 0, 0, 0)
    assert figures["amount_ok"] == 21 and figures["provenance_ok"] == 21
    with session_scope() as s:
        assert s.query(Announcement).count() == 3


def test_seed_and_dev_pages_consolidate(db, worker, tmp_path):
    ingest(db, {"seeds": (SEEDS, "text/plain; charset=utf-8"), "dev": (DEV, "text/html; charset=utf-8")})
    figures = score(f"{CORPUS / 'seeds' / 'gold.json'},{CORPUS / 'dev'}", tmp_path)
    assert figures["consolidation_score"] >= 0.90
    # the correction page: its exact figure is chosen, and the rounded figure it corrects is the
    # earlier entry of the award's amount history, whichever page the workers read first
    corrected = [a for a in export_awards() if any(e["correction"] and e["chosen"] for e in a["amount_timeline"])]
    assert corrected
    for award in corrected:
        timeline = award["amount_timeline"]
        assert timeline[-1]["chosen"] and timeline[-1]["value"] == award["amount"]
        assert any(e["value"] != award["amount"] and e["stated_on"] < timeline[-1]["stated_on"] for e in timeline)


# measured 0.88 (dev2) and 0.88 (dev3) when these bounds were set (dev3's pages restate awards
# under other names, an acronym or a shorter form, and some years later)
@pytest.mark.parametrize("name,least", [("dev2", 0.85), ("dev3", 0.85)])
def test_unseen_writers_pages_consolidate(db, worker, tmp_path, name, least):
    pages = sorted((CORPUS / name).glob("*.html"))
    if not pages:
        pytest.skip(f"no {name} set beside the checkout")
    ingest(db, {name: (pages, "text/html; charset=utf-8")})
    figures = score(str(CORPUS / name), tmp_path)
    assert figures["merged"] == 0
    assert figures["consolidation_score"] >= least
