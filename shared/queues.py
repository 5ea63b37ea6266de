"""Queue and task names: one place, so producers and workers agree. Each service's worker consumes
its own queues; messages are sent by task name (`shared/messages.py`)."""

EXTRACT = "extract"           # pages to read and consolidate (the extractor)
MAINTENANCE = "maintenance"   # the extractor's sweeps
NOTIFY = "notify"             # webhook planning and delivery (the notifier)

EXTRACT_DOCUMENTS = "fundwatch.extract_documents"
EXTRACT_DOCUMENT = "fundwatch.extract_document"   # one id per message, as sent by earlier versions
SWEEP_PENDING = "fundwatch.sweep_pending"
DELIVER_WEBHOOKS = "fundwatch.deliver_webhooks"

# the queues each worker kind consumes (`fundwatch worker`, `fundwatch notifier`)
EXTRACTOR_QUEUES = (EXTRACT, MAINTENANCE)
NOTIFIER_QUEUES = (NOTIFY,)
