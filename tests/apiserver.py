"""A real API process (or several, behind one port) on 127.0.0.1 for tests that need HTTP from
outside the test process: a browser, schemathesis's command line, two uvicorn workers."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def api_process(workers: int = 1, env: dict[str, str] | None = None, log: Path | None = None) -> Iterator[str]:
    """`fundwatch api` on a free port (its own entry point, as an operator starts it); yields its
    base URL once it answers, and stops it (all its processes) afterwards."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "api", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None, f"the API exited ({proc.returncode})"
                assert time.monotonic() < deadline, "the API did not start within 60 s"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        try:
            os.killpg(proc.pid, 15)
            proc.wait(15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        if log:
            out.close()
