"""The Celery app: Redis broker, late acknowledgement, tasks that carry ids only, routed by name.

It names no service: a worker is told its task modules when it starts (`include=`, from the
`fundwatch worker` and `fundwatch notifier` commands), and producers send by task name. Every task is
declared with `task()`."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from celery import Celery, Task

from shared import logs, outages, queues
from shared.settings import get_settings


def make_celery(include: Sequence[str] = ()) -> Celery:
    """The app with fundwatch's defaults; `include`: the task modules a worker loads at start."""
    settings = get_settings()
    app = Celery("fundwatch", broker=settings.redis_url or "redis://127.0.0.1:6379/0", include=list(include))
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_time_limit=settings.task_time_limit,
        task_soft_time_limit=max(settings.task_time_limit - 10, 5),
        # Must exceed the hard time limit, or a long task is delivered twice.
        broker_transport_options={"visibility_timeout": max(3600, settings.task_time_limit * 4)},
        broker_connection_retry_on_startup=True,
        # a broker outage is waited out, however long (said once a minute: shared/outages.py)
        broker_connection_retry=True,
        broker_connection_max_retries=None,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        task_default_queue=queues.EXTRACT,
        task_routes={queues.EXTRACT_DOCUMENTS: {"queue": queues.EXTRACT},
                     queues.EXTRACT_DOCUMENT: {"queue": queues.EXTRACT},
                     queues.SWEEP_PENDING: {"queue": queues.MAINTENANCE},
                     queues.DELIVER_WEBHOOKS: {"queue": queues.NOTIFY}},
        beat_schedule={"sweep-pending": {"task": queues.SWEEP_PENDING,
                                         "schedule": float(settings.sweep_interval_seconds)},
                       "deliver-webhooks": {"task": queues.DELIVER_WEBHOOKS,
                                            "schedule": float(settings.webhook_interval_seconds),
                                            "options": {"expires": 30}}},
        worker_hijack_root_logger=False,
        task_serializer="json",
        accept_content=["json"],
    )
    return app


app = make_celery()


class FundwatchTask(Task):
    """A fundwatch task: while it runs, its log lines carry its name, its id and the record ids it
    was given."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with logs.task_context(self.name, self.request.id, args):
            try:
                result = super().__call__(*args, **kwargs)
            except Exception as exc:
                # the database or the broker out of reach: said once per outage, not a traceback per
                # task. The task's rows stay as they were in PostgreSQL (pending pages stay pending)
                # and the sweep sends them again once both are back.
                if outages.DATABASE.noticed(exc) or outages.BROKER.noticed(exc):
                    return None
                raise
            return result

    def backoff(self) -> float:
        """Seconds before the next retry: doubling from 5 s, at most 5 minutes."""
        return min(2 ** self.request.retries * 5, 300)


def task(name: str, *, max_retries: int = 5, **options: Any) -> Callable[[Callable[..., Any]], FundwatchTask]:
    """The decorator every fundwatch task is declared with: an explicit name (from shared/queues.py),
    acknowledged late (so every task must be safe to run twice), the app's time limits unless given,
    `max_retries` for the retries a task asks for (`self.retry(countdown=self.backoff())`, with
    `bind=True`), and the log context."""
    return app.task(name=name, base=FundwatchTask, acks_late=True, max_retries=max_retries, **options)
