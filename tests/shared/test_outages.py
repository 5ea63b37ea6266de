"""An unreachable database or broker is said once per change of state, not once per failure."""
from __future__ import annotations

import logging

import psycopg
import pytest
import redis
import sqlalchemy
from sqlalchemy import text

from shared import outages
from shared.db import get_engine
from tests.conftest import wait_until


@pytest.fixture
def dependency(monkeypatch):
    """A dependency whose probe answers as the test says."""
    answers = {"up": False}

    def probe() -> None:
        if not answers["up"]:
            raise ConnectionRefusedError("refused")

    monkeypatch.setattr(outages, "PROBE_SECONDS", 0.05)
    dep = outages.Dependency("thing", probe, lambda exc: isinstance(exc, ConnectionError))
    dep.answers = answers
    yield dep
    answers["up"] = True


def said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "fundwatch.outage"]


def test_an_outage_is_said_once_then_its_end_once(dependency, caplog):
    caplog.set_level(logging.INFO, "fundwatch.outage")
    for _ in range(50):                                     # fifty pages meeting it
        assert dependency.noticed(ConnectionRefusedError("refused"))
    assert said(caplog) == ["thing unreachable: ConnectionRefusedError: refused"]
    assert not dependency.up
    dependency.answers["up"] = True                         # the probe thread sees it back
    wait_until(lambda: len(said(caplog)) == 2, timeout=5, interval=0.05)
    assert dependency.up and said(caplog)[1].startswith("thing reachable again")


def test_a_long_outage_is_recalled_at_most_once_a_minute(dependency, caplog, monkeypatch):
    caplog.set_level(logging.INFO, "fundwatch.outage")
    monkeypatch.setattr(outages, "PROBE_SECONDS", 3600)   # only this test's calls say anything
    clock = [1000.0]
    monkeypatch.setattr(outages.time, "time", lambda: clock[0])
    dependency.down("refused")
    for _ in range(30):                                     # two and a half minutes, a failure every 5 s
        clock[0] += 5
        dependency.down("refused")
    assert said(caplog) == ["thing unreachable: refused", "thing still unreachable (60 s): refused",
                            "thing still unreachable (120 s): refused"]


def test_other_errors_are_not_outages(dependency):
    assert not dependency.noticed(ValueError("a bug"))
    assert dependency.up


def test_a_database_out_of_reach_is_told_from_a_refused_statement(db):
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect("postgresql://fundwatch@127.0.0.1:1/fundwatch", connect_timeout=2)
    assert outages.is_database_outage(refused.value)
    with pytest.raises(sqlalchemy.exc.DBAPIError) as bad, get_engine().connect() as conn:
        conn.execute(text("SELECT 1 / 0"))
    assert not outages.is_database_outage(bad.value)        # the server answered: a statement's own fault
    with pytest.raises(sqlalchemy.exc.ProgrammingError) as missing, get_engine().connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table"))
    assert not outages.is_database_outage(missing.value)


def test_a_broker_out_of_reach_is_an_outage():
    with pytest.raises(redis.ConnectionError) as refused:
        redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=1).ping()
    assert outages.is_broker_outage(refused.value)
    assert not outages.is_broker_outage(redis.ResponseError("WRONGTYPE"))


def test_celery_lines_about_retrying_the_broker_become_one_state_change(monkeypatch, caplog):
    broker = outages.Dependency("broker", lambda: None, outages.is_broker_outage)
    monkeypatch.setattr(outages, "BROKER", broker)
    caplog.set_level(logging.INFO, "fundwatch.outage")
    keep = outages.OutageFilter()

    def record(name: str, message: str) -> logging.LogRecord:
        return logging.LogRecord(name, logging.ERROR, __file__, 1, message, None, None)

    retries = [record("celery.worker.consumer.consumer", f"consumer: Cannot connect to redis://127.0.0.1:6399/0: "
                      f"Error 111 connecting to 127.0.0.1:6399. Connection refused..\nTrying again in {n}.00 "
                      f"seconds... ({n}/100)") for n in range(1, 20)]
    assert not any(keep.filter(r) for r in retries)
    assert said(caplog) == ["broker unreachable: consumer: Cannot connect to redis://127.0.0.1:6399/0: Error 111 "
                            "connecting to 127.0.0.1:6399. Connection refused.."]
    # a task's own failure that mentions a refused connection elsewhere is the task's, and kept
    assert keep.filter(record("celery.app.trace", "Task fundwatch.deliver_webhooks raised: Connection refused"))
    assert keep.filter(record("celery.worker.consumer.connection", "Connected to redis://127.0.0.1:6399/0"))
    assert not keep.filter(record("celery.worker.consumer.connection", "Connected to redis://127.0.0.1:6399/0"))
    assert broker.up and said(caplog)[-1].startswith("broker reachable again")
    assert keep.filter(record("fundwatch.fetcher", "source x: 3 pages"))


def test_an_error_met_while_handling_an_outage_keeps_its_line_but_not_the_tracebacks(monkeypatch, caplog):
    broker = outages.Dependency("broker", lambda: None, outages.is_broker_outage)
    monkeypatch.setattr(outages, "BROKER", broker)
    caplog.set_level(logging.INFO, "fundwatch.outage")
    try:
        try:
            raise redis.ConnectionError("Connection closed by server.")
        except redis.ConnectionError:
            raise AttributeError("'NoneType' object has no attribute 'hostname'")
    except AttributeError:
        import sys
        record = logging.LogRecord("celery.worker", logging.CRITICAL, __file__, 1, "Unrecoverable error: %r",
                                   (sys.exc_info()[1],), sys.exc_info())
    assert outages.OutageFilter().filter(record)
    assert record.exc_info is None and "Unrecoverable error: AttributeError" in record.getMessage()
    assert record.getMessage().endswith("(while the broker was unreachable)")
    assert said(caplog) == ["broker unreachable: ConnectionError: Connection closed by server."]
