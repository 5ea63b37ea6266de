"""`fundwatch run`: the whole system in the foreground — embedded PostgreSQL and Redis unless
FUNDWATCH_DATABASE_URL / FUNDWATCH_REDIS_URL name servers, then migrations, then the sample site,
API, fetcher, extraction worker, notifier and scheduler as child processes with prefixed logs.
It supervises them as an orchestrator would: a child that dies is restarted with backoff, and the
embedded PostgreSQL or Redis, if it dies, is started again on the same data and address (so every
client reconnects). Ctrl-C (or SIGTERM) stops every process it started."""
from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from shared import runtime
from shared.embedded import EmbeddedPostgres, EmbeddedRedis, adopt_orphans, reap_orphans
from shared.settings import get_settings

log = logging.getLogger("fundwatch.run")


# a child that dies is started again after 1 s, then 2, 4 … at most 30 s while it keeps dying; one that
# ran this long before dying starts again after 1 s
BACKOFF_FIRST, BACKOFF_MAX, STABLE_SECONDS = 1.0, 30.0, 60.0


@dataclass
class Child:
    name: str
    args: list[str]
    proc: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0
    delay: float = 0.0           # the backoff before the next start
    due: float | None = None     # when it is started again (None: running)


class Children:
    """The processes `fundwatch run` starts; one that dies is restarted with backoff, said in one line."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.children: dict[str, Child] = {}

    def start(self, name: str, args: list[str]) -> None:
        child = self.children.setdefault(name, Child(name, args))
        child.proc = subprocess.Popen([sys.executable, "-m", "services.cli", *args], env=self.env,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                                      start_new_session=True)
        child.started, child.due = time.monotonic(), None
        threading.Thread(target=_relay, args=(name, child.proc), daemon=True).start()

    def pids(self) -> set[int]:
        return {c.proc.pid for c in self.children.values() if c.proc is not None}

    def supervise(self) -> None:
        """Notice the children that died (and schedule their restart); start those whose time has come."""
        now = time.monotonic()
        for child in self.children.values():
            if child.due is None and child.proc is not None and child.proc.poll() is not None:
                _signal_group(child.proc, signal.SIGKILL)   # what it leaves behind (worker pool processes)
                ran = now - child.started
                child.delay = BACKOFF_FIRST if ran >= STABLE_SECONDS else min(BACKOFF_MAX, max(BACKOFF_FIRST,
                                                                                                child.delay * 2))
                child.restarts += 1
                child.due = now + child.delay
                log.warning("%s exited with code %s after %.0f s; restarting it in %.0f s (restart %d)", child.name,
                            child.proc.returncode, ran, child.delay, child.restarts)
            elif child.due is not None and now >= child.due:
                self.start(child.name, child.args)

    def stop(self, timeout: float = 10.0) -> None:
        running = [c.proc for c in self.children.values() if c.proc is not None]
        for proc in running:
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for name, child in self.children.items():
            if child.proc is None:
                continue
            try:
                child.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop in time; killing it", name)
            _signal_group(child.proc, signal.SIGKILL)  # also reaps grandchildren (worker pool processes)


class Servers:
    """The embedded PostgreSQL and Redis, started again (same data, same address) when one dies."""

    def __init__(self, pg: EmbeddedPostgres | None, redis: EmbeddedRedis | None) -> None:
        self.pg, self.redis = pg, redis
        self.retry_at = {"PostgreSQL": 0.0, "Redis": 0.0}
        self.said: set[str] = set()

    def supervise(self) -> None:
        for name, server in (("PostgreSQL", self.pg), ("Redis", self.redis)):
            if server is None or server.alive() or time.monotonic() < self.retry_at[name]:
                continue
            if name not in self.said:
                log.warning("embedded %s died; starting it again on the same data and address", name)
                self.said.add(name)
            try:
                server.restart() if name == "PostgreSQL" else server.start()
            except Exception as exc:  # noqa: BLE001 - e.g. the dead server's processes not gone yet
                log.debug("embedded %s not started yet: %s", name, exc)
                self.retry_at[name] = time.monotonic() + 1.0
                continue
            self.said.discard(name)
            log.warning("embedded %s started again", name)

    def pids(self) -> set[int]:
        return {self.redis._proc.pid} if self.redis is not None and self.redis._proc is not None else set()


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _relay(name: str, proc: subprocess.Popen) -> None:
    for line in proc.stdout:  # type: ignore[union-attr]
        sys.stdout.write(f"{name:>8} | {line}")
        sys.stdout.flush()


def run(with_examples: bool = True) -> int:
    settings = get_settings()
    data = settings.data_dir.resolve()
    data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    pg = redis = None
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    children = Children(env)
    adopt_orphans()   # the embedded PostgreSQL's postmaster becomes this process's child: its death is seen
    try:
        other = runtime.running(settings)
    except runtime.StaleRun:
        other = None  # a run that died without cleaning up: its file is replaced below
    if other is not None and other.pid != os.getpid():
        log.error("fundwatch run is already running here (pid %d, API on %s); stop it first, or give this "
                  "one another FUNDWATCH_DATA_DIR", other.pid, other.api_url)
        return 1
    published = False
    try:
        if not settings.database_url:
            pg = EmbeddedPostgres(data / "pg")
            env["FUNDWATCH_DATABASE_URL"] = pg.start()
            log.info("started embedded PostgreSQL at %s, data in %s", env["FUNDWATCH_DATABASE_URL"], data / "pg")
        else:
            log.info("using PostgreSQL at %s (FUNDWATCH_DATABASE_URL)", _shown(settings.database_url))
        if not settings.redis_url:
            redis = EmbeddedRedis(data / "redis")
            env["FUNDWATCH_REDIS_URL"] = redis.start()
            log.info("started embedded Redis at %s, data in %s", env["FUNDWATCH_REDIS_URL"], data / "redis")
        else:
            log.info("using Redis at %s (FUNDWATCH_REDIS_URL)", _shown(settings.redis_url))
        api_url = f"http://{settings.api_host}:{settings.api_port}"
        path = runtime.publish(settings, runtime.RunInfo(os.getpid(), env["FUNDWATCH_DATABASE_URL"],
                                                         env["FUNDWATCH_REDIS_URL"], api_url))
        published = True
        log.info("other fundwatch commands run here (export, apikey, reprocess, sources) find these servers "
                 "through %s", path)
        if not settings.admin_api_key:
            key_file = data / "admin_api_key"
            if not key_file.exists():
                key_file.write_text(secrets.token_urlsafe(24))
                key_file.chmod(0o600)
            env["FUNDWATCH_ADMIN_API_KEY"] = key_file.read_text().strip()
            log.info("admin API key for POST /sources is in %s", key_file)
        subprocess.run([sys.executable, "-m", "services.cli", "migrate"], env=env, check=True)
        if with_examples:
            children.start("examples", ["examples", "--watch", "--any-port-if-taken"])
        for name in ("api", "worker", "notifier", "beat", "fetcher"):
            children.start(name, [name])
        servers = Servers(pg, redis)
        log.info("fundwatch is running: API on %s (docs at /docs); Ctrl-C stops everything", api_url)
        while not stopping.wait(0.5):
            servers.supervise()
            children.supervise()
            reap_orphans(children.pids() | servers.pids())
        return 0
    except subprocess.CalledProcessError as exc:
        log.error("startup failed: %s", exc)
        return 1
    finally:
        log.info("stopping")
        if published:
            runtime.withdraw(settings, os.getpid())
        children.stop()
        if redis:
            redis.stop()
        if pg:
            pg.stop()
        log.info("stopped")


def _shown(url: str) -> str:
    """A server URL fit for a log: its password, if any, masked."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()
    return url
