"""Outages of the database and the broker, logged once per change of state.

A process that meets PostgreSQL or Redis out of reach says so in one line ("database unreachable:
<reason>"), then "database still unreachable (N s)" at most once a minute, then "database reachable
again" — not a traceback per page or per tick. While a dependency is down, a probe thread in the
process asks it every few seconds, so the recovery is said even if nothing else happens.

    from shared import outages
    try:
        ...
    except Exception as exc:
        if not outages.DATABASE.noticed(exc):
            raise

The state lives in memory shared across `fork`, so a Celery worker's pool processes say a change
once between them. Log records of Celery and kombu about a lost broker connection (their retries
print a line and often a traceback each) are turned into the same state changes by `OutageFilter`.
"""
from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable

log = logging.getLogger("fundwatch.outage")

REMIND_SECONDS = 60.0    # "still unreachable" at most this often
PROBE_SECONDS = 2.0      # how often a process asks a dependency it found down


class Dependency:
    """One dependency's reachability, shared by the processes forked from the one that imported it."""

    def __init__(self, name: str, probe: Callable[[], None], is_outage: Callable[[BaseException], bool]):
        self.name, self._probe, self._is_outage = name, probe, is_outage
        self._state = multiprocessing.RawArray("d", 2)     # [down since (0: up), last said]
        self._lock = multiprocessing.Lock()
        self._prober: threading.Thread | None = None
        self._prober_lock = threading.Lock()

    @property
    def up(self) -> bool:
        return self._state[0] == 0.0

    def down_for(self) -> float:
        since = self._state[0]
        return time.time() - since if since else 0.0

    def noticed(self, exc: BaseException) -> bool:
        """If `exc` says the dependency is out of reach, note it (one line per state change) and
        return True; otherwise False, and the caller handles `exc` as it would anyway."""
        if not self._is_outage(exc):
            return False
        self.down(reason(exc))
        return True

    def down(self, why: str) -> None:
        now = time.time()
        with self._lock:
            since, said = self._state
            if not since:
                self._state[0] = self._state[1] = now
                log.warning("%s unreachable: %s", self.name, why)
            elif now - said >= REMIND_SECONDS:
                self._state[1] = now
                log.warning("%s still unreachable (%d s): %s", self.name, now - since, why)
        self._watch()

    def reachable(self) -> None:
        """The dependency answered: if it was down, say it is back."""
        if self._state[0] == 0.0:
            return
        with self._lock:
            since = self._state[0]
            if since:
                self._state[0] = 0.0
                log.warning("%s reachable again (after %d s)", self.name, time.time() - since)

    def check(self) -> bool:
        """Ask the dependency now; True when it answered."""
        try:
            self._probe()
        except Exception as exc:  # noqa: BLE001 - any failure of the probe is the dependency's
            self.down(reason(exc))
            return False
        self.reachable()
        return True

    def _watch(self) -> None:
        with self._prober_lock:
            if self._prober is not None and self._prober.is_alive():
                return
            self._prober = threading.Thread(target=self._probe_until_up, name=f"probe-{self.name}", daemon=True)
            self._prober.start()

    def _probe_until_up(self) -> None:
        while not self.up:
            time.sleep(PROBE_SECONDS)
            if self.up:
                return
            try:
                self._probe()
            except Exception as exc:  # noqa: BLE001
                self.down(reason(exc))
            else:
                self.reachable()


def reason(exc: BaseException) -> str:
    """The cause in one short line: the driver's own error, not SQLAlchemy's wrapping of it."""
    inner = getattr(exc, "orig", None) or exc
    first = next((line.strip() for line in str(inner).splitlines() if line.strip()), "")
    return f"{type(inner).__name__}: {first[:200]}" if first else type(inner).__name__


# PostgreSQL errors that mean the server is out of reach, not that a statement was refused:
# connection exceptions (class 08) and a server shutting down or starting (57P01-57P03)
_UNREACHABLE_STATES = ("08", "57P01", "57P02", "57P03")


def is_database_outage(exc: BaseException) -> bool:
    import psycopg
    import psycopg_pool
    import sqlalchemy.exc

    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig if exc.orig is not None else exc
    if isinstance(exc, psycopg_pool.PoolTimeout):
        return False   # every connection busy, or none to be had: only asking the server tells which
    if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
        state = getattr(exc, "sqlstate", None)
        return state is None or state.startswith(_UNREACHABLE_STATES)
    return False


def is_broker_outage(exc: BaseException) -> bool:
    import kombu.exceptions
    import redis

    return isinstance(exc, (redis.ConnectionError, redis.TimeoutError, kombu.exceptions.OperationalError,
                            ConnectionError))


def _probe_database() -> None:
    from sqlalchemy import text

    from shared.db import get_engine

    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


def _probe_broker() -> None:
    import redis

    from shared.settings import get_settings

    redis.Redis.from_url(get_settings().redis_url or "", socket_timeout=2, socket_connect_timeout=2).ping()


DATABASE = Dependency("database", _probe_database, is_database_outage)
BROKER = Dependency("broker", _probe_broker, is_broker_outage)

# what Celery and kombu say, once per retry, while the broker is away
_BROKER_LINES = ("Cannot connect to", "Connection to broker lost", "Connection error:", "Error 111",
                 "Connection refused", "Error while reading from socket", "Connection closed by server")

def _outage_behind(exc: BaseException) -> Dependency | None:
    """The dependency whose outage `exc` was raised while handling, if any (noted as its outage)."""
    seen: set[int] = set()
    inner = exc.__cause__ or exc.__context__
    while inner is not None and id(inner) not in seen:
        seen.add(id(inner))
        for dependency in (DATABASE, BROKER):
            if dependency.noticed(inner):
                return dependency
        inner = inner.__cause__ or inner.__context__
    return None


_TASK_LOGGERS = ("celery.app.trace", "celery.worker.request", "celery.worker.strategy", "celery.task")


class OutageFilter(logging.Filter):
    """Turns lines about an unreachable dependency into its state changes. A record whose exception
    is an outage, and Celery's and kombu's lines about retrying the broker connection, are dropped
    after noting the outage; Celery's "Connected to" after a reconnection says the broker is back."""

    def __init__(self) -> None:
        super().__init__()
        self._connected_once = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == log.name:
            return True
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            for dependency in (DATABASE, BROKER):
                if dependency.noticed(exc):
                    return False
            behind = _outage_behind(exc)
            if behind is not None:
                # an error met while handling an outage (Celery's own, at times): its line is kept,
                # the outage's traceback behind it is not
                record.exc_info, record.exc_text = None, None
                record.msg, record.args = f"{record.getMessage()} (while the {behind.name} was unreachable)", None
                return True
        if record.name.startswith("psycopg.pool") and record.getMessage().startswith("error connecting in"):
            DATABASE.down(record.getMessage()[:200])   # a pool's attempts to reconnect, each said by psycopg
            return False
        if record.name == "py.warnings" and "worker_cancel_long_running_tasks_on_connection_loss" in record.getMessage():
            return False   # Celery's notice, at the first broker outage, of a setting fundwatch sets on purpose
        # Celery's and kombu's own lines, not those it writes about a task (whose failure may well
        # mention a refused connection to somewhere else)
        if record.name.startswith(("celery", "kombu")) and not record.name.startswith(_TASK_LOGGERS):
            message = record.getMessage()
            if message.startswith("Connected to "):
                first, self._connected_once = not self._connected_once, True
                BROKER.reachable()
                return first
            if message.startswith("Skipping prefetch count reduction"):   # said at every reconnection
                return False
            if any(marker in message for marker in _BROKER_LINES):
                BROKER.down(message.splitlines()[0][:200])
                return False
        return True
