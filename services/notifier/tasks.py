"""Celery tasks of the notifier (queue `notify`, run by `fundwatch notifier`)."""
from __future__ import annotations

from typing import Any

from services.notifier import webhooks
from shared import queues
from shared.celery_app import task


@task(queues.DELIVER_WEBHOOKS)
def deliver_webhooks() -> dict[str, Any]:
    """Plan and send webhook deliveries (the scheduler sends this every few seconds). Safe to run
    twice at once: deliveries are claimed with SKIP LOCKED and unique per subscription and change."""
    return webhooks.dispatch()
