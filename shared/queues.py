"""Queue and task names: one place, so producers and workers agree."""

EXTRACT = "extract"
MAINTENANCE = "maintenance"

EXTRACT_DOCUMENTS = "fundwatch.extract_documents"
EXTRACT_DOCUMENT = "fundwatch.extract_document"   # one id per message, as sent by earlier versions
SWEEP_PENDING = "fundwatch.sweep_pending"
DELIVER_WEBHOOKS = "fundwatch.deliver_webhooks"
