"""The status page in headless Chromium: it renders its sections with live data from the API."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import CORPUS, ROOT
from tests.feeds import read_inline

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def api(db, redis_client):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "services.api.app:app", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=os.environ.copy())
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "the API did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it where it can)")
def test_status_page_renders_live_data_in_headless_chromium(api, db, tmp_path):
    from shared import sources
    from shared.db import session_scope
    from shared.models import Award

    sources.upsert(sources.SourceSpec(name="harbour-news", kind="feed", url="http://127.0.0.1:9/feed.xml"),
                   trusted=True)
    for path in sorted((CORPUS / "seeds").glob("*.txt"))[:2]:
        read_inline(path)
    with session_scope() as s:
        newest = s.query(Award).order_by(Award.id.desc()).first().recipient
    out = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          f"--user-data-dir={tmp_path}", "--virtual-time-budget=8000", "--dump-dom", f"{api}/status"],
                         capture_output=True, text=True, timeout=120)
    dom = out.stdout
    assert "<h2>Pipeline, last 60 minutes</h2>" in dom and "<h2>Sources</h2>" in dom and "<h2>Latest awards</h2>" in dom
    assert "harbour-news" in dom                        # the source table was filled from the API
    assert newest in dom                                 # the latest award is listed
    assert 'class="figure"' in dom and "awards created" in dom
    assert '<p id="error" class="failing" hidden=""></p>' in dom   # no error shown
