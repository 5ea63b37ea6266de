"""Schemathesis against the running API, as an outsider would run it: every check
(`--checks all`) and every phase, the stateful one (chains of requests following the schema's
links) included, bounded in examples and time. The records are the seed pages', so lookups find
real data."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.apiserver import api_process
from tests.conftest import CORPUS, empty_database
from tests.feeds import read_inline

pytestmark = pytest.mark.slow
SCHEMATHESIS = shutil.which("schemathesis", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    empty_database()
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        read_inline(path)
    # the fuzzer's writes (sources, subscriptions) are many a minute: no rate limit in its way
    with api_process(env={"FUNDWATCH_API_KEY_REQUESTS_PER_MINUTE": "1000000"},
                     log=tmp_path_factory.mktemp("api") / "api.log") as url:
        yield url
    empty_database()


def test_api_passes_every_schemathesis_check_in_every_phase(api, tmp_path):
    out = subprocess.run(
        [SCHEMATHESIS, "run", f"{api}/openapi.json", "--checks", "all",
         "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", "20", "--seed", "16",
         "--generation-database", "none", "--workers", "1", "--request-timeout", "10", "--no-color",
         "--header", "X-API-Key: test-admin-key", "--max-failures", "60"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert out.returncode == 0, out.stdout[-20000:] + out.stderr[-3000:]
