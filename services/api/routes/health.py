"""GET /healthz and GET /metrics (Prometheus)."""
from __future__ import annotations

import redis
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, SummaryMetricFamily
from prometheus_client.samples import Sample
from sqlalchemy import text

from services.api import observe
from shared import metrics as events
from shared import outages
from shared.db import get_engine
from shared.settings import get_settings

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="Liveness and dependencies")
def healthz() -> JSONResponse:
    checks = {}
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        redis.Redis.from_url(get_settings().redis_url or "", socket_timeout=2).ping()
        checks["broker"] = "ok"
    except Exception as exc:
        checks["broker"] = f"error: {type(exc).__name__}"
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ok" if ok else "degraded", "checks": checks}, status_code=200 if ok else 503)


class PipelineCollector:
    """Pipeline state read from PostgreSQL at scrape time, so every worker's work is counted once.
    With the database out of reach its series are left out and `fundwatch_dependency_up` says so;
    the event counters, kept in Redis, are served all the same."""

    def collect(self):
        up = GaugeMetricFamily("fundwatch_dependency_up", "Whether the API reached the dependency at this scrape "
                               "(1) or not (0)", labels=["dependency"])
        try:
            from_database, database_up = list(self._from_database()), True
            outages.DATABASE.reachable()
        except Exception as exc:
            if not outages.DATABASE.noticed(exc):
                raise
            from_database, database_up = [], False
        queue = GaugeMetricFamily("fundwatch_queue_depth", "Messages waiting in the broker", labels=["queue"])
        try:
            r = redis.Redis.from_url(get_settings().redis_url or "", socket_timeout=2, socket_connect_timeout=2)
            depths = {name: r.llen(name) for name in ("extract", "maintenance")}
            counters, broker_up = list(events.families(events.read())), True
            outages.BROKER.reachable()
        except redis.RedisError as exc:
            outages.BROKER.noticed(exc)
            depths, counters, broker_up = {}, [], False
        for name, n in depths.items():
            queue.add_metric([name], n)
        up.add_metric(["database"], int(database_up))
        up.add_metric(["broker"], int(broker_up))
        yield from (up, *counters, *from_database, queue)

    def _from_database(self):
        docs = GaugeMetricFamily("fundwatch_documents", "Stored documents by extraction status", labels=["status"])
        retrying = GaugeMetricFamily("fundwatch_documents_retrying", "Pending documents whose last attempt met a "
                                     "passing fault (its reason is the document's last_error)")
        src = GaugeMetricFamily("fundwatch_source_consecutive_failures", "Consecutive failures per source",
                                labels=["source"])
        pages = GaugeMetricFamily("fundwatch_source_pages_seen", "Pages seen per source", labels=["source"])
        times = {k: GaugeMetricFamily(f"fundwatch_source_{k}_timestamp_seconds", f"Source {k.replace('_', ' ')} time",
                                      labels=["source"]) for k in ("last_attempt", "last_success", "next_due")}
        totals = GaugeMetricFamily("fundwatch_records", "Consolidated records by kind", labels=["kind"])
        docs_by_source = GaugeMetricFamily("fundwatch_source_documents", "Pages stored per source and extraction status",
                                           labels=["source", "status"])
        yield_ = GaugeMetricFamily("fundwatch_source_mentions", "Award statements read from each source's pages "
                                   "(extraction yield)", labels=["source"])
        runs = CounterMetricFamily("fundwatch_extractions", "Extraction task runs by outcome", labels=["outcome"])
        run_time = SummaryMetricFamily("fundwatch_extraction_seconds", "Time to extract and consolidate one page",
                                       labels=[])
        deliveries = GaugeMetricFamily("fundwatch_webhook_deliveries", "Webhook deliveries by status", labels=["status"])
        lag = SummaryMetricFamily("fundwatch_publication_to_record_seconds",
                                  "Seconds from a page's publication (the time its feed, sitemap or own metadata "
                                  "states, with time of day and zone) to the first award statement recorded from it, "
                                  "over every page with one; pages dated to the day only are left out (see "
                                  "fundwatch_publication_date_only_pages)", labels=[])
        date_only = GaugeMetricFamily("fundwatch_publication_date_only_pages",
                                      "Pages with recorded award statements whose publication is known to the day "
                                      "only, so left out of fundwatch_publication_to_record_seconds")
        with get_engine().connect() as conn:
            for status, n in conn.execute(text("SELECT status, count(*) FROM documents GROUP BY status")):
                docs.add_metric([status], n)
            retrying.add_metric([], conn.execute(text(
                "SELECT count(*) FROM documents WHERE status = 'pending' AND last_error IS NOT NULL")).scalar_one())
            for row in conn.execute(text(
                    "SELECT name, consecutive_failures, pages_seen, extract(epoch FROM last_attempt_at) AS last_attempt,"
                    " extract(epoch FROM last_success_at) AS last_success, extract(epoch FROM next_due_at) AS next_due"
                    " FROM sources")):
                src.add_metric([row.name], row.consecutive_failures)
                pages.add_metric([row.name], row.pages_seen)
                for k, gauge in times.items():
                    if getattr(row, k) is not None:
                        gauge.add_metric([row.name], float(getattr(row, k)))
            for kind, table in (("awards", "awards"), ("announcements", "announcements"), ("mentions", "mentions")):
                totals.add_metric([kind], conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for name, status, n in conn.execute(text(
                    "SELECT s.name, d.status, count(*) FROM documents d JOIN sources s ON s.id = d.source_id"
                    " GROUP BY s.name, d.status")):
                docs_by_source.add_metric([name, status], n)
            for name, n in conn.execute(text(
                    "SELECT s.name, count(m.id) FROM sources s LEFT JOIN documents d ON d.source_id = s.id"
                    " LEFT JOIN mentions m ON m.document_id = d.id GROUP BY s.name")):
                yield_.add_metric([name], n)
            for outcome, n in conn.execute(text("SELECT outcome, count(*) FROM extraction_runs GROUP BY outcome")):
                runs.add_metric([outcome], n)
            n, total = conn.execute(text("SELECT count(seconds), coalesce(sum(seconds), 0) FROM extraction_runs")).one()
            run_time.add_metric([], count_value=n, sum_value=float(total))
            for status, n in conn.execute(text("SELECT status, count(*) FROM deliveries GROUP BY status")):
                deliveries.add_metric([status], n)
            lags = conn.execute(text(_PUBLICATION_TO_RECORD)).one()
            lag.add_metric([], count_value=lags.n, sum_value=float(lags.total))
            for q, value in zip(QUANTILES, lags.quantiles or ()):
                lag.samples.append(Sample(lag.name, {"quantile": str(q)}, float(value)))
            date_only.add_metric([], lags.date_only)
        yield from (docs, retrying, src, pages, *times.values(), totals, docs_by_source, yield_, runs, run_time,
                    deliveries, lag, date_only)


QUANTILES = (0.5, 0.9, 0.99)
# per page with statements: its publication moment (NULL when only a date is known) and its first statement
_PUBLICATION_TO_RECORD = f"""
    WITH pages AS (
        SELECT extract(epoch FROM min(m.created_at) - d.published_at) AS lag, d.published IS NOT NULL AS dated
        FROM documents d JOIN mentions m ON m.document_id = d.id GROUP BY d.id)
    SELECT count(lag) AS n, coalesce(sum(lag), 0) AS total,
           percentile_cont(ARRAY{list(QUANTILES)}) WITHIN GROUP (ORDER BY lag) AS quantiles,
           count(*) FILTER (WHERE lag IS NULL AND dated) AS date_only
    FROM pages"""


REGISTRY = CollectorRegistry()
REGISTRY.register(PipelineCollector())


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics() -> Response:
    return Response(generate_latest(REGISTRY) + observe.exposition(), media_type=CONTENT_TYPE_LATEST)
