"""Log lines that say which task wrote them: the running task's name, id and the record ids it was
given, added by `TaskContext` to every line written while the task runs (`fundwatch` installs it)."""
from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

_running: contextvars.ContextVar[str] = contextvars.ContextVar("fundwatch_task", default="")


def _record_ids(args: tuple) -> str:
    """The record ids among a task's arguments (its messages carry ids only), shortened for a line."""
    ids = [a for arg in args for a in (arg if isinstance(arg, (list, tuple)) else [arg]) if isinstance(a, int)]
    shown = ",".join(map(str, ids[:8])) + (f",… ({len(ids)} ids)" if len(ids) > 8 else "")
    return f" ids={shown}" if ids else ""


@contextmanager
def task_context(name: str, task_id: str | None, args: tuple) -> Iterator[None]:
    """Lines logged inside carry " [name id ids=…]"."""
    token = _running.set(f" [{name} {task_id or 'local'}{_record_ids(args)}]")
    try:
        yield
    finally:
        _running.reset(token)


class TaskContext(logging.Filter):
    """Puts the running task's context (or nothing) into each record as `task_context`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.task_context = _running.get()
        return True
