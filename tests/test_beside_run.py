"""The README's commands beside a running `fundwatch run`: a real run (its own embedded PostgreSQL and
Redis, API, worker, beat and fetcher) in a fresh directory, and each command run there as a user
types it, with no server address set."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from shared.embedded import free_port
from tests.conftest import stop_process, wait_until
from tests.httpserver import Reply, TestServer

pytestmark = pytest.mark.slow

PAGE = ("<html><body><article><h1>Meadow Fund names its first grants</h1><p>"
        + "The Meadow Fund has awarded £48,000 to Orchard Lane Allotment Society to build a community "
          "greenhouse. " * 3 + "</p></article></body></html>").encode()


def _env(**extra: str) -> dict[str, str]:
    """The environment of a new user's shell: no fundwatch setting at all, so no server address."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FUNDWATCH_")}
    return {**env, "FUNDWATCH_FETCH_HOST_INTERVAL": "0", **extra}


def fundwatch(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.cli", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=120)


class Run:
    """`fundwatch run` in its own directory, its output kept in a log."""

    def __init__(self, cwd: Path, *args: str, **env: str):
        self.cwd, self.log = cwd, cwd / "run.log"
        self.api_port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "run", *args], cwd=cwd, stdout=open(self.log, "w"),
            stderr=subprocess.STDOUT, start_new_session=True,
            env=_env(FUNDWATCH_API_PORT=str(self.api_port), FUNDWATCH_FETCHER_TICK_SECONDS="0.5", **env))
        self.api = f"http://127.0.0.1:{self.api_port}"

    def output(self) -> str:
        return self.log.read_text()

    def wait_ready(self, timeout: float = 120) -> None:
        def up() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(f"fundwatch run exited:\n{self.output()[-3000:]}")
            try:
                return httpx.get(self.api + "/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False
        wait_until(up, timeout=timeout, interval=0.5)

    def stop(self) -> int:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)   # what Ctrl-C sends
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                stop_process(self.proc, signal.SIGKILL)
        return self.proc.returncode


@pytest.fixture
def home():
    """A fresh directory to run in, outside pytest's own temporary root: pgserver opens the way to
    its data for the OS user it runs PostgreSQL as, and a pytest starting meanwhile would close it."""
    path = Path(tempfile.mkdtemp(prefix="fundwatch-run-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def site():
    with TestServer() as server:
        server.routes["/grants/meadow.html"] = Reply(PAGE, 200, {"Content-Type": "text/html"})
        yield server


def test_readme_commands_find_the_servers_of_a_running_fundwatch_run(home, site):
    hook = []
    site.routes["/hook"] = lambda h: (hook.append(h.rfile.read(int(h.headers["Content-Length"]))),
                                      h.send_response(200), h.send_header("Content-Length", "0"), h.end_headers())
    (home / "sources.yaml").write_text("sources: []\n")
    run = Run(home, "--no-examples", FUNDWATCH_FETCH_ALLOWED_NETWORKS='["127.0.0.1/32"]')
    try:
        run.wait_ready()
        started = run.output()
        info = json.loads((home / "var" / "run.json").read_text())
        assert f"PostgreSQL at {info['database_url']}" in started    # the addresses, said at start
        assert f"Redis at {info['redis_url']}" in started

        made = fundwatch(home, "apikey", "create", "--name", "hooks", "--scope", "write")
        assert made.returncode == 0, made.stderr
        key = made.stdout.strip()
        sub = httpx.post(run.api + "/subscriptions", headers={"X-API-Key": key},
                         json={"url": site.url("/hook")})
        assert sub.status_code == 201, sub.text      # the key is in the database the API reads

        (home / "sources.yaml").write_text(
            f"sources:\n  - name: meadow\n    kind: page\n    url: {site.url('/grants/meadow.html')}\n")
        loaded = fundwatch(home, "sources")
        assert loaded.returncode == 0 and "1 sources loaded" in loaded.stdout, loaded.stderr
        awards = wait_until(lambda: httpx.get(run.api + "/awards").json()["items"], timeout=90)
        assert awards[0]["recipient"] == "Orchard Lane Allotment Society"

        exported = fundwatch(home, "export", "--format", "json")
        assert exported.returncode == 0, exported.stderr
        assert [a["recipient"] for a in json.loads(exported.stdout)] == ["Orchard Lane Allotment Society"]

        again = fundwatch(home, "reprocess", "--all", "--wait")  # queued on the run's Redis, read by its worker
        assert again.returncode == 0, again.stderr
        assert "reprocessing 1 pages" in again.stdout
        assert httpx.get(run.api + "/awards").json()["items"][0]["id"] == awards[0]["id"]

        extracted = fundwatch(home, "extract", "--jsonl", str(_saved(home)))
        assert json.loads(extracted.stdout)["awards"][0]["amount"] == 48000

        wait_until(lambda: hook, timeout=30)                   # the webhook made with that key delivers
        assert json.loads(hook[0])["award"]["recipient"] == "Orchard Lane Allotment Society"
        run_file = (home / "var" / "run.json").read_text()
    finally:
        assert run.stop() == 0, run.output()[-3000:]
    assert not (home / "var" / "run.json").exists()         # a run that stops takes its file with it

    (home / "var" / "run.json").write_text(run_file)        # as a run killed outright leaves it
    stale = fundwatch(home, "export", "--format", "json")
    assert stale.returncode == 1 and stale.stdout == ""
    assert stale.stderr.strip().count("\n") == 0                # one line, no traceback
    assert "no longer running" in stale.stderr and "FUNDWATCH_DATABASE_URL" in stale.stderr
    (home / "var" / "run.json").unlink()
    none = fundwatch(home, "apikey", "list")
    assert none.returncode == 1 and none.stderr.strip().count("\n") == 0
    assert "fundwatch run" in none.stderr and "FUNDWATCH_DATABASE_URL" in none.stderr


def test_a_second_run_in_the_same_directory_is_refused(home):
    (home / "sources.yaml").write_text("sources: []\n")
    first = Run(home, "--no-examples")
    try:
        first.wait_ready()
        second = subprocess.run([sys.executable, "-m", "services.cli", "run", "--no-examples"], cwd=home,
                                env=_env(FUNDWATCH_API_PORT=str(free_port())), capture_output=True, text=True,
                                timeout=60)
        assert second.returncode == 1
        assert f"already running here (pid {first.proc.pid}" in second.stderr
        assert httpx.get(first.api + "/healthz").status_code == 200   # the first run is untouched
    finally:
        assert first.stop() == 0


def _saved(home: Path) -> Path:
    page = home / "meadow.html"
    page.write_bytes(PAGE)
    return page


def _sample_awards(run: Run) -> list[dict]:
    items = httpx.get(run.api + "/awards", params={"limit": 200}).json()["items"]
    return items if len(items) >= 5 else []


@pytest.mark.parametrize("taken", [False, True], ids=["port-set", "port-taken"])
def test_the_sample_site_works_on_any_port_and_a_taken_one_is_said_in_one_line(home, taken):
    (home / "sources.yaml").write_text("sources: []\n")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        port = holder.getsockname()[1]
        if taken:
            holder.listen()            # someone else's server on the port the setting names
        else:
            holder.close()
        started = time.monotonic()
        run = Run(home, FUNDWATCH_EXAMPLE_SITE_PORT=str(port))
        try:
            run.wait_ready()
            awards = wait_until(lambda: _sample_awards(run), timeout=60 - (time.monotonic() - started))
            source = next(s for s in httpx.get(run.api + "/sources").json() if s["name"] == "sample-site")
            served = urlsplit(source["url"]).port
            assert (served != port) if taken else (served == port)
            feed = httpx.get(source["url"]).text
            assert f"http://127.0.0.1:{served}/" in feed and ":8765" not in feed   # links on the real port
            detail = httpx.get(f"{run.api}/awards/{awards[0]['id']}").json()
            assert all(urlsplit(m["document_url"]).port == served for m in detail["mentions"])
            assert run.proc.poll() is None                          # nothing stopped
        finally:
            assert run.stop() == 0, run.output()[-3000:]
    out = run.output()
    assert "Traceback" not in out
    said = [line for line in out.splitlines() if "FUNDWATCH_EXAMPLE_SITE_PORT" in line]
    if taken:
        assert len(said) == 1 and f"port {port}" in said[0] and f"on port {served}" in said[0]
    else:
        assert said == []


def test_examples_on_a_taken_port_says_so_in_one_line(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        out = fundwatch(tmp_path, "examples", "--port", str(holder.getsockname()[1]))
    assert out.returncode == 1
    assert out.stderr.strip().count("\n") == 0 and "FUNDWATCH_EXAMPLE_SITE_PORT" in out.stderr
