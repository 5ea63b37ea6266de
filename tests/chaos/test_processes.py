"""Faults at the level of processes, against a real `fundwatch run` (its embedded PostgreSQL and Redis,
API, worker, notifier, beat and fetcher) watching a small invented site on 127.0.0.1: Ctrl-C mid-poll
and a restart, the worker's main process killed, Redis killed, PostgreSQL killed. In each, the awards
exported at the end are those of a clean run of the same pages, with no duplicate, and the outage is
said in a line per change of state by each process, not a line per page or per retry."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import wait_until
from tests.feeds import rss
from tests.httpserver import TestServer
from tests.test_beside_run import Run, fundwatch

pytestmark = pytest.mark.slow

FUNDERS = ["Larkspur Community Trust", "Quillon Heritage Fund"]
RECIPIENTS = ["Alderbrook Rowing Club", "Fenwick Street Food Pantry", "Marram Dunes Conservation Group",
              "Tolliver Youth Orchestra", "Blackthorn Lane Men's Shed", "Saltmarsh Reading Circle",
              "Harrowgate Bicycle Kitchen", "Pennick Valley Hospice Choir", "Westerly Tide Sea Scouts",
              "Cobble Yard Puppet Theatre", "Ivybridge Canal Volunteers", "Greyfriars Lane Chess Circle"]
PAGES = {f"/news/{i}.html": (
    f"<html><head><title>Grant news {i}</title></head><body><article><h1>{FUNDERS[i % 2]} names a grant</h1>"
    f"<p>The {FUNDERS[i % 2]} has awarded £{(i + 3) * 4_250:,} to {name} to run a year of weekly sessions. "
    f"The {FUNDERS[i % 2]} said the award to {name} was agreed by its trustees this month.</p>"
    f"<p>{name} will report back to the {FUNDERS[i % 2]} next spring.</p></article></body></html>").encode()
    for i, name in enumerate(RECIPIENTS)}
# short intervals, so that each fault is over in seconds: sweeps of pending pages every 2 s (after
# 3 s), a page handed on as soon as it is stored, two page requests at a time
SETTINGS = dict(FUNDWATCH_FETCH_ALLOWED_NETWORKS='["127.0.0.1/32"]', FUNDWATCH_SWEEP_INTERVAL_SECONDS="2",
                FUNDWATCH_SWEEP_GRACE_SECONDS="3", FUNDWATCH_EXTRACT_BATCH_SIZE="1",
                FUNDWATCH_FETCH_PER_HOST_CONCURRENCY="2",
                # the pages a killed worker had claimed come back when their claims end (the task's
                # time limit + 15 s): a short limit keeps the test short
                FUNDWATCH_TASK_TIME_LIMIT="20")


class Site:
    """The invented site: a feed of the first `shown` PAGES, each page answered (unless unchanged)
    after `delay` seconds, with an ETag."""

    def __init__(self, server: TestServer):
        self.server, self.delay, self.shown, self.served = server, 0.0, len(PAGES), Counter()
        self.lock = threading.Lock()
        server.routes["/feed.xml"] = lambda h: self.reply(h, "/feed.xml", self.feed(), "application/rss+xml")
        for path, body in PAGES.items():
            server.routes[path] = lambda h, path=path, body=body: self.reply(h, path, body, "text/html")

    def feed(self) -> bytes:
        return rss([(path, self.server.url(path)) for path in list(PAGES)[:self.shown]])

    def reply(self, h, path: str, body: bytes, ctype: str) -> None:
        with self.lock:
            self.served[path] += 1
        etag = f'"{len(body)}"'
        if h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        time.sleep(self.delay if path != "/feed.xml" else 0)
        try:
            h.send_response(200)
            h.send_header("Content-Type", ctype)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass    # the fetcher gave up the request (it was stopped)

    def pages_served(self) -> int:
        with self.lock:
            return sum(n for path, n in self.served.items() if path in PAGES)


@pytest.fixture
def site():
    with TestServer() as server:
        yield Site(server)


def _home(site: Site) -> Path:
    """A fresh directory for a run (outside pytest's temporary root, as pgserver needs: see
    tests/test_beside_run.py), its sources file naming the site's feed."""
    path = Path(tempfile.mkdtemp(prefix="fundwatch-chaos-"))
    (path / "sources.yaml").write_text(f"sources:\n  - name: grant-news\n    kind: feed\n"
                                       f"    url: {site.server.url('/feed.xml')}\n    interval_seconds: 3600\n")
    return path


@pytest.fixture
def home(site):
    path = _home(site)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def show(home: Path, site: Site, pages: int) -> None:
    """The site lists `pages` pages now, and its feed is due to be polled at once."""
    import psycopg

    site.shown = pages
    url = json.loads((home / "var" / "run.json").read_text())["database_url"].replace("+psycopg", "")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE sources SET next_due_at = now()")


def documents(run: Run) -> dict[str, float]:
    """Stored pages by extraction status, as /metrics serves them."""
    text = httpx.get(run.api + "/metrics", timeout=10).text
    return {m[1]: float(m[2]) for m in re.finditer(r'^fundwatch_documents\{status="(\w+)"\} (\S+)$', text, re.M)}


def settled(run: Run, pages: int = len(PAGES)) -> bool:
    """Every page stored and none waiting to be read."""
    try:
        docs = documents(run)
    except httpx.HTTPError:
        return False
    return sum(docs.values()) == pages and not docs.get("pending")


def exported(home: Path) -> list[dict]:
    out = fundwatch(home, "export", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def awards_of(records: list[dict]) -> list[tuple]:
    """What a run found, without the ids and times that differ between runs: each award's recipient,
    amount and funder, with the pages its mentions come from."""
    found = []
    for r in records:
        urls = sorted(urlsplit(m.get("document_url") or m.get("url") or "").path
                      for m in r.get("mentions", r.get("sources", [])))
        found.append((r["recipient"], r["amount"], r.get("currency"), r.get("funder"), tuple(urls)))
    return sorted(found)


def assert_same_as_clean(home: Path, clean: list[tuple], pages: int = len(PAGES)) -> None:
    """The awards exported are the clean run's (those from the first `pages` pages), each once."""
    shown = set(list(PAGES)[:pages])
    found = awards_of(exported(home))
    assert found == [a for a in clean if set(a[4]) <= shown]
    assert len({a[:4] for a in found}) == len(found)                     # no award twice
    assert all(len(set(a[4])) == len(a[4]) for a in found)              # no mention twice


@pytest.fixture(scope="module")
def clean():
    """The awards of a run with no fault."""
    with TestServer() as server:
        site = Site(server)
        home = _home(site)
        run = Run(home, "--no-examples", **SETTINGS)
        try:
            run.wait_ready()
            wait_until(lambda: settled(run), timeout=90, interval=0.5)
            found = awards_of(exported(home))
        finally:
            run.stop()
            shutil.rmtree(home, ignore_errors=True)
    assert len(found) == len(PAGES), found
    return found


def lines(run: Run, process: str) -> list[str]:
    return [line for line in run.output().splitlines() if line.startswith(f"{process:>8} | ")]


def test_ctrl_c_mid_poll_and_a_restart_resume_polling_at_once(site, home, clean):
    site.delay = 0.4                                   # a poll of the ten pages takes about two seconds
    first = Run(home, "--no-examples", **SETTINGS)
    first.wait_ready()
    wait_until(lambda: site.pages_served() >= 2, timeout=30, interval=0.05)
    assert site.pages_served() < len(PAGES)            # mid-poll
    stopped = time.monotonic()
    assert first.stop() == 0, first.output()[-3000:]   # SIGINT, as Ctrl-C
    assert time.monotonic() - stopped < 20
    assert any("released 1 sources" in line for line in lines(first, "fetcher")), first.output()[-3000:]

    site.delay = 0.0
    before = site.pages_served()
    second = Run(home, "--no-examples", **SETTINGS)
    try:
        wait_until(lambda: any("fetcher" in line and "started;" in line for line in lines(second, "fetcher")),
                   timeout=60, interval=0.1)
        # the source the first run let go is due at once, not when a lease would have run out
        wait_until(lambda: site.pages_served() > before, timeout=10, interval=0.1)
        wait_until(lambda: settled(second), timeout=60, interval=0.5)
        assert_same_as_clean(home, clean)
    finally:
        assert second.stop() == 0, second.output()[-3000:]


def child_pid(run: Run, command: str) -> int:
    """The process id of `fundwatch <command>` among the children `fundwatch run` started."""
    for task in os.listdir(f"/proc/{run.proc.pid}/task"):
        for pid in open(f"/proc/{run.proc.pid}/task/{task}/children").read().split():
            try:
                args = open(f"/proc/{pid}/cmdline").read().split("\0")
            except FileNotFoundError:
                continue
            if args[-3:-1] == ["services.cli", command] or args[-2:-1] == [command] and "services.cli" in args:
                return int(pid)
    raise AssertionError(f"no {command} process under fundwatch run")


def kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


def assert_said_once(run: Run, dependency: str, since: int) -> None:
    """Each process said the outage in a line per change of state (at most one 'unreachable' line a
    minute), with no traceback and no line per retry; and some process did notice it."""
    after = run.output().splitlines()[since:]
    minutes = 1 + int((time.monotonic() - run.started) // 60)
    noticed = 0
    for process in ("api", "worker", "notifier", "beat", "fetcher"):
        mine = [line for line in after if line.startswith(f"{process:>8} | ")]
        down = [line for line in mine if re.search(rf"{dependency} (still )?unreachable", line)]
        assert len(down) <= minutes, (process, down)
        noticed += bool(down)
    assert noticed, "\n".join(after[-60:])
    tracebacks = [i for i, line in enumerate(after) if "Traceback" in line]
    assert not tracebacks, "\n".join(after[max(0, tracebacks[0] - 5):tracebacks[0] + 140])
    noisy = [line for line in after if re.search(r"Connection refused|Error 111|OperationalError|Cannot connect", line)
             and "unreachable" not in line]
    assert not noisy, noisy


def test_worker_redis_and_postgres_killed_are_restarted_and_nothing_is_lost(site, clean):
    """One run, three faults, each while pages are coming in and being read: the site shows four
    more pages before each."""
    home = _home(site)
    site.delay, site.shown = 0.5, 4                   # pages still coming in while the workers read the first
    run = Run(home, "--no-examples", **SETTINGS)
    try:
        run.wait_ready()
        # the worker's main process killed: its pool is left without it
        wait_until(lambda: documents(run).get("extracted", 0) >= 1, timeout=60, interval=0.1)
        kill(child_pid(run, "worker"))
        wait_until(lambda: any("worker exited with code -9" in line and "restarting" in line
                               for line in run.output().splitlines()), timeout=10)
        wait_until(lambda: sum("ready" in line for line in lines(run, "worker")) >= 2, timeout=60)
        wait_until(lambda: settled(run, 4), timeout=90, interval=0.5)
        assert_same_as_clean(home, clean, 4)

        # Redis killed
        show(home, site, 8)
        wait_until(lambda: documents(run).get("extracted", 0) >= 5, timeout=60, interval=0.1)
        since, run.started = len(run.output().splitlines()), time.monotonic()
        kill(int((home / "var" / "redis" / "redis.pid").read_text()))
        wait_until(lambda: "embedded Redis started again" in run.output(), timeout=20)
        wait_until(lambda: settled(run, 8), timeout=90, interval=0.5)
        assert_same_as_clean(home, clean, 8)
        assert_said_once(run, "broker", since)

        # PostgreSQL killed
        show(home, site, 12)
        wait_until(lambda: documents(run).get("extracted", 0) >= 9, timeout=60, interval=0.1)
        since, run.started = len(run.output().splitlines()), time.monotonic()
        kill(int((home / "var" / "pg" / "postmaster.pid").read_text().split()[0]))
        # while it is down, /metrics still answers, saying so
        assert wait_until(lambda: 'fundwatch_dependency_up{dependency="database"} 0.0' in httpx.get(
            run.api + "/metrics", timeout=10).text or "embedded PostgreSQL started again" in run.output(),
            timeout=20, interval=0.05)
        wait_until(lambda: "embedded PostgreSQL started again" in run.output(), timeout=30)
        wait_until(lambda: settled(run), timeout=90, interval=0.5)
        assert_same_as_clean(home, clean)
        assert_said_once(run, "database", since)
        assert documents(run).get("failed", 0) == 0        # no page failed for the outage
        assert run.proc.poll() is None                      # through all of it, the run went on
    finally:
        assert run.stop() == 0, run.output()[-3000:]
        shutil.rmtree(home, ignore_errors=True)
