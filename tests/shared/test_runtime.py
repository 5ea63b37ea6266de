"""The run file: what `fundwatch run` publishes, read by the commands run beside it."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from services.supervisor import _shown
from shared import runtime
from shared.settings import Settings


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def info(pid: int) -> runtime.RunInfo:
    return runtime.RunInfo(pid, "postgresql://u@/db?host=/tmp/pg", "redis://127.0.0.1:6390/0", "http://127.0.0.1:8000")


def test_a_live_run_fills_in_only_the_addresses_not_set(tmp_path):
    runtime.publish(Settings(data_dir=tmp_path), info(os.getpid()))
    assert oct(runtime.run_file(Settings(data_dir=tmp_path)).stat().st_mode & 0o777) == "0o600"
    bare = Settings(data_dir=tmp_path, database_url=None, redis_url=None)
    assert runtime.attach(bare) == info(os.getpid())
    assert (bare.database_url, bare.redis_url) == ("postgresql://u@/db?host=/tmp/pg", "redis://127.0.0.1:6390/0")
    told = Settings(data_dir=tmp_path, database_url="postgresql://elsewhere/db", redis_url=None)
    runtime.attach(told)
    assert (told.database_url, told.redis_url) == ("postgresql://elsewhere/db", "redis://127.0.0.1:6390/0")


def test_a_dead_runs_file_is_an_error_unless_the_database_is_named(tmp_path):
    runtime.publish(Settings(data_dir=tmp_path), info(dead_pid()))
    with pytest.raises(runtime.StaleRun, match="no longer running"):
        runtime.attach(Settings(data_dir=tmp_path, database_url=None, redis_url=None))
    named = Settings(data_dir=tmp_path, database_url="postgresql://elsewhere/db", redis_url=None)
    assert runtime.attach(named) is None and named.redis_url is None


def test_a_run_removes_only_its_own_file(tmp_path):
    s = Settings(data_dir=tmp_path)
    runtime.publish(s, info(os.getpid()))
    runtime.withdraw(s, os.getpid() + 1)
    assert runtime.read(s) is not None
    runtime.withdraw(s, os.getpid())
    assert runtime.read(s) is None


def test_a_servers_password_is_not_logged():
    assert _shown("postgresql://fw:s3cret@db.internal:5432/fundwatch") == "postgresql://fw:***@db.internal:5432/fundwatch"
    assert _shown("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"
