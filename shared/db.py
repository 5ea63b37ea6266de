"""Engine and session factory for PostgreSQL (psycopg 3)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import orjson
import psycopg
from psycopg.rows import namedtuple_row
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import Connection, Engine, Executable, create_engine, text
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg
from sqlalchemy.orm import Session, sessionmaker

from shared.settings import get_settings


def sqlalchemy_url(url: str) -> str:
    """Accept postgres://, postgresql:// or postgresql+psycopg:// and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@lru_cache
def get_engine() -> Engine:
    url = get_settings().database_url
    if not url:
        raise RuntimeError("FUNDWATCH_DATABASE_URL is not set; start fundwatch with `fundwatch run` "
                           "(which starts an embedded PostgreSQL) or point it at a server")
    return create_engine(sqlalchemy_url(url), pool_pre_ping=True, pool_size=10, max_overflow=10,
                         # JSONB read with orjson: several times the speed of the standard library
                         json_deserializer=orjson.loads)


def libpq_url(url: str) -> str:
    """The same database as a libpq URL (what psycopg itself takes)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


# the API's hot reads: autocommit (a read is one round trip), times in UTC (PostgreSQL renders them
# into JSON); psycopg prepares a statement after a few uses on a connection
READ_OPTIONS = {"autocommit": True, "options": "-c TimeZone=UTC"}


def read_url() -> str:
    return libpq_url(get_engine().url.render_as_string(hide_password=False))


def read_pool() -> AsyncConnectionPool:
    """A pool of asynchronous connections for the API's hot reads, to be opened (and closed) by
    the event loop that uses it: the API's lifespan. All its connections are opened at start, so a
    burst of requests never waits for the pool to grow."""
    settings = get_settings()
    size = settings.api_read_connections
    return AsyncConnectionPool(read_url(), min_size=size, max_size=size, timeout=settings.api_read_wait_seconds,
                               kwargs=READ_OPTIONS, name="fundwatch-read", open=False)


@lru_cache
def _factory() -> sessionmaker[Session]:
    return sessionmaker(get_engine(), expire_on_commit=False)


def new_session() -> Session:
    return _factory()()


def reset() -> None:
    """Forget the engine and settings (a process that points itself at another database, as the
    benchmarks do for each run)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    _factory.cache_clear()
    get_settings.cache_clear()


@contextmanager
def transaction() -> Iterator[Connection]:
    """A Core connection in a transaction that commits on success and rolls back on error, for the
    hot paths that speak SQL without ORM objects (a session's bookkeeping costs on every statement)."""
    with get_engine().begin() as conn:
        yield conn


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on error."""
    with _factory().begin() as session:
        yield session


DIALECT = pg_psycopg.dialect()   # what fundwatch's statements are compiled for


def pg_ints(values: Iterable[int]) -> str:
    """Integers as PostgreSQL's array literal ('{1,-2}'), for a parameter cast to an integer array:
    psycopg adapts a Python list element by element in Python, several times the cost of this one
    string for the short lists the hot path sends."""
    return "{" + ",".join(map(str, map(int, values))) + "}"


def pg_texts(values: Iterable[str | None]) -> str:
    """Strings as PostgreSQL's array literal ('{"a b","c\\"d",NULL}'): each quoted, with its
    backslashes and double quotes escaped; None as NULL."""
    return "{" + ",".join("NULL" if v is None else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                          for v in values) + "}"


class Statement:
    """A statement of a worker's hot path: compiled by SQLAlchemy once, then run straight on the
    psycopg connection beneath a Core connection, in its transaction. SQLAlchemy's own work on each
    execution (cache lookup, parameter and result processing) costs about as much client CPU as
    psycopg's, and these statements run several times for every page read. Lists go in as array
    literals (`pg_ints`, `pg_texts`, with `= ANY(:ids)` rather than an expanding IN); JSON columns come back
    through the engine's orjson loader; rows are named tuples, all fetched."""

    __slots__ = ("sql", "defaults")

    def __init__(self, statement: Executable | str):
        compiled = (text(statement) if isinstance(statement, str) else statement).compile(dialect=DIALECT)
        self.sql: str = compiled.string
        self.defaults: dict[str, Any] = dict(compiled.params)   # literals bound when the statement was built

    def __call__(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Run it and return its rows (none for a statement that returns none)."""
        cur = _cursor(conn)
        cur.execute(self.sql, {**self.defaults, **params} if params else (self.defaults or None))
        return cur.fetchall() if cur.description is not None else []

    def first(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any | None:
        rows = self(conn, params)
        return rows[0] if rows else None


_CURSOR = "fundwatch.cursor"


def _cursor(conn: Connection) -> psycopg.Cursor:
    """The connection's cursor for statements, kept with the psycopg connection beneath it (making
    one costs about a quarter of running a short statement); safe to reuse because every statement
    fetches all its rows before the next runs."""
    fairy = conn.connection
    raw = fairy.driver_connection
    cur = fairy.info.get(_CURSOR)
    if cur is None or cur.closed or cur.connection is not raw:
        cur = fairy.info[_CURSOR] = raw.cursor(row_factory=namedtuple_row)
    return cur
