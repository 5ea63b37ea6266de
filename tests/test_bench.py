"""`make bench` runs: each benchmark prints its figures (values are reported, not asserted)."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow   # the benchmarks start servers and a worker: not part of `make test-fast`


EXPECT = {
    "extract": ["bare trafilatura (baseline)", "share of fundwatch time inside trafilatura"],
    "fetch": ["bare aiohttp client (baseline)", "bare httpx client", "x aiohttp"],
    "consolidate": ["consolidation at 200 stored", "cost at 2,000 / cost at 200"],
    "pipeline": ["trafilatura bare_extraction, metadata (baseline)", "per worker CPU second"],
    "api": ["GET /awards p50 / p99", "x constant JSON"],
    "schedule": ["fetcher CPU per 304 poll", "2 fetcher processes on schedule", "lag due -> poll p50 / p99",
                 "x one process"],
    "freshness": ["publication -> at /awards p50 / p99", "publication -> at /changes p50 / p99",
                  "fundwatch_publication_to_record_seconds p50 / p99",
                  "the bench's own at /awards p50 / p99", "4 of 4 pages seen"],
    "api_ingest": ["while a worker records pages", "pages recorded while measured"],
}


def test_every_benchmark_prints_its_figures_one_after_another_in_one_process():
    # all of them in one process, as `make bench` runs them: each starts its own database and
    # servers, and none may reach for the ones before it
    out = subprocess.run([sys.executable, "-m", "bench", *EXPECT, "--seconds", "0.01", "--quick"], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    for name, lines in EXPECT.items():
        for line in lines:
            assert line in out.stdout, f"{name}: {line!r} not printed"


def test_unknown_benchmark_is_a_clear_error():
    out = subprocess.run([sys.executable, "-m", "bench", "nonesuch"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2 and "unknown benchmark nonesuch" in out.stderr
