"""Queue and task names: one place, so producers and workers agree."""

EXTRACT = "extract"
MAINTENANCE = "maintenance"

EXTRACT_DOCUMENT = "fundwatch.extract_document"
SWEEP_PENDING = "fundwatch.sweep_pending"
DELIVER_WEBHOOKS = "fundwatch.deliver_webhooks"
