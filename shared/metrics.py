"""Event counters that every fundwatch process adds to, and the API's `/metrics` reads.

What PostgreSQL holds (documents by status, records, runs) is read from it at scrape time. Events
that leave no row — a fetch answered 304, a robots refusal, a worker lost, a sweep re-send — are
counted here instead, in one Redis hash, so that any number of fetchers and workers on any number
of machines add to the same figure, each event once, and the figures stay readable while
PostgreSQL is down. Counting never fails the work it counts: with the broker away, the count is
lost and logged at DEBUG.

    from shared import metrics
    metrics.count("fetch_requests", outcome="stored", status="200")
    metrics.count("fetch_bytes", 5120)
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import redis
from prometheus_client.core import CounterMetricFamily

from shared.settings import get_settings

log = logging.getLogger("fundwatch.metrics")

KEY = "fundwatch:counters"


@dataclass(frozen=True)
class Event:
    help: str
    labels: tuple[str, ...] = ()


# Every counter fundwatch keeps, by its name without the `fundwatch_` prefix and `_total` suffix.
EVENTS: dict[str, Event] = {
    "fetch_requests": Event("HTTP requests made by fetchers, by outcome and status code", ("outcome", "status")),
    "fetch_not_modified": Event("Conditional requests answered 304 Not Modified"),
    "fetch_bytes": Event("Response body bytes received by fetchers"),
    "robots_refusals": Event("URLs a fetcher left alone because robots.txt disallows them"),
    "fetch_host_wait_seconds": Event("Seconds fetchers waited for a host's politeness interval"),
    "workers_lost": Event("Worker processes that died while reading a page"),
    "time_limit_hits": Event("Pages whose reading was stopped by the task time limit"),
    "sweep_resends": Event("Pending pages the sweep sent to the workers again"),
    "extraction_retries": Event("Pages retried after a passing fault, by reason", ("reason",)),
}


@cache
def _client() -> redis.Redis:
    return redis.Redis.from_url(get_settings().redis_url or "", socket_timeout=1, socket_connect_timeout=1)


def _field(event: str, labels: dict[str, str]) -> str:
    spec = EVENTS[event]
    if set(labels) != set(spec.labels):
        raise ValueError(f"{event} takes labels {spec.labels}, not {tuple(labels)}")
    return "|".join([event, *(f"{k}={labels[k]}" for k in spec.labels)])


def count(event: str, amount: float = 1, **labels: object) -> None:
    """Add `amount` to the counter `event` (a key of EVENTS) with these label values."""
    field = _field(event, {k: str(v) for k, v in labels.items()})
    if not amount:
        return
    try:
        if float(amount).is_integer():
            _client().hincrby(KEY, field, int(amount))
        else:
            _client().hincrbyfloat(KEY, field, float(amount))
    except redis.RedisError as exc:
        log.debug("counter %s not recorded: %s", field, exc)


def read() -> dict[tuple[str, tuple[str, ...]], float]:
    """Every counter's value, by (event, label values). Raises redis.RedisError with the broker away."""
    values: dict[tuple[str, tuple[str, ...]], float] = {}
    for raw, value in _client().hgetall(KEY).items():
        event, *pairs = raw.decode().split("|")
        if event in EVENTS:
            values[(event, tuple(p.partition("=")[2] for p in pairs))] = float(value)
    return values


def families(values: dict[tuple[str, tuple[str, ...]], float]) -> Iterator[CounterMetricFamily]:
    """The counters as Prometheus families: every event appears, at zero if it never happened."""
    for event, spec in EVENTS.items():
        family = CounterMetricFamily(f"fundwatch_{event}", spec.help, labels=list(spec.labels))
        for (name, label_values), value in sorted(values.items()):
            if name == event:
                family.add_metric(list(label_values), value)
        if not spec.labels and not any(name == event for name, _ in values):
            family.add_metric([], 0)
        yield family
