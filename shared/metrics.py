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
from collections import defaultdict
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


def _add(counts: dict[str, float]) -> None:
    """Add every field's amount in one round trip (a pipeline); raises redis.RedisError."""
    pipe = _client().pipeline(transaction=False)
    for field, amount in counts.items():
        if float(amount).is_integer():
            pipe.hincrby(KEY, field, int(amount))
        else:
            pipe.hincrbyfloat(KEY, field, float(amount))
    pipe.execute()


def send(counts: dict[str, float]) -> bool:
    """Add counts (fields as Tally.take gives them) in one round trip; False, logged at DEBUG, when
    the broker is away or none is configured (the caller may keep them for later)."""
    if not counts:
        return True
    try:
        _add(counts)
        return True
    except (redis.RedisError, ValueError) as exc:   # ValueError: no broker configured
        log.debug("%d counters not sent: %s", len(counts), exc)
        return False


class Tally:
    """Counts kept in memory by a process that counts often (the fetcher: several events a
    request), sent to Redis together, one round trip however many there were. count() is a dict
    addition, cheap enough for every request; take() and keep() run on the thread that counts (an
    event loop), send() may run on another."""

    def __init__(self) -> None:
        self._counts: dict[str, float] = defaultdict(float)

    def count(self, event: str, amount: float = 1, **labels: object) -> None:
        """Add `amount` to the counter `event` (a key of EVENTS), to be sent with the next flush."""
        field = _field(event, {k: str(v) for k, v in labels.items()})
        if amount:
            self._counts[field] += amount

    def take(self) -> dict[str, float]:
        """The counts since the last take, leaving none."""
        counts, self._counts = self._counts, defaultdict(float)
        return counts

    def keep(self, counts: dict[str, float]) -> None:
        """Put back counts that could not be sent, for the next flush (the fields are a bounded
        set, so only the amounts grow while the broker is away)."""
        for field, amount in counts.items():
            self._counts[field] += amount

    def flush(self) -> None:
        counts = self.take()
        if not send(counts):
            self.keep(counts)


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
