"""`fundwatch run`: the whole system in the foreground — embedded PostgreSQL and Redis unless
FUNDWATCH_DATABASE_URL / FUNDWATCH_REDIS_URL name servers, then migrations, then the sample site,
API, fetcher, extraction worker, notifier and scheduler as child processes with prefixed logs.
Ctrl-C (or SIGTERM) stops every process it started."""
from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time

from urllib.parse import urlsplit

from shared import runtime
from shared.embedded import EmbeddedPostgres, EmbeddedRedis
from shared.settings import get_settings

log = logging.getLogger("fundwatch.run")


class Children:
    def __init__(self) -> None:
        self.procs: dict[str, subprocess.Popen] = {}
        self.optional: set[str] = set()   # those whose exit does not stop the others

    def start(self, name: str, args: list[str], env: dict[str, str], optional: bool = False) -> None:
        if optional:
            self.optional.add(name)
        proc = subprocess.Popen([sys.executable, "-m", "services.cli", *args], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, bufsize=1, start_new_session=True)
        self.procs[name] = proc
        threading.Thread(target=_relay, args=(name, proc), daemon=True).start()

    def first_exited(self) -> str | None:
        return next((n for n, p in self.procs.items() if p.poll() is not None), None)

    def stop(self, timeout: float = 10.0) -> None:
        for proc in self.procs.values():
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for name, proc in self.procs.items():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop in time; killing it", name)
            _signal_group(proc, signal.SIGKILL)  # also reaps grandchildren (worker pool processes)


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
    children = Children()
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
            children.start("examples", ["examples", "--watch", "--any-port-if-taken"], env, optional=True)
        children.start("api", ["api"], env)
        children.start("worker", ["worker"], env)
        children.start("notifier", ["notifier"], env)
        children.start("beat", ["beat"], env)
        children.start("fetcher", ["fetcher"], env)
        log.info("fundwatch is running: API on %s (docs at /docs); Ctrl-C stops everything", api_url)
        while not stopping.wait(1.0):
            dead = children.first_exited()
            if dead in children.optional:
                log.warning("%s exited with code %s; the rest goes on without it", dead,
                            children.procs.pop(dead).returncode)
            elif dead:
                log.error("%s exited with code %s; stopping", dead, children.procs[dead].returncode)
                return 1
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
