"""A fetcher's hold on a source ends with the fetcher: renewed while it polls, released when it is
stopped, and freed by the next fetcher on the host when it died."""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text

from services.fetcher import leases
from services.fetcher.service import Fetcher
from shared import runtime, sources
from shared.settings import get_settings
from tests.conftest import ROOT, wait_until
from tests.httpserver import TestServer

PAGE = b"<html><body><article><p>The Wrenfield Trust has awarded \xc2\xa39,000 to Cowslip Meadow Beekeepers.</p>" \
       b"</article></body></html>"


def slow(seconds: float):
    def serve(h) -> None:
        time.sleep(seconds)
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        try:
            h.wfile.write(PAGE)
        except (BrokenPipeError, ConnectionResetError):
            pass
    return serve


def lease_of(db, name: str):
    with db.begin() as conn:
        return conn.execute(text("SELECT lease_owner, lease_until, next_due_at <= now() AS due FROM sources "
                                 "WHERE name = :n"), {"n": name}).one()


def test_leases_of_dead_fetchers_on_this_host_are_released(db):
    host = socket.gethostname()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()                                                    # a process id no longer running
    owners = {"dead": f"{host}:{gone.pid}:1f", "alive": f"{host}:{os.getpid()}:2e", "elsewhere": f"other:{gone.pid}:3d"}
    for name, owner in owners.items():
        sources.upsert(sources.SourceSpec(name=name, kind="page", url=f"http://news.example/{name}"), trusted=True)
        with db.begin() as conn:
            conn.execute(text("UPDATE sources SET lease_owner = :o, lease_until = now() + interval '1 minute' "
                              "WHERE name = :n"), {"o": owner, "n": name})
    assert leases.release_dead(host, runtime.alive) == [owners["dead"]]
    assert lease_of(db, "dead").lease_owner is None
    assert lease_of(db, "alive").lease_owner == owners["alive"]     # still polling
    assert lease_of(db, "elsewhere").lease_owner == owners["elsewhere"]   # not ours to judge


@pytest.mark.slow
def test_a_poll_longer_than_the_lease_keeps_it(db, redis_client):
    settings = get_settings().model_copy(update={"source_lease_seconds": 3, "fetch_host_interval": 0.0})
    with TestServer() as server:
        server.routes["/slow.html"] = slow(6)
        sources.upsert(sources.SourceSpec(name="slow", kind="page", url=server.url("/slow.html")), trusted=True)

        def poll() -> None:
            async def go() -> None:
                fetcher = Fetcher(settings, owner="long-poll")
                try:
                    await fetcher.poll_due()
                finally:
                    await fetcher.aclose()
            asyncio.run(go())

        polling = threading.Thread(target=poll)
        polling.start()
        wait_until(lambda: server.hits.get("/slow.html"), timeout=10, interval=0.05)
        time.sleep(4)                                               # past the lease, had it not been renewed
        assert leases.lease_due("another", 10, 3) == []
        assert lease_of(db, "slow").lease_owner == "long-poll"
        polling.join(30)
    assert lease_of(db, "slow").lease_owner is None and not lease_of(db, "slow").due   # polled, done


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_fetcher_releases_its_sources_at_once(db, redis_client, tmp_path, sig):
    with TestServer() as server:
        server.routes["/slow.html"] = slow(30)
        (tmp_path / "sources.yaml").write_text(f"sources:\n  - name: slow\n    kind: page\n"
                                               f"    url: {server.url('/slow.html')}\n")
        proc = subprocess.Popen([sys.executable, "-m", "services.cli", "fetcher"], cwd=ROOT,
                                env={**os.environ, "FUNDWATCH_SOURCES_FILE": str(tmp_path / "sources.yaml")},
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            wait_until(lambda: server.hits.get("/slow.html"), timeout=60, interval=0.05)   # mid-poll
            assert lease_of(db, "slow").lease_owner is not None
            proc.send_signal(sig)
            out, _ = proc.communicate(timeout=10)                   # promptly, not after the request
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, out
    held = lease_of(db, "slow")
    assert held.lease_owner is None and held.due                     # free, and due: polled at once by the next
    assert "released 1 sources" in out and "Traceback" not in out
