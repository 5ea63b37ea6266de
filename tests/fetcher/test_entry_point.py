"""The fetcher process loads nothing of the extractor: it hands pages on by task name."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, queued_batches
from tests.httpserver import Reply, TestServer

# In a fresh interpreter: `fundwatch fetcher` (the real entry point) in a thread; once it has stored
# a page and sent it to the extraction queue, print the modules the process has loaded.
DRIVER = """
import json, sys, threading, time
import redis
from services.cli import main
from shared import queues
from shared.settings import get_settings

threading.Thread(target=main, args=(["fetcher"],), daemon=True).start()
broker = redis.Redis.from_url(get_settings().redis_url)
deadline = time.monotonic() + 60
while not broker.llen(queues.EXTRACT) and time.monotonic() < deadline:
    time.sleep(0.1)
print(json.dumps({"sent": broker.llen(queues.EXTRACT), "modules": sorted(sys.modules)}))
sys.stdout.flush()
"""


def test_the_fetcher_process_loads_no_extractor_module(db, redis_client, tmp_path):
    page = b"<html><body><article><p>A page for the fetcher to store and hand on.</p></article></body></html>"
    with TestServer() as server:
        server.routes["/news/1"] = Reply(page)
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: local\n    kind: page\n    url: {server.url('/news/1')}\n")
        env = {**os.environ, "FUNDWATCH_SOURCES_FILE": str(sources), "FUNDWATCH_FETCHER_TICK_SECONDS": "0.2"}
        out = subprocess.run([sys.executable, "-c", DRIVER], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["sent"] == 1, out.stderr[-3000:]               # the page was stored and handed on
    assert len(queued_batches(redis_client)[0]) == 1
    modules = set(report["modules"])
    assert "services.fetcher.service" in modules and "celery" in modules   # the fetcher ran and sent
    assert not {m for m in modules if m == "trafilatura" or m.startswith("trafilatura.")}
    assert not {m for m in modules if m.startswith("services.extractor") or m.startswith("services.api")
                or m.startswith("services.notifier")}
