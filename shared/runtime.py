"""Where a running `fundwatch run` is: it publishes the addresses of the servers it uses (the
embedded ones it started, or those it was given) in a file under the data directory, so every
other fundwatch command run beside it finds them without being told."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from shared.settings import Settings

RUN_FILE = "run.json"


class StaleRun(Exception):
    """The run file names a `fundwatch run` that is no longer running."""


@dataclass(frozen=True)
class RunInfo:
    pid: int
    database_url: str
    redis_url: str
    api_url: str


def run_file(settings: Settings) -> Path:
    return settings.data_dir / RUN_FILE


def publish(settings: Settings, info: RunInfo) -> Path:
    """Write the run file, readable by its owner only (a database URL may hold a password)."""
    path = run_file(settings)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(asdict(info), f)
    tmp.replace(path)  # readers never see half a file
    return path


def withdraw(settings: Settings, pid: int) -> None:
    """Remove the run file if it is this run's."""
    info = read(settings)
    if info is not None and info.pid == pid:
        run_file(settings).unlink(missing_ok=True)


def read(settings: Settings) -> RunInfo | None:
    try:
        return RunInfo(**json.loads(run_file(settings).read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None


def running(settings: Settings) -> RunInfo | None:
    """The live run the file names; None when there is no file; StaleRun when its process is gone."""
    info = read(settings)
    if info is None:
        return None
    if not alive(info.pid):
        raise StaleRun(f"{run_file(settings)} names a `fundwatch run` (pid {info.pid}) that is no longer "
                       "running: start `fundwatch run`, or set FUNDWATCH_DATABASE_URL and FUNDWATCH_REDIS_URL")
    return info


def attach(settings: Settings) -> RunInfo | None:
    """Fill in the servers of the live `fundwatch run` where settings name none (raises StaleRun)."""
    if settings.database_url and settings.redis_url:
        return None
    try:
        info = running(settings)
    except StaleRun:
        if settings.database_url:  # told where the database is: a dead run's file is beside the point
            return None
        raise
    if info is not None:
        settings.database_url = settings.database_url or info.database_url
        settings.redis_url = settings.redis_url or info.redis_url
    return info


def alive(pid: int) -> bool:
    """Whether a process of this machine runs: it exists and is not a zombie (dead, not yet reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        pass
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:   # no /proc here: the kernel's word that it exists will do
        return True
