"""`fundwatch run` starts every service as a process of its own, the notifier among them."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_fundwatch_run_starts_the_notifier_on_its_own_queue(db, redis_client, tmp_path):
    (tmp_path / "sources.yaml").write_text("sources: []\n")
    env = {**os.environ, "FUNDWATCH_API_PORT": str(free_port()), "FUNDWATCH_SOURCES_FILE": str(tmp_path / "sources.yaml"),
           "FUNDWATCH_DATA_DIR": str(tmp_path / "var"),
           "FUNDWATCH_LOG_LEVEL": "DEBUG"}     # an idle webhook round is logged at DEBUG only
    log = tmp_path / "run.log"
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "run", "--no-examples"], cwd=ROOT, env=env,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        # the scheduler sends a webhook round every 5 s; the notifier process takes it from its queue
        while not any(line.startswith("notifier | ") and "deliver_webhooks" in line and "succeeded" in line
                      for line in log.read_text().splitlines()):
            assert proc.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(30)
    lines = log.read_text().splitlines()
    notifier = [line for line in lines if line.startswith("notifier | ")]
    worker = [line for line in lines if line.startswith("  worker | ")]
    assert any("ready" in line for line in notifier)
    assert any("deliver_webhooks" in line and "succeeded" in line for line in notifier)
    assert not any("deliver_webhooks" in line for line in worker)    # the extraction workers do not take it
    assert any(". fundwatch.extract_documents" in line for line in worker)
    assert not any(". fundwatch.extract_documents" in line for line in notifier)
