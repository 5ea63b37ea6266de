"""`fundwatch run` starts every service as a process of its own, the notifier among them, and starts
again one that dies."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import ROOT, wait_until

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _child(run_pid: int, command: str) -> int:
    """The process id of `fundwatch <command>` among the children of `fundwatch run`."""
    for task in os.listdir(f"/proc/{run_pid}/task"):
        for pid in open(f"/proc/{run_pid}/task/{task}/children").read().split():
            try:
                args = open(f"/proc/{pid}/cmdline").read().split("\0")
            except FileNotFoundError:
                continue
            if "services.cli" in args and command in args:
                return int(pid)
    raise AssertionError(f"no {command} under fundwatch run")


def test_fundwatch_run_starts_the_notifier_on_its_own_queue_and_restarts_a_child_that_dies(db, redis_client,
                                                                                          tmp_path):
    (tmp_path / "sources.yaml").write_text("sources: []\n")
    port = free_port()
    env = {**os.environ, "FUNDWATCH_API_PORT": str(port), "FUNDWATCH_SOURCES_FILE": str(tmp_path / "sources.yaml"),
           "FUNDWATCH_DATA_DIR": str(tmp_path / "var"),
           "FUNDWATCH_LOG_LEVEL": "DEBUG"}     # an idle webhook round is logged at DEBUG only
    log = tmp_path / "run.log"
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "run", "--no-examples"], cwd=ROOT, env=env,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)

    def api_up() -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def restarts() -> list[str]:
        return [line for line in log.read_text().splitlines() if "api exited with code -9" in line]

    try:
        deadline = time.monotonic() + 90
        # the scheduler sends a webhook round every 5 s; the notifier process takes it from its queue
        while not any(line.startswith("notifier | ") and "deliver_webhooks" in line and "succeeded" in line
                      for line in log.read_text().splitlines()):
            assert proc.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        wait_until(api_up, timeout=60, interval=0.5)
        for n in (1, 2):                      # a child killed: started again, and serving
            os.kill(_child(proc.pid, "api"), signal.SIGKILL)
            wait_until(lambda: len(restarts()) == n, timeout=10)
            wait_until(api_up, timeout=60, interval=0.2)
        assert proc.poll() is None, log.read_text()[-3000:]        # the rest went on
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        stopping = time.monotonic()
        proc.wait(30)
    assert proc.returncode == 0 and time.monotonic() - stopping < 20   # Ctrl-C still stops everything
    lines = log.read_text().splitlines()
    assert not any("did not stop in time" in line for line in lines)
    first, second = restarts()                                        # one line per restart
    assert "restarting it in 1 s (restart 1)" in first
    assert "restarting it in 2 s (restart 2)" in second               # dying again soon: a longer wait
    notifier = [line for line in lines if line.startswith("notifier | ")]
    worker = [line for line in lines if line.startswith("  worker | ")]
    assert any("ready" in line for line in notifier)
    assert any("deliver_webhooks" in line and "succeeded" in line for line in notifier)
    assert not any("deliver_webhooks" in line for line in worker)    # the extraction workers do not take it
    assert any(". fundwatch.extract_documents" in line for line in worker)
    assert not any(". fundwatch.extract_documents" in line for line in notifier)
