"""Every fundwatch task is declared by one decorator: explicit name, late acknowledgement, retries,
and log lines that name the task and the records it was given."""
from __future__ import annotations

import logging

from shared import queues
from shared.celery_app import task
from shared.logs import TaskContext

log = logging.getLogger("fundwatch.test")


@task("fundwatch.test_log_context", bind=True)
def _logs_a_line(self, document_ids: list[int]) -> int:
    log.warning("working on %d pages", len(document_ids))
    return len(document_ids)


def test_a_task_logs_with_its_name_id_and_record_ids(caplog):
    context = TaskContext()
    caplog.handler.addFilter(context)
    try:
        with caplog.at_level(logging.WARNING, logger="fundwatch.test"):
            result = _logs_a_line.apply(args=([7, 8, 9],), task_id="t-1").get()
            log.warning("outside any task")
    finally:
        caplog.handler.removeFilter(context)
    assert result == 3
    inside, outside = caplog.records[-2:]
    assert inside.task_context == " [fundwatch.test_log_context t-1 ids=7,8,9]"
    assert outside.task_context == ""


def test_every_task_of_the_services_has_the_defaults():
    from services.extractor import tasks as extractor_tasks
    from services.notifier import tasks as notifier_tasks

    declared = [extractor_tasks.extract_documents, extractor_tasks.extract_document, extractor_tasks.sweep_pending,
                notifier_tasks.deliver_webhooks]
    assert {t.name for t in declared} == {queues.EXTRACT_DOCUMENTS, queues.EXTRACT_DOCUMENT, queues.SWEEP_PENDING,
                                          queues.DELIVER_WEBHOOKS}
    for t in declared:
        assert t.acks_late and t.max_retries == 5, t.name


def test_retries_back_off_doubling_up_to_five_minutes():
    seen = []

    @task("fundwatch.test_backoff", bind=True)
    def waits(self) -> list[float]:
        for retries in (0, 1, 2, 10):
            self.request.retries = retries
            seen.append(self.backoff())
        return seen

    assert waits.apply().get() == [5, 10, 20, 300]
